import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** One HTTP API route: `POST /hubspot/webhooks`, or a prefix route ending in `/*`. */
export interface GatewayRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'ANY';
  path: string;
  invoke: (
    event: APIGatewayProxyEventV2
  ) => Promise<APIGatewayProxyStructuredResultV2 | string | undefined>;
}

export interface GatewayOptions {
  routes: readonly GatewayRoute[];
  port?: number;
  host?: string;
  /** API Gateway HTTP APIs accept at most 10 MB; bigger requests get 413 before any Lambda runs. */
  maxBodyBytes?: number;
  now?: () => number;
}

const matches = (route: GatewayRoute, method: string, path: string): boolean =>
  (route.method === 'ANY' || route.method === method) &&
  (route.path.endsWith('/*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path);

const TEXTUAL = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

/**
 * Builds the API Gateway HTTP API (payload v2.0) event for a request, the way AWS does: lower-case
 * headers, raw path and query string, base64 body for non-text content types.
 */
export const toApiGatewayEvent = (
  req: {
    method: string;
    url: string;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
    sourceIp?: string;
  },
  routeKey: string,
  now: number
): APIGatewayProxyEventV2 => {
  const [rawPath = '/', rawQueryString = ''] = req.url.split('?', 2) as [string, string?];
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const textual = req.body.length === 0 || TEXTUAL.test(headers['content-type'] ?? '');
  const query = new URLSearchParams(rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const [k, v] of query)
    queryStringParameters[k] = queryStringParameters[k] ? `${queryStringParameters[k]},${v}` : v;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...(req.body.length > 0
      ? { body: textual ? req.body.toString('utf8') : req.body.toString('base64') }
      : {}),
    isBase64Encoded: !textual,
  };
};

const readBody = (req: IncomingMessage, max: number): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** A local stand-in for the HTTP API: routes requests to Lambda handlers as API Gateway v2 events. */
export const startHttpGateway = async (
  options: GatewayOptions
): Promise<{ url: string; stop: () => Promise<void>; server: Server }> => {
  const now = options.now ?? Date.now;
  const max = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = options.routes.find((r) => matches(r, method, path));
    const body = await readBody(req, max).catch(() => undefined);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    if (body === undefined) {
      res
        .writeHead(413, { 'content-type': 'application/json' })
        .end('{"message":"Request Entity Too Large"}');
      return;
    }
    try {
      const event = toApiGatewayEvent(
        {
          method,
          url: req.url ?? '/',
          headers: req.headers,
          body,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        },
        `${route.method === 'ANY' ? 'ANY' : method} ${route.path}`,
        now()
      );
      const result = await route.invoke(event);
      const structured: APIGatewayProxyStructuredResultV2 =
        typeof result === 'string' || result === undefined
          ? { statusCode: 200, body: result ?? '' }
          : result;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k] = String(v);
      if (!headers['content-type'] && typeof result === 'string')
        headers['content-type'] = 'application/json';
      const payload = structured.isBase64Encoded
        ? Buffer.from(structured.body ?? '', 'base64')
        : (structured.body ?? '');
      res.writeHead(structured.statusCode ?? 200, headers).end(payload);
    } catch {
      // API Gateway answers 500 "Internal Server Error" when the integration fails; nothing else leaks.
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"message":"Internal Server Error"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${options.port} is already in use`) : err)
    );
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
