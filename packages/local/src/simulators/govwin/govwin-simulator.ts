// The GovWin IQ Web Services API v3 simulator (external-apis.md §3): a real HTTP server on loopback
// serving `/neo-ws/...` with OAuth2 (password + refresh, lockout), bearer auth, the opportunity
// listings, detail with multi-id URLs, marking, sub-resources and the 4,000-calls-per-rolling-hour
// organisation budget answered with 403. Time comes from a simulated clock so a benchmark can run
// an hour of quota in seconds.
import {
  DEFAULT_GOVWIN_USERNAME,
  type GovWinFixtureSet,
  type GovWinJson,
  type GovWinOpportunityRecord,
  type GovWinSavedSearch,
  generateGovWinFixtures,
  govwinDateTime,
} from '../../fixtures/govwin-fixtures';
import { handleAdminRoute } from '../common/admin-routes';
import { applyFault } from '../common/apply-fault';
import { makeCallCounter } from '../common/call-counter';
import { type FaultConfig, type FaultInjector, makeFaultInjector } from '../common/fault-injector';
import {
  parseJsonBody,
  type SimHang,
  type SimRequest,
  type SimResponse,
  startHttpSimulator,
} from '../common/http-simulator';
import { assertNumberOption } from '../common/option-checks';
import { makeRng } from '../common/rng';
import { makeRollingWindow } from '../common/rolling-window';
import { makeRouter, type RouteDefinition } from '../common/router';
import { makeSimClock, type SimClock } from '../common/sim-clock';
import { apiError, GovWinParamError } from './errors';
import { makeGovWinApi } from './govwin-api';
import { type GovWinCredentials, makeOAuthServer } from './oauth';
import { makeOpportunityStore } from './opportunity-store';
import type { CollectionKeyStyle } from './sub-resources';

export const GOVWIN_BASE_PATH = '/neo-ws';

export const DEFAULT_GOVWIN_CREDENTIALS: GovWinCredentials = {
  clientId: 'sim-govwin-client',
  clientSecret: 'sim-govwin-client-secret',
  username: DEFAULT_GOVWIN_USERNAME,
  password: 'sim-govwin-password',
};

export type GovWinAccountState = 'active' | 'on-hold' | 'invalid-subscription';

export interface GovWinSimulatorOptions {
  port?: number;
  host?: string;
  /** Seed for fixtures and fault injection (default 1). */
  seed?: number | string;
  /** Number of generated opportunities when `fixtures` is not given (default 50). */
  opportunityCount?: number;
  fixtures?: GovWinFixtureSet;
  credentials?: Partial<GovWinCredentials>;
  /** A shared simulated clock; otherwise one is built from `now`/`timeScale`. */
  clock?: SimClock;
  now?: () => number;
  timeScale?: number;
  /** Organisation budget (default 4,000 calls per 3,600,000 ms). */
  rateLimit?: { maxCalls?: number; windowMs?: number };
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  lockout?: { maxFailedLogins?: number; durationMs?: number };
  collectionKeyStyle?: CollectionKeyStyle;
  faults?: FaultConfig;
}

export interface GovWinInspection {
  calls: Record<string, number>;
  totalCalls: number;
  budget: { used: number; limit: number; windowMs: number; rejected: number };
  unauthorized: number;
  tokens: { activeAccessTokens: number };
  lockouts: Record<string, { failures: number; lockedUntil: number | undefined }>;
  opportunities: number;
  marked: Record<string, string[]>;
  faults: ReturnType<FaultInjector['counters']>;
  now: number;
}

export interface GovWinSimulator {
  /** Server origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** What a client uses as its base URL (stands in for `https://services.govwin.com/neo-ws`). */
  baseUrl: string;
  port: number;
  clock: SimClock;
  faults: FaultInjector;
  credentials: GovWinCredentials;
  inspect(): GovWinInspection;
  /** Restores the initial fixtures and clears tokens, lockouts, budget, counters. */
  reset(): void;
  /** Adds or replaces an opportunity. */
  putOpportunity(record: GovWinOpportunityRecord): void;
  /** An analyst edit: merges `changes` and moves `updateDate` to the simulated now. */
  analystUpdate(id: string, changes: GovWinJson): void;
  /** Returns the stored wire object (a copy) or undefined. */
  getOpportunity(id: string): GovWinJson | undefined;
  /** Makes every access token invalid (forces clients through refresh). */
  revokeTokens(): void;
  setAccountState(state: GovWinAccountState): void;
  stop(): Promise<void>;
}

const defaultError = (status: number) =>
  apiError(status, 'error.default', 'Default error code', 'unexpected');

/**
 * Starts the GovWin WSAPI simulator.
 * @example const govwin = await startGovWinSimulator({ seed: 7, timeScale: 3600 });
 */
