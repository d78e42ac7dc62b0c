// Reads the record Lambda writes to an on-failure destination after an asynchronous run failed for good
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html):
//   { version, timestamp, requestContext: { requestId, functionArn, condition, approximateInvokeCount },
//     requestPayload, responseContext: { statusCode, executedVersion, functionError }, responsePayload }
// Only a safe summary is ever shown: the function, the condition, the attempt count, the error TYPE
// (never errorMessage or the trace) and the KIND of event (never its values: they can hold personal data
// or ids of other systems). The original event is kept apart, as text, for the redrive alone.

import { LAMBDA_FUNCTION_ARN } from '@govwin-ace/shared-core';

/** What `dlq list` shows about one record. Every string here is validated against a closed pattern. */
export interface AsyncFailureSummary {
  /** False when the record cannot be redriven (unreadable, another function's, no event kept). */
  valid: boolean;
  /** The function named by `requestContext.functionArn`. */
  functionName?: string;
  /** `RetriesExhausted` or `EventAgeExceeded` (as Lambda wrote it). */
  condition?: string;
  approximateInvokeCount?: number;
  /** The invocation id, to find the run's log lines. */
  requestId?: string;
  /** When Lambda wrote the record (ISO). */
  failedAt?: string;
  /** `Unhandled` (threw, timed out, ran out of memory) or `Handled`; absent when the run never ran. */
  functionError?: 'Handled' | 'Unhandled';
  /** `responsePayload.errorType` (`<unrecognised>` when it is not a plain type name). */
  errorType?: string;
  /** The kind of event: `EventBridge "Opportunity Updated" (aws.partnercentral-selling)`, `scheduled run`. */
  eventKind: string;
  /** Why it cannot be redriven, for invalid ones (fixed phrases and validated names only). */
  problem?: string;
}

/** A record read from an on-failure queue. */
export interface AsyncFailureRecord {
  summary: AsyncFailureSummary;
  /** `requestPayload` as JSON text: what a redrive sends again. Never printed. */
  payload?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
const CONDITION = /^[A-Za-z]{1,40}$/;
const ERROR_TYPE = /^[A-Za-z_$][A-Za-z0-9_$.]{0,99}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DETAIL_TYPE = /^[A-Za-z0-9][A-Za-z0-9 ._:()/-]{0,127}$/;
const SOURCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The kind of an event, without any of its values.
 * @example eventKindOf({ source: 'aws.partnercentral-selling', 'detail-type': 'Opportunity Updated', detail: {} }, 'eventbridge')
 * // 'EventBridge "Opportunity Updated" (aws.partnercentral-selling)'
 */
export const eventKindOf = (payload: unknown, trigger: 'eventbridge' | 'schedule'): string => {
  if (payload === undefined) return 'no event kept';
  if (!isObject(payload))
    return `unrecognised event (${payload === null ? 'null' : Array.isArray(payload) ? 'array' : typeof payload})`;
  const detailType = payload['detail-type'];
  const source = payload.source;
  if (typeof detailType === 'string' && typeof source === 'string') {
    if (source === 'aws.scheduler' || source === 'aws.events' || detailType === 'Scheduled Event')
      return 'scheduled run';
    return DETAIL_TYPE.test(detailType) && SOURCE.test(source)
      ? `EventBridge "${detailType}" (${source})`
      : 'EventBridge event (unrecognised detail-type or source)';
  }
  const fields = Object.keys(payload).length;
  if (trigger === 'schedule')
    return fields === 0 ? 'scheduled run' : `scheduled run (input with ${plural(fields, 'field')})`;
  return fields === 0
    ? 'empty event'
    : `unrecognised event (object with ${plural(fields, 'field')})`;
};

/** `responsePayload.errorType`: an object, or (as some runtimes leave it) JSON text of one. */
const errorTypeOf = (response: unknown): string | undefined => {
  let value = response;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isObject(value) || value.errorType === undefined) return undefined;
  return typeof value.errorType === 'string' && ERROR_TYPE.test(value.errorType)
    ? value.errorType
    : '<unrecognised>';
};

/**
 * Reads one record from the on-failure queue of `expectedFunction`. Never throws.
 * @example readAsyncFailureRecord(body, 'govwin-ace-prod-ace-submitter-events', 'eventbridge').summary.errorType
 */
export const readAsyncFailureRecord = (
  body: string,
  expectedFunction: string,
  trigger: 'eventbridge' | 'schedule'
): AsyncFailureRecord => {
  let record: unknown;
  try {
    record = JSON.parse(body);
  } catch {
    // JSON.parse's message quotes the text: a fixed phrase instead.
    return { summary: { valid: false, eventKind: 'unknown', problem: 'the record is not JSON' } };
  }
  const context = isObject(record) ? record.requestContext : undefined;
  if (!isObject(record) || !isObject(context))
    return {
      summary: {
        valid: false,
        eventKind: 'unknown',
        problem: 'not a record of a failed asynchronous run (no requestContext)',
      },
    };
  const arn = typeof context.functionArn === 'string' ? context.functionArn : '';
  const functionName = LAMBDA_FUNCTION_ARN.exec(arn)?.[1];
  const count = context.approximateInvokeCount;
  const response = isObject(record.responseContext) ? record.responseContext : {};
  const summary: AsyncFailureSummary = {
    valid: true,
    ...(functionName ? { functionName } : {}),
    ...(typeof context.condition === 'string' && CONDITION.test(context.condition)
      ? { condition: context.condition }
      : {}),
    ...(typeof count === 'number' && Number.isSafeInteger(count) && count >= 0
      ? { approximateInvokeCount: count }
      : {}),
    ...(typeof context.requestId === 'string' && REQUEST_ID.test(context.requestId)
      ? { requestId: context.requestId }
      : {}),
    ...(typeof record.timestamp === 'string' && ISO_TIME.test(record.timestamp)
      ? { failedAt: record.timestamp }
      : {}),
    ...(response.functionError === 'Handled' || response.functionError === 'Unhandled'
      ? { functionError: response.functionError }
      : {}),
    ...(() => {
      const errorType = errorTypeOf(record.responsePayload);
      return errorType ? { errorType } : {};
    })(),
    eventKind: eventKindOf(record.requestPayload, trigger),
  };
  const invalid = (problem: string): AsyncFailureRecord => ({
    summary: { ...summary, valid: false, problem },
  });
  if (!functionName) return invalid('the record names no function (requestContext.functionArn)');
  if (functionName !== expectedFunction)
    return invalid(`a record of ${functionName}, not of ${expectedFunction}`);
  if (record.requestPayload === undefined)
    return invalid('the record keeps no event to send again');
  return { summary, payload: JSON.stringify(record.requestPayload) };
};

/**
 * The reason shown for a record: why it cannot be redriven, else what happened to the run.
 * @example asyncReasonFor(summary) // 'failed 3 attempts (UpstreamError)'
 */
export const asyncReasonFor = (s: AsyncFailureSummary): string => {
  if (!s.valid) return `cannot redrive: ${s.problem ?? 'unreadable record'}`;
  const n = s.approximateInvokeCount;
  const error = s.errorType ? ` (${s.errorType})` : '';
  if (s.condition === 'EventAgeExceeded')
    return `expired waiting${n === undefined ? '' : ` after ${plural(n, 'attempt')}`}: older than the maximum event age${error}`;
  if (s.condition === 'RetriesExhausted')
    return `failed ${n === undefined ? 'every attempt' : plural(n, 'attempt')}${error}`;
  return `${s.condition ?? 'unknown condition'}${n === undefined ? '' : ` after ${plural(n, 'attempt')}`}${error}`;
};
