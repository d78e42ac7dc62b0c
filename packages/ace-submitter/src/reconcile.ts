// Scheduled repair (DESIGN §2.4): EventBridge delivery is best effort, so a sweep (1) replays parked edits
// whose review-exit event was missed, (2) re-mirrors opportunities whose mirrored state is stale, compared
// 20 at a time through ListOpportunities, (3) reports submit tasks AWS failed after accepting them, and
// (4) binds the opportunity of an accepted referral whose `Opportunity Created` event was missed.
import type { OpportunitySummary } from '@aws-sdk/client-partnercentral-selling';
import { type AceSubmission, DEAL_PROP, type EventDedup } from '@govwin-ace/shared-core';
import { noteAcceptFailure, settleAcceptTask } from './accept-task';
import { alertOnce } from './alert-once';
import { raiseAlert, type SubmitterDeps, writeDeal } from './context';
import { AcceptTaskFailedError } from './errors';
import { failureNote } from './failure-note';
import { mirrorToDeal, stateOf } from './mirror';
import { replayParkedEdits } from './replay-parked';

/** Stops starting new work when less than this much time remains. */
export const RECONCILE_SAFETY_MS = 15_000;
const LIST_BATCH = 20;

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
export const makeReconcile = (deps: SubmitterDeps & { dedup: EventDedup }) => {
  const { ace, repo, logger } = deps;

  const safely = async (stats: ReconcileStats, dealId: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      stats.errors += 1;
      logger.warn('reconcile item failed', {
        dealId,
        code: (err as { code?: string })?.code ?? (err as Error)?.name,
      });
    }
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
      errors: 0,
      truncated: false,
    };
    const hasTime = () => options.remainingMs() > RECONCILE_SAFETY_MS;
    await replayParked(stats, hasTime);
    if (hasTime()) await remirror(stats, hasTime);
    else stats.truncated = true;
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
