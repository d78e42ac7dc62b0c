import { describe, expect, it } from '@jest/globals';
import { ThrottledError } from '../../../src/errors/common-errors';
import { makeHttpClient } from '../../../src/http/http-client';
import { HubSpotError } from '../../../src/hubspot/errors';
import { makeHubSpotClient } from '../../../src/hubspot/hubspot-client';
import { type FakeRoute, makeFakeFetch } from './fake-fetch';

const BASE = 'https://api.hubapi.com';

const clientWith = (routes: FakeRoute[], options: { maxRetries?: number } = {}) => {
  const fake = makeFakeFetch(routes);
  const sleeps: number[] = [];
  const http = makeHttpClient({
    allowedHosts: ['api.hubapi.com'],
    fetch: fake.fetch,
    maxRetries: options.maxRetries ?? 2,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
  });
  const operations: string[] = [];
  const acquired: number[] = [];
  const client = makeHubSpotClient({
    http,
    baseUrl: BASE,
    accessToken: async () => 'pat-test-token',
    limiter: { acquire: async (n = 1) => void acquired.push(n) },
    onRequest: (op) => operations.push(op),
  });
  return { client, requests: fake.requests, operations, acquired, sleeps };
};

type UpsertBody = {
  inputs: {
    id: string;
    idProperty: string;
    properties: Record<string, string>;
    objectWriteTraceId: string;
  }[];
};

/** Answers a batch upsert with results in reverse order and fresh record ids (a shuffled response). */
const reversedUpsert: FakeRoute = (req) => {
  if (!req.path.endsWith('/batch/upsert')) return undefined;
  const body = req.body as UpsertBody;
  const results = body.inputs.map((input) => ({
    id: String(9000 + Number(input.id.replace(/\D/g, ''))),
    properties: { ...input.properties, [input.idProperty]: input.id },
    new: true,
    objectWriteTraceId: input.objectWriteTraceId,
  }));
  return { status: 200, body: { status: 'COMPLETE', results: results.reverse() } };
};

const inputs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: `OPP${i + 1}`,
    properties: { dealname: `Deal ${i + 1}` },
  }));

