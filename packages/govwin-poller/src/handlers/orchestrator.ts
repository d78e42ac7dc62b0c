// Scheduled by EventBridge Scheduler: GovWin token, discovery, watermark filter, fan-out to SQS.
// Composition root only; the logic is in ../orchestrate.ts.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  awsOptionsFromEnv,
  createLogger,
  createMetrics,
  documentClient,
  makeSecretsStore,
  secretsManagerClient,
  snsClient,
  sqsClient,
} from '@govwin-ace/shared-core';
import middy from '@middy/core';
import { makeSnsAlert } from '../alerts';
import { loadOrchestratorConfig } from '../config';
import { makeOrchestrate } from '../orchestrate';
import { makePowertoolsMetrics, SYNC_METRIC } from '../ports';
import { makeGovWinRuntime } from '../runtime';
import { makeSqsEnqueue } from '../sqs-enqueue';

const config = loadOrchestratorConfig(process.env);
const logger = createLogger({ serviceName: 'govwin-poller-orchestrator' });
const awsOptions = awsOptionsFromEnv(process.env);
const secretsManager = secretsManagerClient(awsOptions);
const powertoolsMetrics = createMetrics({ serviceName: 'govwin-poller-orchestrator' });
const metrics = makePowertoolsMetrics(powertoolsMetrics);
const runtime = makeGovWinRuntime({
  govwinBaseUrl: config.govwinBaseUrl,
  credentialsSecret: config.govwinCredentialsSecret,
  tokenSecret: config.govwinTokenSecret,
  syncStateTable: config.syncStateTable,
  doc: documentClient(awsOptions),
  secrets: makeSecretsStore({ client: secretsManager }),
  tokenSecrets: makeSecretsStore({ client: secretsManager, ttlMs: 0 }),
  onGovWinThrottle: () => metrics.count(SYNC_METRIC.throttles),
  alert: makeSnsAlert({
    sns: snsClient(awsOptions),
    ...(config.alertsTopicArn ? { topicArn: config.alertsTopicArn } : {}),
    log: logger,
  }),
});
const orchestrate = makeOrchestrate({
  auth: runtime.auth,
  govwin: runtime.govwin,
  watermarks: runtime.watermarks,
  enqueue: makeSqsEnqueue({ sqs: sqsClient(awsOptions), queueUrl: config.queueUrl }),
  mode: config.mode,
  oppType: config.oppType,
  batchSize: config.batchSize,
  log: logger,
  metrics,
});

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    try {
      return await orchestrate();
    } finally {
      powertoolsMetrics.publishStoredMetrics();
    }
  });
