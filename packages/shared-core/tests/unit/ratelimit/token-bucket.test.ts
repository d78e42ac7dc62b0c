import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type BucketSpec,
  hubspotQuota,
  makeTokenBucket,
  QUOTAS,
  refillBucket,
  rollingWindowQuota,
  ThrottledError,
  takeTokens,
  ValidationError,
} from '../../../src/index';

/** A simulated clock whose sleep advances time: deterministic, no wall clock. */
const simulatedTime = (start = 0) => {
  const clock = { t: start, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
};

describe('refillBucket', () => {
  const spec: BucketSpec = { capacity: 10, refillPerSecond: 2 };

  it('adds refillPerSecond tokens per elapsed second', () => {
    // Act
    const state = refillBucket({ tokens: 1, updatedAt: 1_000 }, 3_500, spec);
    // Assert
    expect(state).toEqual({ tokens: 6, updatedAt: 3_500 });
  });

  it('never exceeds the capacity', () => {
    // Act & Assert
    expect(refillBucket({ tokens: 9, updatedAt: 0 }, 60_000, spec).tokens).toBe(10);
  });

  it('adds nothing and keeps updatedAt when the caller clock is behind', () => {
    // Act & Assert
    expect(refillBucket({ tokens: 3, updatedAt: 5_000 }, 4_000, spec)).toEqual({
      tokens: 3,
      updatedAt: 5_000,
    });
  });
});

describe('takeTokens', () => {
  const spec: BucketSpec = { capacity: 10, refillPerSecond: 4 };

  it('takes without waiting when enough tokens are there', () => {
    // Act & Assert
    expect(takeTokens({ tokens: 3, updatedAt: 7 }, 3, spec)).toEqual({
      next: { tokens: 0, updatedAt: 7 },
      waitMs: 0,
    });
  });

  it('goes into debt and waits for the refill to cover it', () => {
    // Act & Assert
    expect(takeTokens({ tokens: 0.5, updatedAt: 7 }, 2, spec)).toEqual({
      next: { tokens: -1.5, updatedAt: 7 },
      waitMs: 375,
    });
  });
});

describe('makeTokenBucket', () => {
  describe('acquire', () => {
    it('grants a full bucket at once, then paces at the refill rate', async () => {
      // Arrange
      const time = simulatedTime();
      const bucket = makeTokenBucket({ capacity: 3, refillPerSecond: 2, ...time });
      // Act
      for (let i = 0; i < 5; i++) await bucket.acquire();
      // Assert
      expect(time.clock.sleeps).toEqual([500, 500]);
      expect(time.clock.t).toBe(1_000);
    });

    it('queues concurrent callers in order, each waiting for its own share', async () => {
      // Arrange
      const waits: number[] = [];
      const bucket = makeTokenBucket({
        capacity: 2,
        refillPerSecond: 1,
        now: () => 0,
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      // Act
      await Promise.all([1, 2, 3, 4].map(() => bucket.acquire()));
      // Assert
      expect(waits).toEqual([1_000, 2_000]);
    });

    it('takes n tokens at once', async () => {
      // Arrange
      const time = simulatedTime();
      const bucket = makeTokenBucket({ capacity: 10, refillPerSecond: 5, ...time });
      // Act
      await bucket.acquire(10);
      await bucket.acquire(5);
      // Assert
      expect(time.clock.sleeps).toEqual([1_000]);
    });

    it('throws a retryable ThrottledError and takes nothing when the wait exceeds maxWaitMs', async () => {
      // Arrange
      const time = simulatedTime();
      const bucket = makeTokenBucket({ capacity: 1, refillPerSecond: 1, maxWaitMs: 500, ...time });
      await bucket.acquire();
      // Act
      const failure = bucket.acquire();
      // Assert
      await expect(failure).rejects.toBeInstanceOf(ThrottledError);
      await expect(bucket.acquire()).rejects.toMatchObject({
        retryable: true,
        retryAfterMs: 1_000,
      });
      time.clock.t += 1_000;
      await expect(bucket.acquire()).resolves.toBeUndefined();
      expect(time.clock.sleeps).toEqual([]);
    });

    it.each([
      { name: 'zero', n: 0 },
      { name: 'negative', n: -1 },
      { name: 'fractional', n: 1.5 },
      { name: 'NaN', n: Number.NaN },
      { name: 'above capacity', n: 6 },
    ])('rejects n = $name with a one-line ValidationError', async ({ n }) => {
      // Arrange
      const bucket = makeTokenBucket({ capacity: 5, refillPerSecond: 1, name: 'test' });
      // Act & Assert
      await expect(bucket.acquire(n)).rejects.toBeInstanceOf(ValidationError);
      await expect(bucket.acquire(n)).rejects.toThrow(/^token bucket test: acquire/);
    });
  });

  it.each([
    { name: 'capacity 0', spec: { capacity: 0, refillPerSecond: 1 }, message: /capacity must be/ },
    {
      name: 'capacity 1.5',
      spec: { capacity: 1.5, refillPerSecond: 1 },
      message: /capacity must be/,
    },
    {
      name: 'refill 0',
      spec: { capacity: 1, refillPerSecond: 0 },
      message: /refillPerSecond must be/,
    },
    {
      name: 'refill Infinity',
      spec: { capacity: 1, refillPerSecond: Infinity },
      message: /refillPerSecond/,
    },
  ])('rejects a bad spec ($name)', ({ spec, message }) => {
    // Act & Assert
    expect(() => makeTokenBucket(spec)).toThrow(message);
  });
});

describe('rollingWindowQuota', () => {
  it('never lets more than the limit through in any rolling window (simulated greedy caller)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        async (limit, windowSeconds, burstShare) => {
          // Arrange
          const burst = Math.min(limit - 1, Math.max(1, Math.floor(limit * burstShare)));
          const spec = rollingWindowQuota({ limit, windowSeconds, burst });
          const time = simulatedTime(1_000_000);
          const bucket = makeTokenBucket({ ...spec, ...time });
          const grants: number[] = [];
          // Act: take as fast as allowed for three windows
          while (time.clock.t < 1_000_000 + 3 * windowSeconds * 1000) {
            await bucket.acquire();
            grants.push(time.clock.t);
          }
          // Assert: every window [g, g + W) starting at a grant holds at most `limit` grants
          for (let i = 0; i < grants.length; i++) {
            const start = grants[i] as number;
            const inWindow = grants.filter((g) => g >= start && g < start + windowSeconds * 1000);
            if (inWindow.length > limit) return false;
          }
          return true;
        }
      ),
      { numRuns: 40 }
    );
  });

  it.each([
    { name: 'burst >= limit', window: { limit: 10, windowSeconds: 1, burst: 10 } },
    { name: 'burst 0', window: { limit: 10, windowSeconds: 1, burst: 0 } },
    { name: 'window 0', window: { limit: 10, windowSeconds: 0, burst: 1 } },
    { name: 'limit 1', window: { limit: 1, windowSeconds: 1, burst: 1 } },
  ])('rejects $name', ({ window }) => {
    // Act & Assert
    expect(() => rollingWindowQuota(window)).toThrow(ValidationError);
  });
});

describe('QUOTAS', () => {
  it('keeps GovWin at or under 3,900 calls in any hour (100 under the 4,000 lock-out)', () => {
    // Act
    const perHour = QUOTAS.govwin.capacity + QUOTAS.govwin.refillPerSecond * 3_600;
    // Assert
    expect(perHour).toBeLessThanOrEqual(3_900);
    expect(QUOTAS.govwin).toEqual({ capacity: 300, refillPerSecond: 1 });
  });

  it('keeps HubSpot at or under its per-10-second limit, configurable by tier', () => {
    // Act & Assert
    expect(QUOTAS.hubspot.capacity + QUOTAS.hubspot.refillPerSecond * 10).toBe(100);
    const pro = hubspotQuota(190);
    expect(pro.capacity + pro.refillPerSecond * 10).toBe(190);
  });

  it('paces ACE writes at 1/s and reads at 10/s', () => {
    // Act & Assert
    expect(QUOTAS.aceWrite).toEqual({ capacity: 1, refillPerSecond: 1 });
    expect(QUOTAS.aceRead).toEqual({ capacity: 10, refillPerSecond: 10 });
  });
});
