// decodeMessage and reasonFor: what `dlq list` says about each dead-lettered body.
import type { AuditRow } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { decodeMessage, lastFailure, reasonFor } from '../../../src/commands/dlq-decode';

const v1 = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    v: 1,
    kind: 'update',
    dealId: '42',
    portalId: '1',
    eventId: '9',
    occurredAt: 1_790_000_000_000,
    propertyName: 'govwin_ace_use_case',
    propertyValue: 'Personal text never shown',
    catalog: 'Sandbox',
    receivedAt: '2026-11-20T10:00:00.000Z',
    correlationId: 'c-1',
    ...overrides,
  });

const row = (
  at: string,
  outcome: AuditRow['outcome'],
  operation = 'partnercentral:UpdateOpportunity'
): AuditRow => ({
  dealId: '42',
  seq: 1,
  at,
  actor: 'system:ace-submitter',
  operation,
  ids: {},
  fieldNames: [],
  outcome,
  prevHash: '0',
  hash: '1',
});

describe('decodeMessage', () => {
  it('decodes an acceptReferral message as submit-queue work', () => {
    const body = JSON.stringify({
      v: 1,
      kind: 'acceptReferral',
      dealId: '42',
      invitationId: 'engi-0123456789abc',
      catalog: 'Sandbox',
      requestedBy: 'hubspot-user:9001',
      requestedAt: '2026-11-20T10:00:00.000Z',
      correlationId: 'c-2',
    });
    expect(decodeMessage('submit', body, 'Sandbox')).toEqual({
      valid: true,
      kind: 'submit',
      dealId: '42',
      catalog: 'Sandbox',
      correlationId: 'c-2',
      messageKind: 'acceptReferral',
    });
    expect(decodeMessage('update', body, 'Sandbox')).toMatchObject({
      valid: false,
      problem: 'a acceptReferral message on the update queue',
    });
  });

  it('decodes a replayParked message as update-queue work', () => {
    const body = JSON.stringify({
      v: 1,
      kind: 'replayParked',
      dealId: '42',
      aceOpportunityId: 'O123',
      catalog: 'Sandbox',
      requestedAt: '2026-11-20T10:00:00.000Z',
      correlationId: 'evt-1',
    });
    expect(decodeMessage('update', body, 'Sandbox')).toEqual({
      valid: true,
      kind: 'update',
      dealId: '42',
      catalog: 'Sandbox',
      correlationId: 'evt-1',
      messageKind: 'replayParked',
    });
  });

  it('decodes a valid deal message without its property value', () => {
    const d = decodeMessage('update', v1(), 'Sandbox');
    expect(d).toEqual({
      valid: true,
      kind: 'update',
      dealId: '42',
      propertyName: 'govwin_ace_use_case',
      catalog: 'Sandbox',
      receivedAt: '2026-11-20T10:00:00.000Z',
      correlationId: 'c-1',
    });
    expect(JSON.stringify(d)).not.toContain('Personal text');
  });

  it.each([
    {
      name: 'not JSON',
      queue: 'update' as const,
      body: '{oops',
      problem: 'queue message is not JSON',
    },
    {
      name: 'a message of the other queue',
      queue: 'submit' as const,
      body: v1(),
      problem: 'a update message on the submit queue',
    },
    {
      name: 'another catalog',
      queue: 'update' as const,
      body: v1({ catalog: 'AWS' }),
      problem: 'built for catalog AWS, this deployment is Sandbox',
    },
    {
      name: 'an unknown version',
      queue: 'update' as const,
      body: v1({ v: 2 }),
      problem: 'queue message version 2 is not supported (expected 1)',
    },
    {
      name: 'a sync body that is not a sync message',
      queue: 'sync' as const,
      body: '{"version":1,"opportunities":[]}',
      problem: expect.stringMatching(/^sync message invalid at opportunities/),
    },
  ])("marks $name invalid with the consumer's own reason", ({ queue, body, problem }) => {
    expect(decodeMessage(queue, body, 'Sandbox')).toMatchObject({ valid: false, problem });
  });

  it('lists the GovWin ids of a sync message', () => {
    const body = JSON.stringify({
      version: 1,
      opportunities: [{ id: 'OPP1', updateDate: '2026-11-01T00:00:00Z' }],
    });
    expect(decodeMessage('sync', body, 'Sandbox')).toEqual({
      valid: true,
      kind: 'sync',
      govwinIds: ['OPP1'],
    });
  });
});

describe('reasonFor', () => {
  const decoded = decodeMessage('update', v1(), 'Sandbox');

  it('names the last audited failure after the message was received', () => {
    const rows = [
      row('2026-11-19T00:00:00.000Z', 'failure', 'partnercentral:GetOpportunity'),
      row('2026-11-20T10:00:05.000Z', 'refused'),
      row('2026-11-20T10:00:06.000Z', 'success'),
    ];
    expect(lastFailure(rows, '2026-11-20T10:00:00.000Z')?.operation).toBe(
      'partnercentral:UpdateOpportunity'
    );
    expect(reasonFor(decoded, { rows }, 5)).toBe(
      'failed 5 deliveries; last audited refused: partnercentral:UpdateOpportunity at 2026-11-20T10:00:05.000Z'
    );
  });

  it('says no external write happened when the audit log has no failure', () => {
    expect(reasonFor(decoded, { rows: [] }, undefined)).toBe(
      'failed every delivery; no external write was attempted (mapping, validation, ownership or an unreachable service stopped it first)'
    );
  });

  it('passes on the decode problem of an invalid body', () => {
    expect(reasonFor(decodeMessage('update', '[]', 'Sandbox'), undefined, 5)).toMatch(
      /^rejected by the consumer: queue message/
    );
  });
});
