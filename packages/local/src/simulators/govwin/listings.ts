// The four opportunity listings of WSAPI v3 (external-apis.md §3.4): parameter search, saved
// search, marked for download, and bookmarked. Each validates its own parameter set, filters in one
// pass over the index and sorts once.
import type { GovWinMarkVersion, GovWinSavedSearch } from '../../fixtures/govwin-fixtures';
import { GovWinParamError } from './errors';
import type { IndexedOpportunity } from './opportunity-store';
import {
  assertAllowedParams,
  readPaging,
  readSort,
  readTrueFlag,
  resolveDateParam,
  SELECTION_RELATIVE,
} from './query-params';

const OPP_TYPES = new Set(['OPP', 'TNS', 'BID', 'FBO', 'OPN', 'TOP', 'ALL']);
const OPP_SUB_TYPES = new Set(['APFS', 'SBIR_STTR', 'ALL']);
const SEARCH_SORTS = [
  'relevancy',
  'title',
  'buyingOrg',
  'solicitationDate',
  'value',
  'requirement',
  'createdDate',
  'updatedDate',
];
const DESC_BY_DEFAULT = new Set(['relevancy', 'solicitationDate', 'createdDate', 'updatedDate']);
const MARKED_SORTS = ['id', 'title', 'updateDate'];

export const SEARCH_PARAMS = new Set([
  'oppType',
  'oppSubType',
  'govEntityId',
  'q',
  'market',
  'responseDateFrom',
  'responseDateTo',
  'solDateFrom',
  'solDateTo',
  'pAwardDateFrom',
  'pAwardDateTo',
  'oppSelectionDateFrom',
  'oppSelectionDateTo',
  'oppCategory',
  'classificationCodes',
  'naics',
  'hasNoNaics',
  'hasNoClassificationCode',
  'hasBidTabulation',
  'hasPlanHolder',
  'offset',
  'max',
  'sort',
  'order',
]);
export const SAVED_SEARCH_PARAMS = new Set([
  'savedSearchId',
  'oppSelectionDateFrom',
  'oppSelectionDateTo',
  'oppCategory',
  'hasBidTabulation',
  'hasPlanHolder',
  'offset',
  'max',
]);
const LIST_PARAMS = ['oppType', 'oppSubType', 'max', 'offset', 'sort', 'order'];
const BOOKMARK_PARAMS = new Set([...LIST_PARAMS, 'markedOpps']);
export const MARKED_PARAMS = new Set([...LIST_PARAMS, 'markedVersion', 'fromMarkedDate']);

type Predicate = (o: IndexedOpportunity) => boolean;

export interface ListingResult {
  items: IndexedOpportunity[];
  totalCount: number;
  paging: Record<string, unknown>;
  /** Mark version whose date becomes `lastMarkedDate` in each item. */
  markedVersion?: GovWinMarkVersion;
}

const inRange = (v: number | undefined, from: number | undefined, to: number | undefined) =>
  v !== undefined && (from === undefined || v >= from) && (to === undefined || v < to);

const typePredicates = (q: URLSearchParams): Predicate[] => {
  const out: Predicate[] = [];
  const oppType = q.get('oppType') ?? 'ALL';
  if (!OPP_TYPES.has(oppType)) {
    throw new GovWinParamError('error.invalid.oppType', 'Invalid opportunity type');
  }
  if (oppType !== 'ALL') out.push((o) => o.prefix === oppType);
  const sub = q.get('oppSubType') ?? 'ALL';
  if (!OPP_SUB_TYPES.has(sub)) {
    throw new GovWinParamError('error.invalid.oppSubType', 'Invalid opportunity sub type');
  }
  if (sub !== 'ALL') out.push((o) => o.prefix === 'OPN' && o.record.subType === sub);
  return out;
};

const rangePredicate = (
  q: URLSearchParams,
  name: string,
  field: 'responseAt' | 'solicitationAt' | 'awardAt',
  now: number
): Predicate | undefined => {
  const from = q.get(`${name}From`);
  const to = q.get(`${name}To`);
  if (from === null && to === null) return undefined;
  const lo = from === null ? undefined : resolveDateParam(`${name}From`, from, 'from', now);
  const hi = to === null ? undefined : resolveDateParam(`${name}To`, to, 'to', now);
  return (o) => inRange(o[field], lo, hi);
};

