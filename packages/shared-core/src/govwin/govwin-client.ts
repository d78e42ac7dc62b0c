// GovWin IQ WSAPI v3 client (external-apis §3). Read-only calls; every call first takes a token from
// the organisation-wide budget bucket (4,000 calls per rolling hour, shared by every invocation through
// DynamoDB). A 403 "Too many requests" means someone else spent the budget: the client waits and tries
// again rather than failing the batch, up to a bound, then raises a retryable GovWinBudgetError.
import { AppError } from '../errors/app-error';
import { UpstreamError, ValidationError } from '../errors/common-errors';
import { HttpError } from '../http/errors';
import type { HttpClient } from '../http/http-client';
import { GOVWIN_OPP_ID } from '../keys/ids';
import { isRawRecord, type RawRecord } from '../mapping/govwin/field-reader';
import type { RateLimiter } from '../ratelimit/token-bucket';
import { GovWinAccessError, GovWinAuthError, GovWinBudgetError } from './errors';
import type { GovWinAuth } from './govwin-auth';

/** Largest page GovWin serves (`max` 1..100) and the offset ceiling (offset + max <= 10,000). */
export const GOVWIN_PAGE_SIZE = 100;
export const GOVWIN_MAX_OFFSET = 10_000;
/** Ids per multi-id URL (`/opportunities/{id1,id2,...}`). */
export const GOVWIN_IDS_PER_CALL = 10;

/** Dependencies of {@link makeGovWinClient}. */
export interface GovWinClientDeps {
  /** Shared HTTP client (retries 5xx); GovWin hosts must be on its allow-list. */
  http: HttpClient;
  baseUrl: string;
  auth: GovWinAuth;
  /** The shared 4,000/h budget; one token per call. */
  budget: RateLimiter;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Wait after a 403 budget answer before trying again (default 60 s). */
  budgetBackoffMs?: number;
  /** Give up (retryably) after waiting this long in total for the budget (default 5 min). */
  maxBudgetWaitMs?: number;
  /** Observes every API call (metrics, benchmarks). */
  onCall?: (operation: string) => void;
  /** Observes each 403 budget answer before the back-off (the Throttles metric). */
  onThrottle?: (waitMs: number) => void;
}

/** A list result. `truncated` is true when the 10,000-offset ceiling stopped paging early. */
export interface GovWinList {
  items: RawRecord[];
  totalCount: number;
  truncated: boolean;
  calls: number;
}

/** Search filters for `GET /opportunities` (date-range discovery). */
export interface GovWinSearchParams {
  oppSelectionDateFrom: string;
  oppSelectionDateTo?: string;
  oppType?: string;
  market?: 'Federal' | 'SLED';
  oppCategory?: 1 | 2;
}

/** The GovWin WSAPI calls the sync uses. */
export interface GovWinClient {
  /** Opportunities marked for Web Services download (`markedVersion=2.2`, or `2` for CRM marks). */
  listMarked(options: { markedVersion: '2.2' | '2'; oppType?: string }): Promise<GovWinList>;
  /** Opportunities bookmarked by the API user (`markedOpps=true`). */
  listBookmarked(options?: { oppType?: string }): Promise<GovWinList>;
  /** A saved search of the API user. */
  listSavedSearch(
    savedSearchId: string,
    options?: { oppSelectionDateFrom?: string }
  ): Promise<GovWinList>;
  /** Date-range search sorted by update date. */
  search(params: GovWinSearchParams): Promise<GovWinList>;
  /** Full opportunity records by id, 10 per call; ids GovWin does not return are absent. */
  getOpportunities(ids: readonly string[]): Promise<Map<string, RawRecord>>;
  /** The contacts of one opportunity (all pages). */
  getContacts(id: string): Promise<RawRecord[]>;
}

interface Paging {
  meta?: { paging?: { totalCount?: unknown } };
}

type Query = Record<string, string | number | undefined>;

const statusOf = (err: unknown): number | undefined =>
  err instanceof HttpError ? err.status : undefined;

// GovWin answers 403 both for the hourly budget ("Too many requests in given time period") and for
// account problems ("Account is on hold", "Invalid subscription"); external-apis §3.8-3.9. The HTTP
// client keeps only a redacted excerpt of the body, so a 403 counts as the budget unless the excerpt
// names an account problem: backing off is harmless, failing a batch on a budget blip is not.
const isAccessProblem = (err: HttpError): boolean => /on ?hold|subscription/i.test(err.message);

const collection = (data: unknown, keys: readonly string[]): unknown[] | undefined => {
  if (!isRawRecord(data)) return undefined;
  for (const key of keys) {
    const value = data[key];
    if (Array.isArray(value)) return value;
  }
  return undefined;
};

/**
 * Creates the GovWin client.
 * @example const govwin = makeGovWinClient({ http, baseUrl, auth, budget });
 *          const { items } = await govwin.listMarked({ markedVersion: '2.2' });
 */
