// Builds, lazily and once per command run, the collaborators the operator commands use: AWS clients
// through the one factory (credentials from the default chain, AWS_ENDPOINT_URL_* for the local
// runtime), the state repositories, and the same HubSpot / GovWin / Partner Central clients the
// Lambdas use, paced by the same shared DynamoDB token buckets so the CLI never exceeds a quota the
// running stack relies on.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { PartnerCentralSellingClient } from '@aws-sdk/client-partnercentral-selling';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type GovWinRuntime,
  type LogPort,
  makeGovWinRuntime,
  makeHubSpotRuntime,
  makeSnsAlert,
} from '@govwin-ace/govwin-poller';
import {
  type AceClient,
  type AceSubmissionRepo,
  type AuditLog,
  type AwsClientOptions,
  type AwsClients,
  awsOptionsFromEnv,
  cloudWatchClient,
  documentClient,
  type HubSpotClient,
  makeAceClient,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeHttpClient,
  makeQuotaLimiter,
  makeSecretsStore,
  makeTokenBucket,
  makeWatermarkRepo,
  partnerCentralClient,
  QUOTAS,
  type SecretsStore,
  secretsManagerClient,
  snsClient,
  sqsClient,
  type WatermarkRepo,
} from '@govwin-ace/shared-core';
import { type OpsEnv, readOpsEnv } from './ops-env';

