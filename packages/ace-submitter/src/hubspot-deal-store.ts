// Adapts the shared HubSpot CRM client to the submitter's DealStore port.
import type { HubSpotClient } from '@govwin-ace/shared-core';
import type { DealRecord, DealStore } from './ports';

const toRecord = (o: {
  id: string;
  properties: Record<string, string | null>;
  archived?: boolean;
}) =>
  o.archived ? undefined : ({ id: o.id, properties: { ...o.properties } } satisfies DealRecord);

/**
 * DealStore over the HubSpot client. The owner lookup is not offered by the client yet, so deals are
 * submitted without OpportunityTeam until it is (see README).
 * @example const deals = makeHubSpotDealStore(makeHubSpotClient({ http, accessToken }));
 */
export const makeHubSpotDealStore = (hubspot: HubSpotClient): DealStore => ({
  getDeal: async (dealId, properties) => {
    const deal = await hubspot.getDeal(dealId, properties);
    return deal ? toRecord(deal) : undefined;
  },
  updateDeal: async (dealId, properties) => {
    await hubspot.updateDeal(dealId, properties);
  },
  createDeal: async ({ properties, pipelineId, stageId }) => {
    const deal = await hubspot.createDeal({
      ...properties,
      pipeline: pipelineId,
      dealstage: stageId,
    });
    return { id: deal.id };
  },
  listDealsInStages: async (stageIds, properties, limit) => {
    if (stageIds.length === 0) return [];
    const page = await hubspot.searchDeals({
      filterGroups: [
        { filters: [{ propertyName: 'dealstage', operator: 'IN', values: [...stageIds] }] },
      ],
      properties: [...properties],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      limit: Math.min(Math.max(limit, 1), 200),
    });
    return page.results.map(toRecord).filter((d): d is DealRecord => d !== undefined);
  },
  findDealByProperty: async (property, value) => {
    const page = await hubspot.searchDeals({
      filterGroups: [{ filters: [{ propertyName: property, operator: 'EQ', value }] }],
      properties: [property],
      limit: 1,
    });
    return page.results[0]?.id;
  },
  getAssociatedCompany: async (dealId, properties) => {
    const [companyId] = await hubspot.listAssociations('deals', dealId, 'companies');
    if (!companyId) return undefined;
    const company = await hubspot.getObject('companies', companyId, { properties });
    return company ? toRecord(company) : undefined;
  },
  getAssociatedContacts: async (dealId, properties, limit) => {
    const ids = (await hubspot.listAssociations('deals', dealId, 'contacts')).slice(0, limit);
    if (ids.length === 0) return [];
    const out = await hubspot.batchRead('contacts', ids, properties);
    return out.results.map(toRecord).filter((c): c is DealRecord => c !== undefined);
  },
  getOwner: async () => undefined,
});
