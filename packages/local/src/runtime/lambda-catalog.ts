import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How a deployed Lambda is triggered (mirrors terraform/: API routes, SQS mappings, schedules, rules). */
export type LambdaTrigger =
  | { kind: 'http'; routes: readonly { method: 'GET' | 'POST' | 'OPTIONS'; path: string }[] }
  | { kind: 'sqs'; queue: LocalQueueName; batchSize: number }
  | { kind: 'schedule'; expression: string }
  | { kind: 'eventbridge'; source: string };

/** The queues the stack creates; each gets a `<name>-dlq` with maxReceiveCount 5 (DESIGN §6). */
export const LOCAL_QUEUES = ['govwin-sync', 'ace-submit', 'ace-update'] as const;
export type LocalQueueName = (typeof LOCAL_QUEUES)[number];
export const MAX_RECEIVE_COUNT = 5;

/** The prefix of the local stack's resource names that Terraform names `<prefix>-...`. */
export const LOCAL_PREFIX = 'local';

/**
 * The on-failure queue of an asynchronously invoked function, as terraform/modules/lambda names it
 * (`<prefix>-<function>-async-dlq`); the local event bus writes Lambda's failure record there.
 */
export const asyncFailureQueueName = (spec: Pick<LambdaSpec, 'name'>): string =>
  `${LOCAL_PREFIX}-${spec.name}-async-dlq`;

export interface LambdaSpec {
  /** `<package>-<handler>`, as in the build manifest. */
  name: string;
  package: string;
  handler: string;
  trigger: LambdaTrigger;
  /** One line for progress output. */
  description: string;
}

/** Every Lambda the project deploys, with its trigger. */
export const LAMBDAS: readonly LambdaSpec[] = [
  {
    name: 'govwin-poller-orchestrator',
    package: 'govwin-poller',
    handler: 'orchestrator',
    trigger: { kind: 'schedule', expression: 'rate(15 minutes)' },
    description: 'GovWin discovery and fan-out',
  },
  {
    name: 'govwin-poller-worker',
    package: 'govwin-poller',
    handler: 'worker',
    trigger: { kind: 'sqs', queue: 'govwin-sync', batchSize: 1 },
    description: 'GovWin -> HubSpot upsert',
  },
  {
    name: 'hubspot-webhook-receiver-receiver',
    package: 'hubspot-webhook-receiver',
    handler: 'receiver',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/hubspot/webhooks' }] },
    description: 'signed HubSpot webhooks',
  },
  {
    name: 'ace-submitter-submit',
    package: 'ace-submitter',
    handler: 'submit',
    trigger: { kind: 'sqs', queue: 'ace-submit', batchSize: 1 },
    description: 'ACE create -> associate -> start engagement',
  },
  {
    name: 'ace-submitter-update',
    package: 'ace-submitter',
    handler: 'update',
    trigger: { kind: 'sqs', queue: 'ace-update', batchSize: 1 },
    description: 'ACE updates from deal edits',
  },
  {
    name: 'ace-submitter-events',
    package: 'ace-submitter',
    handler: 'events',
    trigger: { kind: 'eventbridge', source: 'aws.partnercentral-selling' },
    description: 'ACE events -> HubSpot',
  },
  {
    name: 'ace-submitter-reconcile',
    package: 'ace-submitter',
    handler: 'reconcile',
    trigger: { kind: 'schedule', expression: 'rate(1 hour)' },
    description: 'parked edits and drift repair',
  },
  {
    name: 'cli-drift-report',
    package: 'cli',
    handler: 'drift-report',
    trigger: { kind: 'schedule', expression: 'rate(1 day)' },
    description: 'read-only drift report (SNS summary when anything drifted)',
  },
  {
    name: 'ui-ext-reads-reads',
    package: 'ui-ext-reads',
    handler: 'reads',
    trigger: { kind: 'http', routes: [{ method: 'GET', path: '/ui-extension/*' }] },
    description: 'card reads',
  },
  {
    name: 'ui-ext-writes-writes',
    package: 'ui-ext-writes',
    handler: 'writes',
    trigger: { kind: 'http', routes: [{ method: 'POST', path: '/ui-extension/*' }] },
    description: 'card writes',
  },
];

const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));

/** Source file of a Lambda's handler module. */
export const handlerPath = (spec: LambdaSpec): string =>
  `${packagesDir}${spec.package}/src/handlers/${spec.handler}.ts`;

/** True when the handler module has been written (steps without one are reported as not yet available). */
export const isAvailable = (spec: LambdaSpec): boolean => existsSync(handlerPath(spec));
