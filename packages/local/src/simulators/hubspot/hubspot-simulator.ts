// The HubSpot simulator (external-apis.md §2): a real HTTP server on loopback speaking CRM v3
// objects (deals, companies, contacts), batch and search, associations v4, properties and groups,
// deal pipelines, owners, bearer auth with a private-app token, the per-10-second and daily rate
// limits (429 + Retry-After), and signed v3 webhook delivery of subscribed changes. Writes made
// with the integration's token carry changeSource INTEGRATION; `userEdit` simulates a rep in the
// CRM UI (changeSource CRM_UI).
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
import { makeRouter } from '../common/router';
import { makeSimClock, type SimClock } from '../common/sim-clock';
import { makeAssociationStore } from './associations';
import { type HubSpotOwner, makeCrmApi } from './crm-api';
import { HubSpotRequestError, hsError } from './errors';
import { HUBSPOT_ROUTES } from './hubspot-routes';
import { type ChangeSource, makeObjectStore, type ObjectChange } from './object-store';
import { makeObjectsApi } from './objects-api';
import { makePipelineStore, type PipelineInput } from './pipelines';
import { type HubSpotRateLimitOptions, makeHubSpotRateLimiter } from './rate-limiter';
import {
  makeBuiltInSchema,
  OBJECT_TYPES,
  type ObjectSchema,
  type ObjectType,
  parsePropertyCreate,
  resolveObjectType,
} from './schema';
import {
  type DeliveryRecord,
  makeWebhookDispatcher,
  validateWebhookSettings,
  type WebhookEvent,
  type WebhookSettings,
  type WebhookStats,
  type WebhookSubscription,
} from './webhook-dispatcher';

export interface HubSpotSimulatorOptions {
  port?: number;
  host?: string;
  seed?: number | string;
  /** The integration's private-app token(s) (default one fictional token). */
  accessTokens?: string[];
  portalId?: number;
  appId?: number;
  /** The app's client secret, used to sign webhook deliveries. */
  clientSecret?: string;
  clock?: SimClock;
  now?: () => number;
  timeScale?: number;
  rateLimit?: HubSpotRateLimitOptions;
  /** Return batch results in an order other than the input order (default true). */
  shuffleBatchResults?: boolean;
  webhooks?: Partial<WebhookSettings>;
  /** Extra deal pipelines created at start (and after reset). */
  pipelines?: PipelineInput[];
  /** Property groups and properties created at start, per object type. */
  schema?: Partial<
    Record<ObjectType, { groups?: Array<{ name: string; label: string }>; properties?: unknown[] }>
  >;
  owners?: HubSpotOwner[];
  faults?: FaultConfig;
  /** Outbound fetch for webhook deliveries (default global fetch). */
  fetch?: typeof fetch;
}

export interface UserEditInput {
  objectType?: string;
  objectId: string;
  properties: Record<string, unknown>;
  /** HubSpot user id of the rep (default 9001). */
  userId?: number;
}

export interface HubSpotInspection {
  calls: Record<string, number>;
  totalCalls: number;
  objects: Record<ObjectType, number>;
  associations: number;
  rateLimit: ReturnType<ReturnType<typeof makeHubSpotRateLimiter>['snapshot']>;
  webhooks: WebhookStats;
  unauthorized: number;
  faults: ReturnType<FaultInjector['counters']>;
  now: number;
}

