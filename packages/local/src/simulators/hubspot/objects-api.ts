// CRM v3 object endpoints of the HubSpot simulator (external-apis.md §2.4): create, read, update,
// archive, list, batch read/create/update/upsert/archive and search. Batch results come back in an
// order that is not the input order (`shuffleBatchResults`), so clients must pair results by id or
// `objectWriteTraceId`, never by position.

import type { SimRequest, SimResponse } from '../common/http-simulator';
import type { Rng } from '../common/rng';
import type { AssociationStore } from './associations';
import { HubSpotRequestError, notFoundError, validationError } from './errors';
import type { ChangeSource, ObjectStore, StoredObject } from './object-store';
import { isRecord, readInputs, readJson, readList } from './request-body';
import { type ObjectType, resolveObjectType, SINGULAR } from './schema';
import { searchObjects } from './search';

export interface ObjectsApiDeps {
  store: ObjectStore;
  associations: AssociationStore;
  rng: Rng;
  shuffle: () => boolean;
  now: () => number;
  /** Attaches associations given at create time (`[{ to: { id }, types: [...] }]`). */
  createAssociations: (type: ObjectType, id: string, raw: unknown) => void;
}

type BatchError = Record<string, unknown>;

const iso = (ms: number) => new Date(ms).toISOString();

