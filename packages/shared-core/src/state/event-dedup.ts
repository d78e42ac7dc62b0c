import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors/common-errors';
import { keys } from '../keys/keys';
import {
  epochSeconds,
  isConditionalCheckFailed,
  isoOf,
  rawStringAttribute,
  resolveDeps,
  type StateRepoDeps,
  send,
} from './dynamo-support';
import { TTL_ATTRIBUTE } from './tables';

/** Outcome of `begin`: process it, someone else is processing it, or it was already processed. */
export type DedupState = 'acquired' | 'in-progress' | 'done';

/**
 * EventBridge de-duplication that is marked done only after success (DESIGN §2.4): `begin` takes a lease,
 * `complete` records success, `release` gives the lease back on failure so the retry processes the event.
 */
export interface EventDedup {
  begin(eventId: string): Promise<DedupState>;
  complete(eventId: string): Promise<void>;
  release(eventId: string): Promise<void>;
}

const IN_PROGRESS = 'in-progress';
const DONE = 'done';

const positiveSeconds = (value: number, name: string): number => {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ValidationError(`${name} must be a positive integer number of seconds, got ${value}`);
  return value;
};

/**
 * Event de-duplication over `EVT#<eventId>` / `SEEN` rows (entity-mappings). `begin` acquires when no row
 * exists, when an in-progress lease has expired (the holder crashed or timed out), or when the row's TTL has
 * passed; a `done` row answers `done` until its TTL. Unlike the prior art (quirk 14), nothing is marked done
 * before the work succeeds, so a crash mid-processing leads to reprocessing once the lease runs out.
 * @example const dedup = makeEventDedup({ doc, tableName });
 *          if ((await dedup.begin(event.id)) !== 'acquired') return;
 *          try { await handle(event); await dedup.complete(event.id); } catch (e) { await dedup.release(event.id); throw e; }
 */
export const makeEventDedup = (
  deps: StateRepoDeps & { leaseSeconds?: number; doneTtlSeconds?: number }
): EventDedup => {
  const d = resolveDeps(deps, 'event dedup');
  const leaseMs = positiveSeconds(deps.leaseSeconds ?? 300, 'leaseSeconds') * 1000;
  const doneTtlSeconds = positiveSeconds(deps.doneTtlSeconds ?? 7 * 86_400, 'doneTtlSeconds');
  // Lease tokens this instance holds, so `release` never deletes a lease another invocation took over.
  const held = new Map<string, string>();

  const readStatus = async (eventId: string): Promise<string | undefined> => {
    const res = await send('GetItem', d.tableName, () =>
      d.doc.send(
        new GetCommand({ TableName: d.tableName, Key: keys.event(eventId), ConsistentRead: true })
      )
    );
    const status = res.Item?.status;
    return typeof status === 'string' ? status : undefined;
  };

  return {
    begin: async (eventId) => {
      const key = keys.event(eventId);
      const nowMs = d.now();
      const leaseUntil = nowMs + leaseMs;
      const owner = randomUUID();
      try {
        await send('UpdateItem', d.tableName, () =>
          d.doc.send(
            new UpdateCommand({
              TableName: d.tableName,
              Key: key,
              UpdateExpression:
                'SET #status = :inProgress, #leaseUntil = :leaseUntil, #owner = :owner, #startedAt = :startedAt, #ttl = :ttl ADD #attempts :one',
              ConditionExpression:
                'attribute_not_exists(#pk) OR #ttl <= :nowSec OR (#status = :inProgress AND #leaseUntil <= :nowMs)',
              ExpressionAttributeNames: {
                '#pk': 'pk',
                '#status': 'status',
                '#leaseUntil': 'leaseUntil',
                '#owner': 'leaseOwner',
                '#startedAt': 'startedAt',
                '#ttl': TTL_ATTRIBUTE,
                '#attempts': 'attempts',
              },
              ExpressionAttributeValues: {
                ':inProgress': IN_PROGRESS,
                ':leaseUntil': leaseUntil,
                ':owner': owner,
                ':startedAt': isoOf(nowMs),
                // An abandoned lease row still disappears eventually.
                ':ttl': epochSeconds(leaseUntil) + doneTtlSeconds,
                ':one': 1,
                ':nowSec': epochSeconds(nowMs),
                ':nowMs': nowMs,
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            })
          )
        );
        held.set(eventId, owner);
        return 'acquired';
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
        const status =
          rawStringAttribute((err as { Item?: unknown }).Item, 'status') ??
          (await readStatus(eventId));
        return status === DONE ? 'done' : 'in-progress';
      }
    },
    complete: async (eventId) => {
      const key = keys.event(eventId);
      const nowMs = d.now();
      await send('UpdateItem', d.tableName, () =>
        d.doc.send(
          new UpdateCommand({
            TableName: d.tableName,
            Key: key,
            UpdateExpression:
              'SET #status = :done, #doneAt = :doneAt, #ttl = :ttl REMOVE #leaseUntil, #owner',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#doneAt': 'doneAt',
              '#ttl': TTL_ATTRIBUTE,
              '#leaseUntil': 'leaseUntil',
              '#owner': 'leaseOwner',
            },
            ExpressionAttributeValues: {
              ':done': DONE,
              ':doneAt': isoOf(nowMs),
              ':ttl': epochSeconds(nowMs) + doneTtlSeconds,
            },
          })
        )
      );
      held.delete(eventId);
    },
    release: async (eventId) => {
      const key = keys.event(eventId);
      const owner = held.get(eventId);
      held.delete(eventId);
      const names: Record<string, string> = {
        '#pk': 'pk',
        '#status': 'status',
        '#leaseUntil': 'leaseUntil',
        '#owner': 'leaseOwner',
      };
      const values: Record<string, unknown> = { ':inProgress': IN_PROGRESS, ':expired': 0 };
      let condition = 'attribute_exists(#pk) AND #status = :inProgress';
      if (owner) {
        values[':owner'] = owner;
        condition += ' AND #owner = :owner';
      }
      try {
        // Expire the lease instead of deleting the row: the attempt count survives and the role needs
        // no DeleteItem.
        await send('UpdateItem', d.tableName, () =>
          d.doc.send(
            new UpdateCommand({
              TableName: d.tableName,
              Key: key,
              UpdateExpression: 'SET #leaseUntil = :expired REMOVE #owner',
              ConditionExpression: condition,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            })
          )
        );
      } catch (err) {
        // Already done, already released, or taken over by another invocation: nothing to give back.
        if (!isConditionalCheckFailed(err)) throw err;
      }
    },
  };
};
