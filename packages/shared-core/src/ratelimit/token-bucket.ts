import { ThrottledError, ValidationError } from '../errors/common-errors';

/** Waits until `n` units of a quota are available, then takes them. Never drops work. */
export interface RateLimiter {
  /**
   * Resolves once `n` (default 1) tokens are taken, waiting as needed. Rejects with a retryable
   * ThrottledError when the wait would exceed the limiter's `maxWaitMs`, and with a ValidationError for a
   * bad `n` (not a positive integer, or more than the capacity, which could never be granted).
   */
  acquire(n?: number): Promise<void>;
}

/** Bucket shape: holds up to `capacity` tokens, refilled continuously at `refillPerSecond`. */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

/** Bucket state: tokens (negative = already promised to waiting callers) as of `updatedAt` (epoch ms). */
export interface BucketState {
  tokens: number;
  updatedAt: number;
}

/** Validates a bucket spec; one-line ValidationError naming the bad member. */
export const assertBucketSpec = (spec: BucketSpec, what = 'token bucket'): BucketSpec => {
  if (!Number.isSafeInteger(spec?.capacity) || spec.capacity < 1)
    throw new ValidationError(
      `${what}: capacity must be a positive integer, got ${String(spec?.capacity)}`
    );
  if (
    typeof spec.refillPerSecond !== 'number' ||
    !Number.isFinite(spec.refillPerSecond) ||
    spec.refillPerSecond <= 0
  )
    throw new ValidationError(
      `${what}: refillPerSecond must be a positive finite number, got ${String(spec.refillPerSecond)}`
    );
  return spec;
};

/** Validates the `n` of `acquire(n)` against a capacity. */
export const assertTokenCount = (n: unknown, capacity: number, what = 'token bucket'): number => {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1)
    throw new ValidationError(`${what}: acquire(n) needs a positive integer n, got ${String(n)}`);
  if (n > capacity)
    throw new ValidationError(
      `${what}: acquire(${n}) can never be granted by a bucket of capacity ${capacity}`
    );
  return n;
};

/** Validates maxWaitMs (a non-negative number; Infinity allowed). */
export const assertMaxWait = (ms: number, what = 'token bucket'): number => {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0)
    throw new ValidationError(
      `${what}: maxWaitMs must be a non-negative number, got ${String(ms)}`
    );
  return ms;
};

// Tokens are kept to 1e-9 so repeated float arithmetic never drifts into unreadable values.
const tidy = (x: number): number => Math.round(x * 1e9) / 1e9;

/**
 * Pure refill: the state at `nowMs`. Time never runs backwards (a caller with a slower clock adds nothing),
 * and tokens never exceed the capacity.
 */
export const refillBucket = (state: BucketState, nowMs: number, spec: BucketSpec): BucketState => {
  const elapsedMs = Math.max(0, nowMs - state.updatedAt);
  return {
    tokens: tidy(Math.min(spec.capacity, state.tokens + (elapsedMs * spec.refillPerSecond) / 1000)),
    updatedAt: Math.max(state.updatedAt, nowMs),
  };
};

/**
 * Pure take: debit `n` tokens from an already refilled state. The balance may go negative — the caller then
 * waits `waitMs`, the time the refill needs to cover the debt, so waiting callers are served in order.
 */
export const takeTokens = (
  state: BucketState,
  n: number,
  spec: BucketSpec
): { next: BucketState; waitMs: number } => {
  const tokens = tidy(state.tokens - n);
  const waitMs = tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / spec.refillPerSecond);
  return { next: { tokens, updatedAt: state.updatedAt }, waitMs };
};

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * In-memory token bucket for one process (local runtime, tests, per-container smoothing). Starts full.
 * Concurrent callers queue fairly: each debits the bucket at once and sleeps until its turn.
 * `maxWaitMs` defaults to no limit.
 * @example const limiter = makeTokenBucket({ capacity: 10, refillPerSecond: 10 }); await limiter.acquire();
 */
export const makeTokenBucket = (
  options: BucketSpec & {
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    maxWaitMs?: number;
    name?: string;
  }
): RateLimiter => {
  const what = `token bucket${options.name ? ` ${options.name}` : ''}`;
  const spec = assertBucketSpec(
    { capacity: options.capacity, refillPerSecond: options.refillPerSecond },
    what
  );
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const maxWaitMs = assertMaxWait(options.maxWaitMs ?? Number.POSITIVE_INFINITY, what);
  let state: BucketState = { tokens: spec.capacity, updatedAt: now() };
  return {
    acquire: async (n = 1) => {
      const count = assertTokenCount(n, spec.capacity, what);
      const refilled = refillBucket(state, now(), spec);
      const { next, waitMs } = takeTokens(refilled, count, spec);
      if (waitMs > maxWaitMs) {
        state = refilled;
        throw new ThrottledError(`${what}: a wait of ${waitMs} ms exceeds maxWaitMs ${maxWaitMs}`, {
          code: 'RATE_LIMITED',
          retryAfterMs: waitMs,
        });
      }
      state = next;
      if (waitMs > 0) await sleep(waitMs);
    },
  };
};
