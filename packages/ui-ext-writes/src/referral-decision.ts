// POST /ui-extension/referral/accept and /referral/reject: the rep answers an AWS referral (an engagement
// invitation mirrored as a deal in the referral stage, DESIGN §2.4). The invitation must be the one bound to
// this deal, still pending, unexpired, from this catalog and addressed to our AWS account. Accepting uses
// AcceptEngagementInvitation only; StartEngagementByAcceptingInvitationTask stays out of this role.
import { type CardRequest, type CardResult, DEAL_PROP } from '@govwin-ace/shared-core';
import { toCardAceError } from './ace-errors';
import { actorOf, auditWrite, type CardWriteDeps, forActor, writeDealAudited } from './card-deps';
import { DealNotEligibleError, DealNotFoundError } from './errors';
import type { WriteRoute } from './routes';
import { AcceptReferralBodySchema, parseWriteBody, RejectReferralBodySchema } from './schemas';

type Decision = 'accept' | 'reject';

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
    try {
      const invitation = await deps.invitations.get(invitationId);
      const expires = invitation.ExpirationDate?.getTime();
      if (invitation.Status !== 'PENDING' || (expires !== undefined && expires <= sub.now()))
        throw new DealNotEligibleError('referral-answered', dealId);
      const receiver = invitation.Receiver?.Account?.AwsAccountId;
      if (receiver && receiver !== deps.config.awsAccountId)
        throw new DealNotEligibleError('not-ours', dealId);
      if (decision === 'accept') {
        operation = 'partnercentral:AcceptEngagementInvitation';
        await deps.invitations.accept(invitationId);
      } else {
        operation = 'partnercentral:RejectEngagementInvitation';
        await deps.invitations.reject(invitationId, input.reason ?? '');
      }
    } catch (err) {
      if (operation)
        await auditWrite(sub.audit, {
          dealId,
          actor,
          operation,
          ids: { invitationId },
          fieldNames: decision === 'reject' ? ['RejectionReason'] : [],
          outcome: 'failure',
          correlationId,
        }).catch(() => undefined);
      throw toCardAceError(err);
    }
    await auditWrite(sub.audit, {
      dealId,
      actor,
      operation,
      ids: { invitationId },
      fieldNames: decision === 'reject' ? ['RejectionReason'] : [],
      outcome: 'success',
      correlationId,
    });

    const status = decision === 'accept' ? 'ACCEPTED' : 'REJECTED';
    await writeDealAudited(sub, {
      dealId,
      actor,
      properties: {
        [DEAL_PROP.invitationStatus]: status,
        [DEAL_PROP.statusNote]:
          decision === 'accept'
            ? 'AWS referral accepted; the AWS opportunity appears on this deal once it is created in Partner Central.'
            : `AWS referral rejected: ${input.reason ?? ''}`.slice(0, 1000),
      },
      correlationId,
    });
    return { status: 200, body: { status: status.toLowerCase(), dealId, invitationId } };
  };
