// One soak run: start the local stack with crash injection, let a GovWin backfill run under faults while
// reps submit deals from the card, edit them during the AWS review, move a few deals by hand without ACE
// fields (invalid by design) and AWS sends referrals; then let everything settle, run the scheduled
// reconcile, and check the simulators' final state (see checks.ts). Faults stay on until the checks.
import { availableParallelism, cpus } from 'node:os';
import { SUBSCRIBED_PROPERTIES } from '@govwin-ace/hubspot-webhook-receiver';
import { generateGovWinFixtures } from '../fixtures/index';
import { LOCAL_QUEUES } from '../runtime/lambda-catalog';
import { type LocalStack, startLocalStack } from '../runtime/stack';
import { makeRng } from '../simulators/common/rng';
import { ensureAceDealProperties } from './ace-properties';
import { type CheckResult, runChecks, type SoakFlow, soakPassed } from './checks';
import {
  type CrashStats,
  makeCrashInjector,
  PRODUCTION_TIMEOUTS_S,
  SHORT_TIMEOUTS_S,
} from './crash-injector';
import { faultPlan } from './fault-plan';
import { makeCanarySet, scanLogFile, scanSnsMessages } from './leak-scan';
import { captureOutput } from './output-capture';
import { isQuiet, pendingQueues, startPollers, waitUntil } from './queue-pollers';
import {
  addAgencyDomain,
  cardWrite,
  editedNextSteps,
  invitationSeed,
  submitForm,
} from './rep-actions';
import { reviewOutcomeFor, soakReviewScript } from './review-plan';
import type { SoakOptions } from './soak-options';
import { collectWorld, type SoakActivity } from './soak-world';

