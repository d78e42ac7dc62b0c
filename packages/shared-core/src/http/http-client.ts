import { AppError } from '../errors/app-error';
import { ConfigError, ThrottledError, UpstreamError } from '../errors/common-errors';
import { maskText } from '../log/mask-text';
import { redactText } from '../log/redact';
import { normaliseAllowList, resolveEgressUrl } from './egress';
import { EgressDeniedError, HttpError } from './errors';
import { fullJitterDelay, hubspotRateLimitHint, parseRetryAfter } from './retry-policy';
import {
  encodeRequest,
  invalidRequest,
  isTimeout,
  networkCode,
  policyNameOf,
  readCapped,
  upstreamCodeOf,
} from './wire';

/** What {@link HttpClientOptions.onRetry} is told before each retry (no query strings, no bodies). */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  method: string;
  /** `host/path`, without the query string. */
  target: string;
  reason: 'throttled' | 'server-error' | 'timeout' | 'network';
  status?: number;
}

/** Options for {@link makeHttpClient}. */
export interface HttpClientOptions {
  /** Hosts this client may call: exact host names, or `*.suffix` for any sub-domain of `suffix`. */
  allowedHosts: readonly string[];
  /** Injected `fetch` (tests pass a fake). Defaults to the global one. */
  fetch?: typeof fetch;
  /** Per-attempt timeout covering connect, headers and body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx, timeouts and network errors. Default 3. */
  maxRetries?: number;
  /** Backoff base. Default 200 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling; a `Retry-After` longer than this is not waited out in-process. Default 20 000 ms. */
  maxDelayMs?: number;
  /** Largest accepted response body. Default 10 MiB. */
  maxResponseBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

/** One request. `body` is sent as-is when a string, form-encoded for URLSearchParams, JSON otherwise. */
export interface HttpClientRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Appended to the URL's query; `undefined` values are skipped. */
  query?: Record<string, string | number | undefined>;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /** Overrides the client's retry count (0 for a non-idempotent call that must not repeat). */
  maxRetries?: number;
  /** `json` (default): the body is parsed; `text`: returned as a string. */
  responseType?: 'json' | 'text';
}

/** A successful (2xx) response. */
export interface HttpClientResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

/** The client returned by {@link makeHttpClient}. */
export interface HttpClient {
  request<T = unknown>(req: HttpClientRequest): Promise<HttpClientResponse<T>>;
}

const MIB = 1024 * 1024;
const ERROR_BODY_CAP = 64 * 1024;

const checkNumber = (name: string, value: number | undefined, min: number): void => {
  if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
    throw new ConfigError(`makeHttpClient: ${name} must be a number >= ${min}`);
  }
};

type Outcome =
  | { kind: 'ok'; res: Response; text: string }
  | { kind: 'status'; res: Response; text: string }
  | { kind: 'failed'; reason: 'timeout' | 'network'; error: unknown };

/**
 * Builds the one outbound HTTP helper (CONVENTIONS §1.5): an egress allow-list checked before
 * anything is sent, a per-attempt timeout, retries with full-jitter exponential backoff on 429, 5xx,
 * timeouts and network errors that honour `Retry-After` and HubSpot's `X-HubSpot-RateLimit-*`
 * headers, a response-size cap, and errors whose messages carry method, host+path and status plus a
 * redacted body excerpt — never a query string, a token or a raw body. Redirects are not followed
 * (a redirect could leave the allow-list); they fail as HttpError.
 *
 * After the retries: 429 -> ThrottledError (`retryAfterMs` when known); 5xx, timeouts and network
 * errors -> UpstreamError (retryable; codes `HTTP_5xx`, `HTTP_TIMEOUT`, `HTTP_NETWORK`); other
 * statuses -> HttpError (`HTTP_<status>`, not retryable). A `Retry-After` longer than `maxDelayMs`,
 * or a spent HubSpot daily quota, is not waited out: the error is thrown at once so the caller's
 * queue can defer the work.
 * @example
 * const http = makeHttpClient({ allowedHosts: ['api.hubapi.com'] });
 * const { data } = await http.request<DealPage>({ method: 'GET', url: `${base}/crm/v3/objects/deals`, headers: { authorization: `Bearer ${token}` } });
 */
