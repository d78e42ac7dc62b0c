// Webhook delivery of the HubSpot simulator (external-apis.md §2.2): CRM changes matching an
// active subscription become events, batched up to 100 per POST to the target URL, signed with
// signature v3 (and the legacy v1 header), at most `maxConcurrentRequests` in flight. Failures
// (connection error, timeout, 5xx, 429) are retried with exponential back-off and jitter up to
// `maxAttempts`, with `attemptNumber` incremented; other 4xx are not retried. Retry delays are in
// simulated time, so a time-compressed clock shortens them too.
import type { FaultInjector } from '../common/fault-injector';
import type { Rng } from '../common/rng';
import type { SimClock } from '../common/sim-clock';
import type { ObjectChange } from './object-store';
import { eventValue, type PropertyDefinition, SINGULAR } from './schema';
import { signV1, signV3 } from './signature-v3';

export interface WebhookSubscription {
  id: number;
  /** e.g. `deal.propertyChange`, `deal.creation`, `contact.deletion`. */
  subscriptionType: string;
  /** Required for `*.propertyChange`. */
  propertyName?: string;
  active: boolean;
}

export interface WebhookSettings {
  /** Where events are POSTed; no deliveries while unset. */
  targetUrl?: string;
  /** The URI signed in v3 (the public URL the receiver verifies against); default targetUrl. */
  signedUri?: string;
  subscriptions: WebhookSubscription[];
  maxConcurrentRequests: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource: string;
  sourceId: string;
}

export interface DeliveryRecord {
  deliveryId: number;
  attemptNumber: number;
  eventIds: number[];
  /** HTTP status from the target, when one answered. */
  status?: number;
  outcome: 'delivered' | 'retry-scheduled' | 'failed' | 'dropped';
  reason?: string;
  /** For 'retry-scheduled': the delay before the next attempt, in simulated ms. */
  retryInMs?: number;
  at: number;
}

export interface WebhookStats {
  generated: number;
  delivered: number;
  failed: number;
  dropped: number;
  retries: number;
  pending: number;
  inFlight: number;
  scheduledRetries: number;
}

export interface WebhookDispatcherDeps {
  settings: () => WebhookSettings;
  portalId: number;
  appId: number;
  clientSecret: string;
  clock: SimClock;
  rng: Rng;
  faults: FaultInjector;
  propertyDef: (
    change: ObjectChange & { kind: 'propertyChange' }
  ) => PropertyDefinition | undefined;
  fetch?: typeof fetch;
  historyLimit?: number;
}

interface Batch {
  generation: number;
  deliveryId: number;
  events: WebhookEvent[];
  attempt: number;
}

const SUBSCRIPTION_TYPE = /^(deal|company|contact)\.(creation|deletion|propertyChange)$/;
const NUMERIC_SETTINGS = [
  'maxConcurrentRequests',
  'maxAttempts',
  'baseDelayMs',
  'maxDelayMs',
  'timeoutMs',
] as const;

const isHttpUrl = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Validates (partial) webhook settings; throws a one-line TypeError/RangeError naming the field. */
export const validateWebhookSettings = (raw: unknown): Partial<WebhookSettings> => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TypeError('webhook settings must be an object');
  }
  const s = raw as Record<string, unknown>;
  const known = new Set(['targetUrl', 'signedUri', 'subscriptions', ...NUMERIC_SETTINGS]);
  for (const key of Object.keys(s)) {
    if (!known.has(key)) throw new TypeError(`webhook settings: unknown key ${key}`);
  }
  if (s.targetUrl !== undefined && !isHttpUrl(s.targetUrl))
    throw new TypeError('webhook settings: targetUrl must be an http(s) URL');
  if (s.signedUri !== undefined && !isHttpUrl(s.signedUri))
    throw new TypeError('webhook settings: signedUri must be an http(s) URL');
  for (const key of NUMERIC_SETTINGS) {
    const v = s[key];
    const min = key === 'baseDelayMs' || key === 'maxDelayMs' ? 0 : 1;
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min)) {
      throw new RangeError(`webhook settings: ${key} must be an integer >= ${min}`);
    }
  }
  if (s.subscriptions !== undefined) {
    if (!Array.isArray(s.subscriptions))
      throw new TypeError('webhook settings: subscriptions must be an array');
    s.subscriptions.forEach((sub: unknown, i) => {
      const x = (typeof sub === 'object' && sub !== null ? sub : {}) as Record<string, unknown>;
      const where = `webhook settings: subscriptions[${i}]`;
      if (!Number.isInteger(x.id)) throw new TypeError(`${where}.id must be an integer`);
      if (typeof x.subscriptionType !== 'string' || !SUBSCRIPTION_TYPE.test(x.subscriptionType)) {
        throw new TypeError(`${where}.subscriptionType must be like deal.propertyChange`);
      }
      const needsName = x.subscriptionType.endsWith('.propertyChange');
      if (needsName !== (typeof x.propertyName === 'string' && x.propertyName !== '')) {
        throw new TypeError(`${where}.propertyName is required for propertyChange and only for it`);
      }
      if (typeof x.active !== 'boolean') throw new TypeError(`${where}.active must be a boolean`);
    });
  }
  return s as Partial<WebhookSettings>;
};

