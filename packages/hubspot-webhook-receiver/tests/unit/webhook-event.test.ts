import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SUBSCRIBED_PROPERTIES } from '../../src/routing-table';
import {
  type EventValidation,
  fastParseWebhookEvent,
  hubSpotWebhookEventSchema,
  validateWebhookEvent,
} from '../../src/webhook-event';
import { EVENT_FIELDS, eventArb } from '../helpers/event-arbitraries';
import { aDealEvent } from '../helpers/webhook-request';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/deal-property-change.json', import.meta.url), 'utf8')
) as unknown[];

describe('validateWebhookEvent', () => {
  it('accepts the recorded HubSpot shapes and normalises ids to strings', () => {
    // Act
    const results = fixture.map(validateWebhookEvent);
    // Assert
    expect(results.every((r) => r.ok)).toBe(true);
    const first = results[0];
    expect(first?.ok && first.event).toMatchObject({
      eventId: '3816279340',
      portalId: '24156720',
      objectId: '18923456701',
      subscriptionId: '2462561',
      propertyName: 'dealstage',
      propertyValue: '1172538401',
    });
  });

  it('accepts ids sent as decimal strings and ignores unknown extra fields', () => {
    const r = validateWebhookEvent(
      aDealEvent({ objectId: '42', portalId: '7', newPlatformField: { nested: true } })
    );
    expect(r.ok && r.event.objectId).toBe('42');
    expect(r.ok && 'newPlatformField' in r.event).toBe(false);
  });

  it('accepts the classic deal.propertyChange subscription and a cleared value', () => {
    const r = validateWebhookEvent(
      aDealEvent({
        subscriptionType: 'deal.propertyChange',
        propertyValue: '',
        objectTypeId: undefined,
      })
    );
    expect(r.ok).toBe(true);
  });

  it.each([
    { name: 'objectId as text', patch: { objectId: 'deal-1' }, problem: 'objectId:' },
    { name: 'objectId zero', patch: { objectId: 0 }, problem: 'objectId:' },
    { name: 'objectId fractional', patch: { objectId: 1.5 }, problem: 'objectId:' },
    { name: 'objectId beyond 2^53', patch: { objectId: 2 ** 60 }, problem: 'objectId:' },
    { name: 'portalId missing', patch: { portalId: undefined }, problem: 'portalId:' },
    { name: 'eventId negative', patch: { eventId: -1 }, problem: 'eventId:' },
    {
      name: 'occurredAt as ISO text',
      patch: { occurredAt: '2026-11-23T12:00:00Z' },
      problem: 'occurredAt:',
    },
    {
      name: 'occurredAt beyond the Date range',
      patch: { occurredAt: 9e15 },
      problem: 'occurredAt:',
    },
    {
      name: 'propertyValue as number',
      patch: { propertyValue: 250000 },
      problem: 'propertyValue:',
    },
    {
      name: 'propertyValue missing',
      patch: { propertyValue: undefined },
      problem: 'propertyValue:',
    },
    {
      name: 'propertyName with punctuation',
      patch: { propertyName: 'amount;drop' },
      problem: 'propertyName:',
    },
    {
      name: 'unknown subscription type',
      patch: { subscriptionType: 'deal.creation' },
      problem: 'subscriptionType:',
    },
    {
      name: 'changeSource with spaces',
      patch: { changeSource: 'CRM UI' },
      problem: 'changeSource:',
    },
    { name: 'isSensitive as text', patch: { isSensitive: 'no' }, problem: 'isSensitive:' },
  ])('rejects $name', ({ patch, problem }) => {
    // Act
    const r = validateWebhookEvent(aDealEvent(patch));
    // Assert
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.some((p) => p.startsWith(problem))).toBe(true);
  });

  it.each([null, 42, 'event', [], [aDealEvent()]])('rejects a non-object element %p', (raw) => {
    expect(validateWebhookEvent(raw).ok).toBe(false);
  });

  it('reports paths and issue codes only, never the offending value', () => {
    const r = validateWebhookEvent(
      aDealEvent({ objectId: 'jane.doe@example.com', propertyValue: { secret: 'p@ss' } })
    );
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('jane.doe');
    expect(JSON.stringify(r)).not.toContain('p@ss');
  });
});

