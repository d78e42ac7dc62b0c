// Reconcile's second chance for ACE events (DESIGN §2.4, nothing lost): an EventBridge event whose three
// asynchronous attempts all failed (Lambda's 1 + 2 retries, the maximum) is written by Lambda to the events
// function's on-failure queue, `<prefix>-ace-submitter-events-async-dlq`, as a record whose `requestPayload`
// is the event. Each reconcile run reads that queue and runs every event through the same events use case
// (idempotent by event id: an event already done is a duplicate), deletes the record once the use case
// returned, and releases it when it failed again (the next run tries again). A record received more than
// FAILED_EVENT_MAX_RECEIVES times (by reconcile or an operator's `govwin-ace dlq`), or one that is not a
// record of the events function, is left for the operator (docs/operations.md, failed asynchronous runs).
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { LAMBDA_FUNCTION_ARN } from '@govwin-ace/shared-core';
import type { EventOutcome } from './handle-ace-event';
import type { LoggerPort } from './ports';
import type { ReconcileLimits, ReconcileStats, SweepTools } from './reconcile-run';

/** Receives of a record after which reconcile leaves it for the operator (three runs try it). */
export const FAILED_EVENT_MAX_RECEIVES = 3;
/** How long a received record stays hidden: the reconcile timeout, so one run never reads it twice. */
export const FAILED_EVENT_HOLD_SECONDS = 300;
/** Records per ReceiveMessage call (processed one by one before the next call). */
const RECEIVE_BATCH = 5;
const ON_FAILURE_SUFFIX = '-async-dlq';

/** One record as received from the on-failure queue. */
export interface FailedEventMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  /** SQS's ApproximateReceiveCount, this receive included. */
  receiveCount: number;
}

/** The events function's on-failure queue, as reconcile uses it. */
export interface FailedEventQueue {
  receive(max: number, holdSeconds: number): Promise<FailedEventMessage[]>;
  /** Deletes a record whose event was handled. */
  remove(receiptHandle: string): Promise<void>;
  /** Makes a record visible again now (it failed again, or it is left for the operator). */
  release(receiptHandle: string): Promise<void>;
}

/**
 * The queue over SQS (ReceiveMessage / DeleteMessage / ChangeMessageVisibility on this queue only).
 * @example const queue = makeSqsFailedEventQueue({ sqs: aws.sqs(), queueUrl: config.eventsFailureQueueUrl });
 */
export const makeSqsFailedEventQueue = (deps: {
  sqs: Pick<SQSClient, 'send'>;
  queueUrl: string;
}): FailedEventQueue => ({
  receive: async (max, holdSeconds) => {
    const out = await deps.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deps.queueUrl,
        MaxNumberOfMessages: max,
        VisibilityTimeout: holdSeconds,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      })
    );
    return (out.Messages ?? []).flatMap((m) =>
      m.MessageId && m.ReceiptHandle && m.Body !== undefined
        ? [
            {
              messageId: m.MessageId,
              receiptHandle: m.ReceiptHandle,
              body: m.Body,
              receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? '1') || 1,
            },
          ]
        : []
    );
  },
  remove: async (receiptHandle) => {
    await deps.sqs.send(
      new DeleteMessageCommand({ QueueUrl: deps.queueUrl, ReceiptHandle: receiptHandle })
    );
  },
  release: async (receiptHandle) => {
    await deps.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: deps.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: 0,
      })
    );
  },
});

/**
 * The function whose records a queue holds: its name without `-async-dlq` (`<prefix>-ace-submitter-events`).
 * @example failedEventsFunctionName('https://sqs.us-east-1.amazonaws.com/1/p-ace-submitter-events-async-dlq') // 'p-ace-submitter-events'
 */
export const failedEventsFunctionName = (queueUrl: string): string => {
  const name = queueUrl.split('/').at(-1) ?? '';
  return name.endsWith(ON_FAILURE_SUFFIX) ? name.slice(0, -ON_FAILURE_SUFFIX.length) : '';
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The event a record of `functionName`'s failed run kept, or why the record cannot be re-driven (a fixed
 * phrase: never a value from the record).
 * @example readFailedEvent(body, 'p-ace-submitter-events') // { event: { id: '…', source: 'aws.partnercentral-selling', … } }
 */
