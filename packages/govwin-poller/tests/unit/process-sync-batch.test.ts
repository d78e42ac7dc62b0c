import { describe, expect, it } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { makeCountingMetrics, silentLog } from '../../src/ports';
import { makeProcessSyncBatch } from '../../src/process-sync-batch';
import { encodeSyncMessage, type OpportunityRef } from '../../src/sync-message';
import type { OpportunityOutcome, SyncReport } from '../../src/sync-opportunities';

const event = (...bodies: string[]): SQSEvent =>
  ({
    Records: bodies.map((body, i) => ({
      messageId: `m${i + 1}`,
      body,
      attributes: { ApproximateReceiveCount: '1' },
    })),
  }) as unknown as SQSEvent;

const ref = (n: number): OpportunityRef => ({ id: `OPP${n}`, updateDate: '2025-06-01T00:00:00Z' });

const reporting =
  (outcomes: Record<string, OpportunityOutcome>, seen: OpportunityRef[][] = []) =>
  async (refs: readonly OpportunityRef[]): Promise<SyncReport> => {
    seen.push([...refs]);
    return { outcomes: new Map(Object.entries(outcomes)), rejections: [], unmappedNaics: {} };
  };

describe('makeProcessSyncBatch', () => {
  it('syncs the opportunities of all valid messages in one run', async () => {
    // Arrange
    const seen: OpportunityRef[][] = [];
    const process = makeProcessSyncBatch({
      sync: reporting(
        {
          OPP1: { status: 'synced', dealId: '1', created: true, notes: [] },
          OPP2: { status: 'skipped', reason: 'unchanged' },
        },
        seen
      ),
      log: silentLog,
      metrics: makeCountingMetrics(),
    });
    // Act
    const out = await process(event(encodeSyncMessage([ref(1)]), encodeSyncMessage([ref(2)])));
    // Assert
    expect(out).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([[ref(1), ref(2)]]);
  });

  it('fails exactly the messages that still have failed or unprocessed opportunities', async () => {
    // Arrange
    const process = makeProcessSyncBatch({
      sync: reporting({
        OPP1: { status: 'synced', dealId: '1', created: true, notes: [] },
        OPP2: { status: 'failed', retryable: true, reason: 'GovWin: budget' },
        OPP4: {
          status: 'rejected',
          reason: 'updateDate is missing or unparseable, so changes cannot be tracked',
        },
        OPP5: { status: 'not_found' },
      }),
      log: silentLog,
      metrics: makeCountingMetrics(),
    });
    // Act
    const out = await process(
      event(
        encodeSyncMessage([ref(1)]),
        encodeSyncMessage([ref(1), ref(2)]),
        encodeSyncMessage([ref(3)]),
        encodeSyncMessage([ref(4), ref(5)])
      )
    );
    // Assert: m2 has a failure, m3 got no outcome at all; rejected and not-found are final.
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }]);
  });

  it('fails every valid message when the run itself throws, and every poison message regardless', async () => {
    // Arrange
    const metrics = makeCountingMetrics();
    const process = makeProcessSyncBatch({
      sync: async () => {
        throw new Error('DynamoDB unavailable');
      },
      log: silentLog,
      metrics,
    });
    // Act
    const out = await process(event('poison', encodeSyncMessage([ref(1)])));
    // Assert
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m1', 'm2']);
    expect(metrics.snapshot()).toEqual({ DlqMessages: 1 });
  });

  it('answers an empty batch with no failures and does not run a sync', async () => {
    const seen: OpportunityRef[][] = [];
    const process = makeProcessSyncBatch({
      sync: reporting({}, seen),
      log: silentLog,
      metrics: makeCountingMetrics(),
    });
    expect(await process({ Records: [] })).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([]);
  });
});
