// Bootstrap shared by the protocol simulators: a real node:http server on loopback (random free
// port by default) that reads the raw body, hands a parsed request to the simulator's handler and
// writes its response. Handlers can also answer `HANG` to simulate a timeout.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the simulators see it; `rawBody` is exactly the bytes received (UTF-8). */
export interface SimRequest {
  method: string;
  url: URL;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** First value of a header (case-insensitive), or undefined. */
  header(name: string): string | undefined;
}

/** A response. A string or Buffer body is sent as is; anything else is sent as JSON. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Marker: never answer this request (the client times out, or the server stops). */
export const HANG: unique symbol = Symbol('simulator-hang');
export type SimHang = typeof HANG;

export type SimHandler = (
  req: SimRequest
) => Promise<SimResponse | SimHang> | SimResponse | SimHang;

export interface StartHttpSimulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  handler: SimHandler;
  /** Request bodies above this size get 413 (default 10 MiB). */
  maxBodyBytes?: number;
  /** Turns an unexpected handler error into a response (default: generic JSON 500). */
  onError?: (err: unknown, req: SimRequest) => SimResponse;
}

export interface RunningHttpSimulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  host: string;
  /** Closes the listener and every open connection (hanging requests included). */
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

const send = (res: ServerResponse, response: SimResponse): void => {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let payload: string | Buffer | undefined;
  if (response.body === undefined) payload = undefined;
  else if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) {
    payload = response.body;
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
  } else {
    payload = JSON.stringify(response.body);
    if (!hasType) headers['content-type'] = 'application/json;charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
};

const makeRequest = (
  method: string,
  rawUrl: string,
  base: string,
  headers: IncomingHttpHeaders,
  rawBody: string
): SimRequest => {
  const url = new URL(rawUrl, base);
  return {
    method,
    url,
    path: url.pathname,
    query: url.searchParams,
    headers,
    rawBody,
    header: (name) => {
      const v = headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
  };
};

/**
 * Starts a simulator HTTP server. Rejects with a one-line error when the port is taken.
 * @example const sim = await startHttpSimulator({ handler: () => ({ status: 204 }) }); await sim.stop();
 */
export const startHttpSimulator = async ({
  port = 0,
  host = '127.0.0.1',
  handler,
  maxBodyBytes = DEFAULT_MAX_BODY,
  onError = () => ({ status: 500, body: { message: 'simulator internal error' } }),
}: StartHttpSimulatorOptions): Promise<RunningHttpSimulator> => {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`simulator: invalid port ${String(port)}`);
  }
  const sockets = new Set<Socket>();
  let base = `http://${host}`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) {
        send(res, { status: 413, body: { message: 'request body too large' } });
        return;
      }
      let simReq: SimRequest;
      try {
        simReq = makeRequest(
          req.method ?? 'GET',
          req.url ?? '/',
          base,
          req.headers,
          Buffer.concat(chunks).toString('utf8')
        );
      } catch {
        send(res, { status: 400, body: { message: 'bad request line' } });
        return;
      }
      Promise.resolve()
        .then(() => handler(simReq))
        .then(
          (out) => {
            if (out !== HANG) send(res, out);
          },
          (err: unknown) => send(res, onError(err, simReq))
        );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    const onListenError = (err: NodeJS.ErrnoException) => {
      const reason = err.code === 'EADDRINUSE' ? 'is in use' : `cannot be bound (${err.code})`;
      reject(new Error(`simulator: port ${port} on ${host} ${reason}`));
    };
    server.once('error', onListenError);
    server.listen(port, host, () => {
      server.off('error', onListenError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  base = `http://${urlHost}:${address.port}`;
  let stopped: Promise<void> | undefined;
  return {
    url: base,
    port: address.port,
    host,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return stopped;
    },
  };
};

/** Resolves after `ms` (0 resolves on the next macrotask). */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Parses a JSON request body; returns `{ ok: false }` for an empty or malformed body. */
export const parseJsonBody = (raw: string): { ok: true; value: unknown } | { ok: false } => {
  if (raw.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
};
