import { CATALOGS, type Catalog, HUBSPOT_ID, ValidationError } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';
import { type HubSpotWebhookEvent, MAX_EPOCH_MS } from './webhook-event';

/**
 * Version 1 of the message the receiver puts on the submit and update queues (docs/queue-messages.md).
 * Additive optional fields keep `v: 1`; renaming, removing or re-typing a field, or changing its meaning,
 * needs `v: 2` and consumers that accept both during the rollout.
 */
export const QUEUE_MESSAGE_VERSION = 1;

/** Queue message kinds: which queue the message was sent to. */
export const QUEUE_MESSAGE_KINDS = ['submit', 'update'] as const;
export type QueueMessageKind = (typeof QUEUE_MESSAGE_KINDS)[number];

/**
 * Largest message body the receiver sends. SQS caps a message, attributes included, and a whole
 * SendMessageBatch at 256 KiB; 250 KiB leaves room for the attributes.
 */
export const MAX_QUEUE_MESSAGE_BYTES = 250 * 1024;

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

/** Per-delivery values every message of one delivery shares. */
export interface QueueMessageContext {
  catalog: Catalog;
  /** ISO 8601 time the delivery was accepted. */
  receivedAt: string;
  correlationId: string;
}

/** Builds the v1 message for one routed event. */
export const toQueueMessage = (
  event: HubSpotWebhookEvent,
  kind: QueueMessageKind,
  ctx: QueueMessageContext
): QueueMessageV1 => ({
  v: QUEUE_MESSAGE_VERSION,
  kind,
  dealId: event.objectId,
  portalId: event.portalId,
  eventId: event.eventId,
  subscriptionId: event.subscriptionId,
  occurredAt: event.occurredAt,
  attemptNumber: event.attemptNumber,
  propertyName: event.propertyName,
  propertyValue: event.propertyValue,
  changeSource: event.changeSource?.toUpperCase(),
  sourceId: event.sourceId,
  catalog: ctx.catalog,
  receivedAt: ctx.receivedAt,
  correlationId: ctx.correlationId,
});

/**
 * Serialises a message for SQS. A value too large for one SQS message is left out (with
 * `propertyValueOmitted: true`) rather than failing the delivery; the consumer re-reads the deal.
 */
export const serialiseQueueMessage = (message: QueueMessageV1): string => {
  const body = toJson(message);
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short bodies need no byte count.
  if (
    body.length * 3 <= MAX_QUEUE_MESSAGE_BYTES ||
    Buffer.byteLength(body) <= MAX_QUEUE_MESSAGE_BYTES
  )
    return body;
  const { propertyValue: _omitted, ...rest } = message;
  return toJson({ ...rest, propertyValueOmitted: true });
};

/** Printable ASCII without `"` and `\\`: such a string is its own JSON body. */
const JSON_SAFE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const str = (value: string): string =>
  JSON_SAFE.test(value) ? `"${value}"` : JSON.stringify(value);

/**
 * JSON of a message, fields in schema order, undefined ones skipped. Equivalent to JSON.stringify of the
 * message (property-tested, and a test fails if a schema field is missing here) but about twice as fast on
 * Node 20: one delivery builds up to 100 messages inside HubSpot's 5 s budget.
 */
const toJson = (m: QueueMessageV1): string => {
  let out = `{"v":${m.v},"kind":${str(m.kind)},"dealId":${str(m.dealId)},"portalId":${str(m.portalId)},"eventId":${str(m.eventId)}`;
  if (m.subscriptionId !== undefined) out += `,"subscriptionId":${str(m.subscriptionId)}`;
  out += `,"occurredAt":${m.occurredAt}`;
  if (m.attemptNumber !== undefined) out += `,"attemptNumber":${m.attemptNumber}`;
  out += `,"propertyName":${str(m.propertyName)}`;
  if (m.propertyValue !== undefined) out += `,"propertyValue":${str(m.propertyValue)}`;
  if (m.propertyValueOmitted !== undefined)
    out += `,"propertyValueOmitted":${m.propertyValueOmitted}`;
  if (m.changeSource !== undefined) out += `,"changeSource":${str(m.changeSource)}`;
  if (m.sourceId !== undefined) out += `,"sourceId":${str(m.sourceId)}`;
  return `${out},"catalog":${str(m.catalog)},"receivedAt":${str(m.receivedAt)},"correlationId":${str(m.correlationId)}}`;
};
