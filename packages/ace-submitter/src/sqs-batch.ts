// The SQS edge shared by `submit` and `update`: parse each record, run the use case, and answer with
// `batchItemFailures` (ReportBatchItemFailures). Every failed record is reported, retryable or not, so SQS
// redelivers it and, after maxReceiveCount, moves it to the DLQ: nothing is dropped silently. A record on its
// last delivery that fails again gets a "dead-lettered" alert so the operator knows which deal to look at.

import {
  type AcceptReferralMessageV1,
  type AnyQueueMessageV1,
  parseAnyQueueMessage,
  type QueueMessageV1,
  type ReplayParkedMessageV1,
} from '@govwin-ace/hubspot-webhook-receiver';
import {
  type AppError,
  type BatchResponse,
  isRetryable,
  ValidationError,
} from '@govwin-ace/shared-core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { METRICS, raiseAlert, type SubmitterDeps } from './context';
import type { DeliveryMeta } from './submit-opportunity';

/** A use case the runner drives. */
export type RecordHandler = (
  msg: QueueMessageV1,
  meta: DeliveryMeta
) => Promise<{ status: string }>;

/** The submit queue's second use case: a rep accepted an AWS referral (ADR 0007). */
export type AcceptReferralHandler = (
  msg: AcceptReferralMessageV1,
  meta: DeliveryMeta
) => Promise<{ status: string }>;

/** The update queue's second use case: AWS ended a review, replay the deal's parked edits. */
export type ReplayParkedHandler = (
  msg: ReplayParkedMessageV1,
  meta: DeliveryMeta
) => Promise<{ status: string }>;

const receiveCountOf = (record: SQSRecord): number => {
  const n = Number(record.attributes?.ApproximateReceiveCount);
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
};

const codeOf = (err: unknown): string =>
  (err as AppError)?.code ?? (err instanceof Error ? err.name : 'UNKNOWN');

/**
 * Processes a batch record by record (in order: one deal's edits arrive in order within a batch).
 * @example export const handler = (event: SQSEvent) => runSqsBatch(event, submit, { queue: 'submit', ...deps });
 */
export const runSqsBatch = async (
  event: SQSEvent,
  handle: RecordHandler,
  deps: Pick<SubmitterDeps, 'logger' | 'alerts' | 'metrics'> & {
    queue: 'submit' | 'update';
    maxReceiveCount: number;
    /** Handles `acceptReferral` messages; only the submit queue carries them. */
    acceptReferral?: AcceptReferralHandler;
    /** Handles `replayParked` messages; only the update queue carries them. */
    replayParked?: ReplayParkedHandler;
  }
): Promise<BatchResponse> => {
  const failures: { itemIdentifier: string }[] = [];
  const records = Array.isArray(event?.Records) ? event.Records : [];
  for (const record of records) {
    const receiveCount = receiveCountOf(record);
    let msg: AnyQueueMessageV1 | undefined;
    try {
      msg = parseAnyQueueMessage(typeof record.body === 'string' ? record.body : '');
      const wrongQueue = () =>
        new ValidationError(`${deps.queue} queue got a ${msg?.kind} message`, {
          code: 'WRONG_QUEUE',
        });
      let outcome: { status: string };
      if (msg.kind === 'acceptReferral') {
        if (deps.queue !== 'submit' || !deps.acceptReferral) throw wrongQueue();
        outcome = await deps.acceptReferral(msg, { receiveCount });
      } else if (msg.kind === 'replayParked') {
        if (deps.queue !== 'update' || !deps.replayParked) throw wrongQueue();
        outcome = await deps.replayParked(msg, { receiveCount });
      } else if (msg.kind === 'submit' || msg.kind === 'update') {
        if (msg.kind !== deps.queue) throw wrongQueue();
        outcome = await handle(msg, { receiveCount });
      } else throw wrongQueue();
      deps.logger.info('record processed', {
        messageId: record.messageId,
        dealId: msg.dealId,
        status: outcome.status,
      });
    } catch (err) {
      failures.push({ itemIdentifier: record.messageId });
      const retryable = isRetryable(err);
      if ((err as AppError)?.code === 'ACE_THROTTLED') deps.metrics.count(METRICS.throttles);
      deps.logger.warn('record failed', {
        messageId: record.messageId,
        dealId: msg?.dealId,
        code: codeOf(err),
        retryable,
        receiveCount,
      });
      if (receiveCount >= deps.maxReceiveCount) {
        deps.metrics.count(METRICS.deadLettered);
        await raiseAlert(deps, 'dead-lettered', `ACE ${deps.queue} message moved to the DLQ`, {
          queue: deps.queue,
          messageId: record.messageId,
          dealId: msg?.dealId,
          code: codeOf(err),
        });
      } else if (!msg && receiveCount === 1)
        await raiseAlert(deps, 'malformed-message', `Malformed ACE ${deps.queue} message`, {
          queue: deps.queue,
          messageId: record.messageId,
          code: codeOf(err),
        });
    }
  }
  return { batchItemFailures: failures };
};
