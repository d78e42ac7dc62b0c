import { ACE_INVITATION_ID, CATALOGS, type Catalog, HUBSPOT_ID } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';
import {
  QUEUE_MESSAGE_VERSION,
  type QueueMessageV1,
  QueueMessageV1Schema,
  readQueueMessageJson,
  validateQueueMessage,
} from './queue-message';
import {
  REPLAY_PARKED_KIND,
  type ReplayParkedMessageV1,
  ReplayParkedMessageV1Schema,
} from './queue-message-replay';

/**
 * The submit queue's second kind of v1 message (docs/queue-messages.md): a rep accepted an AWS referral on
 * the card, and ace-submitter must start StartEngagementByAcceptingInvitationTask for it. The writes Lambda
 * sends it (it may not start engagements itself, DESIGN §5). Same `v: 1` envelope rules as the webhook
 * kinds; a consumer that predates the kind refuses it as invalid (to the DLQ), so consumers deploy first.
 */
export const ACCEPT_REFERRAL_KIND = 'acceptReferral';

/** The audit actor of a card request (`hubspot-user:<HubSpot user id>`). */
const ACTOR = /^hubspot-user:[0-9]{1,20}$/;

/** zod schema of a v1 acceptReferral message; consumers parse with {@link parseAnyQueueMessage}. */
export const AcceptReferralMessageV1Schema = z.object({
  v: z.literal(QUEUE_MESSAGE_VERSION),
  kind: z.literal(ACCEPT_REFERRAL_KIND),
  /** The referral deal (decimal string); its ACE row is bound to `invitationId`. */
  dealId: z.string().check(z.regex(HUBSPOT_ID)),
  /** The engagement invitation the rep accepted (`engi-` + 13). */
  invitationId: z.string().check(z.regex(ACE_INVITATION_ID)),
  /** The catalog the writes Lambda was deployed for; consumers refuse a mismatch. */
  catalog: z.enum(CATALOGS),
  /** Who accepted, as the audit log names them (`hubspot-user:<id>`; an id, never a name). */
  requestedBy: z.string().check(z.regex(ACTOR)),
  /** When the rep accepted (ISO 8601). */
  requestedAt: z.iso.datetime(),
  /** The card request's correlation id (the writes Lambda's request id). */
  correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
});

/** A v1 acceptReferral message. */
export type AcceptReferralMessageV1 = z.output<typeof AcceptReferralMessageV1Schema>;

/**
 * Any v1 message: the webhook kinds (`submit`, `update`), `acceptReferral` (submit queue) or
 * `replayParked` (update queue, queue-message-replay.ts).
 */
export type AnyQueueMessageV1 = QueueMessageV1 | AcceptReferralMessageV1 | ReplayParkedMessageV1;

/**
 * Parses an SQS body into any v1 message kind (the submit queue carries `submit` and `acceptReferral`,
 * the update queue `update` and `replayParked`).
 * Throws the same non-retryable ValidationError as {@link parseQueueMessage} (paths and codes only).
 * @example const msg = parseAnyQueueMessage(record.body); if (msg.kind === 'acceptReferral') ...
 */
export const parseAnyQueueMessage = (body: string): AnyQueueMessageV1 => {
  const raw = readQueueMessageJson(body);
  const kind = (raw as { kind?: unknown } | null)?.kind;
  if (kind === ACCEPT_REFERRAL_KIND)
    return validateQueueMessage(AcceptReferralMessageV1Schema, raw);
  if (kind === REPLAY_PARKED_KIND) return validateQueueMessage(ReplayParkedMessageV1Schema, raw);
  return validateQueueMessage(QueueMessageV1Schema, raw);
};

/** What the writes Lambda knows when the rep accepts. */
export interface AcceptReferralInput {
  dealId: string;
  invitationId: string;
  catalog: Catalog;
  requestedBy: string;
  requestedAt: string;
  correlationId: string;
}

/**
 * Builds and serialises an acceptReferral message, validating it first so a bad message is refused at the
 * sender (ValidationError) instead of dead-lettered at the consumer.
 * @example await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: serialiseAcceptReferralMessage(input) }));
 */
export const serialiseAcceptReferralMessage = (input: AcceptReferralInput): string => {
  const message = validateQueueMessage(AcceptReferralMessageV1Schema, {
    v: QUEUE_MESSAGE_VERSION,
    kind: ACCEPT_REFERRAL_KIND,
    dealId: input.dealId,
    invitationId: input.invitationId,
    catalog: input.catalog,
    requestedBy: input.requestedBy,
    requestedAt: input.requestedAt,
    correlationId: input.correlationId,
  });
  return JSON.stringify(message);
};
