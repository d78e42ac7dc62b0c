import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  assertId,
  makeCardReplayGuard,
  makeInMemoryReplayStore,
  type ReplayStore,
  SHA256_HEX,
} from '@govwin-ace/shared-core';

/**
 * The receiver's replay guard: the shared-core {@link ReplayStore} plus `release`, used when a delivery was
 * reserved but could not be handed off durably (SQS/SNS failed). The receiver then answers 5xx; releasing the
 * reservation means even a byte-identical resend of that delivery is processed instead of being acknowledged
 * as a replay. (A HubSpot redelivery is re-signed with a new timestamp and attemptNumber, so it has a new
 * fingerprint anyway; the release covers proxies or senders that resend the same bytes.)
 */
export interface ReplayGuard extends ReplayStore {
  /** Frees a fingerprint reserved by this process. Best effort: callers log a failure and go on. */
  release(fingerprintHex: string): Promise<void>;
}

/**
 * DynamoDB replay guard on `WHK#<fingerprint>` rows: shared-core's guard (the one the card routes use), whose
 * `release` overwrites the row with an already-expired `ttl` that the reservation condition
 * (`attribute_not_exists(pk) OR ttl <= now`) treats as free — so the receiver role needs only
 * `dynamodb:PutItem` under `WHK#`, no DeleteItem (DESIGN §5).
 */
export const makeDynamoReplayGuard = (deps: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  now?: () => number;
}): ReplayGuard => {
  const guard = makeCardReplayGuard(deps);
  return {
    reserve: guard.reserve,
    release: async (fingerprintHex) => {
      // Refuse a malformed key before any DynamoDB call (and as a ValidationError, not a store failure).
      assertId(fingerprintHex, SHA256_HEX, 'replay fingerprint');
      return guard.release(fingerprintHex);
    },
  };
};

/**
 * In-memory replay guard (local runtime, benchmarks, property tests): the shared-core in-memory store plus a
 * set of released fingerprints; the next reserve of a released fingerprint succeeds exactly once.
 */
export const makeInMemoryReplayGuard = (
  options: { now?: () => number; ttlSeconds?: number; maxEntries?: number } = {}
): ReplayGuard => {
  const store = makeInMemoryReplayStore(options);
  const maxReleased = options.maxEntries ?? 100_000;
  const released = new Set<string>();
  return {
    reserve: async (fingerprintHex) => {
      if (released.delete(fingerprintHex)) return true;
      return store.reserve(fingerprintHex);
    },
    release: async (fingerprintHex) => {
      assertId(fingerprintHex, SHA256_HEX, 'replay fingerprint');
      // Bounded: drop the oldest release first (that delivery simply stays reserved until its TTL).
      if (released.size >= maxReleased) {
        const oldest = released.values().next().value;
        if (oldest !== undefined) released.delete(oldest);
      }
      released.add(fingerprintHex);
    },
  };
};
