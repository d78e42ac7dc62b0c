// CRM object calls: single-record read / create / update, search, and the batch endpoints.
import { ValidationError } from '../errors/common-errors';
import { HUBSPOT_ID } from '../keys/ids';
import { isRawRecord } from '../mapping/govwin/field-reader';
import {
  bodyErrors,
  bodyResults,
  itemError,
  missingResult,
  type RawBatchBody,
  runBatches,
} from './batch';
import type { HubSpotErrorSummary } from './error-summary';
import { HubSpotError } from './errors';
import type { HubSpotTransport } from './transport';
import type {
  AssociationPair,
  BatchItemError,
  BatchOutcome,
  CreateInput,
  CrmObject,
  CrmObjectType,
  NewAssociation,
  PropertyValues,
  PropertyVersion,
  SearchPage,
  SearchRequest,
  UpdateInput,
  UpsertInput,
  UpsertResult,
} from './types';
import { CRM_OBJECT_TYPES } from './types';

const assertType = (type: CrmObjectType): CrmObjectType => {
  if (!CRM_OBJECT_TYPES.includes(type))
    throw new ValidationError('unsupported HubSpot object type');
  return type;
};

const assertHubSpotId = (id: string, kind = 'HubSpot record id'): string => {
  if (!HUBSPOT_ID.test(id)) throw new ValidationError(`${kind} is invalid`, { code: 'INVALID_ID' });
  return id;
};

/** `propertiesWithHistory` of a raw record: versions without a string timestamp are left out. */
const readHistory = (raw: unknown): Record<string, PropertyVersion[]> | undefined => {
  if (!isRawRecord(raw)) return undefined;
  const out: Record<string, PropertyVersion[]> = {};
  for (const [name, versions] of Object.entries(raw)) {
    if (!Array.isArray(versions)) continue;
    out[name] = versions.flatMap((v): PropertyVersion[] => {
      if (!isRawRecord(v) || typeof v.timestamp !== 'string') return [];
      const text = (x: unknown) => (x === null || x === undefined ? '' : String(x));
      return [
        {
          value: text(v.value),
          timestamp: v.timestamp,
          sourceType: text(v.sourceType),
          sourceId: text(v.sourceId),
        },
      ];
    });
  }
  return out;
};

/** Records per batch read when property history is asked for (HubSpot's limit). */
const HISTORY_BATCH = 50;

/** Turns a raw record into a CrmObject, or undefined when it has no usable id. */
export const toCrmObject = (raw: unknown): CrmObject | undefined => {
  if (!isRawRecord(raw)) return undefined;
  const id = typeof raw.id === 'number' ? String(raw.id) : raw.id;
  if (typeof id !== 'string' || !HUBSPOT_ID.test(id)) return undefined;
  const properties: Record<string, string | null> = {};
  if (isRawRecord(raw.properties)) {
    for (const [k, v] of Object.entries(raw.properties)) {
      properties[k] = v === null || v === undefined ? null : String(v);
    }
  }
  const history = readHistory(raw.propertiesWithHistory);
  return {
    id,
    properties,
    ...(history ? { history } : {}),
    ...(typeof raw.createdAt === 'string' ? { createdAt: raw.createdAt } : {}),
    ...(typeof raw.updatedAt === 'string' ? { updatedAt: raw.updatedAt } : {}),
    ...(typeof raw.archived === 'boolean' ? { archived: raw.archived } : {}),
  };
};

/** HubSpot compares e-mail ids case-insensitively; every other key is compared as given. */
const normaliseKey = (idProperty: string | undefined, key: string): string =>
  idProperty === 'email' ? key.trim().toLowerCase() : key.trim();

const associationBody = (associations: readonly NewAssociation[] | undefined) =>
  (associations ?? []).map((a) => ({
    to: { id: assertHubSpotId(a.toId, 'associated record id') },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: a.associationTypeId }],
  }));

/**
 * Pairs a batch response with the chunk it answers, by objectWriteTraceId, then by the pairing
 * property's value, then by `context.ids` in errors — never by position.
 */