export const makeGovWinClient = (deps: GovWinClientDeps): GovWinClient => {
  const base = deps.baseUrl.replace(/\/+$/, '');
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = deps.now ?? Date.now;
  const backoffMs = deps.budgetBackoffMs ?? 60_000;
  const maxWaitMs = deps.maxBudgetWaitMs ?? 300_000;

  const call = async <T>(operation: string, path: string, query: Query): Promise<T | undefined> => {
    const started = now();
    let reauthenticated = false;
    for (;;) {
      await deps.budget.acquire(1);
      const token = await deps.auth.getAccessToken();
      deps.onCall?.(operation);
      try {
        // No Content-Type on API calls: GovWin answers 415 (external-apis §3.1).
        const res = await deps.http.request<T>({
          method: 'GET',
          url: `${base}/${path}`,
          query,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        });
        return res.data;
      } catch (err) {
        const status = statusOf(err);
        if (status === 404) return undefined;
        if (status === 401 && !reauthenticated) {
          deps.auth.invalidate(token);
          reauthenticated = true;
          continue;
        }
        if (status === 401)
          throw new GovWinAuthError('GovWin rejected a fresh access token (401)', { cause: err });
        if (status === 403 && err instanceof HttpError && !isAccessProblem(err)) {
          const waited = now() - started;
          if (waited + backoffMs > maxWaitMs) {
            throw new GovWinBudgetError(`GovWin hourly budget exhausted; waited ${waited} ms`, {
              cause: err,
              retryAfterMs: backoffMs,
            });
          }
          deps.onThrottle?.(backoffMs);
          await sleep(backoffMs);
          continue;
        }
        if (status === 403)
          throw new GovWinAccessError(`GovWin refused ${operation} (403)`, { cause: err });
        if (err instanceof AppError) throw err;
        throw new UpstreamError(`GovWin ${operation} failed${status ? ` (HTTP ${status})` : ''}`, {
          cause: err,
          code: 'GOVWIN_CALL_FAILED',
          retryable: status === undefined || status >= 500,
        });
      }
    }
  };

  const list = async (
    operation: string,
    path: string,
    query: Query,
    keys: readonly string[]
  ): Promise<GovWinList> => {
    const items: RawRecord[] = [];
    let offset = 0;
    let totalCount = 0;
    let calls = 0;
    for (;;) {
      if (offset + GOVWIN_PAGE_SIZE > GOVWIN_MAX_OFFSET)
        return { items, totalCount, truncated: true, calls };
      const data = await call<Paging & Record<string, unknown>>(operation, path, {
        ...query,
        max: GOVWIN_PAGE_SIZE,
        offset,
      });
      calls += 1;
      const page = collection(data, keys) ?? [];
      const total = Number(data?.meta?.paging?.totalCount);
      totalCount = Number.isFinite(total) && total >= 0 ? total : offset + page.length;
      items.push(...page.filter(isRawRecord));
      offset += GOVWIN_PAGE_SIZE;
      if (page.length === 0 || offset >= totalCount)
        return { items, totalCount, truncated: false, calls };
    }
  };

  const assertOppId = (id: string): string => {
    if (!GOVWIN_OPP_ID.test(id))
      throw new ValidationError('GovWin opportunity id is invalid', { code: 'INVALID_ID' });
    return id;
  };

  return {
    listMarked: ({ markedVersion, oppType }) =>
      list(
        'listMarked',
        'opportunities',
        { markedVersion, oppType, sort: 'updateDate', order: 'desc' },
        ['opportunities']
      ),
    listBookmarked: (options = {}) =>
      list('listBookmarked', 'opportunities', { markedOpps: 'true', oppType: options.oppType }, [
        'opportunities',
      ]),
    listSavedSearch: (savedSearchId, options = {}) => {
      if (!/^\d{1,19}$/.test(savedSearchId)) {
        throw new ValidationError('GovWin saved search id must be numeric', { code: 'INVALID_ID' });
      }
      return list(
        'listSavedSearch',
        'opportunities',
        { savedSearchId, oppSelectionDateFrom: options.oppSelectionDateFrom },
        ['opportunities']
      );
    },
    search: (params) =>
      list(
        'search',
        'opportunities',
        {
          oppSelectionDateFrom: params.oppSelectionDateFrom,
          oppSelectionDateTo: params.oppSelectionDateTo,
          oppType: params.oppType,
          market: params.market,
          oppCategory: params.oppCategory ?? 2,
          sort: 'updatedDate',
          order: 'desc',
        },
        ['opportunities']
      ),
    getOpportunities: async (ids) => {
      const unique = [...new Set(ids.map(assertOppId))];
      const out = new Map<string, RawRecord>();
      for (let i = 0; i < unique.length; i += GOVWIN_IDS_PER_CALL) {
        const chunk = unique.slice(i, i + GOVWIN_IDS_PER_CALL);
        const data = await call<unknown>(
          'getOpportunities',
          `opportunities/${chunk.join(',')}`,
          {}
        );
        for (const item of collection(data, ['opportunities']) ?? []) {
          if (isRawRecord(item) && typeof item.id === 'string' && chunk.includes(item.id))
            out.set(item.id, item);
        }
      }
      return out;
    },
    getContacts: async (id) =>
      (
        await list('getContacts', `opportunities/${assertOppId(id)}/contacts`, {}, [
          'contacts',
          'Contacts',
        ])
      ).items,
  };
};
