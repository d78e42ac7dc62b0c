// Reading and acting on dead-letter queues without losing anything: messages are received with a
// visibility hold (so a listing sees each message once), then either released (visibility 0), replayed
// (sent to the source queue first, deleted from the DLQ only after the send succeeded) or deleted.
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type MessageAttributeValue,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ResolvedQueue } from '../ops/queues';

/** A dead-letter queue to read and delete from: a work queue's DLQ or an on-failure queue. */
export interface DlqRef {
  dlq: { url: string } | undefined;
}

/** A message held from a DLQ. */
export interface DlqMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  /** Receives from the DLQ so far (this listing included). */
  dlqReceiveCount: number;
  /** When SQS accepted the message (ISO), if it said. */
  sentAt: string | undefined;
  messageAttributes: Record<string, MessageAttributeValue>;
}

/** What a peek saw. */
export interface DlqPeek {
  messages: DlqMessage[];
  /** ApproximateNumberOfMessages before the peek. */
  depth: number;
  /** False when fewer messages were seen than the queue reported (limit hit or messages in flight). */
  complete: boolean;
}

type Sqs = Pick<SQSClient, 'send'>;

const isoOfMs = (value: string | undefined): string | undefined => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? new Date(n).toISOString() : undefined;
};

/** Visible and in-flight counts of a queue. */
export const queueDepth = async (
  sqs: Sqs,
  url: string
): Promise<{ visible: number; inFlight: number }> => {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    })
  );
  const n = (v: string | undefined) => (Number.isSafeInteger(Number(v)) ? Number(v) : 0);
  return {
    visible: n(out.Attributes?.ApproximateNumberOfMessages),
    inFlight: n(out.Attributes?.ApproximateNumberOfMessagesNotVisible),
  };
};

/**
 * Receives up to `max` messages of a DLQ and holds them invisible for `holdSeconds`. The caller must
 * release, replay or delete every returned message. SQS short polls sample a subset of servers, so an
 * empty receive is retried once before the listing is considered done.
 */
export const peekDlq = async (
  sqs: Sqs,
  queue: DlqRef,
  options: {
    max?: number;
    holdSeconds?: number;
    onProgress?: (seen: number, depth: number) => void;
  }
): Promise<DlqPeek> => {
  const dlq = queue.dlq;
  if (!dlq) return { messages: [], depth: 0, complete: true };
  const max = options.max ?? 1000;
  const { visible: depth } = await queueDepth(sqs, dlq.url);
  const seen = new Map<string, DlqMessage>();
  let empty = 0;
  while (seen.size < max && seen.size < depth && empty < 2) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq.url,
        MaxNumberOfMessages: Math.min(10, max - seen.size),
        VisibilityTimeout: options.holdSeconds ?? 60,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        MessageAttributeNames: ['All'],
      })
    );
    const batch = out.Messages ?? [];
    empty = batch.length === 0 ? empty + 1 : 0;
    for (const m of batch) {
      if (!m.MessageId || !m.ReceiptHandle || seen.has(m.MessageId)) continue;
      seen.set(m.MessageId, {
        messageId: m.MessageId,
        receiptHandle: m.ReceiptHandle,
        body: m.Body ?? '',
        dlqReceiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1) || 1,
        sentAt: isoOfMs(m.Attributes?.SentTimestamp),
        messageAttributes: m.MessageAttributes ?? {},
      });
    }
    options.onProgress?.(seen.size, depth);
  }
  return { messages: [...seen.values()], depth, complete: seen.size >= depth };
};

/** Makes held messages visible again (best effort: a handle that expired is already visible). */
export const releaseMessages = async (
  sqs: Sqs,
  queue: DlqRef,
  messages: readonly DlqMessage[]
): Promise<void> => {
  const url = queue.dlq?.url;
  if (!url) return;
  for (const m of messages) {
    try {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.receiptHandle,
          VisibilityTimeout: 0,
        })
      );
    } catch {
      // The hold simply runs out; the message becomes visible by itself.
    }
  }
};

/** Only String / Number attributes are copied back (Binary ones are kept as they are by SQS types). */
const copyAttributes = (attrs: Record<string, MessageAttributeValue>) => {
  const out: Record<string, MessageAttributeValue> = {};
  for (const [k, v] of Object.entries(attrs))
    if (v.DataType && (v.StringValue !== undefined || v.BinaryValue !== undefined))
      out[k] = {
        DataType: v.DataType,
        ...(v.StringValue !== undefined ? { StringValue: v.StringValue } : {}),
        ...(v.BinaryValue !== undefined ? { BinaryValue: v.BinaryValue } : {}),
      };
  return out;
};

/**
 * Sends one held message back to its source queue, then deletes it from the DLQ. A failed send leaves
 * the message in the DLQ (it becomes visible again when the hold ends): nothing is lost.
 */
export const replayMessage = async (
  sqs: Sqs,
  queue: ResolvedQueue,
  message: DlqMessage
): Promise<{ newMessageId: string | undefined }> => {
  const dlqUrl = queue.dlq?.url;
  if (!dlqUrl) throw new Error('queue has no DLQ');
  const attributes = copyAttributes(message.messageAttributes);
  const sent = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queue.url,
      MessageBody: message.body,
      ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
    })
  );
  await sqs.send(
    new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.receiptHandle })
  );
  return { newMessageId: sent.MessageId };
};

/** Deletes one held message from the DLQ. */
export const deleteMessage = async (
  sqs: Sqs,
  queue: DlqRef,
  message: DlqMessage
): Promise<void> => {
  const dlqUrl = queue.dlq?.url;
  if (!dlqUrl) throw new Error('queue has no DLQ');
  await sqs.send(
    new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.receiptHandle })
  );
};

/** Empties a DLQ (SQS allows one purge per queue per 60 s). */
export const purgeDlq = async (sqs: Sqs, queue: ResolvedQueue): Promise<void> => {
  const dlqUrl = queue.dlq?.url;
  if (!dlqUrl) throw new Error('queue has no DLQ');
  await sqs.send(new PurgeQueueCommand({ QueueUrl: dlqUrl }));
};
