// Scheduled repair (DESIGN §2.4): EventBridge delivery is best effort, so a sweep (1) replays parked edits
// whose review-exit event was missed, (2) re-mirrors opportunities whose mirrored state is stale, compared
// 20 at a time through ListOpportunities, (3) reports submit tasks AWS failed after accepting them, and
// (4) binds the opportunity of an accepted referral whose `Opportunity Created` event was missed,
// (5) turns pending AWS referrals whose `Engagement Invitation Created` event was dropped into deals, and
// (6) re-queues deals left in a trigger stage whose `dealstage` webhook HubSpot never delivered (5 and 6 in
// lost-delivery-sweeps.ts), (0, first) applies rep edits of submitted deals whose webhook HubSpot never
// delivered, found in the deals' property history (lost-edit-sweep.ts), and (0b) runs the events that
// failed all their Lambda attempts through the events use case again (failed-events.ts). Every sweep reads its whole list, page by page, until the invocation is about to
// time out or a page cap is reached; a sweep cut short logs one warning and counts one metric
// (reconcile-run.ts) and the next run starts it again.
import type { OpportunitySummary } from '@aws-sdk/client-partnercentral-selling';
import { type AceSubmission, DEAL_PROP, type EventDedup } from '@govwin-ace/shared-core';
import { noteAcceptFailure, settleAcceptTask } from './accept-task';
import { alertOnce } from './alert-once';
import { raiseAlert, writeDeal } from './context';
import { AcceptTaskFailedError } from './errors';
import { type FailedEventQueue, makeFailedEventRedrive } from './failed-events';
import { failureNote } from './failure-note';
import { makeAceEventHandler } from './handle-ace-event';
import { type LostDeliveryDeps, makeLostDeliverySweeps } from './lost-delivery-sweeps';
import { makeLostEditSweep } from './lost-edit-sweep';
import { mirrorToDeal, stateOf } from './mirror';
import {
  makeSweepTools,
  newReconcileStats,
  RECONCILE_LIMITS,
  type ReconcileLimits,
  type ReconcileStats,
  type SweepName,
} from './reconcile-run';
import { replayParkedEdits } from './replay-parked';
import { makeInProcessReplays } from './replay-requested';
import { makeUpdateOpportunity } from './update-opportunity';

