import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  keys,
  makeDynamoTokenBucket,
  makeQuotaLimiter,
  type RateLimiter,
  ThrottledError,
  ValidationError,
} from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

const T0 = Date.UTC(2026, 5, 1, 0, 0, 0);
const noPause = async () => undefined;

describe('makeDynamoTokenBucket (DynamoDB)', () => {
  let ddb: TestDynamo;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  const bucketRow = async (name: string) =>
    (
      await ddb.doc.send(
        new GetCommand({ TableName: ddb.tables.syncState, Key: keys.rateLimit(name) })
      )
    ).Item;

  it('never grants more than capacity + refill across concurrent invocations (simulated time)', async () => {
    // Arrange: 3 invocations sharing one bucket (capacity 5, 2 tokens/s), 4 callers each, no waiting allowed
    const clock = { now: T0 };
    const invocations: RateLimiter[] = Array.from({ length: 3 }, () =>
      makeDynamoTokenBucket({
        doc: ddb.doc,
        tableName: ddb.tables.syncState,
        name: 'shared-test',
        capacity: 5,
        refillPerSecond: 2,
        maxWaitMs: 0,
        now: () => clock.now,
        sleep: noPause,
      })
    );
    const grantsPerStep: number[] = [];
    // Act: 9 steps of 250 ms (0 .. 2 s), 12 concurrent acquires per step
    for (let step = 0; step <= 8; step++) {
      clock.now = T0 + step * 250;
      const outcomes = await Promise.allSettled(
        invocations.flatMap((limiter) => Array.from({ length: 4 }, () => limiter.acquire()))
      );
      for (const o of outcomes)
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ThrottledError);
      grantsPerStep.push(outcomes.filter((o) => o.status === 'fulfilled').length);
    }
    // Assert: a full bucket at t=0, then one token every 500 ms — and never more
    expect(grantsPerStep).toEqual([5, 0, 1, 0, 1, 0, 1, 0, 1]);
    let granted = 0;
    grantsPerStep.forEach((g, step) => {
      granted += g;
      expect(granted).toBeLessThanOrEqual(5 + 2 * (step * 0.25));
    });
  });

  it('lines concurrent waiters up one refill interval apart, across invocations', async () => {
    // Arrange: time stands still; each sleep is recorded instead of waited
    const sleeps: number[] = [];
    const make = () =>
      makeDynamoTokenBucket({
        doc: ddb.doc,
        tableName: ddb.tables.syncState,
        name: 'queue-test',
        capacity: 2,
        refillPerSecond: 1,
        maxWaitMs: 60_000,
        now: () => T0,
        sleep: async (ms) => {
          if (ms >= 1_000) sleeps.push(ms);
        },
        random: () => 0,
      });
    const [a, b] = [make(), make()];
    // Act
    await Promise.all([a, b, a, b, a, b].map((limiter) => limiter.acquire()));
    // Assert: 2 at once, then 1 s, 2 s, 3 s, 4 s — each caller its own slot
    expect(sleeps.sort((x, y) => x - y)).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(await bucketRow('queue-test')).toMatchObject({ tokens: -4, updatedAt: T0 });
  });

  it('waits for the refill with a simulated clock', async () => {
    // Arrange
    const clock = { now: T0, sleeps: [] as number[] };
    const limiter = makeDynamoTokenBucket({
      doc: ddb.doc,
      tableName: ddb.tables.syncState,
      name: 'wait-test',
      capacity: 2,
      refillPerSecond: 4,
      now: () => clock.now,
      sleep: async (ms) => {
        clock.sleeps.push(ms);
        clock.now += ms;
      },
    });
    // Act
    for (let i = 0; i < 5; i++) await limiter.acquire();
    await limiter.acquire(2);
    // Assert
    expect(clock.sleeps).toEqual([250, 250, 250, 500]);
  });

  it('throws a retryable ThrottledError and debits nothing when the wait exceeds maxWaitMs', async () => {
    // Arrange
    const limiter = makeDynamoTokenBucket({
      doc: ddb.doc,
      tableName: ddb.tables.syncState,
      name: 'max-wait-test',
      capacity: 1,
      refillPerSecond: 1,
      maxWaitMs: 500,
      now: () => T0,
      sleep: noPause,
    });
    await limiter.acquire();
    // Act
    const attempt = limiter.acquire();
    // Assert
    await expect(attempt).rejects.toMatchObject({
      name: 'ThrottledError',
      retryable: true,
      retryAfterMs: 1_000,
    });
    expect(await bucketRow('max-wait-test')).toMatchObject({ tokens: 0 });
  });

  it('keeps buckets with different names independent', async () => {
    // Arrange
    const make = (name: string) =>
      makeDynamoTokenBucket({
        doc: ddb.doc,
        tableName: ddb.tables.syncState,
        name,
        capacity: 1,
        refillPerSecond: 1,
        maxWaitMs: 0,
        now: () => T0,
      });
    // Act
    await make('indep-a').acquire();
    // Assert
    await expect(make('indep-b').acquire()).resolves.toBeUndefined();
    await expect(make('indep-a').acquire()).rejects.toBeInstanceOf(ThrottledError);
  });

  describe('makeQuotaLimiter', () => {
    it('builds the shared GovWin bucket with the project quota', async () => {
      // Arrange
      const limiter = makeQuotaLimiter('govwin', {
        doc: ddb.doc,
        tableName: ddb.tables.syncState,
        now: () => T0,
      });
      // Act
      await limiter.acquire(3);
      // Assert
      expect(await bucketRow('govwin')).toMatchObject({
        tokens: 297,
        capacity: 300,
        refillPerSecond: 1,
      });
    });

    it('rejects an unknown quota', () => {
      // Act & Assert
      expect(() =>
        makeQuotaLimiter('github' as 'govwin', { doc: ddb.doc, tableName: ddb.tables.syncState })
      ).toThrow(/^quota is invalid: expected one of govwin, aceWrite, aceRead, hubspot/);
    });
  });

  describe('bad input', () => {
    it.each([
      {
        name: 'an uppercase bucket name',
        options: { name: 'GovWin' },
        error: /^rate-limit bucket is invalid/,
      },
      {
        name: 'a zero capacity',
        options: { capacity: 0 },
        error: /capacity must be a positive integer/,
      },
      { name: 'a negative maxWaitMs', options: { maxWaitMs: -1 }, error: /maxWaitMs must be/ },
    ])('rejects $name at construction', ({ options, error }) => {
      // Act & Assert
      expect(() =>
        makeDynamoTokenBucket({
          doc: ddb.doc,
          tableName: ddb.tables.syncState,
          name: 'ok',
          capacity: 1,
          refillPerSecond: 1,
          ...options,
        })
      ).toThrow(error);
    });

    it.each([{ n: -1 }, { n: 0 }, { n: 2.5 }, { n: 11 }])('rejects acquire($n)', async ({ n }) => {
      // Arrange
      const limiter = makeDynamoTokenBucket({
        doc: ddb.doc,
        tableName: ddb.tables.syncState,
        name: 'bad-n',
        capacity: 10,
        refillPerSecond: 1,
      });
      // Act & Assert
      await expect(limiter.acquire(n)).rejects.toBeInstanceOf(ValidationError);
      expect(await bucketRow('bad-n')).toBeUndefined();
    });
  });
});
