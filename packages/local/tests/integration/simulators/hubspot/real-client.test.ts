// Conformance: the project's real HubSpot client (shared-core) against the simulator over HTTP.

import { ASSOCIATION_TYPE, makeHttpClient, makeHubSpotClient } from '@govwin-ace/shared-core';
import { afterEach, describe, expect, it } from '@jest/globals';
import { govwinPipelineFixture } from '../../../../src/fixtures/hubspot-fixtures';
import {
  type HubSpotSimulator,
  type HubSpotSimulatorOptions,
  startHubSpotSimulator,
} from '../../../../src/simulators/hubspot/hubspot-simulator';

const wire = (sim: HubSpotSimulator, maxRetries = 3) => {
  const http = makeHttpClient({
    allowedHosts: ['127.0.0.1'],
    maxRetries,
    baseDelayMs: 1,
    maxDelayMs: 60_000,
    // Waiting out a 429 advances the simulated clock instead of real time.
    sleep: async (ms) => sim.clock.advance(ms),
  });
  return makeHubSpotClient({ http, baseUrl: sim.url, accessToken: async () => sim.accessToken });
};

describe('real HubSpot client against the HubSpot simulator', () => {
  let sim: HubSpotSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  const start = async (options: HubSpotSimulatorOptions = {}) => {
    let real = 1_750_000_000_000;
    sim = await startHubSpotSimulator({ seed: 31, now: () => real++, ...options });
    return sim;
  };
  const bootstrap = async (client: ReturnType<typeof wire>) => {
    await client.createPropertyGroup('deals', {
      name: 'govwin',
      label: 'GovWin IQ',
      displayOrder: 1,
    });
    await client.createProperty('deals', {
      name: 'govwin_opp_id',
      label: 'GovWin opportunity id',
      type: 'string',
      fieldType: 'text',
      groupName: 'govwin',
      hasUniqueValue: true,
    });
  };

  it('creates the schema and a pipeline, and reads them back', async () => {
    // Arrange
    const s = await start();
    const client = wire(s);
    // Act
    await bootstrap(client);
    const pipeline = await client.createPipeline(govwinPipelineFixture());
    const properties = await client.listProperties('deals');
    const pipelines = await client.listPipelines();
    // Assert
    expect(properties.find((p) => p.name === 'govwin_opp_id')?.hasUniqueValue).toBe(true);
    expect(pipelines.map((p) => p.label)).toContain('GovWin Pipeline');
    expect(pipeline.stages.map((st) => st.label)).toContain('Submit to AWS');
  });

  it('pairs shuffled batch-upsert results to inputs by key across chunks of 100', async () => {
    // Arrange
    const s = await start();
    const client = wire(s);
    await bootstrap(client);
    const inputs = Array.from({ length: 150 }, (_, i) => ({
      key: `OPP${300000 + i}`,
      properties: { dealname: `Fictional opportunity ${i}` },
    }));
    // Act
    const first = await client.batchUpsertDeals(inputs);
    const second = await client.batchUpsertDeals(inputs.slice(0, 10));
    // Assert
    expect(first.errors).toEqual([]);
    expect(first.requests).toBe(2);
    expect(first.results).toHaveLength(150);
    for (const r of first.results) {
      expect(r.created).toBe(true);
      expect(s.getObject('deals', r.id)?.properties.govwin_opp_id).toBe(r.key);
    }
    expect(second.results.every((r) => !r.created)).toBe(true);
  });

  it('isolates one invalid input of a batch and upserts the others', async () => {
    // Arrange
    const s = await start();
    const client = wire(s);
    await bootstrap(client);
    // Act
    const outcome = await client.batchUpsertDeals([
      { key: 'OPP1', properties: { dealname: 'fine' } },
      { key: 'OPP2', properties: { amount: 'not a number' } },
      { key: 'OPP3', properties: { dealname: 'also fine' } },
    ]);
    // Assert
    expect(outcome.results.map((r) => r.key).sort()).toEqual(['OPP1', 'OPP3']);
    expect(outcome.errors).toEqual([expect.objectContaining({ key: 'OPP2', retryable: false })]);
  });

  it('associates deals with companies by id and lists them; finds a deal by search', async () => {
    // Arrange
    const s = await start();
    const client = wire(s);
    await bootstrap(client);
    const deal = await client.createDeal({ dealname: 'Search me', govwin_opp_id: 'OPP424242' });
    const company = await client.createObject('companies', {
      name: 'Department of Imaginary Affairs',
    });
    // Act
    const linked = await client.associate(
      'deals',
      'companies',
      [{ fromId: deal.id, toId: company.id }],
      ASSOCIATION_TYPE.dealToCompany
    );
    const listed = await client.listAssociations('deals', deal.id, 'companies');
    const found = await client.searchDeals({
      filterGroups: [
        { filters: [{ propertyName: 'govwin_opp_id', operator: 'EQ', value: 'OPP424242' }] },
      ],
      properties: ['govwin_opp_id', 'dealstage'],
    });
    // Assert
    expect(linked.errors).toEqual([]);
    expect(listed).toEqual([company.id]);
    expect(found.results.map((r) => r.id)).toEqual([deal.id]);
  });

  it('reads, updates and misses records', async () => {
    // Arrange
    const s = await start();
    const client = wire(s);
    const deal = await client.createDeal({ dealname: 'Before' });
    // Act
    await client.updateDeal(deal.id, { dealname: 'After', amount: '10' });
    const read = await client.getDeal(deal.id, ['dealname', 'amount']);
    const missing = await client.getDeal('123456');
    const batch = await client.batchReadDeals([deal.id, '123456'], ['dealname']);
    // Assert
    expect(read?.properties).toMatchObject({ dealname: 'After', amount: '10' });
    expect(missing).toBeUndefined();
    expect(batch.results.map((r) => r.id)).toEqual([deal.id]);
    expect(batch.errors).toHaveLength(1);
  });

  it('waits out a 429 using Retry-After and succeeds', async () => {
    // Arrange
    const s = await start({ rateLimit: { max: 2 } });
    const client = wire(s);
    // Act
    for (let i = 0; i < 4; i += 1) await client.createDeal({ dealname: `d${i}` });
    // Assert
    expect(s.inspect().objects.deals).toBe(4);
    expect(s.inspect().rateLimit.rejected).toBeGreaterThanOrEqual(1);
  });

  it('surfaces injected 5xx as a retryable failure after its retries', async () => {
    // Arrange
    const s = await start({
      faults: { operations: { getObject: { errorRate: 1, errorStatus: 503 } } },
    });
    const client = wire(s, 2);
    // Act
    const err = await client.getDeal('1').catch((e: Error) => e);
    // Assert
    expect(s.faults.counters().getObject?.error).toBe(3);
    expect((err as { retryable?: boolean }).retryable).toBe(true);
  });
});
