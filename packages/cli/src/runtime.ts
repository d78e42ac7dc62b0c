// Builds what the commands need from the operator's environment: AWS clients through the one
// factory (credentials from the default chain; AWS_ENDPOINT_URL_* for the local runtime), secrets
// from Secrets Manager, and the same GovWin / HubSpot wiring the Lambdas use. Commands receive a
// factory, so tests inject simulator-backed collaborators instead.

import {
  DEFAULTS,
  type DiscoveryConfig,
  type GovWinRuntime,
  type LogPort,
  loadDiscoveryConfig,
  loadWorkerConfig,
  makeGovWinRuntime,
  makeHubSpotRuntime,
  makeSnsAlert,
  makeSyncAudit,
  type PipelineConfig,
  parseStageIds,
  type SyncAudit,
} from '@govwin-ace/govwin-poller';
import {
  awsOptionsFromEnv,
  env,
  type HubSpotClient,
  loadEnv,
  makeAuditLog,
  makeAwsClients,
  makeSecretsStore,
  makeTokenBucket,
  QUOTAS,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

/** The audit actor of HubSpot writes made by an operator's `govwin-ace sync --once`. */
export const CLI_SYNC_AUDIT_ACTOR = 'operator:govwin-ace-cli';

/** Counts calls per upstream (printed in summaries). */
export interface CallCounts {
  govwin: number;
  hubspot: number;
}

/** What `setup-hubspot` needs. */
export interface HubSpotSetupRuntime {
  hubspot: HubSpotClient;
  pipelineLabel: string;
  calls: CallCounts;
  close(): void;
}

/** What `sync` needs. */
export interface SyncRuntime {
  govwin: GovWinRuntime;
  hubspot: HubSpotClient;
  pipeline: PipelineConfig;
  discovery: DiscoveryConfig;
  /** Audit rows of the HubSpot writes of `sync --once` (actor {@link CLI_SYNC_AUDIT_ACTOR}). */
  audit: SyncAudit;
  calls: CallCounts;
  close(): void;
}

const setupSchema = z.object({
  HUBSPOT_TOKEN_SECRET_ARN: env.string().check(z.maxLength(2048)),
  HUBSPOT_BASE_URL: z._default(env.url(), DEFAULTS.hubspotBaseUrl),
  HUBSPOT_PIPELINE_LABEL: z._default(env.string().check(z.maxLength(100)), DEFAULTS.pipelineLabel),
  HUBSPOT_RATE_LIMIT_PER_10S: z._default(env.int(10, 1000), DEFAULTS.hubspotPer10s),
});

/** Builds the `setup-hubspot` runtime from the environment (a private in-process rate limiter). */
export const hubspotSetupRuntime = (
  source: Readonly<Record<string, string | undefined>>
): HubSpotSetupRuntime => {
  const e = loadEnv(setupSchema, source, 'config');
  const aws = makeAwsClients(awsOptionsFromEnv(source));
  const sm = aws.secretsManager();
  const calls: CallCounts = { govwin: 0, hubspot: 0 };
  const hubspot = makeHubSpotRuntime({
    hubspotBaseUrl: e.HUBSPOT_BASE_URL,
    tokenSecret: e.HUBSPOT_TOKEN_SECRET_ARN,
    secrets: makeSecretsStore({ client: sm }),
    syncStateTable: 'unused',
    doc: aws.documentClient(),
    per10s: e.HUBSPOT_RATE_LIMIT_PER_10S,
    limiter: makeTokenBucket({ ...QUOTAS.hubspot, name: 'hubspot-cli' }),
    onRequest: () => {
      calls.hubspot += 1;
    },
  });
  return { hubspot, pipelineLabel: e.HUBSPOT_PIPELINE_LABEL, calls, close: () => sm.destroy() };
};

/** Builds the `sync` runtime from the environment (the same variables as the worker). */
export const syncRuntime = (
  source: Readonly<Record<string, string | undefined>>,
  log: LogPort
): SyncRuntime => {
  const worker = loadWorkerConfig(source);
  const discovery = loadDiscoveryConfig(source, 'govwin-ace sync');
  parseStageIds(source.HUBSPOT_STAGE_IDS);
  const aws = makeAwsClients(awsOptionsFromEnv(source));
  const sm = aws.secretsManager();
  const doc = aws.documentClient();
  const secrets = makeSecretsStore({ client: sm });
  const calls: CallCounts = { govwin: 0, hubspot: 0 };
  const govwin = makeGovWinRuntime({
    govwinBaseUrl: worker.govwinBaseUrl,
    credentialsSecret: worker.govwinCredentialsSecret,
    tokenSecret: worker.govwinTokenSecret,
    syncStateTable: worker.syncStateTable,
    doc,
    secrets,
    tokenSecrets: makeSecretsStore({ client: sm, ttlMs: 0 }),
    alert: makeSnsAlert({
      sns: aws.sns(),
      ...(worker.alertsTopicArn ? { topicArn: worker.alertsTopicArn } : {}),
      log,
    }),
    onGovWinCall: () => {
      calls.govwin += 1;
    },
  });
  const hubspot = makeHubSpotRuntime({
    hubspotBaseUrl: worker.hubspotBaseUrl,
    tokenSecret: worker.hubspotTokenSecret,
    secrets,
    syncStateTable: worker.syncStateTable,
    doc,
    per10s: worker.hubspotPer10s,
    onRequest: () => {
      calls.hubspot += 1;
    },
  });
  return {
    govwin,
    hubspot,
    pipeline: worker.pipeline,
    discovery,
    audit: makeSyncAudit({
      audit: makeAuditLog({ doc, tableName: worker.auditTable }),
      actor: CLI_SYNC_AUDIT_ACTOR,
    }),
    calls,
    close: () => {
      sm.destroy();
      doc.destroy();
    },
  };
};
