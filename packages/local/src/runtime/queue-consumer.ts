import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalQueue, ReceivedMessage } from './local-queue';

/** What one poll did. */
export interface PollResult {
  received: number;
  deleted: number;
  failed: number;
  /** The invocation threw (or timed out): the whole batch stays on the queue. */
  invocationError?: unknown;
}

export interface QueueConsumerOptions {
  queue: LocalQueue;
  /** Invokes the Lambda handler with an SQS event; its return value is read for `batchItemFailures`. */
  invoke: (event: SQSEvent) => Promise<unknown>;
  batchSize?: number;
  region?: string;
}

const toRecord = (m: ReceivedMessage, queueArn: string, region: string): SQSRecord => ({
  messageId: m.messageId,
  receiptHandle: m.receiptHandle,
  body: m.body,
  attributes: {
    ApproximateReceiveCount: m.attributes.ApproximateReceiveCount,
    SentTimestamp: m.attributes.SentTimestamp,
    SenderId: m.attributes.SenderId,
    ApproximateFirstReceiveTimestamp: m.attributes.ApproximateFirstReceiveTimestamp,
    ...(m.attributes.DeadLetterQueueSourceArn
      ? { DeadLetterQueueSourceArn: m.attributes.DeadLetterQueueSourceArn }
      : {}),
  },
  messageAttributes: Object.fromEntries(
    Object.entries(m.messageAttributes).map(([k, v]) => [
      k,
      {
        dataType: v.DataType,
        ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      },
    ])
  ),
  md5OfBody: m.md5OfBody,
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: region,
});

const failuresOf = (result: unknown): string[] | undefined => {
  if (!result || typeof result !== 'object' || !('batchItemFailures' in result)) return undefined;
  const list = (result as { batchItemFailures: unknown }).batchItemFailures;
  if (!Array.isArray(list)) return undefined;
  return list.map((f) =>
    f && typeof f === 'object'
      ? String((f as { itemIdentifier?: unknown }).itemIdentifier ?? '')
      : ''
  );
};

/**
 * Emulates a Lambda SQS event-source mapping with `ReportBatchItemFailures`: receive a batch, invoke, then
 * delete what succeeded. A thrown invocation leaves the whole batch to reappear after the visibility timeout;
 * a failure list naming an id that is not in the batch (or an empty id) fails the whole batch, as Lambda does.
 */
export const makeQueueConsumer = ({
  queue,
  invoke,
  batchSize = 10,
  region = 'us-east-1',
}: QueueConsumerOptions) => {
  const pollOnce = async (): Promise<PollResult> => {
    const messages = queue.receive(batchSize);
    if (messages.length === 0) return { received: 0, deleted: 0, failed: 0 };
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queue.arn, region)) };
    let result: unknown;
    try {
      result = await invoke(event);
    } catch (invocationError) {
      return { received: messages.length, deleted: 0, failed: messages.length, invocationError };
    }
    const failures = failuresOf(result);
    const ids = new Set(messages.map((m) => m.messageId));
    if (failures?.some((id) => !ids.has(id))) {
      return { received: messages.length, deleted: 0, failed: messages.length };
    }
    const failed = new Set(failures ?? []);
    let deleted = 0;
    for (const m of messages) {
      if (!failed.has(m.messageId) && queue.delete(m.receiptHandle)) deleted += 1;
    }
    return { received: messages.length, deleted, failed: failed.size };
  };
  return { pollOnce, queue };
};
export type QueueConsumer = ReturnType<typeof makeQueueConsumer>;
