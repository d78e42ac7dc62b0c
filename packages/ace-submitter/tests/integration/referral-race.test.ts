// Both paths that create referral deals — the events handler on `Engagement Invitation Created` and the
// reconcile sweep over pending invitations — running at the same moment for the same invitation create
// exactly one HubSpot deal: the invitation's claim (`INV#<id>` row, DynamoDB Local conditional update) lets
// one path create and bind, and the other observes it. Real SDK -> Partner Central simulator; the HubSpot
// lookup is a rendezvous, so without the claim both paths would be past their checks at once.
import { AppError } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PartnerCentralEvent } from '../../../local/src/simulators/index';
import { makeReconcile } from '../../src/reconcile';
import type { ReconcileStats } from '../../src/reconcile-run';
import { type Harness, startHarness } from '../helpers/harness';

let h: Harness;
let reconcile: ReturnType<typeof makeReconcile>;
const plenty = () => 600_000;

beforeAll(async () => {
  h = await startHarness();
  // No submit requeuer: only the referral sweeps of reconcile run.
  reconcile = makeReconcile({ ...h.deps });
  // Settle whatever the simulator holds already, so each race below involves its own invitation only.
  await reconcile({ remainingMs: plenty });
});
afterAll(async () => h.cleanup());

let titles = 0;
/** A pending AWS referral and the `Engagement Invitation Created` event the simulator emitted for it. */
const aReferral = (): { invitationId: string; event: PartnerCentralEvent } => {
  titles += 1;
  h.events.length = 0;
  const invitationId = h.sim.createInvitation({
    title: `Fictional raced referral ${titles}`,
    companyName: 'Fictional Raced Agency',
    industry: 'Government',
    websiteUrl: 'https://raced.example.gov',
    countryCode: 'US',
    businessProblem: 'The fictional agency wants its permit archive searchable online.',
    targetCompletionDate: '2027-05-31',
  });
  const event = h.events.find(
    (e) =>
      e['detail-type'] === 'Engagement Invitation Created' &&
      (e.detail as { engagementInvitation?: { id?: string } }).engagementInvitation?.id ===
        invitationId
  );
  if (!event) throw new Error('the simulator emitted no Created event');
  h.events.length = 0;
  return { invitationId, event };
};

/**
 * Holds every caller of the HubSpot lookup (`findDealByProperty`, the last check before a create) until
 * `parties` callers arrived or `open()` is called.
 */
const holdHubSpotLookups = (parties: number) => {
  const original = h.deals.findDealByProperty;
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let firstArrived!: () => void;
  const first = new Promise<void>((resolve) => {
    firstArrived = resolve;
  });
  h.deals.findDealByProperty = async (property, value) => {
    arrived += 1;
    firstArrived();
    if (arrived >= parties) open();
    await gate;
    return original(property, value);
  };
  return {
    open: () => open(),
    firstArrival: first,
    arrivals: () => arrived,
    restore: () => {
      open();
      h.deals.findDealByProperty = original;
    },
  };
};

const dealsFor = (invitationId: string) =>
  h.deals.writes.filter(
    (w) => w.op === 'create' && w.properties.govwin_ace_invitation_id === invitationId
  );

type EventResult = { ok: true; status: string; dealId?: string } | { ok: false; code: string };
const runEvent = (event: PartnerCentralEvent): Promise<EventResult> =>
  h.handleEvent(event).then(
    (o) => ({ ok: true as const, status: o.status, ...(o.dealId ? { dealId: o.dealId } : {}) }),
    (err: unknown) => ({ ok: false as const, code: err instanceof AppError ? err.code : 'UNKNOWN' })
  );

