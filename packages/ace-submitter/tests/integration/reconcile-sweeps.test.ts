// The reconcile sweeps for lost deliveries: a trigger-stage deal whose `dealstage` webhook HubSpot never
// delivered gets one submit message on the (local) submit queue, and a pending AWS referral whose
// EventBridge event was dropped becomes one referral deal. Real SDK -> Partner Central simulator, DynamoDB
// Local, the local runtime's SQS.
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { parseQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import { makeAwsClients } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeReconcile } from '../../src/reconcile';
import { makeSqsSubmitRequeuer, RECONCILE_CHANGE_SOURCE } from '../../src/submit-requeue';
import { seedDeal } from '../helpers/deals';
import { type Harness, REFERRAL_STAGE, startHarness } from '../helpers/harness';
import { aSubmitMessage, SUBMIT_STAGE } from '../helpers/messages';

let h: Harness;
let sqs: SQSClient;
let submitQueueUrl: string;
let reconcile: ReturnType<typeof makeReconcile>;
const plenty = () => 600_000;
const PORTAL = '24156720';

/** Receives (and deletes) everything visible on the submit queue. */
const drainSubmitQueue = async () => {
  const bodies: string[] = [];
  for (;;) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: submitQueueUrl, MaxNumberOfMessages: 10 })
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) return bodies;
    for (const m of messages) {
      bodies.push(m.Body ?? '');
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: submitQueueUrl, ReceiptHandle: m.ReceiptHandle })
      );
    }
  }
};

beforeAll(async () => {
  h = await startHarness();
  submitQueueUrl = h.localAws.createQueue('ace-submit');
  sqs = makeAwsClients({
    region: 'us-east-1',
    endpoints: { sqs: h.localAws.url },
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
    maxAttempts: 1,
  }).sqs();
  reconcile = makeReconcile({
    ...h.deps,
    submitRequeue: makeSqsSubmitRequeuer({
      sqs,
      queueUrl: submitQueueUrl,
      portalId: PORTAL,
      catalog: 'Sandbox',
    }),
  });
});
afterAll(async () => {
  sqs.destroy();
  await h.cleanup();
});

describe('reconcile: trigger-stage deals whose webhook was never delivered', () => {
  it('queues exactly one submit message for an unsubmitted deal and none for a submitted one', async () => {
    // Arrange: one deal submitted normally, one left in the trigger stage with its webhook lost, one whose
    // submission is in flight (create token reserved; SQS redelivers it) and one outside the trigger stages.
    const submitted = seedDeal(h.deals, '9101');
    expect((await h.submit(aSubmitMessage(submitted), { receiveCount: 1 })).status).toBe(
      'submitted'
    );
    h.deals.deals.set(submitted, { ...h.deals.deals.get(submitted), dealstage: SUBMIT_STAGE });
    const lost = seedDeal(h.deals, '9102');
    const inFlight = seedDeal(h.deals, '9103');
    await h.deps.repo.reserveClientToken(inFlight, 'create', h.deps.newToken());
    seedDeal(h.deals, '9104', { dealstage: 'appointmentscheduled' });
    await drainSubmitQueue();

    // Act
    const stats = await reconcile({ remainingMs: plenty });

    // Assert: one message, the receiver's v1 format, and the submit path takes it.
    const bodies = await drainSubmitQueue();
    expect(bodies).toHaveLength(1);
    const msg = parseQueueMessage(bodies[0] ?? '');
    expect(msg).toMatchObject({
      v: 1,
      kind: 'submit',
      dealId: lost,
      portalId: PORTAL,
      propertyName: 'dealstage',
      propertyValue: SUBMIT_STAGE,
      changeSource: RECONCILE_CHANGE_SOURCE,
      catalog: 'Sandbox',
    });
    expect(stats).toMatchObject({ unsubmitted: 2, requeued: 1, errors: 0 });
    expect(stats.requeued).toBeLessThan(stats.unsubmitted);
    const out = await h.submit(msg, { receiveCount: 1 });
    expect(out.status).toBe('submitted');
    expect((await h.deps.repo.get(lost))?.steps.created).toBeDefined();
  });

  it('queues nothing more once the deal is submitted', async () => {
    // Arrange: 9102 was submitted by the previous test; 9103 is still in flight.
    await drainSubmitQueue();

    // Act
    const stats = await reconcile({ remainingMs: plenty });

    // Assert
    expect(await drainSubmitQueue()).toEqual([]);
    expect(stats).toMatchObject({ requeued: 0, errors: 0 });
  });
});

describe('reconcile: referrals whose EventBridge event was dropped', () => {
  it('creates exactly one referral deal per pending invitation, once', async () => {
    // Arrange: the invitation's Created event never reaches the events handler.
    const invitationId = h.sim.createInvitation({
      title: 'Fictional dropped referral',
      companyName: 'Fictional Dropped Agency',
      industry: 'Government',
      websiteUrl: 'https://dropped.example.gov',
      countryCode: 'US',
      businessProblem: 'The fictional agency wants its permit archive searchable.',
      targetCompletionDate: '2027-05-31',
    });
    h.events.length = 0;
    expect(await h.deps.repo.findDealByInvitation(invitationId)).toBeUndefined();

    // Act
    const first = await reconcile({ remainingMs: plenty });
    const second = await reconcile({ remainingMs: plenty });

    // Assert
    const dealId = await h.deps.repo.findDealByInvitation(invitationId);
    expect(dealId).toBeDefined();
    const created = h.deals.writes.filter(
      (w) => w.op === 'create' && w.properties.govwin_ace_invitation_id === invitationId
    );
    expect(created).toHaveLength(1);
    expect(created[0]?.properties).toMatchObject({
      dealstage: REFERRAL_STAGE,
      govwin_ace_invitation_status: 'PENDING',
    });
    expect(first).toMatchObject({ referralsCreated: 1, errors: 0 });
    expect(first.invitationsChecked).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ referralsCreated: 0, errors: 0 });
  });
});
