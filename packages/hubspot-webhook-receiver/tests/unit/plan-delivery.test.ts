import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildAuditAlert } from '../../src/audit-alert';
import { type DeliveryPlan, type PlanContext, planDelivery } from '../../src/plan-delivery';
import {
  isEscapeFreeJson,
  makeDeliveryMessageWriter,
  type QueueMessageContext,
  serialiseQueueMessage,
  toQueueMessage,
} from '../../src/queue-message-format';
import { makeRoutingPolicy, routeEvent } from '../../src/route-event';
import { type HubSpotWebhookEvent, validateWebhookEvent } from '../../src/webhook-event';
import {
  escapeFreeTextArb,
  eventArb,
  idArb,
  textArb,
  wellFormedEventArb,
} from '../helpers/event-arbitraries';
import { aDealEvent, NOW, TEST_CONFIG, TRIGGER_STAGE } from '../helpers/webhook-request';

const ctx: QueueMessageContext = {
  catalog: 'Sandbox',
  receivedAt: new Date(NOW).toISOString(),
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
};

const validEvent = (raw: unknown): HubSpotWebhookEvent => {
  const v = validateWebhookEvent(raw);
  if (!v.ok) throw new Error(`fixture invalid: ${v.problems.join(',')}`);
  return v.event;
};

/** The general path every message body must equal. */
const reference = (e: HubSpotWebhookEvent, kind: 'submit' | 'update', c = ctx) =>
  serialiseQueueMessage(toQueueMessage(e, kind, c));

