// Scheduled repair (DESIGN §2.4): EventBridge delivery is best effort, so a sweep (1) replays parked edits
// whose review-exit event was missed, (2) re-mirrors opportunities whose mirrored state is stale, compared
// 20 at a time through ListOpportunities, (3) reports submit tasks AWS failed after accepting them, and
// (4) binds the opportunity of an accepted referral whose `Opportunity Created` event was missed,
// (5) re-queues deals left in a trigger stage whose `dealstage` webhook HubSpot never delivered, and
// (6) turns pending AWS referrals whose `Engagement Invitation Created` event was dropped into deals.
import type { OpportunitySummary } from '@aws-sdk/client-partnercentral-selling';
import {
  ACE_INVITATION_ID,
  type AceSubmission,
  DEAL_PROP,
  type EventDedup,
} from '@govwin-ace/shared-core';
import { noteAcceptFailure, settleAcceptTask } from './accept-task';
import { alertOnce } from './alert-once';
import { raiseAlert, type SubmitterDeps, writeDeal } from './context';
import { AcceptTaskFailedError } from './errors';
import { failureNote } from './failure-note';
import { mirrorToDeal, stateOf } from './mirror';
import { createReferralDeal } from './referrals';
import { replayParkedEdits } from './replay-parked';
import type { SubmitRequeuer } from './submit-requeue';

/** Stops starting new work when less than this much time remains. */
export const RECONCILE_SAFETY_MS = 15_000;
const LIST_BATCH = 20;
/** Trigger-stage deals examined per run (one HubSpot search page). */
export const REQUEUE_SCAN_LIMIT = 100;
/** Submit messages sent per run at most. */
export const REQUEUE_MAX_PER_RUN = 25;
/** Pending invitations examined per run, and pages of ListEngagementInvitations read at most. */
export const INVITATION_SCAN_LIMIT = 100;
const INVITATION_PAGE = 50;

