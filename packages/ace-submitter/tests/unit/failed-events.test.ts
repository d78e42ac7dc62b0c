// The failed-events sweep's decisions, with an in-memory queue (the integration test runs it over SQS).
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  FAILED_EVENT_HOLD_SECONDS,
  type FailedEventMessage,
  type FailedEventQueue,
  failedEventsFunctionName,
  makeFailedEventRedrive,
  makeSqsFailedEventQueue,
  readFailedEvent,
} from '../../src/failed-events';
import type { EventOutcome } from '../../src/handle-ace-event';
import {
  makeSweepTools,
  newReconcileStats,
  RECONCILE_LIMITS,
  type ReconcileLimits,
} from '../../src/reconcile-run';
import { makeRecordingLogger, makeRecordingMetrics } from '../helpers/recorders';

const FN = 'p-ace-submitter-events';
const ARN = `arn:aws:lambda:us-east-1:111122223333:function:${FN}`;
const record = (event: unknown, functionArn = ARN) =>
  JSON.stringify({
    requestContext: { functionArn, condition: 'RetriesExhausted' },
    requestPayload: event,
  });

/** A queue of records; receive hands out each record not yet handed out in this run. */
const makeFakeQueue = (bodies: string[], receiveCount = 1) => {
  const messages: FailedEventMessage[] = bodies.map((body, i) => ({
    messageId: `m${i}`,
    receiptHandle: `r${i}`,
    body,
    receiveCount,
  }));
  const handedOut = new Set<string>();
  const calls = { removed: [] as string[], released: [] as string[], holds: [] as number[] };
  const queue: FailedEventQueue = {
    receive: async (max, hold) => {
      calls.holds.push(hold);
      const out = messages.filter((m) => !handedOut.has(m.messageId)).slice(0, max);
      for (const m of out) handedOut.add(m.messageId);
      return out;
    },
    remove: async (h) => void calls.removed.push(h),
    release: async (h) => void calls.released.push(h),
  };
  return { queue, calls };
};

const sweepWith = (
  queue: FailedEventQueue,
  handleEvent: (e: unknown) => Promise<EventOutcome>,
  limits: Partial<ReconcileLimits> = {}
) => {
  const logger = makeRecordingLogger();
  const metrics = makeRecordingMetrics();
  const run = makeFailedEventRedrive(
    { queue, functionName: FN, handleEvent, logger },
    makeSweepTools({ logger, metrics }),
    { ...RECONCILE_LIMITS, ...limits }
  );
  return { run, logger, metrics };
};

describe('readFailedEvent', () => {
  it('returns the kept event of a record of the named function', () => {
    expect(readFailedEvent(record({ id: 'e1' }), FN)).toEqual({ event: { id: 'e1' } });
    expect(readFailedEvent(record({ id: 'e1' }, `${ARN}:$LATEST`), FN)).toEqual({
      event: { id: 'e1' },
    });
  });

  it.each([
    ['not json', 'the record is not JSON'],
    ['[]', 'not a record of a failed asynchronous run (no requestContext)'],
    ['{"requestContext":{}}', 'the record names no function (requestContext.functionArn)'],
    [record({}, ARN.replace(FN, 'p-ace-submitter-reconcile')), 'a record of another function'],
    [record('text'), 'the record keeps no event'],
  ])('names why %s cannot be re-driven, without echoing it', (body, problem) => {
    expect(readFailedEvent(body, FN)).toEqual({ problem });
  });

  it('derives the function from the queue URL', () => {
    expect(
      failedEventsFunctionName(
        'https://sqs.us-east-1.amazonaws.com/1/p-ace-submitter-events-async-dlq'
      )
    ).toBe(FN);
    expect(failedEventsFunctionName('https://sqs.us-east-1.amazonaws.com/1/other')).toBe('');
  });
});

