// Every AWS client bounds one HTTP attempt: a server that accepts the connection and never answers makes the
// call fail (a retryable TimeoutError, classified as `unavailable` for Partner Central) instead of hanging until
// the Lambda times out. A real loopback server that never responds, no timers faked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetOpportunityCommand } from '@aws-sdk/client-partnercentral-selling';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { classifyAceError } from '../../../src/ace/errors';
import { partnerCentralClient, sqsClient } from '../../../src/aws/clients';

let server: Server;
let url: string;
let requests = 0;
const credentials = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' };

beforeAll(async () => {
  // Reads each request and never answers it.
  server = createServer((req) => {
    requests += 1;
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('AWS client request timeout', () => {
  it('fails a Partner Central call that gets no answer, as a retryable unavailable error', async () => {
    const client = partnerCentralClient({
      endpoints: { partnercentral: url },
      credentials,
      maxAttempts: 1,
      requestTimeoutMs: 300,
    });
    try {
      const err = await client
        .send(new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: 'O1234567' }))
        .then(
          () => undefined,
          (e: unknown) => e
        );
      expect((err as Error).name).toBe('TimeoutError');
      const classified = classifyAceError(err, 'GetOpportunity');
      expect(classified.kind).toBe('unavailable');
      expect(classified.retryable).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('retries a timed-out attempt like any transient fault', async () => {
    const before = requests;
    const client = sqsClient({
      region: 'us-east-1',
      endpoints: { sqs: url },
      credentials,
      maxAttempts: 2,
      requestTimeoutMs: 300,
    });
    try {
      await expect(client.send(new ListQueuesCommand({}))).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      expect(requests - before).toBe(2);
    } finally {
      client.destroy();
    }
  });

  it('defaults to a bounded timeout', async () => {
    const client = sqsClient({ region: 'us-east-1' });
    try {
      const handler = client.config.requestHandler as unknown as {
        configProvider?: Promise<{ requestTimeout?: number; connectionTimeout?: number }>;
        config?: { requestTimeout?: number; connectionTimeout?: number };
      };
      const config = handler.config ?? (await handler.configProvider);
      expect(config?.requestTimeout).toBe(10_000);
      expect(config?.connectionTimeout).toBe(3_000);
    } finally {
      client.destroy();
    }
  });
});
