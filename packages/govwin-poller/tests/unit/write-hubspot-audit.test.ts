import {
  ASSOCIATION_TYPE,
  type AssociationPair,
  type BatchItemError,
  type EntityMapRepo,
  type HubSpotClient,
  type MappedCompany,
  type MappedContact,
} from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import type { DealPlan, WritePlan } from '../../src/plan-writes';
import { silentLog } from '../../src/ports';
import type { ResolvedPipeline } from '../../src/resolve-pipeline';
import { writePlan } from '../../src/write-hubspot';

const pipeline = {
  pipelineId: 'p1',
  stageIds: { open: 's-open' },
  managedStageIds: new Set(['s-open']),
} as unknown as ResolvedPipeline;

const deal = (govwinId: string, over: Partial<DealPlan> = {}): DealPlan =>
  ({
    govwinId,
    updateDate: '2025-06-01T00:00:00.000Z',
    properties: {
      govwin_opp_id: govwinId,
      dealname: 'Secret program name',
      amount: '125000',
      pipeline: 'p1',
      dealstage: 's-open',
    },
    stage: 'open',
    companyKey: 'E1',
    contactRefs: ['email:officer@agency.example'],
    unmappedStatus: false,
    warnings: [],
    ...over,
  }) as DealPlan;

const planOf = (deals: DealPlan[]): WritePlan => ({
  deals,
  companies: new Map<string, MappedCompany>([
    [
      'E1',
      {
        govEntityId: 'E1',
        properties: { name: 'Agency of Examples', govwin_entity_id: 'E1' },
        warnings: [],
      },
    ],
  ]),
  contacts: new Map<string, MappedContact>([
    [
      'email:officer@agency.example',
      {
        govwinContactId: 'C1',
        idProperty: 'email',
        key: 'officer@agency.example',
        properties: { email: 'officer@agency.example', firstname: 'Pat' },
        warnings: [],
      },
    ],
  ]),
  rejections: [],
});

const entityMap = (known: {
  companies?: Record<string, string>;
  contacts?: Record<string, string>;
}) =>
  ({
    getCompanies: async () => known.companies ?? {},
    putCompanies: async () => undefined,
    getContacts: async () => known.contacts ?? {},
    putContacts: async () => undefined,
  }) as EntityMapRepo;

interface FakeOptions {
  createErrors?: Record<string, BatchItemError>;
  upsertThrows?: boolean;
  /** Current stage of known deals (batch read). */
  stages?: Record<string, string>;
  refuseAssociation?: (pair: AssociationPair, typeId: number) => boolean;
}

/** The HubSpot calls writePlan makes, answered from memory. */
const fakeHubSpot = (o: FakeOptions = {}) => {
  let nextId = 1000;
  const hubspot = {
    batchUpsertCompanies: async (inputs: { key: string }[]) => ({
      results: inputs.map((i) => ({ key: i.key, id: '501', created: true, properties: {} })),
      errors: [],
      requests: 1,
    }),
    batchUpsertContacts: async (inputs: { key: string }[]) => ({
      results: inputs.map((i) => ({ key: i.key, id: '601', created: false, properties: {} })),
      errors: [],
      requests: 1,
    }),
    batchReadDeals: async (ids: string[]) => ({
      results: ids.map((id) => ({
        id,
        properties: { pipeline: 'p1', dealstage: o.stages?.[id] ?? 's-open' },
      })),
      errors: [],
      requests: 1,
    }),
    batchCreate: async (_type: string, inputs: { key: string }[]) => ({
      results: inputs
        .filter((i) => !o.createErrors?.[i.key])
        .map((i) => ({ key: i.key, id: String(nextId++), properties: {} })),
      errors: Object.values(o.createErrors ?? {}),
      requests: 1,
    }),
    batchUpsertDeals: async (inputs: { key: string }[]) => {
      if (o.upsertThrows) throw Object.assign(new Error('HubSpot 503'), { retryable: true });
      return {
        results: inputs.map((i) => ({
          key: i.key,
          id: `8${i.key.slice(3)}`,
          created: false,
          properties: {},
        })),
        errors: [],
        requests: 1,
      };
    },
    associate: async (_f: string, _t: string, pairs: AssociationPair[], typeId: number) => {
      const refused = pairs.filter((p) => o.refuseAssociation?.(p, typeId));
      return {
        results: pairs.filter((p) => !refused.includes(p)),
        errors: refused.map((p) => ({
          key: `${p.fromId}>${p.toId}`,
          category: 'RATE_LIMITS',
          status: '429',
          message: 'throttled',
          retryable: true,
        })),
        requests: 1,
      };
    },
  };
  return hubspot as unknown as HubSpotClient;
};

