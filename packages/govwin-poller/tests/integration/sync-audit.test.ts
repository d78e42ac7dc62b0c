import { type AuditRow, verifyChain } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { makeSyncAudit } from '../../src/audit-sync-writes';
import { makeCountingMetrics, silentLog } from '../../src/ports';
import { makeProcessSyncBatch } from '../../src/process-sync-batch';
import { makePipelineResolver } from '../../src/resolve-pipeline';
import { makeSyncOpportunities } from '../../src/sync-opportunities';
import { type Harness, markedFixtures, PIPELINE_LABEL, startHarness } from './helpers/harness';

jest.setTimeout(120_000);

const EVER = ['2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'] as const;

describe('audit log of the GovWin sync, against DynamoDB Local and the HubSpot simulator', () => {
  let h: Harness;
  const fixtures = markedFixtures(12, 'audit');

  const allRows = async (): Promise<AuditRow[]> => {
    const rows: AuditRow[] = [];
    for await (const row of h.audit.scanRange(...EVER)) rows.push(row);
    return rows;
  };
  const dealsByOpp = () =>
    new Map(
      h.hubspotSim
        .listObjects('deals')
        .map((d) => [d.properties.govwin_opp_id ?? '', { id: d.id, properties: d.properties }])
    );
  /** Marks `ids` as changed in GovWin and returns the sync messages the orchestrator enqueues. */
  const analystEdits = async (ids: readonly string[]): Promise<string[]> => {
    h.clock.advance(60_000);
    for (const id of ids) h.govwinSim.analystUpdate(id, {});
    await h.orchestrate();
    return h.enqueued.splice(0);
  };

  beforeAll(async () => {
    h = await startHarness({ govwin: { fixtures }, hubspot: { shuffleBatchResults: true } });
    await h.setupHubSpot();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('appends one hubspot:CreateDeal row per created deal, by the worker, with ids and field names only', async () => {
    // Act
    await h.orchestrate();
    const responses = await h.drain();
    // Assert
    expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
    const deals = dealsByOpp();
    expect(deals.size).toBe(12);
    const rows = await allRows();
    expect(rows).toHaveLength(12);
    for (const [oppId, deal] of deals) {
      const own = rows.filter((r) => r.dealId === deal.id);
      expect(own).toHaveLength(1);
      const row = own[0] as AuditRow;
      expect(row).toMatchObject({
        seq: 1,
        actor: 'system:govwin-poller-worker',
        operation: 'hubspot:CreateDeal',
        outcome: 'success',
        ids: { hubspotDealId: deal.id, govwinOppId: oppId },
      });
      expect(row.fieldNames).toEqual(
        expect.arrayContaining(['dealname', 'govwin_opp_id', 'associations.company'])
      );
      // Names, never values: no written value of the deal (other than its ids) appears in the row.
      const stored = JSON.stringify(row);
      for (const [name, value] of Object.entries(deal.properties)) {
        if (name === 'govwin_opp_id' || name === 'hs_object_id' || !value || value.length < 6)
          continue;
        if (/^\d+$/.test(value) || /^\d{4}-\d\d-\d\dT/.test(value)) continue;
        expect(stored).not.toContain(value);
      }
    }
    expect(verifyChain(rows)).toEqual({ ok: true });
  });

  it('chains a hubspot:UpdateDeal row onto each deal the next sync changes', async () => {
    // Arrange
    const [a, b] = [...dealsByOpp().keys()] as [string, string];
    const messages = await analystEdits([a, b]);
    // Act
    for (const body of messages) await h.processBatch(h.sqsEvent([body]));
    // Assert
    const deals = dealsByOpp();
    for (const opp of [a, b]) {
      const rows = await h.audit.listByDeal(deals.get(opp)?.id ?? '');
      expect(rows.map((r) => [r.seq, r.operation])).toEqual([
        [1, 'hubspot:CreateDeal'],
        [2, 'hubspot:UpdateDeal'],
      ]);
      expect(verifyChain(rows)).toEqual({ ok: true });
    }
    expect(await allRows()).toHaveLength(14);
  });

  it('appends nothing for writes HubSpot refused, and the rows once a redelivery succeeds', async () => {
    // Arrange: every batch upsert fails (5xx past the client's retries).
    const [, , c] = [...dealsByOpp().keys()] as [string, string, string];
    const [body] = (await analystEdits([c])) as [string];
    const before = (await allRows()).length;
    h.hubspotSim.faults.configure({ operations: { batchUpsert: { errorRate: 1 } } });
    // Act
    const refused = await h.processBatch(h.sqsEvent([body]));
    const rowsAfterRefusal = (await allRows()).length;
    h.hubspotSim.faults.configure({});
    const redelivered = await h.processBatch(h.sqsEvent([body]));
    // Assert
    expect(refused.batchItemFailures).toHaveLength(1);
    expect(rowsAfterRefusal).toBe(before);
    expect(redelivered.batchItemFailures).toEqual([]);
    const rows = await h.audit.listByDeal(dealsByOpp().get(c)?.id ?? '');
    expect(rows.map((r) => r.operation)).toEqual(['hubspot:CreateDeal', 'hubspot:UpdateDeal']);
    expect(verifyChain(await allRows())).toEqual({ ok: true });
  });

  it('keeps every chain intact when SQS delivers the same message to two workers at once', async () => {
    // Arrange
    const [, , , d, e] = [...dealsByOpp().keys()] as string[];
    const [body] = (await analystEdits([d as string, e as string])) as [string];
    // Act: both copies run concurrently; each writes to HubSpot, so each write gets its row.
    const [first, second] = await Promise.all([
      h.processBatch(h.sqsEvent([body])),
      h.processBatch(h.sqsEvent([body])),
    ]);
    // Assert
    expect([first.batchItemFailures, second.batchItemFailures]).toEqual([[], []]);
    const rows = await allRows();
    expect(verifyChain(rows)).toEqual({ ok: true });
    for (const opp of [d, e]) {
      const own = await h.audit.listByDeal(dealsByOpp().get(opp as string)?.id ?? '');
      expect(own.map((r) => r.seq)).toEqual(own.map((_, i) => i + 1));
      expect(own.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('fails the opportunity (no watermark) when its audit row cannot be written, and the redelivery audits it', async () => {
    // Arrange: a worker whose audit table rejects every append.
    const [, , , , , f] = [...dealsByOpp().keys()] as string[];
    const opp = f as string;
    const [body] = (await analystEdits([opp])) as [string];
    const metrics = makeCountingMetrics();
    const failingWorker = makeProcessSyncBatch({
      sync: makeSyncOpportunities({
        govwin: h.govwin.govwin,
        hubspot: h.hubspot,
        watermarks: h.govwin.watermarks,
        entityMap: h.govwin.entityMap,
        pipeline: makePipelineResolver({ hubspot: h.hubspot, config: { label: PIPELINE_LABEL } }),
        log: silentLog,
        metrics,
        audit: makeSyncAudit({
          audit: {
            append: async () => {
              throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
            },
          },
        }),
      }),
      log: silentLog,
      metrics,
    });
    const dealId = dealsByOpp().get(opp)?.id ?? '';
    const rowsBefore = await h.audit.listByDeal(dealId);
    const watermarkBefore = (await h.govwin.watermarks.getMany([opp])).get(opp);
    // Act
    const failed = await failingWorker(h.sqsEvent([body]));
    const watermarkAfterFailure = (await h.govwin.watermarks.getMany([opp])).get(opp);
    const redelivered = await h.processBatch(h.sqsEvent([body]));
    // Assert
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(metrics.snapshot().GovWinSyncAuditFailures).toBe(1);
    expect(watermarkAfterFailure).toEqual(watermarkBefore);
    expect(redelivered.batchItemFailures).toEqual([]);
    const rows = await h.audit.listByDeal(dealId);
    expect(rows).toHaveLength(rowsBefore.length + 1);
    expect(rows.at(-1)?.operation).toBe('hubspot:UpdateDeal');
    expect(verifyChain(await allRows())).toEqual({ ok: true });
  });
});
