import { describe, expect, it } from '@jest/globals';
import {
  CardMalformedBodyError,
  CardMethodNotAllowedError,
  CardPayloadTooLargeError,
  CardReplayError,
  CardReplayStoreError,
  CardRouteNotFoundError,
  CardSecretUnavailableError,
  CardSignatureError,
} from '../../../src/card/card-errors';
import {
  type CardEvent,
  type CardReplay,
  makeCardRequestGate,
} from '../../../src/card/card-request';
import { signHubSpotV3 } from '../../../src/signature/hubspot-v3';

const NOW = 1_760_000_000_000;
const SECRET = 'card-secret-current';
const BASE = 'https://api.example.com/ui-extension';
const ROUTES = {
  solutions: { method: 'GET', path: '/solutions' },
  submit: { method: 'POST', path: '/submit' },
} as const;
const QUERY = 'dealId=42&userId=7001&userEmail=rep%40example.com&portalId=99&appId=1234';

const memoryReplay = (): CardReplay & { seen: Set<string> } => {
  const seen = new Set<string>();
  return {
    seen,
    reserve: async (fp) => {
      if (seen.has(fp)) return false;
      seen.add(fp);
      return true;
    },
  };
};

const signed = (o: {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  query?: string;
  timestamp?: number;
  secret?: string;
  signPath?: string;
}): CardEvent => {
  const timestamp = String(o.timestamp ?? NOW);
  const query = o.query ?? QUERY;
  const body = o.body ?? '';
  const uri = `${BASE}${o.signPath ?? o.path}${query ? `?${query}` : ''}`;
  const signature = signHubSpotV3({ method: o.method, uri, body, timestamp }, o.secret ?? SECRET);
  return {
    rawPath: `/ui-extension${o.path}`,
    rawQueryString: query,
    requestContext: { http: { method: o.method, path: `/ui-extension${o.path}` } },
    headers: {
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
      'content-type': 'application/json',
    },
    body,
    isBase64Encoded: false,
  };
};

const gateWith = (overrides: Partial<Parameters<typeof makeCardRequestGate>[0]> = {}) =>
  makeCardRequestGate({
    routes: ROUTES,
    publicBaseUrl: BASE,
    appId: '1234',
    loadSigningSecrets: async () => [SECRET],
    replay: memoryReplay(),
    now: () => NOW,
    ...overrides,
  });

