import type { GovWinClient, GovWinList, WatermarkRepo } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { govwinDay } from '../../src/discover';
import { makeOrchestrate } from '../../src/orchestrate';
import { makeCountingMetrics, silentLog } from '../../src/ports';
import { parseSyncMessage } from '../../src/sync-message';

const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);
const list = (items: Record<string, unknown>[]): GovWinList => ({
  items,
  totalCount: items.length,
  truncated: false,
  calls: 1,
});

const fakeGovWin = (items: Record<string, unknown>[], seen: string[] = []): GovWinClient => ({
  listMarked: async (o) => {
    seen.push(`marked:${o.markedVersion}:${o.oppType ?? 'ALL'}`);
    return list(items);
  },
  listBookmarked: async () => {
    seen.push('bookmarked');
    return list(items);
  },
  listSavedSearch: async (id) => {
    seen.push(`saved:${id}`);
    return list(items);
  },
  search: async (p) => {
    seen.push(`search:${p.oppSelectionDateFrom}`);
    return list(items);
  },
  getOpportunities: async () => new Map(),
  getContacts: async () => [],
});

const fakeWatermarks = (stored: Record<string, string>, cursor?: string) => {
  const cursors: string[] = [];
  const repo = {
    filterChanged: async <T extends { id: string; updateDate: string }>(refs: readonly T[]) =>
      refs.filter(
        (r) =>
          stored[r.id] === undefined ||
          Date.parse(r.updateDate) > Date.parse(stored[r.id] as string)
      ),
    getCursor: async () => cursor,
    setCursor: async (c: string) => void cursors.push(c),
  } as unknown as WatermarkRepo;
  return { repo, cursors };
};

const auth = () => {
  const calls: string[] = [];
  return {
    calls,
    auth: {
      beginRun: () => void calls.push('begin'),
      getAccessToken: async () => {
        calls.push('token');
        return 't';
      },
    },
  };
};

describe('makeOrchestrate', () => {
  it('gets a token, lists marked opportunities, drops unchanged and invalid ones, and fans out the rest', async () => {
    // Arrange
    const items = [
      { id: 'OPP1', updateDate: '2025-06-01T10:00:00-04:00' },
      { id: 'OPP2', updateDate: '2025-05-01T10:00:00-04:00' },
      { id: 'OPP3', updateDate: 'garbage' },
      { id: 'not-an-id', updateDate: '2025-06-01T10:00:00Z' },
      { id: 'OPP1', updateDate: '2025-06-01T10:00:00-04:00' },
    ];
    const { repo } = fakeWatermarks({ OPP2: '2025-05-01T14:00:00.000Z' });
    const sent: string[] = [];
    const a = auth();
    const orchestrate = makeOrchestrate({
      auth: a.auth,
      govwin: fakeGovWin(items),
      watermarks: repo,
      enqueue: async (bodies) => {
        sent.push(...bodies);
        return { failed: 0 };
      },
      mode: { kind: 'marked', markedVersion: '2.2' },
      batchSize: 100,
      log: silentLog,
      metrics: makeCountingMetrics(),
      now: () => NOW,
    });
    // Act
    const result = await orchestrate();
    // Assert
    expect(a.calls).toEqual(['begin', 'token']);
    expect(result).toEqual({
      mode: 'marked',
      discovered: 2,
      invalid: 2,
      changed: 1,
      messages: 1,
      failedMessages: 0,
      truncated: false,
      govwinListCalls: 1,
    });
    expect(sent.map((b) => parseSyncMessage(b).opportunities)).toEqual([
      [{ id: 'OPP1', updateDate: '2025-06-01T14:00:00.000Z' }],
    ]);
  });

  it('throws after enqueueing when some messages could not be sent (they are rediscovered next run)', async () => {
    const orchestrate = makeOrchestrate({
      auth: auth().auth,
      govwin: fakeGovWin([{ id: 'OPP1', updateDate: '2025-06-01' }]),
      watermarks: fakeWatermarks({}).repo,
      enqueue: async () => ({ failed: 1 }),
      mode: { kind: 'bookmarked' },
      batchSize: 10,
      log: silentLog,
      metrics: makeCountingMetrics(),
    });
    await expect(orchestrate()).rejects.toMatchObject({ code: 'ENQUEUE_FAILED', retryable: true });
  });

  it('searches from the stored cursor minus a day and moves the cursor to the run start', async () => {
    // Arrange
    const seen: string[] = [];
    const { repo, cursors } = fakeWatermarks({}, '2025-05-20T00:00:00.000Z');
    const orchestrate = makeOrchestrate({
      auth: auth().auth,
      govwin: fakeGovWin([], seen),
      watermarks: repo,
      enqueue: async () => ({ failed: 0 }),
      mode: { kind: 'search', lookbackDays: 365 },
      batchSize: 100,
      log: silentLog,
      metrics: makeCountingMetrics(),
      now: () => NOW,
    });
    // Act
    await orchestrate();
    // Assert
    expect(seen).toEqual([`search:${govwinDay(Date.UTC(2025, 4, 19))}`]);
    expect(govwinDay(Date.UTC(2025, 4, 19))).toBe('05/19/2025');
    expect(cursors).toEqual(['2025-06-02T12:00:00.000Z']);
  });

  it('rejects a batch size outside 1..100 before calling GovWin', async () => {
    const seen: string[] = [];
    const orchestrate = makeOrchestrate({
      auth: auth().auth,
      govwin: fakeGovWin([], seen),
      watermarks: fakeWatermarks({}).repo,
      enqueue: async () => ({ failed: 0 }),
      mode: { kind: 'bookmarked' },
      batchSize: 101,
      log: silentLog,
      metrics: makeCountingMetrics(),
    });
    await expect(orchestrate()).rejects.toThrow('batch size must be 1..100');
    expect(seen).toEqual([]);
  });
});
