import { describe, expect, it } from '@jest/globals';
import { GovWinAccessError, GovWinBudgetError } from '../../../src/govwin/errors';
import type { GovWinAuth } from '../../../src/govwin/govwin-auth';
import { GOVWIN_MAX_OFFSET, makeGovWinClient } from '../../../src/govwin/govwin-client';
import { makeHttpClient } from '../../../src/http/http-client';
import { type FakeRoute, makeFakeFetch } from '../hubspot/fake-fetch';

const BASE = 'https://services.govwin.com/neo-ws';

const opp = (n: number) => ({
  id: `OPP${n}`,
  updateDate: '2025-06-01T00:00:00Z',
  title: `Opportunity ${n}`,
});

const setup = (routes: FakeRoute[], options: { maxBudgetWaitMs?: number } = {}) => {
  const fake = makeFakeFetch(routes);
  const http = makeHttpClient({
    allowedHosts: ['services.govwin.com'],
    fetch: fake.fetch,
    sleep: async () => undefined,
    maxRetries: 1,
  });
  let clock = 0;
  const sleeps: number[] = [];
  let tokens = 0;
  const invalidated: string[] = [];
  const auth: GovWinAuth = {
    beginRun: () => undefined,
    getAccessToken: async () => `tok${tokens}`,
    invalidate: (t) => {
      invalidated.push(t);
      tokens += 1;
    },
  };
  const acquired: number[] = [];
  const calls: string[] = [];
  const throttles: number[] = [];
  const client = makeGovWinClient({
    http,
    baseUrl: BASE,
    auth,
    budget: { acquire: async (n = 1) => void acquired.push(n) },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    budgetBackoffMs: 60_000,
    ...(options.maxBudgetWaitMs !== undefined ? { maxBudgetWaitMs: options.maxBudgetWaitMs } : {}),
    onCall: (op) => calls.push(op),
    onThrottle: (ms) => throttles.push(ms),
  });
  return { client, requests: fake.requests, sleeps, acquired, invalidated, calls, throttles };
};

const listRoute =
  (total: number): FakeRoute =>
  (req) => {
    if (req.path !== '/neo-ws/opportunities') return undefined;
    const offset = Number(req.query.get('offset'));
    const max = Number(req.query.get('max'));
    const items = Array.from({ length: Math.max(0, Math.min(max, total - offset)) }, (_, i) =>
      opp(offset + i + 1)
    );
    return {
      status: 200,
      body: {
        links: {},
        meta: { paging: { max, offset, totalCount: total } },
        opportunities: items,
      },
    };
  };