/** Counters of one sweep. */
export interface ReconcileStats {
  parkedRows: number;
  replayed: number;
  stillLocked: number;
  checked: number;
  reMirrored: number;
  failedTasks: number;
  /** Accepted referrals whose opportunity this sweep bound to the deal. */
  acceptsBound: number;
  /** Trigger-stage deals with no submission on record (candidates for a re-queued submit message). */
  unsubmitted: number;
  /** Submit messages sent for them (the rest have a submission in flight or are over the per-run bound). */
  requeued: number;
  /** Pending referral invitations listed. */
  invitationsChecked: number;
  /** Referral deals created for invitations that had none. */
  referralsCreated: number;
  errors: number;
  /** True when the sweep stopped early for lack of time (the next run continues). */
  truncated: boolean;
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

const isStale = (row: AceSubmission, s: OpportunitySummary): boolean =>
  iso(s.LastModifiedDate) !== row.lastModifiedDate ||
  s.LifeCycle?.ReviewStatus !== row.reviewStatus ||
  s.LifeCycle?.Stage !== row.lifecycleStage;

/**
 * Builds the reconcile use case.
 * @example const reconcile = makeReconcile(deps); const stats = await reconcile({ remainingMs: () => ctx.getRemainingTimeInMillis() });
 */
export const makeReconcile = (
  deps: SubmitterDeps & {
    dedup: EventDedup;
    /** Sends re-queued submit messages; without it the trigger-stage sweep does not run. */
    submitRequeue?: SubmitRequeuer | undefined;
  }
) => {
  const { ace, repo, logger, settings } = deps;

  const safely = async (
    stats: ReconcileStats,
    id: string | Record<string, string>,
    work: () => Promise<void>
  ) => {
    try {
      await work();
    } catch (err) {
      stats.errors += 1;
      logger.warn('reconcile item failed', {
        ...(typeof id === 'string' ? { dealId: id } : id),
        code: (err as { code?: string })?.code ?? (err as Error)?.name,
      });
    }
  };

  /**
   * Deals in a trigger stage with no submission on record (no `created` step, no opportunity id, no co-sell
   * id on the deal, no failure note the rep still has to act on) get the submit message the receiver would
   * have sent. A deal whose submission already started (its create ClientToken is reserved) is in flight:
   * SQS redelivers that message, and a dead-lettered one has its own alert. The submit path is idempotent,
   * so a message that races a late webhook's is harmless.
   */
  const requeueUnsubmitted = async (stats: ReconcileStats, hasTime: () => boolean) => {
    const requeue = deps.submitRequeue;
    if (!requeue || settings.submitStageIds.length === 0) return;
    const deals = await deps.deals.listDealsInStages(
      settings.submitStageIds,
      [DEAL_PROP.dealStage, DEAL_PROP.cosellId, DEAL_PROP.statusNote],
      REQUEUE_SCAN_LIMIT
    );
    const now = deps.now();
    for (const deal of deals) {
      if (!hasTime()) {
        stats.truncated = true;
        return;
      }
      const p = deal.properties;
      const stageId = p[DEAL_PROP.dealStage] ?? '';
      if (!settings.submitStageIds.includes(stageId)) continue;
      if (p[DEAL_PROP.cosellId] || p[DEAL_PROP.statusNote]) continue;
      await safely(stats, deal.id, async () => {
        const row = await repo.get(deal.id);
        if (row?.aceOpportunityId || row?.steps.created) return;
        stats.unsubmitted += 1;
        if (row?.clientTokens.create) return;
        if (stats.requeued >= REQUEUE_MAX_PER_RUN) return;
        await requeue.request({ dealId: deal.id, stageId, at: now, correlationId: 'reconcile' });
        stats.requeued += 1;
        logger.info('unsubmitted trigger-stage deal re-queued', { dealId: deal.id });
      });
    }
  };

  /**
   * Pending invitations AWS sent to this partner with no referral deal go through exactly what the events
   * handler runs for `Engagement Invitation Created`.
   */
  const sweepInvitations = async (stats: ReconcileStats, hasTime: () => boolean) => {
    let NextToken: string | undefined;
    let listed = 0;
    do {
      const out = await ace.listEngagementInvitations({
        ParticipantType: 'RECEIVER',
        Status: ['PENDING'],
        PayloadType: ['OpportunityInvitation'],
        MaxResults: INVITATION_PAGE,
        ...(NextToken ? { NextToken } : {}),
      });
      for (const summary of out.EngagementInvitationSummaries ?? []) {
        if (!hasTime()) {
          stats.truncated = true;
          return;
        }
        if (listed >= INVITATION_SCAN_LIMIT) return;
        listed += 1;
        const invitationId = summary.Id ?? '';
        if (!ACE_INVITATION_ID.test(invitationId)) continue;
        if (summary.SenderAwsAccountId === settings.awsAccountId) continue;
        stats.invitationsChecked += 1;
        await safely(stats, { invitationId }, async () => {
          if (await repo.findDealByInvitation(invitationId)) return;
          const outcome = await createReferralDeal(deps, invitationId, 'reconcile');
          if (outcome.status === 'referral-created') stats.referralsCreated += 1;
        });
      }
      NextToken = out.NextToken;
    } while (NextToken && listed < INVITATION_SCAN_LIMIT);
  };

  /** Runs one sweep; a failure to list counts as an error and leaves the other sweeps running. */
  const sweep = async (
    stats: ReconcileStats,
    name: string,
    hasTime: () => boolean,
    run: (stats: ReconcileStats, hasTime: () => boolean) => Promise<void>
  ) => {
    if (!hasTime()) {
      stats.truncated = true;
      return;
    }
    await safely(stats, { sweep: name }, () => run(stats, hasTime));
  };

  const replayParked = async (stats: ReconcileStats, hasTime: () => boolean) => {
    for await (const row of repo.listWithParkedEdits()) {
      if (!hasTime()) {
        stats.truncated = true;
        return;
      }
      stats.parkedRows += 1;
      const aceId = row.aceOpportunityId;
      if (!aceId || row.parkedEdits.length === 0) continue;
      await safely(stats, row.dealId, async () => {
        const opp = await ace.getOpportunity(aceId);
        const outcome = await replayParkedEdits(deps, {
          dealId: row.dealId,
          parked: row.parkedEdits,
          opp,
          correlationId: 'reconcile',
        });
        if (outcome === 'replayed' || outcome === 'no-change') stats.replayed += 1;
        if (outcome === 'still-locked') stats.stillLocked += 1;
      });
    }
  };

  const reportFailedTask = async (stats: ReconcileStats, row: AceSubmission, aceId: string) => {
    const latest = (await ace.listEngagementFromOpportunityTasks(aceId))[0];
    if (latest?.TaskStatus !== 'FAILED' || !latest.TaskId) return;
    stats.failedTasks += 1;
    const reason = latest.ReasonCode ?? 'Unknown';
    await alertOnce(deps.dedup, `task-failed:${latest.TaskId}`, async () => {
      await raiseAlert(
        deps,
        'submission-failed',
        `AWS failed the submission of deal ${row.dealId}`,
        {
          dealId: row.dealId,
          aceOpportunityId: aceId,
          taskId: latest.TaskId,
          reasonCode: reason,
        }
      );
      await writeDeal(
        deps,
        row.dealId,
        {
          [DEAL_PROP.statusNote]: `AWS did not accept the submission (${reason}); fix the deal and submit again`,
        },
        'reconcile'
      );
    });
  };

  const checkBatch = async (stats: ReconcileStats, rows: AceSubmission[]) => {
    const byId = new Map(rows.map((r) => [r.aceOpportunityId ?? '', r]));
    const out = await ace.listOpportunities({
      Identifier: [...byId.keys()],
      MaxResults: LIST_BATCH,
    });
    for (const summary of out.OpportunitySummaries ?? []) {
      const row = summary.Id ? byId.get(summary.Id) : undefined;
      if (!row || !summary.Id) continue;
      stats.checked += 1;
      const aceId = summary.Id;
      await safely(stats, row.dealId, async () => {
        if (row.steps.engagementStarted && summary.LifeCycle?.ReviewStatus === 'Pending Submission')
          await reportFailedTask(stats, row, aceId);
        if (!isStale(row, summary)) return;
        const opp = await ace.getOpportunity(aceId);
        const written = await mirrorToDeal(deps, row.dealId, stateOf(opp), {
          correlationId: 'reconcile',
        });
        if (written && written.length > 0) stats.reMirrored += 1;
      });
    }
  };

  /** A referral accept task recorded on a row that has no opportunity yet: bind it once AWS finished. */
  const settleAccept = async (stats: ReconcileStats, row: AceSubmission) => {
    const { dealId, invitationId, acceptTaskId } = row;
    if (!invitationId || !acceptTaskId) return;
    await safely(stats, dealId, async () => {
      const task = (await ace.listAcceptTasksForInvitation(invitationId)).find(
        (t) => t.TaskId === acceptTaskId
      );
      if (!task) return;
      const settled = await settleAcceptTask(deps, { dealId, task, correlationId: 'reconcile' });
      if (settled.status === 'accepted') stats.acceptsBound += 1;
      if (settled.status !== 'failed') return;
      stats.failedTasks += 1;
      await alertOnce(deps.dedup, `accept-failed:${acceptTaskId}`, async () => {
        await raiseAlert(
          deps,
          'referral-accept-failed',
          `AWS referral accept failed (deal ${dealId})`,
          {
            dealId,
            invitationId,
            taskId: acceptTaskId,
            reasonCode: settled.reasonCode,
          }
        );
        await noteAcceptFailure(
          deps,
          dealId,
          failureNote(
            'referral acceptance',
            new AcceptTaskFailedError(`accept task ${acceptTaskId} failed`, settled.reasonCode)
          ),
          'reconcile'
        );
      });
    });
  };

  const remirror = async (stats: ReconcileStats, hasTime: () => boolean) => {
    let batch: AceSubmission[] = [];
    for await (const row of repo.listAll()) {
      if (!row.aceOpportunityId) {
        if (!row.acceptTaskId) continue;
        if (!hasTime()) {
          stats.truncated = true;
          return;
        }
        await settleAccept(stats, row);
        continue;
      }
      batch.push(row);
      if (batch.length < LIST_BATCH) continue;
      if (!hasTime()) {
        stats.truncated = true;
        return;
      }
      await checkBatch(stats, batch);
      batch = [];
    }
    if (batch.length > 0 && hasTime()) await checkBatch(stats, batch);
  };

  return async (options: { remainingMs: () => number }): Promise<ReconcileStats> => {
    const stats: ReconcileStats = {
      parkedRows: 0,
      replayed: 0,
      stillLocked: 0,
      checked: 0,
      reMirrored: 0,
      failedTasks: 0,
      acceptsBound: 0,
      unsubmitted: 0,
      requeued: 0,
      invitationsChecked: 0,
      referralsCreated: 0,
      errors: 0,
      truncated: false,
    };
    const hasTime = () => options.remainingMs() > RECONCILE_SAFETY_MS;
    await replayParked(stats, hasTime);
    if (hasTime()) await remirror(stats, hasTime);
    else stats.truncated = true;
    await sweep(stats, 'unsubmitted', hasTime, requeueUnsubmitted);
    await sweep(stats, 'invitations', hasTime, sweepInvitations);
    logger.info('reconcile finished', { ...stats });
    if (stats.errors > 0)
      await raiseAlert(deps, 'reconcile-errors', 'ACE reconcile finished with errors', {
        errors: stats.errors,
        checked: stats.checked,
      });
    return stats;
  };
};

/** The reconcile use case's type. */
export type Reconcile = ReturnType<typeof makeReconcile>;
