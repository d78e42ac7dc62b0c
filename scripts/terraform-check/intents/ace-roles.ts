// Explicit intents of the ACE submitter's roles (DESIGN §5): submit is the one role that creates;
// update, the card's writes route and reconcile apply edits; events only reads Partner Central and
// hands review-exit replays to the update queue. No role holds GetAwsOpportunitySummary.

import { type ExplicitKit, leading, viaService } from './builders';
import type { IntentCase } from './types';

/** Submit, update and events: who creates, who edits, who reads invitations. */
export const aceRoleIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, p } = k;
  const { submit, update, events } = k.role;
  return [
    // Submit: the one role that creates.
    p(submit, 'CreateOpportunity', 'Allowed', 'CreateOpportunity'),
    p(
      submit,
      'StartEngagementFromOpportunityTask',
      'Allowed',
      'StartEngagementFromOpportunityTask'
    ),
    p(
      submit,
      'CreateOpportunity in the other catalog',
      'Denied',
      'CreateOpportunity',
      d.otherCatalog
    ),
    c(
      submit,
      'ReceiveMessage from the submit queue',
      'Allowed',
      'sqs:ReceiveMessage',
      a.queue('ace-submit')
    ),
    c(
      submit,
      'ReceiveMessage from the update queue',
      'Denied',
      'sqs:ReceiveMessage',
      a.queue('ace-update')
    ),
    c(
      submit,
      'take a rate-limit token',
      'Allowed',
      'dynamodb:UpdateItem',
      a.table('sync-state'),
      leading('RL#ace-write')
    ),
    c(
      submit,
      'write a GovWin watermark',
      'Denied',
      'dynamodb:PutItem',
      a.table('sync-state'),
      leading('OPP#1')
    ),
    c(
      submit,
      'append an audit row',
      'Allowed',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('AUDIT#42')
    ),
    c(
      submit,
      'append a non-audit row to the audit table',
      'Denied',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('DEAL#42')
    ),

    // Update / events / reconcile.
    p(update, 'UpdateOpportunity', 'Allowed', 'UpdateOpportunity'),
    p(update, 'CreateOpportunity', 'Denied', 'CreateOpportunity'),
    p(events, 'GetEngagementInvitation', 'Allowed', 'GetEngagementInvitation'),
    p(
      events,
      'ListEngagementByAcceptingInvitationTasks (binds an accepted referral to its deal)',
      'Allowed',
      'ListEngagementByAcceptingInvitationTasks'
    ),
    p(
      events,
      'ListEngagementByAcceptingInvitationTasks in the other catalog',
      'Denied',
      'ListEngagementByAcceptingInvitationTasks',
      d.otherCatalog
    ),
    p(events, 'ListEngagementInvitations (never called)', 'Denied', 'ListEngagementInvitations'),
    p(events, 'UpdateOpportunity', 'Denied', 'UpdateOpportunity'),
  ];
};

/** Who applies edits, and the Partner Central read no code makes. */
export const editorIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, p, crossCatalog } = k;
  const { submit, update, events, reconcile, writes, reads, ops } = k.role;
  return [
    // Who applies edits (DESIGN §5): update, the card's writes route and reconcile. The events role only
    // reads Partner Central and hands review-exit replays to the update queue (replayParked).
    ...['AssociateOpportunity', 'DisassociateOpportunity'].flatMap((x) => [
      p(
        update,
        `${x} (a product / solution edit made outside the card, or a replayed one)`,
        'Allowed',
        x
      ),
      crossCatalog(update, `${x} with Catalog=${d.otherCatalog} on a ${d.catalog} deployment`, x),
      p(update, `${x} in the ${d.otherCatalog} catalog`, 'Denied', x, d.otherCatalog),
    ]),
    ...[
      'CreateOpportunity',
      'StartEngagementFromOpportunityTask',
      'SubmitOpportunity',
      'UpdateOpportunity',
      'AssociateOpportunity',
      'DisassociateOpportunity',
      'CreateEngagement',
      'AcceptEngagementInvitation',
      'RejectEngagementInvitation',
    ].map((x) => p(events, `${x} (events writes nothing to Partner Central)`, 'Denied', x)),
    c(
      update,
      'ReceiveMessage from the update queue (webhook edits and replay requests)',
      'Allowed',
      'sqs:ReceiveMessage',
      a.queue('ace-update')
    ),
    c(
      update,
      'ReceiveMessage from the submit queue',
      'Denied',
      'sqs:ReceiveMessage',
      a.queue('ace-submit')
    ),
    c(
      events,
      'SendMessage to the update queue (replayParked request)',
      'Allowed',
      'sqs:SendMessage',
      a.queue('ace-update')
    ),
    ...['ace-submit', 'ace-update-dlq', 'govwin-sync'].map((q) =>
      c(events, `SendMessage to ${q}`, 'Denied', 'sqs:SendMessage', a.queue(q))
    ),
    c(
      events,
      'ReceiveMessage from the update queue (it only sends)',
      'Denied',
      'sqs:ReceiveMessage',
      a.queue('ace-update')
    ),
    c(
      events,
      'encrypt the replay request with the stack key (via SQS)',
      'Allowed',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 'sqs')
    ),
    // No code calls GetAwsOpportunitySummary, so no role holds it.
    ...[submit, update, events, reconcile, writes, reads, ops].map((role) =>
      p(role, 'GetAwsOpportunitySummary (never called)', 'Denied', 'GetAwsOpportunitySummary')
    ),
  ];
};
