// The only reader of the environment for govwin-poller (CONVENTIONS §9). Names match
// terraform/stack/lambdas.tf; the optional ones have the defaults documented in the README.
import {
  ConfigError,
  env,
  GOVWIN_STAGES,
  type GovWinStageKey,
  isGovWinStageKey,
  loadEnv,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';
import type { DiscoveryMode } from './discover';
import type { PipelineConfig } from './resolve-pipeline';
import { MAX_OPPORTUNITIES_PER_MESSAGE } from './sync-message';

/** Environment variable names. */
export const ENV = {
  syncStateTable: 'SYNC_STATE_TABLE',
  auditTable: 'AUDIT_TABLE',
  queueUrl: 'GOVWIN_SYNC_QUEUE_URL',
  govwinCredentialsSecret: 'GOVWIN_CREDENTIALS_SECRET_ARN',
  govwinTokenSecret: 'GOVWIN_TOKEN_SECRET_ARN',
  hubspotTokenSecret: 'HUBSPOT_TOKEN_SECRET_ARN',
  alertsTopic: 'ALERTS_TOPIC_ARN',
  govwinBaseUrl: 'GOVWIN_BASE_URL',
  hubspotBaseUrl: 'HUBSPOT_BASE_URL',
  discovery: 'GOVWIN_DISCOVERY',
  markedVersion: 'GOVWIN_MARKED_VERSION',
  savedSearchId: 'GOVWIN_SAVED_SEARCH_ID',
  oppType: 'GOVWIN_OPP_TYPE',
  lookbackDays: 'GOVWIN_LOOKBACK_DAYS',
  market: 'GOVWIN_MARKET',
  batchSize: 'GOVWIN_BATCH_SIZE',
  pipelineLabel: 'HUBSPOT_PIPELINE_LABEL',
  pipelineId: 'PIPELINE_ID',
  stageIds: 'HUBSPOT_STAGE_IDS',
  hubspotPer10s: 'HUBSPOT_RATE_LIMIT_PER_10S',
} as const;

/** Defaults (documented in the README). */
export const DEFAULTS = {
  govwinBaseUrl: 'https://services.govwin.com/neo-ws',
  hubspotBaseUrl: 'https://api.hubapi.com',
  pipelineLabel: 'GovWin Pipeline',
  batchSize: MAX_OPPORTUNITIES_PER_MESSAGE,
  lookbackDays: 365,
  hubspotPer10s: 100,
} as const;

const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const STAGE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const secretId = () => env.string().check(z.maxLength(2048));

const shared = {
  [ENV.syncStateTable]: env.string().check(z.regex(TABLE, 'must be a DynamoDB table name')),
  [ENV.govwinCredentialsSecret]: secretId(),
  [ENV.govwinTokenSecret]: secretId(),
  [ENV.alertsTopic]: z.optional(env.arn()),
  [ENV.govwinBaseUrl]: z._default(env.url(), DEFAULTS.govwinBaseUrl),
};

const discoveryFields = {
  [ENV.discovery]: z._default(
    z.enum(['marked', 'bookmarked', 'saved-search', 'search'], {
      error: 'must be marked, bookmarked, saved-search or search',
    }),
    'marked'
  ),
  [ENV.markedVersion]: z._default(z.enum(['2.2', '2'], { error: 'must be 2.2 or 2' }), '2.2'),
  [ENV.savedSearchId]: z.optional(
    env.string().check(z.regex(/^\d{1,19}$/, 'must be a numeric saved search id'))
  ),
  [ENV.oppType]: z._default(
    z.enum(['OPP', 'TNS', 'BID', 'FBO', 'OPN', 'TOP', 'ALL'], {
      error: 'must be OPP, TNS, BID, FBO, OPN, TOP or ALL',
    }),
    'ALL'
  ),
  [ENV.lookbackDays]: z._default(env.int(1, 3650), DEFAULTS.lookbackDays),
  [ENV.market]: z.optional(z.enum(['Federal', 'SLED'], { error: 'must be Federal or SLED' })),
  [ENV.batchSize]: z._default(env.int(1, MAX_OPPORTUNITIES_PER_MESSAGE), DEFAULTS.batchSize),
};
const discoverySchema = z.object(discoveryFields);
const orchestratorSchema = z.object({
  ...shared,
  [ENV.queueUrl]: env.queueUrl(),
  ...discoveryFields,
});

const workerSchema = z.object({
  ...shared,
  [ENV.auditTable]: env.string().check(z.regex(TABLE, 'must be a DynamoDB table name')),
  [ENV.hubspotTokenSecret]: secretId(),
  [ENV.hubspotBaseUrl]: z._default(env.url(), DEFAULTS.hubspotBaseUrl),
  [ENV.pipelineLabel]: z._default(env.string().check(z.maxLength(100)), DEFAULTS.pipelineLabel),
  [ENV.pipelineId]: z.optional(
    env.string().check(z.regex(STAGE_ID, 'must be a HubSpot pipeline id'))
  ),
  [ENV.stageIds]: z.optional(env.string().check(z.maxLength(4096))),
  [ENV.hubspotPer10s]: z._default(env.int(10, 1000), DEFAULTS.hubspotPer10s),
});

/** Settings both handlers share. */
export interface SharedConfig {
  syncStateTable: string;
  govwinCredentialsSecret: string;
  govwinTokenSecret: string;
  alertsTopicArn?: string;
  govwinBaseUrl: string;
}

/** How opportunities are discovered and batched. */
export interface DiscoveryConfig {
  mode: DiscoveryMode;
  oppType: string;
  batchSize: number;
}

/** The orchestrator's configuration. */
export interface OrchestratorConfig extends SharedConfig, DiscoveryConfig {
  queueUrl: string;
}

/** The worker's configuration. */
export interface WorkerConfig extends SharedConfig {
  /** The audit table: one row per HubSpot deal write the sync makes. */
  auditTable: string;
  hubspotTokenSecret: string;
  hubspotBaseUrl: string;
  pipeline: PipelineConfig;
  hubspotPer10s: number;
}

const sharedOf = (e: Record<string, unknown>): SharedConfig => ({
  syncStateTable: e[ENV.syncStateTable] as string,
  govwinCredentialsSecret: e[ENV.govwinCredentialsSecret] as string,
  govwinTokenSecret: e[ENV.govwinTokenSecret] as string,
  ...(e[ENV.alertsTopic] ? { alertsTopicArn: e[ENV.alertsTopic] as string } : {}),
  govwinBaseUrl: e[ENV.govwinBaseUrl] as string,
});

/**
 * Parses `HUBSPOT_STAGE_IDS`: a JSON object of stage key -> stage id, e.g. `{"closed_won":"1234"}`.
 * Unknown keys and malformed ids are configuration errors (listed, values not echoed).
 */
export const parseStageIds = (
  text: string | undefined
): Partial<Record<GovWinStageKey, string>> => {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${ENV.stageIds} must be a JSON object of stage key -> stage id`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`${ENV.stageIds} must be a JSON object of stage key -> stage id`);
  }
  const out: Partial<Record<GovWinStageKey, string>> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (!isGovWinStageKey(key))
      problems.push(`unknown stage key (expected ${GOVWIN_STAGES.map((s) => s.key).join(', ')})`);
    else if (typeof value !== 'string' || !STAGE_ID.test(value))
      problems.push(`${key} must be a stage id`);
    else out[key] = value;
  }
  if (problems.length > 0)
    throw new ConfigError(`${ENV.stageIds}: ${[...new Set(problems)].join('; ')}`);
  return out;
};

const discoveryOf = (e: z.output<typeof discoverySchema>, component: string): DiscoveryConfig => {
  const kind = e[ENV.discovery];
  let mode: DiscoveryMode;
  if (kind === 'saved-search') {
    const id = e[ENV.savedSearchId];
    if (!id) {
      throw new ConfigError(
        `${component}: ${ENV.savedSearchId} is required when ${ENV.discovery}=saved-search`
      );
    }
    mode = { kind, savedSearchId: id };
  } else if (kind === 'search') {
    const market = e[ENV.market];
    mode = { kind, lookbackDays: e[ENV.lookbackDays], ...(market ? { market } : {}) };
  } else if (kind === 'bookmarked') {
    mode = { kind };
  } else {
    mode = { kind: 'marked', markedVersion: e[ENV.markedVersion] };
  }
  return { mode, oppType: e[ENV.oppType], batchSize: e[ENV.batchSize] };
};

/** Reads only the discovery settings (the CLI's `sync` uses them without a queue). */
export const loadDiscoveryConfig = (
  source: Readonly<Record<string, string | undefined>>,
  component = 'govwin discovery'
): Readonly<DiscoveryConfig> =>
  Object.freeze(discoveryOf(loadEnv(discoverySchema, source, component), component));

/** Reads the orchestrator's environment; one ConfigError lists every problem. */
export const loadOrchestratorConfig = (
  source: Readonly<Record<string, string | undefined>>
): Readonly<OrchestratorConfig> => {
  const component = 'govwin-poller orchestrator';
  const e = loadEnv(orchestratorSchema, source, component);
  return Object.freeze({ ...sharedOf(e), queueUrl: e[ENV.queueUrl], ...discoveryOf(e, component) });
};

/** Reads the worker's environment; one ConfigError lists every problem. */
export const loadWorkerConfig = (
  source: Readonly<Record<string, string | undefined>>
): Readonly<WorkerConfig> => {
  const e = loadEnv(workerSchema, source, 'govwin-poller worker');
  const pipelineId = e[ENV.pipelineId];
  return Object.freeze({
    ...sharedOf(e),
    auditTable: e[ENV.auditTable],
    hubspotTokenSecret: e[ENV.hubspotTokenSecret],
    hubspotBaseUrl: e[ENV.hubspotBaseUrl],
    pipeline: {
      label: e[ENV.pipelineLabel],
      ...(pipelineId ? { pipelineId } : {}),
      stageIds: parseStageIds(e[ENV.stageIds]),
    },
    hubspotPer10s: e[ENV.hubspotPer10s],
  });
};
