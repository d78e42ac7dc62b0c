// Request handling of the GovWin simulator's read API once a call is authenticated and within
// budget: listing dispatch, detail (multi-id, ≤10), marking, sub-resources and government entities.
import type {
  GovWinGovEntity,
  GovWinJson,
  GovWinMarkVersion,
  GovWinSavedSearch,
} from '../../fixtures/govwin-fixtures';
import { govwinDateTime } from '../../fixtures/govwin-fixtures';
import type { SimRequest, SimResponse } from '../common/http-simulator';
import { apiError, GovWinParamError } from './errors';
import {
  bookmarkedOpportunities,
  type ListingResult,
  markedOpportunities,
  savedSearchOpportunities,
  searchOpportunities,
} from './listings';
import {
  type IndexedOpportunity,
  OPPORTUNITY_ID,
  type OpportunityStore,
} from './opportunity-store';
import { assertAllowedParams, readPaging, readSort } from './query-params';
import { type CollectionKeyStyle, resolveSubResource, subResourceBody } from './sub-resources';

export interface GovWinApiDeps {
  store: () => OpportunityStore;
  savedSearches: ReadonlyMap<number, GovWinSavedSearch>;
  govEntities: readonly GovWinGovEntity[];
  baseUrl: () => string;
  now: () => number;
  collectionKeyStyle: CollectionKeyStyle;
}

const MAX_IDS = 10;
const MARK_PARAMS = ['setMark', 'clearMark', 'clearMarkAll'] as const;
const LINKED_SUB_RESOURCES = [
  'contacts',
  'relatedDocuments',
  'markedByUsers',
  'placeOfPerformance',
  'contractVehicles',
  'fboNotices',
  'contracts',
  'milestones',
  'relatedArticles',
  'companies',
  'verticals',
];

const listingKind = (q: URLSearchParams) => {
  if (q.has('markedVersion') && q.has('markedOpps')) {
    throw new GovWinParamError('error.invalid.marking', 'Invalid Marking Parameters');
  }
  if (q.has('markedVersion')) return 'listMarked';
  if (q.has('markedOpps')) return 'listBookmarked';
  if (q.has('savedSearchId')) return 'listSavedSearch';
  return 'searchOpportunities';
};

const parseIds = (raw: string, pattern: RegExp, what: string): string[] => {
  const ids = raw.split(',');
  if (ids.some((id) => id.trim() === '')) {
    throw new GovWinParamError('error.invalid.list', 'Invalid list format');
  }
  if (ids.length > MAX_IDS) {
    throw new GovWinParamError('error.tooMany.ids', 'Too many ids specified');
  }
  for (const id of ids) {
    if (!pattern.test(id))
      throw new GovWinParamError(`error.invalid.${what}`, `Invalid ${what} format`);
  }
  return ids;
};

