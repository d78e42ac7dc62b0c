// The reconcile sweeps for deliveries that never arrived: trigger-stage deals whose `dealstage` webhook
// HubSpot never delivered get the submit message the receiver would have sent, and pending AWS referrals
// whose `Engagement Invitation Created` event was dropped become deals. Both page through their whole list,
// bounded by the run's deadline and a page cap; a sweep that stops early says so (SweepTools.stopEarly) and
// the next run starts it again from the beginning.
import { ACE_INVITATION_ID, DEAL_PROP } from '@govwin-ace/shared-core';
import { ReferralInProgressError } from './errors';
import type { ReconcileLimits, ReconcileStats, SweepTools } from './reconcile-run';
import { createReferralDeal, type ReferralDeps } from './referrals';
import type { SubmitRequeuer } from './submit-requeue';

/** Dependencies of the lost-delivery sweeps. */
export type LostDeliveryDeps = ReferralDeps & {
  /** Sends re-queued submit messages; without it the trigger-stage sweep does not run. */
  submitRequeue?: SubmitRequeuer | undefined;
};

/**
 * Builds the two sweeps.
 * @example const { requeueUnsubmitted, sweepInvitations } = makeLostDeliverySweeps(deps, tools, limits);
 */
export const makeLostDeliverySweeps = (
  deps: LostDeliveryDeps,
  tools: SweepTools,
  limits: ReconcileLimits
) => {
  const { repo, logger, settings } = deps;
  const { safely, stopEarly } = tools;

  /**
   * Deals in a trigger stage with no submission on record (no `created` step, no opportunity id, no co-sell
   * id on the deal, no failure note the rep still has to act on) get the submit message the receiver would
   * have sent. A deal whose submission already started (its create ClientToken is reserved) is in flight:
   * SQS redelivers that message, and a dead-lettered one has its own alert. The submit path is idempotent,
   * so a message that races a late webhook's is harmless.
   *
   * Pages go in ascending deal id (a keyset cursor, see hubspot-deal-store.ts) and the search leaves out
   * deals that already carry a co-sell id or a note, so the list holds only deals still waiting. Restarting
   * from the lowest id every run is fair: a deal this run re-queued gets submitted and leaves the list, so
   * the next run reaches further; what stays at the front costs one DynamoDB read each.
   */
  const requeueUnsubmitted = async (stats: ReconcileStats, hasTime: () => boolean) => {
    const requeue = deps.submitRequeue;
    if (!requeue || settings.submitStageIds.length === 0) return;
    const now = deps.now();
    let afterId: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= limits.dealMaxPages)
        return stopEarly(stats, 'unsubmitted', 'page-cap', { pages: page });
      if (!hasTime()) return stopEarly(stats, 'unsubmitted', 'deadline', { pages: page });
      const { deals, next } = await deps.deals.listDealsInStages({
        stageIds: settings.submitStageIds,
        properties: [DEAL_PROP.dealStage, DEAL_PROP.cosellId, DEAL_PROP.statusNote],
        unset: [DEAL_PROP.cosellId, DEAL_PROP.statusNote],
        limit: limits.dealPageSize,
        ...(afterId === undefined ? {} : { afterId }),
      });
      stats.dealPages += 1;
      for (const deal of deals) {
        if (!hasTime()) return stopEarly(stats, 'unsubmitted', 'deadline', { pages: page + 1 });
        const p = deal.properties;
        const stageId = p[DEAL_PROP.dealStage] ?? '';
        // HubSpot's search index lags writes by seconds: check what it returned again.
        if (!settings.submitStageIds.includes(stageId)) continue;
        if (p[DEAL_PROP.cosellId] || p[DEAL_PROP.statusNote]) continue;
        let capped = false;
        await safely(stats, deal.id, async () => {
          const row = await repo.get(deal.id);
          if (row?.aceOpportunityId || row?.steps.created) return;
          stats.unsubmitted += 1;
          if (row?.clientTokens.create) return;
          if (stats.requeued >= limits.requeueMaxPerRun) {
            capped = true;
            return;
          }
          await requeue.request({ dealId: deal.id, stageId, at: now, correlationId: 'reconcile' });
          stats.requeued += 1;
          logger.info('unsubmitted trigger-stage deal re-queued', { dealId: deal.id });
        });
        // Nothing more this run can do: the rest wait for the next one.
        if (capped)
          return stopEarly(stats, 'unsubmitted', 'requeue-cap', {
            pages: page + 1,
            requeued: stats.requeued,
          });
      }
      if (next === undefined) return;
      afterId = next;
    }
  };

  /** One pending invitation: nothing when it has its deal, else the events handler's own referral path. */
  const checkInvitation = async (stats: ReconcileStats, invitationId: string) => {
    if (await repo.findDealByInvitation(invitationId)) return;
    try {
      const outcome = await createReferralDeal(deps, invitationId, 'reconcile');
      if (outcome.status === 'referral-created') stats.referralsCreated += 1;
    } catch (err) {
      // The events handler is creating it this very moment; it binds the deal, the next run sees it.
      if (!(err instanceof ReferralInProgressError)) throw err;
      stats.referralsInFlight += 1;
    }
  };

  /**
   * Pending invitations AWS sent to this partner with no referral deal go through exactly what the events
   * handler runs for `Engagement Invitation Created`. Oldest first: they are the closest to AWS's 15-day
   * expiry, and the ones that already have a deal cost one DynamoDB read each.
   */
  const sweepInvitations = async (stats: ReconcileStats, hasTime: () => boolean) => {
    let NextToken: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= limits.invitationMaxPages)
        return stopEarly(stats, 'invitations', 'page-cap', { pages: page });
      if (!hasTime()) return stopEarly(stats, 'invitations', 'deadline', { pages: page });
      const out = await deps.ace.listEngagementInvitations({
        ParticipantType: 'RECEIVER',
        Status: ['PENDING'],
        PayloadType: ['OpportunityInvitation'],
        Sort: { SortBy: 'InvitationDate', SortOrder: 'ASCENDING' },
        MaxResults: limits.invitationPageSize,
        ...(NextToken ? { NextToken } : {}),
      });
      stats.invitationPages += 1;
      for (const summary of out.EngagementInvitationSummaries ?? []) {
        if (!hasTime()) return stopEarly(stats, 'invitations', 'deadline', { pages: page + 1 });
        const invitationId = summary.Id ?? '';
        if (!ACE_INVITATION_ID.test(invitationId)) continue;
        if (summary.SenderAwsAccountId === settings.awsAccountId) continue;
        stats.invitationsChecked += 1;
        await safely(stats, { invitationId }, () => checkInvitation(stats, invitationId));
      }
      NextToken = out.NextToken;
      if (!NextToken) return;
    }
  };

  return { requeueUnsubmitted, sweepInvitations };
};
