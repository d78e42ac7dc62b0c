// How AWS reviews each soak submission: a seeded mix of outcomes (approved, action required, rejected,
// launched, closed lost) with review windows long enough for reps to edit deals while AWS reviews them.
// The outcome of a deal is a pure function of (seed, GovWin id), so a seed reproduces the same reviews.

import { makeRng } from '../simulators/common/rng';
import type { ReviewContext, ReviewStep } from '../simulators/partner-central/index';

export const REVIEW_OUTCOMES = [
  'approved',
  'action-required',
  'rejected',
  'launched',
  'closed-lost',
] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Outcome of a deal's review: 60% approved, then 10% each of the others. */
export const reviewOutcomeFor = (seed: number, govwinId: string): ReviewOutcome => {
  const r = makeRng(`${seed}:review:${govwinId}`).next();
  if (r < 0.6) return 'approved';
  if (r < 0.7) return 'action-required';
  if (r < 0.8) return 'rejected';
  if (r < 0.9) return 'launched';
  return 'closed-lost';
};

/**
 * The review steps of one outcome. `scale` shortens every delay (1 = production-like seconds).
 * The window between `In review` and the decision is 15-40 s at scale 1.
 */
export const reviewSteps = (
  outcome: ReviewOutcome,
  seed: number,
  govwinId: string,
  scale = 1
): ReviewStep[] => {
  const rng = makeRng(`${seed}:review-timing:${govwinId}`);
  const ms = (s: number) => Math.round(s * 1000 * scale);
  const inReview: ReviewStep = { afterMs: ms(2), reviewStatus: 'In review' };
  const decision = ms(rng.int(15, 40));
  switch (outcome) {
    case 'approved':
      return [inReview, { afterMs: decision, reviewStatus: 'Approved', awsStage: 'Qualified' }];
    case 'action-required':
      return [
        inReview,
        {
          afterMs: decision,
          reviewStatus: 'Action Required',
          reviewComments: 'Please describe the customer business problem in more detail.',
        },
      ];
    case 'rejected':
      return [inReview, { afterMs: decision, reviewStatus: 'Rejected' }];
    case 'launched':
      return [
        inReview,
        { afterMs: decision, reviewStatus: 'Approved', awsStage: 'Qualified' },
        { afterMs: ms(10), stage: 'Launched' },
      ];
    case 'closed-lost':
      return [
        inReview,
        { afterMs: decision, reviewStatus: 'Approved', awsStage: 'Qualified' },
        { afterMs: ms(10), stage: 'Closed Lost', closedLostReason: 'Customer Deficiency' },
      ];
  }
};

/**
 * A Partner Central simulator review script for the soak: looks the deal's GovWin id up (the opportunity's
 * PartnerOpportunityIdentifier is the deal id) and plays that deal's outcome. Opportunities the soak does
 * not know get the approved path.
 */
export const soakReviewScript =
  (seed: number, govwinIdOfDeal: (dealId: string) => string | undefined, scale = 1) =>
  (ctx: ReviewContext): readonly ReviewStep[] => {
    const govwinId = ctx.partnerOpportunityIdentifier
      ? govwinIdOfDeal(ctx.partnerOpportunityIdentifier)
      : undefined;
    const key = govwinId ?? ctx.opportunityId;
    return reviewSteps(govwinId ? reviewOutcomeFor(seed, govwinId) : 'approved', seed, key, scale);
  };
