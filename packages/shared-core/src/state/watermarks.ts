import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors/common-errors';
import { assertId, GOVWIN_OPP_ID, normaliseHubSpotId } from '../keys/ids';
import { keys } from '../keys/keys';
import { normaliseGovWinDate, parseGovWinDate } from './dates';
import {
  batchGetAll,
  describeValue,
  type Item,
  isConditionalCheckFailed,
  isoOf,
  resolveDeps,
  type StateRepoDeps,
  send,
} from './dynamo-support';
import { TTL_ATTRIBUTE } from './tables';

/** The last GovWin `updateDate` synced for one opportunity. */
export interface Watermark {
  govwinId: string;
  /** Normalised ISO 8601 UTC (`2014-08-04T17:51:44.000Z`). */
  updateDate: string;
  hubspotDealId?: string;
  /** When the watermark last moved (ISO). */
  syncedAt: string;
}

/** Per-opportunity watermarks and the discovery cursor (sync-state table). */
export interface WatermarkRepo {
  get(govwinId: string): Promise<Watermark | undefined>;
  /** Watermarks of many opportunities (BatchGet, 100 per call); missing ones are absent from the map. */
  getMany(govwinIds: readonly string[]): Promise<Map<string, Watermark>>;
  /**
   * Moves the watermark forward. Resolves false (and writes nothing) when the stored date is equal or newer,
   * so a late or redelivered batch can never move it back.
   */
  advance(govwinId: string, next: { updateDate: string; hubspotDealId?: string }): Promise<boolean>;
  /** True when there is no watermark or `updateDate` is strictly newer than it. */
  isChanged(govwinId: string, updateDate: string): Promise<boolean>;
  /** The subset of `items` whose updateDate is newer than their watermark (one BatchGet per 100). */
  filterChanged<T extends { id: string; updateDate: string }>(items: readonly T[]): Promise<T[]>;
  /** The discovery cursor (normalised ISO), if one was ever set. */
  getCursor(): Promise<string | undefined>;
  /** Sets the discovery cursor (any GovWin date form; stored normalised). */
  setCursor(value: string): Promise<void>;
}

const assertGovWinId = (id: unknown): string =>
  assertId(id, GOVWIN_OPP_ID, 'GovWin opportunity id');

const toWatermark = (item: Item): Watermark | undefined => {
  const govwinId = item.govwinId;
  const updateDate = item.updateDate;
  if (typeof govwinId !== 'string' || typeof updateDate !== 'string') return undefined;
  return {
    govwinId,
    updateDate,
    ...(typeof item.hubspotDealId === 'string' ? { hubspotDealId: item.hubspotDealId } : {}),
    syncedAt: typeof item.syncedAt === 'string' ? item.syncedAt : '',
  };
};

/**
 * Watermarks over `OPP#<govwinId>` / `METADATA` rows. They never expire: the prior art's 180-day TTL made
 * every unchanged opportunity sync again (quirk 8), so `advance` also removes any `ttl` a legacy row carries.
 * Dates are stored normalised (`updateDate`) plus as epoch milliseconds (`updateDateMs`) for the
 * conditional comparison.
 * @example const wm = makeWatermarkRepo({ doc, tableName: syncStateTable });
 *          if (await wm.advance('OPP123', { updateDate: opp.updateDate })) logger.info('advanced');
 */
