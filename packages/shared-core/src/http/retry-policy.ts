/**
 * Pure pieces of the HTTP retry policy: full-jitter backoff, `Retry-After` parsing and HubSpot's
 * rate-limit headers (external-apis §2.5).
 */

/**
 * Full-jitter exponential backoff: a uniformly random delay in `[0, min(maxDelayMs, baseDelayMs * 2^attempt))`.
 * `attempt` counts from 0 (the delay before the first retry).
 * @example fullJitterDelay(2, 200, 20_000, Math.random) // somewhere in [0, 800)
 */
export const fullJitterDelay = (
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number
): number => {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
};

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns
 * milliseconds to wait (0 for a date in the past), or `undefined` when absent or unparseable.
 * @example parseRetryAfter('2', Date.now()) // 2000
 */
export const parseRetryAfter = (
  value: string | null | undefined,
  now: number
): number | undefined => {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  // Only accept something shaped like an HTTP date, not whatever Date.parse tolerates.
  if (!/^[A-Za-z]{3},? \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) {
    return undefined;
  }
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

/** What HubSpot's `X-HubSpot-RateLimit-*` headers say about waiting. */
export interface HubSpotRateLimitHint {
  /** How long the exhausted window suggests waiting, when a window is exhausted. */
  delayMs: number | undefined;
  /** The account's daily quota is spent: do not retry in-process (it resets at midnight, account time). */
  dailyExhausted: boolean;
}

const intHeader = (headers: Headers, name: string): number | undefined => {
  const v = headers.get(name)?.trim();
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
};

/**
 * Reads HubSpot's rate-limit headers: a spent per-second window suggests 1 s, a spent rolling
 * window (`-Remaining: 0`) suggests its `-Interval-Milliseconds` (10 s by default), and a spent
 * daily quota means "stop". Absent headers give `{ delayMs: undefined, dailyExhausted: false }`.
 */
export const hubspotRateLimitHint = (headers: Headers): HubSpotRateLimitHint => {
  const waits: number[] = [];
  if (intHeader(headers, 'x-hubspot-ratelimit-secondly-remaining') === 0) waits.push(1_000);
  if (intHeader(headers, 'x-hubspot-ratelimit-remaining') === 0) {
    waits.push(intHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds') ?? 10_000);
  }
  return {
    delayMs: waits.length > 0 ? Math.max(...waits) : undefined,
    dailyExhausted: intHeader(headers, 'x-hubspot-ratelimit-daily-remaining') === 0,
  };
};
