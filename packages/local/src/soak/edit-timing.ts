// When the soak's rep edits a submitted deal: while AWS reviews its opportunity (or after approval), and
// when to give up on a deal that will never get there.

/** What the edit loop knows about one target deal at one poll. */
export interface EditTargetView {
  /** The card accepted the deal's submission. */
  submitted: boolean;
  /** ReviewStatus of the deal's AWS opportunity; undefined while there is none. */
  reviewStatus: string | undefined;
  /** AWS still runs the task that submits the opportunity (StartEngagementFromOpportunityTask). */
  submitTaskRunning: boolean;
  /** The reps have submitted everything they will. */
  repsDone: boolean;
  /** No message, webhook, event or invocation is pending anywhere in the pipeline. */
  quiet: boolean;
}

/** `during`/`after`: edit now (during review, or once approved); `wait`: poll again; `drop`: never will. */
export type EditMoment = 'during' | 'after' | 'wait' | 'drop';

/**
 * Decides one target at one poll. A deal whose submission is finished on our side but whose AWS submit task
 * has not completed yet is still `Pending Submission` while the pipeline is quiet: it waits for the task
 * (which moves it to `Submitted`) instead of being dropped.
 */
export const editMoment = (v: EditTargetView): EditMoment => {
  if (!v.submitted) return v.repsDone ? 'drop' : 'wait';
  if (v.reviewStatus === 'Submitted' || v.reviewStatus === 'In review') return 'during';
  if (v.reviewStatus === 'Approved') return 'after';
  return v.repsDone && v.quiet && !v.submitTaskRunning ? 'drop' : 'wait';
};
