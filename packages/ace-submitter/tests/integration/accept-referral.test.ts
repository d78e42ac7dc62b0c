// Accepting an AWS referral (ADR 0007): the submit queue's acceptReferral message drives
// StartEngagementByAcceptingInvitationTask through the real SDK against the Partner Central simulator, with
// the ACE rows, ClientTokens and audit chain in DynamoDB Local. The deal must end up bound to exactly one AWS
// opportunity, however often the message arrives and whichever of the submitter and the events handler
// binds it first.
import {
  AcceptEngagementInvitationCommand,
  RejectEngagementInvitationCommand,
} from '@aws-sdk/client-partnercentral-selling';
import { makeAwsClients, verifyChain } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeAcceptReferral } from '../../src/accept-referral';
import { type Harness, STAGES, startHarness } from '../helpers/harness';
import { acceptTasksOf, anAcceptMessage, seedReferral } from '../helpers/referrals';

const startCalls = (h: Harness) =>
  h.sim.counters().calls.StartEngagementByAcceptingInvitationTask ?? 0;

/** A plain SDK client on the simulator: someone answering the invitation outside HubSpot. */
const outsideClient = (h: Harness) =>
  makeAwsClients({
    endpoints: { partnercentral: h.sim.endpoint },
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
  }).partnerCentral();

