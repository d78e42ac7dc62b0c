// applyRepairs and the drift report: repairs become validated, versioned queue messages (one per deal and
// property, sync ids batched), mirrors run once per deal, and nothing is sent for manual findings.
import type { SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseSyncMessage } from '@govwin-ace/govwin-poller';
import { parseQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import { describe, expect, it } from '@jest/globals';
import { findingId } from '../../../src/drift/find-drift';
import { applyRepairs, type RepairDeps } from '../../../src/drift/repair';
import { driftSummary, runDriftReport } from '../../../src/drift/report';
import type { DriftFinding, RepairAction } from '../../../src/drift/types';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const URLS = {
  sync: 'http://127.0.0.1:1/000000000000/govwin-sync',
  submit: 'http://127.0.0.1:1/000000000000/ace-submit',
  update: 'http://127.0.0.1:1/000000000000/ace-update',
};

const finding = (
  code: string,
  repair: RepairAction,
  extra: Partial<DriftFinding> = {}
): DriftFinding => {
  const base = { code, ...extra };
  return {
    id: findingId(base),
    kind: 'stale',
    leg: 'hubspot-ace',
    detail: code,
    repair,
    ...extra,
    code,
  };
};

const harness = (overrides: Partial<RepairDeps> = {}) => {
  const sent: { url: string; body: string }[] = [];
  const mirrored: string[] = [];
  const deps: RepairDeps = {
    sqs: {
      send: (async (command: SendMessageCommand) => {
        sent.push({ url: command.input.QueueUrl ?? '', body: command.input.MessageBody ?? '' });
        return { MessageId: `m${sent.length}` };
      }) as never,
    },
    queueUrls: URLS,
    catalog: 'Sandbox',
    portalId: '24000001',
    mirror: async (dealId) => {
      mirrored.push(dealId);
      return ['govwin_aws_cosell_status'];
    },
    now: () => NOW,
    newId: () => '00000000-0000-4000-8000-000000000001',
    ...overrides,
  };
  return { deps, sent, mirrored };
};

describe('applyRepairs', () => {
  it('sends one validated v1 update message per deal and property, and one submit message', async () => {
    // Arrange
    const h = harness();
    const findings = [
      finding(
        'ace-field-conflict',
        { kind: 'enqueue-update', dealId: '7', property: 'govwin_ace_delivery_model' },
        { field: 'a' }
      ),
      finding(
        'ace-field-conflict',
        { kind: 'enqueue-update', dealId: '7', property: 'govwin_ace_delivery_model' },
        { field: 'b' }
      ),
      finding('submission-missing', { kind: 'enqueue-submit', dealId: '8', stageId: 's-submit' }),
    ];
    // Act
    const results = await applyRepairs(findings, h.deps);
    // Assert
    expect(results.map((r) => r.status)).toEqual(['enqueued', 'enqueued', 'enqueued']);
    expect(h.sent.map((s) => s.url)).toEqual([URLS.update, URLS.submit]);
    expect(parseQueueMessage(h.sent[0]?.body ?? '')).toEqual({
      v: 1,
      kind: 'update',
      dealId: '7',
      portalId: '24000001',
      eventId: `${NOW}0001`,
      occurredAt: NOW,
      propertyName: 'govwin_ace_delivery_model',
      changeSource: 'OPERATOR_CLI',
      sourceId: 'govwin-ace drift --repair',
      catalog: 'Sandbox',
      receivedAt: '2026-11-23T12:00:00.000Z',
      correlationId: 'cli-drift-00000000-0000-4000-8000-000000000001',
    });
    expect(parseQueueMessage(h.sent[1]?.body ?? '')).toMatchObject({
      kind: 'submit',
      dealId: '8',
      propertyName: 'dealstage',
      propertyValue: 's-submit',
    });
  });

  it('batches GovWin re-syncs into sync messages of at most 100 opportunities', async () => {
    const h = harness();
    const findings = Array.from({ length: 150 }, (_, i) =>
      finding(
        'govwin-stale',
        { kind: 'enqueue-sync', govwinId: `OPP${i + 1}`, updateDate: '2026-11-01T00:00:00.000Z' },
        { govwinId: `OPP${i + 1}` }
      )
    );
    const results = await applyRepairs(findings, h.deps);
    expect(results.filter((r) => r.status === 'enqueued')).toHaveLength(150);
    expect(h.sent.map((s) => parseSyncMessage(s.body).opportunities.length)).toEqual([100, 50]);
    expect(h.sent.every((s) => s.url === URLS.sync)).toBe(true);
  });

  it('mirrors each deal once however many of its properties drifted', async () => {
    const h = harness();
    const mirror = { kind: 'mirror' as const, dealId: '7', aceId: 'O42' };
    const results = await applyRepairs(
      [
        finding('mirror-stale', mirror, { field: 'x' }),
        finding('mirror-stale', mirror, { field: 'y' }),
      ],
      h.deps
    );
    expect(h.mirrored).toEqual(['7']);
    expect(results.map((r) => [r.status, r.detail])).toEqual([
      ['mirrored', 'wrote govwin_aws_cosell_status on deal 7'],
      ['mirrored', 'wrote govwin_aws_cosell_status on deal 7'],
    ]);
  });

  it('sends nothing for a manual finding and reports its advice', async () => {
    const h = harness();
    const results = await applyRepairs(
      [finding('cosell-id-conflict', { kind: 'none', advice: 'fix it by hand' })],
      h.deps
    );
    expect(results.map((r) => [r.status, r.detail])).toEqual([
      ['not-repairable', 'fix it by hand'],
    ]);
    expect(h.sent).toEqual([]);
  });

  it('reports a failed send or a missing account id per finding and carries on', async () => {
    const h = harness({ portalId: undefined });
    const results = await applyRepairs(
      [
        finding('ace-field-conflict', {
          kind: 'enqueue-update',
          dealId: '7',
          property: 'govwin_ace_use_case',
        }),
        finding('govwin-stale', {
          kind: 'enqueue-sync',
          govwinId: 'OPP1',
          updateDate: '2026-11-01T00:00:00.000Z',
        }),
      ],
      h.deps
    );
    expect(results.map((r) => [r.status, r.detail])).toEqual([
      ['failed', 'HUBSPOT_PORTAL_ID is not set (the queue message needs the HubSpot account id)'],
      ['enqueued', 'govwin-sync message m1 (OPP1)'],
    ]);
  });
});

describe('runDriftReport', () => {
  const settings = {} as never;
  const empty = {
    govwin: undefined,
    watermarks: new Map(),
    deals: new Map(),
    dealByGovwin: new Map(),
    aceDealIds: [],
    submissions: new Map(),
    ace: new Map(),
  };

  it('publishes nothing when nothing drifted', async () => {
    const published: unknown[] = [];
    const out = await runDriftReport({
      collect: async () => ({ snapshot: empty, unreadable: [] }),
      settings,
      alerts: { publish: async (a) => void published.push(a) },
    });
    expect(out.published).toBe(false);
    expect(published).toEqual([]);
  });

  it('publishes one summary of ids and codes when something could not be compared', async () => {
    const published: { kind: string; subject: string; message: string }[] = [];
    const out = await runDriftReport({
      collect: async () => ({
        snapshot: empty,
        unreadable: ['ACE O42: Partner Central is unreachable (ECONNREFUSED)'],
      }),
      settings,
      alerts: { publish: async (a) => void published.push(a) },
    });
    expect(out.published).toBe(true);
    expect(published[0]?.kind).toBe('drift-report');
    expect(published[0]?.subject).toBe('Drift report: 0 finding(s)');
  });

  it('summarises counts per code and lists findings by id and ids only', () => {
    const f = finding(
      'mirror-stale',
      { kind: 'mirror', dealId: '7', aceId: 'O42' },
      { dealId: '7', aceId: 'O42', field: 'govwin_aws_cosell_status', detail: 'secret-free detail' }
    );
    const s = driftSummary([f, f], []);
    expect(s.subject).toBe('Drift report: 2 finding(s)');
    expect(s.message.split('\n').slice(0, 2)).toEqual([
      '2 finding(s); 0 source(s) or record(s) unreadable.',
      'mirror-stale: 2',
    ]);
    expect(s.message).toContain(`${f.id} mirror-stale deal 7 O42 govwin_aws_cosell_status`);
    expect(s.message).not.toContain('secret-free detail');
  });
});
