// Who applies edits to Partner Central (DESIGN §5, docs/queue-messages.md): the events handler only reads and
// hands review-exit replays to the update queue; the update handler applies them exactly once, and applies
// product / solution edits made outside the card with Associate / Disassociate. Real SDK against the Partner
// Central simulator, DynamoDB Local and the local runtime's SQS.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { seedDeal } from '../helpers/deals';
import { type Harness, startHarness } from '../helpers/harness';
import { anUpdateMessage, aSubmitMessage } from '../helpers/messages';

let h: Harness;
let nextDeal = 9300;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.cleanup();
});
beforeEach(async () => {
  await h.drainEvents();
  await h.deliverUpdateQueue();
});

const WRITES = [
  'CreateOpportunity',
  'UpdateOpportunity',
  'AssociateOpportunity',
  'DisassociateOpportunity',
  'StartEngagementFromOpportunityTask',
  'StartEngagementByAcceptingInvitationTask',
  'SubmitOpportunity',
  'AcceptEngagementInvitation',
  'RejectEngagementInvitation',
] as const;
const calls = (op: string) => h.sim.counters().calls[op] ?? 0;
const writeCalls = () => Object.fromEntries(WRITES.map((op) => [op, calls(op)]));
const sent = () => h.localAws.calls['sqs:SendMessage'] ?? 0;

type Opp = {
  Id: string;
  Project: { Title?: string };
  LifeCycle: { ReviewStatus: string; TargetCloseDate?: string };
  RelatedEntityIdentifiers?: { AwsProducts?: string[]; Solutions?: string[] };
};
const opp = (id: string) => h.opportunities().find((o) => (o as Opp).Id === id) as Opp;
const editDeal = (dealId: string, props: Record<string, string>) =>
  h.deals.deals.set(dealId, { ...h.deals.deals.get(dealId), ...props });

const submitted = async (): Promise<[string, string]> => {
  nextDeal += 1;
  const dealId = seedDeal(h.deals, String(nextDeal));
  const out = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
  if (out.status !== 'submitted') throw new Error(`submit: ${out.status}`);
  return [dealId, out.aceOpportunityId];
};

/** Parks `props` (edited on the deal) while AWS reviews the opportunity. */
const parkDuringReview = async (dealId: string, props: Record<string, string>) => {
  editDeal(dealId, props);
  for (const p of Object.keys(props)) {
    const out = await h.update(anUpdateMessage(dealId, p), { receiveCount: 1 });
    if (out.status !== 'parked') throw new Error(`expected parked, got ${out.status}`);
  }
};

const endReview = async (oppId: string) => {
  while (h.sim.advanceReview({ catalog: 'Sandbox', id: oppId }) > 0);
  return h.drainEvents();
};