const RETRYABLE = (status: number) => status >= 500 || status === 429 || status === 408;

export const makeWebhookDispatcher = (deps: WebhookDispatcherDeps) => {
  const doFetch = deps.fetch ?? fetch;
  const historyLimit = deps.historyLimit ?? 10_000;
  let pending: WebhookEvent[] = [];
  let inFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const controllers = new Set<AbortController>();
  let nextEventId = 1_000_000 + deps.rng.int(0, 999_999);
  let nextDeliveryId = 1;
  let deliveries: DeliveryRecord[] = [];
  let delivered: WebhookEvent[] = [];
  let stats = { generated: 0, delivered: 0, failed: 0, dropped: 0, retries: 0 };
  let idleWaiters: Array<() => void> = [];
  let flushScheduled = false;
  let stopped = false;
  // Bumped by clear(): work from an older generation is abandoned silently.
  let generation = 0;

  const trim = <T>(list: T[]): T[] =>
    list.length > historyLimit * 1.2 ? list.slice(-historyLimit) : list;
  const record = (r: DeliveryRecord) => {
    deliveries.push(r);
    deliveries = trim(deliveries);
  };
  const realMs = (simMs: number) => Math.max(0, Math.round(simMs / deps.clock.timeScale));
  const isIdle = () =>
    pending.length === 0 && inFlight === 0 && timers.size === 0 && !flushScheduled;
  const notifyIdle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const settle = (
    batch: Batch,
    outcome: 'ok' | 'retry' | 'fail',
    detail: { status?: number; reason?: string; retryAfterMs?: number }
  ) => {
    if (batch.generation !== generation) return;
    const at = deps.clock.now();
    const base = {
      deliveryId: batch.deliveryId,
      attemptNumber: batch.attempt,
      eventIds: batch.events.map((e) => e.eventId),
      at,
    };
    const status = detail.status === undefined ? {} : { status: detail.status };
    const reason = detail.reason === undefined ? {} : { reason: detail.reason };
    if (outcome === 'ok') {
      stats.delivered += batch.events.length;
      delivered.push(...batch.events.map((e) => ({ ...e, attemptNumber: batch.attempt })));
      delivered = trim(delivered);
      record({ ...base, ...status, outcome: 'delivered' });
      return;
    }
    if (outcome === 'retry' && batch.attempt + 1 < deps.settings().maxAttempts && !stopped) {
      const { baseDelayMs, maxDelayMs } = deps.settings();
      const backoff =
        Math.min(maxDelayMs, baseDelayMs * 2 ** batch.attempt) * (0.75 + deps.rng.next() * 0.5);
      const delay = detail.retryAfterMs ?? backoff;
      stats.retries += 1;
      record({
        ...base,
        ...status,
        ...reason,
        outcome: 'retry-scheduled',
        retryInMs: Math.round(delay),
      });
      later(realMs(delay), () => send({ ...batch, attempt: batch.attempt + 1 }));
      return;
    }
    stats.failed += batch.events.length;
    record({ ...base, ...status, ...reason, outcome: 'failed' });
  };

  const post = async (batch: Batch, target: string, signedUri: string) => {
    const body = JSON.stringify(batch.events.map((e) => ({ ...e, attemptNumber: batch.attempt })));
    const timestamp = String(deps.clock.now());
    const controller = new AbortController();
    controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), deps.settings().timeoutMs);
    try {
      const res = await doFetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) - simulator',
          'x-hubspot-signature-v3': signV3({
            method: 'POST',
            uri: signedUri,
            body,
            timestamp,
            clientSecret: deps.clientSecret,
          }),
          'x-hubspot-request-timestamp': timestamp,
          'x-hubspot-signature': signV1(deps.clientSecret, body),
          'x-hubspot-signature-version': 'v1',
          'x-hubspot-timeout-millis': String(deps.settings().timeoutMs),
        },
        body,
        signal: controller.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) settle(batch, 'ok', { status: res.status });
      else if (RETRYABLE(res.status)) {
        const retryAfter = Number(res.headers.get('retry-after'));
        settle(batch, 'retry', {
          status: res.status,
          ...(res.status === 429 && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
        });
      } else settle(batch, 'fail', { status: res.status });
    } catch (err) {
      const reason = controller.signal.aborted ? 'timeout' : (err as Error).name || 'network error';
      settle(batch, 'retry', { reason });
    } finally {
      clearTimeout(timer);
      controllers.delete(controller);
    }
  };

  const send = async (batch: Batch): Promise<void> => {
    if (stopped) return;
    inFlight += 1;
    try {
      const { targetUrl, signedUri } = deps.settings();
      const fault = deps.faults.decide('webhookDelivery');
      if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, realMs(fault.latencyMs)));
      if (stopped || batch.generation !== generation) return;
      if (!targetUrl) settle(batch, 'fail', { reason: 'no target URL' });
      else if (fault.action === 'drop') {
        stats.dropped += batch.events.length;
        record({
          deliveryId: batch.deliveryId,
          attemptNumber: batch.attempt,
          eventIds: batch.events.map((e) => e.eventId),
          outcome: 'dropped',
          at: deps.clock.now(),
        });
      } else if (fault.action === 'error' || fault.action === 'timeout') {
        settle(batch, 'retry', { reason: `injected ${fault.action}` });
      } else await post(batch, targetUrl, signedUri ?? targetUrl);
    } finally {
      inFlight -= 1;
      pump();
      notifyIdle();
    }
  };

  function pump(): void {
    const { maxConcurrentRequests } = deps.settings();
    while (!stopped && pending.length > 0 && inFlight < maxConcurrentRequests) {
      const events = pending.slice(0, 100);
      pending = pending.slice(100);
      void send({ generation, deliveryId: nextDeliveryId++, events, attempt: 0 });
    }
  }

  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    // Coalesce the events of one API call (e.g. a batch upsert) into as few POSTs as possible.
    setImmediate(() => {
      flushScheduled = false;
      pump();
      notifyIdle();
    });
  };

  const matching = (change: ObjectChange): WebhookSubscription[] => {
    const type = `${SINGULAR[change.type]}.${change.kind}`;
    return deps
      .settings()
      .subscriptions.filter(
        (s) =>
          s.active &&
          s.subscriptionType === type &&
          (change.kind !== 'propertyChange' || s.propertyName === change.propertyName)
      );
  };

  return {
    /** Turns a CRM change into events for every matching subscription. */
    onChange: (change: ObjectChange) => {
      if (stopped || !deps.settings().targetUrl) return;
      for (const sub of matching(change)) {
        const event: WebhookEvent = {
          eventId: nextEventId++,
          subscriptionId: sub.id,
          portalId: deps.portalId,
          appId: deps.appId,
          occurredAt: change.occurredAt,
          subscriptionType: sub.subscriptionType,
          attemptNumber: 0,
          objectId: Number(change.objectId),
          ...(change.kind === 'propertyChange'
            ? {
                propertyName: change.propertyName,
                propertyValue: eventValue(deps.propertyDef(change), change.value),
              }
            : {}),
          changeSource: change.source.changeSource,
          sourceId: change.source.sourceId,
        };
        pending.push(event);
        stats.generated += 1;
      }
      if (pending.length > 0) scheduleFlush();
    },
    /** Resolves once nothing is pending, in flight or scheduled for retry. */
    idle: (): Promise<void> =>
      isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    stats: (): WebhookStats => ({
      ...stats,
      pending: pending.length,
      inFlight,
      scheduledRetries: timers.size,
    }),
    deliveries: () => [...deliveries],
    deliveredEvents: () => [...delivered],
    /** Cancels pending work and clears history (used by reset). */
    clear: () => {
      generation += 1;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const c of controllers) c.abort();
      pending = [];
      deliveries = [];
      delivered = [];
      stats = { generated: 0, delivered: 0, failed: 0, dropped: 0, retries: 0 };
      notifyIdle();
    },
    stop: () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const c of controllers) c.abort();
      pending = [];
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    },
  };
};

export type WebhookDispatcher = ReturnType<typeof makeWebhookDispatcher>;
