import { describe, expect, it } from '@jest/globals';
import {
  ensureHubSpotSchema,
  mergeOptions,
  type SchemaSpec,
} from '../../../src/hubspot/ensure-schema';
import type { HubSpotClient } from '../../../src/hubspot/hubspot-client';
import type { Pipeline, PropertyDefinition, PropertyGroup } from '../../../src/hubspot/types';

/** An in-memory portal implementing the schema half of the client, recording every write. */
const fakePortal = (
  seed: { properties?: PropertyDefinition[]; groups?: PropertyGroup[]; pipelines?: Pipeline[] } = {}
) => {
  const properties = new Map((seed.properties ?? []).map((p) => [p.name, p]));
  const groups = new Map((seed.groups ?? []).map((g) => [g.name, g]));
  const pipelines = [...(seed.pipelines ?? [])];
  const writes: string[] = [];
  let ids = 100;
  const client = {
    listPropertyGroups: async () => [...groups.values()],
    createPropertyGroup: async (_t: string, g: PropertyGroup) => {
      writes.push(`group:${g.name}`);
      groups.set(g.name, g);
    },
    updatePropertyGroup: async (_t: string, name: string) =>
      void writes.push(`group-update:${name}`),
    listProperties: async () => [...properties.values()],
    createProperty: async (_t: string, p: PropertyDefinition) => {
      writes.push(`create:${p.name}`);
      properties.set(p.name, p);
    },
    updateProperty: async (_t: string, name: string, patch: Partial<PropertyDefinition>) => {
      writes.push(`update:${name}`);
      properties.set(name, { ...(properties.get(name) as PropertyDefinition), ...patch });
    },
    listPipelines: async () => pipelines.map((p) => ({ ...p, stages: [...p.stages] })),
    createPipeline: async (input: {
      label: string;
      stages: { label: string; metadata: Record<string, string> }[];
    }) => {
      writes.push(`pipeline:${input.label}`);
      const p: Pipeline = {
        id: String(ids++),
        label: input.label,
        displayOrder: 0,
        stages: input.stages.map((s, i) => ({
          id: String(ids++),
          label: s.label,
          displayOrder: i,
          metadata: s.metadata,
        })),
      };
      pipelines.push(p);
      return p;
    },
    createPipelineStage: async (
      id: string,
      s: { label: string; metadata: Record<string, string> }
    ) => {
      writes.push(`stage:${s.label}`);
      const stage = { id: String(ids++), label: s.label, displayOrder: 9, metadata: s.metadata };
      pipelines.find((p) => p.id === id)?.stages.push(stage);
      return stage;
    },
    updatePipelineStage: async (_p: string, stageId: string) =>
      void writes.push(`stage-update:${stageId}`),
  } as unknown as HubSpotClient;
  return { client, writes, properties };
};

const spec: SchemaSpec = {
  groups: { deals: [{ name: 'govwin', label: 'GovWin IQ' }] },
  properties: {
    deals: [
      {
        name: 'govwin_opp_id',
        label: 'Opp',
        type: 'string',
        fieldType: 'text',
        groupName: 'govwin',
        hasUniqueValue: true,
      },
      {
        name: 'govwin_kind',
        label: 'Kind',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'govwin',
        options: [{ label: 'A', value: 'a' }],
      },
    ],
  },
  pipeline: {
    label: 'GovWin Pipeline',
    stages: [
      { label: 'Open', probability: '0.1', isClosed: false },
      { label: 'Won', probability: '1.0', isClosed: true },
    ],
  },
};

describe('ensureHubSpotSchema', () => {
  it('creates everything on an empty portal and changes nothing on the second run', async () => {
    const portal = fakePortal();
    const first = await ensureHubSpotSchema(portal.client, spec);
    const second = await ensureHubSpotSchema(portal.client, spec);
    expect(first.changes.map((c) => `${c.action}:${c.kind}:${c.name}`)).toEqual([
      'create:group:govwin',
      'create:property:govwin_opp_id',
      'create:property:govwin_kind',
      'create:pipeline:GovWin Pipeline',
    ]);
    expect(second.changes).toEqual([]);
    expect(second.pipeline?.stages.map((s) => s.label)).toEqual(['Open', 'Won']);
  });

  it('writes nothing in a dry run', async () => {
    const portal = fakePortal();
    const out = await ensureHubSpotSchema(portal.client, spec, { dryRun: true });
    expect(out.changes).toHaveLength(4);
    expect(portal.writes).toEqual([]);
  });

  it('reports a property with another type or uniqueness as a conflict and leaves it alone', async () => {
    const portal = fakePortal({
      properties: [
        {
          name: 'govwin_opp_id',
          label: 'Opp',
          type: 'string',
          fieldType: 'text',
          groupName: 'govwin',
        },
      ],
    });
    const out = await ensureHubSpotSchema(portal.client, spec);
    expect(out.changes).toContainEqual(
      expect.objectContaining({ kind: 'property', action: 'conflict', name: 'govwin_opp_id' })
    );
    expect(portal.writes).not.toContain('update:govwin_opp_id');
  });

  it('adds missing stages to an existing pipeline and fixes a stage whose closed flag differs', async () => {
    const portal = fakePortal({
      pipelines: [
        {
          id: '7',
          label: 'GovWin Pipeline',
          displayOrder: 0,
          stages: [
            {
              id: '70',
              label: 'Open',
              displayOrder: 0,
              metadata: { probability: '0.1', isClosed: 'true' },
            },
          ],
        },
      ],
    });
    const out = await ensureHubSpotSchema(portal.client, spec);
    expect(
      out.changes.filter((c) => c.kind === 'stage').map((c) => `${c.action}:${c.name}`)
    ).toEqual(['update:GovWin Pipeline / Open', 'create:GovWin Pipeline / Won']);
    expect(portal.writes).toEqual(expect.arrayContaining(['stage-update:70', 'stage:Won']));
  });
});

describe('mergeOptions', () => {
  it('keeps our options first and those users added after them', () => {
    expect(
      mergeOptions(
        [{ label: 'A', value: 'a' }],
        [
          { label: 'Old A', value: 'a' },
          { label: 'Mine', value: 'mine', hidden: false },
        ]
      )
    ).toEqual([
      { label: 'A', value: 'a', displayOrder: 0, hidden: false },
      { label: 'Mine', value: 'mine', displayOrder: 1, hidden: false },
    ]);
  });
});