describe('isEscapeFreeJson', () => {
  it.each([
    { name: 'plain ASCII', json: '[{"a":"x y:z"}]', expected: true },
    { name: 'accents and emoji written as they are', json: '["Café 😀"]', expected: true },
    { name: 'an escaped quote', json: '["a\\"b"]', expected: false },
    { name: 'an escaped newline', json: '["a\\nb"]', expected: false },
    { name: 'a unicode escape', json: '["\\u00e9"]', expected: false },
    { name: 'a raw lone surrogate', json: '["\ud800"]', expected: false },
    { name: 'a raw lone low surrogate', json: '["x\udc00"]', expected: false },
  ])('answers $expected for $name', ({ json, expected }) => {
    expect(isEscapeFreeJson(json)).toBe(expected);
  });

  it('is true only when every string JSON.parse reads is its own JSON text (5,000 cases)', () => {
    // JSON text built by hand, so raw non-ASCII and lone surrogates reach the parser as they are.
    const raw = fc.array(
      fc.oneof(escapeFreeTextArb, textArb, fc.constantFrom('\ud800', '\udfff', 'a\ud83d')),
      { maxLength: 5 }
    );
    fc.assert(
      fc.property(raw, (values) => {
        // A value JSON would not escape but for a lone surrogate goes in raw; the rest as JSON.stringify writes it.
        const parts = values.map((v) =>
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters JSON must escape
          /["\\\u0000-\u001f]/.test(v) ? JSON.stringify(v) : `"${v}"`
        );
        const text = `[${parts.join(',')}]`;
        if (!isEscapeFreeJson(text)) return;
        for (const s of JSON.parse(text) as string[]) expect(`"${s}"`).toBe(JSON.stringify(s));
      }),
      { numRuns: 5_000 }
    );
  });
});

describe('makeDeliveryMessageWriter', () => {
  const kinds = fc.constantFrom('submit' as const, 'update' as const);
  const contexts = fc.record({
    catalog: fc.constantFrom('Sandbox' as const, 'AWS' as const),
    receivedAt: fc.constant(ctx.receivedAt),
    correlationId: fc.oneof(
      fc.uuid(),
      textArb.filter((s) => s.length > 0)
    ),
  });

  it('writes exactly what serialiseQueueMessage writes, for escape-free deliveries (3,000 cases)', () => {
    const delivery = fc.array(wellFormedEventArb(escapeFreeTextArb), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(delivery, kinds, contexts, (raws, kind, c) => {
        const text = JSON.stringify(raws);
        const escapeFreeSource = isEscapeFreeJson(text);
        const write = makeDeliveryMessageWriter(c, { escapeFreeSource });
        for (const raw of JSON.parse(text) as unknown[]) {
          const v = validateWebhookEvent(raw);
          if (v.ok) expect(write(v.event, kind)).toBe(reference(v.event, kind, c));
        }
      }),
      { numRuns: 3_000 }
    );
  });

  it('writes exactly what serialiseQueueMessage writes, for any delivery (3,000 cases)', () => {
    const delivery = fc.array(wellFormedEventArb(), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(delivery, kinds, contexts, (raws, kind, c) => {
        const text = JSON.stringify(raws);
        const write = makeDeliveryMessageWriter(c, { escapeFreeSource: isEscapeFreeJson(text) });
        for (const raw of JSON.parse(text) as unknown[]) {
          const v = validateWebhookEvent(raw);
          if (v.ok) expect(write(v.event, kind)).toBe(reference(v.event, kind, c));
        }
      }),
      { numRuns: 3_000 }
    );
  });

  it('sees escape-free deliveries often enough for the first comparison to mean something', () => {
    const delivery = fc.array(wellFormedEventArb(escapeFreeTextArb), {
      minLength: 1,
      maxLength: 8,
    });
    const sample = fc.sample(delivery, { numRuns: 500, seed: 7 });
    expect(sample.filter((d) => isEscapeFreeJson(JSON.stringify(d))).length).toBeGreaterThan(400);
  });

  it('leaves out a value too large for SQS, as the general path does', () => {
    // Arrange: 65,536 control characters, each escaped to 6 bytes in JSON (~384 KiB).
    const e = validEvent(aDealEvent({ propertyValue: '\u0001'.repeat(65_536) }));
    // Act
    const body = makeDeliveryMessageWriter(ctx)(e, 'update');
    // Assert
    expect(body).toBe(reference(e, 'update'));
    expect(JSON.parse(body)).toMatchObject({ propertyValueOmitted: true });
  });

  it('upper-cases each change source, also when a delivery switches between them', () => {
    const write = makeDeliveryMessageWriter(ctx);
    for (const changeSource of ['crm_ui', 'integration', 'crm_ui', 'CRM_UI']) {
      const body = write(validEvent(aDealEvent({ changeSource })), 'update');
      expect(JSON.parse(body).changeSource).toBe(changeSource.toUpperCase());
    }
  });
});

describe('planDelivery', () => {
  const policy = makeRoutingPolicy(TEST_CONFIG);
  const planContext: PlanContext = { policy, appId: TEST_CONFIG.appId, ...ctx };

  /** The plan as the receiver built it before the per-delivery writer: the straightforward algorithm. */
  const referencePlan = (rawEvents: readonly unknown[]): DeliveryPlan => {
    const plan: DeliveryPlan = {
      counts: {
        received: rawEvents.length,
        submit: 0,
        update: 0,
        audit: 0,
        dropped: 0,
        invalid: 0,
        loopSuppressed: 0,
      },
      submitBodies: [],
      updateBodies: [],
      alerts: [],
      invalid: [],
      trace: [],
    };
    const seen = new Set<string>();
    rawEvents.forEach((raw, index) => {
      const v = validateWebhookEvent(raw);
      if (!v.ok) {
        plan.counts.invalid++;
        plan.invalid.push({ index, problems: v.problems });
        return;
      }
      const e = v.event;
      const key = `${e.portalId}:${e.subscriptionId ?? ''}:${e.eventId}`;
      let outcome: string;
      if (seen.has(key)) {
        plan.counts.dropped++;
        outcome = 'duplicate-in-delivery';
      } else {
        seen.add(key);
        const d = routeEvent(e, policy);
        if (d.action === 'enqueue') {
          (d.kind === 'submit' ? plan.submitBodies : plan.updateBodies).push(reference(e, d.kind));
          plan.counts[d.kind]++;
          outcome = d.kind;
        } else if (d.action === 'alert') {
          plan.alerts.push(buildAuditAlert(e, d.alert, planContext));
          plan.counts.audit++;
          outcome = `alert:${d.alert}`;
        } else if (d.action === 'suppress') {
          plan.counts.loopSuppressed++;
          outcome = 'loop-suppressed';
        } else {
          plan.counts.dropped++;
          outcome = `dropped:${d.reason}`;
        }
      }
      plan.trace.push({
        dealId: e.objectId,
        eventId: e.eventId,
        property: e.propertyName,
        outcome,
      });
    });
    return plan;
  };

  /** Events that collide: few portals, subscriptions and event ids, so duplicates and scope switches occur. */
  const collidingEvent = fc
    .tuple(
      eventArb(
        wellFormedEventArb(fc.oneof(escapeFreeTextArb, textArb, fc.constant(TRIGGER_STAGE)))
      ),
      fc.constantFrom(7, 8),
      fc.constantFrom(undefined, 5, '5', 6),
      fc.oneof(fc.constantFrom(1, '1', 2, 3), idArb),
      fc.constantFrom('dealstage', 'amount', 'govwin_aws_cosell_id', 'hs_lastmodifieddate'),
      fc.constantFrom('INTEGRATION', 'CRM_UI'),
      fc.constantFrom(TEST_CONFIG.appId, 'userId:1')
    )
    .map(([e, portalId, subscriptionId, eventId, propertyName, changeSource, sourceId]) => {
      const out: Record<string, unknown> = {
        ...e,
        portalId,
        eventId,
        propertyName,
        changeSource,
        sourceId,
      };
      if (subscriptionId === undefined) delete out.subscriptionId;
      else out.subscriptionId = subscriptionId;
      return out;
    });

  it('plans exactly what the straightforward algorithm plans (2,000 deliveries)', () => {
    fc.assert(
      fc.property(fc.array(collidingEvent, { maxLength: 30 }), (raws) => {
        const text = JSON.stringify(raws);
        const rawEvents = JSON.parse(text) as unknown[];
        const plan = planDelivery(rawEvents, {
          ...planContext,
          escapeFreeSource: isEscapeFreeJson(text),
        });
        expect(plan).toEqual(referencePlan(rawEvents));
      }),
      { numRuns: 2_000 }
    );
  });

  it('keeps one of each (portal, subscription, event id) and tells same ids of other scopes apart', () => {
    // Arrange: event 1 twice in portal 7 / subscription 5, then in subscription 6, in portal 8, and without a
    // subscription.
    const raws = [
      aDealEvent({ eventId: 1, portalId: 7, subscriptionId: 5 }),
      aDealEvent({ eventId: 1, portalId: 7, subscriptionId: '5' }),
      aDealEvent({ eventId: 1, portalId: 7, subscriptionId: 6 }),
      aDealEvent({ eventId: 1, portalId: 8, subscriptionId: 5 }),
      aDealEvent({ eventId: 1, portalId: 7, subscriptionId: undefined }),
      aDealEvent({ eventId: 1, portalId: 7, subscriptionId: 5 }),
    ];
    // Act
    const plan = planDelivery(raws, planContext);
    // Assert
    expect(plan.trace.map((t) => t.outcome)).toEqual([
      'update',
      'duplicate-in-delivery',
      'update',
      'update',
      'update',
      'duplicate-in-delivery',
    ]);
  });
});
