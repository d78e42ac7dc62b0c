// CRM search (external-apis.md §2.4 "Search"): filterGroups OR'ed, filters AND'ed, the documented
// operators and limits (≤5 groups, ≤10 filters per group, ≤25 in total, limit ≤200, ≤10,000
// results reachable through paging), sorts, and `after` cursors.
import { validationError } from './errors';
import type { ObjectStore, StoredObject } from './object-store';
import type { ObjectType } from './schema';

const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

interface Filter {
  propertyName: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
  highValue?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const asComparable = (v: string): number | string => {
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  const t = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? v.toLowerCase() : t;
};

const compare = (a: string, b: unknown): number => {
  const x = asComparable(a);
  const y = asComparable(String(b));
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y));
};

const tokenMatch = (value: string, pattern: unknown): boolean => {
  const p = String(pattern).toLowerCase();
  const regex = new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  );
  return (
    value
      .toLowerCase()
      .split(/[^a-z0-9@._*-]+/)
      .some((token) => regex.test(token)) || regex.test(value.toLowerCase())
  );
};

const matches = (obj: StoredObject, f: Filter): boolean => {
  const v = obj.properties.get(f.propertyName) ?? null;
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return v !== null;
    case 'NOT_HAS_PROPERTY':
      return v === null;
    case 'NEQ':
      return v === null || compare(v, f.value) !== 0;
    case 'NOT_IN':
      return v === null || !(f.values ?? []).some((x) => compare(v, x) === 0);
    case 'NOT_CONTAINS_TOKEN':
      return v === null || !tokenMatch(v, f.value);
    default:
      break;
  }
  if (v === null) return false;
  switch (f.operator) {
    case 'EQ':
      return compare(v, f.value) === 0;
    case 'LT':
      return compare(v, f.value) < 0;
    case 'LTE':
      return compare(v, f.value) <= 0;
    case 'GT':
      return compare(v, f.value) > 0;
    case 'GTE':
      return compare(v, f.value) >= 0;
    case 'BETWEEN':
      return compare(v, f.value) >= 0 && compare(v, f.highValue) <= 0;
    case 'IN':
      return (f.values ?? []).some((x) => compare(v, x) === 0);
    case 'CONTAINS_TOKEN':
      return tokenMatch(v, f.value);
    default:
      return false;
  }
};

const readFilterGroups = (raw: unknown): Filter[][] => {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('filterGroups must be an array');
  if (raw.length > 5) throw validationError('Too many filter groups: at most 5');
  let total = 0;
  return raw.map((group, gi) => {
    const filters = isRecord(group) ? group.filters : undefined;
    if (!Array.isArray(filters))
      throw validationError(`filterGroups[${gi}].filters must be an array`);
    if (filters.length > 10) throw validationError('Too many filters in a group: at most 10');
    total += filters.length;
    if (total > 25) throw validationError('Too many filters: at most 25 in total');
    return filters.map((f, fi) => {
      if (!isRecord(f) || typeof f.propertyName !== 'string' || typeof f.operator !== 'string') {
        throw validationError(`filterGroups[${gi}].filters[${fi}] needs propertyName and operator`);
      }
      if (!OPERATORS.has(f.operator)) throw validationError(`Unknown operator ${f.operator}`);
      if ((f.operator === 'IN' || f.operator === 'NOT_IN') && !Array.isArray(f.values)) {
        throw validationError(`${f.operator} needs values`);
      }
      return f as unknown as Filter;
    });
  });
};

const readSorts = (
  raw: unknown
): Array<{ propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }> => {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('sorts must be an array');
  return raw.map((s) => {
    if (typeof s === 'string') {
      return s.startsWith('-')
        ? { propertyName: s.slice(1), direction: 'DESCENDING' }
        : { propertyName: s, direction: 'ASCENDING' };
    }
    if (!isRecord(s) || typeof s.propertyName !== 'string')
      throw validationError('sort needs propertyName');
    return {
      propertyName: s.propertyName,
      direction: s.direction === 'DESCENDING' ? 'DESCENDING' : 'ASCENDING',
    };
  });
};

/** Runs a search request body over the live objects of `type`. */
export const searchObjects = (store: ObjectStore, type: ObjectType, body: unknown) => {
  if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
  const groups = readFilterGroups(body.filterGroups);
  const sorts = readSorts(body.sorts);
  const limit = body.limit === undefined ? 10 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 0 || limit > 200)
    throw validationError('limit must be between 0 and 200');
  const after = body.after === undefined ? 0 : Number(body.after);
  if (!Number.isInteger(after) || after < 0)
    throw validationError('after must be a non-negative integer');
  if (after + limit > 10_000)
    throw validationError('Search results are limited to 10,000 per query');
  const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
  const properties = Array.isArray(body.properties)
    ? body.properties.filter((p): p is string => typeof p === 'string')
    : [];
  const found: StoredObject[] = [];
  for (const obj of store.all(type)) {
    if (obj.archived) continue;
    if (groups.length > 0 && !groups.some((g) => g.every((f) => matches(obj, f)))) continue;
    if (query !== '' && ![...obj.properties.values()].some((v) => v?.toLowerCase().includes(query)))
      continue;
    found.push(obj);
  }
  const order =
    sorts.length > 0 ? sorts : [{ propertyName: 'hs_object_id', direction: 'ASCENDING' as const }];
  found.sort((a, b) => {
    for (const s of order) {
      const x = a.properties.get(s.propertyName) ?? null;
      const y = b.properties.get(s.propertyName) ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = compare(x, y);
      if (c !== 0) return s.direction === 'ASCENDING' ? c : -c;
    }
    return 0;
  });
  const page = found.slice(after, after + limit);
  const next =
    after + limit < found.length ? { paging: { next: { after: String(after + limit) } } } : {};
  return { total: found.length, results: page.map((o) => store.wire(o, properties)), ...next };
};
