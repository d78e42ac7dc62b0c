import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ThrottledError } from '../errors/common-errors';
import { keys } from '../keys/keys';
import { backoffDelay, isConditionalCheckFailed, resolveDeps, send } from '../state/dynamo-support';
import {
  assertBucketSpec,
  assertMaxWait,
  assertTokenCount,
  type BucketSpec,
  type BucketState,
  type RateLimiter,
  realSleep,
  refillBucket,
  takeTokens,
} from './token-bucket';

/** Options of the shared, DynamoDB-backed token bucket. */
export interface DynamoTokenBucketOptions extends BucketSpec {
  doc: DynamoDBDocumentClient;
  /** The sync-state table. */
  tableName: string;
  /** Bucket name, a lowercase slug (`keys.rateLimit`), e.g. `govwin`. */
  name: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait `acquire` accepts before failing with ThrottledError. Default 30 000 ms. */
  maxWaitMs?: number;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Lost optimistic-concurrency races tolerated per acquire before a ThrottledError. Default 25. */
  maxConflicts?: number;
}

/**
 * Token bucket shared by every concurrent invocation through one `RL#<name>` / `BUCKET` row (sync-state):
 * read the row, refill and debit in memory, write back with a condition on the `tokens` and `updatedAt`
 * that were read (optimistic concurrency; both change on every write, so a stale writer always loses), and
 * on a lost race retry after a jittered back-off. A caller that must wait debits first and then sleeps, so
 * waiting callers line up instead of polling. If the wait would exceed `maxWaitMs` nothing is debited and a
 * retryable ThrottledError (with `retryAfterMs`) is thrown: work is deferred, never dropped.
 * @example const govwin = makeDynamoTokenBucket({ doc, tableName, name: 'govwin', ...QUOTAS.govwin });
 *          await govwin.acquire();
 */
export const makeDynamoTokenBucket = (options: DynamoTokenBucketOptions): RateLimiter => {
  const key = keys.rateLimit(options.name);
  const what = `rate limit ${options.name}`;
  const d = resolveDeps(
    {
      doc: options.doc,
      tableName: options.tableName,
      ...(options.now ? { now: options.now } : {}),
      sleep: options.sleep ?? realSleep,
      ...(options.random ? { random: options.random } : {}),
    },
    what
  );
  const spec = assertBucketSpec(
    { capacity: options.capacity, refillPerSecond: options.refillPerSecond },
    what
  );
  const maxWaitMs = assertMaxWait(options.maxWaitMs ?? 30_000, what);
  const maxConflicts = options.maxConflicts ?? 25;

  const read = async (): Promise<BucketState | undefined> => {
    const res = await send('GetItem', d.tableName, () =>
      d.doc.send(new GetCommand({ TableName: d.tableName, Key: key, ConsistentRead: true }))
    );
    const tokens = res.Item?.tokens;
    const updatedAt = res.Item?.updatedAt;
    return typeof tokens === 'number' && typeof updatedAt === 'number'
      ? { tokens, updatedAt }
      : undefined;
  };

  const write = async (next: BucketState, previous: BucketState | undefined): Promise<boolean> => {
    const names: Record<string, string> = {
      '#tokens': 'tokens',
      '#updatedAt': 'updatedAt',
      '#capacity': 'capacity',
      '#refill': 'refillPerSecond',
    };
    const values: Record<string, unknown> = {
      ':tokens': next.tokens,
      ':updatedAt': next.updatedAt,
      ':capacity': spec.capacity,
      ':refill': spec.refillPerSecond,
    };
    let condition: string;
    if (previous) {
      condition = '#tokens = :oldTokens AND #updatedAt = :oldUpdatedAt';
      values[':oldTokens'] = previous.tokens;
      values[':oldUpdatedAt'] = previous.updatedAt;
    } else {
      // Absent, or present without a readable state (hand-edited): either way only one creator wins.
      names['#pk'] = 'pk';
      condition = 'attribute_not_exists(#pk) OR attribute_not_exists(#tokens)';
    }
    try {
      await send('UpdateItem', d.tableName, () =>
        d.doc.send(
          new UpdateCommand({
            TableName: d.tableName,
            Key: key,
            UpdateExpression:
              'SET #tokens = :tokens, #updatedAt = :updatedAt, #capacity = :capacity, #refill = :refill',
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          })
        )
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  };

  return {
    acquire: async (n = 1) => {
      const count = assertTokenCount(n, spec.capacity, what);
      for (let conflicts = 0; ; conflicts++) {
        const stored = await read();
        const nowMs = d.now();
        const current = refillBucket(
          stored ?? { tokens: spec.capacity, updatedAt: nowMs },
          nowMs,
          spec
        );
        const { next, waitMs } = takeTokens(current, count, spec);
        if (waitMs > maxWaitMs)
          throw new ThrottledError(
            `${what}: a wait of ${waitMs} ms exceeds maxWaitMs ${maxWaitMs}`,
            {
              code: 'RATE_LIMITED',
              retryAfterMs: waitMs,
            }
          );
        if (await write(next, stored)) {
          if (waitMs > 0) await d.sleep(waitMs);
          return;
        }
        if (conflicts + 1 >= maxConflicts)
          throw new ThrottledError(`${what}: lost ${maxConflicts} concurrent updates in a row`, {
            code: 'RATE_LIMIT_CONTENDED',
            retryAfterMs: 1_000,
          });
        await d.sleep(backoffDelay(conflicts, d.random, 10, 250));
      }
    },
  };
};
