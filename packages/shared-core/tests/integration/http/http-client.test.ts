import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type HttpClientOptions,
  HttpError,
  makeHttpClient,
  type RetryInfo,
  UpstreamError,
} from '../../../src/index';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/** A loopback server whose behaviour each test scripts per path; it counts hits per path. */
describe('makeHttpClient against a real HTTP server', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, Handler>();
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const hit = (hits.get(path) ?? 0) + 1;
      hits.set(path, hit);
      const handler = routes.get(path);
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      handler(req, res, hit);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    routes.clear();
    hits.clear();
  });

  const client = (overrides: Partial<HttpClientOptions> = {}) => {
    const sleeps: number[] = [];
    const retries: RetryInfo[] = [];
    const http = makeHttpClient({
      allowedHosts: ['127.0.0.1'],
      // Real sockets and timeouts; only the backoff waits are skipped.
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onRetry: (info) => retries.push(info),
      ...overrides,
    });
    return { http, sleeps, retries };
  };

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  it('retries a 429 honouring Retry-After, then returns the 200 body', async () => {
    // Arrange
    routes.set('/deals', (_req, res, hit) =>
      hit === 1
        ? sendJson(res, 429, { errorType: 'RATE_LIMIT' }, { 'retry-after': '1' })
        : sendJson(res, 200, { results: [{ id: '7' }] })
    );
    const { http, sleeps, retries } = client({ random: () => 0 });
    // Act
    const res = await http.request({ method: 'GET', url: `${base}/deals`, query: { limit: 5 } });
    // Assert
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ results: [{ id: '7' }] });
    expect(hits.get('/deals')).toBe(2);
    expect(sleeps).toEqual([1_000]);
    expect(retries[0]).toMatchObject({ reason: 'throttled', status: 429 });
  });

  it('retries a 503 twice, then succeeds', async () => {
    // Arrange
    routes.set('/upsert', (req, res, hit) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () =>
        hit <= 2 ? sendJson(res, 503, { message: 'busy' }) : sendJson(res, 200, JSON.parse(body))
      );
    });
    const { http, retries } = client();
    // Act
    const res = await http.request({
      method: 'POST',
      url: `${base}/upsert`,
      body: { inputs: [{ id: 'OPP1' }] },
    });
    // Assert
    expect(res.data).toEqual({ inputs: [{ id: 'OPP1' }] });
    expect(hits.get('/upsert')).toBe(3);
    expect(retries.map((r) => r.status)).toEqual([503, 503]);
  });

  it('times out a server that never answers, retries, then throws HTTP_TIMEOUT', async () => {
    // Arrange: accept the request and never respond
    routes.set('/hang', () => undefined);
    const { http, retries } = client({ timeoutMs: 150, maxRetries: 1 });
    // Act
    const error = (await http
      .request({ method: 'GET', url: `${base}/hang` })
      .catch((e: unknown) => e)) as UpstreamError;
    // Assert
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('HTTP_TIMEOUT');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `GET ${base.replace('http://', '')}/hang timed out after 150 ms after 2 attempts`
    );
    expect(hits.get('/hang')).toBe(2);
    expect(retries.map((r) => r.reason)).toEqual(['timeout']);
  });

  it('times out a body that stalls half-way', async () => {
    // Arrange: headers and part of the body, then silence
    routes.set('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const { http } = client({ timeoutMs: 150, maxRetries: 0 });
    // Act & Assert
    await expect(http.request({ method: 'GET', url: `${base}/stall` })).rejects.toMatchObject({
      code: 'HTTP_TIMEOUT',
    });
  });

  it.each([
    ['announced by Content-Length', true],
    ['streamed in chunks without Content-Length', false],
  ])('rejects an oversized body %s', async (_name, withLength) => {
    // Arrange: 256 KiB against a 64 KiB cap
    const chunk = Buffer.alloc(16 * 1024, 'a');
    routes.set('/big', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(withLength ? { 'content-length': String(chunk.length * 16) } : {}),
      });
      for (let i = 0; i < 16; i += 1) res.write(chunk);
      res.end();
    });
    const { http } = client({ maxResponseBytes: 64 * 1024 });
    // Act
    const error = (await http
      .request({ method: 'GET', url: `${base}/big` })
      .catch((e: unknown) => e)) as HttpError;
    // Assert
    expect(error).toBeInstanceOf(HttpError);
    expect(error.code).toBe('HTTP_BODY_TOO_LARGE');
    expect(error.message).toContain('response body exceeds the 65536-byte cap');
    expect(hits.get('/big')).toBe(1);
  });

  it('does not follow a redirect off the allow-list', async () => {
    // Arrange
    routes.set('/moved', (_req, res) => {
      res.writeHead(302, { location: 'https://evil.example/' }).end();
    });
    const { http } = client();
    // Act & Assert
    await expect(http.request({ method: 'GET', url: `${base}/moved` })).rejects.toMatchObject({
      code: 'HTTP_302',
    });
  });

  it('reports a refused connection as HTTP_NETWORK after retrying', async () => {
    // Arrange: a port that was free a moment ago and is now closed
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { http, retries } = client({ maxRetries: 1 });
    // Act
    const error = (await http
      .request({ method: 'GET', url: `http://127.0.0.1:${port}/x` })
      .catch((e: unknown) => e)) as UpstreamError;
    // Assert
    expect(error.code).toBe('HTTP_NETWORK');
    expect(error.message).toContain('network error (ECONNREFUSED)');
    expect(retries).toHaveLength(1);
  });
});
