// The IAM intents of DESIGN §5 as simulation cases, run with @cloud-copilot/iam-simulate (test-only,
// AGPL devDependency) against the rendered policies of the evaluated world. Three kinds of cases:
//   1. Explicit intents, one per sentence of DESIGN §5 and the issue (receiver PutItem ACE# denied, …).
//   2. Sweeps generated from the policies themselves: every Partner Central action any runtime role
//      holds is allowed in the configured catalog and denied in the other one; Create/StartEngagement*
//      only for the submit role; no runtime role may update or delete audit rows.
//   3. On-failure destinations of asynchronous invocations: each function's role may send to its own
//      destination (and encrypt for it through SQS), no other role may, and it may send to no other DLQ.
//   4. Reach of the deployment identities: the deployer can create every resource of the stack and
//      nothing with another prefix; the bootstrap operator can create every bootstrap resource and
//      nothing outside the project.
// Each case names a principal, an action, a resource (sample ARN) and request context, and expects
// Allowed or Denied (implicit or explicit).

import { runSimulation } from '@cloud-copilot/iam-simulate';
import { type Lazy, materialize, toStr, type Value } from './hcl-eval';
import type { IamModel, NamedPolicy, RoleModel } from './iam-model';
import type { PolicyDocument } from './samples';
import { SAMPLE_ACCOUNT_ID } from './samples';
import { type InstanceRef, message, type World } from './tf-world';

export type Expectation = 'Allowed' | 'Denied';

/** Where a case comes from: DESIGN §5 sentences, or a sweep generated from the rendered policies. */
export type IntentKind =
  | 'explicit'
  | 'catalog'
  | 'create-only-submit'
  | 'audit-append-only'
  | 'async-failure-destination'
  | 'deployer-reach'
  | 'operator-reach';

export interface IntentCase {
  /** Unique, readable: `<subject>: <what> -> <expectation>`. */
  readonly id: string;
  readonly kind: IntentKind;
  /** Role name, `operator` (bootstrap-operator.json) or `trust:<role name>` (AssumeRole). */
  readonly subject: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
  /** For trust cases: who calls AssumeRole. */
  readonly caller?: string;
  readonly expect: Expectation;
}

export interface IntentResult {
  readonly intent: IntentCase;
  readonly actual: string;
  readonly ok: boolean;
}

/** Facts about the deployment the cases are written against (read from the evaluated world). */
export interface Deployment {
  /** `<project>-<environment>`. */
  readonly prefix: string;
  readonly project: string;
  readonly region: string;
  readonly account: string;
  readonly catalog: string;
  readonly otherCatalog: string;
  readonly keyArn: string;
  readonly boundaryArn: string;
  readonly secretArn: (purpose: string) => string;
  readonly stateBucket: string;
  readonly stateKeyPrefix: string;
  readonly deployerPrincipal: string;
}

const OTHER_PREFIX = 'acme-prod';

const arns = (d: Deployment) => ({
  table: (t: string) => `arn:aws:dynamodb:${d.region}:${d.account}:table/${d.prefix}-${t}`,
  queue: (q: string) => `arn:aws:sqs:${d.region}:${d.account}:${d.prefix}-${q}`,
  topic: (t: string) => `arn:aws:sns:${d.region}:${d.account}:${d.prefix}-${t}`,
  fn: (f: string) => `arn:aws:lambda:${d.region}:${d.account}:function:${d.prefix}-${f}`,
  role: (r: string) => `arn:aws:iam::${d.account}:role/${d.prefix}-${r}`,
});

/** A sample ARN in `catalog` for each Partner Central action the roles use ("*" for list actions). */
export const partnerCentralResource = (
  action: string,
  catalog: string,
  account: string
): string => {
  const base = 'arn:aws:partnercentral:us-east-1';
  const name = action.replace(/^partnercentral:/, '');
  if (name.startsWith('List')) return '*';
  if (/Opportunity$|OpportunitySummary$/.test(name) && !name.startsWith('StartEngagement'))
    return `${base}:${account}:catalog/${catalog}/opportunity/O1234567890`;
  if (/EngagementInvitation$/.test(name))
    return `${base}::catalog/${catalog}/engagement-invitation/engi-0000000001`;
  if (name === 'StartEngagementFromOpportunityTask')
    return `${base}::catalog/${catalog}/engagement-from-opportunity-task/task-0000000001`;
  if (name === 'StartEngagementByAcceptingInvitationTask')
    return `${base}::catalog/${catalog}/engagement-by-accepting-invitation-task/task-0000000001`;
  if (name === 'CreateEngagement' || name === 'GetEngagement')
    return `${base}::catalog/${catalog}/engagement/eng-0000000001`;
  if (name === 'CreateResourceSnapshot')
    return `${base}:${account}:catalog/${catalog}/engagement/eng-0000000001/resource/Opportunity/O1234567890/template/default/resource-snapshot/1`;
  if (name === 'CreateResourceSnapshotJob' || name === 'StartResourceSnapshotJob')
    return `${base}:${account}:catalog/${catalog}/resource-snapshot-job/job-0000000001`;
  throw new Error(`no sample Partner Central resource for ${action}`);
};

const leading = (...keys: string[]) => ({ 'dynamodb:LeadingKeys': keys });
const viaService = (d: Deployment, s: string) => ({
  'kms:ViaService': `${s}.${d.region}.amazonaws.com`,
});

