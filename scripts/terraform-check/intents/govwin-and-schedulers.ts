// Explicit intents of the GovWin poller (the orchestrator fans out and caches the token; the worker maps
// entities and appends one audit row per deal HubSpot accepted) and of the two scheduler roles, which
// invoke exactly their function.

import { type ExplicitKit, leading } from './builders';
import type { IntentCase } from './types';

export const govwinAndSchedulerIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, r, mappings } = k;
  const { orchestrator, worker } = k.role;
  return [
    // GovWin poller.
    c(
      orchestrator,
      'fan out to the sync queue',
      'Allowed',
      'sqs:SendMessage',
      a.queue('govwin-sync')
    ),
    c(
      orchestrator,
      'cache the GovWin token',
      'Allowed',
      'secretsmanager:PutSecretValue',
      d.secretArn('govwin-token')
    ),
    c(
      orchestrator,
      'overwrite the GovWin credentials',
      'Denied',
      'secretsmanager:PutSecretValue',
      d.secretArn('govwin-credentials')
    ),
    c(
      orchestrator,
      'read the HubSpot token',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(worker, 'consume the sync queue', 'Allowed', 'sqs:ReceiveMessage', a.queue('govwin-sync')),
    c(
      worker,
      'map a GovWin entity',
      'Allowed',
      'dynamodb:PutItem',
      a.table('sync-state'),
      leading('GOVENTITY#1')
    ),
    c(worker, 'write entity-mappings', 'Denied', 'dynamodb:PutItem', mappings, leading('DEAL#1')),
    // The sync appends one audit row per deal HubSpot accepted; the chain stays append-only.
    c(
      worker,
      'append an audit row',
      'Allowed',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('AUDIT#42')
    ),
    c(
      worker,
      'read the previous audit row of a deal',
      'Allowed',
      'dynamodb:Query',
      a.table('audit'),
      leading('AUDIT#42')
    ),
    c(
      worker,
      'append a non-audit row to the audit table',
      'Denied',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('DEAL#42')
    ),
    c(
      worker,
      'update an audit row',
      'Denied',
      'dynamodb:UpdateItem',
      a.table('audit'),
      leading('AUDIT#42')
    ),
    c(
      worker,
      'batch-write audit rows',
      'Denied',
      'dynamodb:BatchWriteItem',
      a.table('audit'),
      leading('AUDIT#42')
    ),

    // Schedulers.
    c(
      r('govwin-scheduler'),
      'invoke the orchestrator',
      'Allowed',
      'lambda:InvokeFunction',
      a.fn('govwin-poller-orchestrator')
    ),
    c(
      r('govwin-scheduler'),
      'invoke the worker',
      'Denied',
      'lambda:InvokeFunction',
      a.fn('govwin-poller-worker')
    ),
    c(
      r('ace-reconcile-scheduler'),
      'invoke reconcile',
      'Allowed',
      'lambda:InvokeFunction',
      a.fn('ace-submitter-reconcile')
    ),
    c(
      r('ace-reconcile-scheduler'),
      'invoke submit',
      'Denied',
      'lambda:InvokeFunction',
      a.fn('ace-submitter-submit')
    ),
  ];
};