/** The opp-selection window: created (category 1) or created-or-updated (category 2) in range. */
const selectionPredicate = (
  q: URLSearchParams,
  now: number,
  useDefault: boolean
): Predicate | undefined => {
  const from = q.get('oppSelectionDateFrom');
  const to = q.get('oppSelectionDateTo');
  const category = q.get('oppCategory') ?? '2';
  if (category !== '1' && category !== '2') {
    throw new GovWinParamError('error.invalid.oppCategory', 'Invalid value for oppCategory');
  }
  if (to !== null && from === null) {
    throw new GovWinParamError(
      'error.missing.oppSelectionDateFrom',
      'Missing opp selection from date'
    );
  }
  if (from === null && !useDefault) return undefined;
  const lo =
    from === null
      ? now - 24 * 3_600_000
      : resolveDateParam('oppSelectionDateFrom', from, 'from', now, SELECTION_RELATIVE);
  const hi = to === null ? now + 1 : resolveDateParam('oppSelectionDateTo', to, 'to', now);
  return category === '1'
    ? (o) => inRange(o.createdAt, lo, hi)
    : (o) => inRange(o.updatedAt ?? o.createdAt, lo, hi);
};

const csv = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const searchPredicates = (
  q: URLSearchParams,
  now: number
): { preds: Predicate[]; words: string[] } => {
  const preds = typePredicates(q);
  const entity = q.get('govEntityId');
  if (entity !== null) {
    if (!/^\d+$/.test(entity)) {
      throw new GovWinParamError('error.invalid.govEntityId', 'Invalid government entity id');
    }
    preds.push((o) => o.govEntityId === Number(entity));
  }
  const market = q.get('market');
  if (market !== null) {
    if (market !== 'Federal' && market !== 'SLED') {
      throw new GovWinParamError('error.invalid.market', 'Invalid market');
    }
    preds.push((o) => o.record.market === market);
  }
  const rawQ = q.get('q');
  if (rawQ !== null && rawQ.length > 255) {
    throw new GovWinParamError('error.invalid.q', 'Invalid keyword: at most 255 characters');
  }
  const words = rawQ === null ? [] : rawQ.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) preds.push((o) => words.every((w) => o.text.includes(w)));
  for (const [name, field] of [
    ['responseDate', 'responseAt'],
    ['solDate', 'solicitationAt'],
    ['pAwardDate', 'awardAt'],
  ] as const) {
    const p = rangePredicate(q, name, field, now);
    if (p) preds.push(p);
  }
  const naics = q.get('naics');
  if (naics !== null) {
    const prefixes = csv(naics);
    preds.push((o) => o.naics.some((n) => prefixes.some((p) => n.startsWith(p))));
  }
  const codes = q.get('classificationCodes');
  if (codes !== null) {
    const prefixes = csv(codes);
    preds.push((o) =>
      o.record.classificationCodes.some((c) => prefixes.some((p) => c.startsWith(p)))
    );
  }
  if (readTrueFlag(q, 'hasNoNaics')) preds.push((o) => o.naics.length === 0);
  if (readTrueFlag(q, 'hasNoClassificationCode'))
    preds.push((o) => o.record.classificationCodes.length === 0);
  return { preds, words };
};

const flagPredicates = (q: URLSearchParams): Predicate[] => {
  const out: Predicate[] = [];
  if (readTrueFlag(q, 'hasBidTabulation')) out.push((o) => o.record.hasBidTabulation);
  if (readTrueFlag(q, 'hasPlanHolder')) out.push((o) => o.record.hasPlanHolder);
  return out;
};

type Key = (o: IndexedOpportunity) => number | string | undefined;

const compareBy =
  (key: Key, order: 'asc' | 'desc') => (a: IndexedOpportunity, b: IndexedOpportunity) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return b.iqOppId - a.iqOppId;
    if (x === undefined) return 1; // missing values sort last either way
    if (y === undefined) return -1;
    const c =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order === 'asc' ? c : -c;
  };

const SEARCH_KEYS: Record<string, Key> = {
  title: (o) => o.title || undefined,
  buyingOrg: (o) => o.buyingOrg || undefined,
  solicitationDate: (o) => o.solicitationAt,
  value: (o) => o.value,
  requirement: (o) => o.requirement || undefined,
  createdDate: (o) => o.createdAt,
  updatedDate: (o) => o.updatedAt,
};

const page = (
  matches: IndexedOpportunity[],
  offset: number,
  max: number
): { items: IndexedOpportunity[]; totalCount: number } => ({
  items: matches.slice(offset, offset + max),
  totalCount: matches.length,
});

const filter = (all: readonly IndexedOpportunity[], preds: readonly Predicate[]) =>
  all.filter((o) => preds.every((p) => p(o)));

const relevancy = (words: readonly string[]): Key => {
  if (words.length === 0) return (o) => o.updatedAt;
  return (o) => words.reduce((n, w) => n + o.text.split(w).length - 1, 0);
};

