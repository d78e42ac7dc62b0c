import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { SubmitterDeps } from '../../src/context';
import { makeAceEventHandler } from '../../src/handle-ace-event';
import { makeUpdateOpportunity } from '../../src/update-opportunity';
import { seedDeal } from '../helpers/deals';
import { type Harness, STAGES, startHarness } from '../helpers/harness';
import { anUpdateMessage, aSubmitMessage } from '../helpers/messages';

let h: Harness;
let nextDeal = 6100;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.cleanup();
});
beforeEach(async () => {
  // Events of earlier tests are not this test's business.
  await h.drainEvents();
});

type Opp = {
  Id: string;
  PartnerOpportunityIdentifier?: string;
  LifeCycle: { ReviewStatus: string; Stage?: string; ClosedLostReason?: string };
  Project: { Title?: string; CustomerBusinessProblem?: string };
  Customer: { Account: { CompanyName?: string; WebsiteUrl?: string }; Contacts?: unknown[] };
};
const opp = (id: string) => h.opportunities().find((o) => (o as Opp).Id === id) as Opp | undefined;
const calls = (op: string) => h.sim.counters().calls[op] ?? 0;

/** Seeds and submits a deal; returns [dealId, opportunity id]. */
const submitted = async (overrides = {}): Promise<[string, string]> => {
  nextDeal += 1;
  const dealId = seedDeal(h.deals, String(nextDeal), overrides);
  const out = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
  if (out.status !== 'submitted') throw new Error(`submit: ${out.status}`);
  return [dealId, out.aceOpportunityId];
};

/** Runs the default review script to its end (In review, then Approved) and delivers the events. */
const finishReview = async (oppId: string) => {
  while (h.sim.advanceReview({ catalog: 'Sandbox', id: oppId }) > 0);
  return h.drainEvents();
};

const editDeal = (dealId: string, props: Record<string, string>) =>
  h.deals.deals.set(dealId, { ...h.deals.deals.get(dealId), ...props });

