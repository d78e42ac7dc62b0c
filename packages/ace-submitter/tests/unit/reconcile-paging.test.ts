// The reconcile sweeps read their whole lists, page by page, within the run's deadline and page caps: the
// trigger-stage sweep (HubSpot search, keyset cursor), the invitation sweep (ListEngagementInvitations
// NextToken) and the status sweep (ListOpportunities NextToken). A sweep cut short logs one warning, counts
// one metric and the next run starts it again from the beginning.
import type { OpportunitySummary } from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import { METRICS } from '../../src/context';
import { makeReconcile } from '../../src/reconcile';
import { RECONCILE_LIMITS } from '../../src/reconcile-run';
import { SUBMIT_STAGE } from '../helpers/messages';
import {
  aRow,
  makeReconcileWorld,
  REFERRAL_STAGE,
  type ReconcileWorld,
  T0,
  warnings,
} from '../helpers/reconcile-fakes';

const plenty = () => 600_000;

/** Seeds `count` trigger-stage deals with ids from `firstId` upwards. */
const seedTriggerDeals = (w: ReconcileWorld, firstId: number, count: number) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(firstId + i);
    w.deals.deals.set(id, { dealstage: SUBMIT_STAGE, dealname: `Fictional deal ${id}` });
    ids.push(id);
  }
  return ids;
};

/** Marks deals as in flight (create ClientToken reserved): the sweep examines them but sends nothing. */
const inFlight = (w: ReconcileWorld, ids: readonly string[]) => {
  for (const id of ids) w.repo.rows.set(id, aRow(id, { clientTokens: { create: `tok-${id}` } }));
};

const stopWarnings = (w: ReconcileWorld) =>
  warnings(w.logger).filter((l) => l.message.startsWith('reconcile sweep stopped early'));