const pairBatch = <R>(
  chunkKeys: readonly string[],
  body: RawBatchBody | undefined,
  status: number,
  toResult: (raw: Record<string, unknown>, key: string) => R | undefined,
  keyOfResult: (raw: Record<string, unknown>) => string | undefined
): { results: R[]; errors: BatchItemError[] } => {
  const byTrace = new Map(chunkKeys.map((k, i) => [`t${i}`, k]));
  const inChunk = new Set(chunkKeys);
  const answered = new Set<string>();
  const results: R[] = [];
  for (const raw of bodyResults(body)) {
    const trace =
      typeof raw.objectWriteTraceId === 'string' ? byTrace.get(raw.objectWriteTraceId) : undefined;
    const key = trace ?? keyOfResult(raw);
    if (key === undefined || !inChunk.has(key) || answered.has(key)) continue;
    const result = toResult(raw, key);
    if (result === undefined) continue;
    answered.add(key);
    results.push(result);
  }
  const errors: BatchItemError[] = [];
  const unkeyed: HubSpotErrorSummary[] = [];
  for (const summary of bodyErrors(body)) {
    const traced = summary.objectWriteTraceId ? byTrace.get(summary.objectWriteTraceId) : undefined;
    const keys = traced ? [traced] : summary.contextIds.filter((id) => inChunk.has(id));
    if (keys.length === 0) unkeyed.push(summary);
    for (const key of keys) {
      if (answered.has(key)) continue;
      answered.add(key);
      errors.push(itemError(summary, String(status), key));
    }
  }
  for (const key of chunkKeys) {
    if (answered.has(key)) continue;
    const reason = unkeyed[0];
    errors.push(reason ? itemError(reason, String(status), key) : missingResult(key));
  }
  return { results, errors };
};