describe('events: review status and lifecycle mirrored to HubSpot', () => {
  it('moves the deal through In review and Approved, and the audit log records each write', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();

    // Act
    h.sim.advanceReview({ catalog: 'Sandbox', id: oppId });
    await h.drainEvents();
    const inReview = { ...h.deals.deals.get(dealId) };
    h.sim.advanceReview({ catalog: 'Sandbox', id: oppId });
    const outcomes = await h.drainEvents();

    // Assert
    expect(inReview.govwin_aws_cosell_status).toBe('In review');
    expect(inReview.dealstage).toBe(STAGES.inReview);
    expect(outcomes).toEqual([{ type: 'Opportunity Updated', status: 'mirrored' }]);
    expect(h.deals.deals.get(dealId)?.govwin_aws_cosell_status).toBe('Approved');
    expect(h.deals.deals.get(dealId)?.dealstage).toBe(STAGES.approved);
    expect((await h.deps.repo.get(dealId))?.reviewStatus).toBe('Approved');
  });

  it('lets a terminal lifecycle stage win: Launched -> Closed Won', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    h.sim.scriptReview('Sandbox', oppId, [
      { afterMs: 0, reviewStatus: 'Approved' },
      { afterMs: 0, stage: 'Launched' },
    ]);

    // Act
    await finishReview(oppId);

    // Assert
    expect(opp(oppId)?.LifeCycle).toMatchObject({ ReviewStatus: 'Approved', Stage: 'Launched' });
    expect(h.deals.deals.get(dealId)).toMatchObject({
      dealstage: STAGES.closedWon,
      govwin_aws_cosell_status: 'Approved',
      govwin_ace_lifecycle_stage: 'Launched',
    });
  });

  it('lets a terminal lifecycle stage win: Closed Lost with its reason -> Closed Lost', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    h.sim.scriptReview('Sandbox', oppId, [
      { afterMs: 0, reviewStatus: 'Approved' },
      { afterMs: 0, stage: 'Closed Lost', closedLostReason: 'Price' },
    ]);

    // Act
    await finishReview(oppId);

    // Assert
    expect(h.deals.deals.get(dealId)).toMatchObject({
      dealstage: STAGES.closedLost,
      govwin_ace_lifecycle_stage: 'Closed Lost',
      govwin_ace_closed_lost_reason: 'Price',
    });
  });

  it('processes an event once: a redelivered event id is a duplicate', async () => {
    // Arrange
    const [, oppId] = await submitted();
    h.sim.advanceReview({ catalog: 'Sandbox', id: oppId });
    const event = h.events.at(-1);
    await h.drainEvents();

    // Act
    const again = await h.handleEvent(event);

    // Assert
    expect(again).toEqual({ status: 'duplicate' });
  });

  it('alerts once about an orphan opportunity (no HubSpot deal)', async () => {
    // Arrange: an opportunity created in Partner Central by someone else.
    const foreign = await h.deps.ace.createOpportunity(
      { PartnerOpportunityIdentifier: 'crm-elsewhere-1', Project: { Title: 'Elsewhere' } },
      'orphan-token-1'
    );
    const alertsBefore = h.alerts.alerts.length;

    // Act
    const first = await h.drainEvents();
    const created = h.sim
      .inspect()
      .recentEvents.find(
        (e) =>
          (e.detail as { opportunity?: { identifier: string } }).opportunity?.identifier ===
          foreign.id
      );
    const second = await h.handleEvent({ ...created, id: '0f0e0d0c-0b0a-4909-8807-060504030201' });

    // Assert
    expect(first).toEqual([{ type: 'Opportunity Created', status: 'orphan' }]);
    expect(second).toEqual({ status: 'orphan' });
    const orphanAlerts = h.alerts.alerts
      .slice(alertsBefore)
      .filter((a) => a.kind === 'orphan-opportunity');
    expect(orphanAlerts).toHaveLength(1);
    expect(orphanAlerts[0]?.subject).toBe(
      `ACE orphan opportunity (no HubSpot deal): ${foreign.id}`
    );
  });

  it('mirrors an event whose mapping lookup ran just before the submission recorded the id (no orphan alert)', async () => {
    // Arrange: the handler's first lookup misses (the submit write lands right after it).
    const [dealId, oppId] = await submitted();
    h.sim.advanceReview({ catalog: 'Sandbox', id: oppId });
    const event = h.events.pop();
    let lookups = 0;
    const racy = makeAceEventHandler({
      ...h.deps,
      repo: {
        ...h.deps.repo,
        findDealByAceId: async (id) => {
          lookups += 1;
          return lookups === 1 ? undefined : h.deps.repo.findDealByAceId(id);
        },
      },
      replays: { request: async () => undefined },
    });
    const alertsBefore = h.alerts.alerts.length;

    // Act
    const out = await racy(event);

    // Assert
    expect(lookups).toBe(1);
    expect(out).toMatchObject({ status: 'mirrored', dealId });
    expect(h.deals.deals.get(dealId)?.govwin_aws_cosell_status).toBe('In review');
    expect(h.alerts.alerts.slice(alertsBefore).map((a) => a.kind)).not.toContain(
      'orphan-opportunity'
    );
  });

  it('ignores events from another account or catalog', async () => {
    // Arrange
    const [, oppId] = await submitted();
    h.sim.advanceReview({ catalog: 'Sandbox', id: oppId });
    const event = h.events.pop();
    const base = event as unknown as { detail: Record<string, unknown> };

    // Act & Assert
    expect(await h.handleEvent({ ...event, account: '444455556666' })).toMatchObject({
      status: 'ignored',
    });
    expect(
      await h.handleEvent({ ...event, detail: { ...base.detail, catalog: 'AWS' } })
    ).toMatchObject({ status: 'ignored' });
  });
});