/** The explicit intents of DESIGN §5 and the issue, for the roles of the stack and bootstrap. */
export const explicitIntents = (d: Deployment): IntentCase[] => {
  const a = arns(d);
  const r = (name: string): string => `${d.prefix}-${name}`;
  const pc = (
    action: string,
    catalog = d.catalog
  ): { action: string; resource: string; context: Record<string, string> } => ({
    action: `partnercentral:${action}`,
    resource: partnerCentralResource(`partnercentral:${action}`, catalog, d.account),
    context: { 'partnercentral:Catalog': catalog },
  });
  const c = (
    subject: string,
    what: string,
    expect: Expectation,
    action: string,
    resource: string,
    context?: Record<string, string | string[]>
  ): IntentCase => ({
    id: `${subject}: ${what} -> ${expect}`,
    kind: 'explicit',
    subject,
    action,
    resource,
    expect,
    ...(context ? { context } : {}),
  });

  const receiver = r('hubspot-webhook-receiver-receiver');
  const reads = r('ui-ext-reads-reads');
  const writes = r('ui-ext-writes-writes');
  const submit = r('ace-submitter-submit');
  const update = r('ace-submitter-update');
  const events = r('ace-submitter-events');
  const reconcile = r('ace-submitter-reconcile');
  const orchestrator = r('govwin-poller-orchestrator');
  const worker = r('govwin-poller-worker');
  const deployer = r('deployer');
  const ops = r('operator');
  const mappings = a.table('entity-mappings');

  return [
    // Receiver: replay keys only, enqueue to exactly its two queues, publish alerts.
    c(
      receiver,
      'PutItem WHK# replay key',
      'Allowed',
      'dynamodb:PutItem',
      mappings,
      leading('WHK#3f2a')
    ),
    c(receiver, 'PutItem ACE#1 key', 'Denied', 'dynamodb:PutItem', mappings, leading('ACE#1')),
    c(receiver, 'PutItem DEAL#1 key', 'Denied', 'dynamodb:PutItem', mappings, leading('DEAL#1')),
    c(receiver, 'PutItem without LeadingKeys (Null guard)', 'Denied', 'dynamodb:PutItem', mappings),
    c(
      receiver,
      'PutItem WHK# and ACE# keys together',
      'Denied',
      'dynamodb:PutItem',
      mappings,
      leading('WHK#1', 'ACE#1')
    ),
    c(
      receiver,
      'GetItem WHK# (no reads)',
      'Denied',
      'dynamodb:GetItem',
      mappings,
      leading('WHK#1')
    ),
    c(
      receiver,
      'PutItem WHK# in sync-state (other table)',
      'Denied',
      'dynamodb:PutItem',
      a.table('sync-state'),
      leading('WHK#1')
    ),
    c(
      receiver,
      'SendMessage to the submit queue',
      'Allowed',
      'sqs:SendMessage',
      a.queue('ace-submit')
    ),
    c(
      receiver,
      'SendMessage to the update queue',
      'Allowed',
      'sqs:SendMessage',
      a.queue('ace-update')
    ),
    c(
      receiver,
      'SendMessage to the GovWin sync queue',
      'Denied',
      'sqs:SendMessage',
      a.queue('govwin-sync')
    ),
    c(
      receiver,
      'SendMessage to the submit DLQ',
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-submit-dlq')
    ),
    c(
      receiver,
      'ReceiveMessage from the submit queue',
      'Denied',
      'sqs:ReceiveMessage',
      a.queue('ace-submit')
    ),
    c(receiver, 'Publish its alerts', 'Allowed', 'sns:Publish', a.topic('alerts')),
    c(
      receiver,
      'read the signing secret',
      'Allowed',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-signing')
    ),
    c(
      receiver,
      'read the HubSpot token',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      receiver,
      'read the GovWin credentials',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('govwin-credentials')
    ),
    c(
      receiver,
      'encrypt for SQS with the stack key',
      'Allowed',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 'sqs')
    ),
    c(
      receiver,
      'use the stack key outside its services (S3)',
      'Denied',
      'kms:Decrypt',
      d.keyArn,
      viaService(d, 's3')
    ),
    c(
      receiver,
      'CreateOpportunity',
      'Denied',
      pc('CreateOpportunity').action,
      pc('CreateOpportunity').resource,
      pc('CreateOpportunity').context
    ),

    // Reads: ListSolutions + its signing secret + replay keys, nothing else.
    c(
      reads,
      'ListSolutions in the configured catalog',
      'Allowed',
      pc('ListSolutions').action,
      '*',
      pc('ListSolutions').context
    ),
    c(
      reads,
      'ListSolutions in the other catalog',
      'Denied',
      pc('ListSolutions').action,
      '*',
      pc('ListSolutions', d.otherCatalog).context
    ),
    c(
      reads,
      'CreateOpportunity',
      'Denied',
      pc('CreateOpportunity').action,
      pc('CreateOpportunity').resource,
      pc('CreateOpportunity').context
    ),
    c(
      reads,
      'UpdateOpportunity',
      'Denied',
      pc('UpdateOpportunity').action,
      pc('UpdateOpportunity').resource,
      pc('UpdateOpportunity').context
    ),
    c(
      reads,
      'GetOpportunity',
      'Denied',
      pc('GetOpportunity').action,
      pc('GetOpportunity').resource,
      pc('GetOpportunity').context
    ),
    c(
      reads,
      'read the signing secret',
      'Allowed',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-signing')
    ),
    c(
      reads,
      'read the HubSpot token',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      reads,
      'PutItem WHK# replay key',
      'Allowed',
      'dynamodb:PutItem',
      mappings,
      leading('WHK#3f2a')
    ),
    c(reads, 'PutItem ACE#1 key', 'Denied', 'dynamodb:PutItem', mappings, leading('ACE#1')),
    c(reads, 'PutItem without LeadingKeys (Null guard)', 'Denied', 'dynamodb:PutItem', mappings),
    c(reads, 'GetItem DEAL# row', 'Denied', 'dynamodb:GetItem', mappings, leading('DEAL#1')),
    c(
      reads,
      'use a rate-limit bucket (no other table)',
      'Denied',
      'dynamodb:UpdateItem',
      a.table('sync-state'),
      leading('RL#ace-read')
    ),
    c(
      reads,
      'PutItem an audit row',
      'Denied',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('AUDIT#1')
    ),
    c(reads, 'SendMessage to the submit queue', 'Denied', 'sqs:SendMessage', a.queue('ace-submit')),

    // Answering an AWS referral (ADR 0007): the card's writes role reads and rejects invitations and queues
    // an accept on the submit queue; only the submit role starts the accept task, which accepts the
    // invitation and has AWS create the opportunity. Nothing calls AcceptEngagementInvitation.
    ...[writes, receiver, reads, submit, update, events, reconcile, orchestrator, worker].map(
      (role) =>
        c(
          role,
          'AcceptEngagementInvitation (never called: the accept task accepts)',
          'Denied',
          pc('AcceptEngagementInvitation').action,
          pc('AcceptEngagementInvitation').resource,
          pc('AcceptEngagementInvitation').context
        )
    ),
    ...[receiver, reads, submit, update, events, reconcile, orchestrator, worker].map((role) =>
      c(
        role,
        'RejectEngagementInvitation (card writes only)',
        'Denied',
        pc('RejectEngagementInvitation').action,
        pc('RejectEngagementInvitation').resource,
        pc('RejectEngagementInvitation').context
      )
    ),
    ...[writes, receiver, reads, update, events, reconcile, orchestrator, worker].map((role) =>
      c(
        role,
        'StartEngagementByAcceptingInvitationTask (submit role only)',
        'Denied',
        pc('StartEngagementByAcceptingInvitationTask').action,
        pc('StartEngagementByAcceptingInvitationTask').resource,
        pc('StartEngagementByAcceptingInvitationTask').context
      )
    ),
    c(
      submit,
      'StartEngagementByAcceptingInvitationTask (accepts a referral the rep accepted)',
      'Allowed',
      pc('StartEngagementByAcceptingInvitationTask').action,
      pc('StartEngagementByAcceptingInvitationTask').resource,
      pc('StartEngagementByAcceptingInvitationTask').context
    ),
    c(
      submit,
      `StartEngagementByAcceptingInvitationTask in the ${d.otherCatalog} catalog`,
      'Denied',
      pc('StartEngagementByAcceptingInvitationTask', d.otherCatalog).action,
      pc('StartEngagementByAcceptingInvitationTask', d.otherCatalog).resource,
      pc('StartEngagementByAcceptingInvitationTask', d.otherCatalog).context
    ),
    c(
      submit,
      `StartEngagementByAcceptingInvitationTask with Catalog=${d.otherCatalog} on a ${d.catalog} ARN`,
      'Denied',
      pc('StartEngagementByAcceptingInvitationTask').action,
      pc('StartEngagementByAcceptingInvitationTask').resource,
      { 'partnercentral:Catalog': d.otherCatalog }
    ),
    c(
      submit,
      'GetEngagementInvitation (checks the referral before accepting)',
      'Allowed',
      pc('GetEngagementInvitation').action,
      pc('GetEngagementInvitation').resource,
      pc('GetEngagementInvitation').context
    ),
    ...[submit, reconcile].map((role) =>
      c(
        role,
        'ListEngagementByAcceptingInvitationTasks (finds the accept task of a referral)',
        'Allowed',
        pc('ListEngagementByAcceptingInvitationTasks').action,
        '*',
        pc('ListEngagementByAcceptingInvitationTasks').context
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
      c(writes, `${x} (not called by the card)`, 'Denied', pc(x).action, '*', pc(x).context)
    ),

    // Writes: edit, read and reject invitations; never create, start engagements or accept.
    ...[
      'UpdateOpportunity',
      'AssociateOpportunity',
      'DisassociateOpportunity',
      'GetOpportunity',
    ].map((x) => c(writes, x, 'Allowed', pc(x).action, pc(x).resource, pc(x).context)),
    ...['RejectEngagementInvitation', 'GetEngagementInvitation'].map((x) =>
      c(writes, x, 'Allowed', pc(x).action, pc(x).resource, pc(x).context)
    ),
    ...[
      'CreateOpportunity',
      'StartEngagementFromOpportunityTask',
      'StartEngagementByAcceptingInvitationTask',
      'SubmitOpportunity',
    ].map((x) => c(writes, x, 'Denied', pc(x).action, pc(x).resource, pc(x).context)),
    c(
      writes,
      'UpdateOpportunity with Catalog=other on a configured-catalog ARN',
      'Denied',
      'partnercentral:UpdateOpportunity',
      pc('UpdateOpportunity').resource,
      { 'partnercentral:Catalog': d.otherCatalog }
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

    // Submit: the one role that creates.
    c(
      submit,
      'CreateOpportunity',
      'Allowed',
      pc('CreateOpportunity').action,
      pc('CreateOpportunity').resource,
      pc('CreateOpportunity').context
    ),
    c(
      submit,
      'StartEngagementFromOpportunityTask',
      'Allowed',
      pc('StartEngagementFromOpportunityTask').action,
      pc('StartEngagementFromOpportunityTask').resource,
      pc('StartEngagementFromOpportunityTask').context
    ),
    c(
      submit,
      'CreateOpportunity in the other catalog',
      'Denied',
      pc('CreateOpportunity', d.otherCatalog).action,
      pc('CreateOpportunity', d.otherCatalog).resource,
      pc('CreateOpportunity', d.otherCatalog).context
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
    c(
      update,
      'UpdateOpportunity',
      'Allowed',
      pc('UpdateOpportunity').action,
      pc('UpdateOpportunity').resource,
      pc('UpdateOpportunity').context
    ),
    c(
      update,
      'CreateOpportunity',
      'Denied',
      pc('CreateOpportunity').action,
      pc('CreateOpportunity').resource,
      pc('CreateOpportunity').context
    ),
    c(
      events,
      'GetEngagementInvitation',
      'Allowed',
      pc('GetEngagementInvitation').action,
      pc('GetEngagementInvitation').resource,
      pc('GetEngagementInvitation').context
    ),
    c(
      events,
      'ListEngagementByAcceptingInvitationTasks (binds an accepted referral to its deal)',
      'Allowed',
      pc('ListEngagementByAcceptingInvitationTasks').action,
      '*',
      pc('ListEngagementByAcceptingInvitationTasks').context
    ),
    c(
      events,
      'ListEngagementByAcceptingInvitationTasks in the other catalog',
      'Denied',
      pc('ListEngagementByAcceptingInvitationTasks').action,
      '*',
      pc('ListEngagementByAcceptingInvitationTasks', d.otherCatalog).context
    ),
    c(
      events,
      'ListEngagementInvitations (never called)',
      'Denied',
      pc('ListEngagementInvitations').action,
      '*',
      pc('ListEngagementInvitations').context
    ),
    c(
      events,
      'UpdateOpportunity',
      'Denied',
      pc('UpdateOpportunity').action,
      pc('UpdateOpportunity').resource,
      pc('UpdateOpportunity').context
    ),
    // Nothing lost after Lambda's async retries (DESIGN §6): each asynchronously invoked function sends
    // the record of an event that still failed to its own on-failure destination, `<function>-async-dlq`,
    // and to no other queue; the queues the schedules and the Partner Central rule dead-letter into are
    // theirs (their scheduler role, EventBridge). The generated 'async-failure-destination' cases below
    // repeat this for every invoke config of the evaluated stack.
    ...(
      [
        [events, 'ace-submitter-events'],
        [reconcile, 'ace-submitter-reconcile'],
        [orchestrator, 'govwin-poller-orchestrator'],
        [r('cli-drift-report'), 'cli-drift-report'],
      ] as const
    ).flatMap(([role, fn]) => [
      c(
        role,
        'send the record of a failed run to its own async DLQ',
        'Allowed',
        'sqs:SendMessage',
        a.queue(`${fn}-async-dlq`)
      ),
      c(
        role,
        'encrypt that record with the stack key (via SQS)',
        'Allowed',
        'kms:GenerateDataKey',
        d.keyArn,
        viaService(d, 'sqs')
      ),
    ]),
    c(
      events,
      "SendMessage to the Partner Central rule's DLQ (EventBridge's alone)",
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-events-dlq')
    ),
    c(
      reconcile,
      "SendMessage to the reconcile schedule's DLQ (its scheduler role's alone)",
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-reconcile-dlq')
    ),
    c(
      orchestrator,
      "SendMessage to the GovWin schedule's DLQ (its scheduler role's alone)",
      'Denied',
      'sqs:SendMessage',
      a.queue('govwin-schedule-dlq')
    ),
    c(
      events,
      "SendMessage to the reconcile function's async DLQ",
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-submitter-reconcile-async-dlq')
    ),
    ...[receiver, writes, submit, update, worker].map((role) =>
      c(
        role,
        "SendMessage to the events function's async DLQ",
        'Denied',
        'sqs:SendMessage',
        a.queue('ace-submitter-events-async-dlq')
      )
    ),
    c(
      r('cli-drift-report'),
      'use the stack key outside SQS, DynamoDB, Secrets Manager and SNS (S3)',
      'Denied',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 's3')
    ),
    c(reconcile, 'Scan entity-mappings (the sweep)', 'Allowed', 'dynamodb:Scan', mappings),
    c(reconcile, 'Scan sync-state', 'Denied', 'dynamodb:Scan', a.table('sync-state')),
    // The scheduled drift report reads and alerts only.
    c(r('cli-drift-report'), 'Publish its summary', 'Allowed', 'sns:Publish', a.topic('alerts')),
    c(r('cli-drift-report'), 'Scan entity-mappings', 'Allowed', 'dynamodb:Scan', mappings),
    c(r('cli-drift-report'), 'PutItem entity-mappings', 'Denied', 'dynamodb:PutItem', mappings),
    c(
      r('cli-drift-report'),
      'GetOpportunity',
      'Allowed',
      pc('GetOpportunity').action,
      pc('GetOpportunity').resource,
      pc('GetOpportunity').context
    ),
    ...(d.catalog === 'Sandbox'
      ? [
          c(
            r('cli-drift-report'),
            'GetOpportunity in catalog AWS',
            'Denied',
            pc('GetOpportunity', 'AWS').action,
            pc('GetOpportunity', 'AWS').resource,
            pc('GetOpportunity', 'AWS').context
          ),
        ]
      : []),
    ...['ace-submit', 'ace-update', 'govwin-sync', 'ace-reconcile-dlq'].map((q) =>
      c(r('cli-drift-report'), `SendMessage to ${q}`, 'Denied', 'sqs:SendMessage', a.queue(q))
    ),
    ...[
      'CreateOpportunity',
      'UpdateOpportunity',
      'AssociateOpportunity',
      'DisassociateOpportunity',
      'StartEngagementFromOpportunityTask',
      'SubmitOpportunity',
    ].map((x) =>
      c(
        r('cli-drift-report'),
        `${x} (never writes)`,
        'Denied',
        pc(x).action,
        pc(x).resource,
        pc(x).context
      )
    ),
    c(
      reconcile,
      'UpdateOpportunity (replay parked edits)',
      'Allowed',
      pc('UpdateOpportunity').action,
      pc('UpdateOpportunity').resource,
      pc('UpdateOpportunity').context
    ),
    ...['AssociateOpportunity', 'DisassociateOpportunity'].map((x) =>
      c(
        reconcile,
        `${x} (replay a parked product or solution edit)`,
        'Allowed',
        pc(x).action,
        pc(x).resource,
        pc(x).context
      )
    ),
    c(
      reconcile,
      'ListEngagementFromOpportunityTasks (find submissions AWS failed)',
      'Allowed',
      pc('ListEngagementFromOpportunityTasks').action,
      '*',
      pc('ListEngagementFromOpportunityTasks').context
    ),
    // A referral whose Created event was dropped: list pending invitations, read each, create the deal.
    c(
      reconcile,
      'ListEngagementInvitations (pending referrals whose event was dropped)',
      'Allowed',
      pc('ListEngagementInvitations').action,
      '*',
      pc('ListEngagementInvitations').context
    ),
    c(
      reconcile,
      `ListEngagementInvitations with Catalog=${d.otherCatalog}`,
      'Denied',
      pc('ListEngagementInvitations').action,
      '*',
      pc('ListEngagementInvitations', d.otherCatalog).context
    ),
    c(
      reconcile,
      'GetEngagementInvitation (reads a referral to create its deal)',
      'Allowed',
      pc('GetEngagementInvitation').action,
      pc('GetEngagementInvitation').resource,
      pc('GetEngagementInvitation').context
    ),
    c(
      reconcile,
      `GetEngagementInvitation in the ${d.otherCatalog} catalog`,
      'Denied',
      pc('GetEngagementInvitation', d.otherCatalog).action,
      pc('GetEngagementInvitation', d.otherCatalog).resource,
      pc('GetEngagementInvitation', d.otherCatalog).context
    ),
    c(
      reconcile,
      `GetEngagementInvitation with Catalog=${d.otherCatalog} on a ${d.catalog} ARN`,
      'Denied',
      pc('GetEngagementInvitation').action,
      pc('GetEngagementInvitation').resource,
      { 'partnercentral:Catalog': d.otherCatalog }
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
    c(
      submit,
      'UpdateOpportunity (refresh a pending opportunity before submitting it again)',
      'Allowed',
      pc('UpdateOpportunity').action,
      pc('UpdateOpportunity').resource,
      pc('UpdateOpportunity').context
    ),
    c(submit, 'Scan entity-mappings', 'Denied', 'dynamodb:Scan', mappings),

    // Who applies edits (DESIGN §5): update, the card's writes route and reconcile. The events role only
    // reads Partner Central and hands review-exit replays to the update queue (replayParked).
    ...['AssociateOpportunity', 'DisassociateOpportunity'].flatMap((x) => [
      c(
        update,
        `${x} (a product / solution edit made outside the card, or a replayed one)`,
        'Allowed',
        pc(x).action,
        pc(x).resource,
        pc(x).context
      ),
      c(
        update,
        `${x} with Catalog=${d.otherCatalog} on a ${d.catalog} deployment`,
        'Denied',
        pc(x).action,
        pc(x).resource,
        { 'partnercentral:Catalog': d.otherCatalog }
      ),
      c(
        update,
        `${x} in the ${d.otherCatalog} catalog`,
        'Denied',
        pc(x, d.otherCatalog).action,
        pc(x, d.otherCatalog).resource,
        pc(x, d.otherCatalog).context
      ),
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
    ].map((x) =>
      c(
        events,
        `${x} (events writes nothing to Partner Central)`,
        'Denied',
        pc(x).action,
        pc(x).resource,
        pc(x).context
      )
    ),
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
      c(
        role,
        'GetAwsOpportunitySummary (never called)',
        'Denied',
        pc('GetAwsOpportunitySummary').action,
        pc('GetAwsOpportunitySummary').resource,
        pc('GetAwsOpportunitySummary').context
      )
    ),

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

    // Deployer: its prefix only, bounded roles only, write-only secrets, no KMS administration.
    c(deployer, 'create a queue of its prefix', 'Allowed', 'sqs:CreateQueue', a.queue('x')),
    c(
      deployer,
      'create a queue of another prefix',
      'Denied',
      'sqs:CreateQueue',
      `arn:aws:sqs:${d.region}:${d.account}:${OTHER_PREFIX}-x`
    ),
    c(
      deployer,
      'update code of another prefix',
      'Denied',
      'lambda:UpdateFunctionCode',
      `arn:aws:lambda:${d.region}:${d.account}:function:${OTHER_PREFIX}-x`
    ),
    c(
      deployer,
      'create a role with the runtime boundary',
      'Allowed',
      'iam:CreateRole',
      a.role('x'),
      { 'iam:PermissionsBoundary': d.boundaryArn }
    ),
    c(deployer, 'create a role without a boundary', 'Denied', 'iam:CreateRole', a.role('x')),
    c(deployer, 'create a role with another boundary', 'Denied', 'iam:CreateRole', a.role('x'), {
      'iam:PermissionsBoundary': `arn:aws:iam::${d.account}:policy/AdministratorAccess`,
    }),
    c(
      deployer,
      'create a role of another prefix',
      'Denied',
      'iam:CreateRole',
      `arn:aws:iam::${d.account}:role/${OTHER_PREFIX}-x`,
      { 'iam:PermissionsBoundary': d.boundaryArn }
    ),
    c(deployer, 'add a policy to itself', 'Denied', 'iam:PutRolePolicy', a.role('deployer'), {
      'iam:PermissionsBoundary': d.boundaryArn,
    }),
    c(
      deployer,
      'change its own trust policy',
      'Denied',
      'iam:UpdateAssumeRolePolicy',
      a.role('deployer'),
      { 'iam:PermissionsBoundary': d.boundaryArn }
    ),
    c(
      deployer,
      'remove a runtime role boundary',
      'Denied',
      'iam:DeleteRolePermissionsBoundary',
      a.role('x'),
      { 'iam:PermissionsBoundary': d.boundaryArn }
    ),
    c(deployer, 'pass a role to Lambda', 'Allowed', 'iam:PassRole', a.role('x'), {
      'iam:PassedToService': 'lambda.amazonaws.com',
    }),
    c(deployer, 'pass a role to EC2', 'Denied', 'iam:PassRole', a.role('x'), {
      'iam:PassedToService': 'ec2.amazonaws.com',
    }),
    c(
      deployer,
      'set a secret value',
      'Allowed',
      'secretsmanager:PutSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      deployer,
      'read a secret value',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      deployer,
      'decrypt with the stack key',
      'Denied',
      'kms:Decrypt',
      d.keyArn,
      viaService(d, 'secretsmanager')
    ),
    c(deployer, 'change the stack key policy', 'Denied', 'kms:PutKeyPolicy', d.keyArn),
    c(
      deployer,
      'schedule deletion of the stack key',
      'Denied',
      'kms:ScheduleKeyDeletion',
      d.keyArn
    ),
    c(
      deployer,
      'read the stack state',
      'Allowed',
      's3:GetObject',
      `arn:aws:s3:::${d.stateBucket}/${d.stateKeyPrefix}terraform.tfstate`
    ),
    c(
      deployer,
      'write the state lock file',
      'Allowed',
      's3:PutObject',
      `arn:aws:s3:::${d.stateBucket}/${d.stateKeyPrefix}terraform.tfstate.tflock`
    ),
    c(
      deployer,
      'read another state object',
      'Denied',
      's3:GetObject',
      `arn:aws:s3:::${d.stateBucket}/bootstrap/terraform.tfstate`
    ),
    c(
      deployer,
      'delete the state bucket',
      'Denied',
      's3:DeleteBucket',
      `arn:aws:s3:::${d.stateBucket}`
    ),
    c(deployer, 'read the audit table', 'Denied', 'dynamodb:Scan', a.table('audit')),

    // Assuming the deployer role: listed principal, with MFA.
    {
      id: `trust:${deployer}: AssumeRole with MFA -> Allowed`,
      kind: 'explicit',
      subject: `trust:${deployer}`,
      caller: d.deployerPrincipal,
      action: 'sts:AssumeRole',
      resource: a.role('deployer'),
      context: { 'aws:MultiFactorAuthPresent': 'true' },
      expect: 'Allowed',
    },
    {
      id: `trust:${deployer}: AssumeRole without MFA -> Denied`,
      kind: 'explicit',
      subject: `trust:${deployer}`,
      caller: d.deployerPrincipal,
      action: 'sts:AssumeRole',
      resource: a.role('deployer'),
      context: { 'aws:MultiFactorAuthPresent': 'false' },
      expect: 'Denied',
    },
    {
      id: `trust:${deployer}: AssumeRole by an unlisted user -> Denied`,
      kind: 'explicit',
      subject: `trust:${deployer}`,
      caller: `arn:aws:iam::${d.account}:user/mallory`,
      action: 'sts:AssumeRole',
      resource: a.role('deployer'),
      context: { 'aws:MultiFactorAuthPresent': 'true' },
      expect: 'Denied',
    },

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
    c(
      ops,
      'CreateOpportunity',
      'Denied',
      pc('CreateOpportunity').action,
      pc('CreateOpportunity').resource,
      pc('CreateOpportunity').context
    ),
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
    c(
      ops,
      'GetOpportunity (trace, dry-run, drift)',
      'Allowed',
      pc('GetOpportunity').action,
      pc('GetOpportunity').resource,
      pc('GetOpportunity').context
    ),
    c(
      ops,
      'ListEngagementFromOpportunityTasks (trace, drift)',
      'Allowed',
      pc('ListEngagementFromOpportunityTasks').action,
      '*',
      pc('ListEngagementFromOpportunityTasks').context
    ),
    c(
      ops,
      `GetOpportunity in the ${d.otherCatalog} catalog`,
      'Denied',
      pc('GetOpportunity', d.otherCatalog).action,
      pc('GetOpportunity', d.otherCatalog).resource,
      pc('GetOpportunity', d.otherCatalog).context
    ),
    ...['UpdateOpportunity', 'AssociateOpportunity', 'StartEngagementFromOpportunityTask'].map(
      (x) =>
        c(
          ops,
          `${x} (no Partner Central write)`,
          'Denied',
          pc(x).action,
          pc(x).resource,
          pc(x).context
        )
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
    {
      id: `trust:${ops}: AssumeRole without MFA -> Denied`,
      kind: 'explicit',
      subject: `trust:${ops}`,
      caller: d.deployerPrincipal,
      action: 'sts:AssumeRole',
      resource: a.role('operator'),
      context: { 'aws:MultiFactorAuthPresent': 'false' },
      expect: 'Denied',
    },

    // Bootstrap operator (policies/bootstrap-operator.json): the project's bootstrap resources only.
    c(
      'bootstrap-operator',
      'create the state bucket',
      'Allowed',
      's3:CreateBucket',
      `arn:aws:s3:::${d.stateBucket}`
    ),
    c(
      'bootstrap-operator',
      'create another bucket',
      'Denied',
      's3:CreateBucket',
      'arn:aws:s3:::customer-data'
    ),
    c(
      'bootstrap-operator',
      'create the deployer role',
      'Allowed',
      'iam:CreateRole',
      a.role('deployer')
    ),
    c(
      'bootstrap-operator',
      'create an administrator role',
      'Denied',
      'iam:CreateRole',
      a.role('admin')
    ),
    c(
      'bootstrap-operator',
      'attach a policy to another role',
      'Denied',
      'iam:AttachRolePolicy',
      `arn:aws:iam::${d.account}:role/OrganizationAccountAccessRole`
    ),
    c(
      'bootstrap-operator',
      'create a key tagged for the project',
      'Allowed',
      'kms:CreateKey',
      '*',
      {
        'aws:RequestTag/Application': d.prefix,
      }
    ),
    c('bootstrap-operator', 'create an untagged key', 'Denied', 'kms:CreateKey', '*'),
    c(
      'bootstrap-operator',
      'change the policy of a key of another application',
      'Denied',
      'kms:PutKeyPolicy',
      `arn:aws:kms:${d.region}:${d.account}:key/0000aaaa-0000-0000-0000-000000000000`,
      { 'aws:ResourceTag/Application': 'payroll' }
    ),
  ];
};

// -- generated sweeps ---------------------------------------------------------------------------

const statementActions = (doc: PolicyDocument): string[] =>
  doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) =>
    s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action]
  );

