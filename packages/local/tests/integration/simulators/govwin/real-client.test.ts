// Conformance: the project's real GovWin client and OAuth module (shared-core) against the
// simulator over HTTP. Only the persistence edges (token cache, budget bucket, alerts) are in memory.

import {
  type CachedGovWinTokens,
  GovWinAuthError,
  GovWinBudgetError,
  GovWinLockoutGuardError,
  makeGovWinAuth,
  makeGovWinClient,
  makeHttpClient,
} from '@govwin-ace/shared-core';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  type GovWinSimulator,
  type GovWinSimulatorOptions,
  startGovWinSimulator,
} from '../../../../src/simulators/govwin/govwin-simulator';

interface WireOptions {
  password?: string;
  budgetBackoffMs?: number;
  maxBudgetWaitMs?: number;
}

const wire = (sim: GovWinSimulator, options: WireOptions = {}) => {
  let cached: CachedGovWinTokens | undefined;
  const alerts: string[] = [];
  const http = makeHttpClient({
    allowedHosts: ['127.0.0.1'],
    maxRetries: 1,
    baseDelayMs: 1,
    sleep: async () => undefined,
  });
  const auth = makeGovWinAuth({
    http,
    baseUrl: sim.baseUrl,
    loadCredentials: async () => ({
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
      username: sim.credentials.username,
      password: options.password ?? sim.credentials.password,
    }),
    tokenCache: {
      load: async () => cached,
      save: async (t) => {
        cached = t;
      },
    },
    alert: async (a) => {
      alerts.push(a.subject);
    },
    now: () => sim.clock.now(),
  });
  auth.beginRun();
  const client = makeGovWinClient({
    http,
    baseUrl: sim.baseUrl,
    auth,
    budget: { acquire: async () => undefined },
    now: () => sim.clock.now(),
    // Waiting for the organisation budget advances the simulated clock instead of real time.
    sleep: async (ms) => sim.clock.advance(ms),
    ...(options.budgetBackoffMs !== undefined ? { budgetBackoffMs: options.budgetBackoffMs } : {}),
    ...(options.maxBudgetWaitMs !== undefined ? { maxBudgetWaitMs: options.maxBudgetWaitMs } : {}),
  });
  return { client, auth, alerts };
};

describe('real GovWin client against the GovWin simulator', () => {
  let sim: GovWinSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  const start = async (options: GovWinSimulatorOptions = {}) => {
    let real = 1_750_000_000_000;
    sim = await startGovWinSimulator({
      seed: 21,
      opportunityCount: 300,
      now: () => real++,
      ...options,
    });
    return sim;
  };

  it('lists every marked opportunity across pages of 100 with one password grant', async () => {
    // Arrange
    const s = await start();
    const { client } = wire(s);
    // Act
    const marked = await client.listMarked({ markedVersion: '2.2' });
    // Assert
    const expected = s.inspect().marked['2.2'] ?? [];
    expect(expected.length).toBeGreaterThan(100);
    expect(marked.totalCount).toBe(expected.length);
    expect(marked.items.map((o) => o.id).sort()).toEqual([...expected].sort());
    expect(marked.calls).toBe(Math.ceil(expected.length / 100));
    expect(s.inspect().calls.token).toBe(1);
  });

  it('reads opportunities 10 ids per call, contacts, bookmarks, saved searches and a date search', async () => {
    // Arrange
    const s = await start();
    const { client } = wire(s);
    const all = await client.search({ oppSelectionDateFrom: '01/01/1900' });
    const ids = all.items.slice(0, 25).map((o) => String(o.id));
    // Act
    const byId = await client.getOpportunities(ids);
    const contacts = await client.getContacts(ids[0] as string);
    const bookmarked = await client.listBookmarked();
    const saved = await client.listSavedSearch('4001');
    // Assert
    expect(all.totalCount).toBe(300);
    expect([...byId.keys()].sort()).toEqual([...ids].sort());
    expect(s.inspect().calls.getOpportunities).toBe(3);
    expect(contacts.length).toBeGreaterThan(0);
    expect(bookmarked.items.length).toBeGreaterThan(0);
    expect(saved.items.length).toBeGreaterThan(0);
  });

  it('recovers from a revoked token through the refresh grant', async () => {
    // Arrange
    const s = await start();
    const { client } = wire(s);
    await client.listBookmarked();
    // Act
    s.revokeTokens();
    const again = await client.listBookmarked();
    // Assert
    expect(again.items.length).toBeGreaterThan(0);
    expect(s.inspect().calls.token).toBe(2);
    expect(s.inspect().unauthorized).toBe(1);
  });

  it('refreshes on the simulated clock once the 12-hour token is near expiry', async () => {
    // Arrange
    const s = await start();
    const { client } = wire(s);
    await client.listBookmarked();
    // Act
    s.clock.advance(12 * 3_600_000 - 60_000);
    await client.listBookmarked();
    // Assert
    expect(s.inspect().calls.token).toBe(2);
    expect(s.inspect().unauthorized).toBe(0);
  });

  it('makes exactly one password grant with a wrong password, then refuses to try again (lockout guard)', async () => {
    // Arrange
    const s = await start();
    const { client, alerts } = wire(s, { password: 'wrong' });
    // Act
    const first = await client.listBookmarked().catch((e: Error) => e);
    const second = await client.listBookmarked().catch((e: Error) => e);
    // Assert
    expect(first).toBeInstanceOf(GovWinAuthError);
    expect(second).toBeInstanceOf(GovWinLockoutGuardError);
    expect(s.inspect().calls.token).toBe(1);
    expect(s.inspect().lockouts[s.credentials.username]?.failures).toBe(1);
    expect(alerts).toHaveLength(1);
  });

  it('waits out the organisation budget (403) on the simulated clock and then succeeds', async () => {
    // Arrange
    const s = await start({ rateLimit: { maxCalls: 2, windowMs: 3_600_000 } });
    const { client } = wire(s, { budgetBackoffMs: 30 * 60_000, maxBudgetWaitMs: 2 * 3_600_000 });
    await client.listBookmarked();
    await client.listBookmarked();
    // Act
    const third = await client.listBookmarked();
    // Assert
    expect(third.items.length).toBeGreaterThan(0);
    expect(s.inspect().budget.rejected).toBe(2);
  });

  it('gives up retryably when the budget would take longer than it may wait', async () => {
    // Arrange
    const s = await start({ rateLimit: { maxCalls: 1, windowMs: 3_600_000 } });
    const { client } = wire(s, { budgetBackoffMs: 60_000, maxBudgetWaitMs: 5 * 60_000 });
    await client.listBookmarked();
    // Act
    const err = await client.listBookmarked().catch((e: Error) => e);
    // Assert
    expect(err).toBeInstanceOf(GovWinBudgetError);
    expect((err as GovWinBudgetError).retryable).toBe(true);
  });
});
