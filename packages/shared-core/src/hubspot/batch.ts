// Batch plumbing shared by upsert / create / update / read / associate: chunks of 100 (HubSpot's
// limit, and every batch call counts as one request), pairing of results and errors back to inputs
// by key — never by position — and isolation of bad inputs: when HubSpot rejects a whole chunk with
// a 4xx, the chunk is split in halves until the offending inputs stand alone, so one bad record
// cannot fail the other 99.
import { isRawRecord } from '../mapping/govwin/field-reader';
import {
  describeHubSpotError,
  type HubSpotErrorSummary,
  summariseHubSpotError,
} from './error-summary';
import { HubSpotError } from './errors';
import type { BatchItemError, BatchOutcome } from './types';

/** HubSpot's per-call batch limit. */
export const HUBSPOT_BATCH_SIZE = 100;

/** Splits `items` into chunks of at most `size`. */
export const chunk = <T>(items: readonly T[], size = HUBSPOT_BATCH_SIZE): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The raw `{ results, errors }` body of a batch response (200, 201 or 207). */
export interface RawBatchBody {
  results?: unknown[];
  errors?: unknown[];
}

/** Builds a BatchItemError from a summary. */
export const itemError = (
  summary: HubSpotErrorSummary,
  status: string,
  key?: string,
  retryable = false
): BatchItemError => ({
  ...(key !== undefined ? { key } : {}),
  category: summary.category,
  status,
  message: describeHubSpotError(summary, status),
  retryable,
});

/** A per-input error for inputs HubSpot neither returned nor reported. */
export const missingResult = (key: string): BatchItemError => ({
  key,
  category: 'NO_RESULT',
  status: 'missing',
  message: 'HubSpot returned no result and no error for this input',
  retryable: true,
});

/** Summaries of the `errors[]` of a 207 body. */
export const bodyErrors = (body: RawBatchBody | undefined): HubSpotErrorSummary[] =>
  (Array.isArray(body?.errors) ? body.errors : []).map(summariseHubSpotError);

/** The result objects of a batch body. */
export const bodyResults = (body: RawBatchBody | undefined): Record<string, unknown>[] =>
  (Array.isArray(body?.results) ? body.results : []).filter(isRawRecord) as Record<
    string,
    unknown
  >[];

/**
 * Runs `send` on chunks of `inputs`; on a non-retryable HubSpot 4xx for a chunk of more than one input,
 * splits it and retries the halves. A single input that still fails becomes a BatchItemError keyed by
 * `keyOf(input)`. Retryable failures (throttling exhausted, 5xx) propagate: the caller retries later.
 */
export const runBatches = async <I, R>(
  inputs: readonly I[],
  keyOf: (input: I) => string | undefined,
  send: (chunk: I[]) => Promise<{ results: R[]; errors: BatchItemError[] }>
): Promise<BatchOutcome<R>> => {
  const out: BatchOutcome<R> = { results: [], errors: [], requests: 0 };
  const run = async (part: I[]): Promise<void> => {
    out.requests += 1;
    try {
      const { results, errors } = await send(part);
      out.results.push(...results);
      out.errors.push(...errors);
    } catch (err) {
      if (!(err instanceof HubSpotError) || err.status === 401 || err.status === 403) throw err;
      if (part.length > 1) {
        const mid = Math.ceil(part.length / 2);
        await run(part.slice(0, mid));
        await run(part.slice(mid));
        return;
      }
      const key = part[0] === undefined ? undefined : keyOf(part[0]);
      out.errors.push({
        ...(key !== undefined ? { key } : {}),
        category: err.category ?? 'UNKNOWN',
        status: String(err.status ?? 'error'),
        message: err.message,
        retryable: false,
      });
    }
  };
  for (const part of chunk(inputs)) await run(part);
  return out;
};
