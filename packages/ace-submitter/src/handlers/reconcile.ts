// Lambda `reconcile` (EventBridge Scheduler): composition root only.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { loadConfig } from '../config';
import { makeReconcile, type ReconcileStats } from '../reconcile';
import { buildRuntime } from '../wiring';

const config = loadConfig(process.env);
const runtime = buildRuntime(config, process.env, 'reconcile');
const reconcile = makeReconcile(runtime.deps);

export const handler = middy<unknown, ReconcileStats, Error, Context>()
  .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
  .handler(async (_event, context) => {
    try {
      return await reconcile({ remainingMs: () => context.getRemainingTimeInMillis() });
    } finally {
      runtime.flush();
    }
  });
