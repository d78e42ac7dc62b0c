// Lambda `reconcile` (EventBridge Scheduler): composition root only.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { awsOptionsFromEnv, sqsClient } from '@govwin-ace/shared-core';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { loadConfig, requeueTarget } from '../config';
import { failedEventsFunctionName, makeSqsFailedEventQueue } from '../failed-events';
import { makeReconcile } from '../reconcile';
import type { ReconcileStats } from '../reconcile-run';
import { makeSqsSubmitRequeuer } from '../submit-requeue';
import { buildRuntime } from '../wiring';

const config = loadConfig(process.env);
const runtime = buildRuntime(config, process.env, 'reconcile');
const target = requeueTarget(config);
const sqs = sqsClient(awsOptionsFromEnv(process.env));
const failedQueueUrl = config.eventsFailureQueueUrl;
const reconcile = makeReconcile({
  ...runtime.deps,
  hubspotAppId: config.hubspotAppId,
  hubspotPortalId: config.hubspotPortalId,
  submitRequeue: target
    ? makeSqsSubmitRequeuer({ sqs, ...target, catalog: config.catalog })
    : undefined,
  failedEvents: failedQueueUrl
    ? {
        queue: makeSqsFailedEventQueue({ sqs, queueUrl: failedQueueUrl }),
        functionName: failedEventsFunctionName(failedQueueUrl),
      }
    : undefined,
});

export const handler = middy<unknown, ReconcileStats, Error, Context>()
  .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
  .handler(async (_event, context) => {
    if (!target)
      runtime.logger.warn(
        'trigger-stage sweep off: SUBMIT_QUEUE_URL and HUBSPOT_PORTAL_ID are not both set'
      );
    if (!config.hubspotAppId) runtime.logger.warn('lost-edit sweep off: HUBSPOT_APP_ID is not set');
    if (!failedQueueUrl)
      runtime.logger.warn('failed-events sweep off: ACE_EVENTS_ASYNC_DLQ_URL is not set');
    try {
      return await reconcile({ remainingMs: () => context.getRemainingTimeInMillis() });
    } finally {
      runtime.flush();
    }
  });
