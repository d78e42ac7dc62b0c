// Builds the writes Lambda's real dependencies once per execution environment (module scope in the
// handler): AWS clients through the one factory, the shared DynamoDB pacing for ACE and HubSpot, the
// HubSpot client with its token from Secrets Manager, the state repositories, SNS alerts and the submit
// queue (accepted referrals). The Partner Central client is wrapped in the command allow-list before
// anything else sees it.
import { randomUUID } from 'node:crypto';
import { makeHubSpotDealStore, makeSnsAlerts, noMetrics } from '@govwin-ace/ace-submitter';
import {
  type AwsClientOptions,
  createLogger,
  documentClient,
  type HubSpotClient,
  type Logger,
  makeAceClient,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeHttpClient,
  makeHubSpotClient,
  makeQuotaLimiter,
  makeSecretsStore,
  parseHubSpotTokenSecret,
  parseRotatingSecret,
  partnerCentralClient,
  secretsInOrder,
  secretsManagerClient,
  snsClient,
  sqsClient,
} from '@govwin-ace/shared-core';
import type { CardWriteDeps, PipelineStages } from './card-deps';
import type { WritesConfig } from './config';
import { guardPartnerCentral } from './guarded-partner-central';
import { makeInvitationClient } from './invitation-client';
import { makeReferralAcceptQueue } from './referral-queue';

/** Everything the handler needs. */
export interface WritesRuntime {
  deps: CardWriteDeps;
  logger: Logger;
  loadSigningSecrets: () => Promise<readonly string[]>;
  /** Document client for the replay guard. */
  doc: ReturnType<typeof documentClient>;
}

const pipelinesOf = (hubspot: Pick<HubSpotClient, 'listPipelines'>): PipelineStages => ({
  stagesOf: async (pipelineId) => {
    const pipeline = (await hubspot.listPipelines()).find((p) => p.id === pipelineId);
    return (pipeline?.stages ?? []).filter((s) => !s.archived);
  },
});

/**
 * Wires the production dependencies.
 * @example const runtime = buildWritesRuntime(loadWritesConfig(process.env), awsOptionsFromEnv(process.env));
 */
export const buildWritesRuntime = (
  config: WritesConfig,
  awsOptions: AwsClientOptions
): WritesRuntime => {
  const logger = createLogger({ serviceName: 'ui-ext-writes' });
  const doc = documentClient(awsOptions);
  // One SDK attempt per call: retries go through the clients' own loops so every try is paced.
  const partnerCentral = guardPartnerCentral(
    partnerCentralClient({ ...awsOptions, maxAttempts: 1 })
  );
  const pacing = { doc, tableName: config.tables.syncState };
  const aceWrite = makeQuotaLimiter('aceWrite', pacing);
  const aceRead = makeQuotaLimiter('aceRead', pacing);
  const gates = { read: () => aceRead.acquire(), write: () => aceWrite.acquire() };
  // The card waits at most 15 s for an answer (external-apis §2.3): fewer, shorter retries than the queues.
  const ace = makeAceClient({
    client: partnerCentral,
    catalog: config.catalog,
    gates,
    retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000 },
  });
  const secrets = makeSecretsStore({ client: secretsManagerClient(awsOptions) });
  const hubspot = makeHubSpotClient({
    http: makeHttpClient({
      allowedHosts: [new URL(config.hubspotBaseUrl).hostname],
      timeoutMs: 5_000,
      maxRetries: 2,
      maxDelayMs: 2_000,
    }),
    baseUrl: config.hubspotBaseUrl,
    accessToken: async () =>
      parseHubSpotTokenSecret(await secrets.getString(config.hubspotTokenSecretArn)),
    limiter: makeQuotaLimiter('hubspot', pacing),
  });
  return {
    deps: {
      submitter: {
        ace,
        repo: makeAceSubmissionRepo({ doc, tableName: config.tables.entityMappings }),
        deals: makeHubSpotDealStore(hubspot),
        audit: makeAuditLog({ doc, tableName: config.tables.audit }),
        alerts: makeSnsAlerts({ sns: snsClient(awsOptions), topicArn: config.alertsTopicArn }),
        logger,
        metrics: noMetrics,
        settings: {
          catalog: config.catalog,
          pipelineId: config.pipelineId,
          referralStageId: config.referralStageId,
          submitStageIds: config.triggerStageIds,
          // The card never mirrors stages (that is the events handler's job); none are needed here.
          stageIds: {
            submitted: '',
            inReview: '',
            approved: '',
            actionRequired: '',
            closedLost: '',
            closedWon: '',
          },
          awsAccountId: config.awsAccountId,
          defaultSolutionId: config.defaultSolutionId,
          involvementType: 'Co-Sell',
          visibility: 'Full',
        },
        now: Date.now,
        newToken: randomUUID,
      },
      invitations: makeInvitationClient({ client: partnerCentral, catalog: config.catalog, gates }),
      acceptQueue: makeReferralAcceptQueue({
        sqs: sqsClient(awsOptions),
        queueUrl: config.submitQueueUrl,
      }),
      pipelines: pipelinesOf(hubspot),
      config,
    },
    logger,
    loadSigningSecrets: async () =>
      secretsInOrder(parseRotatingSecret(await secrets.getString(config.signingSecretArn))),
    doc,
  };
};
