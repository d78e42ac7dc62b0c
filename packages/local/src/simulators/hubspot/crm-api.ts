// The HubSpot simulator's schema and relationship endpoints: properties and property groups,
// deal pipelines and stages, associations (v4 and the v3 read) and owners.
import type { SimRequest, SimResponse } from '../common/http-simulator';
import { type AssociationStore, defaultTypeId, isValidTypeId } from './associations';
import { HubSpotRequestError, notFoundError, validationError } from './errors';
import type { ObjectStore } from './object-store';
import { type PipelineStore, pipelineWire } from './pipelines';
import { isRecord, readInputs, readJson } from './request-body';
import {
  applyPropertyUpdate,
  OBJECT_TYPE_IDS,
  OBJECT_TYPES,
  type ObjectSchema,
  type ObjectType,
  parsePropertyCreate,
  propertyWire,
  resolveObjectType,
  SINGULAR,
} from './schema';

export interface HubSpotOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
}

export interface CrmApiDeps {
  schemas: () => Record<ObjectType, ObjectSchema>;
  pipelines: () => PipelineStore;
  associations: AssociationStore;
  store: ObjectStore;
  owners: readonly HubSpotOwner[];
  now: () => number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const makeCrmApi = (deps: CrmApiDeps) => {
  const schemaFor = (raw: string) => deps.schemas()[resolveObjectType(raw)];
  const propertyOf = (raw: string, name: string) => {
    const p = schemaFor(raw).properties.get(name);
    if (!p || p.archived) throw notFoundError(`Unable to find property ${name}`);
    return p;
  };
  const groupOf = (raw: string, name: string) => {
    const g = schemaFor(raw).groups.get(name);
    if (!g || g.archived) throw notFoundError(`Unable to find property group ${name}`);
    return g;
  };
  const requireObject = (type: ObjectType, id: string) => {
    if (!deps.store.resolve(type, id)) throw notFoundError(`No ${type} with id ${id}`);
  };
  const typesFrom = (raw: unknown): number[] => {
    if (!Array.isArray(raw) || raw.length === 0)
      throw validationError('types must be a non-empty array');
    return raw.map((t) => {
      if (
        !isRecord(t) ||
        t.associationCategory !== 'HUBSPOT_DEFINED' ||
        !Number.isInteger(t.associationTypeId)
      ) {
        throw validationError(
          'each type needs associationCategory HUBSPOT_DEFINED and an integer associationTypeId'
        );
      }
      return t.associationTypeId as number;
    });
  };
  const labelled = (from: ObjectType, fromId: string, to: ObjectType, toId: string) => ({
    fromObjectTypeId: OBJECT_TYPE_IDS[from],
    fromObjectId: Number(fromId),
    toObjectTypeId: OBJECT_TYPE_IDS[to],
    toObjectId: Number(toId),
    labels:
      deps.associations
        .list(from, fromId, to)
        .find((a) => a.toObjectId === toId)
        ?.associationTypes.map((t) => t.label)
        .filter((l): l is string => l !== null) ?? [],
  });

  /** `associations` on create: `[{ to: { id }, types: [{ associationCategory, associationTypeId }] }]`. */
  const createAssociations = (from: ObjectType, fromId: string, raw: unknown) => {
    if (!Array.isArray(raw)) throw validationError('associations must be an array');
    for (const a of raw) {
      if (!isRecord(a) || !isRecord(a.to) || typeof a.to.id !== 'string')
        throw validationError('association needs to.id');
      const typeIds = typesFrom(a.types);
      const toId = a.to.id;
      const to = OBJECT_TYPES.find(
        (t) =>
          t !== from &&
          typeIds.every((id) => isValidTypeId(from, t, id)) &&
          deps.store.resolve(t, toId) !== undefined
      );
      if (!to) throw validationError(`No object ${a.to.id} matches the association types`);
      deps.associations.associate(from, fromId, to, toId, typeIds);
    }
  };

  const batch = (
    from: ObjectType,
    to: ObjectType,
    req: SimRequest,
    mode: 'create' | 'default' | 'read'
  ): SimResponse => {
    const started = deps.now();
    const inputs = readInputs(req.rawBody);
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const input of inputs) {
      try {
        if (!isRecord(input)) throw validationError('each input must be an object');
        if (mode === 'read') {
          const id = String(input.id ?? '');
          requireObject(from, id);
          results.push({
            from: { id },
            to: deps.associations.list(from, id, to).map((a) => ({
              toObjectId: Number(a.toObjectId),
              associationTypes: a.associationTypes,
            })),
          });
          continue;
        }
        const fromId = isRecord(input.from) ? String(input.from.id ?? '') : '';
        const toId = isRecord(input.to) ? String(input.to.id ?? '') : '';
        requireObject(from, fromId);
        requireObject(to, toId);
        const typeIds = mode === 'default' ? [defaultTypeId(from, to)] : typesFrom(input.types);
        deps.associations.associate(from, fromId, to, toId, typeIds);
        results.push(
          mode === 'default'
            ? {
                from: { id: fromId },
                to: { id: toId },
                associationSpec: {
                  associationCategory: 'HUBSPOT_DEFINED',
                  associationTypeId: typeIds[0],
                },
              }
            : labelled(from, fromId, to, toId)
        );
      } catch (err) {
        if (!(err instanceof HubSpotRequestError)) throw err;
        errors.push({ status: 'error', category: err.category, message: err.message, context: {} });
      }
    }
    const body = {
      status: 'COMPLETE',
      results,
      startedAt: iso(started),
      completedAt: iso(deps.now()),
    };
    if (errors.length > 0)
      return { status: 207, body: { ...body, numErrors: errors.length, errors } };
    return { status: mode === 'create' ? 201 : 200, body };
  };

