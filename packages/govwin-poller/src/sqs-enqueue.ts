// SendMessageBatch in groups of 10 (the SQS limit); entries SQS reports as failed are sent again up
// to `attempts` times. Resolves how many bodies could not be sent — the orchestrator then fails its run
// and the same opportunities are discovered again next time (their watermarks did not move).
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Enqueue } from './orchestrate';

/**
 * Creates the SQS enqueue function.
 * @example const enqueue = makeSqsEnqueue({ sqs: aws.sqs(), queueUrl: config.queueUrl });
 */
export const makeSqsEnqueue =
  (deps: { sqs: Pick<SQSClient, 'send'>; queueUrl: string; attempts?: number }): Enqueue =>
  async (bodies) => {
    let failed = 0;
    for (let i = 0; i < bodies.length; i += 10) {
      let pending = bodies
        .slice(i, i + 10)
        .map((body, n) => ({ Id: `m${i + n}`, MessageBody: body }));
      for (let attempt = 0; attempt < (deps.attempts ?? 3) && pending.length > 0; attempt += 1) {
        try {
          const out = await deps.sqs.send(
            new SendMessageBatchCommand({ QueueUrl: deps.queueUrl, Entries: pending })
          );
          const retry = new Set((out.Failed ?? []).filter((f) => !f.SenderFault).map((f) => f.Id));
          const senderFaults = (out.Failed ?? []).filter((f) => f.SenderFault).length;
          failed += senderFaults;
          pending = pending.filter((e) => retry.has(e.Id));
        } catch {
          // Transport error: try the whole group again.
        }
      }
      failed += pending.length;
    }
    return { failed };
  };