/** Runtime roles are the ones under the runtime permissions boundary. */
const runtimeRoles = (model: IamModel): RoleModel[] =>
  model.roles.filter((r) => r.boundary !== undefined);

export const sweepIntents = (d: Deployment, model: IamModel): IntentCase[] => {
  const out: IntentCase[] = [];
  const runtime = runtimeRoles(model);
  for (const role of runtime) {
    const granted = [...new Set(role.policies.flatMap((p) => statementActions(p.doc)))].filter(
      (x) => x.startsWith('partnercentral:')
    );
    for (const action of granted) {
      out.push({
        id: `${role.name}: ${action} in catalog ${d.catalog} -> Allowed`,
        kind: 'catalog',
        subject: role.name,
        action,
        resource: partnerCentralResource(action, d.catalog, d.account),
        context: { 'partnercentral:Catalog': d.catalog },
        expect: 'Allowed',
      });
      out.push({
        id: `${role.name}: ${action} in catalog ${d.otherCatalog} -> Denied`,
        kind: 'catalog',
        subject: role.name,
        action,
        resource: partnerCentralResource(action, d.otherCatalog, d.account),
        context: { 'partnercentral:Catalog': d.otherCatalog },
        expect: 'Denied',
      });
    }
    const isSubmit = role.name === `${d.prefix}-ace-submitter-submit`;
    for (const action of [
      'partnercentral:CreateOpportunity',
      'partnercentral:StartEngagementFromOpportunityTask',
      'partnercentral:StartEngagementByAcceptingInvitationTask',
    ]) {
      out.push({
        id: `${role.name}: ${action} (submit role only) -> ${isSubmit ? 'Allowed' : 'Denied'}`,
        kind: 'create-only-submit',
        subject: role.name,
        action,
        resource: partnerCentralResource(action, d.catalog, d.account),
        context: { 'partnercentral:Catalog': d.catalog },
        expect: isSubmit ? 'Allowed' : 'Denied',
      });
    }
    for (const action of [
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:PartiQLUpdate',
    ]) {
      out.push({
        id: `${role.name}: ${action} on the audit table -> Denied`,
        kind: 'audit-append-only',
        subject: role.name,
        action,
        resource: `arn:aws:dynamodb:${d.region}:${d.account}:table/${d.prefix}-audit`,
        context: { 'dynamodb:LeadingKeys': ['AUDIT#42'] },
        expect: 'Denied',
      });
    }
  }
  return out;
};

