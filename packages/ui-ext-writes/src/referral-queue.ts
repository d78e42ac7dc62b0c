// The card's Accept hands the referral to ace-submitter through the submit queue (ADR 0007): this role may
// not start engagements (DESIGN §5), and StartEngagementByAcceptingInvitationTask is what both accepts the
// invitation and has AWS create the opportunity. One SendMessage per accept, in the receiver's v1 format.
import {
  ACCEPT_REFERRAL_KIND,
  type AcceptReferralInput,
  type SqsMessageSender,
  sendQueueMessage,
  serialiseAcceptReferralMessage,
} from '@govwin-ace/hubspot-webhook-receiver';
import { UpstreamError } from '@govwin-ace/shared-core';

/** The slice of the SQS client the queue uses (the real SQSClient satisfies it). */
export type SqsSender = SqsMessageSender;

/** Puts one acceptReferral message on the submit queue. */
export interface ReferralAcceptQueue {
  enqueue(input: AcceptReferralInput): Promise<void>;
}

/**
 * Builds the queue. The SQS client retries transient faults itself (SDK standard retries); a failure that
 * survives them is an UpstreamError (502, retryable) that names the AWS error code only.
 * @example const queue = makeReferralAcceptQueue({ sqs: aws.sqs(), queueUrl: config.submitQueueUrl });
 */
export const makeReferralAcceptQueue = (deps: {
  sqs: SqsSender;
  queueUrl: string;
}): ReferralAcceptQueue => ({
  enqueue: async (input) => {
    // Validated before sending: a malformed message is refused here, not dead-lettered downstream.
    const body = serialiseAcceptReferralMessage(input);
    try {
      await sendQueueMessage(deps.sqs, deps.queueUrl, ACCEPT_REFERRAL_KIND, body);
    } catch (err) {
      const code = err instanceof Error ? err.name : 'UnknownError';
      // A 5xx: the card shows its generic retry message; the log keeps the SQS error name only.
      throw new UpstreamError(`submit queue refused the referral accept (${code})`, {
        code: 'ACCEPT_QUEUE_UNAVAILABLE',
      });
    }
  },
});
