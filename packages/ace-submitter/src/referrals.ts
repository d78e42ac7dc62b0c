// AWS referrals (engagement invitations sent to the partner) become HubSpot deals in the configured referral
// stage, carrying the invitation id, expiry and AWS-provided details, ready for the card's accept / reject
// (the prior art only logged them). Later invitation events keep the deal's invitation status current.
import type { GetEngagementInvitationCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import { DEAL_PROP, type InvitationClaims, isAceEnumValue } from '@govwin-ace/shared-core';
import { audit, METRICS, type SubmitterDeps, stageIdFor, writeDeal } from './context';
import { ReferralInProgressError } from './errors';
import type { DealProperties, DealRecord } from './ports';

const clip = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null;

const epochMsOfDay = (day: unknown): string | null =>
  typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? String(Date.parse(`${day}T00:00:00Z`))
    : null;

/** HubSpot properties of a new referral deal (values from AWS; never logged). */
export const referralProperties = (inv: GetEngagementInvitationCommandOutput): DealProperties => {
  const payload = inv.Payload?.OpportunityInvitation;
  const project = payload?.Project;
  const customer = payload?.Customer;
  const spend = project?.ExpectedCustomerSpend?.find((s) => s.CurrencyCode === 'USD');
  const monthly = spend?.Amount ? Number(spend.Amount) : Number.NaN;
  const props: DealProperties = {
    [DEAL_PROP.dealName]:
      clip(project?.Title, 255) ?? clip(inv.EngagementTitle, 255) ?? `AWS referral ${inv.Id}`,
    [DEAL_PROP.description]: clip(project?.BusinessProblem, 2000),
    [DEAL_PROP.closeDate]: epochMsOfDay(project?.TargetCompletionDate),
    // AWS sends a monthly estimate; the deal amount is a contract value (12 months, see docs/ace-mapping.md).
    [DEAL_PROP.amount]: Number.isFinite(monthly) && monthly > 0 ? (monthly * 12).toFixed(2) : null,
    [DEAL_PROP.invitationId]: inv.Id ?? null,
    [DEAL_PROP.invitationStatus]: inv.Status ?? null,
    [DEAL_PROP.invitationExpiresAt]: inv.ExpirationDate
      ? String(inv.ExpirationDate.getTime())
      : null,
    [DEAL_PROP.invitationSender]: clip(inv.SenderCompanyName, 120),
    [DEAL_PROP.invitationEngagementId]: clip(inv.EngagementId, 64),
    [DEAL_PROP.invitationCustomer]: clip(customer?.CompanyName, 120),
    [DEAL_PROP.invitationIndustry]: clip(customer?.Industry, 80),
    [DEAL_PROP.invitationCountry]: clip(customer?.CountryCode, 2),
    [DEAL_PROP.invitationWebsite]: clip(customer?.WebsiteUrl, 255),
    [DEAL_PROP.industry]: isAceEnumValue('Industry', customer?.Industry) ? customer.Industry : null,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));
};

/** Outcome of handling an invitation event. */
export type ReferralOutcome = { status: string; dealId?: string; reason?: string };

/** How long a claim to create a referral deal holds (the events function runs at most 60 s). */
export const REFERRAL_CLAIM_SECONDS = 120;

/** What creating a referral deal needs: the cores' deps and the per-invitation creation claim. */
export type ReferralDeps = SubmitterDeps & { invitationClaims: InvitationClaims };

/**
 * Handles `Engagement Invitation Created` (events) and a pending invitation with no deal (reconcile): creates
 * (or finds) the referral deal. Both paths may run for the same invitation at the same moment, so the deal
 * is created only under the invitation's claim (`INV#<id>` row, invitation-claims.ts): the holder creates and
 * binds, a concurrent caller gets `ReferralInProgressError` (retryable) and, once the deal is bound, `duplicate`.
 */
