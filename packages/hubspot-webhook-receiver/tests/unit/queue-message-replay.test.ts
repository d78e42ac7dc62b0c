import { ValidationError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { parseQueueMessage, serialiseQueueMessage, toQueueMessage } from '../../src/queue-message';
import {
  parseAnyQueueMessage,
  serialiseAcceptReferralMessage,
} from '../../src/queue-message-referral';
import {
  ReplayParkedMessageV1Schema,
  serialiseReplayParkedMessage,
} from '../../src/queue-message-replay';
import { validateWebhookEvent } from '../../src/webhook-event';
import { aDealEvent, NOW } from '../helpers/webhook-request';

const input = {
  dealId: '18923456701',
  aceOpportunityId: 'O1234567890',
  catalog: 'Sandbox' as const,
  requestedAt: '2026-11-23T12:00:30.000Z',
  correlationId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
};

const updateMessage = () => {
  const v = validateWebhookEvent(aDealEvent({ eventId: 78, propertyName: 'dealname' }));
  if (!v.ok) throw new Error('fixture invalid');
  return toQueueMessage(v.event, 'update', {
    catalog: 'Sandbox',
    receivedAt: new Date(NOW).toISOString(),
    correlationId: 'corr-2',
  });
};

describe('replayParked queue message (v1)', () => {
  it('serialises the documented shape, fields in schema order, and parses back', () => {
    // Act
    const body = serialiseReplayParkedMessage(input);

    // Assert
    expect(JSON.parse(body)).toEqual({ v: 1, kind: 'replayParked', ...input });
    expect(Object.keys(JSON.parse(body))).toEqual(Object.keys(ReplayParkedMessageV1Schema.shape));
    expect(parseAnyQueueMessage(body)).toEqual({ v: 1, kind: 'replayParked', ...input });
  });

  it.each([
    {
      name: 'a malformed opportunity id',
      over: { aceOpportunityId: 'O1/../x' },
      path: 'aceOpportunityId',
    },
    { name: 'a non-numeric deal id', over: { dealId: 'DEAL#1' }, path: 'dealId' },
    { name: 'an unknown catalog', over: { catalog: 'Prod' }, path: 'catalog' },
    { name: 'a date that is not ISO', over: { requestedAt: 'yesterday' }, path: 'requestedAt' },
    {
      name: 'free text as correlation id',
      over: { correlationId: 'Jane Doe' },
      path: 'correlationId',
    },
  ])('refuses to build a message with $name, naming the field only', ({ over, path }) => {
    // Act
    const build = () => serialiseReplayParkedMessage({ ...input, ...over } as typeof input);

    // Assert
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(new RegExp(`queue message is invalid: ${path}:`));
    expect(build).not.toThrow(/Jane|Prod|yesterday|DEAL#1|\.\.\//);
  });

  it('leaves the other kinds valid through the same parser (v1 update and acceptReferral unchanged)', () => {
    // Arrange
    const update = serialiseQueueMessage(updateMessage());
    const accept = serialiseAcceptReferralMessage({
      dealId: '18923456701',
      invitationId: 'engi-0123456789abc',
      catalog: 'Sandbox',
      requestedBy: 'hubspot-user:7001',
      requestedAt: '2026-11-23T12:00:30.000Z',
      correlationId: 'corr-3',
    });

    // Act & Assert
    expect(parseAnyQueueMessage(update)).toEqual(parseQueueMessage(update));
    expect(parseAnyQueueMessage(accept)).toMatchObject({ kind: 'acceptReferral' });
  });

  it('is refused by parseQueueMessage, which accepts only the webhook kinds', () => {
    expect(() => parseQueueMessage(serialiseReplayParkedMessage(input))).toThrow(
      /queue message is invalid: kind:/
    );
  });

  it.each([
    { name: 'another version', body: JSON.stringify({ ...input, v: 2, kind: 'replayParked' }) },
    {
      name: 'a missing opportunity id',
      body: JSON.stringify({ ...input, v: 1, kind: 'replayParked', aceOpportunityId: undefined }),
    },
  ])('refuses a body with $name', ({ body }) => {
    expect(() => parseAnyQueueMessage(body)).toThrow(ValidationError);
  });
});
