import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  HANG,
  type RunningHttpSimulator,
  type SimResponse,
  startHttpSimulator,
} from '../../../../src/simulators/common/http-simulator';
import {
  type HubSpotSimulator,
  type HubSpotSimulatorOptions,
  startHubSpotSimulator,
} from '../../../../src/simulators/hubspot/hubspot-simulator';
import type { WebhookEvent } from '../../../../src/simulators/hubspot/webhook-dispatcher';
import { type BatchBody, type CrmObject, createUniqueDealKey, hsCall } from './hubspot-client';

interface Received {
  headers: Record<string, string | undefined>;
  rawBody: string;
  events: WebhookEvent[];
}

const PUBLIC_URL = 'https://hooks.example.test/hubspot/webhooks';
const SECRET = 'test-client-secret-1234';

/** Independent v3 check: HMAC-SHA256(secret, METHOD + URI + body + timestamp), base64. */
const expectedSignature = (body: string, timestamp: string) =>
  createHmac('sha256', SECRET).update(`POST${PUBLIC_URL}${body}${timestamp}`).digest('base64');

describe('HubSpot simulator webhook delivery', () => {
  let sim: HubSpotSimulator | undefined;
  let target: RunningHttpSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    await target?.stop();
    sim = undefined;
    target = undefined;
  });

  /** Starts a target that records each POST and answers with the next scripted response. */
  const start = async (
    script: Array<SimResponse | typeof HANG> = [],
    options: HubSpotSimulatorOptions = {}
  ) => {
    const received: Received[] = [];
    target = await startHttpSimulator({
      handler: (req) => {
        received.push({
          headers: {
            signature: req.header('x-hubspot-signature-v3'),
            timestamp: req.header('x-hubspot-request-timestamp'),
            contentType: req.header('content-type'),
          },
          rawBody: req.rawBody,
          events: JSON.parse(req.rawBody) as WebhookEvent[],
        });
        return script.shift() ?? { status: 204 };
      },
    });
    sim = await startHubSpotSimulator({
      seed: 5,
      clientSecret: SECRET,
      ...options,
      webhooks: {
        targetUrl: `${target.url}/hook`,
        signedUri: PUBLIC_URL,
        baseDelayMs: 5,
        maxDelayMs: 20,
        ...options.webhooks,
      },
    });
    return { sim, received };
  };

  const createDeal = (
    s: HubSpotSimulator,
    properties: Record<string, string> = { dealname: 'x' }
  ) => hsCall<CrmObject>(s, 'POST', '/crm/v3/objects/deals', { properties });

  it('POSTs a signed batch whose v3 signature verifies with an independent HMAC', async () => {
    // Arrange
    const { sim: s, received } = await start();
    // Act
    const created = await createDeal(s);
    await s.webhooksIdle();
    // Assert
    expect(received).toHaveLength(1);
    const [delivery] = received as [Received];
    expect(delivery.headers.contentType).toBe('application/json');
    expect(delivery.headers.signature).toBe(
      expectedSignature(delivery.rawBody, delivery.headers.timestamp ?? '')
    );
    expect(Math.abs(Number(delivery.headers.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(delivery.events.map((e) => e.subscriptionType).sort()).toEqual([
      'deal.creation',
      'deal.propertyChange',
    ]);
    const change = delivery.events.find((e) => e.subscriptionType === 'deal.propertyChange');
    expect(change).toEqual({
      eventId: expect.any(Number),
      subscriptionId: 1002,
      portalId: s.portalId,
      appId: s.appId,
      occurredAt: expect.any(Number),
      subscriptionType: 'deal.propertyChange',
      attemptNumber: 0,
      objectId: Number(created.body.id),
      propertyName: 'dealstage',
      propertyValue: 'appointmentscheduled',
      changeSource: 'INTEGRATION',
      sourceId: String(s.appId),
    });
  });

  it('a signature computed with another secret or URI does not match', async () => {
    // Arrange
    const { sim: s, received } = await start();
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    const [d] = received as [Received];
    const wrongSecret = createHmac('sha256', 'other')
      .update(`POST${PUBLIC_URL}${d.rawBody}${d.headers.timestamp}`)
      .digest('base64');
    const wrongUri = createHmac('sha256', SECRET)
      .update(`POST${target?.url}/hook${d.rawBody}${d.headers.timestamp}`)
      .digest('base64');
    expect(d.headers.signature).not.toBe(wrongSecret);
    expect(d.headers.signature).not.toBe(wrongUri);
  });

  it('fires only for subscribed properties, and marks a rep’s edit as CRM_UI', async () => {
    // Arrange
    const { sim: s, received } = await start([], {
      webhooks: {
        subscriptions: [
          { id: 7, subscriptionType: 'deal.propertyChange', propertyName: 'amount', active: true },
        ],
      },
    });
    const created = await createDeal(s, { dealname: 'quiet' });
    await s.webhooksIdle();
    // Act
    await hsCall(s, 'PATCH', `/crm/v3/objects/deals/${created.body.id}`, {
      properties: { dealname: 'renamed' },
    });
    await s.webhooksIdle();
    const afterRename = received.length;
    const edit = await fetch(`${s.url}/__sim/user-edit`, {
      method: 'POST',
      body: JSON.stringify({
        objectId: created.body.id,
        properties: { amount: '1250' },
        userId: 4242,
      }),
    });
    await s.webhooksIdle();
    // Assert
    expect(afterRename).toBe(0);
    expect(edit.status).toBe(204);
    expect(received).toHaveLength(1);
    expect(received[0]?.events).toEqual([
      expect.objectContaining({
        subscriptionId: 7,
        propertyName: 'amount',
        propertyValue: '1250',
        changeSource: 'CRM_UI',
        sourceId: 'userId:4242',
      }),
    ]);
  });

  it('does not fire when a write leaves the value unchanged', async () => {
    // Arrange
    const { sim: s, received } = await start();
    const created = await createDeal(s);
    await s.webhooksIdle();
    // Act
    await hsCall(s, 'PATCH', `/crm/v3/objects/deals/${created.body.id}`, {
      properties: { dealstage: 'appointmentscheduled' },
    });
    await s.webhooksIdle();
    // Assert
    expect(received).toHaveLength(1);
  });

  it('batches at most 100 events per request', async () => {
    // Arrange
    const { sim: s, received } = await start();
    await createUniqueDealKey(s);
    const inputs = Array.from({ length: 75 }, (_, i) => ({
      idProperty: 'govwin_opp_id',
      id: `OPP${i}`,
      properties: { dealname: `d${i}` },
    }));
    // Act
    const res = await hsCall<BatchBody>(s, 'POST', '/crm/v3/objects/deals/batch/upsert', {
      inputs,
    });
    await s.webhooksIdle();
    // Assert
    expect(res.status).toBe(200);
    const sizes = received.map((r) => r.events.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(150);
    expect(sizes).toEqual([100, 50]);
  });

  it('retries a delivery answered 500 with attemptNumber incremented, then delivers', async () => {
    // Arrange
    const { sim: s, received } = await start([{ status: 500 }, { status: 503 }]);
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    expect(received.map((r) => r.events[0]?.attemptNumber)).toEqual([0, 1, 2]);
    expect(new Set(received.map((r) => r.events.map((e) => e.eventId).join(','))).size).toBe(1);
    for (const r of received)
      expect(r.headers.signature).toBe(expectedSignature(r.rawBody, r.headers.timestamp ?? ''));
    expect(s.deliveries().map((d) => d.outcome)).toEqual([
      'retry-scheduled',
      'retry-scheduled',
      'delivered',
    ]);
    expect(s.inspect().webhooks).toMatchObject({ delivered: 2, retries: 2, failed: 0 });
  });

  it('gives up after maxAttempts failed attempts', async () => {
    // Arrange
    const { sim: s, received } = await start(Array(5).fill({ status: 500 }), {
      webhooks: { maxAttempts: 3 },
    });
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    expect(received.map((r) => r.events[0]?.attemptNumber)).toEqual([0, 1, 2]);
    expect(s.deliveries().at(-1)?.outcome).toBe('failed');
    expect(s.inspect().webhooks).toMatchObject({ failed: 2, delivered: 0 });
  });

  it('does not retry a delivery answered 400', async () => {
    // Arrange
    const { sim: s, received } = await start([{ status: 400 }]);
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    expect(received).toHaveLength(1);
    expect(s.deliveries()).toEqual([
      expect.objectContaining({ outcome: 'failed', status: 400, attemptNumber: 0 }),
    ]);
  });

  it('retries when the target times out', async () => {
    // Arrange
    const script: Array<SimResponse | typeof HANG> = [HANG];
    const { sim: s, received } = await start(script, { webhooks: { timeoutMs: 100 } });
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    expect(received).toHaveLength(2);
    expect(s.deliveries()[0]).toMatchObject({ outcome: 'retry-scheduled', reason: 'timeout' });
    expect(s.deliveries()[1]?.outcome).toBe('delivered');
  });

  it('drops deliveries when the drop rate is 1: nothing reaches the target', async () => {
    // Arrange
    const { sim: s, received } = await start([], {
      faults: { operations: { webhookDelivery: { dropRate: 1 } } },
    });
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    expect(received).toHaveLength(0);
    expect(s.inspect().webhooks).toMatchObject({ dropped: 2, delivered: 0 });
    expect(s.deliveries()[0]?.outcome).toBe('dropped');
  });

  it('honours Retry-After on a 429 from the target instead of its own back-off', async () => {
    // Arrange: 1 simulated second is 10 real ms at timeScale 100
    const { sim: s, received } = await start([{ status: 429, headers: { 'retry-after': '1' } }], {
      timeScale: 100,
    });
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    expect(received.map((r) => r.events[0]?.attemptNumber)).toEqual([0, 1]);
    expect(s.deliveries()[0]).toMatchObject({
      outcome: 'retry-scheduled',
      status: 429,
      retryInMs: 1000,
    });
  });

  it('backs off exponentially with jitter between attempts', async () => {
    // Arrange
    const { sim: s } = await start(Array(3).fill({ status: 500 }), {
      webhooks: { baseDelayMs: 4, maxDelayMs: 1000 },
    });
    // Act
    await createDeal(s);
    await s.webhooksIdle();
    // Assert
    const delays = s
      .deliveries()
      .filter((d) => d.outcome === 'retry-scheduled')
      .map((d) => d.retryInMs ?? -1);
    expect(delays).toHaveLength(3);
    delays.forEach((delay, attempt) => {
      expect(delay).toBeGreaterThanOrEqual(Math.floor(4 * 2 ** attempt * 0.75));
      expect(delay).toBeLessThanOrEqual(Math.ceil(4 * 2 ** attempt * 1.25));
    });
  });

  it('exposes deliveries and delivered events over /__sim/webhooks', async () => {
    // Arrange
    const { sim: s } = await start();
    await createDeal(s);
    await fetch(`${s.url}/__sim/webhooks/idle`, { method: 'POST' });
    // Act
    const body = (await (await fetch(`${s.url}/__sim/webhooks`)).json()) as {
      events: WebhookEvent[];
      deliveries: unknown[];
      settings: { signedUri: string };
    };
    // Assert
    expect(body.events).toHaveLength(2);
    expect(body.deliveries).toHaveLength(1);
    expect(body.settings.signedUri).toBe(PUBLIC_URL);
  });
});

describe('HubSpot simulator webhook settings validation', () => {
  it.each([
    { name: 'a non-URL target', settings: { targetUrl: 'not a url' }, message: 'targetUrl' },
    {
      name: 'a propertyChange subscription without a property',
      settings: {
        subscriptions: [{ id: 1, subscriptionType: 'deal.propertyChange', active: true }],
      },
      message: 'propertyName',
    },
    {
      name: 'an unknown subscription type',
      settings: { subscriptions: [{ id: 1, subscriptionType: 'ticket.creation', active: true }] },
      message: 'subscriptionType',
    },
    { name: 'zero attempts', settings: { maxAttempts: 0 }, message: 'maxAttempts' },
    { name: 'an unknown key', settings: { target: 'x' }, message: 'unknown key' },
  ])('refuses $name at start and over PUT /__sim/webhooks', async ({ settings, message }) => {
    // Act & Assert
    await expect(startHubSpotSimulator({ webhooks: settings as never })).rejects.toThrow(message);
    const s = await startHubSpotSimulator({});
    try {
      const res = await fetch(`${s.url}/__sim/webhooks`, {
        method: 'PUT',
        body: JSON.stringify(settings),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    } finally {
      await s.stop();
    }
  });
});