export const readFailedEvent = (
  body: string,
  functionName: string
): { event: Record<string, unknown> } | { problem: string } => {
  let record: unknown;
  try {
    record = JSON.parse(body);
  } catch {
    return { problem: 'the record is not JSON' };
  }
  if (!isObject(record) || !isObject(record.requestContext))
    return { problem: 'not a record of a failed asynchronous run (no requestContext)' };
  const arn = record.requestContext.functionArn;
  const name = typeof arn === 'string' ? LAMBDA_FUNCTION_ARN.exec(arn)?.[1] : undefined;
  if (!name) return { problem: 'the record names no function (requestContext.functionArn)' };
  if (name !== functionName) return { problem: 'a record of another function' };
  if (!isObject(record.requestPayload)) return { problem: 'the record keeps no event' };
  return { event: record.requestPayload };
};

/** What the sweep needs besides the run's tools. */
export interface FailedEventRedriveDeps {
  queue: FailedEventQueue;
  /** The events function (`<prefix>-ace-submitter-events`): records of any other are left alone. */
  functionName: string;
  /** The events use case (makeAceEventHandler), with reconcile's dependencies. */
  handleEvent: (event: unknown) => Promise<EventOutcome>;
  logger: LoggerPort;
}

/**
 * Builds the `failed-events` sweep of a reconcile run.
 * @example const redrive = makeFailedEventRedrive(deps, tools, limits); await redrive(stats, hasTime);
 */
export const makeFailedEventRedrive =
  (deps: FailedEventRedriveDeps, tools: SweepTools, limits: ReconcileLimits) =>
  async (stats: ReconcileStats, hasTime: () => boolean): Promise<void> => {
    const { queue, logger } = deps;
    const toRelease: string[] = [];
    const leave = (m: FailedEventMessage, problem: string) => {
      stats.failedEventsLeft += 1;
      toRelease.push(m.receiptHandle);
      logger.warn('failed ACE event left for the operator', { messageId: m.messageId, problem });
    };
    const redrive = async (m: FailedEventMessage) => {
      if (m.receiveCount > FAILED_EVENT_MAX_RECEIVES)
        return leave(m, `received ${m.receiveCount} times`);
      const read = readFailedEvent(m.body, deps.functionName);
      if ('problem' in read) return leave(m, read.problem);
      let outcome: EventOutcome;
      try {
        outcome = await deps.handleEvent(read.event);
      } catch (err) {
        // The use case logged "event will be retried" with the code; the next run tries again.
        stats.failedEventsRetrying += 1;
        toRelease.push(m.receiptHandle);
        logger.warn('failed ACE event not applied yet; the next reconcile run tries again', {
          messageId: m.messageId,
          receiveCount: m.receiveCount,
          code: (err as { code?: string })?.code ?? (err as Error)?.name,
        });
        return;
      }
      await queue.remove(m.receiptHandle);
      stats.failedEventsRedriven += 1;
      logger.info('failed ACE event re-driven', {
        messageId: m.messageId,
        eventId: typeof read.event.id === 'string' ? read.event.id : undefined,
        status: outcome.status,
      });
    };
    try {
      while (stats.failedEvents < limits.failedEventsMaxPerRun) {
        if (!hasTime())
          return tools.stopEarly(stats, 'failed-events', 'deadline', { read: stats.failedEvents });
        const max = Math.min(RECEIVE_BATCH, limits.failedEventsMaxPerRun - stats.failedEvents);
        const batch = await queue.receive(max, FAILED_EVENT_HOLD_SECONDS);
        if (batch.length === 0) return;
        for (const m of batch) {
          stats.failedEvents += 1;
          // Out of time: hand the rest back at once rather than hide them until the hold ends.
          if (!hasTime()) toRelease.push(m.receiptHandle);
          else await tools.safely(stats, { messageId: m.messageId }, () => redrive(m));
        }
      }
      tools.stopEarly(stats, 'failed-events', 'record-cap', { read: stats.failedEvents });
    } finally {
      for (const handle of toRelease) await queue.release(handle).catch(() => undefined);
    }
  };
