// POST /ui-extension/referral/accept and /referral/reject: the rep answers an AWS referral (an engagement
// invitation mirrored as a deal in the referral stage, DESIGN §2.4). The invitation must be the one bound to
// this deal, still pending, unexpired, from this catalog and addressed to our AWS account.
// Reject calls RejectEngagementInvitation. Accept does not call Partner Central: only the submit role may
// start engagements (DESIGN §5), and StartEngagementByAcceptingInvitationTask both accepts the invitation
// and creates the AWS opportunity (AcceptEngagementInvitation alone creates none). So the deal is marked
// ACCEPTING and an `acceptReferral` message goes on the submit queue for ace-submitter (ADR 0007).
import { type CardRequest, type CardResult, DEAL_PROP } from '@govwin-ace/shared-core';
import { toCardAceError } from './ace-errors';
import { actorOf, auditWrite, type CardWriteDeps, forActor, writeDealAudited } from './card-deps';
import { DealNotEligibleError, DealNotFoundError } from './errors';
import type { WriteRoute } from './routes';
import { AcceptReferralBodySchema, parseWriteBody, RejectReferralBodySchema } from './schemas';

type Decision = 'accept' | 'reject';

/** The deal's invitation status while ace-submitter accepts the referral (the card shows "being created"). */
export const ACCEPTING_STATUS = 'ACCEPTING';

/**
 * Builds one of the two referral routes.
 * @example const accept = makeReferralDecision(deps, 'accept');
 */
export const makeReferralDecision =
  (deps: CardWriteDeps, decision: Decision) =>
  async (
    request: CardRequest<WriteRoute>,
    { correlationId }: { correlationId: string }
  ): Promise<CardResult> => {
    const input =
      decision === 'accept'
        ? { ...parseWriteBody(AcceptReferralBodySchema, request.body), reason: undefined }
        : parseWriteBody(RejectReferralBodySchema, request.body);
    const { dealId, invitationId } = input;
    const actor = actorOf(request.caller);
    const sub = forActor(deps.submitter, actor);

    const [deal, boundDealId] = await Promise.all([
      sub.deals.getDeal(dealId, [DEAL_PROP.invitationId, DEAL_PROP.invitationStatus]),
      sub.repo.findDealByInvitation(invitationId),
    ]);
    if (!deal) throw new DealNotFoundError(dealId);
    if (boundDealId !== dealId || deal.properties[DEAL_PROP.invitationId] !== invitationId)
      throw new DealNotEligibleError('not-a-referral', dealId);

    let operation = '';
    const audited = (outcome: 'success' | 'failure') =>
      auditWrite(sub.audit, {
        dealId,
        actor,
        operation,
        ids: { invitationId },
        fieldNames: decision === 'reject' ? ['RejectionReason'] : [],
        outcome,
        correlationId,
      });
    try {
      const invitation = await deps.invitations.get(invitationId);
      const expires = invitation.ExpirationDate?.getTime();
      if (invitation.Status !== 'PENDING' || (expires !== undefined && expires <= sub.now()))
        throw new DealNotEligibleError('referral-answered', dealId);
      const receiver = invitation.Receiver?.Account?.AwsAccountId;
      if (receiver && receiver !== deps.config.awsAccountId)
        throw new DealNotEligibleError('not-ours', dealId);
      if (decision === 'reject') {
        operation = 'partnercentral:RejectEngagementInvitation';
        await deps.invitations.reject(invitationId, input.reason ?? '');
      }
    } catch (err) {
      if (operation) await audited('failure').catch(() => undefined);
      throw toCardAceError(err);
    }

    if (decision === 'accept') {
      // The deal says ACCEPTING before the message exists, so nothing ace-submitter writes can be
      // overwritten by this route afterwards. A repeated accept queues again; the submitter starts one task.
      await writeDealAudited(sub, {
        dealId,
        actor,
        properties: {
          [DEAL_PROP.invitationStatus]: ACCEPTING_STATUS,
          [DEAL_PROP.statusNote]: '',
        },
        correlationId,
      });
      operation = 'ui-ext-writes:QueueReferralAccept';
      try {
        await deps.acceptQueue.enqueue({
          dealId,
          invitationId,
          catalog: deps.config.catalog,
          requestedBy: actor,
          requestedAt: new Date(sub.now()).toISOString(),
          correlationId,
        });
      } catch (err) {
        await audited('failure').catch(() => undefined);
        // Nothing will accept it: put the card back on Accept / Reject (best effort; the error stands).
        await writeDealAudited(sub, {
          dealId,
          actor,
          properties: { [DEAL_PROP.invitationStatus]: 'PENDING' },
          correlationId,
        }).catch(() => undefined);
        throw err;
      }
      await audited('success');
      return { status: 202, body: { status: 'accepting', dealId, invitationId } };
    }

    await audited('success');
    await writeDealAudited(sub, {
      dealId,
      actor,
      properties: {
        [DEAL_PROP.invitationStatus]: 'REJECTED',
        [DEAL_PROP.statusNote]: `AWS referral rejected: ${input.reason ?? ''}`.slice(0, 1000),
      },
      correlationId,
    });
    return { status: 200, body: { status: 'rejected', dealId, invitationId } };
  };
