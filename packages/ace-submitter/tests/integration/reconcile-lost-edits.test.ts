// The reconcile sweep for rep edits whose webhook HubSpot never delivered: found in the deal's property
// history, applied to the AWS opportunity once (or parked while AWS reviews and applied after), and the
// integration's own writes (mirrored AWS values, GovWin sync) never pushed. Real SDK -> Partner Central
// simulator, DynamoDB Local, the in-memory HubSpot with property history.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeReconcile } from '../../src/reconcile';
import { seedDeal } from '../helpers/deals';
import { FAKE_APP_ID } from '../helpers/fake-deal-store';
import { advance, type Harness, startHarness } from '../helpers/harness';
import { aSubmitMessage } from '../helpers/messages';

let h: Harness;
let reconcile: ReturnType<typeof makeReconcile>;
let nextDeal = 9300;
const plenty = () => 600_000;

const calls = (op: string) => h.sim.counters().calls[op] ?? 0;

/** Seeds and submits a deal; returns [dealId, opportunity id]. */
const submitted = async (): Promise<[string, string]> => {
  nextDeal += 1;
  const dealId = seedDeal(h.deals, String(nextDeal));
  const out = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
  if (out.status !== 'submitted') throw new Error(`submit: ${out.status}`);
  return [dealId, out.aceOpportunityId];
};

const finishReview = async (oppId: string) => {
  while (h.sim.advanceReview({ catalog: 'Sandbox', id: oppId }) > 0);
  return h.drainEvents();
};

const nextStepsOf = async (oppId: string) =>
  (await h.deps.ace.getOpportunity(oppId)).LifeCycle?.NextSteps;

beforeAll(async () => {
  h = await startHarness();
  h.deals.clock = () => h.deps.now();
  reconcile = makeReconcile({ ...h.deps, hubspotAppId: FAKE_APP_ID });
});
afterAll(async () => {
  await h.cleanup();
});

describe('reconcile: rep edits whose webhook was never delivered', () => {
  it('applies a lost edit of an approved opportunity, and only once', async () => {
    // Arrange: approved opportunity; a rep edits next steps in the CRM and the webhook is lost.
    const [dealId, oppId] = await submitted();
    await finishReview(oppId);
    advance(h, 60_000);
    h.deals.repEdit(dealId, { govwin_ace_next_steps: 'Call the agency about the pilot scope' });
    const updatesBefore = calls('UpdateOpportunity');

    // Act
    const first = await reconcile({ remainingMs: plenty });
    const second = await reconcile({ remainingMs: plenty });

    // Assert: applied by the first run; the second finds nothing new and writes nothing.
    expect(await nextStepsOf(oppId)).toBe('Call the agency about the pilot scope');
    expect(first).toMatchObject({ editsFound: 1, editsApplied: 1, errors: 0 });
    expect(second).toMatchObject({ editsFound: 0, editsApplied: 0, errors: 0 });
    expect(calls('UpdateOpportunity')).toBe(updatesBefore + 1);
    expect((await h.deps.repo.get(dealId))?.editsCheckedUntil).toBe(
      new Date(h.deps.now()).toISOString()
    );
  });

  it('leaves the integration’s own writes alone (mirrored AWS values, GovWin sync)', async () => {
    // Arrange: approved (the mirror wrote review status and stage), then the GovWin sync — the same app —
    // changes the amount. The receiver suppresses both; the sweep must too.
    const [dealId, oppId] = await submitted();
    await finishReview(oppId);
    advance(h, 60_000);
    await h.deals.updateDeal(dealId, { amount: '999999' });
    const updatesBefore = calls('UpdateOpportunity');
    const before = await h.deps.ace.getOpportunity(oppId);

    // Act
    const stats = await reconcile({ remainingMs: plenty });

    // Assert
    expect(stats).toMatchObject({ editsFound: 0, errors: 0 });
    expect(stats.editDealsChecked).toBeGreaterThanOrEqual(1);
    expect(calls('UpdateOpportunity')).toBe(updatesBefore);
    const after = await h.deps.ace.getOpportunity(oppId);
    expect(after.Project?.ExpectedCustomerSpend).toEqual(before.Project?.ExpectedCustomerSpend);
  });

  it('parks a lost edit made while AWS reviews and applies it once the review ended', async () => {
    // Arrange: AWS is reviewing (In review) when the rep edits.
    const [dealId, oppId] = await submitted();
    h.sim.advanceReview({ catalog: 'Sandbox', id: oppId });
    await h.drainEvents();
    expect((await h.deps.ace.getOpportunity(oppId)).LifeCycle?.ReviewStatus).toBe('In review');
    h.deals.repEdit(dealId, { govwin_ace_next_steps: 'Send the revised estimate' });

    // Act: one run during the review, the review ends (its events delivered), another run.
    const during = await reconcile({ remainingMs: plenty });
    const parked = (await h.deps.repo.get(dealId))?.parkedEdits;
    await finishReview(oppId);
    await h.deliverUpdateQueue();
    const after = await reconcile({ remainingMs: plenty });

    // Assert
    expect(during).toMatchObject({ editsFound: 1, editsParked: 1, errors: 0 });
    expect(parked).toEqual(['govwin_ace_next_steps']);
    expect(after).toMatchObject({ editsFound: 0, errors: 0 });
    expect(await nextStepsOf(oppId)).toBe('Send the revised estimate');
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual([]);
  });

  it('does not run without the app id (it could not tell a rep from the integration)', async () => {
    // Arrange
    const [dealId, oppId] = await submitted();
    await finishReview(oppId);
    advance(h, 60_000);
    h.deals.repEdit(dealId, { govwin_ace_next_steps: 'Never applied by this run' });

    // Act
    const stats = await makeReconcile({ ...h.deps })({ remainingMs: plenty });

    // Assert
    expect(stats).toMatchObject({ editPages: 0, editsFound: 0 });
    expect(await nextStepsOf(oppId)).not.toBe('Never applied by this run');
  });
});
