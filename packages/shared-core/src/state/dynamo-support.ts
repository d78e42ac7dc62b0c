import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConfigError, ThrottledError, UpstreamError } from '../errors/common-errors';
import type { Key } from '../keys/keys';

/** What every repository in `state/` is built from. */
export interface StateRepoDeps {
  doc: DynamoDBDocumentClient;
  /** Physical table name (`${prefix}-sync-state`, `${prefix}-entity-mappings`, `${prefix}-audit`). */
  tableName: string;
  /** Milliseconds since the epoch; injected in tests. Defaults to `Date.now`. */
  now?: () => number;
  /** Back-off sleep between retries of unprocessed batch items or lost races. Defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). Defaults to Math.random. */
  random?: () => number;
}

/** A DynamoDB item as the document client returns it. */
export type Item = Record<string, unknown>;

/** Resolved dependencies with defaults applied. */
export interface ResolvedDeps {
  doc: DynamoDBDocumentClient;
  tableName: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Validates the deps shared by every repository and fills in the defaults. */
export const resolveDeps = (deps: StateRepoDeps, what: string): ResolvedDeps => {
  if (!deps || typeof deps.doc?.send !== 'function')
    throw new ConfigError(`${what}: a DynamoDB document client is required`);
  if (typeof deps.tableName !== 'string' || !TABLE_NAME.test(deps.tableName))
    throw new ConfigError(
      `${what}: table name is invalid: expected ${TABLE_NAME.source}, got ${describeValue(deps.tableName)}`
    );
  return {
    doc: deps.doc,
    tableName: deps.tableName,
    now: deps.now ?? Date.now,
    sleep: deps.sleep ?? defaultSleep,
    random: deps.random ?? Math.random,
  };
};

/** Describes a value by type and length only: inputs are never echoed into messages. */
export const describeValue = (value: unknown): string => {
  if (typeof value === 'string') return `a ${value.length}-character string`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  return `a ${typeof value}`;
};

/** True for the error DynamoDB raises when a ConditionExpression does not hold. */
export const isConditionalCheckFailed = (err: unknown): boolean =>
  err instanceof Error && err.name === 'ConditionalCheckFailedException';

const NON_RETRYABLE = new Set(['ValidationException', 'ResourceNotFoundException']);

/**
 * Wraps an unexpected DynamoDB failure. The message names the operation, table and AWS error name only;
 * AWS error text stays in `cause` so it never reaches a log line or a response by accident.
 */
export const dynamoFailure = (
  operation: string,
  tableName: string,
  err: unknown
): UpstreamError => {
  const name = err instanceof Error ? err.name : 'UnknownError';
  return new UpstreamError(`DynamoDB ${operation} on ${tableName} failed (${name})`, {
    code: 'STATE_STORE_FAILED',
    retryable: !NON_RETRYABLE.has(name),
    cause: err,
  });
};

/** Runs one DynamoDB call, turning anything but a conditional failure into a `dynamoFailure`. */
export const send = async <T>(
  operation: string,
  tableName: string,
  call: () => Promise<T>
): Promise<T> => {
  try {
    return await call();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw err;
    throw dynamoFailure(operation, tableName, err);
  }
};

/** Full-jitter exponential back-off: a random delay in [0, min(cap, base * 2^attempt)). */
export const backoffDelay = (
  attempt: number,
  random: () => number,
  baseMs = 25,
  capMs = 1_000
): number => Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));

/** Reads a string attribute from a raw (marshalled) item, e.g. the ALL_OLD item on a conditional failure. */
export const rawStringAttribute = (raw: unknown, name: string): string | undefined => {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const attr = (raw as Record<string, unknown>)[name];
  if (typeof attr !== 'object' || attr === null) return undefined;
  const s = (attr as { S?: unknown }).S;
  return typeof s === 'string' ? s : undefined;
};

/** Splits `items` into chunks of at most `size`. */
export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const MAX_BATCH_ATTEMPTS = 8;

/**
 * BatchGetItem over any number of keys: chunks of 100, strongly consistent, and `UnprocessedKeys` requested
 * again with jittered back-off. Gives up with a retryable ThrottledError rather than returning a partial result.
 */
export const batchGetAll = async (deps: ResolvedDeps, keyList: readonly Key[]): Promise<Item[]> => {
  const found: Item[] = [];
  for (const part of chunk(keyList, 100)) {
    let pending: Record<string, unknown>[] = part.map((k) => ({ pk: k.pk, sk: k.sk }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS)
        throw new ThrottledError(
          `DynamoDB BatchGetItem on ${deps.tableName} left ${pending.length} keys unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
          { code: 'STATE_STORE_THROTTLED' }
        );
      if (attempt > 0) await deps.sleep(backoffDelay(attempt, deps.random, 50, 2_000));
      const requestKeys = pending;
      const res = await send('BatchGetItem', deps.tableName, () =>
        deps.doc.send(
          new BatchGetCommand({
            RequestItems: { [deps.tableName]: { Keys: requestKeys, ConsistentRead: true } },
          })
        )
      );
      found.push(...((res.Responses?.[deps.tableName] ?? []) as Item[]));
      pending = (res.UnprocessedKeys?.[deps.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
};

/**
 * BatchWriteItem (puts) over any number of items: chunks of 25, `UnprocessedItems` sent again with jittered
 * back-off; gives up with a retryable ThrottledError, never silently dropping a write.
 */
export const batchPutAll = async (deps: ResolvedDeps, items: readonly Item[]): Promise<void> => {
  for (const part of chunk(items, 25)) {
    let pending: { PutRequest: { Item: Item } }[] = part.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS)
        throw new ThrottledError(
          `DynamoDB BatchWriteItem on ${deps.tableName} left ${pending.length} items unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
          { code: 'STATE_STORE_THROTTLED' }
        );
      if (attempt > 0) await deps.sleep(backoffDelay(attempt, deps.random, 50, 2_000));
      const requests = pending;
      const res = await send('BatchWriteItem', deps.tableName, () =>
        deps.doc.send(new BatchWriteCommand({ RequestItems: { [deps.tableName]: requests } }))
      );
      pending = (res.UnprocessedItems?.[deps.tableName] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item as Item } }] : []
      );
    }
  }
};

/** ISO-8601 UTC text of an epoch-millisecond instant. */
export const isoOf = (ms: number): string => new Date(ms).toISOString();

/** Epoch seconds of an epoch-millisecond instant, as DynamoDB TTL wants them. */
export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);