describe('makeGovWinClient', () => {
  describe('listMarked', () => {
    it('pages by 100 until totalCount, one budget token per call, without a Content-Type', async () => {
      // Arrange
      const { client, requests, acquired } = setup([listRoute(250)]);
      // Act
      const list = await client.listMarked({ markedVersion: '2.2' });
      // Assert
      expect(list.items).toHaveLength(250);
      expect(list).toMatchObject({ totalCount: 250, truncated: false, calls: 3 });
      expect(requests.map((r) => r.query.get('offset'))).toEqual(['0', '100', '200']);
      expect(
        requests.every(
          (r) => r.query.get('max') === '100' && r.query.get('markedVersion') === '2.2'
        )
      ).toBe(true);
      expect(requests.every((r) => r.headers.get('content-type') === null)).toBe(true);
      expect(requests[0]?.headers.get('authorization')).toBe('Bearer tok0');
      expect(acquired).toEqual([1, 1, 1]);
    });

    it('stops at an empty page even when totalCount claims more', async () => {
      // Arrange
      const { client, requests } = setup([
        (req) =>
          req.path === '/neo-ws/opportunities'
            ? {
                status: 200,
                body: {
                  meta: { paging: { totalCount: 500 } },
                  opportunities: req.query.get('offset') === '0' ? [opp(1)] : [],
                },
              }
            : undefined,
      ]);
      // Act
      const list = await client.listMarked({ markedVersion: '2.2' });
      // Assert
      expect(list.items).toHaveLength(1);
      expect(requests).toHaveLength(2);
    });

    it('never asks past the 10,000-offset ceiling and says the list was truncated', async () => {
      // Arrange
      const { client, requests } = setup([listRoute(12_345)]);
      // Act
      const list = await client.listMarked({ markedVersion: '2.2' });
      // Assert
      expect(list.truncated).toBe(true);
      expect(list.items).toHaveLength(GOVWIN_MAX_OFFSET);
      expect(
        Math.max(...requests.map((r) => Number(r.query.get('offset')) + Number(r.query.get('max'))))
      ).toBe(GOVWIN_MAX_OFFSET);
    });
  });

  describe('hourly budget (403)', () => {
    it('backs off and tries again instead of failing', async () => {
      // Arrange
      let n = 0;
      const { client, sleeps, throttles } = setup([
        (req) => {
          if (!req.path.startsWith('/neo-ws/opportunities/')) return undefined;
          n += 1;
          return n <= 2
            ? {
                status: 403,
                body: {
                  errors: [
                    {
                      logref: 'error.rate.limit',
                      message: 'Too many requests in given time period',
                    },
                  ],
                },
              }
            : { status: 200, body: { opportunities: [opp(1)] } };
        },
      ]);
      // Act
      const found = await client.getOpportunities(['OPP1']);
      // Assert
      expect([...found.keys()]).toEqual(['OPP1']);
      expect(sleeps).toEqual([60_000, 60_000]);
      expect(throttles).toEqual([60_000, 60_000]);
    });

    it('gives up with a retryable GovWinBudgetError after the maximum wait', async () => {
      // Arrange
      const { client, sleeps } = setup(
        [
          () => ({
            status: 403,
            body: { errors: [{ message: 'Too many requests in given time period' }] },
          }),
        ],
        { maxBudgetWaitMs: 150_000 }
      );
      // Act
      const err = await client.getContacts('OPP1').catch((e: unknown) => e);
      // Assert
      expect(err).toBeInstanceOf(GovWinBudgetError);
      expect((err as GovWinBudgetError).retryable).toBe(true);
      expect(sleeps).toEqual([60_000, 60_000]);
    });

    it('does not mistake an account on hold for the budget', async () => {
      // Arrange
      const { client, sleeps } = setup([
        () => ({
          status: 403,
          body: { errors: [{ logref: 'error.account.onHold', message: 'Account is on hold' }] },
        }),
      ]);
      // Act & Assert
      await expect(client.getContacts('OPP1')).rejects.toBeInstanceOf(GovWinAccessError);
      expect(sleeps).toEqual([]);
    });
  });

  describe('getOpportunities', () => {
    it('asks for 10 ids per call and keeps only the ids it asked for', async () => {
      // Arrange
      const { client, requests } = setup([
        (req) => {
          if (!req.path.startsWith('/neo-ws/opportunities/')) return undefined;
          const ids = decodeURIComponent(req.path.split('/').pop() ?? '').split(',');
          return {
            status: 200,
            body: {
              opportunities: [
                ...ids.map((id) => ({ ...opp(0), id })),
                { ...opp(0), id: 'OPP999999' },
              ],
            },
          };
        },
      ]);
      const ids = Array.from({ length: 23 }, (_, i) => `OPP${i + 1}`);
      // Act
      const found = await client.getOpportunities(ids);
      // Assert
      expect(requests).toHaveLength(3);
      expect(found.size).toBe(23);
      expect(found.has('OPP999999')).toBe(false);
    });

    it('refuses ids that are not GovWin ids before calling', async () => {
      const { client, requests } = setup([]);
      await expect(client.getOpportunities(['OPP1', '../companies'])).rejects.toThrow(
        'GovWin opportunity id is invalid'
      );
      expect(requests).toHaveLength(0);
    });

    it('re-authenticates once on 401 and retries the call', async () => {
      // Arrange
      const { client, invalidated, requests } = setup([
        (req) =>
          req.headers.get('authorization') === 'Bearer tok0'
            ? { status: 401, body: { error: 'invalid_token' } }
            : { status: 200, body: { opportunities: [opp(1)] } },
      ]);
      // Act
      const found = await client.getOpportunities(['OPP1']);
      // Assert
      expect(found.size).toBe(1);
      expect(invalidated).toEqual(['tok0']);
      expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
        'Bearer tok0',
        'Bearer tok1',
      ]);
    });
  });

  describe('getContacts', () => {
    it('reads the capitalised collection key too', async () => {
      const { client } = setup([
        () => ({
          status: 200,
          body: { meta: { paging: { totalCount: 1 } }, Contacts: [{ contactId: 1 }] },
        }),
      ]);
      expect(await client.getContacts('OPP1')).toEqual([{ contactId: 1 }]);
    });

    it('answers an empty list on 404', async () => {
      const { client } = setup([]);
      expect(await client.getContacts('OPP1')).toEqual([]);
    });
  });
});