describe('update: deal edits applied to the live opportunity', () => {
  it('applies an edit onto the scrubbed echo with LastModifiedDate (nothing else is lost)', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await finishReview(oppId);
    const before = opp(oppId);
    editDeal(dealId, { dealname: 'Renamed fictional project' });

    // Act
    const out = await h.update(anUpdateMessage(dealId, 'dealname', 'Renamed fictional project'), {
      receiveCount: 1,
    });

    // Assert
    expect(out).toMatchObject({
      status: 'updated',
      aceOpportunityId: oppId,
      applied: ['dealname'],
    });
    const after = opp(oppId);
    expect(after?.Project.Title).toBe('Renamed fictional project');
    expect(after?.Project.CustomerBusinessProblem).toBe(before?.Project.CustomerBusinessProblem);
    expect(after?.Customer).toEqual(before?.Customer);
    expect(after?.LifeCycle.ReviewStatus).toBe('Approved');
    const audit = await h.deps.audit.listByDeal(dealId);
    expect(audit.at(-1)).toMatchObject({
      operation: 'partnercentral:UpdateOpportunity',
      fieldNames: ['dealname'],
      ids: { aceOpportunityId: oppId, hubspotDealId: dealId },
    });
  });

  it('sends partner-need short labels normalised, and does not call AWS when nothing changes', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await finishReview(oppId);
    editDeal(dealId, { govwin_ace_partner_need: 'Pricing Assistance;Competitive Intelligence' });
    await h.update(anUpdateMessage(dealId, 'govwin_ace_partner_need'), { receiveCount: 1 });
    const updates = calls('UpdateOpportunity');

    // Act: the webhook echo of a value AWS already holds.
    const echo = await h.update(anUpdateMessage(dealId, 'govwin_ace_partner_need'), {
      receiveCount: 1,
    });

    // Assert
    expect((opp(oppId) as { PrimaryNeedsFromAws?: string[] }).PrimaryNeedsFromAws).toEqual([
      'Co-Sell - Pricing Assistance',
      'Co-Sell - Competitive Information',
    ]);
    expect(echo.status).toBe('no-change');
    expect(calls('UpdateOpportunity')).toBe(updates);
  });

  it('applies an edit of the other competitor names (routed by the receiver) to ACE', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await finishReview(oppId);
    editDeal(dealId, {
      govwin_ace_competitor_name: '*Other',
      govwin_ace_other_competitor_names: 'Regional hosting provider',
    });

    // Act
    const out = await h.update(anUpdateMessage(dealId, 'govwin_ace_other_competitor_names'), {
      receiveCount: 1,
    });

    // Assert
    expect(out).toMatchObject({
      status: 'updated',
      aceOpportunityId: oppId,
      applied: ['govwin_ace_other_competitor_names'],
    });
    expect(
      opp(oppId)?.Project as { CompetitorName?: string; OtherCompetitorNames?: string }
    ).toMatchObject({
      CompetitorName: '*Other',
      OtherCompetitorNames: 'Regional hosting provider',
    });
  });

  it('re-reads and retries when AWS reports a conflicting concurrent change', async () => {
    // Arrange: another writer changes the opportunity right after our first read.
    const [dealId, oppId] = await submitted();
    await finishReview(oppId);
    let interfered = false;
    const racing: SubmitterDeps = {
      ...h.deps,
      ace: {
        ...h.deps.ace,
        getOpportunity: async (id) => {
          const current = await h.deps.ace.getOpportunity(id);
          if (!interfered && current.LastModifiedDate) {
            interfered = true;
            h.sim.advance(1_000);
            const { scrubForUpdate } = await import('@govwin-ace/shared-core');
            const body = scrubForUpdate(current);
            body.LifeCycle = { ...body.LifeCycle, NextSteps: 'Set by a colleague' };
            await h.deps.ace.updateOpportunity(id, body, current.LastModifiedDate);
          }
          return current;
        },
      },
    };
    editDeal(dealId, {
      description: 'A changed, sufficiently long description of the fictional problem.',
    });
    const updates = calls('UpdateOpportunity');

    // Act
    const out = await makeUpdateOpportunity(racing)(anUpdateMessage(dealId, 'description'), {
      receiveCount: 1,
    });

    // Assert
    expect(out.status).toBe('updated');
    expect(calls('UpdateOpportunity') - updates).toBe(3);
    expect(h.sim.counters().errors.ConflictException).toBeGreaterThanOrEqual(1);
    const after = opp(oppId) as Opp & { LifeCycle: { NextSteps?: string } };
    expect(after.Project.CustomerBusinessProblem).toBe(
      'A changed, sufficiently long description of the fictional problem.'
    );
    expect(after.LifeCycle.NextSteps).toBe('Set by a colleague');
  });

  it('parks an edit while AWS reviews the opportunity and replays it when the review ends', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    editDeal(dealId, { dealname: 'Edited during review' });
    const updates = calls('UpdateOpportunity');

    // Act 1: under review (Submitted): parked without a write.
    const parked = await h.update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 });

    // Assert 1
    expect(parked).toEqual({ status: 'parked', aceOpportunityId: oppId, parked: ['dealname'] });
    expect(calls('UpdateOpportunity')).toBe(updates);
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual(['dealname']);
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toBe(
      'Edit to dealname queued: AWS is reviewing the opportunity (Submitted); it will be applied when the review ends.'
    );

    // Act 2: the review ends (In review, then Approved): the Approved event asks the update handler,
    // through the update queue, to replay it; the events handler itself writes nothing to AWS.
    await finishReview(oppId);
    const afterEvents = calls('UpdateOpportunity');
    const { response } = await h.deliverUpdateQueue();

    // Assert 2
    expect(afterEvents).toBe(updates);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls('UpdateOpportunity')).toBe(updates + 1);
    expect(opp(oppId)?.Project.Title).toBe('Edited during review');
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual([]);
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toBe(
      'Queued edit(s) applied to AWS after the review: dealname.'
    );
  });

  it('parks an edit AWS refuses in Action Required (ACTION_NOT_PERMITTED) and still applies editable ones', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    h.sim.scriptReview('Sandbox', oppId, [{ afterMs: 0, reviewStatus: 'Action Required' }]);
    await finishReview(oppId);
    editDeal(dealId, { dealname: 'Not editable now', closedate: '2027-09-30T00:00:00.000Z' });

    // Act
    const refused = await h.update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 });
    const allowed = await h.update(anUpdateMessage(dealId, 'closedate'), { receiveCount: 1 });

    // Assert
    expect(refused).toEqual({ status: 'parked', aceOpportunityId: oppId, parked: ['dealname'] });
    expect(h.sim.counters().errors.ValidationException).toBeGreaterThanOrEqual(1);
    expect(allowed).toMatchObject({ status: 'updated', applied: ['closedate'] });
    expect(opp(oppId)?.LifeCycle).toMatchObject({ TargetCloseDate: '2027-09-30' });
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual(['dealname']);
  });

  it('refuses and alerts when the deal co-sell id points at an opportunity another deal owns (self-heal)', async () => {
    // Arrange
    const [, otherOpp] = await submitted();
    nextDeal += 1;
    const dealId = seedDeal(h.deals, String(nextDeal), { govwin_aws_cosell_id: otherOpp });
    editDeal(dealId, { dealname: 'Should never reach AWS' });
    const updates = calls('UpdateOpportunity');

    // Act
    const err = await h
      .update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 })
      .catch((e) => e);

    // Assert
    expect(err).toMatchObject({ code: 'ACE_OWNERSHIP_REFUSED', reason: 'bound-to-other-deal' });
    expect(calls('UpdateOpportunity')).toBe(updates);
    expect(h.alerts.alerts.at(-1)).toMatchObject({
      kind: 'self-heal-refused',
      subject: `ACE write refused for deal ${dealId}`,
    });
    expect(opp(otherOpp)?.Project.Title).not.toBe('Should never reach AWS');
  });

  it('refuses and alerts when the opportunity carries a foreign PartnerOpportunityIdentifier', async () => {
    // Arrange
    const foreign = await h.deps.ace.createOpportunity(
      { PartnerOpportunityIdentifier: 'someone-else-42', Project: { Title: 'Foreign' } },
      'foreign-token-1'
    );
    nextDeal += 1;
    const dealId = seedDeal(h.deals, String(nextDeal), { govwin_aws_cosell_id: foreign.id });

    // Act
    const err = await h
      .update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 })
      .catch((e) => e);

    // Assert
    expect(err).toMatchObject({ code: 'ACE_OWNERSHIP_REFUSED', reason: 'foreign-partner-id' });
    expect(h.alerts.alerts.at(-1)?.message).toContain('reason: foreign-partner-id');
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toContain('does not belong to it');
    expect(await h.deps.repo.get(dealId)).toBeUndefined();
  });

  it('self-heals a missing mapping row when the opportunity is provably the deal own', async () => {
    // Arrange: an opportunity carrying the deal id, known only through the deal's co-sell id.
    nextDeal += 1;
    const dealId = String(nextDeal);
    const own = await h.deps.ace.createOpportunity(
      {
        PartnerOpportunityIdentifier: dealId,
        Project: {
          Title: 'Own',
          CustomerBusinessProblem: 'A problem statement that is long enough.',
        },
      },
      'own-token-1'
    );
    seedDeal(h.deals, dealId, { govwin_aws_cosell_id: own.id, dealname: 'Own renamed' });

    // Act
    const out = await h.update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 });

    // Assert
    expect(out).toMatchObject({ status: 'updated', aceOpportunityId: own.id });
    expect((await h.deps.repo.get(dealId))?.aceOpportunityId).toBe(own.id);
    expect(await h.deps.repo.findDealByAceId(own.id)).toBe(dealId);
  });

  it('refuses an update message for another catalog', async () => {
    // Act & Assert
    await expect(
      h.update({ ...anUpdateMessage('1', 'dealname'), catalog: 'AWS' }, { receiveCount: 1 })
    ).rejects.toMatchObject({ code: 'CATALOG_MISMATCH' });
  });
});
