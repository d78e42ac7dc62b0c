// The crash test (issue 6, "done when"): kill the submit handler at every boundary between its external
// calls and their recording, redeliver the message, and check that AWS ends up with exactly one opportunity,
// one association set and one engagement task, every time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SubmitterDeps } from '../../src/context';
import { makeSubmitOpportunity } from '../../src/submit-opportunity';
import { seedDeal } from '../helpers/deals';
import { type Harness, startHarness } from '../helpers/harness';
import { aSubmitMessage } from '../helpers/messages';

/** Stands for the process dying: not an AppError, so nothing treats it as a handled failure. */
class Crash extends Error {
  public constructor(at: string) {
    super(`crash at ${at}`);
    this.name = 'Crash';
  }
}

const BOUNDARIES = [
  'after-create',
  'after-mark-created',
  'after-first-associate',
  'before-mark-associated',
  'after-mark-associated',
  'after-engagement',
  'after-mark-engagementStarted',
  'after-write-back',
  'after-mark-writtenBack',
] as const;
type Boundary = (typeof BOUNDARIES)[number];

/** The harness's dependencies with one crash injected at `boundary` (fires once). */
const crashing = (deps: SubmitterDeps, boundary: Boundary): SubmitterDeps => {
  let fired = false;
  const crashIf = (at: string) => {
    if (at === boundary && !fired) {
      fired = true;
      throw new Crash(at);
    }
  };
  const ace: SubmitterDeps['ace'] = {
    ...deps.ace,
    createOpportunity: async (...args) => {
      const out = await deps.ace.createOpportunity(...args);
      crashIf('after-create');
      return out;
    },
    associate: async (...args) => {
      await deps.ace.associate(...args);
      crashIf('after-first-associate');
    },
    startEngagementFromOpportunityTask: async (...args) => {
      const out = await deps.ace.startEngagementFromOpportunityTask(...args);
      crashIf('after-engagement');
      return out;
    },
  };
  const repo: SubmitterDeps['repo'] = {
    ...deps.repo,
    markStep: async (dealId, step, fields) => {
      crashIf(`before-mark-${step}`);
      await deps.repo.markStep(dealId, step, fields);
      crashIf(`after-mark-${step}`);
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
  ['completes at once', 0, 7001],
  ['is still running at redelivery', 60_000, 7101],
])('submit crash recovery when the AWS submit task %s', (_label, taskDurationMs, firstDeal) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sim: { taskDurationMs } });
  });
  afterAll(async () => {
    await h.cleanup();
  });

  it.each(BOUNDARIES.map((b, i) => [b, String(firstDeal + i)]))(
    'killed %s and redelivered: one opportunity, one association set, one engagement task',
    async (boundary, dealId) => {
      // Arrange
      seedDeal(h.deals, dealId);
      const callsBefore = h.sim.counters().calls;
      const crashy = makeSubmitOpportunity(crashing(h.deps, boundary as Boundary));
      const healthy = makeSubmitOpportunity(h.deps);

      // Act: the first delivery dies at the boundary; SQS redelivers the same message.
      const message = aSubmitMessage(dealId);
      await expect(crashy(message, { receiveCount: 1 })).rejects.toThrow(Crash);
      const outcome = await healthy(message, { receiveCount: 2 });
      h.sim.advance(taskDurationMs);

      // Assert
      expect(['submitted', 'already-submitted']).toContain(outcome.status);
      const snapshot = h.sim.inspect().catalogs.Sandbox;
      const opps = snapshot.opportunities.filter(
        (o) =>
          (o as { PartnerOpportunityIdentifier?: string }).PartnerOpportunityIdentifier === dealId
      ) as { Id: string; LifeCycle: { ReviewStatus: string } }[];
      expect(opps).toHaveLength(1);
      const oppId = opps[0]?.Id;
      expect(opps[0]?.LifeCycle.ReviewStatus).toBe('Submitted');
      expect(
        snapshot.associations
          .filter((a) => a.opportunityId === oppId)
          .map((a) => `${a.type}:${a.id}`)
          .sort()
      ).toEqual([
        'AwsProducts:AmazonS3',
        'AwsProducts:AmazonTextract',
        `Solutions:${h.solutionId}`,
      ]);
      const callsAfter = h.sim.counters().calls;
      const delta = (op: string) => (callsAfter[op] ?? 0) - (callsBefore[op] ?? 0);
      expect(delta('CreateOpportunity')).toBe(1);
      expect(delta('AssociateOpportunity')).toBe(3);
      const tasks = snapshot.engagementTasks.fromOpportunity.filter(
        (t) => t.OpportunityId === oppId
      );
      expect(tasks).toHaveLength(1);
      expect(tasks[0]?.TaskStatus).toBe('COMPLETE');
      const row = await h.deps.repo.get(dealId);
      expect(row?.aceOpportunityId).toBe(oppId);
      expect(row?.engagementTaskId ?? tasks[0]?.TaskId).toBe(tasks[0]?.TaskId);
      expect(Object.keys(row?.steps ?? {}).sort()).toEqual([
        'associated',
        'created',
        'engagementStarted',
        'writtenBack',
      ]);
      expect(h.deals.deals.get(dealId)?.govwin_aws_cosell_id).toBe(oppId);
    }
  );
});
