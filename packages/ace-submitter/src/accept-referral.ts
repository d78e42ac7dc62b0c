// AWS referral -> AWS opportunity (DESIGN §2.4, docs/ace-mapping.md §6, ADR 0007). The card's Accept
// (ui-ext-writes) queues an `acceptReferral` message, because only this role may start engagements; this core
// runs StartEngagementByAcceptingInvitationTask, which accepts the invitation AND has AWS create the
// opportunity (AcceptEngagementInvitation alone creates none, so it is never called). The task's ClientToken
// is reserved once on the deal's ACE row and the task id recorded; a redelivered or repeated message adopts
// the task it finds for the invitation instead of starting another. An opportunity id is bound to the deal
// with the same idempotent binding the events handler makes on `Opportunity Created`, whichever comes first.
import type { AcceptReferralMessageV1 } from '@govwin-ace/hubspot-webhook-receiver';
import {
  AceApiError,
  DEAL_PROP,
  describeAceErrorForDeal,
  isRetryable,
} from '@govwin-ace/shared-core';
import { type AcceptTask, noteAcceptFailure, settleAcceptTask } from './accept-task';
import { audit, auditRefusal, METRICS, raiseAlert, type SubmitterDeps, writeDeal } from './context';
import { AcceptTaskFailedError, CatalogMismatchError, ReferralNotBoundError } from './errors';
import { failureNote } from './failure-note';
import { referralStatusProperties } from './referrals';
import type { DeliveryMeta } from './submit-opportunity';

/** Why an accept was not attempted: the invitation is no longer pending (a business outcome, not a fault). */
export type AcceptRefusal = 'expired' | 'rejected' | 'accepted-elsewhere' | 'unavailable';

/** Where an accept stands after one run. */
export type AcceptOutcome =
  | { status: 'accepted'; aceOpportunityId: string }
  | { status: 'accepting'; taskId: string | undefined }
  | { status: 'refused'; reason: AcceptRefusal }
  | { status: 'skipped'; reason: string };

const OPERATION = 'partnercentral:StartEngagementByAcceptingInvitationTask';

/** Deal notes of the refusals (fixed text: nothing from AWS). */
const REFUSAL_NOTE: Record<AcceptRefusal, string> = {
  expired:
    'The AWS referral expired before it could be accepted; nothing was created in Partner Central.',
  rejected:
    'The AWS referral was rejected before it could be accepted; nothing was created in Partner Central.',
  'accepted-elsewhere':
    'The AWS referral was already accepted in Partner Central outside HubSpot, so no AWS opportunity was created from here; an operator was alerted.',
  unavailable:
    'The AWS referral is no longer available in Partner Central; nothing was created. An operator was alerted.',
};

/** The deal status each refusal records (undefined: leave the status, so the card offers Accept again). */
const REFUSAL_STATUS: Record<AcceptRefusal, string | undefined> = {
  expired: 'EXPIRED',
  rejected: 'REJECTED',
  'accepted-elsewhere': 'ACCEPTED',
  unavailable: 'PENDING',
};

const taskFailed = (dealId: string, task: AcceptTask) =>
  new AcceptTaskFailedError(
    `deal ${dealId}: AWS accept task ended ${task.TaskStatus ?? 'without status'} (${task.ReasonCode ?? 'no reason'})`,
    task.ReasonCode ?? 'Unknown'
  );

/**
 * Builds the accept use case (the submit queue's `acceptReferral` messages).
 * @example const accept = makeAcceptReferral(deps); await accept(msg, { receiveCount: 1 });
 */
