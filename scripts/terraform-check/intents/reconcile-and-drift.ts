// Explicit intents of the two scheduled sweeps (DESIGN §5-6): reconcile repairs what was lost (parked
// edits, referrals whose Created event was dropped, trigger-stage deals whose webhook was lost) and the
// drift report reads and alerts only.

import { type ExplicitKit, viaService } from './builders';
import type { IntentCase } from './types';

export const reconcileAndDriftIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, p, crossCatalog, mappings } = k;
  const { submit, reconcile, drift } = k.role;
  return [
    c(
      drift,
      'use the stack key outside SQS, DynamoDB, Secrets Manager and SNS (S3)',
      'Denied',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 's3')
    ),
    c(reconcile, 'Scan entity-mappings (the sweep)', 'Allowed', 'dynamodb:Scan', mappings),
    c(reconcile, 'Scan sync-state', 'Denied', 'dynamodb:Scan', a.table('sync-state')),
    // The scheduled drift report reads and alerts only.
    c(drift, 'Publish its summary', 'Allowed', 'sns:Publish', a.topic('alerts')),
    c(drift, 'Scan entity-mappings', 'Allowed', 'dynamodb:Scan', mappings),
    c(drift, 'PutItem entity-mappings', 'Denied', 'dynamodb:PutItem', mappings),
    p(drift, 'GetOpportunity', 'Allowed', 'GetOpportunity'),
    ...(d.catalog === 'Sandbox'
      ? [p(drift, 'GetOpportunity in catalog AWS', 'Denied', 'GetOpportunity', 'AWS')]
      : []),
    ...['ace-submit', 'ace-update', 'govwin-sync', 'ace-reconcile-dlq'].map((q) =>
      c(drift, `SendMessage to ${q}`, 'Denied', 'sqs:SendMessage', a.queue(q))
    ),
    ...[
      'CreateOpportunity',
      'UpdateOpportunity',
      'AssociateOpportunity',
      'DisassociateOpportunity',
      'StartEngagementFromOpportunityTask',
      'SubmitOpportunity',
    ].map((x) => p(drift, `${x} (never writes)`, 'Denied', x)),
    p(reconcile, 'UpdateOpportunity (replay parked edits)', 'Allowed', 'UpdateOpportunity'),
    ...['AssociateOpportunity', 'DisassociateOpportunity'].map((x) =>
      p(reconcile, `${x} (replay a parked product or solution edit)`, 'Allowed', x)
    ),
    p(
      reconcile,
      'ListEngagementFromOpportunityTasks (find submissions AWS failed)',
      'Allowed',
      'ListEngagementFromOpportunityTasks'
    ),
    // A referral whose Created event was dropped: list pending invitations, read each, create the deal.
    p(
      reconcile,
      'ListEngagementInvitations (pending referrals whose event was dropped)',
      'Allowed',
      'ListEngagementInvitations'
    ),
    p(
      reconcile,
      `ListEngagementInvitations with Catalog=${d.otherCatalog}`,
      'Denied',
      'ListEngagementInvitations',
      d.otherCatalog
    ),
    p(
      reconcile,
      'GetEngagementInvitation (reads a referral to create its deal)',
      'Allowed',
      'GetEngagementInvitation'
    ),
    p(
      reconcile,
      `GetEngagementInvitation in the ${d.otherCatalog} catalog`,
      'Denied',
      'GetEngagementInvitation',
      d.otherCatalog
    ),
    crossCatalog(
      reconcile,
      `GetEngagementInvitation with Catalog=${d.otherCatalog} on a ${d.catalog} ARN`,
      'GetEngagementInvitation'
    ),
    // A trigger-stage deal whose webhook was lost: the submit message the receiver would have sent.
    c(
      reconcile,
      'SendMessage to the submit queue (re-queue an unsubmitted deal)',
      'Allowed',
      'sqs:SendMessage',
      a.queue('ace-submit')
    ),
    ...['ace-update', 'ace-submit-dlq', 'govwin-sync'].map((q) =>
      c(reconcile, `SendMessage to ${q}`, 'Denied', 'sqs:SendMessage', a.queue(q))
    ),
    c(
      reconcile,
      'encrypt the re-queued submit message with the stack key (via SQS)',
      'Allowed',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 'sqs')
    ),
    p(
      submit,
      'UpdateOpportunity (refresh a pending opportunity before submitting it again)',
      'Allowed',
      'UpdateOpportunity'
    ),
    c(submit, 'Scan entity-mappings', 'Denied', 'dynamodb:Scan', mappings),
  ];
};