describe('acceptReferral when the AWS accept task completes at once', () => {
  let h: Harness;
  let accept: ReturnType<typeof makeAcceptReferral>;
  let pc: ReturnType<typeof outsideClient>;
  beforeAll(async () => {
    h = await startHarness();
    accept = makeAcceptReferral(h.deps);
    pc = outsideClient(h);
  });
  afterAll(async () => {
    pc.destroy();
    await h.cleanup();
  });

  it('starts one task, binds its opportunity to the deal and mirrors it; the events that follow agree', async () => {
    // Arrange: an earlier accept failed and left its note, which a success clears.
    const { invitationId, dealId } = await seedReferral(h);
    const deal = h.deals.deals.get(dealId);
    if (deal) deal.govwin_ace_status_note = 'AWS could not accept the referral (InternalError)';
    const before = startCalls(h);

    // Act
    const outcome = await accept(anAcceptMessage(dealId, invitationId), { receiveCount: 1 });
    const events = await h.drainEvents();

    // Assert: one task, one opportunity, bound both ways, on the deal.
    const tasks = acceptTasksOf(h, invitationId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.TaskStatus).toBe('COMPLETE');
    const oppId = tasks[0]?.OpportunityId ?? '';
    expect(outcome).toEqual({ status: 'accepted', aceOpportunityId: oppId });
    expect(startCalls(h) - before).toBe(1);
    expect(h.sim.counters().calls.AcceptEngagementInvitation ?? 0).toBe(0);
    const row = await h.deps.repo.get(dealId);
    expect(row).toMatchObject({ aceOpportunityId: oppId, acceptTaskId: tasks[0]?.TaskId });
    expect(row?.clientTokens.accept).toMatch(/^[0-9a-f-]{36}$/);
    expect(await h.deps.repo.findDealByAceId(oppId)).toBe(dealId);
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_ace_invitation_status: 'ACCEPTED',
      govwin_aws_cosell_id: oppId,
      govwin_aws_cosell_status: 'Approved',
      govwin_ace_status_note: '',
      dealstage: STAGES.approved,
    });
    expect(events).toEqual([
      { type: 'Engagement Invitation Accepted', status: 'referral-updated' },
      { type: 'Opportunity Created', status: 'mirrored' },
    ]);
    const audit = await h.deps.audit.listByDeal(dealId);
    const start = audit.find(
      (r) => r.operation === 'partnercentral:StartEngagementByAcceptingInvitationTask'
    );
    expect(start).toMatchObject({
      actor: 'system:ace-submitter',
      outcome: 'success',
      ids: { invitationId, requestedBy: 'hubspot-user:7001', taskId: tasks[0]?.TaskId },
    });
    expect(verifyChain(audit)).toEqual({ ok: true });
  });

  it('does nothing new when the same message is redelivered after success', async () => {
    // Arrange
    const { invitationId, dealId } = await seedReferral(h);
    const message = anAcceptMessage(dealId, invitationId);
    const first = await accept(message, { receiveCount: 1 });
    const before = startCalls(h);

    // Act
    const again = await accept(message, { receiveCount: 2 });
    const repeated = await accept(anAcceptMessage(dealId, invitationId), { receiveCount: 1 });

    // Assert
    expect(again).toEqual(first);
    expect(repeated).toEqual(first);
    expect(startCalls(h)).toBe(before);
    expect(acceptTasksOf(h, invitationId)).toHaveLength(1);
  });

  it('refuses an expired referral with a clear note on the deal, starting nothing', async () => {
    // Arrange: the rep accepted in time, but the invitation expires before the message is processed
    // (and before its Expired event reaches the deal).
    const { invitationId, dealId } = await seedReferral(h, { expiresInMs: 60_000 });
    h.sim.advance(61_000);
    h.events.length = 0;
    const before = startCalls(h);

    // Act
    const outcome = await accept(anAcceptMessage(dealId, invitationId), { receiveCount: 1 });

    // Assert
    expect(outcome).toEqual({ status: 'refused', reason: 'expired' });
    expect(startCalls(h)).toBe(before);
    expect(acceptTasksOf(h, invitationId)).toHaveLength(0);
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_ace_invitation_status: 'EXPIRED',
      dealstage: STAGES.closedLost,
      govwin_ace_status_note:
        'The AWS referral expired before it could be accepted; nothing was created in Partner Central.',
    });
    expect((await h.deps.repo.get(dealId))?.aceOpportunityId).toBeUndefined();
  });

  it('reports a referral already accepted outside HubSpot without starting a task, and alerts', async () => {
    // Arrange: someone accepted the invitation directly (no accept task, no opportunity).
    const { invitationId, dealId } = await seedReferral(h);
    await pc.send(
      new AcceptEngagementInvitationCommand({ Catalog: 'Sandbox', Identifier: invitationId })
    );
    const alertsBefore = h.alerts.alerts.length;

    // Act
    const outcome = await accept(anAcceptMessage(dealId, invitationId), { receiveCount: 1 });

    // Assert
    expect(outcome).toEqual({ status: 'refused', reason: 'accepted-elsewhere' });
    expect(acceptTasksOf(h, invitationId)).toHaveLength(0);
    expect(h.deals.deals.get(dealId)?.govwin_ace_invitation_status).toBe('ACCEPTED');
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toMatch(
      /already accepted in Partner Central outside HubSpot/
    );
    expect(h.alerts.alerts.slice(alertsBefore).map((a) => a.kind)).toEqual([
      'referral-not-accepted',
    ]);
  });

  it('refuses a message whose invitation is not bound to its deal, calling nothing', async () => {
    // Arrange
    const { invitationId } = await seedReferral(h);
    const other = await seedReferral(h);
    const before = h.sim.counters().callsTotal;

    // Act & Assert
    await expect(
      accept(anAcceptMessage(other.dealId, invitationId), { receiveCount: 2 })
    ).rejects.toMatchObject({ code: 'REFERRAL_NOT_BOUND' });
    expect(h.sim.counters().callsTotal).toBe(before);
    expect(acceptTasksOf(h, invitationId)).toHaveLength(0);
  });

  it('refuses a message for another catalog before any call', async () => {
    const { invitationId, dealId } = await seedReferral(h);
    const before = h.sim.counters().callsTotal;
    await expect(
      accept(anAcceptMessage(dealId, invitationId, { catalog: 'AWS' }), { receiveCount: 1 })
    ).rejects.toMatchObject({ code: 'CATALOG_MISMATCH' });
    expect(h.sim.counters().callsTotal).toBe(before);
  });
});

