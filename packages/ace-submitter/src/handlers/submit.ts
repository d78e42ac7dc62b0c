// Lambda `submit` (SQS submit queue, ReportBatchItemFailures; submit and acceptReferral messages):
// composition root only.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { makeAcceptReferral } from '../accept-referral';
import { loadConfig } from '../config';
import { runSqsBatch } from '../sqs-batch';
import { makeSubmitOpportunity } from '../submit-opportunity';
import { buildRuntime } from '../wiring';

const config = loadConfig(process.env);
const runtime = buildRuntime(config, process.env, 'submit');
const submit = makeSubmitOpportunity(runtime.deps);
const acceptReferral = makeAcceptReferral(runtime.deps);

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
  .handler(async (event) => {
    try {
      return await runSqsBatch(event, submit, {
        ...runtime.deps,
        queue: 'submit',
        maxReceiveCount: config.maxReceiveCount,
        acceptReferral,
      });
    } finally {
      runtime.flush();
    }
  });
