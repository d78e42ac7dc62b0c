// One authenticated, rate-limited HubSpot request. The shared HTTP client already retries 429 (with
// Retry-After) and 5xx; this layer takes a token from the shared per-10-second bucket before every
// request and turns the remaining failures into redacted errors.
import { HttpError } from '../http/errors';
import type { HttpClient } from '../http/http-client';
import type { RateLimiter } from '../ratelimit/token-bucket';
import { HubSpotError } from './errors';

/** Default HubSpot API origin. */
export const HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';

/** Dependencies shared by every HubSpot call. */
export interface HubSpotTransportDeps {
  /** Shared HTTP client (retries 429/5xx); the HubSpot host must be on its allow-list. */
  http: HttpClient;
  /** API origin (default https://api.hubapi.com; the simulator's URL locally). */
  baseUrl?: string;
  /** Private-app access token (from Secrets Manager; the client never logs it). */
  accessToken: () => Promise<string>;
  /** The shared per-10-second bucket; one token per request. */
  limiter?: RateLimiter;
  /** The search endpoints' own, lower limit (~5/s). Falls back to `limiter`. */
  searchLimiter?: RateLimiter;
  /** Observes every request (`operation` is a stable name such as `deals.batchUpsert`). */
  onRequest?: (operation: string) => void;
}

/** A request to one HubSpot path (relative to the base URL). */
export interface HubSpotRequest {
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  search?: boolean;
}

/** Sends requests; throws HubSpotError (not retryable) or the HTTP client's retryable errors. */
export interface HubSpotTransport {
  send<T>(req: HubSpotRequest): Promise<{ status: number; data: T }>;
}

/**
 * Creates the transport.
 * @example const t = makeHubSpotTransport({ http, accessToken: () => secrets.getString(id) });
 */
export const makeHubSpotTransport = (deps: HubSpotTransportDeps): HubSpotTransport => {
  const base = (deps.baseUrl ?? HUBSPOT_API_BASE_URL).replace(/\/+$/, '');
  return {
    send: async <T>(req: HubSpotRequest) => {
      const limiter = req.search ? (deps.searchLimiter ?? deps.limiter) : deps.limiter;
      await limiter?.acquire(1);
      const token = await deps.accessToken();
      deps.onRequest?.(req.operation);
      try {
        const res = await deps.http.request<T>({
          method: req.method,
          url: `${base}${req.path}`,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(req.query ? { query: req.query } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
        });
        return { status: res.status, data: res.data };
      } catch (err) {
        // 429 and 5xx arrive here only after the HTTP client's retries: they stay retryable.
        if (!(err instanceof HttpError)) throw err;
        const category = err.upstreamCode ?? 'UNKNOWN';
        throw new HubSpotError(`HubSpot ${req.operation}: HTTP ${err.status} ${category}`, {
          cause: err,
          status: err.status,
          category,
        });
      }
    },
  };
};
