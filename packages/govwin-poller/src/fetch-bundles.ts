// Fetches the opportunities to sync and their contacts: one call per 10 opportunities (multi-id URL)
// plus one per opportunity for contacts — ~1.1 GovWin calls per opportunity. The prior art fetched
// five sub-resources per opportunity (§3.3) although the mapping reads only contacts; we fetch what
// the mapping uses. A budget or transport failure stops fetching: what was fetched is synced, the rest
// is reported retryable so SQS brings it back later.
import {
  type AppError,
  GOVWIN_IDS_PER_CALL,
  type GovWinClient,
  HttpError,
  isRetryable,
  type RawRecord,
} from '@govwin-ace/shared-core';

/** What GovWin returned for one opportunity. */
export interface OpportunityBundle {
  opportunity: RawRecord;
  contacts: RawRecord[];
}

/** Result of {@link fetchBundles}. */
export interface FetchResult {
  bundles: Map<string, OpportunityBundle>;
  /** Ids GovWin did not return (unmarked, deleted or outside the subscription). */
  notFound: string[];
  /** Ids not fetched because a call failed, with the error. */
  failed: Map<string, { error: AppError | Error; retryable: boolean }>;
}

/** A 4xx GovWin answered for the request itself (not auth, not the budget): retrying will not help. */
const isRejection = (err: unknown): boolean =>
  err instanceof HttpError &&
  err.status >= 400 &&
  err.status < 500 &&
  err.status !== 401 &&
  err.status !== 403;

const asError = (err: unknown): AppError | Error =>
  err instanceof Error ? err : new Error('non-error thrown');

/**
 * Fetches opportunities and their contacts. Never throws for GovWin failures: they are returned per id.
 * @example const { bundles, notFound, failed } = await fetchBundles(govwin, ['OPP1', 'OPP2']);
 */
export const fetchBundles = async (
  govwin: GovWinClient,
  ids: readonly string[]
): Promise<FetchResult> => {
  const bundles = new Map<string, OpportunityBundle>();
  const failed: FetchResult['failed'] = new Map();
  const notFound: string[] = [];
  const fail = (rest: readonly string[], err: unknown) => {
    for (const id of rest) failed.set(id, { error: asError(err), retryable: isRetryable(err) });
  };

  // Chunk by the multi-id limit so a failure part-way keeps everything fetched before it.
  for (let start = 0; start < ids.length; start += GOVWIN_IDS_PER_CALL) {
    const chunk = ids.slice(start, start + GOVWIN_IDS_PER_CALL);
    let records: Map<string, RawRecord>;
    try {
      records = await govwin.getOpportunities(chunk);
    } catch (err) {
      // GovWin refuses a whole multi-id request (422) when one id is outside the subscription: ask for
      // the ids one by one so the others still sync; an id refused on its own counts as not found.
      if (!isRejection(err)) {
        fail(ids.slice(start), err);
        break;
      }
      records = new Map();
      for (const [n, id] of chunk.length > 1 ? chunk.entries() : []) {
        try {
          for (const [k, v] of await govwin.getOpportunities([id])) records.set(k, v);
        } catch (one) {
          if (isRejection(one)) continue;
          fail([...chunk.slice(n), ...ids.slice(start + GOVWIN_IDS_PER_CALL)], one);
          return { bundles, notFound, failed };
        }
      }
    }
    for (let i = 0; i < chunk.length; i += 1) {
      const id = chunk[i] as string;
      const opportunity = records.get(id);
      if (opportunity === undefined) {
        notFound.push(id);
        continue;
      }
      try {
        bundles.set(id, { opportunity, contacts: await govwin.getContacts(id) });
      } catch (err) {
        if (isRejection(err)) {
          // Contacts outside the subscription: sync the opportunity without them.
          bundles.set(id, { opportunity, contacts: [] });
          continue;
        }
        // A budget, auth or transport failure will fail every later call too: defer the rest.
        fail([...chunk.slice(i), ...ids.slice(start + GOVWIN_IDS_PER_CALL)], err);
        return { bundles, notFound, failed };
      }
    }
  }
  return { bundles, notFound, failed };
};
