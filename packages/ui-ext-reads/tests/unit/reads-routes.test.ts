import { AceApiError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { AWS_PRODUCTS } from '../../src/aws-products';
import type { SolutionsSource } from '../../src/solutions';
import { NOW, readsApp, signedGet } from '../helpers/reads-app';

const solutions: SolutionsSource = {
  list: async () => ({
    solutions: [{ id: 'S-1', name: 'Gov Cloud Migration', category: 'Consulting Service' }],
    fetchedAt: new Date(NOW).toISOString(),
    stale: false,
  }),
};
const parse = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('reads routes through the card edge', () => {
  describe('happy paths', () => {
    it('GET /config returns the backend configuration and the SDK enums', async () => {
      const { handler } = readsApp(solutions);
      const res = await handler(signedGet('/config'));
      expect(res.statusCode).toBe(200);
      const body = parse(res.body);
      expect(body).toMatchObject({
        catalog: 'Sandbox',
        triggerStageId: '9001',
        pipelineId: '7001',
      });
      expect(Object.keys(body.enums as object)).toContain('closedLostReason');
      expect(body.correlationId).toEqual(res.headers['x-correlation-id']);
    });

    it('GET /solutions returns the catalog and the cached list', async () => {
      const { handler } = readsApp(solutions);
      const res = await handler(signedGet('/solutions'));
      expect(res.statusCode).toBe(200);
      expect(parse(res.body)).toMatchObject({
        catalog: 'Sandbox',
        solutions: [{ id: 'S-1', name: 'Gov Cloud Migration' }],
        stale: false,
      });
    });

    it('GET /aws-products returns the catalogue including the Other escape hatch', async () => {
      const { handler } = readsApp(solutions);
      const res = await handler(signedGet('/aws-products'));
      const body = parse(res.body) as { products: { id: string }[] };
      expect(res.statusCode).toBe(200);
      expect(body.products).toHaveLength(AWS_PRODUCTS.length);
      expect(body.products.map((p) => p.id)).toContain('Other');
    });
  });

  describe('bad inputs', () => {
    it('401s an unsigned request', async () => {
      const { handler } = readsApp(solutions);
      const event = signedGet('/config');
      event.headers = { 'content-type': 'application/json' };
      const res = await handler(event);
      expect(res.statusCode).toBe(401);
      expect(parse(res.body)).toMatchObject({ error: 'HUBSPOT_SIGNATURE_MISSING' });
    });

    it('401s a stale request', async () => {
      const { handler } = readsApp(solutions);
      expect((await handler(signedGet('/config', NOW - 301_000))).statusCode).toBe(401);
    });

    it('409s a replayed request', async () => {
      const { handler } = readsApp(solutions);
      const event = signedGet('/solutions');
      expect((await handler(event)).statusCode).toBe(200);
      const replayed = await handler(event);
      expect(replayed.statusCode).toBe(409);
      expect(parse(replayed.body)).toMatchObject({ error: 'REPLAY_DETECTED' });
    });

    it('413s an oversized request', async () => {
      const { handler } = readsApp(solutions);
      const event = signedGet('/config');
      event.body = 'x'.repeat(64 * 1024 + 1);
      expect((await handler(event)).statusCode).toBe(413);
    });

    it('405s a POST to a read route and 404s a path that is not a read route', async () => {
      const { handler } = readsApp(solutions);
      const post = signedGet('/config');
      post.requestContext = { http: { method: 'POST', path: '/ui-extension/config' } };
      const unknown = signedGet('/deal-status');
      const resPost = await handler(post);
      expect(resPost.statusCode).toBe(405);
      expect(resPost.headers.allow).toBe('GET');
      expect((await handler(unknown)).statusCode).toBe(404);
    });

    it('answers 503 with a generic message and a correlation id when ListSolutions fails', async () => {
      const failing: SolutionsSource = {
        list: async () => {
          throw new AceApiError({
            kind: 'access-denied',
            operation: 'ListSolutions',
            awsName: 'AccessDeniedException',
            awsMessage: 'User arn:aws:iam::123456789012:role/x is not authorized',
          });
        },
      };
      const { handler } = readsApp(failing);
      const res = await handler(signedGet('/solutions'));
      expect(res.statusCode).toBe(503);
      expect(res.body).not.toContain('arn:aws');
      expect(parse(res.body)).toMatchObject({
        error: 'INTERNAL_ERROR',
        message: 'internal error; quote the correlation id',
      });
      expect(parse(res.body).correlationId).toEqual(res.headers['x-correlation-id']);
    });
  });
});
