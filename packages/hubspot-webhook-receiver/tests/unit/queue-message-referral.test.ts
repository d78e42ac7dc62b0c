import { ValidationError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { parseQueueMessage, serialiseQueueMessage, toQueueMessage } from '../../src/queue-message';
import {
  AcceptReferralMessageV1Schema,
  parseAnyQueueMessage,
  serialiseAcceptReferralMessage,
} from '../../src/queue-message-referral';
import { validateWebhookEvent } from '../../src/webhook-event';
import { aDealEvent, NOW } from '../helpers/webhook-request';

const input = {
  dealId: '18923456701',
  invitationId: 'engi-0123456789abc',
  catalog: 'Sandbox' as const,
  requestedBy: 'hubspot-user:7001',
  requestedAt: '2026-11-23T12:00:30.000Z',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
};

const webhookMessage = () => {
  const v = validateWebhookEvent(aDealEvent({ eventId: 77 }));
  if (!v.ok) throw new Error('fixture invalid');
  return toQueueMessage(v.event, 'submit', {
    catalog: 'Sandbox',
    receivedAt: new Date(NOW).toISOString(),
    correlationId: 'corr-1',
  });
};

describe('acceptReferral queue message (v1)', () => {
  it('serialises the documented shape, fields in schema order, and parses back', () => {
    // Act
    const body = serialiseAcceptReferralMessage(input);

    // Assert
    expect(JSON.parse(body)).toEqual({ v: 1, kind: 'acceptReferral', ...input });
    expect(Object.keys(JSON.parse(body))).toEqual(Object.keys(AcceptReferralMessageV1Schema.shape));
    expect(parseAnyQueueMessage(body)).toEqual({ v: 1, kind: 'acceptReferral', ...input });
  });

  it.each([
    {
      name: 'a malformed invitation id',
      over: { invitationId: 'engi-../../x' },
      path: 'invitationId',
    },
    { name: 'a non-numeric deal id', over: { dealId: 'DEAL#1' }, path: 'dealId' },
    { name: 'an unknown catalog', over: { catalog: 'Prod' }, path: 'catalog' },
    { name: 'a name as the actor', over: { requestedBy: 'Jane Doe' }, path: 'requestedBy' },
    { name: 'a date that is not ISO', over: { requestedAt: 'yesterday' }, path: 'requestedAt' },
  ])('refuses to build a message with $name, naming the field only', ({ over, path }) => {
    // Act
    const build = () => serialiseAcceptReferralMessage({ ...input, ...over } as typeof input);

    // Assert
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(new RegExp(`queue message is invalid: ${path}:`));
    expect(build).not.toThrow(/Jane|Prod|yesterday|DEAL#1|\.\.\//);
  });

  it('keeps the webhook kinds valid through the same parser (v1 messages are unchanged)', () => {
    // Arrange
    const message = webhookMessage();

    // Act & Assert
    expect(parseAnyQueueMessage(serialiseQueueMessage(message))).toEqual(
      parseQueueMessage(serialiseQueueMessage(message))
    );
  });

  it('is refused by parseQueueMessage, which accepts only the webhook kinds', () => {
    expect(() => parseQueueMessage(serialiseAcceptReferralMessage(input))).toThrow(
      /queue message is invalid: kind:/
    );
  });

  it.each([
    { name: 'another version', body: JSON.stringify({ ...input, v: 2, kind: 'acceptReferral' }) },
    { name: 'no version', body: JSON.stringify({ ...input, kind: 'acceptReferral' }) },
  ])('refuses $name with QUEUE_MESSAGE_UNSUPPORTED_VERSION', ({ body }) => {
    expect(() => parseAnyQueueMessage(body)).toThrow(
      expect.objectContaining({ code: 'QUEUE_MESSAGE_UNSUPPORTED_VERSION' })
    );
  });

  it('refuses an acceptReferral body that misses the invitation, and a body that is not JSON', () => {
    const { invitationId: _dropped, ...rest } = { v: 1, kind: 'acceptReferral', ...input };
    expect(() => parseAnyQueueMessage(JSON.stringify(rest))).toThrow(
      /queue message is invalid: invitationId:invalid_type/
    );
    expect(() => parseAnyQueueMessage('{not json')).toThrow('queue message is not JSON');
  });
});
