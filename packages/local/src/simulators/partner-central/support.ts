// Helpers shared by the operation handlers: ClientToken idempotency, opaque paging tokens, sorting
// and list filters.
import { createHash } from 'node:crypto';
import { conflict, validationError } from './errors';
import type { CatalogState } from './state';
import type { Json } from './validate';

const stable = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Json)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** A digest of a request, independent of member order. */
export const fingerprint = (value: unknown): string =>
  createHash('sha256').update(stable(value)).digest('base64url').slice(0, 22);

/**
 * Runs `compute` once per (operation, ClientToken): a retry with the same body gets the first
 * response again; the same token with a different body is a ConflictException.
 */
export const idempotent = (
  catalog: CatalogState,
  operation: string,
  input: Json,
  compute: () => Json
): Json => {
  const { ClientToken, ...rest } = input;
  const key = `${operation}\u0000${String(ClientToken)}`;
  const print = fingerprint(rest);
  const existing = catalog.tokens.get(key);
  if (existing) {
    if (existing.fingerprint !== print) {
      throw conflict('The ClientToken was already used with a different request.');
    }
    return existing.response;
  }
  const response = compute();
  catalog.tokens.set(key, { fingerprint: print, response });
  return response;
};

const badToken = () =>
  validationError('REQUEST_VALIDATION_FAILED', [
    { FieldName: 'NextToken', Code: 'INVALID_VALUE', Message: 'NextToken is not valid here' },
  ]);

/**
 * One page of `items`. The token encodes the offset and a digest of the filters, so a token
 * reused with different filters is rejected rather than silently misapplied.
 */
export const page = <T>(
  items: readonly T[],
  input: Json,
  defaultSize: number
): { items: T[]; NextToken?: string } => {
  const { NextToken, MaxResults, ...filters } = input;
  const size = typeof MaxResults === 'number' ? MaxResults : defaultSize;
  const filterPrint = fingerprint(filters);
  let offset = 0;
  if (typeof NextToken === 'string') {
    const decoded = /^(\d+)\.([\w-]+)$/.exec(Buffer.from(NextToken, 'base64url').toString('utf8'));
    if (!decoded || decoded[2] !== filterPrint) throw badToken();
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length
    ? { items: slice, NextToken: Buffer.from(`${next}.${filterPrint}`).toString('base64url') }
    : { items: slice };
};

type SortValue = string | number | undefined;

/** Sorts by a key (missing values last), then by `tieBreak`, in the requested order. */
export const sortBy = <T>(
  items: T[],
  key: (item: T) => SortValue,
  tieBreak: (item: T) => string,
  order: unknown
): T[] => {
  const dir = order === 'ASCENDING' ? 1 : -1;
  const cmp = (a: SortValue, b: SortValue): number => {
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return a < b ? -dir : dir;
  };
  return items.sort((x, y) => cmp(key(x), key(y)) || cmp(tieBreak(x), tieBreak(y)));
};

/** True when the filter list is absent/empty or contains the value. */
export const inFilter = (filter: unknown, value: unknown): boolean =>
  !Array.isArray(filter) || filter.length === 0 || filter.includes(value);

/** Reads a `{ After…, Before… }` range filter (either bound optional). */
export const inRange = (
  filter: unknown,
  afterKey: string,
  beforeKey: string,
  value: number | string | undefined
): boolean => {
  if (typeof filter !== 'object' || filter === null) return true;
  const f = filter as Json;
  const after = f[afterKey] as number | string | undefined;
  const before = f[beforeKey] as number | string | undefined;
  if (after === undefined && before === undefined) return true;
  if (value === undefined) return false;
  return (after === undefined || value >= after) && (before === undefined || value <= before);
};
