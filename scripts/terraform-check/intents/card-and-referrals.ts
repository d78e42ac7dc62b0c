// Explicit intents of the card's writes route and of answering an AWS referral (ADR 0007): the writes
// role edits, reads and rejects invitations and queues an accept on the submit queue; only the submit
// role starts the accept task. Nothing calls AcceptEngagementInvitation.

import { type ExplicitKit, leading, viaService } from './builders';
import type { IntentCase } from './types';

export const cardAndReferralIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, p, crossCatalog, mappings } = k;
  const { receiver, reads, writes, submit, update, events, reconcile, orchestrator, worker } =
    k.role;
  return [
    // Answering an AWS referral (ADR 0007): the card's writes role reads and rejects invitations and queues
    // an accept on the submit queue; only the submit role starts the accept task, which accepts the
    // invitation and has AWS create the opportunity. Nothing calls AcceptEngagementInvitation.
    ...[writes, receiver, reads, submit, update, events, reconcile, orchestrator, worker].map(
      (role) =>
        p(
          role,
          'AcceptEngagementInvitation (never called: the accept task accepts)',
          'Denied',
          'AcceptEngagementInvitation'
        )
    ),
    ...[receiver, reads, submit, update, events, reconcile, orchestrator, worker].map((role) =>
      p(
        role,
        'RejectEngagementInvitation (card writes only)',
        'Denied',
        'RejectEngagementInvitation'
      )
    ),
    ...[writes, receiver, reads, update, events, reconcile, orchestrator, worker].map((role) =>
      p(
        role,
        'StartEngagementByAcceptingInvitationTask (submit role only)',
        'Denied',
        'StartEngagementByAcceptingInvitationTask'
      )
    ),
    p(
      submit,
      'StartEngagementByAcceptingInvitationTask (accepts a referral the rep accepted)',
      'Allowed',
      'StartEngagementByAcceptingInvitationTask'
    ),
    p(
      submit,
      `StartEngagementByAcceptingInvitationTask in the ${d.otherCatalog} catalog`,
      'Denied',
      'StartEngagementByAcceptingInvitationTask',
      d.otherCatalog
    ),
    crossCatalog(
      submit,
      `StartEngagementByAcceptingInvitationTask with Catalog=${d.otherCatalog} on a ${d.catalog} ARN`,
      'StartEngagementByAcceptingInvitationTask'
    ),
    p(
      submit,
      'GetEngagementInvitation (checks the referral before accepting)',
      'Allowed',
      'GetEngagementInvitation'
    ),
    ...[submit, reconcile].map((role) =>
      p(
        role,
        'ListEngagementByAcceptingInvitationTasks (finds the accept task of a referral)',
        'Allowed',
        'ListEngagementByAcceptingInvitationTasks'
      )
    ),
    c(
      writes,
      'SendMessage to the submit queue (an accepted referral)',
      'Allowed',
      'sqs:SendMessage',
      a.queue('ace-submit')
    ),
    ...['ace-update', 'ace-submit-dlq', 'govwin-sync'].map((q) =>
      c(writes, `SendMessage to ${q}`, 'Denied', 'sqs:SendMessage', a.queue(q))
    ),
    c(
      writes,
      'ReceiveMessage from the submit queue (it only sends)',
      'Denied',
      'sqs:ReceiveMessage',
      a.queue('ace-submit')
    ),
    c(
      writes,
      'encrypt the accept message with the stack key (via SQS)',
      'Allowed',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 'sqs')
    ),
    ...['ListEngagementInvitations', 'ListEngagementByAcceptingInvitationTasks'].map((x) =>
      p(writes, `${x} (not called by the card)`, 'Denied', x)
    ),

    // Writes: edit, read and reject invitations; never create, start engagements or accept.
    ...[
      'UpdateOpportunity',
      'AssociateOpportunity',
      'DisassociateOpportunity',
      'GetOpportunity',
    ].map((x) => p(writes, x, 'Allowed', x)),
    ...['RejectEngagementInvitation', 'GetEngagementInvitation'].map((x) =>
      p(writes, x, 'Allowed', x)
    ),
    ...[
      'CreateOpportunity',
      'StartEngagementFromOpportunityTask',
      'StartEngagementByAcceptingInvitationTask',
      'SubmitOpportunity',
    ].map((x) => p(writes, x, 'Denied', x)),
    crossCatalog(
      writes,
      'UpdateOpportunity with Catalog=other on a configured-catalog ARN',
      'UpdateOpportunity'
    ),
    c(writes, 'PutItem DEAL# row', 'Allowed', 'dynamodb:PutItem', mappings, leading('DEAL#42')),
    c(
      writes,
      'PutItem EVT# row (not a card row)',
      'Denied',
      'dynamodb:PutItem',
      mappings,
      leading('EVT#1')
    ),
    c(writes, 'Scan entity-mappings', 'Denied', 'dynamodb:Scan', mappings),
    c(
      writes,
      'read the HubSpot token',
      'Allowed',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      writes,
      'read the GovWin credentials',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('govwin-credentials')
    ),
  ];
};