describe('writePlan › what HubSpot accepted (for the audit log)', () => {
  it('marks a created deal with its inline associations and the entities written for it, and nothing for a refused create', async () => {
    // Arrange
    const hubspot = fakeHubSpot({
      createErrors: {
        OPP2: {
          key: 'OPP2',
          category: 'RATE_LIMITS',
          status: '429',
          message: 'throttled',
          retryable: true,
        },
      },
    });
    // Act
    const out = await writePlan(planOf([deal('OPP1'), deal('OPP2')]), {
      hubspot,
      entityMap: entityMap({}),
      pipeline,
      log: silentLog,
    });
    // Assert
    expect(out.get('OPP1')).toMatchObject({ ok: true, created: true });
    expect(out.get('OPP1')?.accepted).toEqual({
      govwinId: 'OPP1',
      dealId: '1000',
      action: 'create',
      properties: ['govwin_opp_id', 'dealname', 'amount', 'pipeline', 'dealstage'],
      company: {
        id: '501',
        associated: true,
        written: { id: '501', properties: ['name', 'govwin_entity_id'] },
      },
      contacts: [
        {
          id: '601',
          associated: true,
          written: { id: '601', properties: ['email', 'firstname'] },
        },
      ],
    });
    expect(out.get('OPP2')).toMatchObject({ ok: false, retryable: true });
    expect(out.get('OPP2')?.accepted).toBeUndefined();
  });

  it('marks an updated deal whose contact association failed: the deal write is accepted, the association is not', async () => {
    // Arrange: the deal and its entities are known; HubSpot refuses the contact association.
    const hubspot = fakeHubSpot({
      refuseAssociation: (_p, typeId) => typeId === ASSOCIATION_TYPE.dealToContact,
    });
    // Act
    const out = await writePlan(planOf([deal('OPP3', { knownDealId: '83' })]), {
      hubspot,
      entityMap: entityMap({ companies: { E1: '501' }, contacts: { C1: '601' } }),
      pipeline,
      log: silentLog,
    });
    // Assert: retried later, but what HubSpot took is recorded now.
    expect(out.get('OPP3')).toMatchObject({ ok: false, retryable: true, dealId: '83' });
    expect(out.get('OPP3')?.accepted).toEqual({
      govwinId: 'OPP3',
      dealId: '83',
      action: 'update',
      properties: ['govwin_opp_id', 'dealname', 'amount', 'pipeline', 'dealstage'],
      // The failed association makes the sync re-upsert the deal's mapped company (stale-mapping heal).
      company: {
        id: '501',
        associated: true,
        written: { id: '501', properties: ['name', 'govwin_entity_id'] },
      },
      // The contact of a changed deal is refreshed (written) even though its association failed.
      contacts: [
        {
          id: '601',
          associated: false,
          written: { id: '601', properties: ['email', 'firstname'] },
        },
      ],
    });
  });

  it('names only the properties actually sent: a deal a rep moved out of the GovWin stages keeps its stage', async () => {
    // Arrange
    const hubspot = fakeHubSpot({ stages: { '84': 'rep-stage' } });
    // Act
    const out = await writePlan(planOf([deal('OPP4', { knownDealId: '84' })]), {
      hubspot,
      entityMap: entityMap({ companies: { E1: '501' }, contacts: { C1: '601' } }),
      pipeline,
      log: silentLog,
    });
    // Assert
    expect(out.get('OPP4')?.accepted?.properties).toEqual(['govwin_opp_id', 'dealname', 'amount']);
  });

  it('marks nothing when the deal upsert itself fails', async () => {
    // Arrange
    const hubspot = fakeHubSpot({ upsertThrows: true });
    // Act
    const out = await writePlan(planOf([deal('OPP5', { knownDealId: '85' })]), {
      hubspot,
      entityMap: entityMap({ companies: { E1: '501' }, contacts: { C1: '601' } }),
      pipeline,
      log: silentLog,
    });
    // Assert
    expect(out.get('OPP5')).toMatchObject({ ok: false, retryable: true });
    expect(out.get('OPP5')?.accepted).toBeUndefined();
  });
});