describe('makeCardRequestGate', () => {
  describe('accepted requests', () => {
    it('returns the route, the signed caller and the non-HubSpot query for a signed GET', async () => {
      // Act
      const req = await gateWith()(signed({ method: 'GET', path: '/solutions' }));
      // Assert
      expect(req.route).toBe('solutions');
      expect(req.caller).toEqual({ userId: '7001', portalId: '99' });
      expect(req.query).toEqual({ dealId: '42' });
      expect(req.body).toBeUndefined();
      expect(req.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    });

    it('parses the JSON object body of a signed POST, including a double-encoded one', async () => {
      const gate = gateWith();
      const plain = await gate(
        signed({ method: 'POST', path: '/submit', body: '{"dealId":"42"}' })
      );
      const doubled = await gate(
        signed({
          method: 'POST',
          path: '/submit',
          body: JSON.stringify('{"dealId":"43"}'),
          timestamp: NOW + 1,
        })
      );
      expect(plain.body).toEqual({ dealId: '42' });
      expect(doubled.body).toEqual({ dealId: '43' });
    });

    it('accepts a request signed with the previous secret during a rotation', async () => {
      const gate = gateWith({ loadSigningSecrets: async () => ['new-secret', SECRET] });
      await expect(gate(signed({ method: 'GET', path: '/solutions' }))).resolves.toMatchObject({
        route: 'solutions',
      });
    });

    it('accepts a 250 s old request', async () => {
      await expect(
        gateWith()(signed({ method: 'GET', path: '/solutions', timestamp: NOW - 250_000 }))
      ).resolves.toMatchObject({ route: 'solutions' });
    });
  });

  describe('rejections, in ladder order', () => {
    it('404s a path that is not on the allow-list before looking at the signature', async () => {
      const event = signed({ method: 'POST', path: '/create' });
      event.headers = {};
      await expect(gateWith()(event)).rejects.toBeInstanceOf(CardRouteNotFoundError);
    });

    it('405s an allowed path called with another method, OPTIONS included', async () => {
      const gate = gateWith();
      const post = signed({ method: 'POST', path: '/solutions', signPath: '/solutions' });
      const options = signed({ method: 'GET', path: '/submit' });
      options.requestContext = { http: { method: 'OPTIONS', path: '/ui-extension/submit' } };
      await expect(gate(post)).rejects.toBeInstanceOf(CardMethodNotAllowedError);
      await expect(gate(options)).rejects.toMatchObject({ allow: 'POST', httpStatus: 405 });
    });

    it('413s a body over 64 KiB, also when it arrives base64-encoded', async () => {
      const big = JSON.stringify({ pad: 'x'.repeat(64 * 1024) });
      const plain = signed({ method: 'POST', path: '/submit', body: big });
      const b64 = { ...plain, body: Buffer.from(big).toString('base64'), isBase64Encoded: true };
      await expect(gateWith()(plain)).rejects.toBeInstanceOf(CardPayloadTooLargeError);
      await expect(gateWith()(b64)).rejects.toBeInstanceOf(CardPayloadTooLargeError);
    });

    it('401s an unsigned request as missing', async () => {
      const event = signed({ method: 'GET', path: '/solutions' });
      event.headers = { 'content-type': 'application/json' };
      await expect(gateWith()(event)).rejects.toMatchObject({ reason: 'missing', httpStatus: 401 });
    });

    it.each([
      { name: 'stale (301 s old)', ts: NOW - 301_000, reason: 'stale' },
      { name: 'future-dated', ts: NOW + 301_000, reason: 'future' },
    ])('401s a $name request', async ({ ts, reason }) => {
      await expect(
        gateWith()(signed({ method: 'GET', path: '/solutions', timestamp: ts }))
      ).rejects.toMatchObject({ reason });
    });

    it('401s a wrong secret, a tampered body and a tampered query', async () => {
      const gate = gateWith();
      const wrong = signed({ method: 'GET', path: '/solutions', secret: 'other' });
      const body = signed({ method: 'POST', path: '/submit', body: '{"dealId":"42"}' });
      body.body = '{"dealId":"43"}';
      const query = signed({ method: 'GET', path: '/solutions', timestamp: NOW + 2 });
      query.rawQueryString = QUERY.replace('userId=7001', 'userId=7002');
      for (const event of [wrong, body, query])
        await expect(gate(event)).rejects.toMatchObject({ reason: 'mismatch' });
    });

    it('401s a request signed for another route path (the URI comes from configuration)', async () => {
      const event = signed({ method: 'GET', path: '/solutions', signPath: '/aws-products' });
      await expect(gateWith()(event)).rejects.toBeInstanceOf(CardSignatureError);
    });

    it('ignores the Host header when building the signed URI', async () => {
      const event = signed({ method: 'GET', path: '/solutions' });
      event.headers = { ...event.headers, host: 'evil.example.net' };
      await expect(gateWith()(event)).resolves.toMatchObject({ route: 'solutions' });
    });

    it.each([
      { name: 'no userId', query: 'dealId=42&portalId=99', reason: 'no-caller' },
      { name: 'a non-numeric userId', query: 'userId=abc', reason: 'no-caller' },
      { name: 'another app', query: 'userId=7001&appId=999', reason: 'wrong-app' },
      { name: 'a bad portal id', query: 'userId=7001&portalId=x', reason: 'bad-portal' },
    ])('401s a validly signed request with $name', async ({ query, reason }) => {
      await expect(
        gateWith()(signed({ method: 'GET', path: '/solutions', query }))
      ).rejects.toMatchObject({ reason, httpStatus: 401 });
    });

    it('500s when the signing secret cannot be loaded', async () => {
      const gate = gateWith({
        loadSigningSecrets: async () => {
          throw new Error('AccessDenied');
        },
      });
      await expect(gate(signed({ method: 'GET', path: '/solutions' }))).rejects.toBeInstanceOf(
        CardSecretUnavailableError
      );
      const empty = gateWith({ loadSigningSecrets: async () => [] });
      await expect(empty(signed({ method: 'GET', path: '/solutions' }))).rejects.toBeInstanceOf(
        CardSecretUnavailableError
      );
    });

    it('409s a replay of the same signed request', async () => {
      const gate = gateWith();
      const event = signed({ method: 'GET', path: '/solutions' });
      await gate(event);
      await expect(gate(event)).rejects.toBeInstanceOf(CardReplayError);
    });

    it('503s when the replay store is unavailable', async () => {
      const gate = gateWith({
        replay: {
          reserve: async () => {
            throw new Error('ProvisionedThroughputExceededException');
          },
        },
      });
      await expect(gate(signed({ method: 'GET', path: '/solutions' }))).rejects.toBeInstanceOf(
        CardReplayStoreError
      );
    });

    it.each([
      { name: 'not JSON', body: '{nope' },
      { name: 'a JSON array', body: '[1]' },
      { name: 'a JSON number', body: '5' },
      { name: 'empty', body: '' },
    ])('400s a POST body that is $name', async ({ body }) => {
      await expect(
        gateWith()(signed({ method: 'POST', path: '/submit', body }))
      ).rejects.toBeInstanceOf(CardMalformedBodyError);
    });
  });

  describe('configuration', () => {
    it('refuses a non-https base URL and a non-numeric app id at construction', () => {
      expect(() => gateWith({ publicBaseUrl: 'http://api.example.com/ui-extension' })).toThrow(
        /https/
      );
      expect(() => gateWith({ appId: 'abc' })).toThrow(/appId/);
    });
  });
});
