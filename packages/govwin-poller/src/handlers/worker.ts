// SQS (govwin-sync queue, ReportBatchItemFailures): fetch, map, upsert, associate, audit, advance
// watermarks.
// Composition root only; the logic is in ../process-sync-batch.ts and ../sync-opportunities.ts.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  awsOptionsFromEnv,
  createLogger,
  createMetrics,
  documentClient,
  makeAuditLog,
  makeSecretsStore,
  secretsManagerClient,
  snsClient,
} from '@govwin-ace/shared-core';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { makeSnsAlert } from '../alerts';
import { makeSyncAudit } from '../audit-sync-writes';
import { loadWorkerConfig } from '../config';
import { makePowertoolsMetrics, SYNC_METRIC } from '../ports';
import { makeProcessSyncBatch } from '../process-sync-batch';
import { makePipelineResolver } from '../resolve-pipeline';
import { makeGovWinRuntime, makeHubSpotRuntime } from '../runtime';
import { makeSyncOpportunities } from '../sync-opportunities';

const config = loadWorkerConfig(process.env);
const logger = createLogger({ serviceName: 'govwin-poller-worker' });
const awsOptions = awsOptionsFromEnv(process.env);
const doc = documentClient(awsOptions);
const secretsManager = secretsManagerClient(awsOptions);
const secrets = makeSecretsStore({ client: secretsManager });
const powertoolsMetrics = createMetrics({ serviceName: 'govwin-poller-worker' });
const metrics = makePowertoolsMetrics(powertoolsMetrics);
const govwin = makeGovWinRuntime({
  govwinBaseUrl: config.govwinBaseUrl,
  credentialsSecret: config.govwinCredentialsSecret,
  tokenSecret: config.govwinTokenSecret,
  syncStateTable: config.syncStateTable,
  doc,
  secrets,
  tokenSecrets: makeSecretsStore({ client: secretsManager, ttlMs: 0 }),
  onGovWinThrottle: () => metrics.count(SYNC_METRIC.throttles),
  alert: makeSnsAlert({
    sns: snsClient(awsOptions),
    ...(config.alertsTopicArn ? { topicArn: config.alertsTopicArn } : {}),
    log: logger,
  }),
  // Stay well inside the function timeout when someone else has spent the hourly budget.
  maxBudgetWaitMs: 120_000,
});
const hubspot = makeHubSpotRuntime({
  hubspotBaseUrl: config.hubspotBaseUrl,
  tokenSecret: config.hubspotTokenSecret,
  secrets,
  syncStateTable: config.syncStateTable,
  doc,
  per10s: config.hubspotPer10s,
  onThrottle: () => metrics.count(SYNC_METRIC.throttles),
});
const sync = makeSyncOpportunities({
  govwin: govwin.govwin,
  hubspot,
  watermarks: govwin.watermarks,
  entityMap: govwin.entityMap,
  pipeline: makePipelineResolver({ hubspot, config: config.pipeline }),
  log: logger,
  metrics,
  audit: makeSyncAudit({ audit: makeAuditLog({ doc, tableName: config.auditTable }) }),
});
const processBatch = makeProcessSyncBatch({
  sync: (refs, options) => sync(refs, options),
  log: logger,
  metrics,
});

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event: SQSEvent, context: Context) => {
    govwin.auth.beginRun();
    try {
      return await processBatch(event, context);
    } finally {
      powertoolsMetrics.publishStoredMetrics();
    }
  });