/** What the operator commands are built from. Every getter builds its client on first use. */
export interface OpsRuntime {
  env: OpsEnv;
  /** True when the AWS endpoints are overridden to loopback (the local runtime). */
  local: boolean;
  /** True when a CloudWatch endpoint is known (AWS, or an explicit AWS_ENDPOINT_URL_CLOUDWATCH). */
  hasCloudWatch: boolean;
  doc(): DynamoDBDocumentClient;
  sqs(): SQSClient;
  cloudWatch(): CloudWatchClient;
  sns(): ReturnType<AwsClients['sns']>;
  /**
   * The options every client here is built with, for a command that needs one more client (`dlq` builds
   * its Lambda client from them, so that the drift-report Lambda, which bundles this runtime, carries no
   * Lambda client).
   */
  awsOptions: Readonly<AwsClientOptions>;
  partnerCentral(): PartnerCentralSellingClient;
  /** Secrets with the usual short cache. */
  secrets(): SecretsStore;
  /** The raw Secrets Manager client (for stores with other cache settings). */
  secretsClient(): ReturnType<AwsClients['secretsManager']>;
  submissions(): AceSubmissionRepo;
  audit(): AuditLog;
  watermarks(): WatermarkRepo;
  hubspot(): HubSpotClient;
  ace(): AceClient;
  govwin(log: LogPort): GovWinRuntime;
  /** Releases the clients' sockets. */
  close(): void;
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/** Options for tests and for commands that must fail fast (doctor). */
export interface OpsRuntimeOptions {
  /** SDK attempts per AWS call (default 3). */
  maxAttempts?: number;
  /** HTTP timeout per attempt for HubSpot and GovWin (default 15 s). */
  httpTimeoutMs?: number;
  /** HTTP retries for HubSpot and GovWin (default 2). */
  httpRetries?: number;
}

/**
 * Builds the runtime from an environment (normally process.env).
 * @example const rt = makeOpsRuntime(io.env); try { await rt.audit().listByDeal('42') } finally { rt.close() }
 */
export const makeOpsRuntime = (
  source: Readonly<Record<string, string | undefined>>,
  options: OpsRuntimeOptions = {}
): OpsRuntime => {
  const opsEnv = readOpsEnv(source);
  const awsOptions: AwsClientOptions = {
    ...awsOptionsFromEnv(source),
    maxAttempts: options.maxAttempts ?? 3,
  };
  const endpoints = Object.values(awsOptions.endpoints ?? {});
  const local = endpoints.length > 0 && endpoints.every((u) => LOOPBACK.test(u ?? ''));
  // Per-service factories, not makeAwsClients: the drift-report Lambda bundles this runtime, and only
  // the clients referenced here end up in its bundle.
  const closers: (() => void)[] = [];
  const once = <T extends { destroy(): void }>(build: () => T) => {
    let value: T | undefined;
    return () => {
      if (value === undefined) {
        value = build();
        const built = value;
        closers.push(() => built.destroy());
      }
      return value;
    };
  };
  const memo = <T>(build: () => T) => {
    let value: T | undefined;
    return () => {
      value ??= build();
      return value;
    };
  };
  const doc = once(() => documentClient(awsOptions));
  const sqs = once(() => sqsClient(awsOptions));
  const cloudWatch = once(() => cloudWatchClient(awsOptions));
  const secretsManager = once(() => secretsManagerClient(awsOptions));
  const sns = once(() => snsClient(awsOptions));
  // One SDK attempt per Partner Central call: the ACE client's own loop paces and retries.
  const partnerCentral = once(() => partnerCentralClient({ ...awsOptions, maxAttempts: 1 }));
  const secrets = memo(() => makeSecretsStore({ client: secretsManager() }));
  const syncState = () => opsEnv.require('SYNC_STATE_TABLE', 'shared rate limits');
  const hubspot = memo(() => {
    const tableName = opsEnv.get('SYNC_STATE_TABLE');
    const base = opsEnv.require('HUBSPOT_BASE_URL', 'HubSpot');
    return makeHubSpotRuntime({
      hubspotBaseUrl: base,
      tokenSecret: opsEnv.require('HUBSPOT_TOKEN_SECRET_ARN', 'HubSpot'),
      secrets: secrets(),
      syncStateTable: tableName ?? 'unused',
      doc: doc(),
      per10s: opsEnv.get('HUBSPOT_RATE_LIMIT_PER_10S') ?? 100,
      ...(tableName
        ? {}
        : { limiter: makeTokenBucket({ ...QUOTAS.hubspot, name: 'hubspot-cli' }) }),
      ...httpOverrides(options, base),
    });
  });
  const ace = memo(() => {
    const pacing = { doc: doc(), tableName: syncState() };
    const read = makeQuotaLimiter('aceRead', pacing);
    const write = makeQuotaLimiter('aceWrite', pacing);
    return makeAceClient({
      client: partnerCentral(),
      catalog: opsEnv.catalog,
      gates: { read: () => read.acquire(), write: () => write.acquire() },
      retry: { maxAttempts: options.maxAttempts ?? 3 },
    });
  });
  return {
    env: opsEnv,
    local,
    hasCloudWatch: !local || awsOptions.endpoints?.cloudwatch !== undefined,
    doc,
    sqs,
    cloudWatch,
    sns,
    awsOptions,
    partnerCentral,
    secrets,
    secretsClient: secretsManager,
    submissions: memo(() =>
      makeAceSubmissionRepo({
        doc: doc(),
        tableName: opsEnv.require('ENTITY_MAPPINGS_TABLE', 'the ACE mapping rows'),
      })
    ),
    audit: memo(() =>
      makeAuditLog({ doc: doc(), tableName: opsEnv.require('AUDIT_TABLE', 'the audit log') })
    ),
    watermarks: memo(() => makeWatermarkRepo({ doc: doc(), tableName: syncState() })),
    hubspot,
    ace,
    govwin: (log) => {
      const base = opsEnv.require('GOVWIN_BASE_URL', 'GovWin');
      const topicArn = opsEnv.get('ALERTS_TOPIC_ARN');
      return makeGovWinRuntime({
        govwinBaseUrl: base,
        credentialsSecret: opsEnv.require('GOVWIN_CREDENTIALS_SECRET_ARN', 'GovWin'),
        tokenSecret: opsEnv.require('GOVWIN_TOKEN_SECRET_ARN', 'GovWin'),
        syncStateTable: syncState(),
        doc: doc(),
        secrets: secrets(),
        tokenSecrets: makeSecretsStore({ client: secretsManager(), ttlMs: 0 }),
        alert: makeSnsAlert({ ...(topicArn ? { sns: sns(), topicArn } : {}), log }),
        ...httpOverrides(options, base),
      });
    },
    close: () => {
      for (const close of closers.splice(0)) close();
    },
  };
};

/** HTTP client for HubSpot / GovWin when the caller wants faster failure than the Lambdas' default. */
const httpOverrides = (options: OpsRuntimeOptions, baseUrl: string) =>
  options.httpTimeoutMs === undefined && options.httpRetries === undefined
    ? {}
    : {
        http: makeHttpClient({
          allowedHosts: [new URL(baseUrl).hostname.toLowerCase()],
          timeoutMs: options.httpTimeoutMs ?? 15_000,
          maxRetries: options.httpRetries ?? 2,
        }),
      };

/** The default runtime factory commands use (tests pass their own). */
export const defaultOpsRuntime = (source: Readonly<Record<string, string | undefined>>) =>
  makeOpsRuntime(source);
