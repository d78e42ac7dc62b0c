// The v1 queue message schema and its parsers (consumers). Building and serialising messages lives in
// queue-message-format.ts, so the receiver, which only sends, never builds this schema at cold start.
import { CATALOGS, HUBSPOT_ID, ValidationError } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';
import { MAX_EPOCH_MS } from './limits';
import { QUEUE_MESSAGE_KINDS, QUEUE_MESSAGE_VERSION } from './queue-message-format';

export type { QueueMessageContext, QueueMessageKind } from './queue-message-format';
export {
  MAX_QUEUE_MESSAGE_BYTES,
  QUEUE_MESSAGE_KINDS,
  QUEUE_MESSAGE_VERSION,
  serialiseQueueMessage,
  toQueueMessage,
} from './queue-message-format';

const COUNTER_ID = /^[0-9]{1,20}$/;
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** zod schema of a v1 queue message; consumers parse with {@link parseQueueMessage}. */
export const QueueMessageV1Schema = z.object({
  v: z.literal(QUEUE_MESSAGE_VERSION),
  kind: z.enum(QUEUE_MESSAGE_KINDS),
  /** HubSpot deal id (decimal string). */
  dealId: z.string().check(z.regex(HUBSPOT_ID)),
  /** HubSpot account (portal) id. */
  portalId: z.string().check(z.regex(HUBSPOT_ID)),
  /** HubSpot event id; with portalId and subscriptionId the de-duplication key. */
  eventId: z.string().check(z.regex(COUNTER_ID)),
  subscriptionId: z.optional(z.string().check(z.regex(COUNTER_ID))),
  /** When the change happened in HubSpot (epoch ms): order changes by this. */
  occurredAt: z.int().check(z.nonnegative(), z.lte(MAX_EPOCH_MS)),
  /** HubSpot's delivery attempt counter (0 = first delivery). */
  attemptNumber: z.optional(z.int().check(z.nonnegative())),
  propertyName: z.string().check(z.regex(PROPERTY_NAME)),
  /**
   * The new value as HubSpot sent it ('' when cleared). Absent when it would not fit in an SQS message
   * (`propertyValueOmitted: true`): the consumer then reads the deal from HubSpot.
   */
  propertyValue: z.optional(z.string()),
  propertyValueOmitted: z.optional(z.literal(true)),
  /** HubSpot's changeSource, upper-cased (open set: CRM_UI, API, INTEGRATION, IMPORT, WORKFLOWS, ...). */
  changeSource: z.optional(z.string().check(z.maxLength(64))),
  /** HubSpot's sourceId (actor detail, e.g. `userId:123` or an app id). */
  sourceId: z.optional(z.string().check(z.maxLength(256))),
  /** The Partner Central catalog the receiver was deployed for; consumers refuse a mismatch. */
  catalog: z.enum(CATALOGS),
  /** When the receiver accepted the delivery (ISO 8601). */
  receivedAt: z.iso.datetime(),
  /** The receiver's correlation id (the Lambda request id), shared by every message of one delivery. */
  correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
});

/** A v1 queue message. */
export type QueueMessageV1 = z.output<typeof QueueMessageV1Schema>;

/**
 * Parses an SQS message body into a v1 queue message. Throws a non-retryable ValidationError with a one-line
 * reason (field paths and codes only, never payload text) so the consumer can send it to the DLQ.
 * @example const msg = parseQueueMessage(record.body); if (msg.kind !== 'submit') throw ...
 */
export const parseQueueMessage = (body: string): QueueMessageV1 =>
  validateQueueMessage(QueueMessageV1Schema, readQueueMessageJson(body));

/**
 * The JSON value of a message body, its version checked (shared by the parsers of every message kind;
 * not part of the package surface).
 */
export const readQueueMessageJson = (body: string): unknown => {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (err) {
    throw new ValidationError('queue message is not JSON', {
      code: 'QUEUE_MESSAGE_INVALID',
      cause: err,
    });
  }
  const version = (raw as { v?: unknown } | null)?.v;
  if (version !== QUEUE_MESSAGE_VERSION) {
    throw new ValidationError(
      `queue message version ${typeof version === 'number' ? version : 'is absent or not a number and'} is not supported (expected ${QUEUE_MESSAGE_VERSION})`,
      { code: 'QUEUE_MESSAGE_UNSUPPORTED_VERSION' }
    );
  }
  return raw;
};

/** Validates a message value against one kind's schema; the error names field paths and codes only. */
export const validateQueueMessage = <S extends z.ZodMiniType>(
  schema: S,
  raw: unknown
): z.output<S> => {
  const result = z.safeParse(schema, raw);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(message)'}:${i.code}`);
  throw new ValidationError(`queue message is invalid: ${problems.join(', ')}`, {
    code: 'QUEUE_MESSAGE_INVALID',
  });
};
