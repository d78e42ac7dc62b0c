// The reconcile sweep's hand-off to the submit queue (DESIGN §2.4): HubSpot drops or gives up on webhook
// deliveries, so a deal moved into a trigger stage may never produce its `submit` message. Reconcile finds
// such deals and sends the SAME versioned `submit` message the receiver would (docs/queue-messages.md),
// marked `changeSource: RECONCILE`. The submit path is idempotent, so a duplicate message is harmless.
import {
  QUEUE_MESSAGE_VERSION,
  type QueueMessageV1,
  QueueMessageV1Schema,
  type SqsMessageSender,
  sendQueueMessage,
  serialiseQueueMessage,
} from '@govwin-ace/hubspot-webhook-receiver';
import { AppError, type Catalog, DEAL_PROP, ValidationError } from '@govwin-ace/shared-core';

/** `changeSource` of a submit message the reconcile sweep sent (not a HubSpot value). */
export const RECONCILE_CHANGE_SOURCE = 'RECONCILE';

/** One deal to re-queue for submission. */
export interface SubmitRequeueInput {
  dealId: string;
  /** The trigger stage the deal is in now. */
  stageId: string;
  /** Epoch ms of the sweep (also the message's synthetic event id: digits only). */
  at: number;
  correlationId: string;
}

/** Puts one `submit` message on the submit queue. */
export interface SubmitRequeuer {
  request(input: SubmitRequeueInput): Promise<void>;
}

/** The submit message could not be queued (SQS or KMS refused or timed out); the next sweep retries. */
export class SubmitRequeueError extends AppError {
  public constructor(message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: 'SUBMIT_REQUEUE_NOT_QUEUED', retryable: true });
    this.name = 'SubmitRequeueError';
  }
}

/**
 * The v1 `submit` message for a deal the sweep found in a trigger stage, validated against the schema.
 * @example const msg = requeueMessage({ dealId: '123', stageId: 's1', at: Date.now(), correlationId: 'reconcile' }, ctx);
 */
export const requeueMessage = (
  input: SubmitRequeueInput,
  ctx: { portalId: string; catalog: Catalog }
): QueueMessageV1 => {
  const parsed = QueueMessageV1Schema.safeParse({
    v: QUEUE_MESSAGE_VERSION,
    kind: 'submit',
    dealId: input.dealId,
    portalId: ctx.portalId,
    eventId: String(Math.trunc(input.at)),
    occurredAt: Math.trunc(input.at),
    propertyName: DEAL_PROP.dealStage,
    propertyValue: input.stageId,
    changeSource: RECONCILE_CHANGE_SOURCE,
    catalog: ctx.catalog,
    receivedAt: new Date(input.at).toISOString(),
    correlationId: input.correlationId,
  } satisfies QueueMessageV1);
  if (!parsed.success)
    throw new ValidationError(
      `re-queued submit message for deal ${input.dealId} is invalid: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}:${i.code}`)
        .join(', ')}`,
      { code: 'QUEUE_MESSAGE_INVALID' }
    );
  return parsed.data;
};

/**
 * Sends re-queued submissions with SendMessage (the SDK retries transient faults itself).
 * @example const requeue = makeSqsSubmitRequeuer({ sqs, queueUrl, portalId: '24156720', catalog: 'Sandbox' });
 */
export const makeSqsSubmitRequeuer = (deps: {
  sqs: SqsMessageSender;
  queueUrl: string;
  portalId: string;
  catalog: Catalog;
}): SubmitRequeuer => ({
  request: async (input) => {
    // Validated before sending: a bad message is a bug here, not a dead letter at the consumer.
    const body = serialiseQueueMessage(requeueMessage(input, deps));
    try {
      await sendQueueMessage(deps.sqs, deps.queueUrl, 'submit', body);
    } catch (err) {
      const code = err instanceof Error ? err.name : 'UnknownError';
      throw new SubmitRequeueError(`submit message for deal ${input.dealId} not queued (${code})`, {
        cause: err,
      });
    }
  },
});