describe('acceptReferral when the AWS accept task is still running', () => {
  let h: Harness;
  let accept: ReturnType<typeof makeAcceptReferral>;
  let pc: ReturnType<typeof outsideClient>;
  beforeAll(async () => {
    h = await startHarness({ sim: { taskDurationMs: 30_000 } });
    accept = makeAcceptReferral(h.deps);
    pc = outsideClient(h);
  });
  afterAll(async () => {
    pc.destroy();
    await h.cleanup();
  });

  it('answers accepting; the events handler binds the opportunity; a redelivery then starts nothing', async () => {
    // Arrange
    const { invitationId, dealId } = await seedReferral(h);
    const message = anAcceptMessage(dealId, invitationId);

    // Act 1: the task runs for 30 s; a redelivery meanwhile adopts it.
    const first = await accept(message, { receiveCount: 1 });
    const during = await accept(message, { receiveCount: 2 });
    // Act 2: AWS finishes; Opportunity Created reaches the events handler first.
    h.sim.advance(30_000);
    const events = await h.drainEvents();
    const after = await accept(message, { receiveCount: 3 });

    // Assert
    const tasks = acceptTasksOf(h, invitationId);
    expect(tasks).toHaveLength(1);
    expect(first).toEqual({ status: 'accepting', taskId: tasks[0]?.TaskId });
    expect(during).toEqual(first);
    expect(startCalls(h)).toBe(1);
    expect(events).toContainEqual({ type: 'Opportunity Created', status: 'mirrored' });
    const oppId = tasks[0]?.OpportunityId ?? '';
    expect(after).toEqual({ status: 'accepted', aceOpportunityId: oppId });
    expect((await h.deps.repo.get(dealId))?.aceOpportunityId).toBe(oppId);
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_ace_invitation_status: 'ACCEPTED',
      govwin_aws_cosell_id: oppId,
    });
  });

  it('lets the reconcile sweep bind the opportunity when the Opportunity Created event is lost', async () => {
    // Arrange
    const { invitationId, dealId } = await seedReferral(h);
    await accept(anAcceptMessage(dealId, invitationId), { receiveCount: 1 });
    h.sim.advance(30_000);
    h.events.length = 0; // EventBridge is best effort: this time nothing arrives.

    // Act
    const stats = await h.reconcile({ remainingMs: () => 600_000 });

    // Assert
    const oppId = acceptTasksOf(h, invitationId)[0]?.OpportunityId ?? '';
    expect(oppId).toMatch(/^O\d+$/);
    expect(stats.acceptsBound).toBe(1);
    expect((await h.deps.repo.get(dealId))?.aceOpportunityId).toBe(oppId);
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_ace_invitation_status: 'ACCEPTED',
      govwin_aws_cosell_id: oppId,
    });
  });

  it('reports a task AWS failed: the sweep alerts once and notes it; a redelivery starts nothing', async () => {
    // Arrange: the invitation is answered elsewhere while the task waits, so AWS fails the task.
    const { invitationId, dealId } = await seedReferral(h);
    const message = anAcceptMessage(dealId, invitationId);
    await accept(message, { receiveCount: 1 });
    await pc.send(
      new RejectEngagementInvitationCommand({
        Catalog: 'Sandbox',
        Identifier: invitationId,
        RejectionReason: 'Answered elsewhere',
      })
    );
    h.sim.advance(30_000);
    h.events.length = 0;
    const before = startCalls(h);

    // Act
    const first = await h.reconcile({ remainingMs: () => 600_000 });
    const second = await h.reconcile({ remainingMs: () => 600_000 });
    const redelivered = accept(message, { receiveCount: 2 });

    // Assert
    expect(acceptTasksOf(h, invitationId).map((t) => t.TaskStatus)).toEqual(['FAILED']);
    expect([first.failedTasks, second.failedTasks]).toEqual([1, 1]);
    expect(
      h.alerts.alerts.filter(
        (a) => a.kind === 'referral-accept-failed' && a.message.includes(`dealId: ${dealId}`)
      )
    ).toHaveLength(1);
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_ace_invitation_status: 'PENDING',
      govwin_ace_status_note:
        'AWS could not accept the referral (EngagementInvitationConflict); accept it again from the card, or ask an operator',
    });
    await expect(redelivered).rejects.toMatchObject({ code: 'ACE_ACCEPT_FAILED' });
    expect(startCalls(h)).toBe(before);
  });
});
