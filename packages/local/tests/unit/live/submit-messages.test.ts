import { parseQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import { describe, expect, it } from '@jest/globals';
import { buildSubmitMessage, LIVE_CHANGE_SOURCE } from '../../../src/live/submit-messages';

const CTX = {
  portalId: '24156720',
  triggerStageId: '1172538401',
  catalog: 'Sandbox' as const,
  at: 1_795_435_200_000,
  correlationId: 'live-c0ffee00-0000-4000-8000-000000000001',
};

describe('buildSubmitMessage', () => {
  it('builds the receiver’s v1 submit message for a dealstage change into the trigger stage', () => {
    const body = buildSubmitMessage('18923456701', 7, CTX);
    expect(parseQueueMessage(body)).toEqual({
      v: 1,
      kind: 'submit',
      dealId: '18923456701',
      portalId: '24156720',
      eventId: '17954352000000007',
      occurredAt: CTX.at,
      propertyName: 'dealstage',
      propertyValue: '1172538401',
      changeSource: LIVE_CHANGE_SOURCE,
      sourceId: 'govwin-ace local --live',
      catalog: 'Sandbox',
      receivedAt: '2026-11-23T12:00:00.000Z',
      correlationId: CTX.correlationId,
    });
  });

  it('gives each message of a run its own event id', () => {
    const ids = [0, 1, 9999].map(
      (seq) => parseQueueMessage(buildSubmitMessage('5', seq, CTX)).eventId
    );
    expect(new Set(ids).size).toBe(3);
  });

  it('refuses what the consumer would refuse', () => {
    expect(() => buildSubmitMessage('not-a-deal', 0, CTX)).toThrow();
    expect(() => buildSubmitMessage('5', 0, { ...CTX, portalId: '0' })).toThrow();
    expect(() => buildSubmitMessage('5', 10_000, CTX)).toThrow('sequence must be 0..9999');
  });
});