describe('fastParseWebhookEvent (the fast path in front of zod)', () => {
  const junk = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(2 ** 53, 2 ** 53 - 1, 8.64e15, 8.64e15 + 1, 1.5, -0, Number.NaN),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      '007',
      '0',
      '12',
      '0-3',
      'dealstage',
      'object.propertyChange',
      'x'.repeat(257),
      'v'.repeat(65_537)
    ),
    fc.jsonValue({ maxDepth: 1 })
  );
  const candidate = fc
    .tuple(
      fc.boolean(),
      fc.array(fc.tuple(fc.constantFrom(...EVENT_FIELDS), junk), { maxLength: 3 })
    )
    .map(([full, patches]) => {
      const e: Record<string, unknown> = full
        ? aDealEvent({ appId: 3061842, isSensitive: false })
        : aDealEvent({
            subscriptionId: undefined,
            attemptNumber: undefined,
            objectTypeId: undefined,
            changeSource: undefined,
            sourceId: undefined,
          });
      for (const [k, v] of patches) e[k] = v;
      return e;
    });

  it('accepts only what zod accepts, with an identical normalised result (20,000 cases)', () => {
    fc.assert(
      fc.property(candidate, (raw) => {
        const fast = fastParseWebhookEvent(raw);
        const zod = hubSpotWebhookEventSchema().safeParse(raw);
        if (fast !== undefined) {
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        }
      }),
      { numRuns: 20_000 }
    );
  });

  it('takes every well-formed event zod accepts (so the fast path is really used)', () => {
    fc.assert(
      fc.property(candidate, (raw) => {
        const zod = hubSpotWebhookEventSchema().safeParse(raw);
        if (zod.success) expect(fastParseWebhookEvent(raw)).toEqual(zod.data);
      }),
      { numRuns: 5_000 }
    );
  });
});

describe('validateWebhookEvent against the zod schema alone', () => {
  /** What validateWebhookEvent answered before it had a fast path: zod's value, or zod's `path:code` problems. */
  const zodOnly = (raw: unknown): EventValidation => {
    const r = hubSpotWebhookEventSchema().safeParse(raw);
    if (r.success) return { ok: true, event: r.data };
    return {
      ok: false,
      problems: r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(event)'}:${i.code}`),
    };
  };
  const event = eventArb();

  it('answers exactly as zod does, value or problems, over deliveries of valid and invalid events (1,000 x 1-20)', () => {
    // Sequences, so that whatever the fast path remembers between events is exercised too.
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 20 }), (events) => {
        for (const raw of events) expect(validateWebhookEvent(raw)).toEqual(zodOnly(raw));
      }),
      { numRuns: 1_000 }
    );
  });

  it('generates both accepted and rejected events in fair numbers (so the comparison means something)', () => {
    const sample = fc.sample(event, { numRuns: 2_000, seed: 42 }).map(zodOnly);
    const accepted = sample.filter((v) => v.ok).length;
    expect(accepted).toBeGreaterThan(400);
    expect(sample.length - accepted).toBeGreaterThan(800);
  });

  it('takes the fast path for every event zod accepts in those deliveries', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 20 }), (events) => {
        for (const raw of events) {
          const zod = zodOnly(raw);
          expect(fastParseWebhookEvent(raw)).toEqual(zod.ok ? zod.event : undefined);
        }
      }),
      { numRuns: 500 }
    );
  });

  it('accepts every routed property name under the schema pattern (the fast path relies on it)', () => {
    for (const propertyName of SUBSCRIBED_PROPERTIES) {
      const raw = aDealEvent({ propertyName });
      expect(hubSpotWebhookEventSchema().safeParse(raw).success).toBe(true);
    }
  });
});
