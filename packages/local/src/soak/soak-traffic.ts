// The soak's traffic, all at once as in production: the scheduled GovWin backfill, reps submitting from the
// card (and moving a few deals by hand, invalid by design), AWS referrals, and rep edits while AWS reviews.
import type { LocalStack } from '../runtime/stack';
import { makeRng } from '../simulators/common/rng';
import type { SoakFlow } from './checks';
import type { DealIndex } from './deal-index';
import { editMoment } from './edit-timing';
import { pendingQueues, waitUntil } from './queue-pollers';
import {
  addAgencyDomain,
  cardWrite,
  editedNextSteps,
  invitationSeed,
  submitForm,
} from './rep-actions';
import { reviewOutcomeFor } from './review-plan';
import type { SoakInventory } from './soak-setup';

/** What the traffic did; read by the heartbeat while it runs and by the checks afterwards. */
export interface TrafficState {
  syncRounds: number;
  syncDone: boolean;
  /** Deals the card accepted for submission. */
  submitted: Set<string>;
  invalid: Set<string>;
  /** Deal id -> the next-steps value of the rep's edit. */
  edits: Map<string, string>;
  editTiming: { duringReview: number; afterReview: number; failed: number };
  invitationIds: string[];
  cardOutcomes: Record<string, number>;
}

export interface TrafficContext {
  stack: LocalStack;
  options: {
    seed: number;
    submissions: number;
    invalidSubmissions: number;
    invitations: number;
    editShare: number;
  };
  inventory: SoakInventory;
  index: DealIndex;
  deadline: number;
  /** GovWin id -> reason, for records the worker logged as rejected (read live from the output). */
  rejected: ReadonlyMap<string, string>;
  notExercised: ReadonlyMap<SoakFlow, string>;
  /** Invocations of a Lambda running now. */
  running: (lambda: string) => number;
  quiet: () => boolean;
  say: (line: string) => void;
  notes: string[];
}

