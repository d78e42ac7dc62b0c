// The AWS Partner Central Selling simulator: a loopback HTTP server speaking AWS JSON 1.0 that the
// real `@aws-sdk/client-partnercentral-selling` talks to through an endpoint override, plus a
// small control surface for tests, benchmarks and the local runtime (clock, review, faults,
// inspect/reset, EventBridge subscription).
import type { Catalog } from '@govwin-ace/shared-core';
import { handleAdminRoute } from '../common/admin-routes';
import { makeCallCounter } from '../common/call-counter';
import { type FaultConfig, makeFaultInjector } from '../common/fault-injector';
import { startHttpSimulator } from '../common/http-simulator';
import { makeRng } from '../common/rng';
import { makeSimClock, type SimClock } from '../common/sim-clock';
import { makeAdminExtras } from './admin';
import { makeApiHandler, type ThrottleStats } from './api-handler';
import { associationOperations, seedSolutions } from './association-ops';
import type { SimContext } from './context';
import { engagementOperations } from './engagement-ops';
import { type EventListener, makeEventBus, uuidFrom } from './events';
import {
  countersOf,
  type PartnerCentralCounters,
  type PartnerCentralSnapshot,
  snapshot,
} from './inspect';
import { createInvitation, invitationOperations } from './invitation-ops';
import { opportunityOperations } from './opportunity-ops';
import {
  checkRate,
  checkThrottling,
  type InvitationSeed,
  type PartnerCentralSimulatorOptions,
  resolveOptions,
  type ThrottlingFaults,
} from './options';
import { makeQuotaTracker } from './quotas';
import { makeReviewEngine } from './review';
import { type ReviewStep, validateReviewSteps } from './review-script';
import { makeScheduler } from './scheduler';
import { sellingModel } from './sdk-model';
import { type CatalogState, makeCatalogState, makeIdFactory } from './state';

export interface SimulatorFaultSettings {
  faults?: FaultConfig;
  throttling?: ThrottlingFaults;
  eventDropRate?: number;
}

export interface PartnerCentralSimulator {
  /** Base URL for the SDK's `endpoint` (e.g. via makeAwsClients endpoints.partnercentral). */
  endpoint: string;
  clock: SimClock;
  stop(): Promise<void>;
  /** Forgets all state and counters, then re-seeds solutions and invitations. */
  reset(): void;
  inspect(): PartnerCentralSnapshot;
  counters(): PartnerCentralCounters;
  /** Moves the simulated clock forward and runs everything that became due; returns jobs run. */
  advance(ms: number): number;
  /** Runs work already due at the current simulated time. */
  tick(): number;
  /** Applies the next review step now (one opportunity, one catalog, or all); returns steps applied. */
  advanceReview(target?: { catalog: Catalog; id?: string }): number;
  /** Replaces one opportunity's remaining review steps. */
  scriptReview(catalog: Catalog, id: string, steps: readonly ReviewStep[]): void;
  /** Sends a new AWS referral to the partner (emits Engagement Invitation Created); returns its id. */
  createInvitation(seed: InvitationSeed): string;
  onEvent(listener: EventListener): () => void;
  configure(settings: SimulatorFaultSettings): void;
}

const OPERATIONS = {
  ...opportunityOperations,
  ...associationOperations,
  ...engagementOperations,
  ...invitationOperations,
};

const EVENT_URL = 'https://partnercentral.awspartner.com/partnercentral2/s/opportunity?id=';

/**
 * Starts the simulator on loopback. Rejects with a one-line error on bad options or a taken port.
 * @example const pc = await startPartnerCentralSimulator({ clock: makeSimClock({ now: () => t }) });
 */
