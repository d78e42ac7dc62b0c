// Defensive reading of GovWin records. GovWin shapes vary by opportunity type (external-apis §3.6,
// prior-art §3.6), so each field is read on its own: a wrong type or an unparseable value drops that
// field and records an issue naming the field and the problem — never the value, which may be PII.
import { type ParsedDate, readGovWinDate } from './dates';

/** A JSON object as received from GovWin. */
export type RawRecord = Readonly<Record<string, unknown>>;

/** One field-level problem found while mapping; `problem` never contains the field's value. */
export interface MappingIssue {
  field: string;
  problem: string;
}

/** True for a plain JSON object (not null, not an array). */
export const isRawRecord = (value: unknown): value is RawRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Reads fields of one GovWin object, collecting issues into a shared list. */
export interface FieldReader {
  /** The underlying record. */
  readonly raw: RawRecord;
  /** A trimmed non-empty string (numbers are stringified), or undefined. */
  text(field: string): string | undefined;
  /** A non-negative integer id given as number or digit string, or undefined. */
  digits(field: string): string | undefined;
  /** Any GovWin date shape, or undefined. */
  date(field: string): ParsedDate | undefined;
  /** A nested object as a reader (issues keep the dotted path), or undefined. */
  child(field: string): FieldReader | undefined;
  /** The objects of an array field (non-objects are skipped and reported). */
  list(field: string): FieldReader[];
  /** True when the field is absent, null or blank. */
  isMissing(field: string): boolean;
  /** Records an issue for `field` (relative to this reader). */
  report(field: string, problem: string): void;
}

/**
 * Creates a reader over `raw`. `path` prefixes field names in issues (e.g. `govEntity.title`).
 * @example const r = makeFieldReader(opp, issues); const title = r.text('title');
 */
export const makeFieldReader = (raw: RawRecord, issues: MappingIssue[], path = ''): FieldReader => {
  const name = (field: string) => (path ? `${path}.${field}` : field);
  const report = (field: string, problem: string) => issues.push({ field: name(field), problem });
  const reader: FieldReader = {
    raw,
    report,
    isMissing: (field) => isBlank(raw[field]),
    text: (field) => {
      const value = raw[field];
      if (isBlank(value)) return undefined;
      if (typeof value === 'string') return value.trim();
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'boolean') return String(value);
      report(field, `expected text, got ${Array.isArray(value) ? 'array' : typeof value}`);
      return undefined;
    },
    digits: (field) => {
      const value = raw[field];
      if (isBlank(value)) return undefined;
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text === 'string' && /^\d{1,19}$/.test(text.trim())) return text.trim();
      report(field, 'expected a numeric id');
      return undefined;
    },
    date: (field) => {
      const value = raw[field];
      if (isBlank(value) || (isRawRecord(value) && isBlank(value.value))) return undefined;
      const parsed = readGovWinDate(value);
      if (!parsed) report(field, 'unparseable date');
      return parsed;
    },
    child: (field) => {
      const value = raw[field];
      if (isBlank(value)) return undefined;
      if (isRawRecord(value)) return makeFieldReader(value, issues, name(field));
      report(field, 'expected an object');
      return undefined;
    },
    list: (field) => {
      const value = raw[field];
      if (isBlank(value)) return [];
      if (!Array.isArray(value)) {
        report(field, 'expected a list');
        return [];
      }
      return value.flatMap((item, i) => {
        if (isRawRecord(item)) return [makeFieldReader(item, issues, `${name(field)}[${i}]`)];
        report(`${field}[${i}]`, 'expected an object');
        return [];
      });
    },
  };
  return reader;
};
