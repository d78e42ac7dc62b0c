// GovWin acquisition status -> pipeline stage. The stage *ids* are per portal and come from
// configuration or the pipeline API (prior-art §22 Q11); this module only knows stage keys and labels.

/** The GovWin-managed stages of the deal pipeline, in pipeline order, with their display labels. */
export const GOVWIN_STAGES = [
  {
    key: 'opportunity_identified',
    label: 'Opportunity Identified',
    probability: '0.1',
    isClosed: false,
  },
  {
    key: 'reviewing_requirements',
    label: 'Reviewing Requirements',
    probability: '0.2',
    isClosed: false,
  },
  { key: 'preparing_response', label: 'Preparing Response', probability: '0.4', isClosed: false },
  { key: 'submitted', label: 'Submitted', probability: '0.6', isClosed: false },
  { key: 'closed_won', label: 'Closed Won', probability: '1.0', isClosed: true },
  { key: 'closed_lost', label: 'Closed Lost', probability: '0.0', isClosed: true },
  { key: 'declined', label: 'Declined', probability: '0.0', isClosed: true },
  { key: 'other', label: 'Other', probability: '0.1', isClosed: false },
] as const;
export type GovWinStageKey = (typeof GOVWIN_STAGES)[number]['key'];

/** GovWin status values (compared case-insensitively, trimmed) for each stage. */
export const STATUS_STAGE_TABLE: Readonly<Record<GovWinStageKey, readonly string[]>> = {
  opportunity_identified: ['Pre-RFP', 'Pre-Solicitation', 'Forecast Pre-RFP', 'Umbrella Program'],
  reviewing_requirements: ['RFP Released', 'RFP', 'Solicitation'],
  preparing_response: ['Proposal Submitted'],
  submitted: ['Under Evaluation', 'Evaluation', 'Source Selection', 'Post-RFP'],
  closed_won: ['Awarded', 'Award', 'Partial Award'],
  closed_lost: ['Cancelled', 'Canceled', 'Closed', 'Lost', 'Deleted/Canceled', 'Expired/Archived'],
  declined: ['Declined'],
  other: ['Other'],
};

/** The stage used for a status the table does not know (reported as a warning, not hidden). */
export const UNMAPPED_STATUS_STAGE: GovWinStageKey = 'other';

const LOOKUP = new Map<string, GovWinStageKey>(
  (Object.entries(STATUS_STAGE_TABLE) as [GovWinStageKey, readonly string[]][]).flatMap(
    ([stage, statuses]) => statuses.map((s) => [s.toLowerCase(), stage] as const)
  )
);

/**
 * The stage key for a GovWin status, or undefined when the status is not in the table.
 * @example stageForStatus('RFP Released') // 'reviewing_requirements'
 */
export const stageForStatus = (status: string): GovWinStageKey | undefined =>
  LOOKUP.get(status.trim().replace(/\s+/g, ' ').toLowerCase());

/** True for a stage key this module manages. */
export const isGovWinStageKey = (value: string): value is GovWinStageKey =>
  GOVWIN_STAGES.some((s) => s.key === value);
