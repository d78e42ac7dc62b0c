import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors/common-errors';
import { describeValue } from '../state/dynamo-support';
import { makeDynamoTokenBucket } from './dynamo-token-bucket';
import { assertBucketSpec, type BucketSpec, type RateLimiter } from './token-bucket';

/**
 * A bucket that can never exceed `limit` calls in ANY window of `windowSeconds`: a token bucket lets through
 * at most `capacity + refillPerSecond * window` calls per window, so capacity = burst and
 * refill = (limit - burst) / window. (A bucket of capacity = limit refilled at limit/window would allow up to
 * twice the limit in one rolling window: a full burst, then a full refill.)
 * @example rollingWindowQuota({ limit: 100, windowSeconds: 10, burst: 50 }) // { capacity: 50, refillPerSecond: 5 }
 */
export const rollingWindowQuota = (window: {
  limit: number;
  windowSeconds: number;
  burst: number;
}): BucketSpec => {
  const { limit, windowSeconds, burst } = window;
  if (!Number.isSafeInteger(limit) || limit < 2)
    throw new ValidationError(`rolling-window quota: limit must be an integer >= 2, got ${limit}`);
  if (!(windowSeconds > 0) || !Number.isFinite(windowSeconds))
    throw new ValidationError(
      `rolling-window quota: windowSeconds must be a positive number, got ${windowSeconds}`
    );
  if (!Number.isSafeInteger(burst) || burst < 1 || burst >= limit)
    throw new ValidationError(
      `rolling-window quota: burst must be an integer in 1..${limit - 1}, got ${burst}`
    );
  return { capacity: burst, refillPerSecond: (limit - burst) / windowSeconds };
};

/**
 * HubSpot's per-10-second limit (100 for most apps; higher tiers allow more — pass yours).
 * Half of it may be used as a burst.
 */
export const hubspotQuota = (perTenSeconds = 100): BucketSpec =>
  rollingWindowQuota({
    limit: perTenSeconds,
    windowSeconds: 10,
    burst: Math.max(1, Math.floor(perTenSeconds / 2)),
  });

/**
 * The project's external quotas (DESIGN §6), as token buckets.
 * - `govwin`: 4,000 calls per rolling hour per organisation (external-apis §3.8). We keep a 100-call margin
 *   for calls outside the bucket (OAuth) and allow a burst of 300, refilled at 1/s: at most
 *   300 + 3,600 = 3,900 calls in any hour, so the 403 lock-out cannot be reached by us.
 * - `aceWrite` 1/s and `aceRead` 10/s: AWS throttles with its own token buckets, so burst = rate.
 * - `hubspot`: 100 per rolling 10 s by default (`hubspotQuota(n)` for other tiers): burst 50 + 5/s.
 */
export const QUOTAS = {
  govwin: rollingWindowQuota({ limit: 3_900, windowSeconds: 3_600, burst: 300 }),
  aceWrite: { capacity: 1, refillPerSecond: 1 },
  aceRead: { capacity: 10, refillPerSecond: 10 },
  hubspot: hubspotQuota(100),
} as const satisfies Record<string, BucketSpec>;

/** Names of the project quotas. */
export type QuotaName = keyof typeof QUOTAS;

/** The `RL#` bucket name of each quota. */
export const QUOTA_BUCKETS: Readonly<Record<QuotaName, string>> = {
  govwin: 'govwin',
  aceWrite: 'ace-write',
  aceRead: 'ace-read',
  hubspot: 'hubspot',
};

/**
 * The shared DynamoDB bucket of one project quota (row `RL#<bucket>` in sync-state). `spec` overrides the
 * default shape, e.g. `hubspotQuota(190)`.
 * @example const govwinLimiter = makeQuotaLimiter('govwin', { doc, tableName: syncStateTable });
 */
export const makeQuotaLimiter = (
  quota: QuotaName,
  deps: {
    doc: DynamoDBDocumentClient;
    tableName: string;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    maxWaitMs?: number;
    spec?: BucketSpec;
  }
): RateLimiter => {
  if (!Object.hasOwn(QUOTAS, quota))
    throw new ValidationError(
      `quota is invalid: expected one of ${Object.keys(QUOTAS).join(', ')}, got ${describeValue(quota)}`
    );
  const { spec, ...rest } = deps;
  const shape = assertBucketSpec(spec ?? QUOTAS[quota], `quota ${quota}`);
  return makeDynamoTokenBucket({
    ...rest,
    name: QUOTA_BUCKETS[quota],
    capacity: shape.capacity,
    refillPerSecond: shape.refillPerSecond,
  });
};
