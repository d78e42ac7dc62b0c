// The trigger-stage search the reconcile sweep pages through: keyset paging on hs_object_id (not the
// offset `after`, which stops at 10,000 results and skips deals that leave the set mid-sweep).
import type { HubSpotClient, SearchPage, SearchRequest } from '@govwin-ace/shared-core';
import { ValidationError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { makeHubSpotDealStore } from '../../src/hubspot-deal-store';

const storeAnswering = (pages: SearchPage[]) => {
  const requests: SearchRequest[] = [];
  const hubspot = {
    searchDeals: async (request: SearchRequest) => {
      requests.push(request);
      const page = pages.shift();
      if (!page) throw new Error('no more pages scripted');
      return page;
    },
  } as unknown as HubSpotClient;
  return { store: makeHubSpotDealStore(hubspot), requests };
};

const deal = (id: string) => ({ id, properties: { dealstage: 's1' } });

describe('makeHubSpotDealStore › listDealsInStages', () => {
  it('asks for the stages, the unset properties and ascending ids, and returns the last id as cursor', async () => {
    // Arrange
    const { store, requests } = storeAnswering([
      { total: 3, results: [deal('11'), deal('12')], after: '2' },
    ]);
    // Act
    const page = await store.listDealsInStages({
      stageIds: ['s1', 's2'],
      properties: ['dealstage'],
      unset: ['govwin_aws_cosell_id'],
      limit: 2,
    });
    // Assert
    expect(requests).toEqual([
      {
        filterGroups: [
          {
            filters: [
              { propertyName: 'dealstage', operator: 'IN', values: ['s1', 's2'] },
              { propertyName: 'govwin_aws_cosell_id', operator: 'NOT_HAS_PROPERTY' },
            ],
          },
        ],
        properties: ['dealstage'],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        limit: 2,
      },
    ]);
    expect(page).toEqual({ deals: [deal('11'), deal('12')], next: '12' });
  });

  it('continues after the cursor with a filter, never with the offset cursor', async () => {
    // Arrange
    const { store, requests } = storeAnswering([{ total: 1, results: [deal('13')] }]);
    // Act
    const page = await store.listDealsInStages({
      stageIds: ['s1'],
      properties: ['dealstage'],
      afterId: '12',
      limit: 200,
    });
    // Assert
    expect(requests[0]?.filterGroups?.[0]?.filters).toContainEqual({
      propertyName: 'hs_object_id',
      operator: 'GT',
      value: '12',
    });
    expect(requests[0]).not.toHaveProperty('after');
    expect(page).toEqual({ deals: [deal('13')] });
  });

  it('rejects a cursor that is not a HubSpot id before searching', async () => {
    // Arrange
    const { store, requests } = storeAnswering([]);
    // Act & Assert
    await expect(
      store.listDealsInStages({ stageIds: ['s1'], properties: [], afterId: '12 OR 1=1', limit: 5 })
    ).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toEqual([]);
  });

  it('returns an empty last page without searching when no stage is configured', async () => {
    // Arrange
    const { store, requests } = storeAnswering([]);
    // Act & Assert
    expect(await store.listDealsInStages({ stageIds: [], properties: [], limit: 5 })).toEqual({
      deals: [],
    });
    expect(requests).toEqual([]);
  });
});