export const makeHttpClient = (options: HttpClientOptions): HttpClient => {
  const allowList = normaliseAllowList(options.allowedHosts);
  checkNumber('timeoutMs', options.timeoutMs, 1);
  checkNumber('maxRetries', options.maxRetries, 0);
  checkNumber('baseDelayMs', options.baseDelayMs, 0);
  checkNumber('maxDelayMs', options.maxDelayMs, 0);
  checkNumber('maxResponseBytes', options.maxResponseBytes, 1);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const clientTimeoutMs = options.timeoutMs ?? 10_000;
  const clientMaxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const maxResponseBytes = options.maxResponseBytes ?? 10 * MIB;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  const request = async <T = unknown>(req: HttpClientRequest): Promise<HttpClientResponse<T>> => {
    const method = typeof req?.method === 'string' ? req.method : '';
    if (!/^[A-Z]{3,10}$/.test(method)) {
      throw invalidRequest('http: method must be an upper-case HTTP method such as GET or POST');
    }
    if (typeof req.url !== 'string') throw new EgressDeniedError(`http ${method}: URL is missing`);
    checkNumber('timeoutMs', req.timeoutMs, 1);
    checkNumber('maxRetries', req.maxRetries, 0);
    const url = resolveEgressUrl(req.url, method, allowList, req.query);
    const { headers, body } = encodeRequest(req, method);
    const timeoutMs = req.timeoutMs ?? clientTimeoutMs;
    const maxRetries = req.maxRetries ?? clientMaxRetries;
    const target = `${url.host}${maskText(url.pathname)}`;
    const what = `${method} ${target}`;

    const attemptOnce = async (): Promise<Outcome> => {
      try {
        const res = await fetchImpl(url, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (res.status >= 200 && res.status < 300) {
          const declared = Number(res.headers.get('content-length'));
          if (Number.isFinite(declared) && declared > maxResponseBytes) {
            await res.body?.cancel().catch(() => undefined);
            throw tooLarge(res.status);
          }
          const { text, truncated } = await readCapped(res, maxResponseBytes);
          if (truncated) throw tooLarge(res.status);
          return { kind: 'ok', res, text };
        }
        const { text } = await readCapped(res, ERROR_BODY_CAP);
        return { kind: 'status', res, text };
      } catch (error) {
        if (error instanceof AppError) throw error;
        return { kind: 'failed', reason: isTimeout(error) ? 'timeout' : 'network', error };
      }
    };

    const tooLarge = (status: number): HttpError =>
      new HttpError(`${what} response body exceeds the ${maxResponseBytes}-byte cap`, {
        status,
        code: 'HTTP_BODY_TOO_LARGE',
      });

    for (let attempt = 0; ; attempt += 1) {
      const outcome = await attemptOnce();
      const attempts = `after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
      const retry = async (
        delayMs: number,
        reason: RetryInfo['reason'],
        status?: number
      ): Promise<void> => {
        options.onRetry?.({
          attempt: attempt + 1,
          delayMs,
          method,
          target,
          reason,
          ...(status === undefined ? {} : { status }),
        });
        await sleep(delayMs);
      };

      if (outcome.kind === 'failed') {
        if (attempt < maxRetries) {
          await retry(fullJitterDelay(attempt, baseDelayMs, maxDelayMs, random), outcome.reason);
          continue;
        }
        const detail =
          outcome.reason === 'timeout'
            ? `timed out after ${timeoutMs} ms`
            : `failed with a network error (${networkCode(outcome.error)})`;
        throw new UpstreamError(`${what} ${detail} ${attempts}`, {
          code: outcome.reason === 'timeout' ? 'HTTP_TIMEOUT' : 'HTTP_NETWORK',
          cause: outcome.error,
        });
      }

      const { res, text } = outcome;
      const status = res.status;

      if (outcome.kind === 'ok') {
        if (req.responseType === 'text') return { status, headers: res.headers, data: text as T };
        if (text.trim() === '') return { status, headers: res.headers, data: undefined as T };
        try {
          return { status, headers: res.headers, data: JSON.parse(text) as T };
        } catch {
          const type = maskText(res.headers.get('content-type') ?? 'none').slice(0, 60);
          throw new HttpError(
            `${what} answered ${status} with a body that is not JSON (content-type ${type}): ${redactText(text, 200)}`,
            { status, code: 'HTTP_BODY_NOT_JSON' }
          );
        }
      }

      const excerpt = redactText(text, 200);
      const suffix = excerpt ? `: ${excerpt}` : '';
      const upstreamCode = upstreamCodeOf(text);
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now());

      if (status === 429) {
        const hint = hubspotRateLimitHint(res.headers);
        const daily = hint.dailyExhausted || policyNameOf(text) === 'DAILY';
        const asked = retryAfterMs ?? hint.delayMs;
        if (!daily && attempt < maxRetries && (asked === undefined || asked <= maxDelayMs)) {
          const delay =
            asked === undefined
              ? fullJitterDelay(attempt, baseDelayMs, maxDelayMs, random)
              : // A little jitter on top, so concurrent callers do not return in lock-step.
                asked + Math.floor(random() * baseDelayMs);
          await retry(delay, 'throttled', status);
          continue;
        }
        throw new ThrottledError(
          `${what} answered 429${daily ? ' (daily quota spent)' : ''} ${attempts}${suffix}`,
          { code: 'HTTP_429', ...(asked === undefined ? {} : { retryAfterMs: asked }) }
        );
      }

      if (status >= 500) {
        if (attempt < maxRetries && (retryAfterMs === undefined || retryAfterMs <= maxDelayMs)) {
          await retry(
            retryAfterMs ?? fullJitterDelay(attempt, baseDelayMs, maxDelayMs, random),
            'server-error',
            status
          );
          continue;
        }
        throw new UpstreamError(`${what} answered ${status} ${attempts}${suffix}`, {
          code: `HTTP_${status}`,
        });
      }

      if (status >= 300 && status < 400) {
        throw new HttpError(`${what} answered ${status}; redirects are not followed`, {
          status,
          upstreamCode,
        });
      }
      throw new HttpError(`${what} answered ${status}${suffix}`, { status, upstreamCode });
    }
  };

  return { request };
};
