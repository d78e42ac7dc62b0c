// One soak run: start the local stack with crash injection, let a GovWin backfill run under faults while
// reps submit deals from the card, edit them during the AWS review, move a few deals by hand without ACE
// fields (invalid by design) and AWS sends referrals (soak-traffic.ts); then let everything settle, run
// the scheduled reconcile, and check the simulators' final state (checks.ts). Faults stay on until the
// checks.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { LOCAL_QUEUES } from '../runtime/lambda-catalog';
import { type LocalStack, startLocalStack } from '../runtime/stack';
import { type CheckResult, runChecks, type SoakFlow, soakPassed } from './checks';
import {
  type CrashInjector,
  type CrashStats,
  makeCrashInjector,
  PRODUCTION_TIMEOUTS_S,
  SHORT_TIMEOUTS_S,
} from './crash-injector';
import { type DealIndex, makeDealIndex } from './deal-index';
import { type FaultPlan, faultPlan } from './fault-plan';
import { scanLogFile, scanSnsMessages } from './leak-scan';
import { captureOutput } from './output-capture';
import { isQuiet, pendingQueues, startPollers, waitUntil } from './queue-pollers';
import { soakReviewScript } from './review-plan';
import type { SoakOptions } from './soak-options';
import {
  addIssuedTokens,
  flowsWithoutHandlers,
  prepareOperatorSetup,
  type SoakInventory,
  takeInventory,
} from './soak-setup';
import { makeTrafficState, runTraffic, type TrafficState } from './soak-traffic';
import { collectWorld, countAlertKinds, type SoakActivity } from './soak-world';

/** Everything a run reports. */
export interface SoakReport {
  seed: number;
  settings: Omit<SoakOptions, 'json' | 'help' | 'logFile'>;
  machine: { node: string; cpus: number; cpuModel: string; commit: string };
  durationS: number;
  faults: { plan: string[]; injected: Record<string, unknown> };
  crashes: Record<string, CrashStats>;
  activity: SoakActivity;
  checks: CheckResult[];
  passed: boolean;
  notes: string[];
  logFile: string;
}

export interface SoakDeps {
  /** One line of progress (not captured). */
  progress: (line: string) => void;
}

const RECONCILE_ROUNDS = 5;
const QUEUE_CONCURRENCY = 2;

const commitOf = (): string => {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
};

/** Starts the stack the soak needs: crash-wrapped handlers, seeded reviews, INFO logs, SQS-like visibility. */
const startSoakStack = (
  options: SoakOptions,
  plan: FaultPlan,
  crashes: CrashInjector,
  index: DealIndex,
  timeoutsS: Readonly<Record<string, number>>,
  notes: string[]
): Promise<LocalStack> => {
  // SQS requires a queue's visibility timeout to be at least its consumer's timeout.
  const margin = options.timeouts === 'short' ? 2 : 5;
  const visibility = (lambda: string) => ((timeoutsS[lambda] ?? 30) + margin) * 1000;
  return startLocalStack({
    seed: options.seed,
    opportunityCount: options.opportunities,
    visibilityTimeoutMs: {
      'govwin-sync': visibility('govwin-poller-worker'),
      'ace-submit': visibility('ace-submitter-submit'),
      'ace-update': visibility('ace-submitter-update'),
    },
    simulators: {
      hubspot: { rateLimit: { max: plan.hubspotPer10s } },
      partnerCentral: {
        review: soakReviewScript(
          options.seed,
          (dealId) => index.govwinOfDeal.get(dealId),
          options.timeouts === 'short' ? 0.25 : 1
        ),
      },
    },
    env: { LOG_LEVEL: 'INFO', POWERTOOLS_LOG_LEVEL: 'INFO' },
    wrapInvoke: crashes.wrap,
    warn: (m) => notes.push(m),
  });
};

/** A flow with handlers that the traffic still did not reach cannot be checked. */
const markUnreached = (notExercised: Map<SoakFlow, string>, state: TrafficState) => {
  const mark = (flow: SoakFlow, unreached: boolean, why: string) => {
    if (!notExercised.has(flow) && unreached) notExercised.set(flow, why);
  };
  mark('submit', state.submitted.size === 0, 'the card accepted no submission (see card answers)');
  mark('update', state.edits.size === 0, 'no rep edit was made (no submitted deal reached review)');
  mark('events', state.submitted.size === 0, 'no AWS opportunity to mirror');
  mark('referrals', state.invitationIds.length === 0, 'no AWS referral was sent');
};

/**
 * Runs one soak and returns its report. Never throws for what the pipeline does; only a stack that
 * cannot start makes it reject.
 */