describe('the failed-events sweep', () => {
  it('deletes what the use case handled and releases what failed again, for the next run', async () => {
    // Arrange
    const { queue, calls } = makeFakeQueue([record({ id: 'ok' }), record({ id: 'busy' })]);
    const { run, logger } = sweepWith(queue, async (e) => {
      if ((e as { id: string }).id === 'busy')
        throw Object.assign(new Error('in progress'), { code: 'EVENT_IN_PROGRESS' });
      return { status: 'mirrored' };
    });
    const stats = newReconcileStats();

    // Act
    await run(stats, () => true);

    // Assert
    expect(stats).toMatchObject({
      failedEvents: 2,
      failedEventsRedriven: 1,
      failedEventsRetrying: 1,
      failedEventsLeft: 0,
      errors: 0,
    });
    expect(calls).toEqual({
      removed: ['r0'],
      released: ['r1'],
      holds: [FAILED_EVENT_HOLD_SECONDS, FAILED_EVENT_HOLD_SECONDS],
    });
    expect(logger.text()).toContain('EVENT_IN_PROGRESS');
    expect(logger.text()).not.toContain('in progress"');
  });

  it('leaves a record received more than three times without running it', async () => {
    const { queue, calls } = makeFakeQueue([record({ id: 'old' })], 4);
    let ran = 0;
    const { run } = sweepWith(queue, async () => {
      ran += 1;
      return { status: 'mirrored' };
    });
    const stats = newReconcileStats();

    await run(stats, () => true);

    expect(ran).toBe(0);
    expect(stats).toMatchObject({ failedEventsLeft: 1, failedEventsRedriven: 0 });
    expect(calls.released).toEqual(['r0']);
    expect(calls.removed).toEqual([]);
  });

  it('stops at the per-run cap and at the deadline, handing back what it did not run', async () => {
    // Arrange
    const bodies = Array.from({ length: 8 }, (_, i) => record({ id: `e${i}` }));
    const capped = makeFakeQueue(bodies);
    const late = makeFakeQueue(bodies);
    const ok = async () => ({ status: 'mirrored' });
    const cappedStats = newReconcileStats();
    const lateStats = newReconcileStats();
    let budget = 3;

    // Act
    await sweepWith(capped.queue, ok, { failedEventsMaxPerRun: 6 }).run(cappedStats, () => true);
    await sweepWith(late.queue, ok).run(lateStats, () => budget-- > 0);

    // Assert
    expect(cappedStats).toMatchObject({
      failedEvents: 6,
      failedEventsRedriven: 6,
      truncated: true,
    });
    expect(cappedStats.stoppedEarly).toEqual(['failed-events:record-cap']);
    expect(capped.calls.removed).toHaveLength(6);
    // One check before the first receive, then one per record: two run, the rest of the batch goes back.
    expect(lateStats).toMatchObject({ failedEvents: 5, failedEventsRedriven: 2, truncated: true });
    expect(lateStats.stoppedEarly).toEqual(['failed-events:deadline']);
    expect(late.calls.released).toEqual(['r2', 'r3', 'r4']);
  });
});

describe('makeSqsFailedEventQueue', () => {
  it('receives with a hold and the receive count, deletes and releases by receipt handle', async () => {
    // Arrange
    const sqs = mockClient(SQSClient);
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        {
          MessageId: 'm1',
          ReceiptHandle: 'r1',
          Body: '{}',
          Attributes: { ApproximateReceiveCount: '2' },
        },
        { MessageId: 'm2', Body: '{}' },
      ],
    });
    const queue = makeSqsFailedEventQueue({ sqs: new SQSClient({}), queueUrl: 'https://q' });

    // Act
    const got = await queue.receive(5, 300);
    await queue.remove('r1');
    await queue.release('r9');

    // Assert: a message without a receipt handle cannot be deleted or released, so it is not handed out.
    expect(got).toEqual([{ messageId: 'm1', receiptHandle: 'r1', body: '{}', receiveCount: 2 }]);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toMatchObject({
      QueueUrl: 'https://q',
      MaxNumberOfMessages: 5,
      VisibilityTimeout: 300,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    });
    expect(sqs.commandCalls(DeleteMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://q',
      ReceiptHandle: 'r1',
    });
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://q',
      ReceiptHandle: 'r9',
      VisibilityTimeout: 0,
    });
    sqs.restore();
  });
});
