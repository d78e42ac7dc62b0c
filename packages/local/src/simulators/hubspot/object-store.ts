// CRM object storage of the HubSpot simulator: deals, companies and contacts in maps keyed by id,
// with a value index per unique-value property (and contact e-mail), validation of every write
// against the property schema and the deal pipelines, and a change feed for webhooks.
import { conflictError, type HubSpotErrorDetail, validationError } from './errors';
import type { PipelineStore } from './pipelines';
import {
  DEFAULT_READ_PROPERTIES,
  normaliseValue,
  type ObjectSchema,
  type ObjectType,
  SINGULAR,
} from './schema';

export type ChangeSourceName = 'INTEGRATION' | 'CRM_UI' | 'API';
export interface ChangeSource {
  changeSource: ChangeSourceName;
  sourceId: string;
}

/** One version of a property value, newest first in {@link StoredObject.history} (`propertiesWithHistory`). */
export interface PropertyVersion {
  value: string;
  timestamp: string;
  sourceType: ChangeSourceName;
  sourceId: string;
}

/** Versions kept per property (HubSpot keeps a bounded history too; older ones are dropped). */
export const HISTORY_DEPTH = 20;

export interface StoredObject {
  id: string;
  type: ObjectType;
  properties: Map<string, string | null>;
  /** Property name -> its versions, newest first (the simulator records every change's source). */
  history: Map<string, PropertyVersion[]>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export type ObjectChange =
  | {
      kind: 'creation' | 'deletion';
      type: ObjectType;
      objectId: string;
      occurredAt: number;
      source: ChangeSource;
    }
  | {
      kind: 'propertyChange';
      type: ObjectType;
      objectId: string;
      propertyName: string;
      value: string | null;
      occurredAt: number;
      source: ChangeSource;
    };

const SYSTEM = ['hs_object_id', 'createdate', 'hs_lastmodifieddate'] as const;

export interface ObjectStoreDeps {
  schemas: Record<ObjectType, ObjectSchema>;
  pipelines: PipelineStore;
  nextId: () => string;
  now: () => number;
  onChange: (change: ObjectChange) => void;
}

export const makeObjectStore = (deps: ObjectStoreDeps) => {
  const objects: Record<ObjectType, Map<string, StoredObject>> = {
    deals: new Map(),
    companies: new Map(),
    contacts: new Map(),
  };
  // `${type}/${property}` -> value -> object id
  const unique = new Map<string, Map<string, string>>();

  const isUnique = (type: ObjectType, name: string): boolean =>
    (type === 'contacts' && name === 'email') ||
    deps.schemas[type].properties.get(name)?.hasUniqueValue === true;
  // Contact e-mail is unique case-insensitively; custom unique values are compared exactly.
  const uniqueKey = (name: string, value: string) =>
    name === 'email' ? value.toLowerCase() : value;
  const indexFor = (type: ObjectType, name: string) => {
    const key = `${type}/${name}`;
    let idx = unique.get(key);
    if (!idx) {
      idx = new Map();
      unique.set(key, idx);
    }
    return idx;
  };

  const findByUnique = (
    type: ObjectType,
    name: string,
    value: string
  ): StoredObject | undefined => {
    const id = unique.get(`${type}/${name}`)?.get(uniqueKey(name, value));
    return id === undefined ? undefined : objects[type].get(id);
  };

  /** Validates `input` for `type`; returns normalised values or throws a 400/409 with details. */
  const validate = (
    type: ObjectType,
    input: unknown,
    current: StoredObject | undefined,
    creating: boolean
  ) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw validationError('properties must be an object');
    }
    const schema = deps.schemas[type];
    const values = new Map<string, string | null>();
    const errors: HubSpotErrorDetail[] = [];
    for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
      const def = schema.properties.get(name);
      if (!def || def.archived) {
        errors.push({
          message: `Property "${name}" does not exist`,
          code: 'PROPERTY_DOESNT_EXIST',
          context: { propertyName: [name] },
        });
        continue;
      }
      if (def.readOnlyValue && !(creating && name === 'createdate')) {
        errors.push({
          message: `${name} is a read only property`,
          code: 'READ_ONLY_VALUE',
          context: { propertyName: [name] },
        });
        continue;
      }
      try {
        values.set(name, normaliseValue(def, raw));
      } catch (err) {
        errors.push({
          message: (err as Error).message,
          code: 'INVALID_VALUE',
          context: { propertyName: [name] },
        });
      }
    }
    if (type === 'deals') {
      const pipeline = values.get('pipeline') ?? current?.properties.get('pipeline') ?? 'default';
      if (!deps.pipelines.has(pipeline)) {
        errors.push({
          message: `${pipeline} is not a valid pipeline`,
          code: 'INVALID_OPTION',
          context: { propertyName: ['pipeline'] },
        });
      } else {
        const stage =
          values.get('dealstage') ??
          current?.properties.get('dealstage') ??
          deps.pipelines.firstStage(pipeline);
        if (!stage || !deps.pipelines.hasStage(pipeline, stage)) {
          errors.push({
            message: `${String(stage)} is not a valid stage of pipeline ${pipeline}`,
            code: 'INVALID_OPTION',
            context: { propertyName: ['dealstage'] },
          });
        } else if (creating) {
          values.set('pipeline', pipeline);
          values.set('dealstage', stage);
        }
      }
    }
    if (errors.length > 0) {
      throw validationError(
        `Property values were not valid: ${errors.map((e) => e.message).join('; ')}`,
        errors
      );
    }
    for (const [name, value] of values) {
      if (value === null || !isUnique(type, name)) continue;
      const owner = findByUnique(type, name, value);
      if (owner && owner.id !== current?.id) {
        if (name === 'email')
          throw conflictError(`Contact already exists. Existing ID: ${owner.id}`);
        throw validationError(
          `A ${SINGULAR[type]} with ${name} ${value} already exists (id ${owner.id})`,
          [
            {
              message: `${name} must be unique`,
              code: 'DUPLICATE_UNIQUE_VALUE',
              context: { propertyName: [name] },
            },
          ]
        );
      }
    }
    return values;
  };

  const apply = (
    obj: StoredObject,
    values: Map<string, string | null>,
    source: ChangeSource,
    at: number
  ) => {
    for (const [name, value] of values) {
      const old = obj.properties.get(name) ?? null;
      if (isUnique(obj.type, name)) {
        const idx = indexFor(obj.type, name);
        if (old !== null) idx.delete(uniqueKey(name, old));
        if (value !== null) idx.set(uniqueKey(name, value), obj.id);
      }
      obj.properties.set(name, value);
      if (old !== value) {
        const versions = obj.history.get(name) ?? [];
        versions.unshift({
          value: value ?? '',
          timestamp: new Date(at).toISOString(),
          sourceType: source.changeSource,
          sourceId: source.sourceId,
        });
        obj.history.set(name, versions.slice(0, HISTORY_DEPTH));
        deps.onChange({
          kind: 'propertyChange',
          type: obj.type,
          objectId: obj.id,
          propertyName: name,
          value,
          occurredAt: at,
          source,
        });
      }
    }
    const iso = new Date(at).toISOString();
    obj.updatedAt = iso;
    obj.properties.set('hs_lastmodifieddate', iso);
    if (obj.type === 'contacts') obj.properties.set('lastmodifieddate', iso);
  };

  const create = (type: ObjectType, input: unknown, source: ChangeSource): StoredObject => {
    const values = validate(type, input, undefined, true);
    const at = deps.now();
    const iso = new Date(at).toISOString();
    const id = deps.nextId();
    const obj: StoredObject = {
      id,
      type,
      properties: new Map([
        ['hs_object_id', id],
        ['createdate', values.get('createdate') ?? iso],
      ]),
      createdAt: iso,
      updatedAt: iso,
      archived: false,
      history: new Map(),
    };
    values.delete('createdate');
    objects[type].set(id, obj);
    deps.onChange({ kind: 'creation', type, objectId: id, occurredAt: at, source });
    apply(obj, values, source, at);
    return obj;
  };

  const update = (obj: StoredObject, input: unknown, source: ChangeSource): StoredObject => {
    const values = validate(obj.type, input, obj, false);
    apply(obj, values, source, deps.now());
    return obj;
  };

  const archive = (obj: StoredObject, source: ChangeSource) => {
    if (obj.archived) return;
    const at = deps.now();
    for (const [name, value] of obj.properties) {
      if (value !== null && isUnique(obj.type, name))
        indexFor(obj.type, name).delete(uniqueKey(name, value));
    }
    obj.archived = true;
    obj.archivedAt = new Date(at).toISOString();
    deps.onChange({ kind: 'deletion', type: obj.type, objectId: obj.id, occurredAt: at, source });
  };

  /** Finds a live (or, with `archived`, an archived) object by record id or unique property. */
  const resolve = (type: ObjectType, id: string, idProperty?: string, archived = false) => {
    const obj =
      idProperty === undefined || idProperty === 'hs_object_id'
        ? objects[type].get(id)
        : findByUnique(type, idProperty, id);
    return obj && obj.archived === archived ? obj : undefined;
  };

  /**
   * The object as the API returns it; `withHistory` adds `propertiesWithHistory` for those names (every
   * recorded version, newest first, with the change's source).
   */
  const wire = (obj: StoredObject, names?: readonly string[], withHistory?: readonly string[]) => {
    const wanted =
      names && names.length > 0 ? [...names, ...SYSTEM] : DEFAULT_READ_PROPERTIES[obj.type];
    const properties: Record<string, string | null> = {};
    for (const name of wanted) {
      if (deps.schemas[obj.type].properties.has(name))
        properties[name] = obj.properties.get(name) ?? null;
    }
    const history: Record<string, PropertyVersion[]> = {};
    for (const name of withHistory ?? []) {
      if (deps.schemas[obj.type].properties.has(name))
        history[name] = (obj.history.get(name) ?? []).map((v) => ({ ...v }));
    }
    return {
      id: obj.id,
      properties,
      ...(withHistory && withHistory.length > 0 ? { propertiesWithHistory: history } : {}),
      createdAt: obj.createdAt,
      updatedAt: obj.updatedAt,
      archived: obj.archived,
      ...(obj.archivedAt ? { archivedAt: obj.archivedAt } : {}),
    };
  };

  return {
    create,
    update,
    archive,
    resolve,
    wire,
    isUnique,
    get: (type: ObjectType, id: string) => objects[type].get(id),
    all: (type: ObjectType) => objects[type].values(),
    count: (type: ObjectType) => {
      let n = 0;
      for (const o of objects[type].values()) if (!o.archived) n += 1;
      return n;
    },
  };
};

export type ObjectStore = ReturnType<typeof makeObjectStore>;
