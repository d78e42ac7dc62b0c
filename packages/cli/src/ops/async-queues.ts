// The on-failure destinations of the four asynchronously invoked functions (`<prefix>-<artifact>-async-dlq`,
// terraform/modules/lambda): Lambda writes a record there when a run still failed after its retries or
// expired waiting. Each queue comes from its own variable of the stack's `operator_environment`; the
// function is the queue's name without `-async-dlq`, so a redrive can only ever re-invoke the function
// whose records were read, whatever a record claims.
import { ConfigError } from '@govwin-ace/shared-core';
import { UsageError } from '../command';
import type { OpsEnv, OpsVar } from './ops-env';
import { QUEUES, type QueueSpec } from './queues';

/** One on-failure queue of an asynchronously invoked function. */
export interface AsyncQueueSpec {
  /** The name operators type (`--queue ace-events-async`) and the output shows. */
  name:
    | 'govwin-orchestrator-async'
    | 'ace-events-async'
    | 'ace-reconcile-async'
    | 'drift-report-async';
  /** The short `--queue` value. */
  short: 'orchestrator' | 'events' | 'reconcile' | 'drift-report';
  envVar: OpsVar;
  /** The function's build artifact (`<package>-<handler>`), the suffix of its name. */
  artifact: string;
  /** What invokes it: the EventBridge rule (events) or a schedule (a tick without input of ours). */
  trigger: 'eventbridge' | 'schedule';
}

/** The on-failure queues, in flow order. */
export const ASYNC_QUEUES: readonly AsyncQueueSpec[] = [
  {
    name: 'govwin-orchestrator-async',
    short: 'orchestrator',
    envVar: 'GOVWIN_ORCHESTRATOR_ASYNC_DLQ_URL',
    artifact: 'govwin-poller-orchestrator',
    trigger: 'schedule',
  },
  {
    name: 'ace-events-async',
    short: 'events',
    envVar: 'ACE_EVENTS_ASYNC_DLQ_URL',
    artifact: 'ace-submitter-events',
    trigger: 'eventbridge',
  },
  {
    name: 'ace-reconcile-async',
    short: 'reconcile',
    envVar: 'ACE_RECONCILE_ASYNC_DLQ_URL',
    artifact: 'ace-submitter-reconcile',
    trigger: 'schedule',
  },
  {
    name: 'drift-report-async',
    short: 'drift-report',
    envVar: 'DRIFT_REPORT_ASYNC_DLQ_URL',
    artifact: 'cli-drift-report',
    trigger: 'schedule',
  },
];

/** An on-failure queue with its URL and the function whose records it holds. */
export interface ResolvedAsyncQueue {
  spec: AsyncQueueSpec;
  /** The queue itself (the shape the DLQ store reads and deletes through). */
  dlq: { url: string };
  /** `<prefix>-<artifact>`: the queue's name without `-async-dlq`. */
  functionName: string;
}

const SUFFIX = '-async-dlq';

/**
 * The queue of `spec` from its variable (validated: `<prefix>-<artifact>-async-dlq`), or a ConfigError.
 * @example resolveAsyncQueue(rt.env, ASYNC_QUEUES[1]).functionName // 'govwin-ace-prod-ace-submitter-events'
 */
export const resolveAsyncQueue = (env: OpsEnv, spec: AsyncQueueSpec): ResolvedAsyncQueue => {
  const url = env.require(spec.envVar, `the ${spec.name} queue`) as string;
  const name = url.split('/').at(-1) ?? '';
  const functionName = name.slice(0, -SUFFIX.length);
  // The variable's own validation guarantees both; this guards against a schema edited elsewhere.
  if (!name.endsWith(`-${spec.artifact}${SUFFIX}`) || !/^[A-Za-z0-9_-]{1,64}$/.test(functionName))
    throw new ConfigError(`${spec.envVar} must be the URL of <prefix>-${spec.artifact}${SUFFIX}`);
  return { spec, dlq: { url }, functionName };
};

/** Whether the variable of `spec` is set at all (unset: not configured; set but malformed: an error). */
export const isAsyncQueueConfigured = (env: OpsEnv, spec: AsyncQueueSpec): boolean =>
  (env.source[spec.envVar] ?? '').trim() !== '';

/** The DLQs a `--queue` value selects. */
export interface DlqSelection {
  work: QueueSpec[];
  async: AsyncQueueSpec[];
  /** False for `all` (or no flag): an on-failure queue whose variable is unset is skipped with a note. */
  explicit: boolean;
}

const VALUES = [
  ...QUEUES.map((q) => q.kind),
  ...ASYNC_QUEUES.map((q) => q.short),
  'work',
  'async',
  'all',
];

/**
 * The DLQs named by a `--queue` value: a work queue (`sync`, `submit`, `update`), an on-failure queue
 * (`orchestrator`, `events`, `reconcile`, `drift-report`), a full name, `work`, `async` or `all`.
 * @example selectDlqs('events') // { work: [], async: [the ace-events-async spec], explicit: true }
 */
export const selectDlqs = (value: string | undefined): DlqSelection => {
  if (value === undefined || value === 'all')
    return { work: [...QUEUES], async: [...ASYNC_QUEUES], explicit: false };
  if (value === 'work') return { work: [...QUEUES], async: [], explicit: true };
  if (value === 'async') return { work: [], async: [...ASYNC_QUEUES], explicit: true };
  const work = QUEUES.find((q) => q.name === value || q.kind === value);
  if (work) return { work: [work], async: [], explicit: true };
  const async = ASYNC_QUEUES.find((q) => q.name === value || q.short === value);
  if (async) return { work: [], async: [async], explicit: true };
  throw new UsageError(
    `--queue must be one of ${VALUES.join(', ')} (or a full name: ${[...QUEUES, ...ASYNC_QUEUES].map((q) => q.name).join(', ')})`
  );
};
