// The events Lambda's hand-off to the update Lambda (DESIGN §2.3-§2.4, §5): when AWS ends a review, events
// holds no Partner Central write permission, so it asks `update` to replay the deal's parked edits with one
// versioned `replayParked` message on the update queue (docs/queue-messages.md).
import {
  REPLAY_PARKED_KIND,
  type ReplayParkedInput,
  type SqsMessageSender,
  sendQueueMessage,
  serialiseReplayParkedMessage,
} from '@govwin-ace/hubspot-webhook-receiver';
import { AppError } from '@govwin-ace/shared-core';

/** Asks the update handler to replay one deal's parked edits. */
export interface ReplayRequester {
  request(input: ReplayParkedInput): Promise<void>;
}

/** The replay request could not be queued (SQS or KMS refused or timed out): retry the event. */
export class ReplayRequestError extends AppError {
  public constructor(message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: 'REPLAY_REQUEST_NOT_QUEUED', retryable: true });
    this.name = 'ReplayRequestError';
  }
}

/**
 * Sends replay requests to the update queue with SendMessage (the SDK retries transient faults itself).
 * Any failure is retryable: the events handler releases its lease and EventBridge redelivers the event,
 * and the reconcile sweep replays parked edits whose request never arrived. A duplicate request is
 * harmless (the consumer finds nothing left to replay).
 * @example const replays = makeSqsReplayRequester({ sqs: aws.sqs(), queueUrl: config.updateQueueUrl });
 */
export const makeSqsReplayRequester = (deps: {
  sqs: SqsMessageSender;
  queueUrl: string;
}): ReplayRequester => ({
  request: async (input) => {
    // Validated before sending: a bad message is a bug here, not a dead letter at the consumer.
    const body = serialiseReplayParkedMessage(input);
    try {
      await sendQueueMessage(deps.sqs, deps.queueUrl, REPLAY_PARKED_KIND, body);
    } catch (err) {
      const code = err instanceof Error ? err.name : 'UnknownError';
      throw new ReplayRequestError(`replay request for deal ${input.dealId} not queued (${code})`, {
        cause: err,
      });
    }
  },
});
