// The lifecycle tables, explicit and in one place (documented in docs/ace-mapping.md):
//  - outbound: which LifeCycle.Stage a new opportunity is created with;
//  - inbound: which HubSpot deal stage mirrors an opportunity's (ReviewStatus, LifeCycle.Stage), with a
//    terminal LifeCycle.Stage winning over ReviewStatus (closed and launched opportunities keep
//    ReviewStatus `Approved`; prior-art quirk 28);
//  - which review statuses lock edits (edits are parked) and which allow parked edits to be replayed.
import type { AceEnumValue } from './enums';

type ReviewStatusValue = AceEnumValue<'ReviewStatus'>;
type StageValue = AceEnumValue<'Stage'>;

/** Keys of the HubSpot deal stages the integration moves deals to; ids come from configuration. */
export const MIRROR_STAGE_KEYS = [
  'submitted',
  'inReview',
  'approved',
  'actionRequired',
  'closedLost',
  'closedWon',
] as const;
export type MirrorStageKey = (typeof MIRROR_STAGE_KEYS)[number];

/** LifeCycle.Stage a new opportunity gets when the deal does not name one: submission needs >= Qualified. */
export const CREATE_DEFAULT_STAGE: StageValue = 'Qualified';

/** Stages an opportunity may be created and submitted in (AWS refuses Prospect and closed ones). */
export const SUBMITTABLE_STAGES: readonly StageValue[] = [
  'Qualified',
  'Technical Validation',
  'Business Validation',
  'Committed',
];

/** Terminal partner stages and the deal stage they force, whatever the review status. */
export const TERMINAL_STAGE_TARGET: Readonly<Partial<Record<StageValue, MirrorStageKey>>> = {
  Launched: 'closedWon',
  'Closed Lost': 'closedLost',
};

/**
 * Review status -> deal stage (when the stage is not terminal). `undefined` = leave the deal stage alone.
 * Typed over the SDK's ReviewStatus union, so a new AWS value fails type checking until it is mapped here.
 */
export const REVIEW_STATUS_TARGET: Readonly<Record<ReviewStatusValue, MirrorStageKey | undefined>> =
  {
    'Pending Submission': undefined,
    Submitted: 'submitted',
    'In review': 'inReview',
    Approved: 'approved',
    'Action Required': 'actionRequired',
    Rejected: 'closedLost',
  };

/** While in these statuses AWS refuses edits: they are parked and replayed later. */
export const REVIEW_LOCKED_STATUSES: readonly string[] = ['Submitted', 'In review'];

/**
 * Statuses in which a refused edit is parked rather than rejected (in `Action Required` only some fields
 * are editable; the rest wait for the review to finish).
 */
export const PARKABLE_STATUSES: readonly string[] = ['Submitted', 'In review', 'Action Required'];

/** Review has ended: parked edits may be replayed. */
export const REPLAY_ALLOWED_STATUSES: readonly string[] = ['Approved', 'Action Required'];

/** What a deal should mirror for one opportunity state. */
export interface MirrorTarget {
  /** Deal stage key to move to, or undefined to leave the stage alone. */
  stageKey: MirrorStageKey | undefined;
  /** True when a terminal LifeCycle.Stage decided the target. */
  terminal: boolean;
  /** Closed Lost reason to mirror (only for a terminal Closed Lost). */
  closedLostReason: string | undefined;
}

/**
 * Applies the inbound table: a terminal LifeCycle.Stage wins (Closed Lost -> closedLost with its reason;
 * Launched -> closedWon); otherwise the review status decides.
 * @example mirrorTarget({ reviewStatus: 'Approved', stage: 'Launched' }) // { stageKey: 'closedWon', terminal: true, … }
 */
export const mirrorTarget = (state: {
  reviewStatus?: string | undefined;
  stage?: string | undefined;
  closedLostReason?: string | undefined;
}): MirrorTarget => {
  const terminal = state.stage ? TERMINAL_STAGE_TARGET[state.stage as StageValue] : undefined;
  if (terminal)
    return {
      stageKey: terminal,
      terminal: true,
      closedLostReason: terminal === 'closedLost' ? state.closedLostReason : undefined,
    };
  const byReview =
    state.reviewStatus && Object.hasOwn(REVIEW_STATUS_TARGET, state.reviewStatus)
      ? REVIEW_STATUS_TARGET[state.reviewStatus as ReviewStatusValue]
      : undefined;
  return { stageKey: byReview, terminal: false, closedLostReason: undefined };
};