export const makeWatermarkRepo = (deps: StateRepoDeps): WatermarkRepo => {
  const d = resolveDeps(deps, 'watermark repository');

  const get = async (govwinId: string): Promise<Watermark | undefined> => {
    const key = keys.opp(govwinId);
    const res = await send('GetItem', d.tableName, () =>
      d.doc.send(new GetCommand({ TableName: d.tableName, Key: key, ConsistentRead: true }))
    );
    return res.Item ? toWatermark(res.Item) : undefined;
  };

  const getMany = async (govwinIds: readonly string[]): Promise<Map<string, Watermark>> => {
    if (!Array.isArray(govwinIds))
      throw new ValidationError(
        `GovWin opportunity ids must be an array, got ${describeValue(govwinIds)}`
      );
    const unique = [...new Set(govwinIds.map(assertGovWinId))];
    const items = await batchGetAll(
      d,
      unique.map((id) => keys.opp(id))
    );
    const out = new Map<string, Watermark>();
    for (const item of items) {
      const wm = toWatermark(item);
      if (wm) out.set(wm.govwinId, wm);
    }
    return out;
  };

  // A stored date that does not parse (hand-edited row) counts as changed: re-syncing is the safe side.
  const isNewer = (candidateMs: number, stored: Watermark | undefined): boolean => {
    if (stored === undefined) return true;
    const storedMs = Date.parse(stored.updateDate);
    return Number.isNaN(storedMs) || candidateMs > storedMs;
  };

  return {
    get,
    getMany,
    advance: async (govwinId, next) => {
      const key = keys.opp(govwinId);
      if (typeof next !== 'object' || next === null)
        throw new ValidationError('watermark update must be an object with an updateDate');
      const updateDate = normaliseGovWinDate(next.updateDate, 'GovWin updateDate');
      const updateDateMs = Date.parse(updateDate);
      const names: Record<string, string> = {
        '#pk': 'pk',
        '#govwinId': 'govwinId',
        '#updateDate': 'updateDate',
        '#updateDateMs': 'updateDateMs',
        '#syncedAt': 'syncedAt',
        '#ttl': TTL_ATTRIBUTE,
      };
      const values: Record<string, unknown> = {
        ':govwinId': govwinId,
        ':updateDate': updateDate,
        ':updateDateMs': updateDateMs,
        ':syncedAt': isoOf(d.now()),
      };
      const sets = [
        '#govwinId = :govwinId',
        '#updateDate = :updateDate',
        '#updateDateMs = :updateDateMs',
        '#syncedAt = :syncedAt',
      ];
      if (next.hubspotDealId !== undefined) {
        names['#hubspotDealId'] = 'hubspotDealId';
        values[':hubspotDealId'] = normaliseHubSpotId(next.hubspotDealId, 'HubSpot deal id');
        sets.push('#hubspotDealId = :hubspotDealId');
      }
      try {
        await send('UpdateItem', d.tableName, () =>
          d.doc.send(
            new UpdateCommand({
              TableName: d.tableName,
              Key: key,
              UpdateExpression: `SET ${sets.join(', ')} REMOVE #ttl`,
              ConditionExpression:
                'attribute_not_exists(#pk) OR attribute_not_exists(#updateDateMs) OR #updateDateMs < :updateDateMs',
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
    },
    isChanged: async (govwinId, updateDate) => {
      assertGovWinId(govwinId);
      const candidateMs = parseGovWinDate(updateDate, 'GovWin updateDate');
      return isNewer(candidateMs, await get(govwinId));
    },
    filterChanged: async (items) => {
      if (!Array.isArray(items))
        throw new ValidationError(`opportunities must be an array, got ${describeValue(items)}`);
      const parsed = items.map((item) => ({
        item,
        id: assertGovWinId(item?.id),
        ms: parseGovWinDate(item?.updateDate, 'GovWin updateDate'),
      }));
      const stored = await getMany(parsed.map((p) => p.id));
      return parsed.filter((p) => isNewer(p.ms, stored.get(p.id))).map((p) => p.item);
    },
    getCursor: async () => {
      const res = await send('GetItem', d.tableName, () =>
        d.doc.send(
          new GetCommand({ TableName: d.tableName, Key: keys.syncCursor(), ConsistentRead: true })
        )
      );
      const cursor = res.Item?.cursor;
      return typeof cursor === 'string' ? cursor : undefined;
    },
    setCursor: async (value) => {
      const cursor = normaliseGovWinDate(value, 'sync cursor');
      await send('UpdateItem', d.tableName, () =>
        d.doc.send(
          new UpdateCommand({
            TableName: d.tableName,
            Key: keys.syncCursor(),
            UpdateExpression: 'SET #cursor = :cursor, #updatedAt = :updatedAt',
            ExpressionAttributeNames: { '#cursor': 'cursor', '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ':cursor': cursor, ':updatedAt': isoOf(d.now()) },
          })
        )
      );
    },
  };
};
