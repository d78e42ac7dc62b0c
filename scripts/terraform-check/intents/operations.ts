// Explicit intents of the operations role (the govwin-ace CLI): reads, dead-letter replay and redrive of
// failed asynchronous runs, trace / dry-run / drift reads, an append-only audit and deal mirror repair;
// no Partner Central write, and never assumed without MFA.

import { type ExplicitKit, leading, viaService } from './builders';
import type { IntentCase } from './types';

export const operationsIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, p, trust, mappings } = k;
  const { ops } = k.role;
  return [
    // Operations role (govwin-ace CLI): reads and dead-letter replay, still append-only audit, no ACE writes.
    c(
      ops,
      'read the HubSpot token (doctor checks its shape)',
      'Allowed',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(ops, 'export audit rows', 'Allowed', 'dynamodb:Query', a.table('audit'), leading('AUDIT#42')),
    c(
      ops,
      'update an audit row',
      'Denied',
      'dynamodb:UpdateItem',
      a.table('audit'),
      leading('AUDIT#42')
    ),
    c(
      ops,
      'delete an audit row',
      'Denied',
      'dynamodb:DeleteItem',
      a.table('audit'),
      leading('AUDIT#42')
    ),
    c(ops, 'write an ACE mapping row', 'Denied', 'dynamodb:PutItem', mappings, leading('DEAL#42')),
    c(ops, 'read a dead letter', 'Allowed', 'sqs:ReceiveMessage', a.queue('ace-submit-dlq')),
    ...[
      'ace-submitter-events-async-dlq',
      'govwin-poller-orchestrator-async-dlq',
      'ace-events-dlq',
      'drift-report-dlq',
    ].flatMap((q) => [
      c(ops, `read and remove a dead letter of ${q}`, 'Allowed', 'sqs:DeleteMessage', a.queue(q)),
      c(
        ops,
        `SendMessage to ${q} (replay re-invokes the function)`,
        'Denied',
        'sqs:SendMessage',
        a.queue(q)
      ),
    ]),
    c(ops, 'replay to the submit queue', 'Allowed', 'sqs:SendMessage', a.queue('ace-submit')),
    c(
      ops,
      'take messages from a live queue',
      'Denied',
      'sqs:ReceiveMessage',
      a.queue('ace-submit')
    ),
    p(ops, 'CreateOpportunity', 'Denied', 'CreateOpportunity'),
    c(
      ops,
      'start a GovWin sync run',
      'Allowed',
      'lambda:InvokeFunction',
      a.fn('govwin-poller-orchestrator')
    ),
    c(
      ops,
      'invoke the submit function directly',
      'Denied',
      'lambda:InvokeFunction',
      a.fn('ace-submitter-submit')
    ),
    // dlq replay of a failed asynchronous run re-invokes exactly the function that kept the record.
    ...[
      'ace-submitter-events',
      'ace-submitter-reconcile',
      'cli-drift-report',
      'govwin-poller-orchestrator',
    ].map((fn) =>
      c(ops, `redrive a failed run of ${fn}`, 'Allowed', 'lambda:InvokeFunction', a.fn(fn))
    ),
    ...['govwin-poller-worker', 'ace-submitter-update', 'ui-ext-writes-writes'].map((fn) =>
      c(
        ops,
        `invoke ${fn} (not invoked asynchronously)`,
        'Denied',
        'lambda:InvokeFunction',
        a.fn(fn)
      )
    ),
    // Operations role: trace / dry-run / drift read opportunities and tasks, audit their own writes,
    // repair a deal's mirror row and publish the drift report; still no Partner Central write.
    p(ops, 'GetOpportunity (trace, dry-run, drift)', 'Allowed', 'GetOpportunity'),
    p(
      ops,
      'ListEngagementFromOpportunityTasks (trace, drift)',
      'Allowed',
      'ListEngagementFromOpportunityTasks'
    ),
    p(
      ops,
      `GetOpportunity in the ${d.otherCatalog} catalog`,
      'Denied',
      'GetOpportunity',
      d.otherCatalog
    ),
    ...['UpdateOpportunity', 'AssociateOpportunity', 'StartEngagementFromOpportunityTask'].map(
      (x) => p(ops, `${x} (no Partner Central write)`, 'Denied', x)
    ),
    c(
      ops,
      'append an audit row',
      'Allowed',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('AUDIT#42')
    ),
    c(
      ops,
      'put a non-audit key into the audit table',
      'Denied',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('DEAL#42')
    ),
    c(
      ops,
      'PutItem an audit row without LeadingKeys (Null guard)',
      'Denied',
      'dynamodb:PutItem',
      a.table('audit')
    ),
    c(
      ops,
      'repair a deal mirror row',
      'Allowed',
      'dynamodb:UpdateItem',
      mappings,
      leading('DEAL#42')
    ),
    c(ops, 'update an ACE# row', 'Denied', 'dynamodb:UpdateItem', mappings, leading('ACE#O1234')),
    c(ops, 'update an EVT# row', 'Denied', 'dynamodb:UpdateItem', mappings, leading('EVT#1')),
    c(
      ops,
      'UpdateItem without LeadingKeys (Null guard)',
      'Denied',
      'dynamodb:UpdateItem',
      mappings
    ),
    c(
      ops,
      'delete a deal mirror row',
      'Denied',
      'dynamodb:DeleteItem',
      mappings,
      leading('DEAL#42')
    ),
    c(
      ops,
      'publish the drift report (drift --notify)',
      'Allowed',
      'sns:Publish',
      a.topic('alerts')
    ),
    c(
      ops,
      'encrypt for the alerts topic with the stack key (via SNS)',
      'Allowed',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 'sns')
    ),
    trust('operator', 'AssumeRole without MFA', 'Denied', d.deployerPrincipal, false),
  ];
};