export const startGovWinSimulator = async (
  options: GovWinSimulatorOptions = {}
): Promise<GovWinSimulator> => {
  assertNumberOption('rateLimit.maxCalls', options.rateLimit?.maxCalls, { min: 1, integer: true });
  assertNumberOption('rateLimit.windowMs', options.rateLimit?.windowMs, { min: 1, integer: true });
  assertNumberOption('accessTokenTtlSeconds', options.accessTokenTtlSeconds, { min: 1 });
  assertNumberOption('refreshTokenTtlSeconds', options.refreshTokenTtlSeconds, { min: 1 });
  assertNumberOption('lockout.maxFailedLogins', options.lockout?.maxFailedLogins, {
    min: 1,
    integer: true,
  });
  assertNumberOption('lockout.durationMs', options.lockout?.durationMs, { min: 0 });
  const clock =
    options.clock ??
    makeSimClock({
      ...(options.now ? { now: options.now } : {}),
      ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    });
  const credentials: GovWinCredentials = { ...DEFAULT_GOVWIN_CREDENTIALS, ...options.credentials };
  const fixtures =
    options.fixtures ??
    generateGovWinFixtures({
      seed: options.seed ?? 1,
      count: options.opportunityCount ?? 50,
      now: clock.now(),
      username: credentials.username,
    });
  const limit = options.rateLimit?.maxCalls ?? 4000;
  const windowMs = options.rateLimit?.windowMs ?? 3_600_000;
  const oauth = makeOAuthServer(credentials, {
    accessTokenTtlMs: (options.accessTokenTtlSeconds ?? 43_200) * 1000,
    refreshTokenTtlMs: (options.refreshTokenTtlSeconds ?? 30 * 86_400) * 1000,
    maxFailedLogins: options.lockout?.maxFailedLogins ?? 5,
    lockoutMs: options.lockout?.durationMs ?? 30 * 60_000,
  });
  const faults = makeFaultInjector(
    options.faults ?? {},
    makeRng(`${String(options.seed ?? 1)}:faults`)
  );
  const calls = makeCallCounter();
  const budget = makeRollingWindow(limit, windowMs);
  const savedSearches = new Map<number, GovWinSavedSearch>(
    fixtures.savedSearches.map((s) => [s.id, s])
  );
  let store = makeOpportunityStore(fixtures.opportunities);
  let accountState: GovWinAccountState = 'active';
  let rejectedByBudget = 0;
  let unauthorized = 0;
  let origin = '';

  const api = makeGovWinApi({
    store: () => store,
    savedSearches,
    govEntities: fixtures.govEntities,
    baseUrl: () => `${origin}${GOVWIN_BASE_PATH}`,
    now: () => clock.now(),
    collectionKeyStyle: options.collectionKeyStyle ?? 'lower',
  });

  const guard = (req: SimRequest): SimResponse | undefined => {
    const type = req.header('content-type');
    if (type !== undefined && !type.toLowerCase().startsWith('application/vnd.api+json')) {
      return apiError(415, 'error.invalid.contentType', 'Invalid Content-Type header', req.path);
    }
    return undefined;
  };

  const apiCall = async (
    req: SimRequest,
    params: Record<string, string>,
    route: RouteDefinition
  ): Promise<SimResponse | SimHang> => {
    const now = clock.now();
    const auth = oauth.authenticate(req.header('authorization'), now);
    if (!auth.ok) {
      unauthorized += 1;
      return auth.response;
    }
    const rejected = guard(req);
    if (rejected) return rejected;
    if (accountState === 'on-hold') {
      return apiError(403, 'error.account.onHold', 'Account is on hold', req.path);
    }
    if (accountState === 'invalid-subscription') {
      return apiError(403, 'error.invalid.subscription', 'Invalid subscription', req.path);
    }
    if (!budget.tryAcquire(now)) {
      rejectedByBudget += 1;
      return apiError(403, 'error.rate.limit', 'Too many requests in given time period', req.path);
    }
    const operation = api.operationFor(route.operation, req.query);
    calls.record(operation);
    const fault = await applyFault(faults, operation, defaultError);
    if (fault) return fault;
    try {
      return api.handle(route.operation, req, params, auth.username);
    } catch (err) {
      if (err instanceof GovWinParamError) return apiError(422, err.logref, err.message, req.path);
      throw err;
    }
  };

  const tokenRoute: RouteDefinition = {
    method: 'POST',
    pattern: `${GOVWIN_BASE_PATH}/oauth/token`,
    operation: 'token',
    handle: async (req) => {
      calls.record('token');
      const fault = await applyFault(faults, 'token', (status) => ({
        status,
        body: { error: 'server_error', error_description: 'Internal error' },
      }));
      if (fault) return fault;
      return oauth.token(
        req.rawBody,
        req.header('authorization'),
        req.header('content-type'),
        clock.now()
      );
    },
  };
  const apiRoute = (pattern: string, operation: string): RouteDefinition => {
    const route: RouteDefinition = {
      method: 'GET',
      pattern: `${GOVWIN_BASE_PATH}${pattern}`,
      operation,
      handle: (req, params) => apiCall(req, params, route),
    };
    return route;
  };
  const route = makeRouter([
    tokenRoute,
    apiRoute('/opportunities', 'listOpportunities'),
    apiRoute('/opportunities/:ids', 'getOpportunities'),
    apiRoute('/opportunities/:id/:sub', 'subResource'),
    apiRoute('/govEntities', 'listGovEntities'),
    apiRoute('/govEntities/:ids', 'getGovEntities'),
    apiRoute('/govEntities/:id/children', 'govEntityChildren'),
  ]);

  const inspect = (): GovWinInspection => {
    const now = clock.now();
    const marked: Record<string, string[]> = { '2.2': [], '2': [] };
    for (const o of store.all()) {
      for (const v of Object.keys(o.record.marks)) marked[v]?.push(o.id);
    }
    const tokenState = oauth.snapshot(now);
    return {
      calls: calls.counts(),
      totalCalls: calls.total(),
      budget: { used: budget.count(now), limit, windowMs, rejected: rejectedByBudget },
      unauthorized,
      tokens: { activeAccessTokens: tokenState.activeAccessTokens },
      lockouts: tokenState.lockouts,
      opportunities: store.size(),
      marked,
      faults: faults.counters(),
      now,
    };
  };
  const reset = () => {
    store = makeOpportunityStore(fixtures.opportunities);
    oauth.reset();
    budget.reset();
    calls.reset();
    faults.reset();
    accountState = 'active';
    rejectedByBudget = 0;
    unauthorized = 0;
  };
  const putOpportunity = (record: GovWinOpportunityRecord) => {
    store.put(structuredClone(record));
  };
  const analystUpdate = (id: string, changes: GovWinJson) => {
    const entry = store.get(id);
    if (!entry) throw new RangeError(`govwin sim: no opportunity ${id}`);
    const stamp = govwinDateTime(clock.now());
    store.put({
      ...entry.record,
      opportunity: {
        ...entry.record.opportunity,
        ...changes,
        updateDate: stamp,
        lastActionDate: stamp,
      },
    });
  };

  const server = await startHttpSimulator({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    handler: async (req) => {
      const admin = await handleAdminRoute(req, {
        inspect,
        reset,
        faults,
        extra: {
          'POST /__sim/analyst-update': (r) => {
            const parsed = parseJsonBody(r.rawBody);
            const body = (parsed.ok ? parsed.value : {}) as { id?: unknown; changes?: unknown };
            if (
              typeof body.id !== 'string' ||
              typeof body.changes !== 'object' ||
              body.changes === null
            ) {
              return { status: 400, body: { message: 'expected { id, changes }' } };
            }
            if (!store.get(body.id))
              return { status: 404, body: { message: 'unknown opportunity' } };
            analystUpdate(body.id, body.changes as GovWinJson);
            return { status: 204 };
          },
          'POST /__sim/clock/advance': (r) => {
            const parsed = parseJsonBody(r.rawBody);
            const ms = Number(parsed.ok ? (parsed.value as { ms?: unknown }).ms : Number.NaN);
            if (!Number.isFinite(ms) || ms < 0)
              return { status: 400, body: { message: 'expected { ms >= 0 }' } };
            clock.advance(ms);
            return { status: 200, body: { now: clock.now() } };
          },
        },
      });
      if (admin) return admin;
      const match = route(req.method, req.path);
      if (match.kind === 'not-found') {
        return apiError(404, 'error.resource.notFound', 'Resource does not exist', req.path);
      }
      if (match.kind === 'method-not-allowed') {
        return apiError(405, 'error.method.notAllowed', 'Method not allowed', req.path);
      }
      return match.route.handle(req, match.params);
    },
  });
  origin = server.url;

  return {
    url: server.url,
    baseUrl: `${server.url}${GOVWIN_BASE_PATH}`,
    port: server.port,
    clock,
    faults,
    credentials,
    inspect,
    reset,
    putOpportunity,
    analystUpdate,
    getOpportunity: (id) => {
      const entry = store.get(id);
      return entry ? structuredClone(entry.record.opportunity) : undefined;
    },
    revokeTokens: () => oauth.revokeAll(),
    setAccountState: (state) => {
      accountState = state;
    },
    stop: () => server.stop(),
  };
};
