import {
  RejectEngagementInvitationCommand,
  StartEngagementByAcceptingInvitationTaskCommand,
} from '@aws-sdk/client-partnercentral-selling';
import { makeAwsClients } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Harness, REFERRAL_STAGE, STAGES, startHarness } from '../helpers/harness';

let h: Harness;
let pc: ReturnType<ReturnType<typeof makeAwsClients>['partnerCentral']>;

beforeAll(async () => {
  h = await startHarness();
  pc = makeAwsClients({
    endpoints: { partnercentral: h.sim.endpoint },
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
  }).partnerCentral();
});
afterAll(async () => {
  pc.destroy();
  await h.cleanup();
});

const referral = (title: string) =>
  h.sim.createInvitation({
    title,
    companyName: 'Fictional Referral Agency',
    industry: 'Government',
    websiteUrl: 'https://referral.example.gov',
    countryCode: 'US',
    businessProblem: 'The fictional agency wants to move its case archive to the cloud.',
    targetCompletionDate: '2027-05-31',
    expectedMonthlySpendUsd: '2500',
    senderCompanyName: 'Amazon Web Services',
  });

const dealOf = (invitationId: string) =>
  [...h.deals.deals.entries()].find(([, p]) => p.govwin_ace_invitation_id === invitationId);

describe('engagement invitations (AWS referrals) -> HubSpot deals', () => {
  it('creates a deal in the referral stage with the invitation id, expiry and AWS details', async () => {
    // Arrange
    const invitationId = referral('Fictional archive migration');

    // Act
    const outcomes = await h.drainEvents();

    // Assert
    expect(outcomes).toEqual([
      { type: 'Engagement Invitation Created', status: 'referral-created' },
    ]);
    const [dealId, props] = dealOf(invitationId) ?? [];
    expect(props).toMatchObject({
      pipeline: 'govwin-pipeline',
      dealstage: REFERRAL_STAGE,
      dealname: 'Fictional archive migration',
      description: 'The fictional agency wants to move its case archive to the cloud.',
      closedate: String(Date.parse('2027-05-31T00:00:00Z')),
      amount: '30000.00',
      govwin_ace_invitation_id: invitationId,
      govwin_ace_invitation_status: 'PENDING',
      govwin_ace_invitation_sender: 'Amazon Web Services',
      govwin_ace_referral_customer: 'Fictional Referral Agency',
      govwin_ace_referral_website: 'https://referral.example.gov',
      govwin_ace_referral_country: 'US',
      govwin_industry: 'Government',
    });
    expect(Number(props?.govwin_ace_invitation_expires_at)).toBeGreaterThan(
      Date.parse('2026-12-01')
    );
    expect(await h.deps.repo.findDealByInvitation(invitationId)).toBe(dealId);
    const audit = await h.deps.audit.listByDeal(dealId ?? '');
    expect(audit.map((r) => r.operation)).toEqual(['hubspot:CreateDeal']);
  });

  it('does not create a second deal for a redelivered or repeated invitation event', async () => {
    // Arrange
    const invitationId = referral('Fictional repeat');
    const [event] = [...h.events];
    await h.drainEvents();
    const before = h.deals.deals.size;

    // Act
    const again = await h.handleEvent({ ...event, id: '1a2b3c4d-0000-4000-8000-000000000001' });

    // Assert
    expect(again).toMatchObject({ status: 'duplicate', dealId: dealOf(invitationId)?.[0] });
    expect(h.deals.deals.size).toBe(before);
  });

  it('links the opportunity AWS creates on acceptance to the referral deal and mirrors it', async () => {
    // Arrange
    const invitationId = referral('Fictional accepted referral');
    await h.drainEvents();
    const [dealId] = dealOf(invitationId) ?? [];

    // Act: the card accepts (ui-ext-writes); AWS creates the opportunity and emits events.
    await pc.send(
      new StartEngagementByAcceptingInvitationTaskCommand({
        Catalog: 'Sandbox',
        Identifier: invitationId,
        ClientToken: 'accept-token-1',
      })
    );
    const outcomes = await h.drainEvents();

    // Assert
    expect(outcomes).toEqual([
      { type: 'Engagement Invitation Accepted', status: 'referral-updated' },
      { type: 'Opportunity Created', status: 'mirrored' },
    ]);
    const row = await h.deps.repo.get(dealId ?? '');
    expect(row?.aceOpportunityId).toMatch(/^O\d+$/);
    expect(h.deals.deals.get(dealId ?? '')).toMatchObject({
      govwin_ace_invitation_status: 'ACCEPTED',
      govwin_aws_cosell_id: row?.aceOpportunityId,
      govwin_aws_cosell_status: 'Approved',
      dealstage: STAGES.approved,
    });
  });

  it('closes the referral deal as lost when the invitation is rejected', async () => {
    // Arrange
    const invitationId = referral('Fictional rejected referral');
    await h.drainEvents();
    const [dealId] = dealOf(invitationId) ?? [];

    // Act
    await pc.send(
      new RejectEngagementInvitationCommand({
        Catalog: 'Sandbox',
        Identifier: invitationId,
        RejectionReason: 'No capacity',
      })
    );
    const outcomes = await h.drainEvents();

    // Assert
    expect(outcomes).toEqual([
      { type: 'Engagement Invitation Rejected', status: 'referral-updated' },
    ]);
    expect(h.deals.deals.get(dealId ?? '')).toMatchObject({
      govwin_ace_invitation_status: 'REJECTED',
      dealstage: STAGES.closedLost,
    });
  });
});