describe('makeReconcile › trigger-stage sweep (lost dealstage webhooks)', () => {
  it('pages past the first 200 deals and re-queues a lost deal found on the third page', async () => {
    // Arrange: 450 deals in flight ahead of one whose webhook was lost (the old sweep read 100 only).
    const w = makeReconcileWorld(makeReconcile);
    inFlight(w, seedTriggerDeals(w, 1000, 450));
    const [lost] = seedTriggerDeals(w, 5000, 1);

    // Act
    const stats = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.requeued.map((r) => r.dealId)).toEqual([lost]);
    expect(stats).toMatchObject({ dealPages: 3, unsubmitted: 451, requeued: 1, errors: 0 });
    expect(stats.truncated).toBe(false);
    expect(w.deals.searches.map((s) => s.afterId)).toEqual([undefined, '1199', '1399']);
    expect(w.deals.searches[0]).toMatchObject({
      stageIds: [SUBMIT_STAGE],
      unset: ['govwin_aws_cosell_id', 'govwin_ace_status_note'],
      limit: RECONCILE_LIMITS.dealPageSize,
    });
    expect(stopWarnings(w)).toEqual([]);
    expect(w.metrics.counts[METRICS.sweepStoppedEarly]).toBeUndefined();
  });

  it('stops at the deadline mid-page with one warning and one metric, and the next run starts over', async () => {
    // Arrange: time runs out after 250 deals were examined (one DynamoDB read each).
    const w = makeReconcileWorld(makeReconcile);
    inFlight(w, seedTriggerDeals(w, 1000, 450));
    const remaining = () => (w.repo.calls.get >= 250 ? 10_000 : 600_000);

    // Act
    const first = await w.reconcile({ remainingMs: remaining });

    // Assert
    expect(w.repo.calls.get).toBe(250);
    expect(w.deals.searches).toHaveLength(2);
    expect(first).toMatchObject({ truncated: true, stoppedEarly: ['unsubmitted:deadline'] });
    expect(stopWarnings(w)).toEqual([
      {
        message: 'reconcile sweep stopped early; the next run starts it again',
        fields: { sweep: 'unsubmitted', reason: 'deadline', pages: 2 },
      },
    ]);
    expect(w.metrics.counts[METRICS.sweepStoppedEarly]).toBe(1);

    // Act: the next run, with time to spare.
    w.deals.searches.length = 0;
    const second = await w.reconcile({ remainingMs: plenty });

    // Assert: it started from the first page again and read to the end.
    expect(w.deals.searches[0]?.afterId).toBeUndefined();
    expect(second).toMatchObject({ truncated: false, dealPages: 3, unsubmitted: 450 });
  });

  it('stops at the page cap when more pages remain', async () => {
    // Arrange
    const w = makeReconcileWorld(makeReconcile, { limits: { dealPageSize: 2, dealMaxPages: 3 } });
    inFlight(w, seedTriggerDeals(w, 1000, 10));

    // Act
    const stats = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.deals.searches).toHaveLength(3);
    expect(stats).toMatchObject({
      dealPages: 3,
      unsubmitted: 6,
      stoppedEarly: ['unsubmitted:page-cap'],
    });
    expect(stopWarnings(w).map((l) => l.fields)).toEqual([
      { sweep: 'unsubmitted', reason: 'page-cap', pages: 3 },
    ]);
    expect(w.metrics.counts[METRICS.sweepStoppedEarly]).toBe(1);
  });

  it('does not report the page cap when the last allowed page was the last page', async () => {
    // Arrange
    const w = makeReconcileWorld(makeReconcile, { limits: { dealPageSize: 2, dealMaxPages: 3 } });
    inFlight(w, seedTriggerDeals(w, 1000, 6));

    // Act
    const stats = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(stats).toMatchObject({
      dealPages: 3,
      unsubmitted: 6,
      truncated: false,
      stoppedEarly: [],
    });
  });

  it('stops once the per-run send cap is used up, leaving the rest to the next run', async () => {
    // Arrange: five lost deals, two messages a run.
    const w = makeReconcileWorld(makeReconcile, { limits: { requeueMaxPerRun: 2 } });
    const lost = seedTriggerDeals(w, 1000, 5);

    // Act
    const first = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.requeued.map((r) => r.dealId)).toEqual(lost.slice(0, 2));
    expect(first).toMatchObject({
      requeued: 2,
      unsubmitted: 3,
      stoppedEarly: ['unsubmitted:requeue-cap'],
    });
    expect(w.metrics.counts[METRICS.sweepStoppedEarly]).toBe(1);

    // Act: the first two are now in flight (the submit consumer reserved their tokens).
    inFlight(w, lost.slice(0, 2));
    await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.requeued.map((r) => r.dealId)).toEqual(lost.slice(0, 4));
  });
});

describe('makeReconcile › invitation sweep (dropped Engagement Invitation Created events)', () => {
  const invitationIds = (n: number) =>
    Array.from({ length: n }, (_, i) => `engi-page${String(i).padStart(9, '0')}`);

  it('follows NextToken to the last page and creates the deal of an invitation found there', async () => {
    // Arrange: 250 invitations; all but the last already have deals. AWS answers 100 a page.
    const ids = invitationIds(250);
    const w = makeReconcileWorld(makeReconcile, { ace: { invitations: ids } });
    for (const [i, id] of ids.slice(0, 249).entries()) w.repo.invitations.set(id, String(7000 + i));

    // Act
    const stats = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.ace.inputs.invitations.map((i) => i.NextToken)).toEqual([undefined, 'p100', 'p200']);
    expect(w.ace.inputs.invitations[0]).toMatchObject({
      ParticipantType: 'RECEIVER',
      Status: ['PENDING'],
      Sort: { SortBy: 'InvitationDate', SortOrder: 'ASCENDING' },
      MaxResults: RECONCILE_LIMITS.invitationPageSize,
    });
    expect(stats).toMatchObject({
      invitationPages: 3,
      invitationsChecked: 250,
      referralsCreated: 1,
      errors: 0,
      truncated: false,
    });
    const created = w.deals.writes.filter((x) => x.op === 'create');
    expect(created).toHaveLength(1);
    expect(created[0]?.properties).toMatchObject({
      dealstage: REFERRAL_STAGE,
      govwin_ace_invitation_id: ids[249],
    });
  });

  it('stops at the deadline with one warning and one metric', async () => {
    // Arrange: the deadline hits after the second page was read.
    const ids = invitationIds(250);
    const w = makeReconcileWorld(makeReconcile, { ace: { invitations: ids } });
    const remaining = () => (w.ace.inputs.invitations.length >= 2 ? 10_000 : 600_000);

    // Act
    const stats = await w.reconcile({ remainingMs: remaining });

    // Assert
    expect(w.ace.inputs.invitations).toHaveLength(2);
    expect(stats).toMatchObject({ invitationsChecked: 100, referralsCreated: 100 });
    // The trigger-stage sweep after it does not start either.
    expect(stats.stoppedEarly).toEqual(['invitations:deadline', 'unsubmitted:deadline']);
    expect(stopWarnings(w).map((l) => l.fields)).toEqual([
      { sweep: 'invitations', reason: 'deadline', pages: 2 },
      { sweep: 'unsubmitted', reason: 'deadline' },
    ]);
    expect(w.metrics.counts[METRICS.sweepStoppedEarly]).toBe(2);
  });

  it('stops at the page cap when AWS still has more pages', async () => {
    // Arrange: AWS pages by 10 whatever MaxResults asks for.
    const ids = invitationIds(50);
    const w = makeReconcileWorld(makeReconcile, {
      ace: { invitations: ids, invitationPage: 10 },
      limits: { invitationMaxPages: 3 },
    });
    for (const id of ids) w.repo.invitations.set(id, '7001');

    // Act
    const stats = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.ace.inputs.invitations).toHaveLength(3);
    expect(stats).toMatchObject({
      invitationPages: 3,
      invitationsChecked: 30,
      stoppedEarly: ['invitations:page-cap'],
    });
    expect(w.metrics.counts[METRICS.sweepStoppedEarly]).toBe(1);
  });
});

