// The worker's SQS edge: parse every record (a poison record is reported as a batch item failure, so
// SQS redelivers it and moves it to the DLQ after maxReceiveCount), sync the opportunities of all valid
// records in one run (HubSpot batches span the whole invocation), and fail exactly the messages that
// still have unfinished work.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type LogPort, type MetricsPort, SYNC_METRIC } from './ports';
import { type OpportunityRef, parseSyncMessage } from './sync-message';
import type { SyncReport } from './sync-opportunities';

/** Dependencies of {@link makeProcessSyncBatch}. */
export interface ProcessSyncBatchDeps {
  /** `correlationId` (the Lambda request id) ties the audit rows of one invocation together. */
  sync: (
    refs: readonly OpportunityRef[],
    options?: { correlationId?: string }
  ) => Promise<SyncReport>;
  log: LogPort;
  metrics: MetricsPort;
}

/**
 * Creates the SQS batch processor (`ReportBatchItemFailures`).
 * @example export const handler = (event: SQSEvent, context: Context) =>
 *   makeProcessSyncBatch(deps)(event, context);
 */
export const makeProcessSyncBatch =
  (deps: ProcessSyncBatchDeps) =>
  async (event: SQSEvent, context?: { awsRequestId?: string }): Promise<SQSBatchResponse> => {
    const records = Array.isArray(event?.Records) ? event.Records : [];
    const failures = new Set<string>();
    const valid: { messageId: string; refs: OpportunityRef[] }[] = [];
    for (const record of records) {
      const messageId = typeof record?.messageId === 'string' ? record.messageId : undefined;
      if (messageId === undefined) {
        deps.log.error('SQS record without a messageId ignored');
        continue;
      }
      try {
        valid.push({ messageId, refs: parseSyncMessage(record.body).opportunities });
      } catch (err) {
        failures.add(messageId);
        deps.metrics.count(SYNC_METRIC.poisonMessages);
        deps.log.error('poison sync message; left for redelivery and the DLQ', {
          messageId,
          receiveCount: record.attributes?.ApproximateReceiveCount,
          reason: err instanceof Error ? err.message : 'invalid',
        });
      }
    }
    if (valid.length > 0) {
      let report: SyncReport | undefined;
      try {
        const correlationId = context?.awsRequestId;
        report = await deps.sync(
          valid.flatMap((v) => v.refs),
          typeof correlationId === 'string' ? { correlationId } : {}
        );
      } catch (err) {
        deps.log.error('sync run failed; every message of the batch will be retried', {
          error: err instanceof Error ? err.message : 'unknown',
          code: (err as { code?: unknown })?.code,
        });
      }
      for (const message of valid) {
        const unfinished = message.refs.filter((r) => {
          const outcome = report?.outcomes.get(r.id);
          return outcome === undefined || outcome.status === 'failed';
        });
        if (unfinished.length === 0) continue;
        failures.add(message.messageId);
        deps.log.warn('sync message has unfinished opportunities; it will be retried', {
          messageId: message.messageId,
          unfinished: unfinished.map((r) => {
            const o = report?.outcomes.get(r.id);
            return { id: r.id, reason: o?.status === 'failed' ? o.reason : 'not processed' };
          }),
        });
      }
    }
    return { batchItemFailures: [...failures].map((itemIdentifier) => ({ itemIdentifier })) };
  };
