// The submit-queue message a live run enqueues for a deal in the trigger stage: the same versioned format
// the webhook receiver sends for a `dealstage` change (docs/queue-messages.md), so the unchanged submit
// consumer validates and processes it. Real HubSpot cannot deliver a webhook to a laptop; this stands in.
import {
  type QueueMessageV1,
  QueueMessageV1Schema,
  serialiseQueueMessage,
} from '@govwin-ace/hubspot-webhook-receiver';
import { type Catalog, DEAL_PROP } from '@govwin-ace/shared-core';

/** `changeSource` of messages a live run builds (the receiver's come from HubSpot). */
export const LIVE_CHANGE_SOURCE = 'LOCAL_LIVE_RUN';

/** What every message of one run shares. */
export interface SubmitMessageContext {
  portalId: string;
  triggerStageId: string;
  catalog: Catalog;
  /** Epoch ms of the run (also the first part of each event id). */
  at: number;
  correlationId: string;
}

/**
 * Builds and validates one submit message. `seq` (0..9999) makes the event ids of one run unique.
 * @example const body = buildSubmitMessage('123', 0, ctx); await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
 */
export const buildSubmitMessage = (
  dealId: string,
  seq: number,
  ctx: SubmitMessageContext
): string => {
  if (!Number.isInteger(seq) || seq < 0 || seq > 9999)
    throw new RangeError('submit message sequence must be 0..9999');
  const message: QueueMessageV1 = QueueMessageV1Schema.parse({
    v: 1,
    kind: 'submit',
    dealId,
    portalId: ctx.portalId,
    eventId: `${ctx.at}${String(seq).padStart(4, '0')}`,
    occurredAt: ctx.at,
    propertyName: DEAL_PROP.dealStage,
    propertyValue: ctx.triggerStageId,
    changeSource: LIVE_CHANGE_SOURCE,
    sourceId: 'govwin-ace local --live',
    catalog: ctx.catalog,
    receivedAt: new Date(ctx.at).toISOString(),
    correlationId: ctx.correlationId,
  });
  return serialiseQueueMessage(message);
};