/** Everything a run reports. */
export interface SoakReport {
  seed: number;
  settings: Omit<SoakOptions, 'json' | 'help' | 'logFile'>;
  machine: { node: string; cpus: number; cpuModel: string };
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

const SYNC_ROUNDS = 5;
const RECONCILE_ROUNDS = 5;
const REPS = 4;
const QUEUE_CONCURRENCY = 2;

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

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Lambdas each flow needs. */
const FLOW_LAMBDAS: Record<SoakFlow, readonly string[]> = {
  sync: ['govwin-poller-orchestrator', 'govwin-poller-worker'],
  submit: ['ui-ext-writes-writes', 'hubspot-webhook-receiver-receiver', 'ace-submitter-submit'],
  update: ['ui-ext-writes-writes', 'hubspot-webhook-receiver-receiver', 'ace-submitter-update'],
  events: ['ace-submitter-events', 'ace-submitter-reconcile'],
  referrals: ['ace-submitter-events'],
};

/**
 * Runs one soak and returns its report. Never throws for what the pipeline does; only a stack that
 * cannot start makes it reject.
 */
export const runSoak = async (options: SoakOptions, deps: SoakDeps): Promise<SoakReport> => {
  const started = Date.now();
  const deadline = started + options.maxMinutes * 60_000;
  const notes: string[] = [];
  const plan = faultPlan(options.faultRate);
  const timeoutsS = options.timeouts === 'short' ? SHORT_TIMEOUTS_S : PRODUCTION_TIMEOUTS_S;
  const reviewScale = options.timeouts === 'short' ? 0.25 : 1;
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
  const index = { byGovWin: new Map<string, string>(), govwinOfDeal: new Map<string, string>() };
  let refreshedAt = 0;
  const refreshIndex = (stack: LocalStack, force = false) => {
    if (!force && Date.now() - refreshedAt < 1000) return;
    refreshedAt = Date.now();
    for (const d of stack.hubspot.listObjects('deals')) {
      const g = d.properties.govwin_opp_id;
      if (!g || index.govwinOfDeal.has(d.id)) continue;
      if (!index.byGovWin.has(g)) index.byGovWin.set(g, d.id);
      index.govwinOfDeal.set(d.id, g);
    }
  };

  crashes.install();
  let stack: LocalStack | undefined;
  try {
    say(`soak seed ${options.seed}: starting the local stack (crash injection armed)`);
    // SQS requires a queue's visibility timeout to be at least its consumer's timeout.
    const margin = options.timeouts === 'short' ? 2 : 5;
    const visibility = {
      'govwin-sync': ((timeoutsS['govwin-poller-worker'] ?? 30) + margin) * 1000,
      'ace-submit': ((timeoutsS['ace-submitter-submit'] ?? 30) + margin) * 1000,
      'ace-update': ((timeoutsS['ace-submitter-update'] ?? 30) + margin) * 1000,
    };
    stack = await startLocalStack({
      seed: options.seed,
      opportunityCount: options.opportunities,
      visibilityTimeoutMs: visibility,
      simulators: {
        hubspot: { rateLimit: { max: plan.hubspotPer10s } },
        partnerCentral: {
          review: soakReviewScript(
            options.seed,
            (dealId) => index.govwinOfDeal.get(dealId),
            reviewScale
          ),
        },
      },
      env: { LOG_LEVEL: 'INFO', POWERTOOLS_LOG_LEVEL: 'INFO' },
      wrapInvoke: crashes.wrap,
      warn: (m) => notes.push(m),
    });
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
    const notExercised = new Map<SoakFlow, string>();
    for (const [flow, lambdas] of Object.entries(FLOW_LAMBDAS) as [SoakFlow, string[]][]) {
      const missing = lambdas.filter((l) => !s.lambdas.has(l));
      if (missing.length > 0) notExercised.set(flow, `no handler: ${missing.join(', ')}`);
    }

    // --- operator set-up (fault-free), inventory and canaries -----------------------------------
    // Webhook subscriptions exactly as the HubSpot app's manifest lists them (the receiver's routed
    // properties; a repo test keeps the two equal).
    const manifest = SUBSCRIBED_PROPERTIES.map((propertyName, i) => ({
      id: 9000 + i,
      subscriptionType: 'deal.propertyChange',
      propertyName,
      active: true,
    }));
    const current = s.hubspot
      .webhookSettings()
      .subscriptions.filter((x) => x.active)
      .map((x) => `${x.subscriptionType}:${x.propertyName ?? ''}`)
      .sort();
    const wanted = manifest.map((x) => `${x.subscriptionType}:${x.propertyName}`).sort();
    if (current.join() !== wanted.join()) {
      s.hubspot.configureWebhooks({ subscriptions: manifest });
      notes.push(
        `webhook subscriptions set to the app manifest's ${manifest.length} deal properties (the stack had ${current.length})`
      );
    }
    const standIns = await ensureAceDealProperties(s);
    if (standIns.length > 0)
      notes.push(
        `setup-hubspot does not create ${standIns.length} ACE deal properties; the soak created them as text (${standIns.slice(0, 3).join(', ')}, ...)`
      );

    const fixtures = generateGovWinFixtures({ seed: options.seed, count: options.opportunities });
    const oddities = new Map<string, string>();
    const canaries = makeCanarySet();
    for (const r of fixtures.opportunities) {
      const id = String(r.opportunity.id);
      if (r.oddity) oddities.set(id, r.oddity);
      canaries.addFreeText(r.opportunity.title as string | undefined);
      canaries.addFreeText(r.opportunity.description as string | undefined);
      for (const c of r.subResources.contacts ?? []) {
        canaries.addEmail(c.email as string | undefined);
        canaries.addPhone(c.phone as string | undefined);
        canaries.addName(c.firstName as string | undefined, c.lastName as string | undefined);
        canaries.addFreeText(c.primaryContact as string | undefined);
      }
    }
    canaries.addSecret(s.hubspot.clientSecret);
    canaries.addSecret(s.hubspot.accessToken);
    canaries.addSecret(s.govwin.credentials.clientSecret);
    canaries.addSecret(s.govwin.credentials.password);
    const discoverable = [...(s.govwin.inspect().marked['2.2'] ?? [])].sort();
    const unknownIds = discoverable.filter(
      (id) => !fixtures.opportunities.some((r) => r.opportunity.id === id)
    );
    if (unknownIds.length > 0)
      notes.push(
        `${unknownIds.length} GovWin ids not in the regenerated fixtures (oddities unknown)`
      );
    const solution = (
      s.partnerCentral.inspect().catalogs[catalog].solutions as { Id?: string; Status?: string }[]
    ).find((x) => x.Status === 'Active')?.Id;
    const closeDate = isoDate(s.partnerCentral.clock.now() + 365 * 86_400_000);
    const triggerStageId = s.infra.pipeline.stageIds.trigger;

    s.govwin.faults.configure(plan.govwin);
    s.hubspot.faults.configure(plan.hubspot);
    s.partnerCentral.configure(plan.partnerCentral);
    say(
      `soak seed ${options.seed}: ${discoverable.length} GovWin opportunities to sync, ${options.submissions} submissions, faults at ${options.faultRate}, crashes at ${options.killRate}`
    );
    const pollers = startPollers(s.consumers, QUEUE_CONCURRENCY);
    const heartbeat = setInterval(() => {
      const d = s.queueDepths();
      const queues = LOCAL_QUEUES.map(
        (q) => `${q} ${d[q]?.visible ?? 0}/${d[q]?.inFlight ?? 0}/${d[`${q}-dlq`]?.total ?? 0}`
      ).join(', ');
      say(
        `  ${Math.round((Date.now() - started) / 1000)} s: ${index.byGovWin.size} deals, ${submitted.size} submitted, ${s.partnerCentral.inspect().catalogs[catalog].opportunities.length} AWS opportunities; queues visible/in flight/dead ${queues}; ${running()} invocations running`
      );
    }, 60_000);
    heartbeat.unref();
    const running = () => Object.values(crashes.inFlight()).reduce((a, b) => a + b, 0);
    const quiet = () => isQuiet(s, running);

    // --- GovWin backfill: the schedule fires until every opportunity has a deal (or rounds run out) --
    let syncDone = false;
    let syncRounds = 0;
    const syncTask = (async () => {
      if (notExercised.has('sync')) return;
      for (let round = 1; round <= SYNC_ROUNDS && Date.now() < deadline; round += 1) {
        syncRounds = round;
        await s.runScheduled('govwin-poller-orchestrator').catch(() => undefined);
        await waitUntil(
          () =>
            !pendingQueues(s).includes('govwin-sync') &&
            (crashes.inFlight()['govwin-poller-worker'] ?? 0) === 0,
          deadline,
          { intervalMs: 500 }
        );
        refreshIndex(s, true);
        const missing = discoverable.filter(
          (id) => !index.byGovWin.has(id) && !(rejectedLive.has(id) && oddities.has(id))
        );
        say(
          `  sync round ${round}: ${index.byGovWin.size} deals, ${missing.length} opportunities still missing`
        );
        if (missing.length === 0) break;
      }
      syncDone = true;
    })();

    // --- reps: submissions from the card, hand-moved invalid deals, AWS referrals ------------------
    const candidates = seededShuffle(
      discoverable.filter((id) => !oddities.has(id)),
      `${options.seed}:targets`
    );
    const submitTargets = candidates.slice(0, options.submissions);
    const invalidTargets = candidates.slice(
      options.submissions,
      options.submissions + options.invalidSubmissions
    );
    if (submitTargets.length < options.submissions)
      notes.push(`only ${submitTargets.length} valid opportunities to submit`);
    const submitted = new Set<string>();
    const invalid = new Set<string>();
    const cardOutcomes: Record<string, number> = {};
    const tally = (key: string) => {
      cardOutcomes[key] = (cardOutcomes[key] ?? 0) + 1;
    };
    const dealFor = async (govwinId: string): Promise<string | undefined> => {
      for (;;) {
        const id = index.byGovWin.get(govwinId);
        if (id) return id;
        if (syncDone || Date.now() > deadline) return undefined;
        await sleep(1000);
        refreshIndex(s);
      }
    };
    let submissionsDone = 0;
    const repTask = (async () => {
      if (notExercised.has('submit') || notExercised.has('sync')) return;
      const queue = [
        ...submitTargets.map((g, n) => ({ g, n, invalid: false })),
        ...invalidTargets.map((g, n) => ({ g, n, invalid: true })),
      ];
      const rep = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          const dealId = await dealFor(item.g);
          if (!dealId) {
            tally('never synced');
          } else if (item.invalid) {
            s.hubspot.userEdit({ objectId: dealId, properties: { dealstage: triggerStageId } });
            invalid.add(dealId);
          } else if (!(await addAgencyDomain(s, dealId))) {
            tally('not submitted: the agency lookup kept failing');
          } else {
            const out = await cardWrite(s, '/submit', {
              dealId,
              properties: submitForm({
                seed: options.seed,
                n: item.n,
                solutionId: solution,
                closeDate,
              }),
            });
            const accepted =
              out.status === 202 ||
              (out.status === 409 &&
                out.attempts > 1 &&
                (out.reason === 'in-flight' || out.reason === 'already-submitted'));
            if (accepted) submitted.add(dealId);
            tally(
              accepted
                ? out.status === 202
                  ? 'accepted'
                  : 'accepted (a retried attempt had gone through)'
                : `not accepted: HTTP ${out.status}${out.reason ? ` ${out.reason}` : ''}`
            );
          }
          if (!item.invalid) submissionsDone += 1;
        }
      };
      await Promise.all(Array.from({ length: REPS }, rep));
    })();

