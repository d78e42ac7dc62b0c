import {
  AcceptEngagementInvitationCommand,
  ConflictException,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  ListEngagementByAcceptingInvitationTasksCommand,
  ListEngagementInvitationsCommand,
  RejectEngagementInvitationCommand,
  ResourceNotFoundException,
  StartEngagementByAcceptingInvitationTaskCommand,
} from '@aws-sdk/client-partnercentral-selling';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { InvitationSeed } from '../../../../src/simulators/partner-central/index';
import { type Harness, NO_QUOTAS, rejectionOf, START, startHarness } from './harness';

const referral = (overrides: Partial<InvitationSeed> = {}): InvitationSeed => ({
  title: 'Example Transit Authority data platform',
  companyName: 'Example Transit Authority',
  industry: 'Government',
  websiteUrl: 'https://transit.example.gov',
  countryCode: 'US',
  businessProblem: 'Ridership data sits in six systems and nobody can query it together.',
  targetCompletionDate: '2026-12-31',
  expectedMonthlySpendUsd: '4000',
  ...overrides,
});

const DAY = 86_400_000;

describe('Partner Central simulator: engagement invitations', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const list = (Status?: ('PENDING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED')[]) =>
    h.pc.send(
      new ListEngagementInvitationsCommand({
        Catalog: 'Sandbox',
        ParticipantType: 'RECEIVER',
        ...(Status ? { Status } : {}),
      })
    );

  it('lists seeded AWS referrals and returns their payload', async () => {
    // Arrange
    h = await startHarness({ ...NO_QUOTAS, invitations: [referral()] });
    // Act
    const listed = await list(['PENDING']);
    const id = listed.EngagementInvitationSummaries?.[0]?.Id;
    const got = await h.pc.send(
      new GetEngagementInvitationCommand({ Catalog: 'Sandbox', Identifier: id })
    );
    const inAws = await h.pc.send(
      new ListEngagementInvitationsCommand({ Catalog: 'AWS', ParticipantType: 'RECEIVER' })
    );
    // Assert
    expect(listed.EngagementInvitationSummaries).toEqual([
      expect.objectContaining({
        Id: expect.stringMatching(/^engi-[0-9a-z]{13}$/),
        Status: 'PENDING',
        PayloadType: 'OpportunityInvitation',
        ParticipantType: 'RECEIVER',
        EngagementTitle: 'Example Transit Authority data platform',
        InvitationDate: new Date(START),
        ExpirationDate: new Date(START + 15 * DAY),
      }),
    ]);
    expect(got.Payload?.OpportunityInvitation?.Customer).toEqual({
      Industry: 'Government',
      CompanyName: 'Example Transit Authority',
      WebsiteUrl: 'https://transit.example.gov',
      CountryCode: 'US',
    });
    expect(got.Receiver?.Account?.AwsAccountId).toBe('111122223333');
    expect(inAws.EngagementInvitationSummaries).toEqual([]);
  });

  it('accepts once, with an event, and refuses a second accept', async () => {
    // Arrange
    h = await startHarness(NO_QUOTAS);
    const id = h.sim.createInvitation(referral());
    // Act
    await h.pc.send(new AcceptEngagementInvitationCommand({ Catalog: 'Sandbox', Identifier: id }));
    h.sim.advance(1_000);
    const again = await rejectionOf(
      h.pc.send(new AcceptEngagementInvitationCommand({ Catalog: 'Sandbox', Identifier: id }))
    );
    // Assert
    expect((await list(['ACCEPTED'])).EngagementInvitationSummaries?.map((i) => i.Id)).toEqual([
      id,
    ]);
    expect(again).toBeInstanceOf(ConflictException);
    expect(h.events.map((e) => e['detail-type'])).toEqual([
      'Engagement Invitation Created',
      'Engagement Invitation Accepted',
    ]);
    expect(h.events[1]?.detail).toMatchObject({
      catalog: 'Sandbox',
      engagementInvitation: { id, payloadType: 'OpportunityInvitation' },
    });
  });

  it('rejects with a reason and drops the payload', async () => {
    // Arrange
    h = await startHarness(NO_QUOTAS);
    const id = h.sim.createInvitation(referral());
    // Act
    await h.pc.send(
      new RejectEngagementInvitationCommand({
        Catalog: 'Sandbox',
        Identifier: id,
        RejectionReason: 'No capacity this quarter',
      })
    );
    const got = await h.pc.send(
      new GetEngagementInvitationCommand({ Catalog: 'Sandbox', Identifier: id })
    );
    // Assert
    expect(got.Status).toBe('REJECTED');
    expect(got.RejectionReason).toBe('No capacity this quarter');
    expect(got.Payload).toBeUndefined();
    expect(h.events.at(-1)?.['detail-type']).toBe('Engagement Invitation Rejected');
  });

  it('expires a pending invitation after its lifetime', async () => {
    // Arrange
    h = await startHarness({ ...NO_QUOTAS, invitations: [referral({ expiresInMs: 2 * DAY })] });
    const id = (await list()).EngagementInvitationSummaries?.[0]?.Id;
    // Act
    h.sim.advance(2 * DAY - 1);
    const stillPending = (await list(['PENDING'])).EngagementInvitationSummaries?.length;
    h.sim.advance(1);
    const expired = await list(['EXPIRED']);
    const accept = await rejectionOf(
      h.pc.send(new AcceptEngagementInvitationCommand({ Catalog: 'Sandbox', Identifier: id }))
    );
    // Assert
    expect(stillPending).toBe(1);
    expect(expired.EngagementInvitationSummaries?.map((i) => i.Id)).toEqual([id]);
    expect(accept).toBeInstanceOf(ConflictException);
    expect(h.sim.counters().events.byType['Engagement Invitation Expired']).toBe(1);
  });

  it('creates the opportunity through StartEngagementByAcceptingInvitationTask', async () => {
    // Arrange
    h = await startHarness(NO_QUOTAS);
    const id = h.sim.createInvitation(referral());
    // Act
    const task = await h.pc.send(
      new StartEngagementByAcceptingInvitationTaskCommand({
        Catalog: 'Sandbox',
        Identifier: id,
        ClientToken: 'accept-1',
      })
    );
    h.sim.advance(1_000);
    const tasks = await h.pc.send(
      new ListEngagementByAcceptingInvitationTasksCommand({ Catalog: 'Sandbox' })
    );
    const opportunityId = tasks.TaskSummaries?.[0]?.OpportunityId;
    const opportunity = await h.pc.send(
      new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: opportunityId })
    );
    // Assert
    expect(task.TaskStatus).toBe('IN_PROGRESS');
    expect(tasks.TaskSummaries?.[0]).toMatchObject({
      TaskId: task.TaskId,
      TaskStatus: 'COMPLETE',
      EngagementInvitationId: id,
    });
    expect(opportunity.Project?.Title).toBe('Example Transit Authority data platform');
    expect(opportunity.LifeCycle?.ReviewStatus).toBe('Approved');
    expect(h.events.map((e) => e['detail-type'])).toEqual([
      'Engagement Invitation Created',
      'Engagement Invitation Accepted',
      'Opportunity Created',
    ]);
  });

  it('answers ResourceNotFoundException for an unknown invitation', async () => {
    // Arrange
    h = await startHarness(NO_QUOTAS);
    // Act
    const err = await rejectionOf(
      h.pc.send(
        new GetEngagementInvitationCommand({ Catalog: 'Sandbox', Identifier: 'engi-0000000000000' })
      )
    );
    // Assert
    expect(err).toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses an invitation seed that breaks the SDK model', async () => {
    // Arrange
    h = await startHarness(NO_QUOTAS);
    // Act & Assert
    expect(() => h.sim.createInvitation(referral({ industry: 'Energy' as never }))).toThrow(
      'Customer.Industry must be one of the Industry values'
    );
  });
});
