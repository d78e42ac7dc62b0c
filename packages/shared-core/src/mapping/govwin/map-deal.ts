import { GOVWIN_OPP_ID } from '../../keys/ids';
import type { ParsedDate } from './dates';
import { DEAL_FIELDS, type DealFacts, type DealMappingContext } from './deal-fields';
import { isRawRecord, type MappingIssue, makeFieldReader } from './field-reader';
import type { GovWinStageKey } from './status-stage';

/** HubSpot properties as written: every value a string (HubSpot's wire format). */
export type HubSpotProperties = Record<string, string>;

/** A successfully mapped opportunity. */
export interface MappedDeal {
  govwinId: string;
  /** GovWin `updateDate`, for the watermark. */
  updateDate: ParsedDate;
  properties: HubSpotProperties;
  /** The stage key the status maps to (also when no pipeline is configured). */
  stage: GovWinStageKey;
  /** GovWin govEntity id of the buying agency, when present and valid. */
  govEntityId?: string;
  /** A NAICS code the industry table does not know (count and report it). */
  unmappedNaics?: string;
  /** Field-level problems that did not stop the mapping. */
  warnings: MappingIssue[];
}

/** The outcome of mapping one record: mapped (maybe with warnings) or rejected with one reason. */
export type MapOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string; govwinId?: string; warnings: MappingIssue[] };

/** De-duplicates issues (several rows may read the same bad field). */
export const uniqueIssues = (issues: readonly MappingIssue[]): MappingIssue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.field}\u0000${i.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * Maps one GovWin opportunity to HubSpot deal properties. Rejects (with one clear reason) a record
 * that cannot be keyed or change-tracked: missing/invalid `id`, missing/unparseable `updateDate`.
 * Every other problem drops only the affected field and is returned as a warning.
 * @example const out = mapOpportunityToDeal(opp, { pipeline }); if (out.ok) upsert(out.value.properties);
 */
export const mapOpportunityToDeal = (
  raw: unknown,
  ctx: DealMappingContext = {}
): MapOutcome<MappedDeal> => {
  const issues: MappingIssue[] = [];
  if (!isRawRecord(raw)) return { ok: false, reason: 'record is not an object', warnings: [] };
  const r = makeFieldReader(raw, issues);
  const id = typeof raw.id === 'string' ? raw.id.trim() : undefined;
  if (id === undefined || !GOVWIN_OPP_ID.test(id)) {
    return { ok: false, reason: 'id is missing or not a GovWin opportunity id', warnings: [] };
  }
  const updateDate = r.date('updateDate');
  if (updateDate === undefined) {
    return {
      ok: false,
      govwinId: id,
      reason: 'updateDate is missing or unparseable, so changes cannot be tracked',
      warnings: uniqueIssues(issues),
    };
  }
  const facts: DealFacts = {};
  const properties: HubSpotProperties = {};
  for (const row of DEAL_FIELDS) {
    const value = row.map(r, ctx, facts);
    if (value !== undefined && value !== '') properties[row.property] = value;
  }
  const govEntityId = r.child('govEntity')?.digits('id');
  return {
    ok: true,
    value: {
      govwinId: id,
      updateDate,
      properties,
      stage: facts.stage ?? 'other',
      ...(govEntityId !== undefined ? { govEntityId } : {}),
      ...(facts.unmappedNaics !== undefined ? { unmappedNaics: facts.unmappedNaics } : {}),
      warnings: uniqueIssues(issues),
    },
  };
};
