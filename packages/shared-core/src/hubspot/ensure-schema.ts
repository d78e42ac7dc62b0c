// Idempotent creation of property groups, properties and a deal pipeline (prior-art §5.3 and §17):
// read what exists, then create what is missing and update what differs. A second run changes
// nothing. Options BD users added to an enumeration survive (merged, ours win for the same value).
// A property that exists with another type or uniqueness cannot be changed by the API: it is reported
// as a conflict and left alone.
import type { HubSpotClient } from './hubspot-client';
import type {
  CrmObjectType,
  Pipeline,
  PipelineStageInput,
  PropertyDefinition,
  PropertyGroup,
  PropertyOption,
} from './types';

/** One stage of the pipeline to ensure. */
export interface StageSpec {
  label: string;
  probability: string;
  isClosed: boolean;
}

/** What to ensure. */
export interface SchemaSpec {
  groups: Partial<Record<CrmObjectType, readonly PropertyGroup[]>>;
  properties: Partial<Record<CrmObjectType, readonly PropertyDefinition[]>>;
  pipeline?: { label: string; stages: readonly StageSpec[] };
}

/** One change made (or, in a dry run, that would be made). */
export interface SchemaChange {
  kind: 'group' | 'property' | 'pipeline' | 'stage';
  action: 'create' | 'update' | 'conflict';
  objectType?: CrmObjectType;
  name: string;
  /** Fields that differ (updates) or why it cannot be changed (conflicts). */
  detail?: string;
}

/** Result of {@link ensureHubSpotSchema}. */
export interface SchemaResult {
  changes: SchemaChange[];
  /** The pipeline after the run (absent in a dry run that would create it). */
  pipeline?: Pipeline;
}

const optionsDiffer = (want: readonly PropertyOption[], have: readonly PropertyOption[]): boolean =>
  want.some((o) => {
    const h = have.find((x) => x.value === o.value);
    return !h || h.label !== o.label || h.hidden === true;
  });

/** Our options first (in our order), then options others added that we do not know. */
export const mergeOptions = (
  want: readonly PropertyOption[],
  have: readonly PropertyOption[]
): PropertyOption[] => {
  const ours = new Set(want.map((o) => o.value));
  const theirs = have.filter((o) => !ours.has(o.value));
  return [
    ...want.map((o, i) => ({ ...o, displayOrder: i, hidden: false })),
    ...theirs.map((o, i) => ({
      label: o.label,
      value: o.value,
      displayOrder: want.length + i,
      hidden: o.hidden ?? false,
    })),
  ];
};

const propertyDiff = (want: PropertyDefinition, have: PropertyDefinition): string[] => {
  const fields: string[] = [];
  if (want.label !== have.label) fields.push('label');
  if (want.fieldType !== have.fieldType) fields.push('fieldType');
  if (want.groupName !== have.groupName) fields.push('groupName');
  if ((want.description ?? '') !== (have.description ?? '')) fields.push('description');
  if (want.options && optionsDiffer(want.options, have.options ?? [])) fields.push('options');
  return fields;
};

const ensureGroups = async (
  hubspot: HubSpotClient,
  type: CrmObjectType,
  groups: readonly PropertyGroup[],
  dryRun: boolean,
  changes: SchemaChange[]
): Promise<void> => {
  const existing = await hubspot.listPropertyGroups(type);
  for (const group of groups) {
    const have = existing.find((g) => g.name === group.name);
    if (!have) {
      changes.push({ kind: 'group', action: 'create', objectType: type, name: group.name });
      if (!dryRun) await hubspot.createPropertyGroup(type, group);
    } else if (have.label !== group.label) {
      changes.push({
        kind: 'group',
        action: 'update',
        objectType: type,
        name: group.name,
        detail: 'label',
      });
      if (!dryRun)
        await hubspot.updatePropertyGroup(type, group.name, {
          label: group.label,
          ...(group.displayOrder !== undefined ? { displayOrder: group.displayOrder } : {}),
        });
    }
  }
};

