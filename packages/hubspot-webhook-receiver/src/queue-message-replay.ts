import { ACE_OPPORTUNITY_ID, CATALOGS, type Catalog, HUBSPOT_ID } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';
import { QUEUE_MESSAGE_VERSION, validateQueueMessage } from './queue-message';

/**
 * The update queue's second kind of v1 message (docs/queue-messages.md): AWS finished reviewing an
 * opportunity whose deal has edits parked during the review, and ace-submitter/update must replay them.
 * The events Lambda sends it because it holds no Partner Central write permission (DESIGN §5): only the
 * update handler (plus the card and the reconcile sweep) applies edits to AWS. The message names the deal
 * only; the consumer re-reads the parked set, the deal and the live opportunity, so a redelivered or
 * duplicated message finds nothing left to replay. Same `v: 1` envelope rules as the webhook kinds; a
 * consumer that predates the kind refuses it as invalid (to the DLQ), so consumers deploy first.
 */
export const REPLAY_PARKED_KIND = 'replayParked';

/** zod schema of a v1 replayParked message; consumers parse with `parseAnyQueueMessage`. */
export const ReplayParkedMessageV1Schema = z.object({
  v: z.literal(QUEUE_MESSAGE_VERSION),
  kind: z.literal(REPLAY_PARKED_KIND),
  /** The deal whose parked edits to replay (decimal string). */
  dealId: z.string().check(z.regex(HUBSPOT_ID)),
  /** The opportunity whose review ended; the consumer replays only if the deal is still bound to it. */
  aceOpportunityId: z.string().check(z.regex(ACE_OPPORTUNITY_ID)),
  /** The catalog the events Lambda was deployed for; consumers refuse a mismatch. */
  catalog: z.enum(CATALOGS),
  /** When the review's end was seen (ISO 8601). */
  requestedAt: z.iso.datetime(),
  /** The Partner Central EventBridge event id that reported the review's end (audit correlation). */
  correlationId: z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/)),
});

/** A v1 replayParked message. */
export type ReplayParkedMessageV1 = z.output<typeof ReplayParkedMessageV1Schema>;

/** What the events Lambda knows when a review ends. */
export interface ReplayParkedInput {
  dealId: string;
  aceOpportunityId: string;
  catalog: Catalog;
  requestedAt: string;
  correlationId: string;
}

/**
 * Builds and serialises a replayParked message, validating it first so a bad message is refused at the
 * sender (ValidationError) instead of dead-lettered at the consumer.
 * @example await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: serialiseReplayParkedMessage(input) }));
 */
export const serialiseReplayParkedMessage = (input: ReplayParkedInput): string => {
  const message = validateQueueMessage(ReplayParkedMessageV1Schema, {
    v: QUEUE_MESSAGE_VERSION,
    kind: REPLAY_PARKED_KIND,
    dealId: input.dealId,
    aceOpportunityId: input.aceOpportunityId,
    catalog: input.catalog,
    requestedAt: input.requestedAt,
    correlationId: input.correlationId,
  });
  return JSON.stringify(message);
};
