// The trigger-stage search of the reconcile sweep against the HubSpot simulator, through the real HubSpot
// client: keyset pages (ascending hs_object_id, `hs_object_id GT cursor`) see every waiting deal exactly
// once, even when deals leave the set between pages (the sweep's own re-queues get them submitted), and the
// search itself leaves out deals that already carry a co-sell id or a status note.
import {
  ACE_DEAL_PROPERTIES,
  ACE_PROPERTY_GROUP,
  DEAL_PROP,
  makeHttpClient,
  makeHubSpotClient,
} from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_HUBSPOT_TOKEN,
  type HubSpotSimulator,
  startHubSpotSimulator,
} from '../../../local/src/simulators/index';
import { makeHubSpotDealStore } from '../../src/hubspot-deal-store';

const TRIGGER = 'qualifiedtobuy';
let sim: HubSpotSimulator;
let hubspot: ReturnType<typeof makeHubSpotClient>;

beforeAll(async () => {
  sim = await startHubSpotSimulator({
    seed: 11,
    schema: { deals: { groups: [ACE_PROPERTY_GROUP], properties: [...ACE_DEAL_PROPERTIES] } },
  });
  hubspot = makeHubSpotClient({
    http: makeHttpClient({ allowedHosts: ['127.0.0.1'] }),
    baseUrl: sim.url,
    accessToken: async () => DEFAULT_HUBSPOT_TOKEN,
  });
});
afterAll(async () => sim.stop());

/** Creates deals in batches of 100 and returns their ids in creation order. */
const createDeals = async (count: number, properties: Record<string, string>) => {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 100) {
    const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
      key: `k${start + i}`,
      properties: { dealname: `Fictional deal ${start + i}`, pipeline: 'default', ...properties },
    }));
    const out = await hubspot.batchCreate('deals', inputs);
    expect(out.errors).toEqual([]);
    ids.push(...out.results.map((r) => r.id));
  }
  return ids;
};

describe('makeHubSpotDealStore › listDealsInStages against the HubSpot simulator', () => {
  it('pages through every waiting trigger-stage deal once, also when deals leave the set mid-sweep', async () => {
    // Arrange: 450 waiting deals, plus deals the search must leave out.
    const waiting = await createDeals(450, { dealstage: TRIGGER });
    await createDeals(20, { dealstage: TRIGGER, [DEAL_PROP.cosellId]: 'O4242' });
    await createDeals(10, { dealstage: TRIGGER, [DEAL_PROP.statusNote]: 'fix the deal' });
    await createDeals(15, { dealstage: 'appointmentscheduled' });
    const store = makeHubSpotDealStore(hubspot);
    const query = {
      stageIds: [TRIGGER],
      properties: [DEAL_PROP.dealStage],
      unset: [DEAL_PROP.cosellId, DEAL_PROP.statusNote],
      limit: 200,
    };

    // Act: after the first page, 60 of its deals get submitted (co-sell id written) and leave the set.
    const seen: string[] = [];
    let page = await store.listDealsInStages(query);
    seen.push(...page.deals.map((d) => d.id));
    const submitted = page.deals.slice(0, 60).map((d) => d.id);
    const update = await hubspot.batchUpdate(
      'deals',
      submitted.map((id) => ({ id, properties: { [DEAL_PROP.cosellId]: 'O5151' } }))
    );
    expect(update.errors).toEqual([]);
    let pages = 1;
    while (page.next !== undefined) {
      page = await store.listDealsInStages({ ...query, afterId: page.next });
      seen.push(...page.deals.map((d) => d.id));
      pages += 1;
    }

    // Assert
    expect(pages).toBe(3);
    expect(seen).toHaveLength(450);
    expect(new Set(seen)).toEqual(new Set(waiting));
    expect(seen).toEqual([...seen].sort((a, b) => Number(a) - Number(b)));
  });
});
