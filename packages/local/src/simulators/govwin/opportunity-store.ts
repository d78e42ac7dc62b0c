// In-memory opportunity store of the GovWin simulator: records keyed by global id plus a small
// index (parsed dates, NAICS, agency, lower-cased text) so each listing call is one linear pass
// and one sort — no per-request quadratic work.
import type {
  GovWinJson,
  GovWinMarkVersion,
  GovWinOpportunityRecord,
} from '../../fixtures/govwin-fixtures';

export interface IndexedOpportunity {
  record: GovWinOpportunityRecord;
  id: string;
  prefix: string;
  iqOppId: number;
  createdAt: number | undefined;
  updatedAt: number | undefined;
  solicitationAt: number | undefined;
  responseAt: number | undefined;
  awardAt: number | undefined;
  value: number | undefined;
  title: string;
  buyingOrg: string;
  requirement: string;
  govEntityId: number | undefined;
  naics: string[];
  text: string;
}

export const OPPORTUNITY_ID = /^[A-Z]{3,4}\d+$/;

const asObject = (v: unknown): GovWinJson | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as GovWinJson) : undefined;

/**
 * Tolerant date parsing for indexing: ISO with or without offset (no offset = UTC),
 * `MM/DD/YYYY`, or a `{ value }` date object. Undefined when absent or unparseable.
 */
export const parseLooseDate = (v: unknown): number | undefined => {
  const raw = asObject(v) ? asObject(v)?.value : v;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  if (us) return Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]));
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(raw);
  const t = Date.parse(hasZone || !raw.includes('T') ? raw : `${raw}Z`);
  return Number.isNaN(t) ? undefined : t;
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export const indexRecord = (record: GovWinOpportunityRecord): IndexedOpportunity => {
  const o = record.opportunity;
  const id = text(o.id);
  if (!OPPORTUNITY_ID.test(id))
    throw new TypeError('govwin sim: opportunity id must look like OPP123');
  const entity = asObject(o.govEntity);
  const naics = [
    asObject(o.primaryNAICS)?.id,
    ...(Array.isArray(o.additionalNaics) ? o.additionalNaics : []).map((n) => asObject(n)?.id),
  ].filter((n): n is string => typeof n === 'string' && n !== '');
  const rawValue = typeof o.oppValue === 'string' ? Number(o.oppValue) : o.oppValue;
  return {
    record,
    id,
    prefix: id.replace(/\d+$/, ''),
    iqOppId: typeof o.iqOppId === 'number' ? o.iqOppId : Number(id.replace(/^\D+/, '')),
    createdAt: parseLooseDate(o.createdDate),
    updatedAt: parseLooseDate(o.updateDate),
    solicitationAt: parseLooseDate(o.solicitationDate),
    responseAt: parseLooseDate(o.responseDate),
    awardAt: parseLooseDate(o.awardDate),
    value: typeof rawValue === 'number' && Number.isFinite(rawValue) ? rawValue : undefined,
    title: text(o.title),
    buyingOrg: text(entity?.title),
    requirement: text(o.primaryRequirement),
    govEntityId: typeof entity?.id === 'number' ? entity.id : undefined,
    naics,
    text: `${text(o.title)} ${text(o.description)}`.toLowerCase(),
  };
};

export interface OpportunityStore {
  get(id: string): IndexedOpportunity | undefined;
  all(): IndexedOpportunity[];
  put(record: GovWinOpportunityRecord): IndexedOpportunity;
  setMark(id: string, version: GovWinMarkVersion, at: string | undefined): void;
  clearAllMarks(id: string): void;
  size(): number;
}

export const makeOpportunityStore = (
  records: readonly GovWinOpportunityRecord[]
): OpportunityStore => {
  const byId = new Map<string, IndexedOpportunity>();
  const put = (record: GovWinOpportunityRecord) => {
    const indexed = indexRecord(record);
    byId.set(indexed.id, indexed);
    return indexed;
  };
  for (const r of records) put(structuredClone(r));
  return {
    get: (id) => byId.get(id),
    all: () => [...byId.values()],
    put,
    setMark: (id, version, at) => {
      const entry = byId.get(id);
      if (!entry) return;
      if (at === undefined) delete entry.record.marks[version];
      else entry.record.marks[version] = at;
    },
    clearAllMarks: (id) => {
      const entry = byId.get(id);
      if (entry) entry.record.marks = {};
    },
    size: () => byId.size,
  };
};
