// HubSpot rate limits (external-apis.md §2.5): a rolling 10-second burst limit per app (default
// 100), a daily limit per account that resets at midnight (UTC on the simulated clock), and the
// search endpoints' own per-second limit. Answers 429 with Retry-After and the
// `X-HubSpot-RateLimit-*` headers; search responses omit the standard headers, as HubSpot's do.
import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../common/http-simulator';
import { makeRollingWindow } from '../common/rolling-window';

export interface HubSpotRateLimitOptions {
  /** Requests per interval (default 100). */
  max?: number;
  /** Interval in ms (default 10,000). */
  intervalMs?: number;
  /** Requests per day (default 250,000). */
  daily?: number;
  /** Search requests per second (default 5). */
  searchPerSecond?: number;
}

export type RateDecision =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; response: SimResponse };

const DAY = 86_400_000;

export const makeHubSpotRateLimiter = (options: HubSpotRateLimitOptions = {}) => {
  const max = options.max ?? 100;
  const intervalMs = options.intervalMs ?? 10_000;
  const daily = options.daily ?? 250_000;
  const searchPerSecond = options.searchPerSecond ?? 5;
  let burst = makeRollingWindow(max, intervalMs);
  let search = makeRollingWindow(searchPerSecond, 1000);
  let day = -1;
  let dailyUsed = 0;
  let rejected = 0;

  const tooMany = (policyName: string, message: string, retryAfterMs: number): RateDecision => {
    rejected += 1;
    return {
      ok: false,
      response: {
        status: 429,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
        body: {
          status: 'error',
          message,
          errorType: 'RATE_LIMIT',
          correlationId: randomUUID(),
          policyName,
          category: 'RATE_LIMITS',
        },
      },
    };
  };

  return {
    /** Admits or refuses one request at `now`; `isSearch` selects the search limit. */
    check: (now: number, isSearch: boolean): RateDecision => {
      const today = Math.floor(now / DAY);
      if (today !== day) {
        day = today;
        dailyUsed = 0;
      }
      if (dailyUsed >= daily) {
        return tooMany('DAILY', 'You have reached your daily limit.', (today + 1) * DAY - now);
      }
      if (isSearch && !search.tryAcquire(now)) {
        return tooMany(
          'SECONDLY',
          'You have reached your secondly limit.',
          (search.nextSlotAt(now) ?? now + 1000) - now
        );
      }
      if (!burst.tryAcquire(now)) {
        return tooMany(
          'TEN_SECONDLY_ROLLING',
          'You have reached your ten_secondly_rolling limit.',
          (burst.nextSlotAt(now) ?? now + intervalMs) - now
        );
      }
      dailyUsed += 1;
      if (isSearch) return { ok: true, headers: {} };
      return {
        ok: true,
        headers: {
          'x-hubspot-ratelimit-max': String(max),
          'x-hubspot-ratelimit-remaining': String(max - burst.count(now)),
          'x-hubspot-ratelimit-interval-milliseconds': String(intervalMs),
          'x-hubspot-ratelimit-daily': String(daily),
          'x-hubspot-ratelimit-daily-remaining': String(daily - dailyUsed),
        },
      };
    },
    snapshot: (now: number) => ({
      max,
      intervalMs,
      used: burst.count(now),
      daily,
      dailyUsed,
      rejected,
    }),
    reset: () => {
      burst = makeRollingWindow(max, intervalMs);
      search = makeRollingWindow(searchPerSecond, 1000);
      dailyUsed = 0;
      rejected = 0;
    },
  };
};

export type HubSpotRateLimiter = ReturnType<typeof makeHubSpotRateLimiter>;
