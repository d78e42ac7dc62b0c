// Adapts the shared HubSpot CRM client to the submitter's DealStore port.
import {
  DEAL_PROP,
  type HubSpotClient,
  HubSpotError,
  normaliseHubSpotId,
  type SearchFilter,
} from '@govwin-ace/shared-core';
import type { DealPage, DealPropertyVersion, DealRecord, DealStore } from './ports';

const toRecord = (o: {
  id: string;
  properties: Record<string, string | null>;
  archived?: boolean;
}) =>
  o.archived ? undefined : ({ id: o.id, properties: { ...o.properties } } satisfies DealRecord);

/**
 * One keyset page of a deal search: ascending `hs_object_id` (unique, never changes) with
 * `hs_object_id > cursor` as a filter, not HubSpot's `after`. `after` is an offset into the result set: one
 * query reaches at most 10,000 results (external-apis §2.4), and deals that leave the set mid-sweep (the
 * ones our own re-queues get submitted) shift later deals back across a page boundary, so an offset page
 * would skip them.
 */
const keysetPage = async (
  hubspot: HubSpotClient,
  query: { filters: SearchFilter[]; properties: readonly string[]; afterId?: string; limit: number }
): Promise<DealPage> => {
  const filters = [...query.filters];
  if (query.afterId !== undefined)
    filters.push({
      propertyName: 'hs_object_id',
      operator: 'GT',
      value: normaliseHubSpotId(query.afterId, 'deal page cursor'),
    });
  const page = await hubspot.searchDeals({
    filterGroups: [{ filters }],
    properties: [...query.properties],
    sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
    limit: Math.min(Math.max(Math.trunc(query.limit), 1), 200),
  });
  const last = page.results.at(-1)?.id;
  return {
    deals: page.results.map(toRecord).filter((d): d is DealRecord => d !== undefined),
    ...(page.after !== undefined && last ? { next: last } : {}),
  };
};

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
  listDealsInStages: async ({ stageIds, properties, unset = [], afterId, limit }) => {
    if (stageIds.length === 0) return { deals: [] };
    const filters: SearchFilter[] = [
      { propertyName: 'dealstage', operator: 'IN', values: [...stageIds] },
      ...unset.map((p): SearchFilter => ({ propertyName: p, operator: 'NOT_HAS_PROPERTY' })),
    ];
    return keysetPage(hubspot, { filters, properties, limit, ...(afterId ? { afterId } : {}) });
  },
  listSubmittedDealsModifiedSince: async ({ sinceMs, properties, afterId, limit }) => {
    const filters: SearchFilter[] = [
      { propertyName: DEAL_PROP.cosellId, operator: 'HAS_PROPERTY' },
      {
        propertyName: 'hs_lastmodifieddate',
        operator: 'GTE',
        value: String(Math.max(0, Math.trunc(sinceMs))),
      },
    ];
    return keysetPage(hubspot, { filters, properties, limit, ...(afterId ? { afterId } : {}) });
  },
  readPropertyHistory: async (dealIds, properties) => {
    const out = new Map<string, Record<string, DealPropertyVersion[]>>();
    if (dealIds.length === 0) return out;
    const read = await hubspot.batchRead('deals', dealIds, [DEAL_PROP.cosellId], properties);
    // A page that failed as a whole must not look like "no history": the sweep would skip those deals.
    const failed = read.errors.filter((e) => e.category !== 'OBJECT_NOT_FOUND');
    if (failed.length > 0)
      throw new HubSpotError(`deal history read failed for ${failed.length} deal(s)`, {
        retryable: true,
      });
    for (const deal of read.results) if (!deal.archived) out.set(deal.id, deal.history ?? {});
    return out;
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
