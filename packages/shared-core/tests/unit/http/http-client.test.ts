import { describe, expect, it, jest } from '@jest/globals';
import {
  AppError,
  ConfigError,
  EgressDeniedError,
  type HttpClientOptions,
  HttpError,
  makeHttpClient,
  type RetryInfo,
  ThrottledError,
  UpstreamError,
} from '../../../src/index';

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
const EMAIL = 'canary.person@example.test';
const NOW = Date.parse('2026-11-23T12:00:00Z');

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

/** A fetch fake that answers from a script of responses (or thrown errors) and records each call. */
const scriptedFetch = (script: readonly (Response | Error | (() => Response))[]) => {
  const calls: Call[] = [];
  let i = 0;
  const fake = jest.fn(async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const step = script[Math.min(i, script.length - 1)];
    i += 1;
    if (typeof step === 'function') return step();
    if (step instanceof Response) return step.clone();
    throw step;
  });
  return { fetch: fake as unknown as typeof fetch, calls };
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const setup = (
  script: readonly (Response | Error | (() => Response))[],
  overrides: Partial<HttpClientOptions> = {}
) => {
  const { fetch, calls } = scriptedFetch(script);
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const client = makeHttpClient({
    allowedHosts: ['api.hubapi.com', '*.govwin.test'],
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => NOW,
    onRetry: (info) => retries.push(info),
    ...overrides,
  });
  return { client, calls, sleeps, retries };
};

const DEALS = 'https://api.hubapi.com/crm/v3/objects/deals';