    const invitationIds: string[] = [];
    const inviteTask = (async () => {
      if (notExercised.has('referrals')) return;
      const every = Math.max(1, Math.ceil(submitTargets.length / Math.max(1, options.invitations)));
      for (let i = 0; i < options.invitations && Date.now() < deadline; i += 1) {
        await waitUntil(() => submissionsDone >= i * every || syncDone, deadline, {
          stableChecks: 1,
        });
        invitationIds.push(
          s.partnerCentral.createInvitation(invitationSeed(options.seed, i, closeDate))
        );
      }
    })();

    // --- rep edits while AWS reviews (CRM edits and card updates, alternating) ---------------------
    const editTargets = submitTargets
      .filter((g) => reviewOutcomeFor(options.seed, g) === 'approved')
      .slice(0, Math.round(options.editShare * submitTargets.length));
    const edits = new Map<string, string>();
    const editTiming = { duringReview: 0, afterReview: 0, failed: 0 };
    let repsDone = false;
    const editTask = (async () => {
      if (notExercised.has('update')) return;
      const pending = new Map(editTargets.map((g, n) => [g, n]));
      while (pending.size > 0 && Date.now() < deadline) {
        const opps = s.partnerCentral.inspect().catalogs[catalog].opportunities as {
          PartnerOpportunityIdentifier?: string;
          LifeCycle?: { ReviewStatus?: string };
        }[];
        const statusOf = new Map(
          opps.map((o) => [o.PartnerOpportunityIdentifier ?? '', o.LifeCycle?.ReviewStatus ?? ''])
        );
        for (const [g, n] of [...pending]) {
          const dealId = index.byGovWin.get(g);
          if (!dealId || !submitted.has(dealId)) {
            if (repsDone) pending.delete(g);
            continue;
          }
          const status = statusOf.get(dealId);
          const during = status === 'Submitted' || status === 'In review';
          if (!during && status !== 'Approved') {
            if (repsDone && quiet()) pending.delete(g);
            continue;
          }
          pending.delete(g);
          const value = editedNextSteps(options.seed, n);
          if (n % 2 === 0) {
            s.hubspot.userEdit({ objectId: dealId, properties: { govwin_ace_next_steps: value } });
          } else {
            const out = await cardWrite(s, '/update', {
              dealId,
              properties: { govwin_ace_next_steps: value },
            });
            if (out.status >= 300) {
              editTiming.failed += 1;
              tally(`edit not accepted: HTTP ${out.status}${out.reason ? ` ${out.reason}` : ''}`);
              continue;
            }
          }
          edits.set(dealId, value);
          if (during) editTiming.duringReview += 1;
          else editTiming.afterReview += 1;
        }
        await sleep(1000);
      }
    })();

