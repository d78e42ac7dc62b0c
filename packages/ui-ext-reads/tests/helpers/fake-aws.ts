import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One JSON-protocol AWS operation answered by the fake: `X-Amz-Target` -> response body. */
export type FakeOperation = (input: Record<string, unknown>) => unknown;

/**
 * A loopback server speaking the AWS JSON protocol for the handful of operations a test needs (Secrets
 * Manager, Partner Central). Unknown targets answer a JSON `UnknownOperationException` 400.
 */
export const startFakeAws = async (operations: Record<string, FakeOperation>) => {
  const calls: { target: string; input: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      calls.push({ target, input });
      const op = operations[target];
      const type = target.startsWith('secretsmanager')
        ? 'application/x-amz-json-1.1'
        : 'application/x-amz-json-1.0';
      if (!op) {
        res.writeHead(400, { 'content-type': type });
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: target }));
        return;
      }
      res.writeHead(200, { 'content-type': type });
      res.end(JSON.stringify(op(input)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
