// The scripted AWS review: after submission an opportunity walks through a list of steps, each
// applied `afterMs` (simulated) after the previous one. A step can change the review status, the
// partner-side lifecycle (Launched, Closed Lost + reason) and AWS's own view. `Action Required`
// pauses the script until the partner updates the opportunity (which puts it back in review);
// `Rejected` ends it. Every value is checked against the SDK's enums when the script is set.
import type {
  AwsClosedLostReason,
  AwsOpportunityStage,
  ClosedLostReason,
  ReviewStatus,
  Stage,
} from '@aws-sdk/client-partnercentral-selling';
import type { Catalog } from '@govwin-ace/shared-core';
import type { SellingModel } from './sdk-model';

export interface ReviewStep {
  /** Simulated milliseconds after the previous step (the first: after submission). */
  afterMs: number;
  reviewStatus?: ReviewStatus;
  /** AWS reviewer feedback, shown as LifeCycle.ReviewComments. */
  reviewComments?: string;
  reviewStatusReason?: string;
  /** Partner-side LifeCycle.Stage, e.g. `Launched` or `Closed Lost`. */
  stage?: Stage;
  closedLostReason?: ClosedLostReason;
  /** AWS-side stage in GetAwsOpportunitySummary. */
  awsStage?: AwsOpportunityStage;
  awsClosedLostReason?: AwsClosedLostReason;
  /** AWS seller's next steps in GetAwsOpportunitySummary. */
  awsNextSteps?: string;
}

export interface ReviewContext {
  catalog: Catalog;
  opportunityId: string;
  partnerOpportunityIdentifier: string | undefined;
  title: string | undefined;
}

/** One script for every opportunity, or a function choosing one per opportunity. */
export type ReviewScript = readonly ReviewStep[] | ((ctx: ReviewContext) => readonly ReviewStep[]);

export const DEFAULT_REVIEW_SCRIPT: readonly ReviewStep[] = [
  { afterMs: 1_000, reviewStatus: 'In review' },
  { afterMs: 2_000, reviewStatus: 'Approved', awsStage: 'Qualified' },
];

const ENUM_FIELDS = [
  ['reviewStatus', 'ReviewStatus'],
  ['stage', 'Stage'],
  ['closedLostReason', 'ClosedLostReason'],
  ['awsStage', 'AwsOpportunityStage'],
  ['awsClosedLostReason', 'AwsClosedLostReason'],
] as const;

const STEP_KEYS = new Set([
  'afterMs',
  'reviewComments',
  'reviewStatusReason',
  'awsNextSteps',
  ...ENUM_FIELDS.map(([key]) => key),
]);

/** Checks a script's steps; throws a one-line error naming the first bad step. */
export const validateReviewSteps = (
  model: SellingModel,
  steps: readonly ReviewStep[]
): readonly ReviewStep[] => {
  if (!Array.isArray(steps)) throw new TypeError('review script: must be a list of steps');
  steps.forEach((step, i) => {
    const where = `review script step ${i}`;
    if (typeof step !== 'object' || step === null) throw new TypeError(`${where}: not an object`);
    for (const key of Object.keys(step)) {
      if (!STEP_KEYS.has(key)) throw new TypeError(`${where}: unknown key ${key}`);
    }
    if (!Number.isFinite(step.afterMs) || step.afterMs < 0) {
      throw new RangeError(`${where}: afterMs must be a number >= 0`);
    }
    for (const [key, enumName] of ENUM_FIELDS) {
      const value = step[key];
      if (value !== undefined && !model.enumValues(enumName).includes(value)) {
        throw new RangeError(`${where}: ${key} must be one of the SDK's ${enumName} values`);
      }
    }
    if (step.reviewStatus === 'Pending Submission') {
      throw new RangeError(`${where}: a review cannot return to Pending Submission`);
    }
  });
  return steps;
};
