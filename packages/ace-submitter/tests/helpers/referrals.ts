// AWS referrals for the accept tests: an invitation on the simulator, its referral deal created by the events
// handler (as in production), the deal marked ACCEPTING as the card's route leaves it, and the queue message
// the route sends.
import type { AcceptReferralMessageV1 } from '@govwin-ace/hubspot-webhook-receiver';
import type { Harness } from './harness';

let seq = 0;

/** Creates an invitation (fictional content) and lets the events handler turn it into a referral deal. */
export const seedReferral = async (
  h: Harness,
  over: { expiresInMs?: number } = {}
): Promise<{ invitationId: string; dealId: string }> => {
  seq += 1;
  const invitationId = h.sim.createInvitation({
    title: `Fictional referral ${seq}`,
    companyName: 'Fictional Referral Agency',
    industry: 'Government',
    websiteUrl: 'https://referral.example.gov',
    countryCode: 'US',
    businessProblem: 'The fictional agency wants to move its case archive to the cloud.',
    targetCompletionDate: '2027-05-31',
    ...over,
  });
  await h.drainEvents();
  const dealId = await h.deps.repo.findDealByInvitation(invitationId);
  if (!dealId) throw new Error(`no referral deal for ${invitationId}`);
  // What POST /referral/accept leaves on the deal before it queues the message.
  const deal = h.deals.deals.get(dealId);
  if (deal) deal.govwin_ace_invitation_status = 'ACCEPTING';
  return { invitationId, dealId };
};

/** The acceptReferral message the card's route queues. */
export const anAcceptMessage = (
  dealId: string,
  invitationId: string,
  over: Partial<AcceptReferralMessageV1> = {}
): AcceptReferralMessageV1 => ({
  v: 1,
  kind: 'acceptReferral',
  dealId,
  invitationId,
  catalog: 'Sandbox',
  requestedBy: 'hubspot-user:7001',
  requestedAt: '2026-11-23T12:00:30.000Z',
  correlationId: `accept-${dealId}`,
  ...over,
});

/** The accept tasks the simulator holds for an invitation. */
export const acceptTasksOf = (h: Harness, invitationId: string) =>
  h.sim
    .inspect()
    .catalogs.Sandbox.engagementTasks.byAcceptingInvitation.filter(
      (t) => t.EngagementInvitationId === invitationId
    ) as { TaskId: string; TaskStatus: string; OpportunityId?: string }[];
