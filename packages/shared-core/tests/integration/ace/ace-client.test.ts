// The ACE client through the real AWS SDK against the local Partner Central simulator (AWS JSON 1.0).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  makeSimClock,
  type PartnerCentralSimulator,
  startPartnerCentralSimulator,
} from '../../../../local/src/simulators/index';
import { type AceClient, makeAceClient } from '../../../src/ace/client';
import { makeAwsClients } from '../../../src/aws/clients';

let sim: PartnerCentralSimulator;
let ace: AceClient;
let pc: ReturnType<ReturnType<typeof makeAwsClients>['partnerCentral']>;

beforeAll(async () => {
  const start = Date.parse('2026-11-23T12:00:00Z');
  sim = await startPartnerCentralSimulator({
    clock: makeSimClock({ now: () => start, start }),
    quotas: { writesPerSecond: 10_000, readsPerSecond: 10_000 },
    autoTickMs: 0,
  });
  pc = makeAwsClients({
    endpoints: { partnercentral: sim.endpoint },
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
    maxAttempts: 1,
  }).partnerCentral();
  ace = makeAceClient({
    client: pc,
    catalog: 'Sandbox',
    gates: { read: async () => undefined, write: async () => undefined },
    retry: { baseDelayMs: 1 },
  });
});
afterAll(async () => {
  pc.destroy();
  await sim.stop();
});

const body = (pid: string, title = 'Fictional title') => ({
  PartnerOpportunityIdentifier: pid,
  Project: { Title: title },
});

describe('ACE client against the simulator', () => {
  it('returns the same opportunity for a repeated ClientToken (idempotent create)', async () => {
    // Act
    const first = await ace.createOpportunity(body('c-1'), 'token-c-1');
    const second = await ace.createOpportunity(body('c-1'), 'token-c-1');

    // Assert
    expect(second.id).toBe(first.id);
    expect(
      sim
        .inspect()
        .catalogs.Sandbox.opportunities.filter(
          (o) =>
            (o as { PartnerOpportunityIdentifier?: string }).PartnerOpportunityIdentifier === 'c-1'
        )
    ).toHaveLength(1);
  });

  it('classifies a reused ClientToken with a different body as a conflict', async () => {
    // Arrange
    await ace.createOpportunity(body('c-2'), 'token-c-2');

    // Act & Assert
    await expect(ace.createOpportunity(body('c-2', 'Changed'), 'token-c-2')).rejects.toMatchObject({
      kind: 'conflict',
      awsName: 'ConflictException',
      retryable: true,
    });
  });

  it('reads back with the catalog echoed, and classifies an unknown id as not found', async () => {
    // Arrange
    const created = await ace.createOpportunity(body('c-3'), 'token-c-3');

    // Act
    const read = await ace.getOpportunity(created.id);

    // Assert
    expect(read).toMatchObject({
      Catalog: 'Sandbox',
      Id: created.id,
      PartnerOpportunityIdentifier: 'c-3',
    });
    await expect(ace.getOpportunity('O9999999999')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('reports per-field validation errors from the service model', async () => {
    // Act
    const err = await ace
      .createOpportunity(
        { PartnerOpportunityIdentifier: 'c-4', Project: { CustomerBusinessProblem: 'too short' } },
        'token-c-4'
      )
      .catch((e: unknown) => e);

    // Assert
    expect(err).toMatchObject({ kind: 'validation', code: 'ACE_VALIDATION_FAILED' });
    expect((err as { fields: Record<string, string> }).fields).toEqual({
      'Project.CustomerBusinessProblem': 'VALUE_OUT_OF_RANGE',
    });
  });

  it('finds opportunities by PartnerOpportunityIdentifier across pages', async () => {
    // Arrange: more than one page (100) of opportunities.
    for (let i = 0; i < 105; i++) await ace.createOpportunity(body(`bulk-${i}`), `token-bulk-${i}`);

    // Act
    const found = await ace.findOpportunitiesByPartnerId(['bulk-0', 'bulk-104', 'absent']);

    // Assert
    expect(found.map((s) => s.PartnerOpportunityIdentifier).sort()).toEqual(['bulk-0', 'bulk-104']);
  });

  it('retries injected throttles and succeeds', async () => {
    // Arrange
    sim.configure({ throttling: { operations: { GetOpportunity: 0.6 } } });
    const created = await ace.createOpportunity(body('c-5'), 'token-c-5');

    // Act
    const reads = await Promise.all([1, 2, 3, 4, 5].map(() => ace.getOpportunity(created.id)));

    // Assert
    expect(reads.every((r) => r.Id === created.id)).toBe(true);
    expect(sim.counters().throttles.injected).toBeGreaterThan(0);
    sim.configure({ throttling: {} });
  });
});
