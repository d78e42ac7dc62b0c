// Property groups, properties and deal pipelines (external-apis §2.4), used by `setup-hubspot`.
import { ValidationError } from '../errors/common-errors';
import { isRawRecord } from '../mapping/govwin/field-reader';
import type { HubSpotTransport } from './transport';
import type {
  CrmObjectType,
  Pipeline,
  PipelineInput,
  PipelineStage,
  PipelineStageInput,
  PropertyDefinition,
  PropertyGroup,
} from './types';

const PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;
const PIPELINE_ID = /^[A-Za-z0-9_-]{1,64}$/;

const assertName = (name: string, kind: string): string => {
  if (!PROPERTY_NAME.test(name))
    throw new ValidationError(`${kind} name is invalid (lower-case letters, digits, _)`);
  return name;
};
const assertPipelineId = (id: string, kind = 'pipeline id'): string => {
  if (!PIPELINE_ID.test(id)) throw new ValidationError(`${kind} is invalid`);
  return id;
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

const toStage = (raw: unknown): PipelineStage | undefined => {
  if (!isRawRecord(raw)) return undefined;
  const id = str(raw.id);
  const label = str(raw.label);
  if (!id || label === undefined) return undefined;
  const metadata: Record<string, string> = {};
  if (isRawRecord(raw.metadata)) {
    for (const [k, v] of Object.entries(raw.metadata))
      if (v !== null && v !== undefined) metadata[k] = String(v);
  }
  return {
    id,
    label,
    displayOrder: typeof raw.displayOrder === 'number' ? raw.displayOrder : 0,
    metadata,
    ...(typeof raw.archived === 'boolean' ? { archived: raw.archived } : {}),
  };
};

/** Parses a pipeline body; exported for the simulator-free unit tests. */
export const toPipeline = (raw: unknown): Pipeline | undefined => {
  if (!isRawRecord(raw)) return undefined;
  const id = str(raw.id);
  const label = str(raw.label);
  if (!id || label === undefined) return undefined;
  return {
    id,
    label,
    displayOrder: typeof raw.displayOrder === 'number' ? raw.displayOrder : 0,
    stages: (Array.isArray(raw.stages) ? raw.stages : []).flatMap((s) => toStage(s) ?? []),
    ...(typeof raw.archived === 'boolean' ? { archived: raw.archived } : {}),
  };
};

const toProperty = (raw: unknown): PropertyDefinition | undefined => {
  if (!isRawRecord(raw) || typeof raw.name !== 'string') return undefined;
  const options = Array.isArray(raw.options)
    ? raw.options.flatMap((o) =>
        isRawRecord(o) && typeof o.value === 'string'
          ? [
              {
                label: typeof o.label === 'string' ? o.label : o.value,
                value: o.value,
                ...(typeof o.displayOrder === 'number' ? { displayOrder: o.displayOrder } : {}),
                ...(typeof o.hidden === 'boolean' ? { hidden: o.hidden } : {}),
              },
            ]
          : []
      )
    : undefined;
  return {
    name: raw.name,
    label: typeof raw.label === 'string' ? raw.label : raw.name,
    type: raw.type as PropertyDefinition['type'],
    fieldType: raw.fieldType as PropertyDefinition['fieldType'],
    groupName: typeof raw.groupName === 'string' ? raw.groupName : '',
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    ...(options ? { options } : {}),
    ...(raw.hasUniqueValue === true ? { hasUniqueValue: true } : {}),
  };
};

const toGroup = (raw: unknown): PropertyGroup | undefined =>
  isRawRecord(raw) && typeof raw.name === 'string'
    ? {
        name: raw.name,
        label: typeof raw.label === 'string' ? raw.label : raw.name,
        ...(typeof raw.displayOrder === 'number' ? { displayOrder: raw.displayOrder } : {}),
      }
    : undefined;

const results = (data: unknown): unknown[] =>
  isRawRecord(data) && Array.isArray(data.results) ? data.results : [];

/** The schema half of the HubSpot client. */
export const makeSchemaApi = (t: HubSpotTransport) => ({
  listPropertyGroups: async (type: CrmObjectType): Promise<PropertyGroup[]> => {
    const res = await t.send<unknown>({
      operation: `${type}.listGroups`,
      method: 'GET',
      path: `/crm/v3/properties/${type}/groups`,
    });
    return results(res.data).flatMap((g) => toGroup(g) ?? []);
  },
  createPropertyGroup: async (type: CrmObjectType, group: PropertyGroup): Promise<void> => {
    assertName(group.name, 'property group');
    await t.send({
      operation: `${type}.createGroup`,
      method: 'POST',
      path: `/crm/v3/properties/${type}/groups`,
      body: group,
    });
  },
  updatePropertyGroup: async (
    type: CrmObjectType,
    name: string,
    patch: Omit<PropertyGroup, 'name'>
  ): Promise<void> => {
    await t.send({
      operation: `${type}.updateGroup`,
      method: 'PATCH',
      path: `/crm/v3/properties/${type}/groups/${assertName(name, 'property group')}`,
      body: patch,
    });
  },
  listProperties: async (type: CrmObjectType): Promise<PropertyDefinition[]> => {
    const res = await t.send<unknown>({
      operation: `${type}.listProperties`,
      method: 'GET',
      path: `/crm/v3/properties/${type}`,
    });
    return results(res.data).flatMap((p) => toProperty(p) ?? []);
  },
  createProperty: async (type: CrmObjectType, definition: PropertyDefinition): Promise<void> => {
    assertName(definition.name, 'property');
    await t.send({
      operation: `${type}.createProperty`,
      method: 'POST',
      path: `/crm/v3/properties/${type}`,
      body: definition,
    });
  },
  /** PATCH a property; `name`, `type` and `hasUniqueValue` cannot change and are not sent. */
  updateProperty: async (
    type: CrmObjectType,
    name: string,
    patch: Partial<Omit<PropertyDefinition, 'name' | 'type' | 'hasUniqueValue'>>
  ): Promise<void> => {
    await t.send({
      operation: `${type}.updateProperty`,
      method: 'PATCH',
      path: `/crm/v3/properties/${type}/${assertName(name, 'property')}`,
      body: patch,
    });
  },
  listPipelines: async (): Promise<Pipeline[]> => {
    const res = await t.send<unknown>({
      operation: 'pipelines.list',
      method: 'GET',
      path: '/crm/v3/pipelines/deals',
    });
    return results(res.data).flatMap((p) => toPipeline(p) ?? []);
  },
  createPipeline: async (input: PipelineInput): Promise<Pipeline> => {
    const res = await t.send<unknown>({
      operation: 'pipelines.create',
      method: 'POST',
      path: '/crm/v3/pipelines/deals',
      body: input,
    });
    const pipeline = toPipeline(res.data);
    if (!pipeline) throw new ValidationError('HubSpot answered the pipeline create without an id');
    return pipeline;
  },
  updatePipeline: async (
    id: string,
    patch: { label?: string; displayOrder?: number }
  ): Promise<void> => {
    await t.send({
      operation: 'pipelines.update',
      method: 'PATCH',
      path: `/crm/v3/pipelines/deals/${assertPipelineId(id)}`,
      body: patch,
    });
  },
  createPipelineStage: async (
    pipelineId: string,
    stage: PipelineStageInput
  ): Promise<PipelineStage> => {
    const res = await t.send<unknown>({
      operation: 'pipelines.createStage',
      method: 'POST',
      path: `/crm/v3/pipelines/deals/${assertPipelineId(pipelineId)}/stages`,
      body: stage,
    });
    const created = toStage(res.data);
    if (!created) throw new ValidationError('HubSpot answered the stage create without an id');
    return created;
  },
  updatePipelineStage: async (
    pipelineId: string,
    stageId: string,
    patch: Partial<PipelineStageInput>
  ): Promise<void> => {
    await t.send({
      operation: 'pipelines.updateStage',
      method: 'PATCH',
      path: `/crm/v3/pipelines/deals/${assertPipelineId(pipelineId)}/stages/${assertPipelineId(stageId, 'stage id')}`,
      body: patch,
    });
  },
});
