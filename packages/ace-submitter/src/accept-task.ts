// What an accept task's outcome does to its referral deal, shared by the accept use case (submit queue) and
// the reconcile sweep: bind the opportunity AWS created and mirror it, or note why the accept failed.
import type { ListEngagementByAcceptingInvitationTaskSummary } from '@aws-sdk/client-partnercentral-selling';
import { ACE_OPPORTUNITY_ID, DEAL_PROP } from '@govwin-ace/shared-core';
import { type SubmitterDeps, writeDeal } from './context';
import { mirrorToDeal, stateOf } from './mirror';

/** The part of an accept task this core reads (start response and list summary share it). */
export type AcceptTask = Pick<
  ListEngagementByAcceptingInvitationTaskSummary,
  'TaskId' | 'TaskStatus' | 'ReasonCode' | 'OpportunityId'
>;

/**
 * Binds the opportunity of a COMPLETE accept task to the deal and mirrors it (invitation ACCEPTED, note
 * cleared). A task still running, or one that ended without an opportunity id, is left to the events
 * handler (`Opportunity Created`) and the reconcile sweep. Never starts anything.
 */
export const settleAcceptTask = async (
  deps: SubmitterDeps,
  input: { dealId: string; task: AcceptTask; correlationId: string }
): Promise<
  | { status: 'accepted'; aceOpportunityId: string }
  | { status: 'accepting'; taskId: string | undefined }
  | { status: 'failed'; reasonCode: string }
> => {
  const { dealId, task, correlationId } = input;
  if (task.TaskStatus === 'FAILED')
    return { status: 'failed', reasonCode: task.ReasonCode ?? 'Unknown' };
  const aceId = task.OpportunityId;
  if (task.TaskStatus !== 'COMPLETE' || !aceId || !ACE_OPPORTUNITY_ID.test(aceId))
    return { status: 'accepting', taskId: task.TaskId };
  // Same binding as the events handler's: re-binding the same id is a no-op, another id is a conflict.
  await deps.repo.update(dealId, { aceOpportunityId: aceId });
  const opp = await deps.ace.getOpportunity(aceId);
  await mirrorToDeal(deps, dealId, stateOf(opp), {
    correlationId,
    extra: { [DEAL_PROP.invitationStatus]: 'ACCEPTED', [DEAL_PROP.statusNote]: '' },
  });
  deps.logger.info('referral opportunity bound', { dealId, aceOpportunityId: aceId });
  return { status: 'accepted', aceOpportunityId: aceId };
};

/**
 * Writes why an accept failed and, if the deal still says ACCEPTING, reopens it (PENDING) so the card offers
 * Accept again (the card's route re-checks that the invitation is still pending).
 */
export const noteAcceptFailure = async (
  deps: Pick<SubmitterDeps, 'deals' | 'audit'>,
  dealId: string,
  note: string,
  correlationId: string
): Promise<void> => {
  const deal = await deps.deals.getDeal(dealId, [DEAL_PROP.invitationStatus]);
  if (!deal) return;
  const reopen = deal.properties[DEAL_PROP.invitationStatus] === 'ACCEPTING';
  await writeDeal(
    deps,
    dealId,
    {
      ...(reopen ? { [DEAL_PROP.invitationStatus]: 'PENDING' } : {}),
      [DEAL_PROP.statusNote]: note,
    },
    correlationId
  );
};
