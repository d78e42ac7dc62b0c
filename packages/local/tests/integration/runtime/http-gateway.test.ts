import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { startHttpGateway } from '../../../src/runtime/http-gateway';

describe('startHttpGateway', () => {
  const seen: APIGatewayProxyEventV2[] = [];
  let gw: Awaited<ReturnType<typeof startHttpGateway>>;
  beforeAll(async () => {
    gw = await startHttpGateway({
      maxBodyBytes: 1024,
      routes: [
        {
          method: 'POST',
          path: '/hubspot/webhooks',
          invoke: async (event) => {
            seen.push(event);
            return {
              statusCode: 202,
              headers: { 'content-type': 'application/json' },
              body: '{"ok":true}',
            };
          },
        },
        {
          method: 'GET',
          path: '/ui-extension/*',
          invoke: async (e) => JSON.stringify({ path: e.rawPath }),
        },
        {
          method: 'GET',
          path: '/boom',
          invoke: async () => {
            throw new Error('secret internal detail');
          },
        },
      ],
    });
  });
  afterAll(async () => gw.stop());

  it('turns a POST into an API Gateway v2 event with the raw body, raw query and lower-case headers', async () => {
    // Act
    const res = await fetch(`${gw.url}/hubspot/webhooks?a=1&b=2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-HubSpot-Signature-v3': 'sig' },
      body: '[{"objectId":1}]',
    });
    // Assert
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true });
    const event = seen.at(-1);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /hubspot/webhooks',
      rawPath: '/hubspot/webhooks',
      rawQueryString: 'a=1&b=2',
      body: '[{"objectId":1}]',
      isBase64Encoded: false,
      queryStringParameters: { a: '1', b: '2' },
      requestContext: { http: { method: 'POST', path: '/hubspot/webhooks' } },
    });
    expect(event?.headers['x-hubspot-signature-v3']).toBe('sig');
  });

  it('base64-encodes a non-text body as API Gateway does', async () => {
    await fetch(`${gw.url}/hubspot/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 2]),
    });
    expect(seen.at(-1)).toMatchObject({ isBase64Encoded: true, body: 'AAEC' });
  });

  it('routes prefix routes, answers 404 for unknown routes and 413 above the body cap', async () => {
    expect(await (await fetch(`${gw.url}/ui-extension/status`)).json()).toEqual({
      path: '/ui-extension/status',
    });
    expect((await fetch(`${gw.url}/nope`)).status).toBe(404);
    expect(
      (await fetch(`${gw.url}/hubspot/webhooks`, { method: 'POST', body: 'x'.repeat(2000) })).status
    ).toBe(413);
  });

  it('hides a failing integration behind a generic 500', async () => {
    const res = await fetch(`${gw.url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret');
  });
});
