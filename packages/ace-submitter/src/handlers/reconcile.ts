// Lambda `reconcile` (EventBridge Scheduler): composition root only.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { awsOptionsFromEnv, sqsClient } from '@govwin-ace/shared-core';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { loadConfig, requeueTarget } from '../config';
import { makeReconcile } from '../reconcile';
import type { ReconcileStats } from '../reconcile-run';
import { makeSqsSubmitRequeuer } from '../submit-requeue';
import { buildRuntime } from '../wiring';

const config = loadConfig(process.env);
const runtime = buildRuntime(config, process.env, 'reconcile');
const target = requeueTarget(config);
const reconcile = makeReconcile({
  ...runtime.deps,
  hubspotAppId: config.hubspotAppId,
  hubspotPortalId: config.hubspotPortalId,
  submitRequeue: target
    ? makeSqsSubmitRequeuer({
        sqs: sqsClient(awsOptionsFromEnv(process.env)),
        ...target,
        catalog: config.catalog,
      })
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
    try {
      return await reconcile({ remainingMs: () => context.getRemainingTimeInMillis() });
    } finally {
      runtime.flush();
    }
  });