// -- on-failure destinations of asynchronous invocations ----------------------------------------------

const queueName = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);

/**
 * For every `aws_lambda_function_event_invoke_config` of the evaluated world: the function's execution
 * role (Lambda sends the failure record with it) may send to the on-failure destination and use the
 * stack key through SQS for it; no other runtime role may send there; and that role may send to no
 * other dead-letter queue (a queue without a redrive policy). A config without a destination, or whose
 * function or role is not in the configuration, is itself a failed case.
 */
export const asyncFailureIntents = (world: World, d: Deployment, model: IamModel): IntentCase[] => {
  const kind: IntentKind = 'async-failure-destination';
  const functions = world.instancesOf('resource', 'aws_lambda_function');
  const dlqs = world
    .instancesOf('resource', 'aws_sqs_queue')
    .filter((q) => !q.value.has('redrive_policy'))
    .map((q) => s(q, 'arn'));
  const runtime = runtimeRoles(model);
  const out: IntentCase[] = [];
  const send = (subject: string, queue: string, expect: Expectation, why: string): IntentCase => ({
    id: `${subject}: SendMessage to ${queueName(queue)} (${why}) -> ${expect}`,
    kind,
    subject,
    action: 'sqs:SendMessage',
    resource: queue,
    expect,
  });
  for (const config of world.instancesOf('resource', 'aws_lambda_function_event_invoke_config')) {
    const label = `${config.module.rootLabel()}:${config.address}`;
    const broken = (why: string): IntentCase => ({
      id: `${label} (${why}) -> Allowed`,
      kind,
      subject: label,
      action: 'unevaluable:resource',
      resource: label,
      expect: 'Allowed',
    });
    let destination: string | undefined;
    let role: RoleModel | undefined;
    try {
      const blocks = (
        config.value.has('destination_config')
          ? materialize(config.value.get('destination_config'))
          : []
      ) as { on_failure?: { destination?: string }[] }[];
      destination = blocks[0]?.on_failure?.[0]?.destination;
      const ref = s(config, 'function_name');
      const fn = functions.find((f) => s(f, 'function_name') === ref || s(f, 'arn') === ref);
      const roleArn = fn ? s(fn, 'role') : undefined;
      role = model.roles.find((x) => x.arn === roleArn);
    } catch (err) {
      out.push(broken(message(err)));
      continue;
    }
    if (destination === undefined) {
      out.push(broken('no on-failure destination: failed events would be dropped'));
      continue;
    }
    if (!role) {
      out.push(broken('its function or execution role is not in the configuration'));
      continue;
    }
    out.push(send(role.name, destination, 'Allowed', 'its on-failure destination'));
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt'])
      out.push({
        id: `${role.name}: ${action} on the stack key via SQS (encrypts its failure records) -> Allowed`,
        kind,
        subject: role.name,
        action,
        resource: d.keyArn,
        context: viaService(d, 'sqs'),
        expect: 'Allowed',
      });
    for (const other of runtime)
      if (other.name !== role.name)
        out.push(send(other.name, destination, 'Denied', `the failure records of ${role.name}`));
    for (const dlq of dlqs)
      if (dlq !== destination)
        out.push(send(role.name, dlq, 'Denied', 'a dead-letter queue that is not its destination'));
  }
  return out;
};