describe('makeHubSpotClient', () => {
  describe('batchUpsertDeals', () => {
    it('pairs shuffled results to their inputs by key, never by position', async () => {
      // Arrange
      const { client } = clientWith([reversedUpsert]);
      // Act
      const out = await client.batchUpsertDeals(inputs(3));
      // Assert
      expect(out.errors).toEqual([]);
      expect(out.results.map((r) => [r.key, r.id, r.created])).toEqual(
        expect.arrayContaining([
          ['OPP1', '9001', true],
          ['OPP2', '9002', true],
          ['OPP3', '9003', true],
        ])
      );
    });

    it('pairs by the idProperty value when HubSpot does not echo objectWriteTraceId', async () => {
      // Arrange
      const noTrace: FakeRoute = (req) => {
        const res = reversedUpsert(req);
        if (!res) return undefined;
        const body = res.body as { results: Record<string, unknown>[] };
        return {
          status: 200,
          body: { results: body.results.map(({ objectWriteTraceId: _t, ...r }) => r) },
        };
      };
      const { client } = clientWith([noTrace]);
      // Act
      const out = await client.batchUpsertDeals(inputs(4));
      // Assert
      expect(Object.fromEntries(out.results.map((r) => [r.key, r.id]))).toEqual({
        OPP1: '9001',
        OPP2: '9002',
        OPP3: '9003',
        OPP4: '9004',
      });
    });

    it('sends 250 inputs as calls of 100, 100 and 50, each through the rate limiter', async () => {
      // Arrange
      const { client, requests, acquired } = clientWith([reversedUpsert]);
      // Act
      const out = await client.batchUpsertDeals(inputs(250));
      // Assert
      expect(requests.map((r) => (r.body as UpsertBody).inputs.length)).toEqual([100, 100, 50]);
      expect(
        requests.every((r) =>
          (r.body as UpsertBody).inputs.every((i) => i.idProperty === 'govwin_opp_id')
        )
      ).toBe(true);
      expect(acquired).toEqual([1, 1, 1]);
      expect(out.results).toHaveLength(250);
      expect(out.requests).toBe(3);
    });

    it('merges duplicate keys into one input (HubSpot rejects duplicates in a batch)', async () => {
      // Arrange
      const { client, requests } = clientWith([reversedUpsert]);
      // Act
      await client.batchUpsertDeals([
        { key: 'OPP1', properties: { dealname: 'a', amount: '1' } },
        { key: 'OPP1', properties: { dealname: 'b' } },
      ]);
      // Assert
      expect((requests[0]?.body as UpsertBody | undefined)?.inputs).toEqual([
        {
          id: 'OPP1',
          idProperty: 'govwin_opp_id',
          properties: { dealname: 'b', amount: '1' },
          objectWriteTraceId: 't0',
        },
      ]);
    });

    it('keys 207 per-input errors by objectWriteTraceId and keeps the other results', async () => {
      // Arrange
      const partial: FakeRoute = (req) => {
        if (!req.path.endsWith('/batch/upsert')) return undefined;
        const body = req.body as UpsertBody;
        const [bad, ...good] = body.inputs;
        return {
          status: 207,
          body: {
            results: good.map((g, i) => ({
              id: String(100 + i),
              properties: {},
              objectWriteTraceId: g.objectWriteTraceId,
            })),
            errors: [
              {
                status: 'error',
                category: 'VALIDATION_ERROR',
                message:
                  'Property values were not valid: [{"isValid":false,"message":"jane@example.com was not valid","error":"INVALID_EMAIL","name":"email"}]',
                objectWriteTraceId: bad?.objectWriteTraceId,
              },
            ],
          },
        };
      };
      const { client } = clientWith([partial]);
      // Act
      const out = await client.batchUpsertDeals(inputs(3));
      // Assert
      expect(out.results.map((r) => r.key).sort()).toEqual(['OPP2', 'OPP3']);
      expect(out.errors).toEqual([
        {
          key: 'OPP1',
          category: 'VALIDATION_ERROR',
          status: '207',
          message: 'HTTP 207 VALIDATION_ERROR properties: email:INVALID_EMAIL',
          retryable: false,
        },
      ]);
      expect(JSON.stringify(out.errors)).not.toContain('jane@example.com');
    });

    it('isolates the one bad input when HubSpot rejects a whole chunk with 400', async () => {
      // Arrange: any request containing OPP3 is refused as a whole.
      const picky: FakeRoute = (req) => {
        if (!req.path.endsWith('/batch/upsert')) return undefined;
        const body = req.body as UpsertBody;
        if (body.inputs.some((i) => i.id === 'OPP3')) {
          return {
            status: 400,
            body: { status: 'error', category: 'VALIDATION_ERROR', message: 'Bad value Jane Doe' },
          };
        }
        return reversedUpsert(req);
      };
      const { client, requests } = clientWith([picky]);
      // Act
      const out = await client.batchUpsertDeals(inputs(4));
      // Assert
      expect(out.results.map((r) => r.key).sort()).toEqual(['OPP1', 'OPP2', 'OPP4']);
      expect(out.errors).toHaveLength(1);
      expect(out.errors[0]).toMatchObject({
        key: 'OPP3',
        category: 'VALIDATION_ERROR',
        status: '400',
        retryable: false,
      });
      expect(out.errors[0]?.message).not.toContain('Jane');
      expect(requests.length).toBeGreaterThan(1);
    });

    it('reports inputs that got neither a result nor an error as retryable', async () => {
      // Arrange
      const lossy: FakeRoute = (req) => {
        const res = reversedUpsert(req);
        if (!res) return undefined;
        const body = res.body as { results: unknown[] };
        return { status: 200, body: { results: body.results.slice(1) } };
      };
      const { client } = clientWith([lossy]);
      // Act
      const out = await client.batchUpsertDeals(inputs(2));
      // Assert
      expect(out.results).toHaveLength(1);
      expect(out.errors).toEqual([
        expect.objectContaining({ category: 'NO_RESULT', retryable: true }),
      ]);
    });

    it('waits out a 429 with Retry-After and then succeeds', async () => {
      // Arrange
      let calls = 0;
      const throttled: FakeRoute = (req) => {
        calls += 1;
        if (calls === 1) {
          return {
            status: 429,
            headers: { 'retry-after': '2' },
            body: { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
          };
        }
        return reversedUpsert(req);
      };
      const { client, sleeps } = clientWith([throttled]);
      // Act
      const out = await client.batchUpsertDeals(inputs(1));
      // Assert
      expect(out.results).toHaveLength(1);
      expect(sleeps).toEqual([2000]);
    });

    it('throws a retryable error when throttling outlasts the retries', async () => {
      // Arrange
      const { client } = clientWith(
        [
          () => ({
            status: 429,
            headers: { 'retry-after': '1' },
            body: { status: 'error', policyName: 'TEN_SECONDLY_ROLLING' },
          }),
        ],
        { maxRetries: 1 }
      );
      // Act & Assert
      await expect(client.batchUpsertDeals(inputs(1))).rejects.toBeInstanceOf(ThrottledError);
    });
  });

  describe('single records', () => {
    it('getDeal resolves undefined on 404 and sends the bearer token', async () => {
      // Arrange
      const { client, requests } = clientWith([]);
      // Act
      const deal = await client.getDeal('123', ['dealname']);
      // Assert
      expect(deal).toBeUndefined();
      expect(requests[0]?.headers.get('authorization')).toBe('Bearer pat-test-token');
      expect(requests[0]?.query.get('properties')).toBe('dealname');
    });

    it('updateDeal PATCHes only the given properties and returns the record', async () => {
      // Arrange
      const { client, requests } = clientWith([
        (req) =>
          req.method === 'PATCH'
            ? { status: 200, body: { id: '55', properties: { amount: '10' } } }
            : undefined,
      ]);
      // Act
      const deal = await client.updateDeal('55', { amount: '10', closedate: null });
      // Assert
      expect(deal).toEqual({ id: '55', properties: { amount: '10' } });
      expect(requests[0]).toMatchObject({
        path: '/crm/v3/objects/deals/55',
        body: { properties: { amount: '10', closedate: null } },
      });
    });

    it('refuses a non-numeric record id before any request', async () => {
      // Arrange
      const { client, requests } = clientWith([]);
      // Act & Assert
      await expect(client.getDeal('../companies/1')).rejects.toThrow(
        'HubSpot record id is invalid'
      );
      expect(requests).toHaveLength(0);
    });

    it('turns a 403 into a non-retryable HubSpotError without the body text', async () => {
      // Arrange
      const { client } = clientWith([
        () => ({
          status: 403,
          body: { category: 'MISSING_SCOPES', message: 'token of jane@example.com lacks scope' },
        }),
      ]);
      // Act
      const err = await client.updateDeal('1', { amount: '1' }).catch((e: unknown) => e);
      // Assert
      expect(err).toBeInstanceOf(HubSpotError);
      expect((err as HubSpotError).retryable).toBe(false);
      expect((err as HubSpotError).message).toBe('HubSpot deals.update: HTTP 403 MISSING_SCOPES');
    });
  });

  describe('associate', () => {
    it('creates deal->company associations by id through the v4 batch endpoint', async () => {
      // Arrange
      const { client, requests } = clientWith([
        (req) => {
          if (!req.path.includes('/associations/')) return undefined;
          const body = req.body as { inputs: { from: { id: string }; to: { id: string } }[] };
          return {
            status: 201,
            body: {
              results: [...body.inputs]
                .reverse()
                .map((i) => ({ fromObjectId: Number(i.from.id), toObjectId: Number(i.to.id) })),
            },
          };
        },
      ]);
      // Act
      const out = await client.associate(
        'deals',
        'companies',
        [
          { fromId: '1', toId: '10' },
          { fromId: '2', toId: '10' },
          { fromId: '1', toId: '10' },
        ],
        341
      );
      // Assert
      expect(out.errors).toEqual([]);
      expect(out.results).toHaveLength(2);
      expect(requests[0]).toMatchObject({
        path: '/crm/v4/associations/deals/companies/batch/create',
        body: {
          inputs: [
            {
              from: { id: '1' },
              to: { id: '10' },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 341 }],
            },
            {
              from: { id: '2' },
              to: { id: '10' },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 341 }],
            },
          ],
        },
      });
    });
  });

  describe('search', () => {
    it('rejects more than 5 filter groups before calling HubSpot', async () => {
      // Arrange
      const { client, requests } = clientWith([]);
      const group = {
        filters: [{ propertyName: 'govwin_opp_id', operator: 'EQ' as const, value: 'OPP1' }],
      };
      // Act & Assert
      await expect(client.searchDeals({ filterGroups: Array(6).fill(group) })).rejects.toThrow(
        'at most 5 filter groups'
      );
      expect(requests).toHaveLength(0);
    });

    it('returns results and the next-page cursor', async () => {
      // Arrange
      const { client, operations } = clientWith([
        (req) =>
          req.path.endsWith('/search')
            ? {
                status: 200,
                body: {
                  total: 3,
                  results: [{ id: '7', properties: { dealname: 'x' } }],
                  paging: { next: { after: '1' } },
                },
              }
            : undefined,
      ]);
      // Act
      const page = await client.searchDeals({ filterGroups: [], limit: 1 });
      // Assert
      expect(page).toEqual({
        total: 3,
        results: [{ id: '7', properties: { dealname: 'x' } }],
        after: '1',
      });
      expect(operations).toEqual(['deals.search']);
    });
  });
});
