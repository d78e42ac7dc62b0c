import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ThrottledError, ValidationError } from '../errors/common-errors';
import { assertId, SHA256_HEX } from '../keys/ids';
import { keys } from '../keys/keys';
import {
  epochSeconds,
  isConditionalCheckFailed,
  isoOf,
  resolveDeps,
  type StateRepoDeps,
  send,
} from './dynamo-support';
import { TTL_ATTRIBUTE } from './tables';

/** Replay guard for signed requests (webhooks, card calls): the first sighting of a fingerprint wins. */
export interface ReplayStore {
  /**
   * Reserves a fingerprint (hex SHA-256). Resolves true on its first sighting within the TTL, false on a
   * replay. Throws ValidationError on a malformed fingerprint.
   */
  reserve(fingerprintHex: string): Promise<boolean>;
}

/** One replay window for every signed endpoint (prior art drifted between 300 s and 600 s, quirk 26). */
export const REPLAY_TTL_SECONDS = 300;

const assertTtl = (ttlSeconds: number): number => {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400)
    throw new ValidationError(
      `replay TTL must be an integer number of seconds in 1..86400, got ${ttlSeconds}`
    );
  return ttlSeconds;
};

/**
 * DynamoDB replay store over `WHK#<fingerprint>` rows in entity-mappings: a conditional PutItem that only
 * succeeds when no live row exists. A row whose `ttl` is already past counts as free, because DynamoDB deletes
 * expired rows lazily (often hours later).
 * @example const replay = makeDynamoReplayStore({ doc, tableName }); if (!(await replay.reserve(fp))) reject();
 */
export const makeDynamoReplayStore = (
  deps: StateRepoDeps & { ttlSeconds?: number }
): ReplayStore => {
  const d = resolveDeps(deps, 'replay store');
  const ttlSeconds = assertTtl(deps.ttlSeconds ?? REPLAY_TTL_SECONDS);
  return {
    reserve: async (fingerprintHex) => {
      const key = keys.webhook(fingerprintHex);
      const nowMs = d.now();
      const nowSec = epochSeconds(nowMs);
      try {
        await send('PutItem', d.tableName, () =>
          d.doc.send(
            new PutCommand({
              TableName: d.tableName,
              Item: { ...key, seenAt: isoOf(nowMs), [TTL_ATTRIBUTE]: nowSec + ttlSeconds },
              ConditionExpression: 'attribute_not_exists(#pk) OR #ttl <= :now',
              ExpressionAttributeNames: { '#pk': 'pk', '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':now': nowSec },
            })
          )
        );
        return true;
      } catch (err) {
        if (isConditionalCheckFailed(err)) return false;
        throw err;
      }
    },
  };
};

/**
 * In-memory replay store for the local runtime and benchmarks: expiring entries, bounded size. When full of
 * live entries it refuses new ones with a retryable ThrottledError instead of evicting a live fingerprint,
 * which would re-open a replay window.
 */
export const makeInMemoryReplayStore = (
  options: { now?: () => number; ttlSeconds?: number; maxEntries?: number } = {}
): ReplayStore => {
  const now = options.now ?? Date.now;
  const ttlMs = assertTtl(options.ttlSeconds ?? REPLAY_TTL_SECONDS) * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1)
    throw new ValidationError(
      `replay store maxEntries must be a positive integer, got ${maxEntries}`
    );
  // Insertion order == expiry order (one TTL for all), so expired entries sit at the front.
  const expiries = new Map<string, number>();
  const sweep = (nowMs: number) => {
    for (const [fp, expiresAt] of expiries) {
      if (expiresAt > nowMs) break;
      expiries.delete(fp);
    }
  };
  return {
    reserve: async (fingerprintHex) => {
      assertId(fingerprintHex, SHA256_HEX, 'replay fingerprint');
      const nowMs = now();
      sweep(nowMs);
      const expiresAt = expiries.get(fingerprintHex);
      if (expiresAt !== undefined && expiresAt > nowMs) return false;
      if (expiries.size >= maxEntries)
        throw new ThrottledError(`in-memory replay store is full (${maxEntries} live entries)`, {
          code: 'REPLAY_STORE_FULL',
        });
      expiries.set(fingerprintHex, nowMs + ttlMs);
      return true;
    },
  };
};
