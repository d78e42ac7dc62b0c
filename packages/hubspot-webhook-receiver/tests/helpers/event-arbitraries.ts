// fast-check arbitraries for webhook events: well-formed ones, near misses, and whole deliveries. Shared by the
// tests that compare the fast paths (event validation, message writing) with their reference implementations.
import fc from 'fast-check';
import { SUBSCRIBED_PROPERTIES } from '../../src/routing-table';

/** Every field of a HubSpot property-change event. */
export const EVENT_FIELDS = [
  'eventId',
  'subscriptionId',
  'portalId',
  'appId',
  'occurredAt',
  'subscriptionType',
  'attemptNumber',
  'objectId',
  'objectTypeId',
  'propertyName',
  'propertyValue',
  'changeSource',
  'sourceId',
  'isSensitive',
] as const;

/** The fields a generated well-formed event always has (the others come and go). */
export const REQUIRED_EVENT_FIELDS = [
  'eventId',
  'portalId',
  'occurredAt',
  'subscriptionType',
  'objectId',
  'propertyName',
  'propertyValue',
] as const;

/** Ids as HubSpot sends them: numbers over the whole safe range (small and large), decimal strings. */
export const idArb = fc.oneof(
  fc.integer({ min: 1, max: 2 ** 31 }),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map(String)
);

/** Strings a field may carry: plain, with JSON escapes, non-ASCII, lone surrogates, too long. */
export const textArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 12, unit: 'binary' }),
  fc.constantFrom(
    'a"b',
    'a\\b',
    'line\nbreak',
    '\ud800',
    'Café',
    'x'.repeat(257),
    'v'.repeat(65_537)
  )
);

/** Text that JSON writes without any escape: printable ASCII but `"` and `\`, accents, emoji (surrogate pairs). */
export const escapeFreeTextArb = fc.string({
  maxLength: 24,
  unit: fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(..."abc XYZ 019:_-.,!#$%&'()*+/;<=>?@[]^`{|}~".split('')),
    },
    { weight: 1, arbitrary: fc.constantFrom('é', 'ß', '€', '中', '\u007f', '\u00a0', '😀', '𝄞') }
  ),
});

/** A well-formed event over the given property values (optional fields present or not). */
export const wellFormedEventArb = (value: fc.Arbitrary<string> = textArb) =>
  fc.record(
    {
      eventId: fc.oneof(idArb, fc.constantFrom(0, '0', '007')),
      subscriptionId: fc.oneof(idArb, fc.constant(0)),
      portalId: idArb,
      appId: idArb,
      occurredAt: fc.oneof(fc.integer({ min: 0, max: 2 ** 42 }), fc.constant(8.64e15)),
      subscriptionType: fc.constantFrom('object.propertyChange', 'deal.propertyChange'),
      attemptNumber: fc.nat({ max: 9 }),
      objectId: idArb,
      objectTypeId: fc.constantFrom('0-3', '0-1', '2-1234567'),
      propertyName: fc.oneof(
        fc.constantFrom(...SUBSCRIBED_PROPERTIES),
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,5}$/)
      ),
      propertyValue: value,
      changeSource: fc.constantFrom('CRM_UI', 'INTEGRATION', 'integrations_platform', 'API'),
      sourceId: fc.oneof(value, fc.constantFrom('userId:88120345', '3061842'), fc.maxSafeNat()),
      isSensitive: fc.boolean(),
    },
    { requiredKeys: [...REQUIRED_EVENT_FIELDS] }
  );

/** Near misses and wrong types for any field; `undefined` removes the field. */
export const junkArb = fc.oneof(
  textArb,
  idArb,
  fc.constantFrom(undefined, null, true, [], {}, 0, -1, 1.5, 2 ** 53, 8.64e15 + 2),
  fc.constantFrom('0', '007', '12a', ' 12', '', '1'.repeat(21), '0-3 ', '1234-1', 'CRM UI'),
  fc.constantFrom('deal.creation', 'amount;drop', '_amount')
);

/** About a third of the events well-formed, the rest with one or two fields broken or removed. */
export const eventArb = (
  wellFormed: fc.Arbitrary<Record<string, unknown>> = wellFormedEventArb()
) =>
  fc
    .tuple(
      wellFormed,
      fc.array(fc.tuple(fc.constantFrom(...EVENT_FIELDS), junkArb), { minLength: 1, maxLength: 2 }),
      fc.nat({ max: 2 })
    )
    .map(([e, patches, intact]) => {
      if (intact === 0) return e;
      const out: Record<string, unknown> = { ...e };
      for (const [k, v] of patches) {
        if (v === undefined) delete out[k];
        else out[k] = v;
      }
      return out;
    });
