import { createHash, randomUUID } from 'node:crypto';

/** A message as the local queue stores it. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
  receiptHandle?: string;
  /** Where the message came from when it was redriven to a DLQ (the source queue name). */
  deadLetterSourceQueue?: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
}

/** A message handed out by `receive`, in the shape an SQS event record needs. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes: {
    ApproximateReceiveCount: string;
    SentTimestamp: string;
    ApproximateFirstReceiveTimestamp: string;
    SenderId: string;
    DeadLetterQueueSourceArn?: string;
  };
  messageAttributes: Record<string, { DataType: string; StringValue?: string }>;
}

export interface LocalQueueOptions {
  name: string;
  /** How long a received message stays invisible before SQS hands it out again. */
  visibilityTimeoutMs?: number;
  /** Redrive policy: after this many receives the next receive moves the message to `deadLetterQueue`. */
  maxReceiveCount?: number;
  deadLetterQueue?: LocalQueue;
  now?: () => number;
  region?: string;
  accountId?: string;
}

export const md5Hex = (text: string): string =>
  createHash('md5').update(text, 'utf8').digest('hex');

/**
 * An in-memory queue with the SQS standard-queue semantics the handlers rely on: visibility timeout,
 * receive counting, redrive to a DLQ once `maxReceiveCount` is exceeded, delete by receipt handle.
 * Ordering is FIFO-ish (SQS standard promises none), which keeps local runs reproducible.
 */
export class LocalQueue {
  public readonly name: string;
  public readonly arn: string;
  public readonly visibilityTimeoutMs: number;
  public readonly maxReceiveCount: number | undefined;
  public readonly deadLetterQueue: LocalQueue | undefined;
  private readonly now: () => number;
  private readonly messages = new Map<string, StoredMessage>();
  private readonly byReceipt = new Map<string, string>();
  private sent = 0;
  private deleted = 0;
  private redriven = 0;

  public constructor(options: LocalQueueOptions) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(options.name)) {
      throw new Error(
        `queue name is invalid: expected 1-80 letters, digits, - or _, got ${options.name.length} characters`
      );
    }
    if (
      options.maxReceiveCount !== undefined &&
      (!Number.isInteger(options.maxReceiveCount) || options.maxReceiveCount < 1)
    ) {
      throw new Error(`maxReceiveCount must be a positive integer, got ${options.maxReceiveCount}`);
    }
    this.name = options.name;
    this.arn = `arn:aws:sqs:${options.region ?? 'us-east-1'}:${options.accountId ?? '000000000000'}:${options.name}`;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? 30_000;
    this.maxReceiveCount = options.maxReceiveCount;
    this.deadLetterQueue = options.deadLetterQueue;
    this.now = options.now ?? Date.now;
  }

  /** Enqueues a body; returns the stored message. Bodies are limited to 256 KiB as in SQS. */
  public send(
    body: string,
    extra: {
      messageAttributes?: StoredMessage['messageAttributes'];
      deadLetterSourceQueue?: string;
      delayMs?: number;
    } = {}
  ): StoredMessage {
    if (typeof body !== 'string' || body.length === 0)
      throw new Error('message body must be a non-empty string');
    if (Buffer.byteLength(body, 'utf8') > 262_144) throw new Error('message body exceeds 256 KiB');
    const now = this.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      sentAt: now,
      receiveCount: 0,
      visibleAt: now + (extra.delayMs ?? 0),
      ...(extra.messageAttributes ? { messageAttributes: extra.messageAttributes } : {}),
      ...(extra.deadLetterSourceQueue
        ? { deadLetterSourceQueue: extra.deadLetterSourceQueue }
        : {}),
    };
    this.messages.set(message.messageId, message);
    this.sent += 1;
    return message;
  }

  /**
   * Hands out up to `max` visible messages and hides them for the visibility timeout. A message whose
   * receive count already reached `maxReceiveCount` is moved to the DLQ instead (SQS redrive).
   */
  public receive(max = 10, visibilityTimeoutMs = this.visibilityTimeoutMs): ReceivedMessage[] {
    if (!Number.isInteger(max) || max < 1 || max > 10)
      throw new Error(`max must be an integer 1..10, got ${max}`);
    const now = this.now();
    const out: ReceivedMessage[] = [];
    for (const message of this.messages.values()) {
      if (out.length >= max) break;
      if (message.visibleAt > now) continue;
      if (
        this.maxReceiveCount !== undefined &&
        message.receiveCount >= this.maxReceiveCount &&
        this.deadLetterQueue
      ) {
        this.moveToDeadLetter(message);
        continue;
      }
      if (message.receiptHandle) this.byReceipt.delete(message.receiptHandle);
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilityTimeoutMs;
      message.receiptHandle = `${message.messageId}:${message.receiveCount}:${randomUUID()}`;
      this.byReceipt.set(message.receiptHandle, message.messageId);
      out.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        md5OfBody: message.md5OfBody,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
          SenderId: 'LOCALRUNTIME',
          ...(message.deadLetterSourceQueue
            ? { DeadLetterQueueSourceArn: message.deadLetterSourceQueue }
            : {}),
        },
        messageAttributes: message.messageAttributes ?? {},
      });
    }
    return out;
  }

  /** Deletes by receipt handle; returns false for an unknown or superseded handle (SQS ignores those too). */
  public delete(receiptHandle: string): boolean {
    const id = this.byReceipt.get(receiptHandle);
    if (!id) return false;
    this.byReceipt.delete(receiptHandle);
    this.messages.delete(id);
    this.deleted += 1;
    return true;
  }

  /** Makes a received message visible again after `timeoutMs` (0 = now). */
  public changeVisibility(receiptHandle: string, timeoutMs: number): boolean {
    const id = this.byReceipt.get(receiptHandle);
    const message = id ? this.messages.get(id) : undefined;
    if (!message) return false;
    message.visibleAt = this.now() + timeoutMs;
    return true;
  }

  /** Removes every message; returns how many were dropped. */
  public purge(): number {
    const n = this.messages.size;
    this.messages.clear();
    this.byReceipt.clear();
    return n;
  }

  /** Messages visible now / in flight (received, not deleted, not yet visible again) / delayed. */
  public depth(): { visible: number; inFlight: number; total: number } {
    const now = this.now();
    let visible = 0;
    let inFlight = 0;
    for (const m of this.messages.values()) {
      if (m.visibleAt <= now) visible += 1;
      else if (m.receiveCount > 0) inFlight += 1;
    }
    return { visible, inFlight, total: this.messages.size };
  }

  /** A copy of every stored message (for DLQ listings and tests), oldest first. */
  public peekAll(): StoredMessage[] {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }

  /** Counters since creation. */
  public stats(): { sent: number; deleted: number; redriven: number } {
    return { sent: this.sent, deleted: this.deleted, redriven: this.redriven };
  }

  /** Milliseconds until the next hidden message becomes visible, or undefined when none is hidden. */
  public nextVisibleInMs(): number | undefined {
    const now = this.now();
    let next: number | undefined;
    for (const m of this.messages.values()) {
      if (m.visibleAt > now && (next === undefined || m.visibleAt - now < next))
        next = m.visibleAt - now;
    }
    return next;
  }

  private moveToDeadLetter(message: StoredMessage): void {
    if (message.receiptHandle) this.byReceipt.delete(message.receiptHandle);
    this.messages.delete(message.messageId);
    this.redriven += 1;
    this.deadLetterQueue?.send(message.body, {
      deadLetterSourceQueue: this.arn,
      ...(message.messageAttributes ? { messageAttributes: message.messageAttributes } : {}),
    });
  }
}