export const runSoak = async (options: SoakOptions, deps: SoakDeps): Promise<SoakReport> => {
  const started = Date.now();
  const deadline = started + options.maxMinutes * 60_000;
  const notes: string[] = [];
  const commit = commitOf();
  const plan = faultPlan(options.faultRate);
  const timeoutsS = options.timeouts === 'short' ? SHORT_TIMEOUTS_S : PRODUCTION_TIMEOUTS_S;
  const logFile = options.logFile ?? `.local-runtime/soak-${options.seed}.log`;
  const crashes = makeCrashInjector({ seed: options.seed, killRate: options.killRate, timeoutsS });
  const rejectedLive = new Map<string, string>();
  const capture = captureOutput(logFile, (line) => {
    if (!line.includes('GovWin record rejected')) return;
    try {
      const j = JSON.parse(line) as { govwinId?: unknown; kind?: unknown; reason?: unknown };
      if (j.kind === 'opportunity' && typeof j.govwinId === 'string')
        rejectedLive.set(j.govwinId, String(j.reason ?? ''));
    } catch {
      // not a JSON line
    }
  });
  const say = (line: string) => deps.progress(line);
  const index = makeDealIndex();
  let heartbeat: NodeJS.Timeout | undefined;

  crashes.install();
  let stack: LocalStack | undefined;
  try {
    say(`soak seed ${options.seed}: starting the local stack (crash injection armed)`);
    stack = await startSoakStack(options, plan, crashes, index, timeoutsS, notes);
    const s = stack;
    const catalog = s.infra.catalog;
    // A passive second target on the bus: which invitation events were delivered (for diagnosis only).
    const invitationEventDelivered = new Set<string>();
    s.bus.addRule({
      name: 'soak-observer',
      pattern: { source: ['aws.partnercentral-selling'] },
      target: async (event) => {
        const id = (event.detail as { engagementInvitation?: { id?: unknown } } | null)
          ?.engagementInvitation?.id;
        if (typeof id === 'string') invitationEventDelivered.add(id);
      },
    });
    const notExercised = flowsWithoutHandlers(s);
    notes.push(...(await prepareOperatorSetup(s)));
    const inventory: SoakInventory = takeInventory(s, options, notes);

    s.govwin.faults.configure(plan.govwin);
    s.hubspot.faults.configure(plan.hubspot);
    s.partnerCentral.configure(plan.partnerCentral);
    say(
      `soak seed ${options.seed}: ${inventory.discoverable.length} GovWin opportunities to sync, ${options.submissions} submissions, faults at ${options.faultRate}, crashes at ${options.killRate}`
    );
    const pollers = startPollers(s.consumers, QUEUE_CONCURRENCY);
    const running = () => Object.values(crashes.inFlight()).reduce((a, b) => a + b, 0);
    const quiet = () => isQuiet(s, running);
    const state = makeTrafficState();
    heartbeat = setInterval(() => {
      const d = s.queueDepths();
      const queues = LOCAL_QUEUES.map(
        (q) => `${q} ${d[q]?.visible ?? 0}/${d[q]?.inFlight ?? 0}/${d[`${q}-dlq`]?.total ?? 0}`
      ).join(', ');
      say(
        `  ${Math.round((Date.now() - started) / 1000)} s: ${index.byGovWin.size} deals, ${state.submitted.size} submitted, ${s.partnerCentral.inspect().catalogs[catalog].opportunities.length} AWS opportunities; queues visible/in flight/dead ${queues}; ${running()} invocations running`
      );
    }, 60_000);
    heartbeat.unref();

    await runTraffic(
      {
        stack: s,
        options,
        inventory,
        index,
        deadline,
        rejected: rejectedLive,
        notExercised,
        running: (lambda) => crashes.inFlight()[lambda] ?? 0,
        quiet,
        say,
        notes,
      },
      state
    );
    markUnreached(notExercised, state);
    say(
      `  reps done: ${state.submitted.size} submitted, ${state.invalid.size} moved by hand, ${state.edits.size} edits (${state.editTiming.duringReview} during review), ${state.invitationIds.length} referrals`
    );
    const facts = () => ({
      discoverable: inventory.discoverable,
      oddities: inventory.oddities,
      rejected: rejectedLive,
      submitted: state.submitted,
      invalid: state.invalid,
      edits: state.edits,
      invitationIds: state.invitationIds,
      invitationEventDelivered,
      notExercised,
      leaks: [],
      deadLetters: [],
    });

    // Settle: queues drained and reviews decided, then the scheduled reconcile until nothing diverges.
    const reviewsDone = () =>
      s.partnerCentral.inspect().catalogs[catalog].reviews.every((r) => r.waiting !== 'time');
    await waitUntil(() => quiet() && reviewsDone(), deadline, { intervalMs: 500 });
    let reconcileRounds = 0;
    if (!notExercised.has('events')) {
      for (let round = 1; round <= RECONCILE_ROUNDS && Date.now() < deadline; round += 1) {
        reconcileRounds = round;
        await s.runScheduled('ace-submitter-reconcile').catch(() => undefined);
        await waitUntil(quiet, deadline, { intervalMs: 500 });
        const now = collectWorld(s, facts());
        const divergent = runChecks(now.world).find((c) => c.group === 'divergent');
        // An event can fail all its attempts after this round's re-drive (one of reconcile's own writes):
        // the next round runs it again.
        const failed = now.activity.failedEvents.left;
        say(
          `  reconcile round ${round}: ${divergent?.count ?? 0} divergent, ${failed} failed events left`
        );
        if (round >= 2 && divergent?.count === 0 && failed === 0) break;
      }
    }
    if (Date.now() >= deadline) notes.push(`stopped by the ${options.maxMinutes}-minute watchdog`);
    clearInterval(heartbeat);
    await pollers.stop();
    if (!quiet())
      notes.push(
        `work still pending at the end: ${pendingQueues(s).join(', ') || 'webhooks/events'}`
      );

    // Verdict, from the simulators' state and the captured output.
    addIssuedTokens(s, inventory.canaries);
    const collected = collectWorld(s, facts());
    const pc = s.partnerCentral.counters();
    const injected = {
      govwin: s.govwin.inspect().faults,
      hubspot: s.hubspot.inspect().faults,
      webhooks: s.hubspot.inspect().webhooks,
      hubspotRateLimited: s.hubspot.inspect().rateLimit,
      partnerCentral: { throttles: pc.throttles, faults: pc.faults, events: pc.events },
    };
    const published = [...s.aws.published];
    // Abandoned (crashed or timed-out) invocations may still log: let them finish into the capture first.
    const stillRunning = await crashes.settleAbandoned(30_000);
    if (stillRunning > 0)
      notes.push(
        `${stillRunning} abandoned invocation(s) still running when the output was scanned`
      );
    await s.stop();
    stack = undefined;
    capture.restore();
    crashes.uninstall();

    const failures = crashes.messageFailures();
    const scan = await scanLogFile(
      logFile,
      inventory.canaries,
      collected.dlqBodies.flatMap((b) => {
        const id = failures.get(b)?.messageId;
        return id ? [id] : [];
      })
    );
    const checks = runChecks({
      ...collected.world,
      rejected: new Map([...rejectedLive, ...scan.rejectedGovWinIds]),
      deadLetters: collected.deadLetters(failures, scan.lastLineByMessageId),
      leaks: [...scan.leaks, ...scanSnsMessages(published, inventory.canaries)],
    });
    const crashStats = crashes.stats();
    const reloadFailures = Object.values(crashStats).reduce((n, c) => n + c.reloadFailures, 0);
    if (reloadFailures > 0)
      notes.push(
        `${reloadFailures} fresh environment(s) failed to load because handler sources changed during the run; the previous environment was reused`
      );
    return {
      seed: options.seed,
      settings: {
        opportunities: options.opportunities,
        submissions: options.submissions,
        faultRate: options.faultRate,
        killRate: options.killRate,
        seed: options.seed,
        invitations: options.invitations,
        editShare: options.editShare,
        invalidSubmissions: options.invalidSubmissions,
        timeouts: options.timeouts,
        maxMinutes: options.maxMinutes,
      },
      machine: {
        node: process.version,
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? 'unknown',
        commit,
      },
      durationS: Math.round((Date.now() - started) / 1000),
      faults: { plan: plan.describe, injected },
      crashes: crashStats,
      activity: {
        ...collected.activity,
        syncRounds: state.syncRounds,
        reconcileRounds,
        cardOutcomes: state.cardOutcomes,
        edits: { made: state.edits.size, ...state.editTiming },
        logLines: scan.lines,
        alerts: published.length,
        alertKinds: countAlertKinds(published),
        canaries: inventory.canaries.size(),
      },
      checks,
      passed: soakPassed(checks),
      notes,
      logFile,
    };
  } finally {
    clearInterval(heartbeat);
    if (stack) await stack.stop().catch(() => undefined);
    capture.restore();
    crashes.uninstall();
  }
};
