// Lambda `events` (EventBridge rule on aws.partnercentral-selling): composition root only. Retryable
// failures throw, so the asynchronous invoke retries and then dead-letters the event. Partner Central is
// read-only here; review-exit replays go to the update queue (UPDATE_QUEUE_URL, required).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { loadConfig } from '../config';
import { type EventOutcome, makeAceEventHandler } from '../handle-ace-event';
import { buildReplayRequester, buildRuntime } from '../wiring';

const config = loadConfig(process.env);
const runtime = buildRuntime(config, process.env, 'events');
const handleEvent = makeAceEventHandler({
  ...runtime.deps,
  replays: buildReplayRequester(config, process.env),
});

export const handler = middy<unknown, EventOutcome>()
  .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
  .handler(async (event) => {
    try {
      return await handleEvent(event);
    } finally {
      runtime.flush();
    }
  });
