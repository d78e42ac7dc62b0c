// The local stack keeps an event whose three deliveries failed as Lambda does (a record on the events
// function's on-failure queue), and the scheduled reconcile runs it again and deletes the record.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { asyncFailureQueueName, LAMBDAS } from '../../../src/runtime/lambda-catalog';
import { type LocalStack, startLocalStack } from '../../../src/runtime/stack';

const EVENTS = LAMBDAS.find((l) => l.name === 'ace-submitter-events');
if (!EVENTS) throw new Error('the catalog has no events function');
const failing = new Set<string>();
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    seed: 11,
    opportunityCount: 1,
    preferDynalite: true,
    eventRetryDelaysMs: [0],
    wrapInvoke: (spec, invoke) =>
      spec.name === 'ace-submitter-events'
        ? async (event) => {
            if (failing.has((event as { id: string }).id)) throw new Error('injected failure');
            return invoke(event);
          }
        : invoke,
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('failed ACE events on the local runtime', () => {
  it('lands on the on-failure queue in Lambda record format and is re-driven by reconcile', async () => {
    // Arrange: an event for an opportunity AWS does not know, whose three deliveries all fail.
    const id = randomUUID();
    const event = {
      version: '0',
      id,
      source: 'aws.partnercentral-selling',
      'detail-type': 'Opportunity Updated',
      account: stack.aws.accountId,
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [],
      detail: { catalog: stack.infra.catalog, opportunity: { identifier: 'O9999999' } },
    };
    failing.add(id);
    stack.bus.publish(event);
    await stack.bus.drain();
    const queue = stack.aws.queue(asyncFailureQueueName(EVENTS));
    const [stored] = queue.peekAll();
    expect(queue.peekAll()).toHaveLength(1);
    expect(JSON.parse(stored?.body ?? '{}')).toMatchObject({
      requestContext: {
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-ace-submitter-events',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: event,
      responsePayload: { errorType: 'Error' },
    });
    expect(stack.env.ACE_EVENTS_ASYNC_DLQ_URL).toMatch(/\/local-ace-submitter-events-async-dlq$/);

    // Act: the failure is gone; the scheduled reconcile runs.
    failing.delete(id);
    const stats = await stack.runScheduled('ace-submitter-reconcile');

    // Assert
    expect(stats).toMatchObject({ failedEvents: 1, failedEventsRedriven: 1, failedEventsLeft: 0 });
    expect(queue.peekAll()).toHaveLength(0);
  }, 120_000);
});
