// GovWin date handling. GovWin sends dates as ISO strings with or without an offset
// (`2014-08-04T13:51:44-04:00`, `2015-12-16T00:00:00.000`), as `MM/DD/YYYY` or `yyyy-MM-dd`, and
// wraps some of them in `{ value, deltekEstimate, govtEstimate }` objects (external-apis §3.6).
// HubSpot wants epoch milliseconds as strings; `date` properties must be UTC midnight.

/** Earliest and latest instants we accept (1900-01-01 .. 2199-12-31 UTC); anything else is garbage. */
export const MIN_DATE_MS = Date.UTC(1900, 0, 1);
export const MAX_DATE_MS = Date.UTC(2199, 11, 31, 23, 59, 59, 999);

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A calendar date (no time zone), as written by the source. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A parsed GovWin date: the exact instant plus the calendar date as written. */
export interface ParsedDate {
  /** Epoch ms of the instant. Naive date-times (no offset) are read as UTC. */
  epochMs: number;
  /** The calendar date as written in the source (before any offset is applied). */
  date: CalendarDate;
}

const validCalendar = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
};

const parseOffsetMinutes = (offset: string | undefined): number | undefined => {
  if (offset === undefined || offset === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
};

const inRange = (ms: number): boolean => ms >= MIN_DATE_MS && ms <= MAX_DATE_MS;

const parseIso = (text: string): ParsedDate | undefined => {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validCalendar(year, month, day)) return undefined;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offset = parseOffsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  return inRange(epochMs) ? { epochMs, date: { year, month, day } } : undefined;
};

const parseUs = (text: string): ParsedDate | undefined => {
  const m = US.exec(text);
  if (!m) return undefined;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validCalendar(year, month, day)) return undefined;
  const epochMs = Date.UTC(year, month - 1, day);
  return inRange(epochMs) ? { epochMs, date: { year, month, day } } : undefined;
};

const fromEpoch = (ms: number): ParsedDate | undefined => {
  if (!Number.isSafeInteger(ms) || !inRange(ms)) return undefined;
  const d = new Date(ms);
  return {
    epochMs: ms,
    date: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
  };
};

/**
 * Parses any GovWin date shape: an ISO string (offset optional; naive values are read as UTC), a
 * `MM/DD/YYYY` string, epoch milliseconds, or an object with a `value` holding one of those.
 * Returns undefined for anything else (including impossible dates such as 02/30/2024).
 * @example readGovWinDate({ value: '2015-12-16T00:00:00.000' })?.epochMs // 1450224000000
 */
export const readGovWinDate = (input: unknown): ParsedDate | undefined => {
  if (input !== null && typeof input === 'object' && 'value' in input) {
    return readGovWinDate((input as { value: unknown }).value);
  }
  if (typeof input === 'number') return fromEpoch(input);
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (text === '') return undefined;
  return parseIso(text) ?? parseUs(text);
};

/** UTC midnight of a calendar date, in epoch ms (what HubSpot `date` properties require). */
export const utcMidnight = (date: CalendarDate): number =>
  Date.UTC(date.year, date.month - 1, date.day);

/** Formats a calendar date as `YYYY-MM-DD`. */
export const formatCalendarDate = (date: CalendarDate): string =>
  `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
