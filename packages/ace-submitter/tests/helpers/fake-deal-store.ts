// An in-memory HubSpot for the submitter's tests: deals, companies, contacts and owners, with every write
// recorded so tests can assert exactly what reached "HubSpot".
import type {
  DealOwner,
  DealProperties,
  DealPropertyVersion,
  DealRecord,
  DealStageQuery,
  DealStore,
} from '../../src/ports';

/** The app id the fake records on the integration's own writes (updateDeal / createDeal). */
export const FAKE_APP_ID = '4242';

export interface FakeDealStore extends DealStore {
  deals: Map<string, DealProperties>;
  companies: Map<string, DealProperties>;
  contacts: Map<string, DealProperties[]>;
  owners: Map<string, DealOwner>;
  writes: { op: 'update' | 'create'; dealId: string; properties: DealProperties }[];
  /** Every trigger-stage search page requested, in order. */
  searches: DealStageQuery[];
  /** Makes the next `n` updateDeal calls fail with a retryable-looking error. */
  failUpdates(n: number): void;
  /** Property versions per deal, newest first (every write records one, with its source). */
  history: Map<string, Record<string, DealPropertyVersion[]>>;
  /** Last modification time per deal (epoch ms). */
  modifiedAt: Map<string, number>;
  /** The clock writes are stamped with (epoch ms); tests may replace it. */
  clock: () => number;
  /** A rep's edit in the CRM UI (no webhook is involved: the fake has none). */
  repEdit(dealId: string, properties: DealProperties): void;
}

const pick = (all: DealProperties, names: readonly string[]): DealProperties =>
  Object.fromEntries(names.map((n) => [n, all[n] ?? null]));

/** Like the real store's keyset search: ids above the cursor, ascending, a cursor only when more match. */
const keysetPage = (
  matching: [string, DealProperties][],
  query: { properties: readonly string[]; afterId?: string | undefined; limit: number }
) => {
  const { properties, afterId, limit } = query;
  const after = matching
    .filter(([id]) => afterId === undefined || Number(id) > Number(afterId))
    .sort(([a], [b]) => Number(a) - Number(b));
  const page = after.slice(0, limit);
  const last = page.at(-1)?.[0];
  return {
    deals: page.map(([id, p]) => ({ id, properties: pick(p, properties) })),
    ...(after.length > limit && last ? { next: last } : {}),
  };
};

export const makeFakeDealStore = (): FakeDealStore => {
  const deals = new Map<string, DealProperties>();
  const companies = new Map<string, DealProperties>();
  const contacts = new Map<string, DealProperties[]>();
  const owners = new Map<string, DealOwner>();
  const writes: FakeDealStore['writes'] = [];
  const searches: DealStageQuery[] = [];
  let failing = 0;
  let nextId = 900_000;
  const history = new Map<string, Record<string, DealPropertyVersion[]>>();
  const modifiedAt = new Map<string, number>();
  const record = (
    dealId: string,
    properties: DealProperties,
    sourceType: string,
    sourceId: string
  ) => {
    const at = store.clock();
    const h = history.get(dealId) ?? {};
    for (const [k, v] of Object.entries(properties)) {
      h[k] = [
        { value: v ?? '', timestamp: new Date(at).toISOString(), sourceType, sourceId },
        ...(h[k] ?? []),
      ];
    }
    history.set(dealId, h);
    modifiedAt.set(dealId, at);
  };
  const store: FakeDealStore = {
    history,
    modifiedAt,
    clock: () => Date.now(),
    repEdit: (dealId, properties) => {
      const d = deals.get(dealId);
      if (!d) throw new Error(`no deal ${dealId}`);
      for (const [k, v] of Object.entries(properties)) d[k] = v;
      record(dealId, properties, 'CRM_UI', 'userId:77');
    },
    listSubmittedDealsModifiedSince: async (query) =>
      keysetPage(
        [...deals.entries()]
          .filter(([, p]) => (p.govwin_aws_cosell_id ?? '') !== '')
          .filter(([id]) => (modifiedAt.get(id) ?? 0) >= query.sinceMs),
        query
      ),
    readPropertyHistory: async (dealIds, properties) => {
      const out = new Map<string, Record<string, DealPropertyVersion[]>>();
      for (const id of dealIds) {
        if (!deals.has(id)) continue;
        const h = history.get(id) ?? {};
        out.set(id, Object.fromEntries(properties.map((p) => [p, [...(h[p] ?? [])]])));
      }
      return out;
    },
    deals,
    companies,
    contacts,
    owners,
    writes,
    searches,
    failUpdates: (n) => {
      failing = n;
    },
    getDeal: async (dealId, properties) => {
      const d = deals.get(dealId);
      return d ? { id: dealId, properties: pick(d, properties) } : undefined;
    },
    updateDeal: async (dealId, properties) => {
      if (failing > 0) {
        failing -= 1;
        throw Object.assign(new Error('HubSpot 503'), { retryable: true });
      }
      const d = deals.get(dealId);
      if (!d) throw new Error(`no deal ${dealId}`);
      writes.push({ op: 'update', dealId, properties: { ...properties } });
      for (const [k, v] of Object.entries(properties)) d[k] = v;
      record(dealId, properties, 'INTEGRATION', FAKE_APP_ID);
    },
    createDeal: async ({ properties, pipelineId, stageId }) => {
      nextId += 1;
      const id = String(nextId);
      const all = { ...properties, pipeline: pipelineId, dealstage: stageId };
      deals.set(id, all);
      writes.push({ op: 'create', dealId: id, properties: all });
      record(id, all, 'INTEGRATION', FAKE_APP_ID);
      return { id };
    },
    // Like the HubSpot search the real store sends: stage IN, NOT_HAS_PROPERTY, hs_object_id > cursor,
    // ascending id, and a cursor only when more deals match.
    listDealsInStages: async (query) => {
      searches.push({ ...query });
      const { stageIds, unset = [] } = query;
      return keysetPage(
        [...deals.entries()]
          .filter(([, p]) => stageIds.includes(p.dealstage ?? ''))
          .filter(([, p]) => unset.every((name) => (p[name] ?? '') === '')),
        query
      );
    },
    findDealByProperty: async (property, value) =>
      [...deals.entries()].find(([, p]) => p[property] === value)?.[0],
    getAssociatedCompany: async (dealId, properties) => {
      const c = companies.get(dealId);
      return c
        ? ({ id: `c${dealId}`, properties: pick(c, properties) } satisfies DealRecord)
        : undefined;
    },
    getAssociatedContacts: async (dealId, properties, limit) =>
      (contacts.get(dealId) ?? [])
        .slice(0, limit)
        .map((c, i) => ({ id: `p${dealId}-${i}`, properties: pick(c, properties) })),
    getOwner: async (ownerId) => owners.get(ownerId),
  };
  return store;
};
