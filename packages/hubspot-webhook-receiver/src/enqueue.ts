import {
  type MessageAttributeValue,
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { QUEUE_MESSAGE_VERSION, type QueueMessageKind } from './queue-message-format';

/** The slice of the SQS client the receiver uses (the real SQSClient satisfies it). */
export interface SqsBatchSender {
  send(command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput>;
}

/** SendMessageBatch limits: 10 entries and 256 KiB per call. */
export const SQS_BATCH_MAX_ENTRIES = 10;
export const SQS_BATCH_MAX_BYTES = 256 * 1024;

/** Bytes an entry's two attributes add on top of its body (names, types and values, rounded up). */
const ATTRIBUTE_OVERHEAD_BYTES = 64;

/** Result of one enqueue: how many messages SQS accepted and, for failures, the AWS error codes only. */
export interface EnqueueResult {
  sent: number;
  failed: number;
  /** AWS error codes (`InternalError`, `KMS.ThrottlingException`, ...), never AWS message text. */
  failureCodes: readonly string[];
}

export interface EnqueueDeps {
  sqs: SqsBatchSender;
  /** Attempts per batch, including the first (partial failures and thrown calls alike). Default 3. */
  maxAttempts?: number;
  /** Base of the full-jitter back-off between attempts. Default 50 ms. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const attributesOf = (kind: QueueMessageKind): Record<string, MessageAttributeValue> => ({
  kind: { DataType: 'String', StringValue: kind },
  v: { DataType: 'Number', StringValue: String(QUEUE_MESSAGE_VERSION) },
});
/** Built once: every entry of a kind carries the same attributes (the SDK only reads them). */
const ATTRIBUTES: Record<QueueMessageKind, Record<string, MessageAttributeValue>> = {
  submit: attributesOf('submit'),
  update: attributesOf('update'),
};
/** Bodies whose worst-case size (3 bytes per UTF-16 unit) is below this fit ten to a batch uncounted. */
const CHEAP_SIZE_LIMIT = SQS_BATCH_MAX_BYTES / SQS_BATCH_MAX_ENTRIES - ATTRIBUTE_OVERHEAD_BYTES;

/** Splits serialised bodies into SendMessageBatch-sized groups (entry count and byte size). */
export const planBatches = (bodies: readonly string[]): string[][] => {
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const body of bodies) {
    // An upper bound is enough when it is small; only large bodies are measured exactly.
    const worst = body.length * 3;
    const size =
      (worst <= CHEAP_SIZE_LIMIT ? worst : Buffer.byteLength(body)) + ATTRIBUTE_OVERHEAD_BYTES;
    if (
      current.length > 0 &&
      (current.length === SQS_BATCH_MAX_ENTRIES || bytes + size > SQS_BATCH_MAX_BYTES)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

const errorCode = (err: unknown): string => (err instanceof Error ? err.name : 'UnknownError');

/**
 * Sends already serialised queue messages with SendMessageBatch: batches of at most 10 entries / 256 KiB, sent
 * concurrently; entries SQS reports as failed without sender fault (and whole calls that throw) are retried
 * with full-jitter back-off; sender-fault entries are not retried (they cannot succeed). Never throws: the
 * caller decides from `failed` (the receiver answers 5xx so HubSpot redelivers).
 */
export const makeEnqueue = (deps: EnqueueDeps) => {
  const maxAttempts = deps.maxAttempts ?? 3;
  const baseDelayMs = deps.baseDelayMs ?? 50;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;

  const sendBatch = async (
    queueUrl: string,
    kind: QueueMessageKind,
    bodies: readonly string[]
  ): Promise<EnqueueResult> => {
    let pending: SendMessageBatchRequestEntry[] = bodies.map((MessageBody, i) => ({
      Id: String(i),
      MessageBody,
      MessageAttributes: ATTRIBUTES[kind],
    }));
    let sent = 0;
    let failed = 0;
    const failureCodes: string[] = [];
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(Math.floor(random() * baseDelayMs * 2 ** (attempt - 1)));
      let out: SendMessageBatchCommandOutput;
      try {
        out = await deps.sqs.send(
          new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending })
        );
      } catch (err) {
        if (attempt >= maxAttempts) {
          failed += pending.length;
          failureCodes.push(errorCode(err));
          break;
        }
        continue;
      }
      const succeeded = new Set((out.Successful ?? []).map((s) => s.Id));
      const permanent = new Set<string | undefined>();
      for (const f of out.Failed ?? []) {
        if (f.SenderFault) {
          permanent.add(f.Id);
          failureCodes.push(f.Code ?? 'SenderFault');
        }
      }
      // Anything neither acknowledged nor refused for good (including entries SQS did not mention) is retried.
      const retry: SendMessageBatchRequestEntry[] = [];
      for (const e of pending) {
        if (succeeded.has(e.Id)) sent++;
        else if (permanent.has(e.Id)) failed++;
        else retry.push(e);
      }
      pending = retry;
      if (pending.length > 0 && attempt >= maxAttempts) {
        failed += pending.length;
        const codes = (out.Failed ?? [])
          .filter((f) => !f.SenderFault)
          .map((f) => f.Code ?? 'Failed');
        failureCodes.push(...(codes.length > 0 ? codes : ['Unacknowledged']));
        break;
      }
    }
    return { sent, failed, failureCodes };
  };

  /** Enqueues every body on one queue; the result sums all batches. */
  return async (
    queueUrl: string,
    kind: QueueMessageKind,
    bodies: readonly string[]
  ): Promise<EnqueueResult> => {
    if (bodies.length === 0) return { sent: 0, failed: 0, failureCodes: [] };
    const results = await Promise.all(planBatches(bodies).map((b) => sendBatch(queueUrl, kind, b)));
    return {
      sent: results.reduce((n, r) => n + r.sent, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      failureCodes: results.flatMap((r) => r.failureCodes),
    };
  };
};
