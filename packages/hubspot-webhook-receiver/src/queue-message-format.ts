// Building and serialising v1 queue messages (docs/queue-messages.md): what the receiver needs to send. The
// schema and the parsers consumers use are in queue-message.ts.
import type { Catalog } from '@govwin-ace/shared-core';
import { decimalString } from './decimal-string';
import type { QueueMessageV1 } from './queue-message';
import type { HubSpotWebhookEvent } from './webhook-event';

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

/** Options of {@link makeDeliveryMessageWriter}. */
export interface DeliveryMessageWriterOptions {
  /**
   * True only when every event was parsed from JSON text without a backslash and with no lone surrogate (see
   * `isEscapeFreeJson`): then no string in it needs escaping, and values are written without checking them.
   */
  escapeFreeSource?: boolean;
}

/** How every message of a kind starts, up to the deal id's value. */
const MESSAGE_HEAD: Readonly<Record<QueueMessageKind, string>> = {
  submit: `{"v":${QUEUE_MESSAGE_VERSION},"kind":"submit","dealId":"`,
  update: `{"v":${QUEUE_MESSAGE_VERSION},"kind":"update","dealId":"`,
};

/**
 * The serialiser of one delivery's messages: for an event from `validateWebhookEvent` it returns exactly
 * `serialiseQueueMessage(toQueueMessage(event, kind, ctx))` (property-tested), at a fraction of the cost. The
 * fields every message of the delivery shares are written once; the ids, property name and change source are
 * written as they are, because the event schema only admits characters JSON leaves unescaped (digits, ASCII
 * letters, `_`, `.`, `-`); the value and the source id are checked as {@link serialiseQueueMessage} checks them
 * unless the source was escape-free. A body too large for SQS takes the general path (value omitted).
 *
 * Never use it for events that did not come from `validateWebhookEvent`: their strings could break the JSON.
 */
export const makeDeliveryMessageWriter = (
  ctx: QueueMessageContext,
  options: DeliveryMessageWriterOptions = {}
): ((event: HubSpotWebhookEvent, kind: QueueMessageKind) => string) => {
  const text = options.escapeFreeSource ? (value: string) => `"${value}"` : str;
  const tail = `,"catalog":${JSON.stringify(ctx.catalog)},"receivedAt":${JSON.stringify(ctx.receivedAt)},"correlationId":${JSON.stringify(ctx.correlationId)}}`;
  // One delivery nearly always carries one change source: upper-case it once.
  let source = '';
  let sourceUpper = '';
  return (e, kind) => {
    let out = `${MESSAGE_HEAD[kind]}${e.objectId}","portalId":"${e.portalId}","eventId":"${e.eventId}"`;
    if (e.subscriptionId !== undefined) out += `,"subscriptionId":"${e.subscriptionId}"`;
    out += `,"occurredAt":${decimalString(e.occurredAt)}`;
    if (e.attemptNumber !== undefined) out += `,"attemptNumber":${decimalString(e.attemptNumber)}`;
    out += `,"propertyName":"${e.propertyName}","propertyValue":${text(e.propertyValue)}`;
    if (e.changeSource !== undefined) {
      if (e.changeSource !== source) {
        source = e.changeSource;
        sourceUpper = source.toUpperCase();
      }
      out += `,"changeSource":"${sourceUpper}"`;
    }
    if (e.sourceId !== undefined) out += `,"sourceId":${text(e.sourceId)}`;
    out += tail;
    if (
      out.length * 3 <= MAX_QUEUE_MESSAGE_BYTES ||
      Buffer.byteLength(out) <= MAX_QUEUE_MESSAGE_BYTES
    )
      return out;
    return serialiseQueueMessage(toQueueMessage(e, kind, ctx));
  };
};

/**
 * True when `json` has no backslash and no lone surrogate: then every string JSON.parse reads from it is its own
 * JSON text between quotes (unescaped JSON strings cannot hold `"`, `\` or control characters, and a value cannot
 * start or end inside a surrogate pair). About 1 us for a 45 KB delivery (a memchr and a flag check).
 */
export const isEscapeFreeJson = (json: string): boolean => {
  if (json.includes('\\')) return false;
  // ES2024 (Node >= 20); the repo's TypeScript lib is ES2023. O(1) for a one-byte (Latin-1) string.
  const wellFormed = (json as string & { isWellFormed?: () => boolean }).isWellFormed;
  return typeof wellFormed === 'function' && wellFormed.call(json);
};
