// The accept crash test (like submit-crash.test.ts): kill the acceptReferral run at every boundary between
// its external calls and their recording, redeliver the message, and check that AWS ends up with exactly one
// accept task and one opportunity for the referral, bound to its deal, every time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeAcceptReferral } from '../../src/accept-referral';
import type { SubmitterDeps } from '../../src/context';
import { type Harness, startHarness } from '../helpers/harness';
import { acceptTasksOf, anAcceptMessage, seedReferral } from '../helpers/referrals';

/** Stands for the process dying: not an AppError, so nothing treats it as a handled failure. */
class Crash extends Error {
  public constructor(at: string) {
    super(`crash at ${at}`);
    this.name = 'Crash';
  }
}

const BOUNDARIES = [
  'after-reserve-token',
  'after-start-task',
  'after-record-task',
  'after-bind-opportunity',
  'after-write-back',
] as const;
type Boundary = (typeof BOUNDARIES)[number];

/** The harness's dependencies with one crash injected at `boundary` (fires once). */
const crashing = (deps: SubmitterDeps, boundary: Boundary): SubmitterDeps => {
  let fired = false;
  const crashIf = (at: Boundary) => {
    if (at === boundary && !fired) {
      fired = true;
      throw new Crash(at);
    }
  };
  const ace: SubmitterDeps['ace'] = {
    ...deps.ace,
    startEngagementByAcceptingInvitationTask: async (...args) => {
      const out = await deps.ace.startEngagementByAcceptingInvitationTask(...args);
      crashIf('after-start-task');
      return out;
    },
  };
  const repo: SubmitterDeps['repo'] = {
    ...deps.repo,
    reserveClientToken: async (...args) => {
      const out = await deps.repo.reserveClientToken(...args);
      crashIf('after-reserve-token');
      return out;
    },
    update: async (dealId, fields) => {
      await deps.repo.update(dealId, fields);
      if (fields.acceptTaskId) crashIf('after-record-task');
      if (fields.aceOpportunityId) crashIf('after-bind-opportunity');
    },
  };
  const deals: SubmitterDeps['deals'] = {
    ...deps.deals,
    updateDeal: async (dealId, properties) => {
      await deps.deals.updateDeal(dealId, properties);
      crashIf('after-write-back');
    },
  };
  return { ...deps, ace, repo, deals };
};

describe.each([
  ['completes at once', 0],
  ['is still running at redelivery', 30_000],
])('acceptReferral crash recovery when the AWS accept task %s', (_label, taskDurationMs) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sim: { taskDurationMs } });
  });
  afterAll(async () => {
    await h.cleanup();
  });

  it.each(BOUNDARIES)(
    'killed %s and redelivered: one accept task, one opportunity, bound to the deal',
    async (boundary) => {
      // Arrange
      const { invitationId, dealId } = await seedReferral(h);
      const startsBefore = h.sim.counters().calls.StartEngagementByAcceptingInvitationTask ?? 0;
      const oppsBefore = h.opportunities().length;
      const crashy = makeAcceptReferral(crashing(h.deps, boundary));
      const healthy = makeAcceptReferral(h.deps);
      const message = anAcceptMessage(dealId, invitationId);

      // Act: the first delivery dies at the boundary; SQS redelivers the same message; AWS finishes and
      // its events reach the events handler.
      const first = crashy(message, { receiveCount: 1 });
      const crashed = await first.then(
        () => false,
        (err: unknown) => err instanceof Crash
      );
      const outcome = await healthy(message, { receiveCount: 2 });
      h.sim.advance(taskDurationMs);
      await h.drainEvents();

      // Assert
      // A boundary the run never reaches (binding or write-back while AWS is still working) is fine:
      // the run then answers "accepting" and the events handler binds.
      if (taskDurationMs === 0) expect(crashed).toBe(true);
      expect(['accepted', 'accepting']).toContain(outcome.status);
      const tasks = acceptTasksOf(h, invitationId);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]?.TaskStatus).toBe('COMPLETE');
      const startsAfter = h.sim.counters().calls.StartEngagementByAcceptingInvitationTask ?? 0;
      // The redelivery finds the task of the first run (listed by invitation) instead of calling again.
      expect(startsAfter - startsBefore).toBe(1);
      const oppId = tasks[0]?.OpportunityId ?? '';
      expect(oppId).toMatch(/^O\d+$/);
      const row = await h.deps.repo.get(dealId);
      expect(row).toMatchObject({ aceOpportunityId: oppId, acceptTaskId: tasks[0]?.TaskId });
      expect(await h.deps.repo.findDealByAceId(oppId)).toBe(dealId);
      expect(h.deals.deals.get(dealId)).toMatchObject({
        govwin_ace_invitation_status: 'ACCEPTED',
        govwin_aws_cosell_id: oppId,
      });
      expect(h.opportunities().length - oppsBefore).toBe(1);
    }
  );
});
