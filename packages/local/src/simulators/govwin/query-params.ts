// Validation of WSAPI query parameters (external-apis.md §3.4/§3.5): case-sensitive names,
// unknown or inapplicable parameters -> 422 "Invalid Parameters", paging limits, and the absolute
// and relative date formats the search accepts.
import { GovWinParamError } from './errors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_MS: Record<string, number> = {
  Min: MINUTE,
  H: HOUR,
  D: DAY,
  W: 7 * DAY,
  M: 30 * DAY,
  Y: 365 * DAY,
};

const PAST_RELATIVE = new Set(['-24H', '-1W', '-30D', '-3M', '-6M', '-1Y', '-2Y', '-5Y']);
const SELECTION_PAST_RELATIVE = new Set([
  ...PAST_RELATIVE,
  '-5Min',
  '-15Min',
  '-30Min',
  '-60Min',
  '-4H',
  '-6H',
  '-12H',
]);
const FUTURE_RELATIVE = new Set(['24H', '1W', '30D', '3M', '6M', '1Y', '2Y', '5Y']);

const relativeMs = (value: string): number => {
  const m = /^(-?)(\d+)(Min|H|D|W|M|Y)$/.exec(value);
  if (!m) return Number.NaN;
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * (UNIT_MS[m[3] as string] as number);
};

/**
 * Parses an absolute date (`MM/DD/YYYY`, `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm:ss`, plus
 * `MM/dd/yyyy HH:mm:ss` for marked dates) as UTC. Returns NaN when the text is not one of them.
 * `dateOnly` reports whether a time was given (a date-only upper bound covers the whole day).
 */
export const parseAbsoluteDate = (value: string): { at: number; dateOnly: boolean } => {
  let m = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value);
  if (m) {
    const [, mo, d, y, hh, mi, ss] = m;
    const at = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(hh ?? 0),
      Number(mi ?? 0),
      Number(ss ?? 0)
    );
    const valid = new Date(at).getUTCDate() === Number(d) && Number(mo) >= 1 && Number(mo) <= 12;
    return { at: valid ? at : Number.NaN, dateOnly: hh === undefined };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/.exec(value);
  if (m) {
    const [, y, mo, d, hh, mi, ss] = m;
    const at = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(hh ?? 0),
      Number(mi ?? 0),
      Number(ss ?? 0)
    );
    const valid = new Date(at).getUTCDate() === Number(d) && Number(mo) >= 1 && Number(mo) <= 12;
    return { at: valid ? at : Number.NaN, dateOnly: hh === undefined };
  }
  return { at: Number.NaN, dateOnly: false };
};

export type DateBound = 'from' | 'to';

/**
 * Resolves a date parameter to epoch ms: the lower bound for `from`, the exclusive upper bound
 * for `to`. Throws a 422-worthy error naming the parameter when the value is not accepted.
 */
export const resolveDateParam = (
  name: string,
  value: string,
  bound: DateBound,
  now: number,
  pastRelative: ReadonlySet<string> = PAST_RELATIVE
): number => {
  const allowed = bound === 'from' ? pastRelative : FUTURE_RELATIVE;
  if (allowed.has(value)) return now + relativeMs(value);
  const { at, dateOnly } = parseAbsoluteDate(value);
  if (Number.isNaN(at)) {
    throw new GovWinParamError(`error.invalid.${name}`, `Invalid ${name} date format or value`);
  }
  return bound === 'to' && dateOnly ? at + DAY : bound === 'to' ? at + 1 : at;
};

export const SELECTION_RELATIVE = SELECTION_PAST_RELATIVE;

/** 422 "Invalid Parameters" when a parameter outside `allowed` is present. */
export const assertAllowedParams = (query: URLSearchParams, allowed: ReadonlySet<string>): void => {
  for (const name of query.keys()) {
    if (!allowed.has(name)) {
      throw new GovWinParamError('error.invalid.parameters', `Invalid Parameters: ${name}`);
    }
  }
};

export interface Paging {
  offset: number;
  max: number;
}

/** Reads `offset` (default 0) and `max` (default 10, 1-100) with the 10,000 ceiling. */
export const readPaging = (query: URLSearchParams): Paging => {
  const rawOffset = query.get('offset');
  const rawMax = query.get('max');
  const offset = rawOffset === null ? 0 : Number(rawOffset);
  const max = rawMax === null ? 10 : Number(rawMax);
  if (rawOffset !== null && (!/^\d+$/.test(rawOffset) || !Number.isSafeInteger(offset))) {
    throw new GovWinParamError('error.invalid.offset', 'Invalid offset');
  }
  if (rawMax !== null && (!/^\d+$/.test(rawMax) || max < 1 || max > 100)) {
    throw new GovWinParamError(
      'error.invalid.range',
      'Invalid range: max must be between 1 and 100'
    );
  }
  if (offset + max > 10_000) {
    throw new GovWinParamError(
      'error.maximum.offset',
      'Maximum offset: offset + max must not exceed 10000'
    );
  }
  return { offset, max };
};

/** Reads `sort`/`order` against the allowed columns; `defaultOrder` may depend on the column. */
export const readSort = (
  query: URLSearchParams,
  allowed: readonly string[],
  defaultSort: string,
  defaultOrder: (sort: string) => 'asc' | 'desc'
): { sort: string; order: 'asc' | 'desc' } => {
  const sort = query.get('sort') ?? defaultSort;
  if (!allowed.includes(sort)) {
    throw new GovWinParamError('error.invalid.sort', 'Invalid sort column');
  }
  const order = query.get('order') ?? defaultOrder(sort);
  if (order !== 'asc' && order !== 'desc') {
    throw new GovWinParamError('error.invalid.order', 'Invalid sort order');
  }
  return { sort, order };
};

/** `true` is the only accepted value of the boolean search flags. */
export const readTrueFlag = (query: URLSearchParams, name: string): boolean => {
  const v = query.get(name);
  if (v === null) return false;
  if (v !== 'true')
    throw new GovWinParamError(`error.invalid.${name}`, `Invalid value for ${name}`);
  return true;
};