export const makeAcceptReferral = (deps: SubmitterDeps) => {
  const { ace, repo, settings, logger } = deps;

  /** Records a refusal on the deal (status + fixed note) and, for the unexpected ones, alerts. */
  const refuse = async (
    msg: AcceptReferralMessageV1,
    reason: AcceptRefusal
  ): Promise<AcceptOutcome> => {
    const { dealId, invitationId, correlationId } = msg;
    logger.info('referral accept refused', { dealId, invitationId, reason });
    if (reason === 'accepted-elsewhere' || reason === 'unavailable')
      await raiseAlert(
        deps,
        'referral-not-accepted',
        `AWS referral not accepted (deal ${dealId})`,
        {
          dealId,
          invitationId,
          reason,
        }
      );
    const deal = await deps.deals.getDeal(dealId, [
      DEAL_PROP.invitationStatus,
      DEAL_PROP.dealStage,
    ]);
    if (!deal) return { status: 'skipped', reason: 'deal not found or archived' };
    const status = REFUSAL_STATUS[reason];
    await writeDeal(
      deps,
      dealId,
      {
        ...(status ? referralStatusProperties(settings, deal, status) : {}),
        [DEAL_PROP.statusNote]: REFUSAL_NOTE[reason],
      },
      correlationId
    );
    return { status: 'refused', reason };
  };

  /** Why the invitation can no longer be accepted, or undefined when it is still pending. */
  const refusalOf = async (invitationId: string): Promise<AcceptRefusal | undefined> => {
    let inv: Awaited<ReturnType<typeof ace.getEngagementInvitation>>;
    try {
      inv = await ace.getEngagementInvitation(invitationId);
    } catch (err) {
      if (err instanceof AceApiError && err.kind === 'not-found') return 'unavailable';
      throw err;
    }
    const expires = inv.ExpirationDate?.getTime();
    if (inv.Status === 'EXPIRED' || (expires !== undefined && expires <= deps.now()))
      return 'expired';
    if (inv.Status === 'REJECTED') return 'rejected';
    if (inv.Status === 'ACCEPTED') return 'accepted-elsewhere';
    return undefined;
  };

  /** Starts the task with the reserved token (suffixed per FAILED task, so a new accept can run again). */
  const start = async (
    msg: AcceptReferralMessageV1,
    failedTasks: number
  ): Promise<AcceptTask | AcceptRefusal> => {
    const { dealId, invitationId, correlationId } = msg;
    const reserved = await repo.reserveClientToken(dealId, 'accept', deps.newToken());
    const token = failedTasks === 0 ? reserved : `${reserved}.r${failedTasks}`;
    const ids = { invitationId, requestedBy: msg.requestedBy };
    let task: AcceptTask;
    try {
      task = await ace.startEngagementByAcceptingInvitationTask(invitationId, token);
    } catch (err) {
      await auditRefusal(deps, err, { dealId, operation: OPERATION, ids, correlationId });
      // The invitation may have expired or been answered between the check and the call.
      if (err instanceof AceApiError && (err.kind === 'conflict' || err.kind === 'validation')) {
        const refusal = await refusalOf(invitationId);
        if (refusal) return refusal;
      }
      throw err;
    }
    await audit(deps, {
      dealId,
      operation: OPERATION,
      ids: { ...ids, ...(task.TaskId ? { taskId: task.TaskId } : {}) },
      correlationId,
      outcome: task.TaskStatus === 'FAILED' ? 'failure' : 'success',
    });
    if (task.TaskId) await repo.update(dealId, { acceptTaskId: task.TaskId });
    deps.metrics.count(METRICS.referralsAccepted);
    return task;
  };

  const run = async (
    msg: AcceptReferralMessageV1,
    receiveCount: number
  ): Promise<AcceptOutcome> => {
    const { dealId, invitationId, correlationId } = msg;
    if ((await repo.findDealByInvitation(invitationId)) !== dealId)
      throw new ReferralNotBoundError(`invitation ${invitationId} is not bound to deal ${dealId}`);
    const row = await repo.get(dealId);
    let task: AcceptTask | undefined;
    if (row?.aceOpportunityId) {
      // Already bound (an earlier run or the events handler): only make sure the deal shows it.
      task = { TaskStatus: 'COMPLETE', OpportunityId: row.aceOpportunityId };
    } else {
      const tasks = await ace.listAcceptTasksForInvitation(invitationId);
      task = tasks.find((t) => t.TaskStatus !== 'FAILED');
      if (task?.TaskId && task.TaskId !== row?.acceptTaskId)
        await repo.update(dealId, { acceptTaskId: task.TaskId });
      if (!task) {
        const failed = tasks.filter((t) => t.TaskStatus === 'FAILED');
        // A redelivery of a run whose task failed reports that failure; only a new accept retries.
        if (failed[0] && receiveCount > 1) throw taskFailed(dealId, failed[0]);
        const refusal = await refusalOf(invitationId);
        if (refusal) return refuse(msg, refusal);
        const started = await start(msg, failed.length);
        if (typeof started === 'string') return refuse(msg, started);
        task = started;
      }
    }
    const settled = await settleAcceptTask(deps, { dealId, task, correlationId });
    if (settled.status === 'failed') throw taskFailed(dealId, task);
    return settled;
  };

  /** Writes the failure note (the card then offers Accept again) and alerts; first delivery only. */
  const reportFailure = async (msg: AcceptReferralMessageV1, err: unknown) => {
    const { dealId } = msg;
    const note =
      err instanceof AceApiError
        ? describeAceErrorForDeal(err)
        : failureNote('referral acceptance', err);
    await raiseAlert(
      deps,
      'referral-accept-failed',
      `AWS referral accept failed (deal ${dealId})`,
      {
        dealId,
        invitationId: msg.invitationId,
        catalog: settings.catalog,
        code: (err as { code?: string })?.code ?? 'UNKNOWN',
      }
    );
    try {
      await noteAcceptFailure(deps, dealId, note, msg.correlationId);
    } catch (writeErr) {
      logger.warn('failure note not written', { dealId, error: (writeErr as Error)?.name });
    }
  };

  return async (msg: AcceptReferralMessageV1, meta: DeliveryMeta): Promise<AcceptOutcome> => {
    if (msg.catalog !== settings.catalog)
      throw new CatalogMismatchError(
        `message for catalog ${msg.catalog} refused by a ${settings.catalog} deployment`
      );
    try {
      return await run(msg, meta.receiveCount);
    } catch (err) {
      if (!isRetryable(err) && meta.receiveCount <= 1) {
        deps.metrics.count(METRICS.failed);
        await reportFailure(msg, err);
      }
      throw err;
    }
  };
};

/** The accept use case's type. */
export type AcceptReferral = ReturnType<typeof makeAcceptReferral>;