const SYNC_ROUNDS = 5;
const REPS = 4;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const seededShuffle = <T>(items: readonly T[], seed: string): T[] => {
  const rng = makeRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** An empty state. */
export const makeTrafficState = (): TrafficState => ({
  syncRounds: 0,
  syncDone: false,
  submitted: new Set(),
  invalid: new Set(),
  edits: new Map(),
  editTiming: { duringReview: 0, afterReview: 0, failed: 0 },
  invitationIds: [],
  cardOutcomes: {},
});

/** The schedule fires until every marked opportunity has a deal (or an odd one was rejected), 5 rounds at most. */
const backfill = async (ctx: TrafficContext, state: TrafficState): Promise<void> => {
  const { stack: s, inventory, index } = ctx;
  for (let round = 1; round <= SYNC_ROUNDS && Date.now() < ctx.deadline; round += 1) {
    state.syncRounds = round;
    await s.runScheduled('govwin-poller-orchestrator').catch(() => undefined);
    await waitUntil(
      () => !pendingQueues(s).includes('govwin-sync') && ctx.running('govwin-poller-worker') === 0,
      ctx.deadline,
      { intervalMs: 500 }
    );
    index.refresh(s, true);
    const missing = inventory.discoverable.filter(
      (id) => !index.byGovWin.has(id) && !(ctx.rejected.has(id) && inventory.oddities.has(id))
    );
    ctx.say(
      `  sync round ${round}: ${index.byGovWin.size} deals, ${missing.length} opportunities still missing`
    );
    if (missing.length === 0) return;
  }
};

/** Runs every kind of traffic and resolves when all of it is done. */
export const runTraffic = async (ctx: TrafficContext, state: TrafficState): Promise<void> => {
  const { stack: s, options, inventory, index } = ctx;
  const tally = (key: string) => {
    state.cardOutcomes[key] = (state.cardOutcomes[key] ?? 0) + 1;
  };
  const syncTask = (async () => {
    if (!ctx.notExercised.has('sync')) await backfill(ctx, state);
    state.syncDone = true;
  })();

  const candidates = seededShuffle(
    inventory.discoverable.filter((id) => !inventory.oddities.has(id)),
    `${options.seed}:targets`
  );
  const submitTargets = candidates.slice(0, options.submissions);
  const invalidTargets = candidates.slice(
    options.submissions,
    options.submissions + options.invalidSubmissions
  );
  if (submitTargets.length < options.submissions)
    ctx.notes.push(`only ${submitTargets.length} valid opportunities to submit`);
  const dealFor = async (govwinId: string): Promise<string | undefined> => {
    for (;;) {
      const id = index.byGovWin.get(govwinId);
      if (id) return id;
      if (state.syncDone || Date.now() > ctx.deadline) return undefined;
      await sleep(1000);
      index.refresh(s);
    }
  };

  let submissionsDone = 0;
  const submitOne = async (dealId: string, n: number) => {
    if (!(await addAgencyDomain(s, dealId))) {
      tally('not submitted: the agency lookup kept failing');
      return;
    }
    const out = await cardWrite(s, '/submit', {
      dealId,
      properties: submitForm({
        seed: options.seed,
        n,
        solutionId: inventory.solutionId,
        closeDate: inventory.closeDate,
      }),
    });
    const accepted =
      out.status === 202 ||
      (out.status === 409 &&
        out.attempts > 1 &&
        (out.reason === 'in-flight' || out.reason === 'already-submitted'));
    if (accepted) state.submitted.add(dealId);
    tally(
      accepted
        ? out.status === 202
          ? 'accepted'
          : 'accepted (a retried attempt had gone through)'
        : `not accepted: HTTP ${out.status}${out.reason ? ` ${out.reason}` : ''}`
    );
  };
  const repTask = (async () => {
    if (ctx.notExercised.has('submit') || ctx.notExercised.has('sync')) return;
    const work = [
      ...submitTargets.map((g, n) => ({ g, n, invalid: false })),
      ...invalidTargets.map((g, n) => ({ g, n, invalid: true })),
    ];
    const rep = async () => {
      for (let item = work.shift(); item; item = work.shift()) {
        const dealId = await dealFor(item.g);
        if (!dealId) tally('never synced');
        else if (item.invalid) {
          s.hubspot.userEdit({
            objectId: dealId,
            properties: { dealstage: s.infra.pipeline.stageIds.trigger },
          });
          state.invalid.add(dealId);
        } else await submitOne(dealId, item.n);
        if (!item.invalid) submissionsDone += 1;
      }
    };
    await Promise.all(Array.from({ length: REPS }, rep));
  })();

  const inviteTask = (async () => {
    if (ctx.notExercised.has('referrals')) return;
    const every = Math.max(1, Math.ceil(submitTargets.length / Math.max(1, options.invitations)));
    for (let i = 0; i < options.invitations && Date.now() < ctx.deadline; i += 1) {
      await waitUntil(() => submissionsDone >= i * every || state.syncDone, ctx.deadline, {
        stableChecks: 1,
      });
      state.invitationIds.push(
        s.partnerCentral.createInvitation(invitationSeed(options.seed, i, inventory.closeDate))
      );
    }
  })();

  let repsDone = false;
  const editTargets = submitTargets
    .filter((g) => reviewOutcomeFor(options.seed, g) === 'approved')
    .slice(0, Math.round(options.editShare * submitTargets.length));
  const editTask = editDuringReview(ctx, state, editTargets, () => repsDone, tally);

  await Promise.all([syncTask, repTask, inviteTask]);
  repsDone = true;
  await editTask;
};

/**
 * For each target, once its AWS opportunity is under review (or, if the review ended first, approved), a
 * rep edits the deal's next steps: even ones in the CRM (webhook -> update queue), odd ones from the card.
 */
const editDuringReview = async (
  ctx: TrafficContext,
  state: TrafficState,
  targets: readonly string[],
  repsDone: () => boolean,
  tally: (key: string) => void
): Promise<void> => {
  if (ctx.notExercised.has('update')) return;
  const { stack: s, index } = ctx;
  const pending = new Map(targets.map((g, n) => [g, n]));
  while (pending.size > 0 && Date.now() < ctx.deadline) {
    const catalog = s.partnerCentral.inspect().catalogs[s.infra.catalog];
    const opps = catalog.opportunities as {
      Id?: string;
      PartnerOpportunityIdentifier?: string;
      LifeCycle?: { ReviewStatus?: string };
    }[];
    const statusOf = new Map(
      opps.map((o) => [o.PartnerOpportunityIdentifier ?? '', o.LifeCycle?.ReviewStatus ?? ''])
    );
    const awsIdOf = new Map(opps.map((o) => [o.PartnerOpportunityIdentifier ?? '', o.Id ?? '']));
    const runningTasks = new Set(
      (catalog.engagementTasks.fromOpportunity as { OpportunityId?: string; TaskStatus?: string }[])
        .filter((t) => t.TaskStatus === 'IN_PROGRESS')
        .map((t) => t.OpportunityId)
    );
    for (const [g, n] of [...pending]) {
      const dealId = index.byGovWin.get(g);
      const moment = editMoment({
        submitted: dealId !== undefined && state.submitted.has(dealId),
        reviewStatus: dealId === undefined ? undefined : statusOf.get(dealId),
        submitTaskRunning: dealId !== undefined && runningTasks.has(awsIdOf.get(dealId)),
        repsDone: repsDone(),
        quiet: ctx.quiet(),
      });
      if (moment === 'wait') continue;
      pending.delete(g);
      if (moment === 'drop' || dealId === undefined) continue;
      const value = editedNextSteps(ctx.options.seed, n);
      if (n % 2 === 0) {
        s.hubspot.userEdit({ objectId: dealId, properties: { govwin_ace_next_steps: value } });
      } else {
        const out = await cardWrite(s, '/update', {
          dealId,
          properties: { govwin_ace_next_steps: value },
        });
        if (out.status >= 300) {
          state.editTiming.failed += 1;
          tally(`edit not accepted: HTTP ${out.status}${out.reason ? ` ${out.reason}` : ''}`);
          continue;
        }
      }
      state.edits.set(dealId, value);
      if (moment === 'during') state.editTiming.duringReview += 1;
      else state.editTiming.afterReview += 1;
    }
    await sleep(1000);
  }
};