/** The object half of the HubSpot client. */
export const makeObjectsApi = (t: HubSpotTransport) => {
  const getObject = async (
    type: CrmObjectType,
    id: string,
    options: { properties?: readonly string[]; idProperty?: string } = {}
  ): Promise<CrmObject | undefined> => {
    assertType(type);
    const path = options.idProperty
      ? `/crm/v3/objects/${type}/${encodeURIComponent(id)}`
      : `/crm/v3/objects/${type}/${assertHubSpotId(id)}`;
    try {
      const res = await t.send<unknown>({
        operation: `${type}.get`,
        method: 'GET',
        path,
        query: {
          ...(options.properties?.length ? { properties: options.properties.join(',') } : {}),
          ...(options.idProperty ? { idProperty: options.idProperty } : {}),
        },
      });
      return toCrmObject(res.data);
    } catch (err) {
      if (err instanceof HubSpotError && err.status === 404) return undefined;
      throw err;
    }
  };

  const expectObject = (data: unknown, operation: string): CrmObject => {
    const obj = toCrmObject(data);
    if (!obj)
      throw new HubSpotError(`HubSpot ${operation}: response had no record id`, {
        retryable: true,
      });
    return obj;
  };

  const batchUpsert = async (
    type: CrmObjectType,
    idProperty: string,
    inputs: readonly UpsertInput[]
  ): Promise<BatchOutcome<UpsertResult>> => {
    assertType(type);
    // Duplicate keys in one request are an error at HubSpot; merge them (later values win).
    const merged = new Map<string, UpsertInput>();
    for (const input of inputs) {
      const key = normaliseKey(idProperty, input.key);
      if (key === '') throw new ValidationError(`upsert input has an empty ${idProperty}`);
      const prev = merged.get(key);
      merged.set(key, { key, properties: { ...prev?.properties, ...input.properties } });
    }
    return runBatches(
      [...merged.values()],
      (i) => i.key,
      async (part) => {
        const keys = part.map((i) => i.key);
        const res = await t.send<RawBatchBody>({
          operation: `${type}.batchUpsert`,
          method: 'POST',
          path: `/crm/v3/objects/${type}/batch/upsert`,
          body: {
            inputs: part.map((i, n) => ({
              id: i.key,
              idProperty,
              properties: i.properties,
              objectWriteTraceId: `t${n}`,
            })),
          },
        });
        return pairBatch<UpsertResult>(
          keys,
          res.data,
          res.status,
          (raw, key) => {
            const obj = toCrmObject(raw);
            return obj ? { ...obj, key, created: raw.new === true } : undefined;
          },
          (raw) => {
            const props = isRawRecord(raw.properties) ? raw.properties : {};
            const value = props[idProperty];
            return typeof value === 'string' || typeof value === 'number'
              ? normaliseKey(idProperty, String(value))
              : undefined;
          }
        );
      }
    );
  };

  const batchCreate = async (
    type: CrmObjectType,
    inputs: readonly CreateInput[],
    options: { pairByProperty?: string } = {}
  ): Promise<BatchOutcome<CrmObject & { key: string }>> => {
    assertType(type);
    const keyed = inputs.map((input, i) => ({ ...input, key: input.key ?? `#${i}` }));
    if (new Set(keyed.map((k) => k.key)).size !== keyed.length) {
      throw new ValidationError('batch create inputs must have distinct keys');
    }
    return runBatches(
      keyed,
      (i) => i.key,
      async (part) => {
        const res = await t.send<RawBatchBody>({
          operation: `${type}.batchCreate`,
          method: 'POST',
          path: `/crm/v3/objects/${type}/batch/create`,
          body: {
            inputs: part.map((i, n) => ({
              properties: i.properties,
              objectWriteTraceId: `t${n}`,
              ...(i.associations?.length ? { associations: associationBody(i.associations) } : {}),
            })),
          },
        });
        const pairBy = options.pairByProperty;
        return pairBatch(
          part.map((i) => i.key),
          res.data,
          res.status,
          (raw, key) => {
            const obj = toCrmObject(raw);
            return obj ? { ...obj, key } : undefined;
          },
          (raw) => {
            if (!pairBy || !isRawRecord(raw.properties)) return undefined;
            const value = raw.properties[pairBy];
            return typeof value === 'string' ? value : undefined;
          }
        );
      }
    );
  };

  const batchUpdate = async (
    type: CrmObjectType,
    inputs: readonly UpdateInput[]
  ): Promise<BatchOutcome<CrmObject>> => {
    assertType(type);
    for (const i of inputs) assertHubSpotId(i.id);
    return runBatches(
      inputs,
      (i) => i.id,
      async (part) => {
        const res = await t.send<RawBatchBody>({
          operation: `${type}.batchUpdate`,
          method: 'POST',
          path: `/crm/v3/objects/${type}/batch/update`,
          body: { inputs: part.map((i) => ({ id: i.id, properties: i.properties })) },
        });
        return pairBatch(
          part.map((i) => i.id),
          res.data,
          res.status,
          (raw) => toCrmObject(raw),
          (raw) => toCrmObject(raw)?.id
        );
      }
    );
  };

  const batchRead = async (
    type: CrmObjectType,
    ids: readonly string[],
    properties: readonly string[],
    withHistory: readonly string[] = []
  ): Promise<BatchOutcome<CrmObject>> => {
    assertType(type);
    const unique = [...new Set(ids.map((id) => assertHubSpotId(id)))];
    // HubSpot reads at most 50 records per request when history is asked for (100 otherwise).
    if (withHistory.length > 0 && unique.length > HISTORY_BATCH) {
      const out: BatchOutcome<CrmObject> = { results: [], errors: [], requests: 0 };
      for (let i = 0; i < unique.length; i += HISTORY_BATCH) {
        const part = await batchRead(
          type,
          unique.slice(i, i + HISTORY_BATCH),
          properties,
          withHistory
        );
        out.results.push(...part.results);
        out.errors.push(...part.errors);
        out.requests += part.requests;
      }
      return out;
    }
    const outcome = await runBatches(
      unique,
      (id) => id,
      async (part) => {
        const res = await t.send<RawBatchBody>({
          operation: `${type}.batchRead`,
          method: 'POST',
          path: `/crm/v3/objects/${type}/batch/read`,
          query: { archived: 'false' },
          body: {
            inputs: part.map((id) => ({ id })),
            properties: [...properties],
            ...(withHistory.length > 0 ? { propertiesWithHistory: [...withHistory] } : {}),
          },
        });
        return pairBatch(
          part,
          res.data,
          res.status,
          (raw) => toCrmObject(raw),
          (raw) => toCrmObject(raw)?.id
        );
      }
    );
    return outcome;
  };

  const associate = async (
    fromType: CrmObjectType,
    toType: CrmObjectType,
    pairs: readonly AssociationPair[],
    associationTypeId: number
  ): Promise<BatchOutcome<AssociationPair>> => {
    assertType(fromType);
    assertType(toType);
    const unique = new Map<string, AssociationPair>();
    for (const p of pairs) {
      unique.set(`${assertHubSpotId(p.fromId)}>${assertHubSpotId(p.toId)}`, p);
    }
    return runBatches(
      [...unique.values()],
      (p) => `${p.fromId}>${p.toId}`,
      async (part) => {
        const res = await t.send<RawBatchBody>({
          operation: `${fromType}.${toType}.associate`,
          method: 'POST',
          path: `/crm/v4/associations/${fromType}/${toType}/batch/create`,
          body: {
            inputs: part.map((p) => ({
              from: { id: p.fromId },
              to: { id: p.toId },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }],
            })),
          },
        });
        const keyOf = (raw: Record<string, unknown>) => {
          const from = raw.fromObjectId ?? (isRawRecord(raw.from) ? raw.from.id : undefined);
          const to = raw.toObjectId ?? (isRawRecord(raw.to) ? raw.to.id : undefined);
          return from !== undefined && to !== undefined
            ? `${String(from)}>${String(to)}`
            : undefined;
        };
        const byKey = new Map(part.map((p) => [`${p.fromId}>${p.toId}`, p]));
        return pairBatch(
          [...byKey.keys()],
          res.data,
          res.status,
          (_raw, key) => byKey.get(key),
          keyOf
        );
      }
    );
  };

  const search = async (type: CrmObjectType, req: SearchRequest): Promise<SearchPage> => {
    assertType(type);
    const groups = req.filterGroups ?? [];
    const total = groups.reduce((n, g) => n + g.filters.length, 0);
    if (groups.length > 5 || groups.some((g) => g.filters.length > 10) || total > 25) {
      throw new ValidationError(
        'HubSpot search allows at most 5 filter groups, 10 filters each, 25 in total'
      );
    }
    if (req.limit !== undefined && (req.limit < 1 || req.limit > 200)) {
      throw new ValidationError('HubSpot search limit must be 1..200');
    }
    const res = await t.send<{
      total?: unknown;
      results?: unknown[];
      paging?: { next?: { after?: unknown } };
    }>({
      operation: `${type}.search`,
      method: 'POST',
      path: `/crm/v3/objects/${type}/search`,
      body: req,
      search: true,
    });
    const results = (res.data?.results ?? []).flatMap((r) => toCrmObject(r) ?? []);
    const after = res.data?.paging?.next?.after;
    return {
      total: typeof res.data?.total === 'number' ? res.data.total : results.length,
      results,
      ...(typeof after === 'string' && after !== '' ? { after } : {}),
    };
  };

  const listAssociations = async (
    fromType: CrmObjectType,
    id: string,
    toType: CrmObjectType
  ): Promise<string[]> => {
    const out: string[] = [];
    let after: string | undefined;
    do {
      const res = await t.send<{ results?: unknown[]; paging?: { next?: { after?: unknown } } }>({
        operation: `${fromType}.${toType}.listAssociations`,
        method: 'GET',
        path: `/crm/v4/objects/${assertType(fromType)}/${assertHubSpotId(id)}/associations/${assertType(toType)}`,
        query: { limit: 500, ...(after ? { after } : {}) },
      });
      for (const r of res.data?.results ?? []) {
        const to = isRawRecord(r) ? r.toObjectId : undefined;
        if (typeof to === 'string' || typeof to === 'number') out.push(String(to));
      }
      const next = res.data?.paging?.next?.after;
      after = typeof next === 'string' && next !== '' ? next : undefined;
    } while (after);
    return out;
  };

  const batchReadAssociations = async (
    fromType: CrmObjectType,
    toType: CrmObjectType,
    ids: readonly string[]
  ): Promise<BatchOutcome<{ fromId: string; toIds: string[] }>> => {
    assertType(fromType);
    assertType(toType);
    const unique = [...new Set(ids.map((id) => assertHubSpotId(id)))];
    return runBatches(
      unique,
      (id) => id,
      async (part) => {
        const res = await t.send<RawBatchBody>({
          operation: `${fromType}.${toType}.batchReadAssociations`,
          method: 'POST',
          path: `/crm/v4/associations/${fromType}/${toType}/batch/read`,
          body: { inputs: part.map((id) => ({ id })) },
        });
        return pairBatch(
          part,
          res.data,
          res.status,
          (raw, key) => ({
            fromId: key,
            toIds: (Array.isArray(raw.to) ? raw.to : []).flatMap((x) => {
              const to = isRawRecord(x) ? x.toObjectId : undefined;
              return typeof to === 'string' || typeof to === 'number' ? [String(to)] : [];
            }),
          }),
          (raw) => {
            const from = isRawRecord(raw.from) ? raw.from.id : undefined;
            return typeof from === 'string' || typeof from === 'number' ? String(from) : undefined;
          }
        );
      }
    );
  };

  return {
    getObject,
    batchReadAssociations,
    updateObject: async (
      type: CrmObjectType,
      id: string,
      properties: PropertyValues
    ): Promise<CrmObject> => {
      const res = await t.send<unknown>({
        operation: `${assertType(type)}.update`,
        method: 'PATCH',
        path: `/crm/v3/objects/${type}/${assertHubSpotId(id)}`,
        body: { properties },
      });
      return expectObject(res.data, `${type}.update`);
    },
    createObject: async (
      type: CrmObjectType,
      properties: PropertyValues,
      associations?: readonly NewAssociation[]
    ): Promise<CrmObject> => {
      const res = await t.send<unknown>({
        operation: `${assertType(type)}.create`,
        method: 'POST',
        path: `/crm/v3/objects/${type}`,
        body: {
          properties,
          ...(associations?.length ? { associations: associationBody(associations) } : {}),
        },
      });
      return expectObject(res.data, `${type}.create`);
    },
    search,
    batchUpsert,
    batchCreate,
    batchUpdate,
    batchRead,
    associate,
    listAssociations,
  };
};