export const startPartnerCentralSimulator = async (
  options: PartnerCentralSimulatorOptions = {}
): Promise<PartnerCentralSimulator> => {
  const model = sellingModel();
  const opts = resolveOptions(options);
  if (Array.isArray(opts.review)) validateReviewSteps(model, opts.review);
  const clock = options.clock ?? makeSimClock();
  const seed = String(opts.seed);
  let throttling: ThrottlingFaults = options.throttling ?? {};
  let eventDropRate = options.eventDropRate ?? 0;
  let faults = makeFaultInjector(options.faults ?? {}, makeRng(`${seed}/faults`));
  let throttleRng = makeRng(`${seed}/throttling`);
  let eventRng = makeRng(`${seed}/events`);
  const bus = makeEventBus({
    account: opts.accountId,
    region: opts.region,
    newId: () => uuidFrom(eventRng),
    keepRecent: opts.keepRecentEvents,
  });
  const scheduler = makeScheduler();
  const quotas = makeQuotaTracker(opts.quotas);
  const calls = makeCallCounter();
  const throttles: ThrottleStats = { quota: 0, injected: 0, byOperation: {} };
  const errors = new Map<string, number>();
  const reviewScriptErrors = { count: 0 };
  let catalogs = new Map<Catalog, CatalogState>();
  const catalog = (name: Catalog): CatalogState => {
    let state = catalogs.get(name);
    if (!state) {
      state = makeCatalogState(name);
      catalogs.set(name, state);
    }
    return state;
  };
  const dropEvent = () => eventRng.chance(eventDropRate);

  const ctx: SimContext = {
    model,
    options: opts,
    ids: makeIdFactory(makeRng(`${seed}/ids`)),
    scheduler,
    review: makeReviewEngine({
      scheduler,
      scriptFor: (c) =>
        typeof opts.review === 'function'
          ? validateReviewSteps(model, opts.review(c))
          : opts.review,
      onScriptError: () => {
        reviewScriptErrors.count += 1;
      },
      emitUpdated: (entry, at) =>
        ctx.emitOpportunity('Opportunity Updated', entry.record.Catalog, entry.record.Id, at),
      senderInvitation: (entry) =>
        entry.engagement
          ? catalog(entry.record.Catalog).invitations.get(entry.engagement.invitationId)
          : undefined,
    }),
    catalog,
    emitOpportunity: (type, cat, id, at) =>
      bus.publish(
        type,
        {
          schemaVersion: '1',
          catalog: cat,
          opportunity: { identifier: id, url: `${EVENT_URL}${id}` },
        },
        at,
        dropEvent()
      ),
    emitInvitation: (type, inv, at) =>
      bus.publish(
        type,
        {
          schemaVersion: '1',
          catalog: inv.Catalog,
          engagementInvitation: {
            id: inv.Id,
            arn: inv.Arn,
            engagementId: inv.EngagementId,
            participantType: 'Receiver',
            payloadType: inv.PayloadType,
            expirationDate: new Date(inv.ExpirationDate).toISOString(),
          },
        },
        at,
        dropEvent()
      ),
  };

  const tick = () => scheduler.runDue(clock.now());
  const seedState = () => {
    const now = clock.now();
    for (const name of opts.catalogs) seedSolutions(catalog(name), opts.solutions, ctx.ids, now);
    for (const inv of opts.invitations)
      createInvitation(ctx, catalog(inv.catalog ?? 'Sandbox'), inv, now);
  };
  seedState();

  const configure = (settings: SimulatorFaultSettings) => {
    if (settings.throttling) throttling = checkThrottling(settings.throttling);
    if (settings.eventDropRate !== undefined)
      eventDropRate = checkRate('eventDropRate', settings.eventDropRate);
    if (settings.faults) faults.configure(settings.faults);
  };

  const stats = () => ({ calls, throttles, errors, faults, bus, scheduler, reviewScriptErrors });
  const inspect = () => snapshot({ ...stats(), catalogs, now: clock.now() });
  const reset = () => {
    catalogs = new Map();
    scheduler.clear();
    quotas.reset();
    calls.reset();
    Object.assign(throttles, { quota: 0, injected: 0, byOperation: {} });
    errors.clear();
    reviewScriptErrors.count = 0;
    bus.reset();
    // Keeps the fault configuration, however it was last set (options, configure, /__sim/faults).
    faults = makeFaultInjector(faults.config(), makeRng(`${seed}/faults`));
    throttleRng = makeRng(`${seed}/throttling`);
    eventRng = makeRng(`${seed}/events`);
    ctx.ids = makeIdFactory(makeRng(`${seed}/ids`));
    seedState();
  };

  const control = {
    clock,
    advance: (ms: number) => {
      clock.advance(ms);
      return tick();
    },
    tick,
    advanceReview: (target?: { catalog: Catalog; id?: string }) => {
      tick();
      const now = clock.now();
      const names = target ? [target.catalog] : [...catalogs.keys()];
      let applied = 0;
      for (const name of names) {
        const entries = target?.id
          ? [catalog(name).opportunities.get(target.id)]
          : [...catalog(name).opportunities.values()];
        for (const entry of entries) if (entry && ctx.review.advance(entry, now)) applied += 1;
      }
      return applied;
    },
    scriptReview: (cat: Catalog, id: string, steps: readonly ReviewStep[]) => {
      const entry = catalog(cat).opportunities.get(id);
      if (!entry) throw new Error(`partner-central simulator: no opportunity ${id} in ${cat}`);
      ctx.review.setScript(entry, validateReviewSteps(model, steps), clock.now());
    },
    createInvitation: (seedInput: InvitationSeed) =>
      createInvitation(ctx, catalog(seedInput.catalog ?? 'Sandbox'), seedInput, clock.now()).Id,
    onEvent: (listener: EventListener) => bus.subscribe(listener),
    configure,
    reset,
    inspect,
  };

  const api = makeApiHandler({
    ctx,
    handlers: OPERATIONS,
    now: () => clock.now(),
    tick,
    calls,
    faults: () => faults,
    quotas,
    injectThrottle: (op) =>
      throttleRng.chance(throttling.operations?.[op] ?? throttling.default ?? 0),
    throttles,
    errors,
  });
  const server = await startHttpSimulator({
    port: opts.port,
    host: opts.host,
    handler: async (req) =>
      (await handleAdminRoute(req, {
        inspect,
        reset,
        faults,
        extra: makeAdminExtras(control),
      })) ?? api(req),
  });
  const timer = opts.autoTickMs > 0 ? setInterval(tick, opts.autoTickMs) : undefined;
  timer?.unref();

  return {
    endpoint: server.url,
    ...control,
    counters: () => countersOf(stats()),
    stop: async () => {
      if (timer) clearInterval(timer);
      await server.stop();
    },
  };
};