// -- who may create what ------------------------------------------------------------------------

interface Need {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}

const s = (i: InstanceRef, attr: string): string =>
  toStr(i.value.get(attr), `${i.address}.${attr}`);
const queueArnFromUrl = (url: string): string => {
  const m = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/([0-9]{12})\/(.+)$/.exec(url);
  if (!m) throw new Error(`not a queue URL: ${url}`);
  return `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}`;
};
const blockValue = (i: InstanceRef, block: string, attr: string): string => {
  const blocks = materialize(i.value.get(block)) as Record<string, unknown>[];
  return String(blocks[0]?.[attr]);
};

/** The create-time permissions the deployer needs for each stack resource type. */
const DEPLOYER_NEEDS: Readonly<Record<string, (i: InstanceRef, d: Deployment) => Need[]>> = {
  aws_sqs_queue: (i) => [
    { action: 'sqs:CreateQueue', resource: s(i, 'arn') },
    { action: 'sqs:SetQueueAttributes', resource: s(i, 'arn') },
  ],
  aws_sqs_queue_policy: (i) => [
    { action: 'sqs:SetQueueAttributes', resource: queueArnFromUrl(s(i, 'queue_url')) },
  ],
  aws_sqs_queue_redrive_allow_policy: (i) => [
    { action: 'sqs:SetQueueAttributes', resource: queueArnFromUrl(s(i, 'queue_url')) },
  ],
  aws_dynamodb_table: (i) => [
    { action: 'dynamodb:CreateTable', resource: s(i, 'arn') },
    { action: 'dynamodb:UpdateContinuousBackups', resource: s(i, 'arn') },
    { action: 'dynamodb:UpdateTimeToLive', resource: s(i, 'arn') },
    {
      action: 'kms:CreateGrant',
      resource: blockValue(i, 'server_side_encryption', 'kms_key_arn'),
      context: { 'kms:GrantIsForAWSResource': 'true' },
    },
  ],
  aws_secretsmanager_secret: (i) => [
    { action: 'secretsmanager:CreateSecret', resource: s(i, 'arn') },
  ],
  aws_sns_topic: (i) => [{ action: 'sns:CreateTopic', resource: s(i, 'arn') }],
  aws_sns_topic_subscription: (i) => [{ action: 'sns:Subscribe', resource: s(i, 'topic_arn') }],
  aws_lambda_function: (i) => [
    { action: 'lambda:CreateFunction', resource: s(i, 'arn') },
    {
      action: 'iam:PassRole',
      resource: s(i, 'role'),
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    },
  ],
  aws_lambda_permission: (i, d) => [
    {
      action: 'lambda:AddPermission',
      resource: `arn:aws:lambda:${d.region}:${d.account}:function:${s(i, 'function_name')}`,
    },
  ],
  aws_lambda_function_event_invoke_config: (i, d) => [
    {
      action: 'lambda:PutFunctionEventInvokeConfig',
      resource: `arn:aws:lambda:${d.region}:${d.account}:function:${s(i, 'function_name')}`,
    },
  ],
  aws_lambda_event_source_mapping: (i) => [
    {
      action: 'lambda:CreateEventSourceMapping',
      resource: '*',
      context: { 'lambda:FunctionArn': s(i, 'function_name') },
    },
  ],
  aws_cloudwatch_log_group: (i) => [
    { action: 'logs:CreateLogGroup', resource: s(i, 'arn') },
    { action: 'logs:PutRetentionPolicy', resource: s(i, 'arn') },
    { action: 'logs:AssociateKmsKey', resource: s(i, 'arn') },
  ],
  aws_cloudwatch_metric_alarm: (i) => [
    { action: 'cloudwatch:PutMetricAlarm', resource: s(i, 'arn') },
  ],
  aws_iam_role: (i) => [
    {
      action: 'iam:CreateRole',
      resource: s(i, 'arn'),
      context: { 'iam:PermissionsBoundary': s(i, 'permissions_boundary') },
    },
  ],
  aws_iam_role_policy: (i, d) => [
    {
      action: 'iam:PutRolePolicy',
      resource: `arn:aws:iam::${d.account}:role/${s(i, 'role')}`,
      context: { 'iam:PermissionsBoundary': d.boundaryArn },
    },
  ],
  aws_scheduler_schedule_group: (i) => [
    { action: 'scheduler:CreateScheduleGroup', resource: s(i, 'arn') },
  ],
  aws_scheduler_schedule: (i) => [
    { action: 'scheduler:CreateSchedule', resource: s(i, 'arn') },
    {
      action: 'iam:PassRole',
      resource: blockValue(i, 'target', 'role_arn'),
      context: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    },
  ],
  aws_cloudwatch_event_rule: (i) => [{ action: 'events:PutRule', resource: s(i, 'arn') }],
  aws_cloudwatch_event_target: (i, d) => [
    {
      action: 'events:PutTargets',
      resource: `arn:aws:events:${d.region}:${d.account}:rule/${s(i, 'rule')}`,
    },
  ],
  aws_apigatewayv2_api: (_i, d) => [
    { action: 'apigateway:POST', resource: `arn:aws:apigateway:${d.region}::/apis` },
  ],
  aws_apigatewayv2_stage: (i, d) => [
    {
      action: 'apigateway:POST',
      resource: `arn:aws:apigateway:${d.region}::/apis/${s(i, 'api_id')}/stages`,
    },
  ],
  aws_apigatewayv2_integration: (i, d) => [
    {
      action: 'apigateway:POST',
      resource: `arn:aws:apigateway:${d.region}::/apis/${s(i, 'api_id')}/integrations`,
    },
  ],
  aws_apigatewayv2_route: (i, d) => [
    {
      action: 'apigateway:POST',
      resource: `arn:aws:apigateway:${d.region}::/apis/${s(i, 'api_id')}/routes`,
    },
  ],
};

