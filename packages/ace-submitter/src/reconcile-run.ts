// What every reconcile sweep shares: the run's counters, its bounds, per-item error isolation, and one way
// to stop a sweep early (one warning line + one metric) so an operator sees a run that could not finish.
import { METRICS } from './context';
import type { LoggerPort, MetricsPort } from './ports';

/** Counters of one reconcile run. */
export interface ReconcileStats {
  parkedRows: number;
  replayed: number;
  stillLocked: number;
  checked: number;
  reMirrored: number;
  failedTasks: number;
  /** Accepted referrals whose opportunity this sweep bound to the deal. */
  acceptsBound: number;
  /** HubSpot search pages of trigger-stage deals read. */
  dealPages: number;
  /** Trigger-stage deals with no submission on record (candidates for a re-queued submit message). */
  unsubmitted: number;
  /** Submit messages sent for them (the rest have a submission in flight or are over the per-run bound). */
  requeued: number;
  /** ListEngagementInvitations pages read. */
  invitationPages: number;
  /** Pending referral invitations listed. */
  invitationsChecked: number;
  /** Referral deals created for invitations that had none. */
  referralsCreated: number;
  /** Invitations whose referral deal another invocation (the events handler) was creating right then. */
  referralsInFlight: number;
  /** HubSpot search pages of recently modified submitted deals read (lost-edit sweep). */
  editPages: number;
  /** Submitted deals whose property history the lost-edit sweep looked at. */
  editDealsChecked: number;
  /** Properties a rep changed since the deal was last checked, handed to the update use case. */
  editsFound: number;
  /** Of those, applied to ACE now (the others were already there, or are parked while AWS reviews). */
  editsApplied: number;
  editsParked: number;
  /** Records read from the events function's on-failure queue (events that failed all their attempts). */
  failedEvents: number;
  /** Of those, run through the events use case again and deleted. */
  failedEventsRedriven: number;
  /** Failed again: released for the next run. */
  failedEventsRetrying: number;
  /** Left for the operator: received too often, or not a record of the events function. */
  failedEventsLeft: number;
  errors: number;
  /** True when a sweep stopped before it had seen everything (the next run starts it again). */
  truncated: boolean;
  /** `<sweep>:<reason>` of every sweep that stopped early. */
  stoppedEarly: string[];
}

/** A fresh set of counters. */
export const newReconcileStats = (): ReconcileStats => ({
  parkedRows: 0,
  replayed: 0,
  stillLocked: 0,
  checked: 0,
  reMirrored: 0,
  failedTasks: 0,
  acceptsBound: 0,
  dealPages: 0,
  unsubmitted: 0,
  requeued: 0,
  invitationPages: 0,
  invitationsChecked: 0,
  referralsCreated: 0,
  referralsInFlight: 0,
  editPages: 0,
  editDealsChecked: 0,
  editsFound: 0,
  editsApplied: 0,
  editsParked: 0,
  failedEvents: 0,
  failedEventsRedriven: 0,
  failedEventsRetrying: 0,
  failedEventsLeft: 0,
  errors: 0,
  truncated: false,
  stoppedEarly: [],
});

/** The bounds of one run besides its deadline (tests pass smaller ones). */
export interface ReconcileLimits {
  /** Trigger-stage deals per HubSpot search page (HubSpot's maximum is 200). */
  dealPageSize: number;
  /** Search pages read per run at most: a safety cap, never reached by a healthy portal. */
  dealMaxPages: number;
  /** Submit messages sent per run at most (each submission costs three of the 1 write/s ACE calls). */
  requeueMaxPerRun: number;
  /** Invitations per ListEngagementInvitations page (AWS's maximum is 100). */
  invitationPageSize: number;
  /** ListEngagementInvitations pages read per run at most. */
  invitationMaxPages: number;
  /** ListOpportunities pages read per batch of 20 ids at most. */
  statusMaxPagesPerBatch: number;
  /** Recently modified submitted deals per HubSpot search page (lost-edit sweep; at most 200). */
  editPageSize: number;
  /** Search pages of the lost-edit sweep per run at most. */
  editMaxPages: number;
  /**
   * How far back the lost-edit sweep looks for a deal it has not checked yet: HubSpot retries a failed
   * notification for about 24 hours before dropping it, so a bit more than that.
   */
  editLookbackMs: number;
  /** Records of failed events read from the events on-failure queue per run at most. */
  failedEventsMaxPerRun: number;
}

/**
 * Production bounds: 50 pages x 200 = 10,000 trigger-stage deals and 20 x 100 = 2,000 pending invitations
 * per run. Pending invitations expire after 15 days, so 2,000 is far above any partner's inflow.
 */
export const RECONCILE_LIMITS: Readonly<ReconcileLimits> = {
  dealPageSize: 200,
  dealMaxPages: 50,
  requeueMaxPerRun: 25,
  invitationPageSize: 100,
  invitationMaxPages: 20,
  statusMaxPagesPerBatch: 5,
  editPageSize: 200,
  editMaxPages: 50,
  editLookbackMs: 26 * 3600_000,
  failedEventsMaxPerRun: 100,
};

/** The sweeps of a run, in the names the logs and `stoppedEarly` use. */
export type SweepName =
  | 'edits'
  | 'failed-events'
  | 'parked'
  | 'status'
  | 'invitations'
  | 'unsubmitted';
/** Why a sweep stopped before the end of its list. */
export type StopReason = 'deadline' | 'page-cap' | 'requeue-cap' | 'record-cap';

/** The per-run helpers every sweep uses. */
export interface SweepTools {
  /** Runs one item; a failure is counted and logged (ids and codes only) and the sweep goes on. */
  safely: (
    stats: ReconcileStats,
    id: string | Record<string, string>,
    work: () => Promise<void>
  ) => Promise<void>;
  /** Records that `sweep` stopped before the end of its list: one warning line and one metric per reason. */
  stopEarly: (
    stats: ReconcileStats,
    sweep: SweepName,
    reason: StopReason,
    detail?: Record<string, number>
  ) => void;
}

/**
 * Builds the per-run helpers.
 * @example const { safely, stopEarly } = makeSweepTools({ logger, metrics });
 */
export const makeSweepTools = (deps: { logger: LoggerPort; metrics: MetricsPort }): SweepTools => ({
  safely: async (stats, id, work) => {
    try {
      await work();
    } catch (err) {
      stats.errors += 1;
      deps.logger.warn('reconcile item failed', {
        ...(typeof id === 'string' ? { dealId: id } : id),
        code: (err as { code?: string })?.code ?? (err as Error)?.name,
      });
    }
  },
  stopEarly: (stats, sweep, reason, detail = {}) => {
    stats.truncated = true;
    const what = `${sweep}:${reason}`;
    if (stats.stoppedEarly.includes(what)) return;
    stats.stoppedEarly.push(what);
    deps.logger.warn('reconcile sweep stopped early; the next run starts it again', {
      sweep,
      reason,
      ...detail,
    });
    deps.metrics.count(METRICS.sweepStoppedEarly);
  },
});
