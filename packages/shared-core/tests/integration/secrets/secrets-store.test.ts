import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  ConfigError,
  makeAwsClients,
  makeSecretsStore,
  parseRotatingSecret,
  UpstreamError,
} from '../../../src/index';

/**
 * The real AWS SDK client (built by makeAwsClients with an endpoint override) against a loopback
 * server speaking Secrets Manager's AWS JSON 1.1 protocol: checks request serialisation, response
 * parsing and the SDK's error shapes end to end, without the internet.
 */
describe('makeSecretsStore with the real SDK client over HTTP', () => {
  let server: Server;
  let endpoint: string;
  const secrets = new Map<string, string>();
  const calls: { target: string; input: Record<string, unknown> }[] = [];
  let failNext: { status: number; type: string } | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const input = JSON.parse(raw || '{}') as Record<string, unknown>;
        calls.push({ target, input });
        const reply = (status: number, body: unknown, type?: string) => {
          res.writeHead(status, {
            'content-type': 'application/x-amz-json-1.1',
            ...(type ? { 'x-amzn-errortype': type } : {}),
          });
          res.end(JSON.stringify(body));
        };
        if (failNext) {
          const { status, type } = failNext;
          reply(status, { __type: type, message: `failure for ${String(input.SecretId)}` }, type);
          return;
        }
        const id = String(input.SecretId);
        if (target === 'secretsmanager.GetSecretValue') {
          const value = secrets.get(id);
          if (value === undefined) {
            reply(
              400,
              { __type: 'ResourceNotFoundException', message: `can't find ${id}` },
              'ResourceNotFoundException'
            );
            return;
          }
          reply(200, { ARN: id, Name: id, SecretString: value, VersionId: 'v1' });
          return;
        }
        if (target === 'secretsmanager.PutSecretValue') {
          secrets.set(id, String(input.SecretString));
          reply(200, { ARN: id, Name: id, VersionId: 'v2' });
          return;
        }
        reply(400, { __type: 'InvalidRequestException', message: 'unsupported' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    secrets.clear();
    calls.length = 0;
    failNext = undefined;
  });

  const store = () =>
    makeSecretsStore({
      client: makeAwsClients({
        region: 'us-east-1',
        endpoints: { secretsmanager: endpoint },
        credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
        maxAttempts: 2,
      }).secretsManager(),
    });

  it('reads, caches, writes and re-reads a rotating signing secret', async () => {
    // Arrange
    secrets.set('govwin-ace/dev/signing', JSON.stringify({ current: 'one' }));
    const s = store();
    // Act
    const before = parseRotatingSecret(await s.getString('govwin-ace/dev/signing'));
    await s.getString('govwin-ace/dev/signing');
    await s.put('govwin-ace/dev/signing', { current: 'two', previous: 'one' });
    const after = await s.getJson('govwin-ace/dev/signing', z.object({ current: z.string() }));
    // Assert
    expect(before).toEqual({ current: 'one' });
    expect(after).toEqual({ current: 'two' });
    expect(calls.map((c) => c.target)).toEqual([
      'secretsmanager.GetSecretValue',
      'secretsmanager.PutSecretValue',
    ]);
    expect(calls[1]?.input).toMatchObject({
      SecretId: 'govwin-ace/dev/signing',
      SecretString: '{"current":"two","previous":"one"}',
    });
    expect(secrets.get('govwin-ace/dev/signing')).toBe('{"current":"two","previous":"one"}');
  });

  it('maps a missing secret to a ConfigError naming only the secret', async () => {
    const error = (await store()
      .getString('arn:aws:secretsmanager:us-east-1:123456789012:secret:nope-AbCdEf')
      .catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      "secrets: cannot read secret 'nope-AbCdEf' (ResourceNotFoundException)"
    );
  });

  it('maps a server fault, after the SDK retries, to a retryable UpstreamError', async () => {
    failNext = { status: 500, type: 'InternalServiceError' };
    const error = (await store()
      .getString('govwin-ace/dev/signing')
      .catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      "secrets: cannot read secret 'govwin-ace/dev/signing' (InternalServiceError)"
    );
    expect(calls).toHaveLength(2);
  });
});