    await Promise.all([syncTask, repTask, inviteTask]);
    repsDone = true;
    await editTask;
    if (!notExercised.has('submit') && submitted.size === 0)
      notExercised.set('submit', 'the card accepted no submission (see card answers)');
    if (!notExercised.has('update') && edits.size === 0)
      notExercised.set('update', 'no rep edit was made (no submitted deal reached review)');
    if (!notExercised.has('events') && submitted.size === 0)
      notExercised.set('events', 'no AWS opportunity to mirror');
    if (!notExercised.has('referrals') && invitationIds.length === 0)
      notExercised.set('referrals', 'no AWS referral was sent');
    say(
      `  reps done: ${submitted.size} submitted, ${invalid.size} moved by hand, ${edits.size} edits (${editTiming.duringReview} during review), ${invitationIds.length} referrals`
    );

    const facts = () => ({
      discoverable,
      oddities,
      rejected: rejectedLive,
      submitted,
      invalid,
      edits,
      invitationIds,
      invitationEventDelivered,
      notExercised,
      leaks: [],
      deadLetters: [],
    });

    // --- settle: queues drained, reviews finished, then the scheduled reconcile --------------------
    const reviewsDone = () =>
      s.partnerCentral.inspect().catalogs[catalog].reviews.every((r) => r.waiting !== 'time');
    await waitUntil(() => quiet() && reviewsDone(), deadline, { intervalMs: 500 });
    let reconcileRounds = 0;
    if (!notExercised.has('events')) {
      for (let round = 1; round <= RECONCILE_ROUNDS && Date.now() < deadline; round += 1) {
        reconcileRounds = round;
        await s.runScheduled('ace-submitter-reconcile').catch(() => undefined);
        await waitUntil(quiet, deadline, { intervalMs: 500 });
        const divergent = runChecks(collectWorld(s, facts()).world).find(
          (c) => c.group === 'divergent'
        );
        say(`  reconcile round ${round}: ${divergent?.count ?? 0} divergent`);
        if (round >= 2 && divergent?.count === 0) break;
      }
    }
    if (Date.now() >= deadline) notes.push(`stopped by the ${options.maxMinutes}-minute watchdog`);
    clearInterval(heartbeat);
    await pollers.stop();
    if (!quiet())
      notes.push(
        `work still pending at the end: ${pendingQueues(s).join(', ') || 'webhooks/events'}`
      );