export interface HubSpotSimulator {
  /** Stands in for `https://api.hubapi.com`. */
  url: string;
  port: number;
  accessToken: string;
  portalId: number;
  appId: number;
  clientSecret: string;
  clock: SimClock;
  faults: FaultInjector;
  inspect(): HubSpotInspection;
  reset(): void;
  /** A record with all its properties, or undefined. */
  getObject(
    objectType: string,
    id: string
  ): { id: string; properties: Record<string, string | null>; archived: boolean } | undefined;
  /** Live records of a type, all properties. */
  listObjects(objectType: string): Array<{ id: string; properties: Record<string, string | null> }>;
  /** A rep's edit in the CRM UI: changeSource CRM_UI, sourceId `userId:<id>`. */
  userEdit(input: UserEditInput): void;
  configureWebhooks(settings: Partial<WebhookSettings>): void;
  webhookSettings(): WebhookSettings;
  deliveries(): DeliveryRecord[];
  deliveredEvents(): WebhookEvent[];
  /** Resolves when no webhook delivery is pending, in flight or scheduled for retry. */
  webhooksIdle(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_HUBSPOT_TOKEN = 'pat-sim-00000000-0000-4000-8000-000000000000';
export const DEFAULT_WEBHOOK_SUBSCRIPTIONS: WebhookSubscription[] = [
  { id: 1001, subscriptionType: 'deal.creation', active: true },
  { id: 1002, subscriptionType: 'deal.propertyChange', propertyName: 'dealstage', active: true },
];

const DEFAULT_OWNERS: HubSpotOwner[] = [
  {
    id: '70001',
    email: 'rep.one@partner.example.test',
    firstName: 'Avery',
    lastName: 'Example',
    userId: 9001,
  },
  {
    id: '70002',
    email: 'rep.two@partner.example.test',
    firstName: 'Jordan',
    lastName: 'Sample',
    userId: 9002,
  },
];

// `given` is validated so a bad runtime configuration fails at start, naming the field.
const defaultWebhookSettings = (given: Partial<WebhookSettings> = {}): WebhookSettings => ({
  subscriptions: DEFAULT_WEBHOOK_SUBSCRIPTIONS,
  maxConcurrentRequests: 10,
  maxAttempts: 10,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 5000,
  ...validateWebhookSettings(given),
});

const OBJECT_OPERATIONS = new Set([
  'createObject',
  'getObject',
  'updateObject',
  'archiveObject',
  'listObjects',
  'search',
  'batchRead',
  'batchCreate',
  'batchUpdate',
  'batchUpsert',
  'batchArchive',
]);

const faultError = (status: number) =>
  hsError(status, 'INTERNAL_ERROR', 'internal error (injected by the simulator)');

/**
 * Starts the HubSpot simulator.
 * @example const hubspot = await startHubSpotSimulator({ webhooks: { targetUrl } });
 */
export const startHubSpotSimulator = async (
  options: HubSpotSimulatorOptions = {}
): Promise<HubSpotSimulator> => {
  const seed = String(options.seed ?? 1);
  assertNumberOption('rateLimit.max', options.rateLimit?.max, { min: 1, integer: true });
  assertNumberOption('rateLimit.intervalMs', options.rateLimit?.intervalMs, {
    min: 1,
    integer: true,
  });
  assertNumberOption('rateLimit.daily', options.rateLimit?.daily, { min: 1, integer: true });
  assertNumberOption('rateLimit.searchPerSecond', options.rateLimit?.searchPerSecond, {
    min: 1,
    integer: true,
  });
  assertNumberOption('portalId', options.portalId, { min: 1, integer: true });
  assertNumberOption('appId', options.appId, { min: 1, integer: true });
  if (
    options.accessTokens !== undefined &&
    (options.accessTokens.length === 0 ||
      options.accessTokens.some((t) => typeof t !== 'string' || t.length < 8))
  ) {
    throw new RangeError('simulator option accessTokens must list tokens of at least 8 characters');
  }
  const clock =
    options.clock ??
    makeSimClock({
      ...(options.now ? { now: options.now } : {}),
      ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    });
  const tokens = new Set(options.accessTokens ?? [DEFAULT_HUBSPOT_TOKEN]);
  const portalId = options.portalId ?? 24_000_001;
  const appId = options.appId ?? 4_000_001;
  const clientSecret = options.clientSecret ?? 'sim-hubspot-client-secret-0000';
  const integration: ChangeSource = { changeSource: 'INTEGRATION', sourceId: String(appId) };
  const faults = makeFaultInjector(options.faults ?? {}, makeRng(`${seed}:faults`));
  const calls = makeCallCounter();
  const rate = makeHubSpotRateLimiter(options.rateLimit);
  const owners = options.owners ?? DEFAULT_OWNERS;
  let webhookSettings = defaultWebhookSettings(options.webhooks);
  let unauthorized = 0;
  let objectIds = 20_000_000_001;
  let schemaIds = 100_000_001;
  const nowIso = () => new Date(clock.now()).toISOString();

  const buildSchemas = (): Record<ObjectType, ObjectSchema> => {
    const schemas = makeBuiltInSchema(nowIso());
    for (const type of OBJECT_TYPES) {
      const seedSchema = options.schema?.[type];
      for (const g of seedSchema?.groups ?? [])
        schemas[type].groups.set(g.name, { ...g, displayOrder: -1, archived: false });
      for (const p of seedSchema?.properties ?? []) {
        const def = parsePropertyCreate(p, schemas[type], nowIso());
        schemas[type].properties.set(def.name, def);
      }
    }
    return schemas;
  };
  const buildPipelines = () => {
    const store = makePipelineStore(() => String(schemaIds++), nowIso);
    for (const p of options.pipelines ?? []) store.create(store.parseCreate(p));
    return store;
  };

  let schemas = buildSchemas();
  let pipelines = buildPipelines();
  const dispatcher = makeWebhookDispatcher({
    settings: () => webhookSettings,
    portalId,
    appId,
    clientSecret,
    clock,
    rng: makeRng(`${seed}:webhooks`),
    faults,
    propertyDef: (change) => schemas[change.type].properties.get(change.propertyName),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const onChange = (change: ObjectChange) => dispatcher.onChange(change);
  const makeStores = () => ({
    objects: makeObjectStore({
      schemas,
      pipelines,
      nextId: () => String(objectIds++),
      now: () => clock.now(),
      onChange,
    }),
    associations: makeAssociationStore(),
  });
  let stores = makeStores();
  const shuffleRng = makeRng(`${seed}:shuffle`);
  const buildApis = () => {
    const crm = makeCrmApi({
      schemas: () => schemas,
      pipelines: () => pipelines,
      associations: stores.associations,
      store: stores.objects,
      owners,
      now: () => clock.now(),
    });
    const objects = makeObjectsApi({
      store: stores.objects,
      associations: stores.associations,
      rng: shuffleRng,
      shuffle: () => options.shuffleBatchResults ?? true,
      now: () => clock.now(),
      createAssociations: crm.createAssociations,
    });
    return { crm, objects };
  };
  let apis = buildApis();
  const route = makeRouter(HUBSPOT_ROUTES);

  const authenticate = (req: SimRequest): SimResponse | undefined => {
    const header = req.header('authorization');
    if (!header?.startsWith('Bearer ')) {
      unauthorized += 1;
      return hsError(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication.'
      );
    }
    if (!tokens.has(header.slice(7).trim())) {
      unauthorized += 1;
      return hsError(401, 'INVALID_AUTHENTICATION', 'The access token provided is not valid.');
    }
    return undefined;
  };

  const apiCall = async (req: SimRequest): Promise<SimResponse | SimHang> => {
    const match = route(req.method, req.path);
    if (match.kind === 'not-found')
      return hsError(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`);
    if (match.kind === 'method-not-allowed')
      return hsError(405, 'VALIDATION_ERROR', `Method ${req.method} not allowed`);
    const denied = authenticate(req);
    if (denied) return denied;
    const operation = match.route.operation;
    const limit = rate.check(clock.now(), operation === 'search');
    if (!limit.ok) return limit.response;
    calls.record(operation);
    const fault = await applyFault(faults, operation, faultError);
    if (fault) return fault;
    try {
      const out = OBJECT_OPERATIONS.has(operation)
        ? apis.objects.handle(operation, req, match.params, integration)
        : apis.crm.handle(operation, req, match.params);
      return { ...out, headers: { ...limit.headers, ...(out.headers ?? {}) } };
    } catch (err) {
      if (err instanceof HubSpotRequestError) {
        const response = hsError(err.status, err.category, err.message, err.extra);
        return { ...response, headers: limit.headers };
      }
      throw err;
    }
  };

  const fullObject = (type: ObjectType, id: string) => {
    const obj = stores.objects.get(type, id);
    if (!obj) return undefined;
    return { id: obj.id, properties: Object.fromEntries(obj.properties), archived: obj.archived };
  };
  const userEdit = ({
    objectType = 'deals',
    objectId,
    properties,
    userId = 9001,
  }: UserEditInput) => {
    const type = resolveObjectType(objectType);
    const obj = stores.objects.resolve(type, objectId);
    if (!obj) throw new RangeError(`hubspot sim: no ${type} ${objectId}`);
    stores.objects.update(obj, properties, {
      changeSource: 'CRM_UI',
      sourceId: `userId:${userId}`,
    });
  };
  const inspect = (): HubSpotInspection => ({
    calls: calls.counts(),
    totalCalls: calls.total(),
    objects: {
      deals: stores.objects.count('deals'),
      companies: stores.objects.count('companies'),
      contacts: stores.objects.count('contacts'),
    },
    associations: stores.associations.size(),
    rateLimit: rate.snapshot(clock.now()),
    webhooks: dispatcher.stats(),
    unauthorized,
    faults: faults.counters(),
    now: clock.now(),
  });
  const reset = () => {
    dispatcher.clear();
    schemas = buildSchemas();
    pipelines = buildPipelines();
    stores = makeStores();
    apis = buildApis();
    rate.reset();
    calls.reset();
    faults.reset();
    unauthorized = 0;
    webhookSettings = defaultWebhookSettings(options.webhooks);
  };
  const configureWebhooks = (settings: Partial<WebhookSettings>) => {
    webhookSettings = { ...webhookSettings, ...validateWebhookSettings(settings) };
  };

  const adminBody = (req: SimRequest): Record<string, unknown> | undefined => {
    const parsed = parseJsonBody(req.rawBody);
    return parsed.ok &&
      typeof parsed.value === 'object' &&
      parsed.value !== null &&
      !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : undefined;
  };

  const server = await startHttpSimulator({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    onError: () => hsError(500, 'INTERNAL_ERROR', 'internal error'),
    handler: async (req) => {
      const admin = await handleAdminRoute(req, {
        inspect,
        reset,
        faults,
        extra: {
          'POST /__sim/user-edit': (r) => {
            const body = adminBody(r);
            if (
              !body ||
              typeof body.objectId !== 'string' ||
              typeof body.properties !== 'object' ||
              body.properties === null
            ) {
              return {
                status: 400,
                body: { message: 'expected { objectType?, objectId, properties, userId? }' },
              };
            }
            try {
              userEdit(body as unknown as UserEditInput);
            } catch (err) {
              if (err instanceof HubSpotRequestError)
                return hsError(err.status, err.category, err.message, err.extra);
              return { status: 404, body: { message: (err as Error).message } };
            }
            return { status: 204 };
          },
          'GET /__sim/objects': (r) => {
            try {
              return {
                status: 200,
                body: { results: listObjects(r.query.get('type') ?? 'deals') },
              };
            } catch {
              return { status: 400, body: { message: 'unknown object type' } };
            }
          },
          'GET /__sim/webhooks': () => ({
            status: 200,
            body: {
              settings: webhookSettings,
              stats: dispatcher.stats(),
              deliveries: dispatcher.deliveries(),
              events: dispatcher.deliveredEvents(),
            },
          }),
          'PUT /__sim/webhooks': (r) => {
            const body = adminBody(r);
            if (!body) return { status: 400, body: { message: 'expected a JSON object' } };
            try {
              configureWebhooks(body as Partial<WebhookSettings>);
            } catch (err) {
              return { status: 400, body: { message: (err as Error).message } };
            }
            return { status: 200, body: { settings: webhookSettings } };
          },
          'POST /__sim/webhooks/idle': async () => {
            await dispatcher.idle();
            return { status: 200, body: { stats: dispatcher.stats() } };
          },
        },
      });
      return admin ?? apiCall(req);
    },
  });

  function listObjects(objectType: string) {
    const type = resolveObjectType(objectType);
    const out: Array<{ id: string; properties: Record<string, string | null> }> = [];
    for (const obj of stores.objects.all(type)) {
      if (!obj.archived) out.push({ id: obj.id, properties: Object.fromEntries(obj.properties) });
    }
    return out;
  }

  return {
    url: server.url,
    port: server.port,
    accessToken: [...tokens][0] as string,
    portalId,
    appId,
    clientSecret,
    clock,
    faults,
    inspect,
    reset,
    getObject: (objectType, id) => fullObject(resolveObjectType(objectType), id),
    listObjects,
    userEdit,
    configureWebhooks,
    webhookSettings: () => ({ ...webhookSettings }),
    deliveries: () => dispatcher.deliveries(),
    deliveredEvents: () => dispatcher.deliveredEvents(),
    webhooksIdle: () => dispatcher.idle(),
    stop: async () => {
      dispatcher.stop();
      await server.stop();
    },
  };
};