export const makeGovWinApi = (deps: GovWinApiDeps) => {
  const toWire = (o: IndexedOpportunity, markedVersion?: GovWinMarkVersion): GovWinJson => {
    const base = `${deps.baseUrl()}/opportunities/${o.id}`;
    const generated: GovWinJson = {
      webHref: { href: `https://iq.govwin.com/neo/opportunity/view/${o.iqOppId}` },
      govEntity: { href: `${deps.baseUrl()}/govEntities/${o.govEntityId ?? ''}` },
    };
    for (const name of LINKED_SUB_RESOURCES) generated[name] = { href: `${base}/${name}` };
    const own = o.record.opportunity.links;
    const wire: GovWinJson = {
      ...structuredClone(o.record.opportunity),
      links: { ...generated, ...(typeof own === 'object' && own !== null ? own : {}) },
    };
    const marked = markedVersion ? o.record.marks[markedVersion] : undefined;
    if (marked) wire.lastMarkedDate = marked;
    return wire;
  };

  const listingBody = (result: ListingResult, self: string): GovWinJson => ({
    links: { self: { href: self } },
    meta: { paging: result.paging },
    opportunities: result.items.map((o) => toWire(o, result.markedVersion)),
  });

  const list = (req: SimRequest, username: string): SimResponse => {
    const all = deps.store().all();
    const now = deps.now();
    const q = req.query;
    const self = `${deps.baseUrl()}/opportunities?${q.toString()}`;
    switch (listingKind(q)) {
      case 'listMarked':
        return { status: 200, body: listingBody(markedOpportunities(all, q, now), self) };
      case 'listBookmarked':
        return { status: 200, body: listingBody(bookmarkedOpportunities(all, q), self) };
      case 'listSavedSearch':
        return {
          status: 200,
          body: listingBody(
            savedSearchOpportunities(all, q, now, deps.savedSearches, username),
            self
          ),
        };
      default:
        return { status: 200, body: listingBody(searchOpportunities(all, q, now), self) };
    }
  };

  const mark = (req: SimRequest, id: string): SimResponse => {
    const given = MARK_PARAMS.filter((p) => req.query.has(p));
    const name = given[0] as (typeof MARK_PARAMS)[number];
    const version = req.query.get(name);
    if (version !== '2.2' && version !== '2') {
      throw new GovWinParamError('error.invalid.value', 'Invalid value');
    }
    const store = deps.store();
    if (name === 'clearMarkAll') store.clearAllMarks(id);
    else store.setMark(id, version, name === 'setMark' ? govwinDateTime(deps.now()) : undefined);
    const entry = store.get(id) as IndexedOpportunity;
    return { status: 200, body: { links: {}, opportunities: [toWire(entry, version)] } };
  };

  const detail = (req: SimRequest, rawIds: string): SimResponse => {
    const ids = parseIds(rawIds, OPPORTUNITY_ID, 'Opportunity ID');
    assertAllowedParams(req.query, new Set(MARK_PARAMS));
    const markCount = MARK_PARAMS.filter((p) => req.query.has(p)).length;
    if (markCount > 1 || (markCount === 1 && ids.length > 1)) {
      throw new GovWinParamError('error.invalid.marking', 'Invalid Marking Parameters');
    }
    const store = deps.store();
    const found = ids.map((id) => store.get(id));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length === ids.length && ids.length === 1) {
      return apiError(404, 'error.resource.notFound', 'Resource does not exist', req.path);
    }
    if (missing.length > 0) {
      throw new GovWinParamError(
        'error.permission.denied',
        `You do not have access to the following id(s): ${missing.join(',')}`
      );
    }
    if (markCount === 1) return mark(req, ids[0] as string);
    const opportunities = (found as IndexedOpportunity[]).map((o) => toWire(o));
    return { status: 200, body: { links: {}, opportunities } };
  };

  const subResource = (req: SimRequest, id: string, sub: string): SimResponse => {
    const name = resolveSubResource(sub);
    if (!name) return apiError(404, 'error.resource.notFound', 'Resource does not exist', req.path);
    parseIds(id, OPPORTUNITY_ID, 'Opportunity ID');
    const entry = deps.store().get(id);
    if (!entry)
      return apiError(404, 'error.resource.notFound', 'Resource does not exist', req.path);
    const items = entry.record.subResources[name] ?? [];
    return { status: 200, body: subResourceBody(name, items, req.query, deps.collectionKeyStyle) };
  };

  const entityWire = (e: GovWinGovEntity): GovWinJson => {
    const parent =
      e.parentId === undefined ? undefined : deps.govEntities.find((p) => p.id === e.parentId);
    return {
      id: e.id,
      title: e.title,
      type: e.type,
      ...(parent ? { parentHierarchy: [{ id: parent.id, title: parent.title }] } : {}),
      links: { self: { href: `${deps.baseUrl()}/govEntities/${e.id}` } },
    };
  };

  const entityList = (req: SimRequest, source: readonly GovWinGovEntity[]): SimResponse => {
    assertAllowedParams(
      req.query,
      new Set(['q', 'type', 'root', 'sort', 'order', 'offset', 'max'])
    );
    const { offset, max } = readPaging(req.query);
    const { sort, order } = readSort(req.query, ['id', 'title'], 'id', () => 'asc');
    const words = (req.query.get('q') ?? '').toLowerCase();
    const type = req.query.get('type');
    if (type !== null && type !== 'federal' && type !== 'sl') {
      throw new GovWinParamError('error.invalid.type', 'Invalid government entity type');
    }
    const root = req.query.get('root') === 'true';
    const matches = source
      .filter(
        (e) =>
          (words === '' || e.title.toLowerCase().includes(words)) &&
          (type === null || e.type === type)
      )
      .filter((e) => !root || e.parentId === undefined)
      .sort((a, b) => {
        const c = sort === 'title' ? a.title.localeCompare(b.title) : a.id - b.id;
        return order === 'asc' ? c : -c;
      });
    return {
      status: 200,
      body: {
        links: {},
        meta: { paging: { max, offset, sort, order, totalCount: matches.length } },
        govEntities: matches.slice(offset, offset + max).map(entityWire),
      },
    };
  };

  return {
    /** The fine-grained operation name used for call counts and faults. */
    operationFor: (routeOperation: string, q: URLSearchParams): string => {
      if (routeOperation === 'listOpportunities') {
        try {
          return listingKind(q);
        } catch {
          return 'searchOpportunities';
        }
      }
      if (routeOperation === 'getOpportunities' && MARK_PARAMS.some((p) => q.has(p))) {
        return 'markOpportunity';
      }
      return routeOperation;
    },
    handle: (
      routeOperation: string,
      req: SimRequest,
      params: Record<string, string>,
      username: string
    ): SimResponse => {
      switch (routeOperation) {
        case 'listOpportunities':
          return list(req, username);
        case 'getOpportunities':
          return detail(req, params.ids ?? '');
        case 'subResource':
          return subResource(req, params.id ?? '', params.sub ?? '');
        case 'listGovEntities':
          return entityList(req, deps.govEntities);
        case 'govEntityChildren': {
          const [id] = parseIds(params.id ?? '', /^\d+$/, 'government entity id');
          return entityList(
            req,
            deps.govEntities.filter((e) => e.parentId === Number(id))
          );
        }
        case 'getGovEntities': {
          assertAllowedParams(req.query, new Set());
          const ids = parseIds(params.ids ?? '', /^\d+$/, 'government entity id').map(Number);
          const found = deps.govEntities.filter((e) => ids.includes(e.id));
          if (found.length === 0) {
            return apiError(404, 'error.resource.notFound', 'Resource does not exist', req.path);
          }
          return { status: 200, body: { links: {}, govEntities: found.map(entityWire) } };
        }
        default:
          return apiError(404, 'error.resource.notFound', 'Resource does not exist', req.path);
      }
    },
  };
};