describe('review exit -> replayParked on the update queue -> update applies the parked edits', () => {
  it('events writes nothing to Partner Central and queues exactly one replay request', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await parkDuringReview(dealId, { dealname: 'Renamed during the review' });
    const writesBefore = writeCalls();
    const sentBefore = sent();

    // Act
    const outcomes = await endReview(oppId);

    // Assert
    expect(outcomes.at(-1)).toEqual({ type: 'Opportunity Updated', status: 'mirrored' });
    expect(writeCalls()).toEqual(writesBefore);
    expect(sent() - sentBefore).toBe(1);
    expect(h.localAws.queue('ace-update').depth().total).toBe(1);
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual(['dealname']);
    expect(opp(oppId).Project.Title).not.toBe('Renamed during the review');
  });

  it('applies the parked edit once, also when the message is redelivered (lost acknowledgement)', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await parkDuringReview(dealId, {
      dealname: 'Renamed while AWS looked',
      closedate: '2027-10-29T00:00:00.000Z',
    });
    await endReview(oppId);
    const updatesBefore = calls('UpdateOpportunity');

    // Act: processed, but the delete never happened, so SQS delivers it again.
    const first = await h.deliverUpdateQueue({ keep: true, visibilityTimeoutSeconds: 0 });
    const second = await h.deliverUpdateQueue();

    // Assert
    expect(first.records).toHaveLength(1);
    expect(first.response).toEqual({ batchItemFailures: [] });
    expect(second.records.map((r) => r.messageId)).toEqual(first.records.map((r) => r.messageId));
    expect(second.records[0]?.attributes.ApproximateReceiveCount).toBe('2');
    expect(second.response).toEqual({ batchItemFailures: [] });
    expect(calls('UpdateOpportunity') - updatesBefore).toBe(1);
    expect(opp(oppId).Project.Title).toBe('Renamed while AWS looked');
    expect(opp(oppId).LifeCycle.TargetCloseDate).toBe('2027-10-29');
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual([]);
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toBe(
      'Queued edit(s) applied to AWS after the review: closedate, dealname.'
    );
    const audit = (await h.deps.audit.listByDeal(dealId)).filter(
      (r) => r.operation === 'partnercentral:UpdateOpportunity'
    );
    expect(audit.at(-1)).toMatchObject({
      fieldNames: ['closedate', 'dealname'],
      ids: { aceOpportunityId: oppId, hubspotDealId: dealId },
    });
    expect(h.localAws.queue('ace-update').depth().total).toBe(0);
  });

  it('sends nothing when it runs again after a crash between the write and the clear', async () => {
    // Arrange: replayed once; then the parked set is back, as if the clear had never happened.
    const [dealId, oppId] = await submitted();
    await parkDuringReview(dealId, { dealname: 'Written before the crash' });
    await endReview(oppId);
    const first = await h.deliverUpdateQueue({ keep: true, visibilityTimeoutSeconds: 0 });
    const message = JSON.parse(first.records[0]?.body ?? '');
    await h.deps.repo.addParkedEdits(dealId, ['dealname']);
    const updatesBefore = calls('UpdateOpportunity');

    // Act
    const out = await h.replayParked(message);

    // Assert
    expect(out).toEqual({ status: 'no-change', aceOpportunityId: oppId, parked: ['dealname'] });
    expect(calls('UpdateOpportunity')).toBe(updatesBefore);
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual([]);
  });

  it('replays a parked product edit with Associate / Disassociate (events makes no association call)', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await parkDuringReview(dealId, { govwin_ace_aws_products: 'AmazonS3;AmazonDynamoDB' });
    const associationsBefore = [calls('AssociateOpportunity'), calls('DisassociateOpportunity')];

    // Act
    await endReview(oppId);
    const afterEvents = [calls('AssociateOpportunity'), calls('DisassociateOpportunity')];
    const { response } = await h.deliverUpdateQueue();

    // Assert
    expect(afterEvents).toEqual(associationsBefore);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls('AssociateOpportunity') - (associationsBefore[0] ?? 0)).toBe(1);
    expect(calls('DisassociateOpportunity') - (associationsBefore[1] ?? 0)).toBe(1);
    expect([...(opp(oppId).RelatedEntityIdentifiers?.AwsProducts ?? [])].sort()).toEqual([
      'AmazonDynamoDB',
      'AmazonS3',
    ]);
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual([]);
  });

  it('leaves the edits parked and sends nothing when the deal was re-bound to another opportunity', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await parkDuringReview(dealId, { dealname: 'Never for the old opportunity' });
    await endReview(oppId);
    const queued = h.localAws
      .queue('ace-update')
      .peekAll()
      .filter((m) => JSON.parse(m.body).dealId === dealId);
    const message = JSON.parse(queued[0]?.body ?? '');
    const updatesBefore = calls('UpdateOpportunity');

    // Act
    const out = await h.replayParked({ ...message, aceOpportunityId: 'O9999999999' });

    // Assert
    expect(queued).toHaveLength(1);
    expect(out).toEqual({ status: 'skipped', reason: 'deal bound to another opportunity' });
    expect(calls('UpdateOpportunity')).toBe(updatesBefore);
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual(['dealname']);
  });

  it('refuses a replay request for another catalog without reading or writing anything', async () => {
    // Arrange
    const reads = calls('GetOpportunity');

    // Act & Assert
    await expect(
      h.replayParked({
        v: 1,
        kind: 'replayParked',
        dealId: '9399',
        aceOpportunityId: 'O1234567890',
        catalog: 'AWS',
        requestedAt: '2026-11-23T12:00:30.000Z',
        correlationId: 'c-1',
      })
    ).rejects.toMatchObject({ code: 'CATALOG_MISMATCH' });
    expect(calls('GetOpportunity')).toBe(reads);
  });
});

describe('a product or solution edit made in HubSpot outside the card', () => {
  it('reaches the update handler and is applied with Associate / Disassociate', async () => {
    // Arrange: approved, then the rep edits the products on the deal record (not the card).
    const [dealId, oppId] = await submitted();
    await endReview(oppId);
    editDeal(dealId, { govwin_ace_aws_products: 'AmazonTextract;AmazonDynamoDB' });
    const [associated, disassociated] = [
      calls('AssociateOpportunity'),
      calls('DisassociateOpportunity'),
    ];

    // Act
    const out = await h.update(anUpdateMessage(dealId, 'govwin_ace_aws_products'), {
      receiveCount: 1,
    });

    // Assert
    expect(out).toMatchObject({ status: 'updated', applied: ['govwin_ace_aws_products'] });
    expect(calls('AssociateOpportunity') - associated).toBe(1);
    expect(calls('DisassociateOpportunity') - disassociated).toBe(1);
    expect([...(opp(oppId).RelatedEntityIdentifiers?.AwsProducts ?? [])].sort()).toEqual([
      'AmazonDynamoDB',
      'AmazonTextract',
    ]);
    const ops = (await h.deps.audit.listByDeal(dealId)).map((r) => r.operation);
    expect(ops).toContain('partnercentral:DisassociateOpportunity');
  });
});