describe('makeReconcile › status sweep (ListOpportunities pages per batch)', () => {
  const summaryOf = (id: string): OpportunitySummary => ({
    Id: id,
    Catalog: 'Sandbox',
    LastModifiedDate: new Date(T0),
    LifeCycle: { ReviewStatus: 'Submitted', Stage: 'Prospect' },
  });

  /** What the row records when the mirror is up to date with `summaryOf`. */
  const inStep = {
    lastModifiedDate: new Date(T0).toISOString(),
    reviewStatus: 'Submitted',
    lifecycleStage: 'Prospect',
  };

  it('follows NextToken when AWS answers one batch of ids in several pages', async () => {
    // Arrange: 20 mapped opportunities; AWS returns 8 a page.
    const ids = Array.from({ length: 20 }, (_, i) => `O${1000 + i}`);
    const w = makeReconcileWorld(makeReconcile, {
      ace: { opportunities: ids.map(summaryOf), opportunityPage: 8 },
    });
    ids.forEach((aceId, i) => {
      const dealId = String(3000 + i);
      w.repo.rows.set(dealId, aRow(dealId, { aceOpportunityId: aceId, ...inStep }));
    });

    // Act
    const stats = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.ace.inputs.opportunities.map((i) => i.NextToken)).toEqual([undefined, 'p8', 'p16']);
    expect(stats).toMatchObject({ checked: 20, reMirrored: 0, errors: 0, truncated: false });
  });

  it('caps the pages of one batch and says so', async () => {
    // Arrange: AWS returns 1 a page; at most 5 pages a batch.
    const ids = Array.from({ length: 8 }, (_, i) => `O${2000 + i}`);
    const w = makeReconcileWorld(makeReconcile, {
      ace: { opportunities: ids.map(summaryOf), opportunityPage: 1 },
    });
    ids.forEach((aceId, i) => {
      const dealId = String(4000 + i);
      w.repo.rows.set(dealId, aRow(dealId, { aceOpportunityId: aceId, ...inStep }));
    });

    // Act
    const stats = await w.reconcile({ remainingMs: plenty });

    // Assert
    expect(w.ace.inputs.opportunities).toHaveLength(RECONCILE_LIMITS.statusMaxPagesPerBatch);
    expect(stats).toMatchObject({ checked: 5, errors: 0, stoppedEarly: ['status:page-cap'] });
    expect(w.metrics.counts[METRICS.sweepStoppedEarly]).toBe(1);
  });
});
