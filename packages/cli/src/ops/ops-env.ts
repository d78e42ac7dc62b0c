// The environment the operator commands read: the SAME variable names the Lambdas get from Terraform
// (and the local runtime from buildLocalEnvironment), plus AWS_ENDPOINT_URL_* overrides and the AWS
// credential chain. Each variable is validated on its own, so `doctor` can list every problem and the
// other commands can insist on exactly the subset they use.
import { type Catalog, ConfigError, env, loadEnv } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

const tableName = () =>
  env.string().check(z.regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'));
const secretId = () => env.string().check(z.maxLength(2048));
const stageId = () =>
  env.string().check(z.regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a HubSpot pipeline stage id'));

/** Every variable the operator commands may read, with its validation. */
export const OPS_VARS = {
  ACE_CATALOG: env.catalog(),
  SYNC_STATE_TABLE: tableName(),
  ENTITY_MAPPINGS_TABLE: tableName(),
  AUDIT_TABLE: tableName(),
  GOVWIN_SYNC_QUEUE_URL: env.queueUrl(),
  SUBMIT_QUEUE_URL: env.queueUrl(),
  UPDATE_QUEUE_URL: env.queueUrl(),
  /** Records of failed asynchronous runs (`dlq`, `doctor`); optional: the local runtime has none. */
  GOVWIN_ORCHESTRATOR_ASYNC_DLQ_URL: env.asyncFailureQueueUrl('govwin-poller-orchestrator'),
  ACE_EVENTS_ASYNC_DLQ_URL: env.asyncFailureQueueUrl('ace-submitter-events'),
  ACE_RECONCILE_ASYNC_DLQ_URL: env.asyncFailureQueueUrl('ace-submitter-reconcile'),
  DRIFT_REPORT_ASYNC_DLQ_URL: env.asyncFailureQueueUrl('cli-drift-report'),
  ALERTS_TOPIC_ARN: env.arn(),
  HUBSPOT_TOKEN_SECRET_ARN: secretId(),
  HUBSPOT_SIGNING_SECRET_ARN: secretId(),
  GOVWIN_CREDENTIALS_SECRET_ARN: secretId(),
  GOVWIN_TOKEN_SECRET_ARN: secretId(),
  HUBSPOT_BASE_URL: z._default(env.url(), 'https://api.hubapi.com'),
  GOVWIN_BASE_URL: z._default(env.url(), 'https://services.govwin.com/neo-ws'),
  PIPELINE_ID: stageId(),
  SUBMIT_STAGE_IDS: env.list(),
  TRIGGER_STAGE_ID: stageId(),
  REFERRAL_STAGE_ID: stageId(),
  AWS_ACCOUNT_ID_FOR_ACE: env
    .string()
    .check(z.regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id')),
  ACE_SOLUTION_ID: env
    .string()
    .check(z.regex(/^S-[0-9]{1,19}$/, 'must be a solution id (S-digits)')),
  /** CLI only: the HubSpot account id written into queue messages built by `drift --repair`. */
  HUBSPOT_PORTAL_ID: env
    .string()
    .check(z.regex(/^[1-9][0-9]{0,19}$/, 'must be a HubSpot account id')),
  HUBSPOT_RATE_LIMIT_PER_10S: z._default(env.int(10, 1000), 100),
} as const;
export type OpsVar = keyof typeof OPS_VARS;

/** Variables every deployment sets (doctor fails when one is missing). */
export const REQUIRED_VARS: readonly OpsVar[] = [
  'SYNC_STATE_TABLE',
  'ENTITY_MAPPINGS_TABLE',
  'AUDIT_TABLE',
  'GOVWIN_SYNC_QUEUE_URL',
  'SUBMIT_QUEUE_URL',
  'UPDATE_QUEUE_URL',
  'ALERTS_TOPIC_ARN',
  'HUBSPOT_TOKEN_SECRET_ARN',
  'HUBSPOT_SIGNING_SECRET_ARN',
  'GOVWIN_CREDENTIALS_SECRET_ARN',
  'GOVWIN_TOKEN_SECRET_ARN',
  'PIPELINE_ID',
  'SUBMIT_STAGE_IDS',
  'AWS_ACCOUNT_ID_FOR_ACE',
];

type Value<V extends OpsVar> = z.output<(typeof OPS_VARS)[V]>;

/** A parsed view of the environment. */
export interface OpsEnv {
  /** The raw environment (also read by the AWS client factory for endpoints and region). */
  source: Readonly<Record<string, string | undefined>>;
  /** The validated value of a variable, or undefined when it is unset or invalid. */
  get<V extends OpsVar>(name: V): Value<V> | undefined;
  /** The value, or a ConfigError naming every missing or invalid variable of `names` (exit 4). */
  require<V extends OpsVar>(name: V, purpose: string): Value<V>;
  requireAll(names: readonly OpsVar[], purpose: string): void;
  /** Problems of the given variables, one line each (`NAME is required (...)`). */
  problems(names: readonly OpsVar[]): string[];
  catalog: Catalog;
}

/**
 * Reads the operator environment.
 * @example const e = readOpsEnv(process.env); const table = e.require('AUDIT_TABLE', 'trace');
 */
export const readOpsEnv = (source: Readonly<Record<string, string | undefined>>): OpsEnv => {
  const cache = new Map<OpsVar, { value?: unknown; problem?: string }>();
  const read = (name: OpsVar) => {
    let hit = cache.get(name);
    if (!hit) {
      try {
        const parsed = loadEnv(z.object({ [name]: OPS_VARS[name] }), source, name) as Record<
          string,
          unknown
        >;
        hit =
          parsed[name] === undefined ? { problem: `${name} is required` } : { value: parsed[name] };
      } catch (err) {
        // loadEnv's message is "<component>: invalid environment: NAME <problem>"; keep the tail.
        const message = err instanceof Error ? err.message : 'is invalid';
        hit = { problem: message.slice(message.indexOf(name, name.length + 2)) };
      }
      cache.set(name, hit);
    }
    return hit;
  };
  const problems = (names: readonly OpsVar[]) =>
    names.map((n) => read(n).problem).filter((p): p is string => p !== undefined);
  const requireAll = (names: readonly OpsVar[], purpose: string) => {
    const list = problems(names);
    if (list.length > 0)
      throw new ConfigError(`${purpose} needs configuration: ${list.join('; ')}`);
  };
  return {
    source,
    get: (name) => read(name).value as never,
    require: (name, purpose) => {
      requireAll([name], purpose);
      return read(name).value as never;
    },
    requireAll,
    problems,
    catalog: (read('ACE_CATALOG').value as Catalog | undefined) ?? 'Sandbox',
  };
};
