import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDeal } from '../helpers/deals';
import { type Harness, STAGES, startHarness } from '../helpers/harness';
import { anUpdateMessage, aSubmitMessage } from '../helpers/messages';

let h: Harness;
const plenty = () => 600_000;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.cleanup();
});

describe('reconcile (EventBridge is best effort)', () => {
  it('replays parked edits and re-mirrors statuses whose events were lost', async () => {
    // Arrange: a submitted deal with an edit parked during review; then every event is lost.
    const dealId = seedDeal(h.deals, '8101');
    const out = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
    const oppId = out.status === 'submitted' ? out.aceOpportunityId : '';
    h.deals.deals.set(dealId, { ...h.deals.deals.get(dealId), dealname: 'Parked then replayed' });
    expect((await h.update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 })).status).toBe(
      'parked'
    );
    await h.drainEvents();
    h.sim.configure({ eventDropRate: 1 });
    while (h.sim.advanceReview({ catalog: 'Sandbox', id: oppId }) > 0);
    expect(h.events).toHaveLength(0);
    expect(h.deals.deals.get(dealId)?.govwin_aws_cosell_status).toBe('Submitted');

    // Act
    const stats = await h.reconcile({ remainingMs: plenty });

    // Assert
    expect(stats).toMatchObject({
      parkedRows: 1,
      replayed: 1,
      reMirrored: 1,
      errors: 0,
      truncated: false,
    });
    const opp = h.opportunities().find((o) => (o as { Id: string }).Id === oppId) as {
      Project: { Title: string };
    };
    expect(opp.Project.Title).toBe('Parked then replayed');
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual([]);
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_aws_cosell_status: 'Approved',
      dealstage: STAGES.approved,
    });

    // Act again: nothing is stale any more.
    const second = await h.reconcile({ remainingMs: plenty });
    expect(second).toMatchObject({ parkedRows: 0, reMirrored: 0, errors: 0 });
    h.sim.configure({ eventDropRate: 0 });
  });

  it('keeps edits parked while the review is still running', async () => {
    // Arrange
    const dealId = seedDeal(h.deals, '8102');
    await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
    h.deals.deals.set(dealId, { ...h.deals.deals.get(dealId), dealname: 'Still waiting' });
    await h.update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 });

    // Act
    const stats = await h.reconcile({ remainingMs: plenty });

    // Assert
    expect(stats.stillLocked).toBe(1);
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual(['dealname']);
  });

  it('reports, once, a submit task AWS failed after accepting it', async () => {
    // Arrange: a slow task that fails (no solution) after the submission was recorded.
    const slow = await startHarness({ sim: { taskDurationMs: 60_000 } });
    try {
      slow.settings.defaultSolutionId = undefined;
      const dealId = seedDeal(slow.deals, '8201');
      expect((await slow.submit(aSubmitMessage(dealId), { receiveCount: 1 })).status).toBe(
        'submitted'
      );
      slow.sim.advance(60_000);

      // Act
      const first = await slow.reconcile({ remainingMs: plenty });
      const second = await slow.reconcile({ remainingMs: plenty });

      // Assert
      expect(first.failedTasks).toBe(1);
      expect(second.failedTasks).toBe(1);
      expect(slow.alerts.alerts.filter((a) => a.kind === 'submission-failed')).toHaveLength(1);
      expect(slow.deals.deals.get(dealId)?.govwin_ace_status_note).toBe(
        'AWS did not accept the submission (OpportunityValidationFailed); fix the deal and submit again'
      );
    } finally {
      await slow.cleanup();
    }
  });

  it('stops starting new work when the invocation is about to time out', async () => {
    // Act
    const stats = await h.reconcile({ remainingMs: () => 1_000 });

    // Assert
    expect(stats).toMatchObject({ parkedRows: 0, checked: 0, truncated: true });
  });
});
