// Runs review scripts: schedules each step on the simulated clock, applies it to the opportunity
// and AWS's summary, and announces every change as an `Opportunity Updated` event.
import { nextModified } from './context';
import type { ReviewContext, ReviewStep } from './review-script';
import type { Scheduler } from './scheduler';
import type { InvitationRecord, OpportunityEntry } from './state';
import type { Json } from './validate';

export interface ReviewEngine {
  /** Starts the script for a freshly submitted opportunity. */
  start(entry: OpportunityEntry, at: number): void;
  /** A partner update of an `Action Required` opportunity sends it back into review. */
  partnerUpdated(entry: OpportunityEntry, at: number): void;
  /** Applies the next step now, whatever its timing; false when none is pending. */
  advance(entry: OpportunityEntry, at: number): boolean;
  /** Replaces the remaining steps of one opportunity (from now). */
  setScript(entry: OpportunityEntry, steps: readonly ReviewStep[], at: number): void;
}

export interface ReviewDeps {
  scheduler: Scheduler;
  scriptFor(ctx: ReviewContext): readonly ReviewStep[];
  /** Called when `scriptFor` throws; the opportunity then stays as submitted. */
  onScriptError(): void;
  emitUpdated(entry: OpportunityEntry, at: number): void;
  senderInvitation(entry: OpportunityEntry): InvitationRecord | undefined;
}

const MAX_HISTORY = 50;

const applyToAws = (entry: OpportunityEntry, step: ReviewStep, at: number): void => {
  const aws = entry.aws;
  if (!aws) return;
  const life = { ...((aws.LifeCycle as Json | undefined) ?? {}) };
  if (step.awsStage) life.Stage = step.awsStage;
  if (step.awsClosedLostReason) life.ClosedLostReason = step.awsClosedLostReason;
  if (step.awsNextSteps) {
    life.NextSteps = step.awsNextSteps;
    const history = [...((life.NextStepsHistory as Json[] | undefined) ?? [])];
    history.push({ Value: step.awsNextSteps, Time: at });
    life.NextStepsHistory = history.slice(-MAX_HISTORY);
  }
  aws.LifeCycle = life;
};

export const makeReviewEngine = (deps: ReviewDeps): ReviewEngine => {
  const schedule = (entry: OpportunityEntry, from: number) => {
    const review = entry.review;
    const step = review.steps[review.next];
    if (!step) {
      review.waiting = 'done';
      return;
    }
    review.waiting = 'time';
    const generation = review.generation;
    const index = review.next;
    deps.scheduler.at(from + step.afterMs, (dueAt) => {
      if (review.generation !== generation || review.next !== index) return;
      apply(entry, dueAt);
    });
  };

  const apply = (entry: OpportunityEntry, at: number) => {
    const review = entry.review;
    const step = review.steps[review.next];
    if (!step) return;
    review.next += 1;
    review.generation += 1;
    const record = entry.record;
    const life = { ...record.LifeCycle };
    if (step.reviewStatus) {
      life.ReviewStatus = step.reviewStatus;
      if (step.reviewStatus !== 'Action Required' && step.reviewStatus !== 'Rejected') {
        delete life.ReviewStatusReason;
      }
    }
    if (step.reviewComments !== undefined) life.ReviewComments = step.reviewComments;
    if (step.reviewStatusReason !== undefined) life.ReviewStatusReason = step.reviewStatusReason;
    if (step.stage) life.Stage = step.stage;
    if (step.closedLostReason) life.ClosedLostReason = step.closedLostReason;
    record.LifeCycle = life;
    record.LastModifiedDate = nextModified(record.LastModifiedDate, at);
    applyToAws(entry, step, at);
    const invitation = deps.senderInvitation(entry);
    if (invitation?.Status === 'PENDING') {
      if (step.reviewStatus === 'Approved') invitation.Status = 'ACCEPTED';
      if (step.reviewStatus === 'Rejected') invitation.Status = 'REJECTED';
    }
    deps.emitUpdated(entry, at);
    if (step.reviewStatus === 'Action Required') review.waiting = 'partner';
    else if (step.reviewStatus === 'Rejected') review.waiting = 'done';
    else schedule(entry, at);
  };

  return {
    start: (entry, at) => {
      const r = entry.record;
      const project = r.Project as Json | undefined;
      let steps: readonly ReviewStep[] = [];
      try {
        steps = deps.scriptFor({
          catalog: r.Catalog,
          opportunityId: r.Id,
          partnerOpportunityIdentifier: r.PartnerOpportunityIdentifier as string | undefined,
          title: project?.Title as string | undefined,
        });
      } catch {
        deps.onScriptError();
      }
      entry.review = {
        steps,
        next: 0,
        waiting: 'idle',
        generation: entry.review.generation + 1,
      };
      schedule(entry, at);
    },
    partnerUpdated: (entry, at) => {
      if (entry.review.waiting !== 'partner') return;
      entry.record.LifeCycle = { ...entry.record.LifeCycle, ReviewStatus: 'Submitted' };
      entry.review.generation += 1;
      schedule(entry, at);
    },
    advance: (entry, at) => {
      const review = entry.review;
      if (review.waiting !== 'time' || !review.steps[review.next]) return false;
      apply(entry, at);
      return true;
    },
    setScript: (entry, steps, at) => {
      const review = entry.review;
      review.steps = steps;
      review.next = 0;
      review.generation += 1;
      if (review.waiting === 'time' || review.waiting === 'done') schedule(entry, at);
    },
  };
};