  const now = () => iso(deps.now());

  return {
    createAssociations,
    handle: (operation: string, req: SimRequest, p: Record<string, string>): SimResponse => {
      switch (operation) {
        case 'propertiesList': {
          const archived = req.query.get('archived') === 'true';
          const results = [...schemaFor(p.objectType ?? '').properties.values()]
            .filter((x) => x.archived === archived)
            .map(propertyWire);
          return { status: 200, body: { results } };
        }
        case 'propertyGet':
          return { status: 200, body: propertyWire(propertyOf(p.objectType ?? '', p.name ?? '')) };
        case 'propertyCreate': {
          const schema = schemaFor(p.objectType ?? '');
          const def = parsePropertyCreate(readJson(req.rawBody), schema, now());
          schema.properties.set(def.name, def);
          return { status: 201, body: propertyWire(def) };
        }
        case 'propertyUpdate': {
          const def = propertyOf(p.objectType ?? '', p.name ?? '');
          applyPropertyUpdate(def, readJson(req.rawBody), schemaFor(p.objectType ?? ''), now());
          return { status: 200, body: propertyWire(def) };
        }
        case 'propertyArchive': {
          const def = propertyOf(p.objectType ?? '', p.name ?? '');
          if (def.hubspotDefined)
            throw validationError(
              `${def.name} is a HubSpot-defined property and cannot be archived`
            );
          def.archived = true;
          return { status: 204 };
        }
        case 'propertiesBatchRead': {
          const schema = schemaFor(p.objectType ?? '');
          const results = readInputs(req.rawBody)
            .map((i) => (isRecord(i) ? schema.properties.get(String(i.name)) : undefined))
            .filter((d) => d !== undefined && !d.archived)
            .map((d) => propertyWire(d as NonNullable<typeof d>));
          return {
            status: 200,
            body: { status: 'COMPLETE', results, startedAt: now(), completedAt: now() },
          };
        }
        case 'propertiesBatchCreate': {
          const schema = schemaFor(p.objectType ?? '');
          const results: unknown[] = [];
          const errors: unknown[] = [];
          for (const input of readInputs(req.rawBody)) {
            try {
              const def = parsePropertyCreate(input, schema, now());
              schema.properties.set(def.name, def);
              results.push(propertyWire(def));
            } catch (err) {
              if (!(err instanceof HubSpotRequestError)) throw err;
              errors.push({
                status: 'error',
                category: err.category,
                message: err.message,
                context: {},
              });
            }
          }
          const body = { status: 'COMPLETE', results, startedAt: now(), completedAt: now() };
          return errors.length > 0
            ? { status: 207, body: { ...body, numErrors: errors.length, errors } }
            : { status: 201, body };
        }
        case 'groupsList': {
          const results = [...schemaFor(p.objectType ?? '').groups.values()].filter(
            (g) => !g.archived
          );
          return { status: 200, body: { results } };
        }
        case 'groupGet':
          return { status: 200, body: groupOf(p.objectType ?? '', p.name ?? '') };
        case 'groupCreate': {
          const schema = schemaFor(p.objectType ?? '');
          const body = readJson(req.rawBody);
          if (
            !isRecord(body) ||
            typeof body.name !== 'string' ||
            !/^[a-z][a-z0-9_]*$/.test(body.name)
          ) {
            throw validationError('name must be lower-case letters, digits and underscores');
          }
          if (typeof body.label !== 'string' || body.label === '')
            throw validationError('label is required');
          if (schema.groups.get(body.name)?.archived === false) {
            throw new HubSpotRequestError(
              409,
              'OBJECT_ALREADY_EXISTS',
              `A property group named '${body.name}' already exists.`
            );
          }
          const group = {
            name: body.name,
            label: body.label,
            displayOrder: typeof body.displayOrder === 'number' ? body.displayOrder : -1,
            archived: false,
          };
          schema.groups.set(group.name, group);
          return { status: 201, body: group };
        }
        case 'groupUpdate': {
          const group = groupOf(p.objectType ?? '', p.name ?? '');
          const body = readJson(req.rawBody);
          if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
          if (typeof body.label === 'string' && body.label !== '') group.label = body.label;
          if (typeof body.displayOrder === 'number') group.displayOrder = body.displayOrder;
          return { status: 200, body: group };
        }
        case 'groupArchive':
          groupOf(p.objectType ?? '', p.name ?? '').archived = true;
          return { status: 204 };
        default:
          return pipelinesAndAssociations(operation, req, p);
      }
    },
  };

