import { ValidationError } from '../errors/common-errors';
import { describeValue } from './dynamo-support';

// ISO 8601 date or date-time, optional fraction and offset: 2014-08-04, 2014-08-04T13:51:44-04:00,
// 2015-12-16T00:00:00.000, 2024-01-02T03:04Z (external-apis §3.7).
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
// GovWin's query format: MM/DD/YYYY, optionally with HH:mm:ss (external-apis §3.4).
const US = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

const fail = (kind: string, value: unknown): never => {
  throw new ValidationError(
    `${kind} is invalid: expected an ISO 8601 date-time or MM/DD/YYYY, got ${describeValue(value)}`,
    { code: 'INVALID_DATE' }
  );
};

const build = (
  kind: string,
  raw: string,
  parts: {
    y: string;
    mo: string;
    d: string;
    h?: string | undefined;
    mi?: string | undefined;
    s?: string | undefined;
    frac?: string | undefined;
    offset?: string | undefined;
  }
): number => {
  const y = Number(parts.y);
  const mo = Number(parts.mo);
  const d = Number(parts.d);
  const h = Number(parts.h ?? 0);
  const mi = Number(parts.mi ?? 0);
  const s = Number(parts.s ?? 0);
  const ms = Number((parts.frac ?? '0').padEnd(3, '0').slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) fail(kind, raw);
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  // Rejects 2024-02-30 and friends, which Date.UTC would silently roll over.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    fail(kind, raw);
  let offsetMinutes = 0;
  const off = parts.offset;
  if (off && off !== 'Z') {
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) fail(kind, raw);
    offsetMinutes = (off.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return local - offsetMinutes * 60_000;
};

/**
 * Parses a GovWin date (ISO 8601 with or without offset, or `MM/DD/YYYY[ HH:mm:ss]`) to epoch milliseconds.
 * A value without an offset is read as UTC: GovWin does not document the zone of offset-less values, and one
 * fixed reading keeps comparisons of the same field consistent. Fractions finer than a millisecond are
 * truncated. Throws a one-line ValidationError (the value is never echoed) when unparseable.
 * @example parseGovWinDate('2014-08-04T13:51:44-04:00') // 1407174704000
 */
export const parseGovWinDate = (value: unknown, kind = 'GovWin date'): number => {
  if (typeof value !== 'string' || value.length > 40) return fail(kind, value);
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, offset] = iso;
    if (y && mo && d) return build(kind, text, { y, mo, d, h, mi, s, frac, offset });
  }
  const us = US.exec(text);
  if (us) {
    const [, mo, d, y, h, mi, s] = us;
    if (y && mo && d) return build(kind, text, { y, mo, d, h, mi, s });
  }
  return fail(kind, value);
};

/**
 * Normalises a GovWin date to ISO 8601 UTC with milliseconds (`2014-08-04T17:51:44.000Z`), the form stored
 * in watermarks. Normalised values compare chronologically as plain strings.
 * @example normaliseGovWinDate('08/04/2014') // '2014-08-04T00:00:00.000Z'
 */
export const normaliseGovWinDate = (value: unknown, kind = 'GovWin date'): string =>
  new Date(parseGovWinDate(value, kind)).toISOString();

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Normalises an ISO 8601 instant that carries its zone (`Z` or `±HH:MM`), such as an AWS `LastModifiedDate`
 * or an audit range bound, to `toISOString()` form. Throws a one-line ValidationError otherwise.
 * @example normaliseIsoInstant('2025-01-02T03:04:05+01:00', 'from') // '2025-01-02T02:04:05.000Z'
 */
export const normaliseIsoInstant = (value: unknown, kind: string): string => {
  if (typeof value !== 'string' || value.length > 40 || !INSTANT.test(value))
    throw new ValidationError(
      `${kind} is invalid: expected an ISO 8601 date-time with a zone, got ${describeValue(value)}`,
      { code: 'INVALID_DATE' }
    );
  return new Date(parseGovWinDate(value, kind)).toISOString();
};
