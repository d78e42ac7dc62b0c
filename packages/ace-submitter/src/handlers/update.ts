// Lambda `update` (SQS update queue, ReportBatchItemFailures; update and replayParked messages):
// composition root only.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig } from '../config';
import { makeReplayParked } from '../replay-requested';
import { runSqsBatch } from '../sqs-batch';
import { makeUpdateOpportunity } from '../update-opportunity';
import { buildRuntime } from '../wiring';

const config = loadConfig(process.env);
const runtime = buildRuntime(config, process.env, 'update');
const update = makeUpdateOpportunity(runtime.deps);
const replayParked = makeReplayParked(runtime.deps);

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
  .handler(async (event) => {
    try {
      return await runSqsBatch(event, update, {
        ...runtime.deps,
        queue: 'update',
        maxReceiveCount: config.maxReceiveCount,
        replayParked,
      });
    } finally {
      runtime.flush();
    }
  });