const DEPLOYER_DATA_NEEDS: Readonly<Record<string, (i: InstanceRef, d: Deployment) => Need[]>> = {
  aws_kms_alias: () => [{ action: 'kms:ListAliases', resource: '*' }],
  aws_caller_identity: () => [],
  aws_partition: () => [],
  aws_region: () => [],
  aws_iam_policy_document: () => [],
};

/** The create-time permissions the bootstrap operator needs for each bootstrap resource type. */
const OPERATOR_NEEDS: Readonly<Record<string, (i: InstanceRef, d: Deployment) => Need[]>> = {
  aws_s3_bucket: (i) => [
    { action: 's3:CreateBucket', resource: s(i, 'arn') },
    { action: 's3:PutBucketTagging', resource: s(i, 'arn') },
  ],
  aws_s3_bucket_ownership_controls: (i) => [
    { action: 's3:PutBucketOwnershipControls', resource: `arn:aws:s3:::${s(i, 'bucket')}` },
  ],
  aws_s3_bucket_public_access_block: (i) => [
    { action: 's3:PutBucketPublicAccessBlock', resource: `arn:aws:s3:::${s(i, 'bucket')}` },
  ],
  aws_s3_bucket_versioning: (i) => [
    { action: 's3:PutBucketVersioning', resource: `arn:aws:s3:::${s(i, 'bucket')}` },
  ],
  aws_s3_bucket_server_side_encryption_configuration: (i) => [
    { action: 's3:PutEncryptionConfiguration', resource: `arn:aws:s3:::${s(i, 'bucket')}` },
  ],
  aws_s3_bucket_lifecycle_configuration: (i) => [
    { action: 's3:PutLifecycleConfiguration', resource: `arn:aws:s3:::${s(i, 'bucket')}` },
  ],
  aws_s3_bucket_policy: (i) => [
    { action: 's3:PutBucketPolicy', resource: `arn:aws:s3:::${s(i, 'bucket')}` },
  ],
  aws_kms_key: (i, d) => [
    { action: 'kms:CreateKey', resource: '*', context: { 'aws:RequestTag/Application': d.prefix } },
    {
      action: 'kms:TagResource',
      resource: s(i, 'arn'),
      context: { 'aws:RequestTag/Application': d.prefix },
    },
    {
      action: 'kms:EnableKeyRotation',
      resource: s(i, 'arn'),
      context: { 'aws:ResourceTag/Application': d.prefix },
    },
  ],
  aws_kms_alias: (i, d) => [
    { action: 'kms:CreateAlias', resource: s(i, 'arn') },
    {
      action: 'kms:CreateAlias',
      resource: s(i, 'target_key_arn'),
      context: { 'aws:ResourceTag/Application': d.prefix },
    },
  ],
  aws_iam_role: (i) => [{ action: 'iam:CreateRole', resource: s(i, 'arn') }],
  aws_iam_policy: (i) => [{ action: 'iam:CreatePolicy', resource: s(i, 'arn') }],
  aws_iam_role_policy_attachment: (i, d) => [
    { action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${d.account}:role/${s(i, 'role')}` },
  ],
};

const OPERATOR_DATA_NEEDS = DEPLOYER_DATA_NEEDS;

/** Replaces the deployment prefix in a need, for the "nothing with another prefix" mirror case. */
const otherPrefix = (need: Need, prefix: string, replacement: string): Need | undefined => {
  const swap = (x: string): string => x.split(prefix).join(replacement);
  const inResource = need.resource.includes(prefix);
  const inContext = Object.values(need.context ?? {}).some((v) =>
    (Array.isArray(v) ? v : [v]).some((x) => x.includes(prefix))
  );
  if (!inResource && !inContext) return undefined;
  return {
    action: need.action,
    resource: swap(need.resource),
    ...(need.context
      ? {
          context: Object.fromEntries(
            Object.entries(need.context).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.map(swap) : swap(v),
            ])
          ),
        }
      : {}),
  };
};

/**
 * For every resource of `root`: the identity can create it (Allowed), and cannot create the same thing
 * under another prefix (Denied). A resource type without a mapping is itself a failed case.
 */
export const reachIntents = (
  world: World,
  d: Deployment,
  root: 'stack' | 'bootstrap',
  subject: string,
  otherProjectPrefix: string
): IntentCase[] => {
  const needs = root === 'stack' ? DEPLOYER_NEEDS : OPERATOR_NEEDS;
  const dataNeeds = root === 'stack' ? DEPLOYER_DATA_NEEDS : OPERATOR_DATA_NEEDS;
  const kind: IntentKind = root === 'stack' ? 'deployer-reach' : 'operator-reach';
  const out: IntentCase[] = [];
  const seen = new Set<string>();
  const push = (c: IntentCase): void => {
    if (!seen.has(c.id)) {
      seen.add(c.id);
      out.push(c);
    }
  };
  for (const m of world.root(root).tree()) {
    for (const [mode, table] of [
      ['resource', needs],
      ['data', dataNeeds],
    ] as const) {
      for (const inst of m.instances(mode)) {
        const fn = table[inst.decl.type];
        const label = `${root}:${inst.address}`;
        if (!fn) {
          push({
            id: `${subject}: ${label} has no create-permission mapping -> Allowed`,
            subject,
            kind,
            action: 'unmapped:resource',
            resource: label,
            expect: 'Allowed',
          });
          continue;
        }
        let list: Need[];
        try {
          list = fn(inst, d);
        } catch (err) {
          push({
            id: `${subject}: ${label} (${message(err)}) -> Allowed`,
            subject,
            kind,
            action: 'unevaluable:resource',
            resource: label,
            expect: 'Allowed',
          });
          continue;
        }
        for (const need of list) {
          push({
            id: `${subject}: ${need.action} for ${label} -> Allowed`,
            subject,
            kind,
            ...need,
            expect: 'Allowed',
          });
          const mirror = otherPrefix(
            need,
            root === 'stack' ? d.prefix : d.project,
            otherProjectPrefix
          );
          if (mirror)
            push({
              id: `${subject}: ${need.action} for ${label} under prefix ${otherProjectPrefix} -> Denied`,
              subject,
              kind,
              ...mirror,
              expect: 'Denied',
            });
        }
      }
    }
  }
  return out;
};

// -- running ------------------------------------------------------------------------------------

const principalPolicy = (roleArn: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }],
});

/** Runs every case; a simulation error counts as a failed case (with the error as the result). */
export const runIntents = async (
  cases: readonly IntentCase[],
  model: IamModel,
  operatorPolicy: NamedPolicy | undefined,
  account: string = SAMPLE_ACCOUNT_ID
): Promise<IntentResult[]> => {
  const results: IntentResult[] = [];
  for (const intent of cases) {
    let outcome: Outcome;
    try {
      outcome = await simulate(intent, model, operatorPolicy, account);
    } catch (err) {
      outcome = { result: 'error', note: message(err) };
    }
    const ok =
      intent.expect === 'Allowed'
        ? outcome.result === 'Allowed'
        : outcome.result === 'ImplicitlyDenied' || outcome.result === 'ExplicitlyDenied';
    results.push({
      intent,
      actual: outcome.note ? `${outcome.result} (${outcome.note})` : outcome.result,
      ok,
    });
  }
  return results;
};

interface Outcome {
  readonly result: 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied' | 'error';
  readonly note?: string;
}

/** The resource policy AWS evaluates with a request on `resource` (key, bucket or queue policy). */
const resourcePolicyFor = (model: IamModel, resource: string): PolicyDocument | undefined =>
  model.resourcePolicies.find(
    (p) =>
      p.resourceArn !== undefined &&
      (resource === p.resourceArn || resource.startsWith(`${p.resourceArn}/`))
  )?.doc;

const globMatch = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  ).test(value);

/**
 * iam-data lists no resource types for HTTP API routes under apigateway:POST, so the simulator refuses
 * those requests. For them only, match statements by hand: an unconditioned Allow whose action and
 * resource globs match, and no Deny that matches.
 */
const staticMatch = (
  docs: readonly PolicyDocument[],
  action: string,
  resource: string
): Outcome => {
  const listOf = (v: string | string[] | undefined): string[] =>
    v === undefined ? [] : Array.isArray(v) ? v : [v];
  const matches = (st: PolicyDocument['Statement'][number]): boolean =>
    listOf(st.Action).some((a) => globMatch(a.toLowerCase(), action.toLowerCase())) &&
    listOf(st.Resource).some((r) => globMatch(r, resource));
  const statements = docs.flatMap((d) => d.Statement);
  if (statements.some((st) => st.Effect === 'Deny' && matches(st)))
    return { result: 'ExplicitlyDenied', note: 'static match' };
  const allowed = statements.some(
    (st) => st.Effect === 'Allow' && st.Condition === undefined && matches(st)
  );
  return {
    result: allowed ? 'Allowed' : 'ImplicitlyDenied',
    note: 'static match: iam-data has no HTTP API resource types',
  };
};

const simulate = async (
  intent: IntentCase,
  model: IamModel,
  operatorPolicy: NamedPolicy | undefined,
  account: string
): Promise<Outcome> => {
  if (intent.action.startsWith('unmapped:') || intent.action.startsWith('unevaluable:'))
    throw new Error(intent.id.replace(/ -> Allowed$/, ''));
  let principal: string;
  let identityPolicies: { name: string; policy: PolicyDocument }[];
  let permissionBoundaryPolicies: { name: string; policy: PolicyDocument }[] | undefined;
  let resourcePolicy: PolicyDocument | undefined = resourcePolicyFor(model, intent.resource);
  if (intent.subject === 'bootstrap-operator') {
    if (!operatorPolicy) throw new Error('bootstrap-operator.json was not loaded');
    principal = `arn:aws:iam::${account}:user/bootstrap-operator`;
    identityPolicies = [{ name: 'bootstrap-operator', policy: operatorPolicy.doc }];
  } else if (intent.subject.startsWith('trust:')) {
    const role = findRole(model, intent.subject.slice('trust:'.length));
    principal = intent.caller ?? '';
    identityPolicies = [{ name: 'assume', policy: principalPolicy(role.arn) }];
    resourcePolicy = role.trust.doc;
  } else {
    const role = findRole(model, intent.subject);
    principal = role.arn;
    identityPolicies = role.policies.map((p) => ({ name: p.name, policy: p.doc }));
    if (role.boundary)
      permissionBoundaryPolicies = [{ name: role.boundary.name, policy: role.boundary.doc }];
  }
  const resourceAccount = /^arn:aws:[^:]+:[^:]*:([0-9]{12}):/.exec(intent.resource)?.[1] ?? account;
  const result = await cachedSimulation(
    {
      request: {
        principal,
        action: intent.action,
        resource: { resource: intent.resource, accountId: resourceAccount },
        contextVariables: { ...(intent.context ?? {}) },
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
      ...(permissionBoundaryPolicies ? { permissionBoundaryPolicies } : {}),
    },
    {}
  );
  if (result.resultType === 'error') {
    if (
      intent.action.startsWith('apigateway:') &&
      /no\.resource\.types/.test(JSON.stringify(result.errors))
    )
      return staticMatch(
        [
          ...identityPolicies.map((p) => p.policy),
          ...(permissionBoundaryPolicies ?? []).map((p) => p.policy),
        ],
        intent.action,
        intent.resource
      );
    throw new Error(result.errors.message);
  }
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
  return {
    result: result.overallResult,
    ...(ignored.length > 0
      ? { note: `context keys not applicable to the action: ${ignored.join(', ')}` }
      : {}),
  };
};

const simulationCache = new Map<string, Promise<Awaited<ReturnType<typeof runSimulation>>>>();

/** runSimulation is a pure function of its input; repeated checks (planted-error tests) reuse results. */
const cachedSimulation = (
  simulation: Parameters<typeof runSimulation>[0],
  options: Parameters<typeof runSimulation>[1]
): ReturnType<typeof runSimulation> => {
  const key = JSON.stringify(simulation);
  let hit = simulationCache.get(key);
  if (!hit) {
    hit = runSimulation(simulation, options);
    simulationCache.set(key, hit);
  }
  return hit;
};

const findRole = (model: IamModel, name: string): RoleModel => {
  const role = model.roles.find((r) => r.name === name);
  if (!role) throw new Error(`no role named ${name} in the rendered configuration`);
  return role;
};

/** Reads the deployment facts the cases need from the evaluated world. */
export const deploymentFacts = (world: World): Deployment => {
  const stack = world.root('stack');
  const bootstrap = world.root('bootstrap');
  const prefix = toStr(stack.local('name_prefix'), 'stack name_prefix');
  const catalog = toStr(stack.variable('ace_catalog'), 'ace_catalog');
  const secrets = new Map<string, string>();
  for (const i of world.instancesOf('resource', 'aws_secretsmanager_secret'))
    secrets.set(toStr(i.value.get('name')), toStr(i.value.get('arn')));
  const stateBucket = (bootstrap.scope('aws_s3_bucket') as Lazy).get('state') as Lazy;
  const principals = materialize(
    bootstrap.variable('deployer_principal_arns') as Value
  ) as string[];
  return {
    prefix,
    project: toStr(stack.variable('project'), 'project'),
    region: world.region(stack),
    account: SAMPLE_ACCOUNT_ID,
    catalog,
    otherCatalog: catalog === 'Sandbox' ? 'AWS' : 'Sandbox',
    keyArn: toStr(stack.local('kms_key_arn'), 'kms_key_arn'),
    boundaryArn: toStr(stack.local('permissions_boundary_arn'), 'permissions_boundary_arn'),
    secretArn: (purpose) => {
      const arn = secrets.get(`${prefix}-${purpose}`);
      if (!arn) throw new Error(`no secret named ${prefix}-${purpose}`);
      return arn;
    },
    stateBucket: toStr(stateBucket.get('bucket'), 'state bucket'),
    stateKeyPrefix: toStr(bootstrap.variable('state_key_prefix'), 'state_key_prefix'),
    deployerPrincipal: principals[0] ?? '',
  };
};