describe('referral deal creation: events handler and reconcile sweep at the same moment', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'creates exactly one deal, and the other path observes it (round %i)',
    async () => {
      // Arrange
      const { invitationId, event } = aReferral();
      const lookups = holdHubSpotLookups(2);

      // Act: both paths start together; whichever loses the claim settles and so opens the rendezvous.
      let eventResult: EventResult | undefined;
      let stats: ReconcileStats | undefined;
      try {
        [eventResult, stats] = await Promise.all([
          runEvent(event).finally(lookups.open),
          reconcile({ remainingMs: plenty }).finally(lookups.open),
        ]);
      } finally {
        lookups.restore();
      }

      // Assert: one deal, bound to the invitation; only the claim holder got as far as the HubSpot lookup.
      const created = dealsFor(invitationId);
      expect(created).toHaveLength(1);
      const dealId = created[0]?.dealId;
      expect(await h.deps.repo.findDealByInvitation(invitationId)).toBe(dealId);
      expect(lookups.arrivals()).toBe(1);
      expect(stats?.errors).toBe(0);
      // The loser saw the claim held: the event is retried (retryable error), or the sweep counted it.
      if (eventResult?.ok) {
        expect(eventResult).toEqual({ ok: true, status: 'referral-created', dealId });
        expect(stats).toMatchObject({ referralsCreated: 0, referralsInFlight: 1 });
      } else {
        expect(eventResult).toEqual({ ok: false, code: 'REFERRAL_IN_PROGRESS' });
        expect(stats).toMatchObject({ referralsCreated: 1, referralsInFlight: 0 });
      }

      // Act: EventBridge's retry of the event, and the next scheduled run.
      const retried = await runEvent(event);
      const next = await reconcile({ remainingMs: plenty });

      // Assert: both observe the one deal (a completed event is a duplicate by its id already).
      expect(retried).toEqual({
        ok: true,
        status: 'duplicate',
        ...(eventResult?.ok ? {} : { dealId }),
      });
      expect(next).toMatchObject({ referralsCreated: 0, referralsInFlight: 0, errors: 0 });
      expect(dealsFor(invitationId)).toHaveLength(1);
    }
  );

  it('the sweep leaves the invitation to an events handler that holds the claim', async () => {
    // Arrange: the event takes the claim and is held at its HubSpot lookup.
    const { invitationId, event } = aReferral();
    const lookups = holdHubSpotLookups(Number.POSITIVE_INFINITY);
    const eventRun = runEvent(event);
    await lookups.firstArrival;

    // Act
    const stats = await reconcile({ remainingMs: plenty });
    lookups.restore();
    const eventResult = await eventRun;

    // Assert
    expect(stats).toMatchObject({ referralsCreated: 0, referralsInFlight: 1, errors: 0 });
    expect(eventResult).toMatchObject({ ok: true, status: 'referral-created' });
    expect(dealsFor(invitationId)).toHaveLength(1);
  });

  it('the event is retried, not failed, while the sweep holds the claim, and the retry finds the deal', async () => {
    // Arrange: the sweep takes the claim and is held at its HubSpot lookup.
    const { invitationId, event } = aReferral();
    const lookups = holdHubSpotLookups(Number.POSITIVE_INFINITY);
    const sweepRun = reconcile({ remainingMs: plenty });
    await lookups.firstArrival;

    // Act
    const first = await runEvent(event);
    lookups.restore();
    const stats = await sweepRun;
    const retried = await runEvent(event);

    // Assert
    expect(first).toEqual({ ok: false, code: 'REFERRAL_IN_PROGRESS' });
    expect(h.alerts.alerts.filter((a) => a.kind === 'event-failed')).toEqual([]);
    expect(stats).toMatchObject({ referralsCreated: 1, errors: 0 });
    const [created] = dealsFor(invitationId);
    expect(retried).toEqual({ ok: true, status: 'duplicate', dealId: created?.dealId });
    expect(dealsFor(invitationId)).toHaveLength(1);
  });

  it('a holder that crashed after creating the deal is recovered by the next holder, not duplicated', async () => {
    // Arrange: a holder claimed, created the deal in HubSpot and died before binding it.
    const { invitationId, event } = aReferral();
    const claim = await h.deps.invitationClaims.claim(invitationId);
    expect(claim.status).toBe('acquired');
    const orphan = await h.deps.deals.createDeal({
      properties: { dealname: 'Fictional orphan', govwin_ace_invitation_id: invitationId },
      pipelineId: h.settings.pipelineId,
      stageId: h.settings.referralStageId,
    });

    // Act & Assert: until the lease runs out the event is retried ...
    expect(await runEvent(event)).toEqual({ ok: false, code: 'REFERRAL_IN_PROGRESS' });
    // ... then the next attempt finds the orphan by its invitation id and binds it.
    h.sim.advance(121_000);
    const retried = await runEvent(event);
    expect(retried).toEqual({ ok: true, status: 'referral-created', dealId: orphan.id });
    expect(await h.deps.repo.findDealByInvitation(invitationId)).toBe(orphan.id);
    expect(dealsFor(invitationId)).toHaveLength(1);
  });
});
