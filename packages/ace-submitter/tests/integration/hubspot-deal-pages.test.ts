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

describe('makeHubSpotDealStore › lost-edit sweep reads against the HubSpot simulator', () => {
  it('lists only submitted deals modified since a time, and reads who changed each property when', async () => {
    // Arrange: 60 submitted deals (more than one 50-record history batch), one not submitted, then a rep
    // edits next steps of one submitted deal in the CRM UI.
    // (The deals of the previous test were modified before `since`.)
    const since = Date.now() + 5;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const submitted = await createDeals(60, {
      dealstage: 'closedwon',
      [DEAL_PROP.cosellId]: 'O7001',
    });
    await createDeals(1, { dealstage: 'closedwon' });
    const edited = submitted[59] as string;
    sim.userEdit({
      objectId: edited,
      properties: { [DEAL_PROP.nextSteps]: 'Call about the pilot' },
    });
    const store = makeHubSpotDealStore(hubspot);

    // Act
    const page = await store.listSubmittedDealsModifiedSince({
      sinceMs: since,
      properties: [DEAL_PROP.cosellId],
      limit: 200,
    });
    const history = await store.readPropertyHistory(
      page.deals.map((d) => d.id),
      [DEAL_PROP.nextSteps, DEAL_PROP.cosellId]
    );

    // Assert: the search left out the unsubmitted deal and the older ones; every history came back (two
    // batches) with the source of each version.
    expect(new Set(page.deals.map((d) => d.id))).toEqual(new Set(submitted));
    expect(history.size).toBe(60);
    expect(history.get(edited)?.[DEAL_PROP.nextSteps]).toEqual([
      expect.objectContaining({
        value: 'Call about the pilot',
        sourceType: 'CRM_UI',
        sourceId: expect.stringMatching(/^userId:/),
      }),
    ]);
    expect(history.get(submitted[0] as string)?.[DEAL_PROP.cosellId]).toEqual([
      expect.objectContaining({
        value: 'O7001',
        sourceType: 'INTEGRATION',
        sourceId: String(sim.appId),
      }),
    ]);
    expect(history.get(submitted[0] as string)?.[DEAL_PROP.nextSteps]).toEqual([]);
  });

  it('finds nothing modified after now', async () => {
    const page = await makeHubSpotDealStore(hubspot).listSubmittedDealsModifiedSince({
      sinceMs: Date.now() + 60_000,
      properties: [DEAL_PROP.cosellId],
      limit: 10,
    });
    expect(page).toEqual({ deals: [] });
  });
});
