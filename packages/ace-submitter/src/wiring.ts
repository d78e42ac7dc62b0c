// Builds the real dependencies of the four Lambdas once per execution environment (module scope in each
// handler): AWS clients through the one factory, the shared DynamoDB pacing for ACE and HubSpot, the
// HubSpot client with its token from Secrets Manager, the state repositories, SNS alerts and metrics. The
// events handler gets a read-only ACE client (its role holds reads only) and the update-queue requester.
import { randomUUID } from 'node:crypto';
import {
  type AceRetryInfo,
  awsOptionsFromEnv,
  createLogger,
  createMetrics,
  documentClient,
  type EventDedup,
  type InvitationClaims,
  type Logger,
  MetricUnit,
  makeAceClient,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeEventDedup,
  makeHttpClient,
  makeHubSpotClient,
  makeInvitationClaims,
  makeQuotaLimiter,
  makeSecretsStore,
  parseHubSpotTokenSecret,
  partnerCentralClient,
  secretsManagerClient,
  snsClient,
  sqsClient,
} from '@govwin-ace/shared-core';
import { requireUpdateQueueUrl, type SubmitterConfig } from './config';
import { ACE_PACING, METRICS, type SubmitterDeps } from './context';
import { makeHubSpotDealStore } from './hubspot-deal-store';
import { REFERRAL_CLAIM_SECONDS } from './referrals';
import { makeSqsReplayRequester, type ReplayRequester } from './replay-request';
import { EVENTS_ACE_CALLS, restrictAceClient } from './restrict-ace';
import { makeSnsAlerts } from './sns-alerts';

/** Everything a handler needs: the cores' dependencies and a metrics flush for the end of an invocation. */
export interface SubmitterRuntime {
  deps: SubmitterDeps & { dedup: EventDedup; invitationClaims: InvitationClaims };
  /** The Powertools logger (for the middy context middleware). */
  logger: Logger;
  flush: () => void;
}

/**
 * Wires the production dependencies.
 * @example const runtime = buildRuntime(loadConfig(process.env), process.env, 'submit');
 */
export const buildRuntime = (
  config: SubmitterConfig,
  source: Readonly<Record<string, string | undefined>>,
  handlerName: 'submit' | 'update' | 'events' | 'reconcile'
): SubmitterRuntime => {
  const serviceName = `ace-submitter-${handlerName}`;
  const logger = createLogger({ serviceName });
  const powertools = createMetrics({ serviceName });
  const metrics = {
    count: (name: string, value = 1) => {
      if (value > 0) powertools.addMetric(name, MetricUnit.Count, value);
    },
  };
  const awsOptions = awsOptionsFromEnv(source);
  const doc = documentClient(awsOptions);
  // One SDK attempt per call: retries go through the client's own loop so every try is paced.
  const partnerCentral = partnerCentralClient({ ...awsOptions, maxAttempts: 1 });
  const pacing = { doc, tableName: config.tables.syncState };
  const aceWrite = makeQuotaLimiter('aceWrite', { ...pacing, spec: ACE_PACING.write });
  const aceRead = makeQuotaLimiter('aceRead', { ...pacing, spec: ACE_PACING.read });
  const aceClient = makeAceClient({
    client: partnerCentral,
    catalog: config.catalog,
    gates: { read: () => aceRead.acquire(), write: () => aceWrite.acquire() },
    onRetry: (info: AceRetryInfo) => {
      if (info.kind === 'throttling') metrics.count(METRICS.throttles);
      logger.warn('ACE call retried', { ...info });
    },
  });
  const ace =
    handlerName === 'events'
      ? restrictAceClient(aceClient, Object.keys(EVENTS_ACE_CALLS), serviceName)
      : aceClient;
  const secrets = makeSecretsStore({ client: secretsManagerClient(awsOptions) });
  const hubspot = makeHubSpotClient({
    http: makeHttpClient({ allowedHosts: [new URL(config.hubspotBaseUrl).hostname] }),
    baseUrl: config.hubspotBaseUrl,
    accessToken: async () =>
      parseHubSpotTokenSecret(await secrets.getString(config.hubspotTokenSecretArn)),
    limiter: makeQuotaLimiter('hubspot', pacing),
  });
  const mappings = { doc, tableName: config.tables.entityMappings };
  return {
    deps: {
      ace,
      repo: makeAceSubmissionRepo(mappings),
      dedup: makeEventDedup({ ...mappings, leaseSeconds: config.eventLeaseSeconds }),
      invitationClaims: makeInvitationClaims({
        ...mappings,
        leaseSeconds: REFERRAL_CLAIM_SECONDS,
      }),
      deals: makeHubSpotDealStore(hubspot),
      audit: makeAuditLog({ doc, tableName: config.tables.audit }),
      alerts: makeSnsAlerts({ sns: snsClient(awsOptions), topicArn: config.alertsTopicArn }),
      logger,
      metrics,
      settings: config,
      now: Date.now,
      newToken: randomUUID,
    },
    logger,
    flush: () => powertools.publishStoredMetrics(),
  };
};

/**
 * The events handler's hand-off to the update queue (SendMessage is its only queue permission); fails at
 * cold start when UPDATE_QUEUE_URL is missing.
 * @example const replays = buildReplayRequester(config, process.env);
 */
export const buildReplayRequester = (
  config: Pick<SubmitterConfig, 'updateQueueUrl'>,
  source: Readonly<Record<string, string | undefined>>
): ReplayRequester =>
  makeSqsReplayRequester({
    sqs: sqsClient(awsOptionsFromEnv(source)),
    queueUrl: requireUpdateQueueUrl(config),
  });
