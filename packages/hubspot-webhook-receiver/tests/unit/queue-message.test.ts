import { ValidationError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  MAX_QUEUE_MESSAGE_BYTES,
  parseQueueMessage,
  type QueueMessageV1,
  QueueMessageV1Schema,
  serialiseQueueMessage,
  toQueueMessage,
} from '../../src/queue-message';
import { validateWebhookEvent } from '../../src/webhook-event';
import { aDealEvent, NOW } from '../helpers/webhook-request';

const ctx = {
  catalog: 'Sandbox' as const,
  receivedAt: new Date(NOW).toISOString(),
  correlationId: 'corr-1',
};

const eventOf = (overrides: Record<string, unknown> = {}) => {
  const v = validateWebhookEvent(aDealEvent({ eventId: 77, ...overrides }));
  if (!v.ok) throw new Error('fixture invalid');
  return v.event;
};

describe('queue message v1', () => {
  describe('toQueueMessage + serialiseQueueMessage', () => {
    it('builds the documented shape from a webhook event', () => {
      // Act
      const body = serialiseQueueMessage(
        toQueueMessage(eventOf({ changeSource: 'crm_ui' }), 'update', ctx)
      );
      // Assert
      expect(JSON.parse(body)).toEqual({
        v: 1,
        kind: 'update',
        dealId: '18923456701',
        portalId: '24156720',
        eventId: '77',
        subscriptionId: '2462575',
        occurredAt: NOW - 2_000,
        attemptNumber: 0,
        propertyName: 'amount',
        propertyValue: '250000',
        changeSource: 'CRM_UI',
        sourceId: 'userId:88120345',
        catalog: 'Sandbox',
        receivedAt: '2026-11-23T12:00:00.000Z',
        correlationId: 'corr-1',
      });
    });

    it('leaves out a value that would not fit in one SQS message and says so', () => {
      // Arrange: 65,536 control characters, each escaped to 6 bytes in JSON (~384 KiB).
      const huge = '\u0001'.repeat(65_536);
      // Act
      const body = serialiseQueueMessage(
        toQueueMessage(eventOf({ propertyValue: huge }), 'update', ctx)
      );
      // Assert
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_QUEUE_MESSAGE_BYTES);
      const parsed = parseQueueMessage(body);
      expect(parsed.propertyValue === undefined).toBe(true);
      expect(parsed.propertyValueOmitted).toBe(true);
    });

    it('keeps a large value that still fits', () => {
      const value = 'a'.repeat(65_536);
      const parsed = parseQueueMessage(
        serialiseQueueMessage(toQueueMessage(eventOf({ propertyValue: value }), 'update', ctx))
      );
      expect(parsed.propertyValue === value).toBe(true);
    });
  });

  describe('parseQueueMessage', () => {
    const good = (): QueueMessageV1 => toQueueMessage(eventOf(), 'submit', ctx);

    it('round-trips a serialised message', () => {
      const msg = good();
      expect(parseQueueMessage(serialiseQueueMessage(msg))).toEqual(
        JSON.parse(JSON.stringify(msg))
      );
    });

    it('tolerates additive fields of a later v1', () => {
      const parsed = parseQueueMessage(JSON.stringify({ ...good(), futureField: 1 }));
      expect(parsed.dealId).toBe('18923456701');
    });

    it.each([
      { name: 'not JSON', body: '{', code: 'QUEUE_MESSAGE_INVALID' },
      {
        name: 'a raw HubSpot event (v0)',
        body: JSON.stringify(aDealEvent()),
        code: 'QUEUE_MESSAGE_UNSUPPORTED_VERSION',
      },
      {
        name: 'version 2',
        body: JSON.stringify({ v: 2 }),
        code: 'QUEUE_MESSAGE_UNSUPPORTED_VERSION',
      },
      { name: 'JSON null', body: 'null', code: 'QUEUE_MESSAGE_UNSUPPORTED_VERSION' },
    ])('rejects $name with a non-retryable ValidationError', ({ body, code }) => {
      // Act & Assert
      expect(() => parseQueueMessage(body)).toThrow(ValidationError);
      try {
        parseQueueMessage(body);
      } catch (err) {
        expect((err as ValidationError).code).toBe(code);
        expect((err as ValidationError).retryable).toBe(false);
      }
    });

    it.each([
      { name: 'an unknown kind', patch: { kind: 'delete' } },
      { name: 'a non-numeric deal id', patch: { dealId: '../ACE#1' } },
      { name: 'a foreign catalog value', patch: { catalog: 'Prod' } },
      { name: 'a non-ISO receivedAt', patch: { receivedAt: 'yesterday' } },
      { name: 'a missing correlation id', patch: { correlationId: undefined } },
    ])('rejects $name and names the field without echoing its value', ({ patch }) => {
      const body = JSON.stringify({ ...good(), ...patch });
      expect(() => parseQueueMessage(body)).toThrow(/queue message is invalid: \w+:/);
      expect(() => parseQueueMessage(body)).not.toThrow(/ACE#1|Prod|yesterday/);
    });
  });
});

describe('serialiseQueueMessage equivalence', () => {
  it('writes every field of the schema, in schema order', () => {
    // Arrange: a message with every optional field set.
    const full = {
      ...toQueueMessage(eventOf(), 'update', ctx),
      propertyValueOmitted: true as const,
    };
    // Act
    const keys = Object.keys(JSON.parse(serialiseQueueMessage(full)));
    // Assert
    expect(keys).toEqual(Object.keys(QueueMessageV1Schema.shape));
  });

  it('produces the same JSON value as JSON.stringify for any valid message (5,000 cases)', () => {
    const str = fc.string({ maxLength: 40, unit: 'binary' });
    const message = fc.record(
      {
        v: fc.constant(1 as const),
        kind: fc.constantFrom('submit' as const, 'update' as const),
        dealId: fc.constant('42'),
        portalId: fc.constant('7'),
        eventId: fc.constant('0'),
        subscriptionId: fc.constant('9'),
        occurredAt: fc.nat(),
        attemptNumber: fc.nat(),
        propertyName: fc.constant('amount'),
        propertyValue: str,
        changeSource: str,
        sourceId: str,
        catalog: fc.constantFrom('Sandbox' as const, 'AWS' as const),
        receivedAt: fc.constant('2026-11-23T12:00:00.000Z'),
        correlationId: str,
      },
      {
        requiredKeys: [
          'v',
          'kind',
          'dealId',
          'portalId',
          'eventId',
          'occurredAt',
          'propertyName',
          'catalog',
          'receivedAt',
          'correlationId',
        ],
      }
    );
    fc.assert(
      fc.property(message, (m) => {
        const body = serialiseQueueMessage(m as QueueMessageV1);
        expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(m)));
      }),
      { numRuns: 5_000 }
    );
  });
});