describe('makeHttpClient', () => {
  describe('successful requests', () => {
    it('sends method, JSON body, headers and query, and parses the JSON answer', async () => {
      // Arrange
      const { client, calls } = setup([json(200, { results: [{ id: '1' }] })]);
      // Act
      const res = await client.request<{ results: { id: string }[] }>({
        method: 'POST',
        url: `${DEALS}/search`,
        headers: { authorization: `Bearer ${TOKEN}` },
        body: { limit: 10 },
        query: { archived: 'false', page: 2, skip: undefined },
      });
      // Assert
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ results: [{ id: '1' }] });
      expect(calls).toHaveLength(1);
      expect(calls[0]?.url).toBe(`${DEALS}/search?archived=false&page=2`);
      expect(calls[0]?.method).toBe('POST');
      expect(calls[0]?.body).toBe('{"limit":10}');
      expect(calls[0]?.headers.get('content-type')).toBe('application/json');
      expect(calls[0]?.headers.get('accept')).toBe('application/json');
      expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    });

    it('sends a string body as-is and form-encodes URLSearchParams', async () => {
      // Arrange
      const { client, calls } = setup([json(200, {})]);
      // Act
      await client.request({ method: 'POST', url: DEALS, body: 'raw-text' });
      await client.request({
        method: 'POST',
        url: 'https://auth.govwin.test/token',
        body: new URLSearchParams({ grant_type: 'password' }),
      });
      // Assert
      expect(calls[0]?.body).toBe('raw-text');
      expect(calls[1]?.body).toBe('grant_type=password');
      expect(calls[1]?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    });

    it('returns undefined data for an empty success body and text when asked for text', async () => {
      // Arrange
      const { client } = setup([new Response(null, { status: 204 }), new Response('plain')]);
      // Act
      const empty = await client.request({ method: 'DELETE', url: `${DEALS}/1` });
      const text = await client.request<string>({
        method: 'GET',
        url: DEALS,
        responseType: 'text',
      });
      // Assert
      expect(empty).toMatchObject({ status: 204, data: undefined });
      expect(text.data).toBe('plain');
    });

    it('allows sub-domains of a *.suffix entry', async () => {
      const { client } = setup([json(200, { ok: true })]);
      await expect(
        client.request({ method: 'GET', url: 'https://services.govwin.test/opps' })
      ).resolves.toMatchObject({ data: { ok: true } });
    });
  });

  describe('egress allow-list', () => {
    it.each([
      [
        'a host not on the list',
        'https://evil.example/steal',
        "host 'evil.example' is not in the egress allow-list",
      ],
      [
        'a look-alike suffix',
        'https://evilgovwin.test/x',
        "host 'evilgovwin.test' is not in the egress allow-list",
      ],
      ['the bare apex of a *.suffix entry', 'https://govwin.test/x', "host 'govwin.test' is not"],
      ['plain http to a public host', 'http://api.hubapi.com/x', 'only https URLs may be called'],
      ['a relative URL', '/crm/v3/objects/deals', 'URL is not absolute'],
      ['garbage', 'not a url', 'URL is not absolute'],
      ['credentials in the URL', 'https://user:pw@api.hubapi.com/x', 'must not carry credentials'],
      ['a non-http scheme', 'file:///etc/passwd', 'only https URLs may be called'],
    ])('refuses %s before any fetch', async (_name, url, message) => {
      // Arrange
      const { client, calls } = setup([json(200, {})]);
      // Act & Assert
      await expect(client.request({ method: 'GET', url })).rejects.toThrow(EgressDeniedError);
      await expect(client.request({ method: 'GET', url })).rejects.toThrow(message);
      expect(calls).toHaveLength(0);
    });

    it('allows http on loopback when the loopback host is listed', async () => {
      const { client, calls } = setup([json(200, {})], { allowedHosts: ['127.0.0.1'] });
      await client.request({ method: 'GET', url: 'http://127.0.0.1:4010/x' });
      expect(calls).toHaveLength(1);
    });
  });

  describe('invalid requests', () => {
    it.each([
      ['a lower-case method', { method: 'get', url: DEALS }, 'method must be an upper-case'],
      ['a GET with a body', { method: 'GET', url: DEALS, body: { a: 1 } }, 'cannot carry a body'],
      [
        'a body JSON cannot encode',
        { method: 'POST', url: DEALS, body: { n: 1n } },
        'not JSON-serialisable',
      ],
      [
        'a header value with a newline',
        { method: 'GET', url: DEALS, headers: { authorization: `Bearer ${TOKEN}\r\nx: y` } },
        "header 'authorization' has an invalid name or value",
      ],
    ])('rejects %s with a one-line error before any fetch', async (_name, req, message) => {
      // Arrange
      const { client, calls } = setup([json(200, {})]);
      // Act
      const error = await client.request(req).catch((e: unknown) => e);
      // Assert
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain(message);
      expect((error as AppError).message).not.toContain(TOKEN);
      expect((error as AppError).message).not.toContain('\n');
      expect(calls).toHaveLength(0);
    });
  });

  describe('retries', () => {
    it('retries a 429 after the Retry-After seconds, then succeeds', async () => {
      // Arrange
      const { client, calls, sleeps, retries } = setup([
        json(429, { status: 'error', errorType: 'RATE_LIMIT' }, { 'retry-after': '2' }),
        json(200, { ok: true }),
      ]);
      // Act
      const res = await client.request({ method: 'GET', url: DEALS });
      // Assert
      expect(res.data).toEqual({ ok: true });
      expect(calls).toHaveLength(2);
      expect(sleeps).toEqual([2_000 + 100]); // Retry-After + jitter (random 0.5 * base 200)
      expect(retries).toEqual([
        {
          attempt: 1,
          delayMs: 2_100,
          method: 'GET',
          target: 'api.hubapi.com/crm/v3/objects/deals',
          reason: 'throttled',
          status: 429,
        },
      ]);
    });

    it('honours an HTTP-date Retry-After', async () => {
      const later = new Date(NOW + 5_000).toUTCString();
      const { client, sleeps } = setup([
        json(503, {}, { 'retry-after': later }),
        json(200, { ok: true }),
      ]);
      await client.request({ method: 'GET', url: DEALS });
      expect(sleeps).toEqual([5_000]);
    });

    it("waits out HubSpot's 10-second window when X-HubSpot-RateLimit-Remaining is 0", async () => {
      // Arrange
      const { client, sleeps } = setup([
        json(
          429,
          { policyName: 'TEN_SECONDLY_ROLLING' },
          {
            'x-hubspot-ratelimit-remaining': '0',
            'x-hubspot-ratelimit-interval-milliseconds': '10000',
          }
        ),
        json(200, {}),
      ]);
      // Act
      await client.request({ method: 'GET', url: DEALS });
      // Assert
      expect(sleeps).toEqual([10_100]);
    });

    it('retries 5xx with full-jitter exponential backoff, then gives up with a retryable UpstreamError', async () => {
      // Arrange
      const { client, calls, sleeps } = setup([json(503, { message: `down for ${EMAIL}` })], {
        maxRetries: 3,
        baseDelayMs: 100,
        maxDelayMs: 1_000,
      });
      // Act
      const error = (await client
        .request({ method: 'GET', url: `${DEALS}?hapikey=${TOKEN}` })
        .catch((e: unknown) => e)) as UpstreamError;
      // Assert
      expect(calls).toHaveLength(4);
      expect(sleeps).toEqual([50, 100, 200]); // 0.5 * min(1000, 100 * 2^n)
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.retryable).toBe(true);
      expect(error.code).toBe('HTTP_503');
      expect(error.message).toBe(
        'GET api.hubapi.com/crm/v3/objects/deals answered 503 after 4 attempts: {"message":"[REDACTED]"}'
      );
    });

    it('caps the backoff at maxDelayMs', async () => {
      const { client, sleeps } = setup([json(500, {})], {
        maxRetries: 4,
        baseDelayMs: 1_000,
        maxDelayMs: 3_000,
        random: () => 0.999,
      });
      await client.request({ method: 'GET', url: DEALS }).catch(() => undefined);
      expect(sleeps).toEqual([999, 1_998, 2_997, 2_997]);
    });

    it('retries network errors and timeouts, then throws HTTP_NETWORK / HTTP_TIMEOUT', async () => {
      // Arrange
      const refused = new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
      const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      const net = setup([refused], { maxRetries: 1 });
      const slow = setup([timeout], { maxRetries: 2, timeoutMs: 1_500 });
      // Act
      const netError = (await net.client
        .request({ method: 'GET', url: DEALS })
        .catch((e: unknown) => e)) as UpstreamError;
      const slowError = (await slow.client
        .request({ method: 'GET', url: DEALS })
        .catch((e: unknown) => e)) as UpstreamError;
      // Assert
      expect(net.calls).toHaveLength(2);
      expect(netError.code).toBe('HTTP_NETWORK');
      expect(netError.message).toBe(
        'GET api.hubapi.com/crm/v3/objects/deals failed with a network error (ECONNREFUSED) after 2 attempts'
      );
      expect(netError.cause).toBe(refused);
      expect(slow.calls).toHaveLength(3);
      expect(slow.retries.map((r) => r.reason)).toEqual(['timeout', 'timeout']);
      expect(slowError.code).toBe('HTTP_TIMEOUT');
      expect(slowError.message).toContain('timed out after 1500 ms after 3 attempts');
    });

    it('gives a 429 up as ThrottledError with retryAfterMs when retries run out', async () => {
      // Arrange
      const { client, calls } = setup([json(429, {}, { 'retry-after': '1' })], { maxRetries: 1 });
      // Act
      const error = (await client
        .request({ method: 'GET', url: DEALS })
        .catch((e: unknown) => e)) as ThrottledError;
      // Assert
      expect(calls).toHaveLength(2);
      expect(error).toBeInstanceOf(ThrottledError);
      expect(error.code).toBe('HTTP_429');
      expect(error.retryable).toBe(true);
      expect(error.retryAfterMs).toBe(1_000);
    });

    it('does not wait in-process for a Retry-After longer than maxDelayMs', async () => {
      const { client, calls, sleeps } = setup([json(429, {}, { 'retry-after': '3600' })]);
      const error = (await client
        .request({ method: 'GET', url: DEALS })
        .catch((e: unknown) => e)) as ThrottledError;
      expect(calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(error.retryAfterMs).toBe(3_600_000);
    });

    it('never retries a spent HubSpot daily quota', async () => {
      // Arrange
      const { client, calls } = setup([
        json(429, { errorType: 'RATE_LIMIT', policyName: 'DAILY' }),
        json(429, {}, { 'x-hubspot-ratelimit-daily-remaining': '0' }),
      ]);
      // Act
      const first = await client.request({ method: 'GET', url: DEALS }).catch((e: unknown) => e);
      const second = await client.request({ method: 'GET', url: DEALS }).catch((e: unknown) => e);
      // Assert
      expect(calls).toHaveLength(2);
      expect((first as ThrottledError).message).toContain('(daily quota spent)');
      expect(second).toBeInstanceOf(ThrottledError);
    });

    it('does not retry when the request sets maxRetries: 0', async () => {
      const { client, calls } = setup([json(502, {})]);
      await expect(client.request({ method: 'POST', url: DEALS, maxRetries: 0 })).rejects.toThrow(
        UpstreamError
      );
      expect(calls).toHaveLength(1);
    });
  });

  describe('client errors and bad bodies', () => {
    it('throws a non-retryable HttpError for a 4xx with status, code and redacted excerpt', async () => {
      // Arrange
      const body = {
        status: 'error',
        message: `Property values were not valid: ${EMAIL}`,
        category: 'VALIDATION_ERROR',
        correlationId: 'c0ffee',
      };
      const { client, calls } = setup([json(400, body)]);
      // Act
      const error = (await client
        .request({
          method: 'PATCH',
          url: `${DEALS}/123?idProperty=govwin_opp_id&token=${TOKEN}`,
          headers: { authorization: `Bearer ${TOKEN}` },
          body: { properties: { description: `about ${EMAIL}` } },
        })
        .catch((e: unknown) => e)) as HttpError;
      // Assert
      expect(calls).toHaveLength(1);
      expect(error).toBeInstanceOf(HttpError);
      expect(error.status).toBe(400);
      expect(error.code).toBe('HTTP_400');
      expect(error.retryable).toBe(false);
      expect(error.upstreamCode).toBe('VALIDATION_ERROR');
      expect(error.message).toBe(
        'PATCH api.hubapi.com/crm/v3/objects/deals/123 answered 400: {"status":"error","message":"[REDACTED]","category":"VALIDATION_ERROR","correlationId":"c0ffee"}'
      );
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain(EMAIL);
      expect(error.message).not.toContain('idProperty');
    });

    it('keeps the error excerpt to 200 characters of redacted text', async () => {
      const { client } = setup([
        new Response(`oops ${'x'.repeat(5_000)} ${EMAIL}`, { status: 404 }),
      ]);
      const error = (await client
        .request({ method: 'GET', url: DEALS })
        .catch((e: unknown) => e)) as HttpError;
      const excerpt = error.message.split(': ').slice(1).join(': ');
      expect(excerpt.length).toBeLessThanOrEqual(200);
      expect(error.message).not.toContain('\n');
    });

    it('refuses to follow a redirect', async () => {
      const { client } = setup([
        new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }),
      ]);
      await expect(client.request({ method: 'GET', url: DEALS })).rejects.toThrow(
        'GET api.hubapi.com/crm/v3/objects/deals answered 302; redirects are not followed'
      );
    });

    it('rejects a success body that is not JSON with a clear HttpError', async () => {
      // Arrange
      const { client } = setup([
        new Response(`<html>login for ${EMAIL}</html>`, {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
      ]);
      // Act
      const error = (await client
        .request({ method: 'GET', url: DEALS })
        .catch((e: unknown) => e)) as HttpError;
      // Assert
      expect(error).toBeInstanceOf(HttpError);
      expect(error.code).toBe('HTTP_BODY_NOT_JSON');
      expect(error.message).toBe(
        'GET api.hubapi.com/crm/v3/objects/deals answered 200 with a body that is not JSON (content-type text/html): <html>login for [EMAIL]</html>'
      );
    });

    it('rejects a body over the cap, whether or not Content-Length announces it', async () => {
      // Arrange
      const big = 'x'.repeat(2_048);
      const { client } = setup(
        [
          () => new Response(big, { headers: { 'content-length': String(big.length) } }),
          () =>
            new Response(
              new ReadableStream({
                start(controller) {
                  for (let i = 0; i < 4; i += 1) controller.enqueue(new TextEncoder().encode(big));
                  controller.close();
                },
              })
            ),
        ],
        { maxResponseBytes: 1_024 }
      );
      // Act
      const declared = await client.request({ method: 'GET', url: DEALS }).catch((e: unknown) => e);
      const streamed = await client.request({ method: 'GET', url: DEALS }).catch((e: unknown) => e);
      // Assert
      for (const error of [declared, streamed]) {
        expect(error).toBeInstanceOf(HttpError);
        expect((error as HttpError).code).toBe('HTTP_BODY_TOO_LARGE');
        expect((error as HttpError).message).toBe(
          'GET api.hubapi.com/crm/v3/objects/deals response body exceeds the 1024-byte cap'
        );
      }
    });
  });

  describe('configuration', () => {
    it.each([
      ['an empty allow-list', { allowedHosts: [] }, 'allowedHosts must list at least one host'],
      [
        'a URL in the allow-list',
        { allowedHosts: ['https://api.hubapi.com'] },
        'must be a host name',
      ],
      ['a bare wildcard', { allowedHosts: ['*'] }, 'must be a host name or *.suffix'],
      [
        'a negative retry count',
        { allowedHosts: ['a.test'], maxRetries: -1 },
        'maxRetries must be',
      ],
      ['a zero timeout', { allowedHosts: ['a.test'], timeoutMs: 0 }, 'timeoutMs must be'],
    ])('rejects %s with a ConfigError', (_name, options, message) => {
      expect(() => makeHttpClient(options as HttpClientOptions)).toThrow(ConfigError);
      expect(() => makeHttpClient(options as HttpClientOptions)).toThrow(message);
    });
  });
});