    // --- verdict ------------------------------------------------------------------------------------
    const tokenSecret = s.aws.getSecretValue('local-govwin-token');
    try {
      const t = JSON.parse(tokenSecret ?? '{}') as {
        access_token?: string;
        refresh_token?: string;
      };
      canaries.addSecret(t.access_token);
      canaries.addSecret(t.refresh_token);
    } catch {
      // no token cached
    }
    const collected = collectWorld(s, facts());
    const injected = {
      govwin: s.govwin.inspect().faults,
      hubspot: s.hubspot.inspect().faults,
      webhooks: s.hubspot.inspect().webhooks,
      hubspotRateLimited: s.hubspot.inspect().rateLimit,
      partnerCentral: (({ throttles, faults, events }) => ({ throttles, faults, events }))(
        s.partnerCentral.counters()
      ),
    };
    const published = [...s.aws.published];
    await s.stop();
    stack = undefined;
    capture.restore();
    crashes.uninstall();

    const failures = crashes.messageFailures();
    const scan = await scanLogFile(
      logFile,
      canaries,
      collected.dlqBodies.flatMap((b) => {
        const id = failures.get(b)?.messageId;
        return id ? [id] : [];
      })
    );
    const deadLetters = collected.deadLetters(failures, scan.lastLineByMessageId);
    const rejected = new Map([...rejectedLive, ...scan.rejectedGovWinIds]);
    const world = {
      ...collected.world,
      rejected,
      deadLetters,
      leaks: [...scan.leaks, ...scanSnsMessages(published, canaries)],
    };
    const checks = runChecks(world);
    const crashStats = crashes.stats();
    const reloadFailures = Object.values(crashStats).reduce((n, c) => n + c.reloadFailures, 0);
    if (reloadFailures > 0)
      notes.push(
        `${reloadFailures} fresh environment(s) failed to load because handler sources changed during the run; the previous environment was reused`
      );
    const activity: SoakActivity = {
      ...collected.activity,
      syncRounds,
      reconcileRounds,
      cardOutcomes,
      edits: { made: edits.size, ...editTiming },
      logLines: scan.lines,
      alerts: published.length,
      canaries: canaries.size(),
    };
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
      },
      durationS: Math.round((Date.now() - started) / 1000),
      faults: { plan: plan.describe, injected },
      crashes: crashStats,
      activity,
      checks,
      passed: soakPassed(checks),
      notes,
      logFile,
    };
  } finally {
    if (stack) await stack.stop().catch(() => undefined);
    capture.restore();
    crashes.uninstall();
  }
};