export const createReferralDeal = async (
  deps: ReferralDeps,
  invitationId: string,
  correlationId: string,
  /** Claim owner of retryable work (the events handler: `event:<event id>`), so its retry resumes its claim. */
  owner?: string
): Promise<ReferralOutcome> => {
  const known = await deps.repo.findDealByInvitation(invitationId);
  if (known) return { status: 'duplicate', dealId: known };
  const claim = await deps.invitationClaims.claim(invitationId, owner);
  if (claim.status === 'bound') return { status: 'duplicate', dealId: claim.dealId };
  if (claim.status === 'held')
    throw new ReferralInProgressError(`invitation ${invitationId}: referral deal being created`);
  // Once a create was sent the claim is kept until its lease runs out, even on failure: a create that timed
  // out may still have made the deal, and the next holder must find it by search, which lags a few seconds.
  let createSent = false;
  let bound = false;
  try {
    const inv = await deps.ace.getEngagementInvitation(invitationId);
    // Invitations we sent (our own submissions) and settled ones are not referrals to work.
    if (inv.SenderAwsAccountId === deps.settings.awsAccountId)
      return { status: 'ignored', reason: 'sent by this partner' };
    if (inv.Status !== 'PENDING') return { status: 'ignored', reason: `invitation ${inv.Status}` };
    if (inv.PayloadType !== 'OpportunityInvitation')
      return { status: 'ignored', reason: 'not an opportunity invitation' };
    // A holder that crashed after creating the deal but before binding it: find the deal, do not duplicate.
    let dealId = await deps.deals.findDealByProperty(DEAL_PROP.invitationId, invitationId);
    if (!dealId) {
      // Fence: a holder that stalled past its lease may have lost the claim to another caller.
      if (!(await deps.invitationClaims.renew(invitationId, claim.token)))
        throw new ReferralInProgressError(`invitation ${invitationId}: claim lost before create`);
      const properties = referralProperties(inv);
      createSent = true;
      const created = await deps.deals.createDeal({
        properties,
        pipelineId: deps.settings.pipelineId,
        stageId: deps.settings.referralStageId,
      });
      dealId = created.id;
      await audit(deps, {
        dealId,
        operation: 'hubspot:CreateDeal',
        ids: { invitationId },
        fieldNames: Object.keys(properties).sort(),
        correlationId,
      });
      deps.metrics.count(METRICS.referrals);
    }
    await deps.repo.update(dealId, { invitationId });
    bound = true;
    deps.logger.info('referral deal ready', { dealId, invitationId });
    return { status: 'referral-created', dealId };
  } finally {
    if (!bound && !createSent)
      await deps.invitationClaims.release(invitationId, claim.token).catch((err: unknown) => {
        // The lease runs out on its own; the original outcome is what the caller reports.
        deps.logger.warn('referral claim release failed', {
          invitationId,
          error: (err as Error)?.name,
        });
      });
  }
};

/**
 * The deal properties that record an invitation status: the status itself and, for a referral that died
 * (rejected or expired) while its deal is still in the referral stage, Closed Lost. Only what differs.
 */
export const referralStatusProperties = (
  settings: SubmitterDeps['settings'],
  deal: DealRecord,
  status: string
): DealProperties => {
  const props: DealProperties = {};
  if (deal.properties[DEAL_PROP.invitationStatus] !== status)
    props[DEAL_PROP.invitationStatus] = status;
  if (
    (status === 'REJECTED' || status === 'EXPIRED') &&
    deal.properties[DEAL_PROP.dealStage] === settings.referralStageId
  )
    props[DEAL_PROP.dealStage] = stageIdFor(settings, 'closedLost');
  return props;
};

const STATUS_OF: Readonly<Record<string, string>> = {
  'Engagement Invitation Accepted': 'ACCEPTED',
  'Engagement Invitation Rejected': 'REJECTED',
  'Engagement Invitation Expired': 'EXPIRED',
};

/** Handles Accepted / Rejected / Expired: mirrors the status; a dead referral closes the deal as lost. */
export const updateReferralDeal = async (
  deps: SubmitterDeps,
  detailType: string,
  invitationId: string,
  correlationId: string
): Promise<ReferralOutcome> => {
  const status = STATUS_OF[detailType];
  if (!status) return { status: 'ignored', reason: 'unhandled invitation event' };
  const dealId = await deps.repo.findDealByInvitation(invitationId);
  if (!dealId) return { status: 'ignored', reason: 'invitation not tracked' };
  const deal = await deps.deals.getDeal(dealId, [DEAL_PROP.invitationStatus, DEAL_PROP.dealStage]);
  if (!deal) return { status: 'ignored', reason: 'deal not found or archived' };
  await writeDeal(
    deps,
    dealId,
    referralStatusProperties(deps.settings, deal, status),
    correlationId
  );
  return { status: 'referral-updated', dealId };
};