  function pipelinesAndAssociations(
    operation: string,
    req: SimRequest,
    p: Record<string, string>
  ): SimResponse {
    if (operation.startsWith('pipeline') || operation.startsWith('stage')) {
      if (resolveObjectType(p.objectType ?? '') !== 'deals')
        throw validationError('Only deal pipelines are simulated');
    }
    const pipelines = deps.pipelines();
    const pid = p.pipelineId ?? '';
    switch (operation) {
      case 'pipelinesList':
        return { status: 200, body: { results: pipelines.list().map(pipelineWire) } };
      case 'pipelineGet':
        return { status: 200, body: pipelineWire(pipelines.get(pid)) };
      case 'pipelineCreate':
        return {
          status: 201,
          body: pipelineWire(pipelines.create(pipelines.parseCreate(readJson(req.rawBody)))),
        };
      case 'pipelineUpdate':
        return { status: 200, body: pipelineWire(pipelines.update(pid, readJson(req.rawBody))) };
      case 'pipelineArchive':
        pipelines.archive(pid);
        return { status: 204 };
      case 'stagesList':
        return { status: 200, body: { results: pipelineWire(pipelines.get(pid)).stages } };
      case 'stageGet':
        return { status: 200, body: pipelines.getStage(pid, p.stageId ?? '') };
      case 'stageCreate':
        return { status: 201, body: pipelines.createStage(pid, readJson(req.rawBody)) };
      case 'stageUpdate':
        return {
          status: 200,
          body: pipelines.updateStage(pid, p.stageId ?? '', readJson(req.rawBody)),
        };
      case 'stageArchive':
        pipelines.archiveStage(pid, p.stageId ?? '');
        return { status: 204 };
      case 'ownersList':
        return { status: 200, body: { results: deps.owners.map(ownerWire) } };
      case 'ownerGet': {
        const owner = deps.owners.find((o) => o.id === p.ownerId);
        if (!owner) throw notFoundError(`Owner ${p.ownerId} not found`);
        return { status: 200, body: ownerWire(owner) };
      }
      default:
        return associationsOp(operation, req, p);
    }
  }

  function associationsOp(
    operation: string,
    req: SimRequest,
    p: Record<string, string>
  ): SimResponse {
    const from = resolveObjectType(p.fromType ?? p.objectType ?? '');
    const to = resolveObjectType(p.toType ?? '');
    const fromId = p.fromId ?? p.id ?? '';
    switch (operation) {
      case 'associationDefault': {
        requireObject(from, fromId);
        requireObject(to, p.toId ?? '');
        const typeId = defaultTypeId(from, to);
        deps.associations.associate(from, fromId, to, p.toId ?? '', [typeId]);
        const started = now();
        return {
          status: 200,
          body: {
            status: 'COMPLETE',
            results: [
              {
                from: { id: fromId },
                to: { id: p.toId },
                associationSpec: {
                  associationCategory: 'HUBSPOT_DEFINED',
                  associationTypeId: typeId,
                },
              },
            ],
            startedAt: started,
            completedAt: now(),
          },
        };
      }
      case 'associationCreate': {
        requireObject(from, fromId);
        requireObject(to, p.toId ?? '');
        deps.associations.associate(
          from,
          fromId,
          to,
          p.toId ?? '',
          typesFrom(readJson(req.rawBody))
        );
        return { status: 201, body: labelled(from, fromId, to, p.toId ?? '') };
      }
      case 'associationArchive':
        deps.associations.remove(from, fromId, to, p.toId ?? '');
        return { status: 204 };
      case 'associationsListV4':
        requireObject(from, fromId);
        return {
          status: 200,
          body: {
            results: deps.associations.list(from, fromId, to).map((a) => ({
              toObjectId: Number(a.toObjectId),
              associationTypes: a.associationTypes,
            })),
          },
        };
      case 'associationsListV3':
        requireObject(from, fromId);
        return {
          status: 200,
          body: {
            results: deps.associations
              .list(from, fromId, to)
              .map((a) => ({ id: a.toObjectId, type: `${SINGULAR[from]}_to_${SINGULAR[to]}` })),
          },
        };
      case 'associationsBatchCreate':
        return batch(from, to, req, 'create');
      case 'associationsBatchDefault':
        return batch(from, to, req, 'default');
      case 'associationsBatchRead':
        return batch(from, to, req, 'read');
      default:
        throw notFoundError(`Unknown operation ${operation}`);
    }
  }
};

const ownerWire = (o: HubSpotOwner) => ({
  id: o.id,
  email: o.email,
  firstName: o.firstName,
  lastName: o.lastName,
  userId: o.userId,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  archived: false,
});