const ensureProperties = async (
  hubspot: HubSpotClient,
  type: CrmObjectType,
  properties: readonly PropertyDefinition[],
  dryRun: boolean,
  changes: SchemaChange[]
): Promise<void> => {
  const existing = new Map((await hubspot.listProperties(type)).map((p) => [p.name, p]));
  for (const want of properties) {
    const have = existing.get(want.name);
    if (!have) {
      changes.push({ kind: 'property', action: 'create', objectType: type, name: want.name });
      if (!dryRun) await hubspot.createProperty(type, want);
      continue;
    }
    if (have.type !== want.type || Boolean(have.hasUniqueValue) !== Boolean(want.hasUniqueValue)) {
      changes.push({
        kind: 'property',
        action: 'conflict',
        objectType: type,
        name: want.name,
        detail: `exists as ${have.type}${have.hasUniqueValue ? ' (unique)' : ''}; expected ${want.type}${want.hasUniqueValue ? ' (unique)' : ''} — HubSpot cannot change this: rename or delete the property`,
      });
      continue;
    }
    const fields = propertyDiff(want, have);
    if (fields.length === 0) continue;
    changes.push({
      kind: 'property',
      action: 'update',
      objectType: type,
      name: want.name,
      detail: fields.join(', '),
    });
    if (!dryRun) {
      await hubspot.updateProperty(type, want.name, {
        label: want.label,
        fieldType: want.fieldType,
        groupName: want.groupName,
        ...(want.description !== undefined ? { description: want.description } : {}),
        ...(want.options ? { options: mergeOptions(want.options, have.options ?? []) } : {}),
      });
    }
  }
};

const stageInput = (s: StageSpec, displayOrder: number): PipelineStageInput => ({
  label: s.label,
  displayOrder,
  metadata: { probability: s.probability, isClosed: String(s.isClosed) },
});

const ensurePipeline = async (
  hubspot: HubSpotClient,
  spec: NonNullable<SchemaSpec['pipeline']>,
  dryRun: boolean,
  changes: SchemaChange[]
): Promise<Pipeline | undefined> => {
  const pipelines = await hubspot.listPipelines();
  const have = pipelines.find((p) => p.label === spec.label && !p.archived);
  if (!have) {
    changes.push({
      kind: 'pipeline',
      action: 'create',
      name: spec.label,
      detail: `${spec.stages.length} stages`,
    });
    if (dryRun) return undefined;
    return hubspot.createPipeline({
      label: spec.label,
      displayOrder: pipelines.length,
      stages: spec.stages.map((s, i) => stageInput(s, i)),
    });
  }
  let changed = false;
  for (const [i, stage] of spec.stages.entries()) {
    const current = have.stages.find((s) => s.label === stage.label && !s.archived);
    if (!current) {
      changes.push({ kind: 'stage', action: 'create', name: `${spec.label} / ${stage.label}` });
      if (!dryRun)
        await hubspot.createPipelineStage(have.id, stageInput(stage, have.stages.length + i));
      changed = true;
      continue;
    }
    const closed = current.metadata.isClosed === 'true';
    if (
      closed !== stage.isClosed ||
      Number(current.metadata.probability) !== Number(stage.probability)
    ) {
      changes.push({
        kind: 'stage',
        action: 'update',
        name: `${spec.label} / ${stage.label}`,
        detail: 'probability, isClosed',
      });
      if (!dryRun) {
        await hubspot.updatePipelineStage(have.id, current.id, {
          metadata: { probability: stage.probability, isClosed: String(stage.isClosed) },
        });
      }
      changed = true;
    }
  }
  if (!changed || dryRun) return have;
  return (await hubspot.listPipelines()).find((p) => p.id === have.id) ?? have;
};

/**
 * Ensures groups, properties and the pipeline; returns what changed. `dryRun` reads only.
 * @example const { changes } = await ensureHubSpotSchema(hubspot, spec); // [] on a second run
 */
export const ensureHubSpotSchema = async (
  hubspot: HubSpotClient,
  spec: SchemaSpec,
  options: { dryRun?: boolean } = {}
): Promise<SchemaResult> => {
  const dryRun = options.dryRun === true;
  const changes: SchemaChange[] = [];
  const types = new Set<CrmObjectType>([
    ...(Object.keys(spec.groups) as CrmObjectType[]),
    ...(Object.keys(spec.properties) as CrmObjectType[]),
  ]);
  for (const type of types) {
    await ensureGroups(hubspot, type, spec.groups[type] ?? [], dryRun, changes);
    await ensureProperties(hubspot, type, spec.properties[type] ?? [], dryRun, changes);
  }
  const pipeline = spec.pipeline
    ? await ensurePipeline(hubspot, spec.pipeline, dryRun, changes)
    : undefined;
  return { changes, ...(pipeline ? { pipeline } : {}) };
};
