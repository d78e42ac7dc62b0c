import { randomUUID } from 'node:crypto';
import { AppError, isRetryable } from './app-error';

/** The API Gateway v2 response shape our HTTP edges return. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Maps any error to an HTTP response that never echoes internal detail: AppErrors below 500 expose
 * their `publicMessage` (and per-field reasons); everything else becomes one generic message. Both carry
 * the correlation id so support can find the log line.
 */
export const toHttpErrorResponse = (
  err: unknown,
  correlationId: string = randomUUID()
): HttpResponse => {
  const status = err instanceof AppError ? err.httpStatus : 500;
  const exposable = err instanceof AppError && status < 500;
  const body: Record<string, unknown> = {
    error: exposable ? err.code : 'INTERNAL_ERROR',
    message: exposable
      ? (err.publicMessage ?? 'request rejected')
      : 'internal error; quote the correlation id',
    correlationId,
  };
  if (exposable && err.fields) body.fields = err.fields;
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify(body),
  };
};

/** One SQS record's outcome, as collected by a batch consumer. */
export interface RecordOutcome {
  messageId: string;
  error?: unknown;
}

/** SQS partial-batch response (`ReportBatchItemFailures`). */
export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Turns per-record outcomes into the SQS partial-batch contract. Every failed record is reported, so
 * SQS redelivers it and, after maxReceiveCount, moves it to the DLQ: nothing is consumed silently.
 * Non-retryable failures are reported too (the DLQ keeps them for an operator), but callers may alert first.
 */
export const toBatchResponse = (outcomes: readonly RecordOutcome[]): BatchResponse => ({
  batchItemFailures: outcomes
    .filter((o) => o.error !== undefined)
    .map((o) => ({ itemIdentifier: o.messageId })),
});

/**
 * EventBridge contract: throw to let the async invoke retry (and then the DLQ) when the error is retryable;
 * swallow (return false) when it is not, after the caller has alerted.
 */
export const shouldRethrowForRetry = (err: unknown): boolean => isRetryable(err);