export const makeObjectsApi = (deps: ObjectsApiDeps) => {
  const { store } = deps;

  /** Fisher-Yates with the seeded rng; never returns the input order for 2+ items. */
  const shuffle = <T>(items: T[]): T[] => {
    if (!deps.shuffle() || items.length < 2) return items;
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(deps.rng.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    if (out.every((v, i) => v === items[i])) out.push(out.shift() as T);
    return out;
  };

  const batchResponse = (
    okStatus: number,
    started: number,
    results: unknown[],
    errors: BatchError[]
  ): SimResponse => {
    const base = {
      status: 'COMPLETE',
      results: shuffle(results),
      startedAt: iso(started),
      completedAt: iso(deps.now()),
    };
    if (errors.length === 0) return { status: okStatus, body: base };
    return { status: 207, body: { ...base, numErrors: errors.length, errors } };
  };

  const errorEntry = (err: unknown, extra: Record<string, unknown>): BatchError => {
    if (!(err instanceof HubSpotRequestError)) throw err;
    return {
      status: 'error',
      category: err.category,
      message: err.message,
      context: {},
      ...err.extra,
      ...extra,
    };
  };

  const written = (obj: StoredObject, props: unknown) =>
    store.wire(obj, isRecord(props) ? Object.keys(props) : []);

  const traceOf = (input: Record<string, unknown>) =>
    typeof input.objectWriteTraceId === 'string'
      ? { objectWriteTraceId: input.objectWriteTraceId }
      : {};

  const requireUniqueIdProperty = (type: ObjectType, idProperty: unknown): string => {
    if (typeof idProperty !== 'string' || idProperty === '')
      throw validationError('idProperty is required for upsert');
    if (!store.isUnique(type, idProperty)) {
      throw validationError(`idProperty ${idProperty} is not a unique-value property of ${type}`, [
        {
          message: `${idProperty} must have hasUniqueValue: true`,
          code: 'INVALID_ID_PROPERTY',
          context: { propertyName: [idProperty] },
        },
      ]);
    }
    return idProperty;
  };

  const rejectDuplicates = (keys: string[]) => {
    const seen = new Set<string>();
    const dupes = new Set<string>();
    for (const k of keys) (seen.has(k) ? dupes : seen).add(k);
    if (dupes.size > 0)
      throw validationError(`Duplicate IDs found in batch input: [${[...dupes].join(', ')}]`);
  };

  const inputRecords = (inputs: unknown[]): Record<string, unknown>[] =>
    inputs.map((input, i) => {
      if (!isRecord(input)) throw validationError(`inputs[${i}] must be an object`);
      return input;
    });

  const batchUpsert = (type: ObjectType, req: SimRequest, source: ChangeSource): SimResponse => {
    const started = deps.now();
    const body = readJson(req.rawBody);
    const inputs = inputRecords(readInputs(req.rawBody));
    const fallbackIdProperty = isRecord(body) ? body.idProperty : undefined;
    const parsed = inputs.map((input, i) => {
      if (typeof input.id !== 'string' || input.id === '')
        throw validationError(`inputs[${i}].id is required`);
      return {
        input,
        id: input.id,
        idProperty: requireUniqueIdProperty(type, input.idProperty ?? fallbackIdProperty),
      };
    });
    rejectDuplicates(
      parsed.map((p) => `${p.idProperty}=${p.idProperty === 'email' ? p.id.toLowerCase() : p.id}`)
    );
    const results: unknown[] = [];
    const errors: BatchError[] = [];
    for (const { input, id, idProperty } of parsed) {
      try {
        const existing = store.resolve(type, id, idProperty);
        const props = isRecord(input.properties) ? { ...input.properties } : input.properties;
        if (existing) {
          // The result carries the idProperty too, so callers can pair results with inputs.
          const updated = store.update(existing, props ?? {}, source);
          const shown = { ...(isRecord(props) ? props : {}), [idProperty]: id };
          results.push({ ...written(updated, shown), new: false, ...traceOf(input) });
        } else {
          const withKey = isRecord(props) ? { ...props, [idProperty]: id } : props;
          results.push({
            ...written(store.create(type, withKey, source), withKey),
            new: true,
            ...traceOf(input),
          });
        }
      } catch (err) {
        errors.push(errorEntry(err, { context: { ids: [id] }, ...traceOf(input) }));
      }
    }
    return batchResponse(200, started, results, errors);
  };

  const batchUpdate = (type: ObjectType, req: SimRequest, source: ChangeSource): SimResponse => {
    const started = deps.now();
    const inputs = inputRecords(readInputs(req.rawBody));
    inputs.forEach((input, i) => {
      if (typeof input.id !== 'string' || input.id === '')
        throw validationError(`inputs[${i}].id is required`);
    });
    rejectDuplicates(
      inputs.map((input) => `${String(input.idProperty ?? 'hs_object_id')}=${String(input.id)}`)
    );
    const results: unknown[] = [];
    const errors: BatchError[] = [];
    for (const input of inputs) {
      const id = input.id as string;
      try {
        const idProperty = typeof input.idProperty === 'string' ? input.idProperty : undefined;
        const obj = store.resolve(type, id, idProperty);
        if (!obj) throw notFoundError(`Object ${id} of type ${type} not found`);
        results.push({
          ...written(store.update(obj, input.properties ?? {}, source), input.properties),
          ...traceOf(input),
        });
      } catch (err) {
        errors.push(errorEntry(err, { context: { ids: [id] }, ...traceOf(input) }));
      }
    }
    return batchResponse(200, started, results, errors);
  };

  const batchCreate = (type: ObjectType, req: SimRequest, source: ChangeSource): SimResponse => {
    const started = deps.now();
    const inputs = inputRecords(readInputs(req.rawBody));
    const results: unknown[] = [];
    const errors: BatchError[] = [];
    for (const input of inputs) {
      try {
        const obj = store.create(type, input.properties ?? {}, source);
        if (input.associations !== undefined)
          deps.createAssociations(type, obj.id, input.associations);
        results.push({ ...written(obj, input.properties), ...traceOf(input) });
      } catch (err) {
        errors.push(errorEntry(err, traceOf(input)));
      }
    }
    return batchResponse(201, started, results, errors);
  };

  const batchRead = (type: ObjectType, req: SimRequest): SimResponse => {
    const started = deps.now();
    const body = readJson(req.rawBody);
    const inputs = inputRecords(readInputs(req.rawBody));
    const names =
      isRecord(body) && Array.isArray(body.properties)
        ? body.properties.filter((p): p is string => typeof p === 'string')
        : [];
    const withHistory =
      isRecord(body) && Array.isArray(body.propertiesWithHistory)
        ? body.propertiesWithHistory.filter((p): p is string => typeof p === 'string')
        : [];
    // HubSpot reads at most 50 records per batch when history is asked for.
    if (withHistory.length > 0 && inputs.length > 50)
      throw validationError('batch read with propertiesWithHistory accepts at most 50 inputs');
    const idProperty =
      isRecord(body) && typeof body.idProperty === 'string' ? body.idProperty : undefined;
    if (
      idProperty !== undefined &&
      idProperty !== 'hs_object_id' &&
      !store.isUnique(type, idProperty)
    ) {
      throw validationError(`idProperty ${idProperty} is not a unique-value property of ${type}`);
    }
    const archived = req.query.get('archived') === 'true';
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const id = String(input.id ?? '');
      const obj = store.resolve(type, id, idProperty, archived);
      if (obj) results.push(store.wire(obj, names, withHistory));
      else missing.push(id);
    }
    const errors: BatchError[] =
      missing.length === 0
        ? []
        : [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              message: `Could not get some ${type} objects, they may be deleted or not exist. Check that ids are valid.`,
              context: { ids: missing },
            },
          ];
    return batchResponse(200, started, results, errors);
  };

  const getOne = (type: ObjectType, req: SimRequest, id: string): SimResponse => {
    const idProperty = req.query.get('idProperty') ?? undefined;
    if (
      idProperty !== undefined &&
      idProperty !== 'hs_object_id' &&
      !store.isUnique(type, idProperty)
    ) {
      throw validationError(`idProperty ${idProperty} is not a unique-value property of ${type}`);
    }
    const obj = store.resolve(type, id, idProperty, req.query.get('archived') === 'true');
    if (!obj) {
      throw new HubSpotRequestError(
        404,
        'OBJECT_NOT_FOUND',
        'Object not found.  objectId are usually numeric.',
        {
          context: { id: [id] },
        }
      );
    }
    const wire: Record<string, unknown> = store.wire(obj, readList(req.query, 'properties'));
    const assocTypes = readList(req.query, 'associations');
    if (assocTypes.length > 0) {
      const associations: Record<string, unknown> = {};
      for (const raw of assocTypes) {
        const to = resolveObjectType(raw);
        const results = deps.associations
          .list(type, obj.id, to)
          .map((a) => ({ id: a.toObjectId, type: `${SINGULAR[type]}_to_${SINGULAR[to]}` }));
        if (results.length > 0) associations[to] = { results };
      }
      wire.associations = associations;
    }
    return { status: 200, body: wire };
  };

  const list = (type: ObjectType, req: SimRequest): SimResponse => {
    const limit = Number(req.query.get('limit') ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw validationError('limit must be between 1 and 100');
    const after = Number(req.query.get('after') ?? '0');
    if (!Number.isInteger(after) || after < 0)
      throw validationError('after must be a non-negative integer');
    const archived = req.query.get('archived') === 'true';
    const names = readList(req.query, 'properties');
    const page: unknown[] = [];
    let index = 0;
    let more = false;
    for (const obj of store.all(type)) {
      if (obj.archived !== archived) continue;
      if (index >= after + limit) {
        more = true;
        break;
      }
      if (index >= after) page.push(store.wire(obj, names));
      index += 1;
    }
    return {
      status: 200,
      body: {
        results: page,
        ...(more ? { paging: { next: { after: String(after + limit) } } } : {}),
      },
    };
  };

  return {
    handle: (
      operation: string,
      req: SimRequest,
      params: Record<string, string>,
      source: ChangeSource
    ): SimResponse => {
      const type = resolveObjectType(params.objectType ?? '');
      switch (operation) {
        case 'createObject': {
          const body = readJson(req.rawBody);
          if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
          const obj = store.create(type, body.properties ?? {}, source);
          if (body.associations !== undefined)
            deps.createAssociations(type, obj.id, body.associations);
          return {
            status: 201,
            body: store.wire(obj, isRecord(body.properties) ? Object.keys(body.properties) : []),
          };
        }
        case 'getObject':
          return getOne(type, req, params.id ?? '');
        case 'updateObject': {
          const body = readJson(req.rawBody);
          if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
          const idProperty = req.query.get('idProperty') ?? undefined;
          const obj = store.resolve(type, params.id ?? '', idProperty);
          if (!obj) throw notFoundError('Object not found.  objectId are usually numeric.');
          return {
            status: 200,
            body: written(store.update(obj, body.properties ?? {}, source), body.properties),
          };
        }
        case 'archiveObject': {
          const obj = store.resolve(type, params.id ?? '');
          if (obj) store.archive(obj, source);
          return { status: 204 };
        }
        case 'listObjects':
          return list(type, req);
        case 'batchRead':
          return batchRead(type, req);
        case 'batchCreate':
          return batchCreate(type, req, source);
        case 'batchUpdate':
          return batchUpdate(type, req, source);
        case 'batchUpsert':
          return batchUpsert(type, req, source);
        case 'batchArchive': {
          for (const input of inputRecords(readInputs(req.rawBody))) {
            const obj = store.resolve(type, String(input.id ?? ''));
            if (obj) store.archive(obj, source);
          }
          return { status: 204 };
        }
        case 'search':
          return { status: 200, body: searchObjects(store, type, readJson(req.rawBody)) };
        default:
          throw notFoundError(`Unknown operation ${operation}`);
      }
    },
  };
};