/** `GET /opportunities?{search params}`. */
export const searchOpportunities = (
  all: readonly IndexedOpportunity[],
  q: URLSearchParams,
  now: number
): ListingResult => {
  assertAllowedParams(q, SEARCH_PARAMS);
  const { offset, max } = readPaging(q);
  const { sort, order } = readSort(q, SEARCH_SORTS, 'relevancy', (s) =>
    DESC_BY_DEFAULT.has(s) ? 'desc' : 'asc'
  );
  const { preds, words } = searchPredicates(q, now);
  const selection = selectionPredicate(q, now, true);
  if (selection) preds.push(selection);
  preds.push(...flagPredicates(q));
  const key = sort === 'relevancy' ? relevancy(words) : (SEARCH_KEYS[sort] as Key);
  const matches = filter(all, preds).sort(compareBy(key, order));
  const { items, totalCount } = page(matches, offset, max);
  return { items, totalCount, paging: { max, offset, sort, order, totalCount } };
};

/** `GET /opportunities?savedSearchId=…` — the saved criteria plus the few allowed overrides. */
export const savedSearchOpportunities = (
  all: readonly IndexedOpportunity[],
  q: URLSearchParams,
  now: number,
  savedSearches: ReadonlyMap<number, GovWinSavedSearch>,
  username: string
): ListingResult => {
  assertAllowedParams(q, SAVED_SEARCH_PARAMS);
  const rawId = q.get('savedSearchId') ?? '';
  if (!/^\d+$/.test(rawId)) {
    throw new GovWinParamError('error.invalid.savedSearchId', 'Invalid saved search ID');
  }
  const saved = savedSearches.get(Number(rawId));
  if (!saved || saved.owner.toLowerCase() !== username.toLowerCase()) {
    throw new GovWinParamError('error.savedSearch.notFound', 'Saved search not found');
  }
  const { offset, max } = readPaging(q);
  const criteria = new URLSearchParams(saved.criteria);
  const { preds } = searchPredicates(criteria, now);
  const selection = selectionPredicate(q, now, false);
  if (selection) preds.push(selection);
  preds.push(...flagPredicates(q));
  const matches = filter(all, preds).sort(compareBy((o) => o.updatedAt, 'desc'));
  const { items, totalCount } = page(matches, offset, max);
  return { items, totalCount, paging: { max, offset, totalCount } };
};

const MARKED_KEYS: Record<string, Key> = {
  id: (o) => o.iqOppId,
  title: (o) => o.title || undefined,
  updateDate: (o) => o.updatedAt,
};

/** `GET /opportunities/?markedVersion=2.2|2` — selected for download. */
export const markedOpportunities = (
  all: readonly IndexedOpportunity[],
  q: URLSearchParams,
  now: number
): ListingResult => {
  assertAllowedParams(q, MARKED_PARAMS);
  const version = q.get('markedVersion');
  if (version !== '2.2' && version !== '2') {
    throw new GovWinParamError('error.invalid.markedVersion', 'Invalid value for markedVersion');
  }
  const { offset, max } = readPaging(q);
  const { sort, order } = readSort(q, MARKED_SORTS, 'id', () => 'desc');
  const preds = typePredicates(q);
  preds.push((o) => o.record.marks[version] !== undefined);
  const from = q.get('fromMarkedDate');
  if (from !== null) {
    const lo = resolveDateParam('fromMarkedDate', from, 'from', now, SELECTION_RELATIVE);
    // "only opportunities marked or updated after it"
    preds.push((o) => {
      const marked = Date.parse(o.record.marks[version] ?? '');
      return (Number.isFinite(marked) && marked >= lo) || (o.updatedAt ?? -1) >= lo;
    });
  }
  const matches = filter(all, preds).sort(compareBy(MARKED_KEYS[sort] as Key, order));
  const { items, totalCount } = page(matches, offset, max);
  return {
    items,
    totalCount,
    paging: { max, offset, sort, order, totalCount },
    markedVersion: version,
  };
};

/** `GET /opportunities/?markedOpps=true` — the calling user's bookmarks. */
export const bookmarkedOpportunities = (
  all: readonly IndexedOpportunity[],
  q: URLSearchParams
): ListingResult => {
  assertAllowedParams(q, BOOKMARK_PARAMS);
  if (q.get('markedOpps') !== 'true') {
    throw new GovWinParamError('error.invalid.markedOpps', 'Invalid value for markedOpps');
  }
  const { offset, max } = readPaging(q);
  const { sort, order } = readSort(q, MARKED_SORTS, 'id', () => 'desc');
  const preds = typePredicates(q);
  preds.push((o) => o.record.bookmarkPriority !== undefined);
  const matches = filter(all, preds).sort(compareBy(MARKED_KEYS[sort] as Key, order));
  const { items, totalCount } = page(matches, offset, max);
  return { items, totalCount, paging: { max, offset, sort, order, totalCount } };
};