/** Stops starting new work when less than this much time remains. */
export const RECONCILE_SAFETY_MS = 15_000;
const LIST_BATCH = 20;

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
  deps: LostDeliveryDeps & {
    dedup: EventDedup;
    /** Bounds besides the deadline; production uses RECONCILE_LIMITS. */
    limits?: Partial<ReconcileLimits> | undefined;
    /** The integration's HubSpot app id; without it the lost-edit sweep does not run. */
    hubspotAppId?: string | undefined;
    /** HubSpot account id (put on the update messages the lost-edit sweep hands over). */
    hubspotPortalId?: string | undefined;
    /** The events function's on-failure queue and that function's name; without it the sweep does not run. */
    failedEvents?: { queue: FailedEventQueue; functionName: string } | undefined;
  }
) => {
  const { ace, repo, logger } = deps;
  const limits: ReconcileLimits = { ...RECONCILE_LIMITS, ...deps.limits };
  const tools = makeSweepTools(deps);
  const { safely, stopEarly } = tools;
  const { requeueUnsubmitted, sweepInvitations } = makeLostDeliverySweeps(deps, tools, limits);
  const sweepLostEdits = makeLostEditSweep(
    {
      deps,
      update: makeUpdateOpportunity(deps),
      appId: deps.hubspotAppId,
      portalId: deps.hubspotPortalId,
    },
    tools,
    limits
  );
  const failed = deps.failedEvents;
  const redriveFailedEvents = failed
    ? makeFailedEventRedrive(
        {
          ...failed,
          handleEvent: makeAceEventHandler({ ...deps, replays: makeInProcessReplays(deps) }),
          logger,
        },
        tools,
        limits
      )
    : undefined;

  /** Runs one sweep; a failure to list counts as an error and leaves the other sweeps running. */
  const sweep = async (
    stats: ReconcileStats,
    name: SweepName,
    hasTime: () => boolean,
    run: (stats: ReconcileStats, hasTime: () => boolean) => Promise<void>
  ) => {
    if (!hasTime()) return stopEarly(stats, name, 'deadline');
    await safely(stats, { sweep: name }, () => run(stats, hasTime));
  };

  const replayParked = async (stats: ReconcileStats, hasTime: () => boolean) => {
    for await (const row of repo.listWithParkedEdits()) {
      if (!hasTime()) return stopEarly(stats, 'parked', 'deadline', { rows: stats.parkedRows });
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

  /**
   * The summaries of up to 20 opportunities. AWS may answer a filtered list in several pages even when the
   * page size covers every id, so NextToken is followed until every id was seen (bounded by the page cap
   * and the deadline; `complete: false` when the deadline cut it short).
   */
  const listBatch = async (
    stats: ReconcileStats,
    ids: string[],
    hasTime: () => boolean
  ): Promise<{ summaries: OpportunitySummary[]; complete: boolean }> => {
    const summaries: OpportunitySummary[] = [];
    let NextToken: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= limits.statusMaxPagesPerBatch) {
        stopEarly(stats, 'status', 'page-cap', { pages: page });
        return { summaries, complete: true };
      }
      if (page > 0 && !hasTime()) {
        stopEarly(stats, 'status', 'deadline', { checked: stats.checked });
        return { summaries, complete: false };
      }
      const out = await ace.listOpportunities({
        Identifier: ids,
        MaxResults: LIST_BATCH,
        ...(NextToken ? { NextToken } : {}),
      });
      summaries.push(...(out.OpportunitySummaries ?? []));
      NextToken = out.NextToken;
      if (!NextToken || summaries.length >= ids.length) return { summaries, complete: true };
    }
  };

  /** Checks one batch of rows; false when the deadline stopped it (the sweep stops too). */
  const checkBatch = async (
    stats: ReconcileStats,
    rows: AceSubmission[],
    hasTime: () => boolean
  ): Promise<boolean> => {
    const byId = new Map(rows.map((r) => [r.aceOpportunityId ?? '', r]));
    const { summaries, complete } = await listBatch(stats, [...byId.keys()], hasTime);
    for (const summary of summaries) {
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
    return complete;
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
    const deadline = () => stopEarly(stats, 'status', 'deadline', { checked: stats.checked });
    let batch: AceSubmission[] = [];
    for await (const row of repo.listAll()) {
      if (!row.aceOpportunityId) {
        if (!row.acceptTaskId) continue;
        if (!hasTime()) return deadline();
        await settleAccept(stats, row);
        continue;
      }
      batch.push(row);
      if (batch.length < LIST_BATCH) continue;
      if (!hasTime()) return deadline();
      if (!(await checkBatch(stats, batch, hasTime))) return;
      batch = [];
    }
    if (batch.length === 0) return;
    if (!hasTime()) return deadline();
    await checkBatch(stats, batch, hasTime);
  };

  return async (options: { remainingMs: () => number }): Promise<ReconcileStats> => {
    const stats = newReconcileStats();
    const hasTime = () => options.remainingMs() > RECONCILE_SAFETY_MS;
    // Lost edits first: one found while AWS still reviews is parked and the next sweep replays it later.
    await sweep(stats, 'edits', hasTime, sweepLostEdits);
    // Before the parked sweep: an event that ends a review may leave parked edits to replay.
    if (redriveFailedEvents) await sweep(stats, 'failed-events', hasTime, redriveFailedEvents);
    await sweep(stats, 'parked', hasTime, replayParked);
    await sweep(stats, 'status', hasTime, remirror);
    // Pending invitations are few (AWS expires them after 15 days) and trigger-stage deals can be many:
    // the short list goes first so the long one cannot starve it of time.
    await sweep(stats, 'invitations', hasTime, sweepInvitations);
    await sweep(stats, 'unsubmitted', hasTime, requeueUnsubmitted);
    logger.info('reconcile finished', { ...stats, stoppedEarly: stats.stoppedEarly.join(',') });
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
