import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SUBSCRIBED_PROPERTIES } from '../../src/routing-table';
import { REQUIRED_EVENT_FIELDS } from '../helpers/event-arbitraries';
import { aReceiver } from '../helpers/receiver';
import {
  APP_ID,
  aSignedRequest,
  NOW,
  PREVIOUS_SECRET,
  TRIGGER_STAGE,
} from '../helpers/webhook-request';

// Property-based fuzzing of the whole gate ladder through the pure core (in-memory replay guard, fake SQS/SNS
// that always succeed): 10,000 generated requests per run.
const NUM_RUNS = 10_000;
const CLIENT_STATUSES = new Set([200, 400, 401, 405, 413, 415]);

/** A well-formed deal event over the routed properties and the interesting sources. */
const validEventArb = fc.record(
  {
    eventId: fc.nat(),
    subscriptionId: fc.nat(),
    portalId: fc.integer({ min: 1, max: 99_999_999 }),
    occurredAt: fc.integer({ min: 0, max: NOW }),
    subscriptionType: fc.constantFrom('object.propertyChange', 'deal.propertyChange'),
    attemptNumber: fc.nat({ max: 9 }),
    objectId: fc.integer({ min: 1, max: 2 ** 40 }),
    objectTypeId: fc.constantFrom('0-3', '0-3', '0-1'),
    propertyName: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...SUBSCRIBED_PROPERTIES) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }
    ),
    propertyValue: fc.oneof(
      fc.constant(TRIGGER_STAGE),
      fc.constant('O123'),
      fc.string({ maxLength: 30 })
    ),
    changeSource: fc.constantFrom('CRM_UI', 'INTEGRATION', 'integrations_platform', 'API'),
    sourceId: fc.constantFrom(APP_ID, 'userId:1', '999'),
  },
  { requiredKeys: [...REQUIRED_EVENT_FIELDS] }
);

/** One field replaced by junk (or removed) in a quarter of the events: wrong types, unknown types, missing ids. */
const mutationArb = fc.option(
  fc.record({
    key: fc.constantFrom(...REQUIRED_EVENT_FIELDS, 'changeSource', 'sourceId'),
    value: fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 1 }),
      fc.string({ maxLength: 8 }),
      fc.constant('deal.creation')
    ),
  }),
  { nil: undefined, freq: 3 }
);

const eventArb = fc
  .tuple(validEventArb, mutationArb)
  .map(([e, m]) => JSON.parse(JSON.stringify(m ? { ...e, [m.key]: m.value } : e)) as unknown);

const bodyArb = fc.oneof(
  { weight: 6, arbitrary: fc.array(eventArb, { maxLength: 8 }).map((a) => JSON.stringify(a)) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(eventArb, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 })
      .map((a) => JSON.stringify(a)),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constant(JSON.stringify(Array.from({ length: 101 }, () => ({})))) }
);

const requestArb = fc.record({
  method: fc.oneof(
    { weight: 12, arbitrary: fc.constant('POST') },
    { weight: 4, arbitrary: fc.constantFrom('GET', 'PUT', 'post', 'OPTIONS') }
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    null
  ),
  body: bodyArb,
  signing: fc.constantFrom(
    'current',
    'current',
    'current',
    'previous',
    'wrong-secret',
    'tampered',
    'none',
    'garbage'
  ),
  garbageSignature: fc.string({ maxLength: 48 }),
  timestamp: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.integer({ min: -300_000, max: 300_000 }).map((o) => String(NOW + o)),
    },
    { weight: 2, arbitrary: fc.integer({ min: -1e10, max: 1e10 }).map((o) => String(NOW + o)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 14 }) }
  ),
  base64: fc.boolean(),
});

describe('receiveWebhook under fuzzing', () => {
  it(`never throws, never answers 5xx to a client error and enqueues only validly signed requests (${NUM_RUNS} requests)`, async () => {
    // Arrange: one receiver for the whole run, like one warm Lambda container.
    const { receive, sqs, sns } = aReceiver();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, async (spec) => {
        const secret =
          spec.signing === 'previous'
            ? PREVIOUS_SECRET
            : spec.signing === 'wrong-secret'
              ? 'wrong'
              : undefined;
        const event = aSignedRequest({
          body: spec.body,
          method: spec.method,
          contentType: spec.contentType,
          timestamp: spec.timestamp,
          isBase64Encoded: spec.base64,
          ...(secret ? { secret } : {}),
          ...(spec.signing === 'none' ? { secret: false } : {}),
          ...(spec.signing === 'tampered' ? { sentBody: `${spec.body} ` } : {}),
          ...(spec.signing === 'garbage'
            ? { headers: { 'x-hubspot-signature-v3': spec.garbageSignature } }
            : {}),
        });
        const ts = Number(spec.timestamp);
        const validlySigned =
          spec.method === 'POST' &&
          spec.contentType !== null &&
          spec.contentType.startsWith('application/json') &&
          (spec.signing === 'current' || spec.signing === 'previous') &&
          /^\d{1,16}$/.test(spec.timestamp) &&
          Math.abs(NOW - ts) <= 300_000;
        const queuedBefore = sqs.delivered.length;
        const alertsBefore = sns.published.length;

        // Act
        const res = await receive(event);

        // Assert
        expect(CLIENT_STATUSES.has(res.statusCode)).toBe(true);
        expect(() => JSON.parse(res.body)).not.toThrow();
        if (!validlySigned) {
          expect(res.statusCode).not.toBe(200);
          expect(sqs.delivered.length).toBe(queuedBefore);
          expect(sns.published.length).toBe(alertsBefore);
        } else if (res.statusCode === 200) {
          accepted++;
        }
      }),
      { numRuns: NUM_RUNS }
    );
    // The generator must actually reach the routing stage, or the property says little.
    expect(accepted).toBeGreaterThan(NUM_RUNS / 10);
    expect(sqs.delivered.length).toBeGreaterThan(0);
    expect(sns.published.length).toBeGreaterThan(0);
  });
});
