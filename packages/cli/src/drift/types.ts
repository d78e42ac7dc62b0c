// The drift report's data: what was read from GovWin, HubSpot, the state tables and Partner Central
// (a snapshot), and what differs (findings), each with the repair that would fix it.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import type { SubmitterSettings } from '@govwin-ace/ace-submitter';
import type { AceSubmission, Watermark } from '@govwin-ace/shared-core';

/** What kind of difference a finding is. */
export type DriftKind = 'missing' | 'stale' | 'conflict';

/** How a finding is repaired. Every automatic repair goes through the normal queues or code paths. */
export type RepairAction =
  /** A govwin-sync message: the worker re-reads GovWin and upserts the deal (validated, audited). */
  | { kind: 'enqueue-sync'; govwinId: string; updateDate: string }
  /** A submit message: the submitter runs its normal create -> associate -> engage steps. */
  | { kind: 'enqueue-submit'; dealId: string; stageId: string }
  /** An update message for one deal property: the submitter's update path (ownership check, audit). */
  | { kind: 'enqueue-update'; dealId: string; property: string }
  /** The events handler's mirror step: ACE state onto the deal (audited HubSpot write). */
  | { kind: 'mirror'; dealId: string; aceId: string }
  /** Nothing automatic is safe: the advice says what an operator should do. */
  | { kind: 'none'; advice: string };

/** One row of the report. */
export interface DriftFinding {
  /** Stable short id (same drift, same id across runs): what `drift --repair <id>` takes. */
  id: string;
  kind: DriftKind;
  /** Machine code, e.g. `govwin-stale`, `mirror-stale`, `ace-field-conflict`. */
  code: string;
  leg: 'govwin-hubspot' | 'hubspot-ace';
  dealId?: string;
  govwinId?: string;
  aceId?: string;
  /** The HubSpot property (or ACE association) that differs. */
  field?: string;
  /** One line: ids, property names and enum values only, never free text. */
  detail: string;
  repair: RepairAction;
}

/** The GovWin side of one opportunity. */
export interface GovWinSide {
  govwinId: string;
  /** Normalised ISO updateDate. */
  updateDate: string;
  /** HubSpot properties the sync would write (pipeline and stage excluded), or the mapping's refusal. */
  mapped?: Record<string, string>;
  rejected?: string;
}

/** One ACE opportunity as read (or why it could not be). */
export type AceSide =
  | { status: 'found'; opp: GetOpportunityCommandOutput }
  | { status: 'missing' }
  | { status: 'unreadable'; error: string };

/** Everything the comparison needs; built by the collector, compared by `findDrift`. */
export interface DriftSnapshot {
  /** Undefined when the GovWin leg was skipped. */
  govwin: GovWinSide[] | undefined;
  watermarks: ReadonlyMap<string, Watermark>;
  /** Live deals by id (archived or deleted ones absent). */
  deals: ReadonlyMap<string, { id: string; properties: Record<string, string | null> }>;
  /** Deal ids the GovWin leg knows by GovWin id (from watermarks and a HubSpot search). */
  dealByGovwin: ReadonlyMap<string, string>;
  /** Deal ids the ACE leg compares (mapping rows, submit-stage deals, deals with a co-sell id). */
  aceDealIds: readonly string[];
  submissions: ReadonlyMap<string, AceSubmission>;
  ace: ReadonlyMap<string, AceSide>;
}

/** Configuration the comparison reads: the submitter's own settings, plus today's date. */
export type DriftSettings = SubmitterSettings & {
  /** Today (UTC) as YYYY-MM-DD. */
  today: string;
};
