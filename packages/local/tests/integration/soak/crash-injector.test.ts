import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { handlerPath, type LambdaSpec } from '../../../src/runtime/lambda-catalog';
import { crashPointFor, makeCrashInjector, SimulatedCrash } from '../../../src/soak/crash-injector';

/** The test handler in ./fixtures/src/handlers/outbound.ts (loaded like any deployed handler). */
const SPEC: LambdaSpec = {
  name: 'soak-test-outbound',
  package: 'local/tests/integration/soak/fixtures',
  handler: 'outbound',
  trigger: { kind: 'schedule', expression: 'rate(1 hour)' },
  description: 'test handler',
};

/** The packages directory handler paths are resolved from. */
const PACKAGES = handlerPath(SPEC).slice(
  0,
  -`${SPEC.package}/src/handlers/${SPEC.handler}.ts`.length
);

describe('makeCrashInjector', () => {
  let server: Server;
  let base = '';
  let received = 0;
  let delayMs = 0;
  const notInvoked = async () => {
    throw new Error('the stack invoke must not be used');
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received += 1;
        setTimeout(() => res.writeHead(200).end('{}'), delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    received = 0;
    delayMs = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const urls = (n: number) => Array.from({ length: n }, (_, i) => `${base}/call/${i}`);

  it.each(['fetch', 'http'] as const)(
    'lets the armed call reach the server, then kills the invocation (%s)',
    async (via) => {
      // Arrange: every invocation armed; where it crashes is a pure function of the seed.
      const seed = via === 'fetch' ? 11 : 12;
      const crashAfter = crashPointFor({ seed, lambda: SPEC.name, invocation: 1, killRate: 1 });
      const crashes = makeCrashInjector({ seed, killRate: 1, timeoutsS: { [SPEC.name]: 30 } });
      crashes.install();
      try {
        const invoke = crashes.wrap(SPEC, notInvoked);
        // Act
        const outcome = await invoke({ urls: urls(10), via, keepGoing: true }).then(
          () => 'completed',
          (err: unknown) => err
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        // Assert: exactly the calls up to the crash point reached the server, none after it.
        expect(outcome).toBeInstanceOf(SimulatedCrash);
        expect(received).toBe(crashAfter);
        expect(crashes.stats()[SPEC.name]).toMatchObject({ invocations: 1, armed: 1, crashed: 1 });
      } finally {
        crashes.uninstall();
      }
    }
  );

  it('passes calls through when no crash is armed and replaces a crashed environment', async () => {
    // Arrange
    const armed = makeCrashInjector({ seed: 3, killRate: 1, timeoutsS: { [SPEC.name]: 30 } });
    const calm = makeCrashInjector({ seed: 3, killRate: 0, timeoutsS: { [SPEC.name]: 30 } });
    armed.install();
    try {
      const crashing = armed.wrap(SPEC, notInvoked);
      await crashing({ urls: urls(10), via: 'http' }).catch(() => undefined);
      const afterCrash = (await crashing({ urls: [], via: 'http' })) as { instanceId: number };
      const second = (await crashing({ urls: [], via: 'http' })) as { instanceId: number };
      armed.uninstall();
      calm.install();
      const normal = calm.wrap(SPEC, notInvoked);
      received = 0;
      // Act
      const result = (await normal({ urls: urls(3), via: 'fetch' })) as { statuses: number[] };
      // Assert
      expect(result.statuses).toEqual([200, 200, 200]);
      expect(received).toBe(3);
      expect(armed.stats()[SPEC.name]?.coldStarts).toBe(2);
      expect(second.instanceId).toBe(afterCrash.instanceId);
      expect(calm.stats()[SPEC.name]).toMatchObject({ invocations: 1, armed: 0, crashed: 0 });
    } finally {
      armed.uninstall();
      calm.uninstall();
    }
  });

  it('reuses the crashed environment when the handler source changed since the run started', async () => {
    // Arrange: a private copy of the test handler, edited after the first (crashing) invocation.
    const dir = mkdtempSync(join(tmpdir(), 'soak-handler-'));
    mkdirSync(join(dir, 'src', 'handlers'), { recursive: true });
    const file = join(dir, 'src', 'handlers', 'outbound.ts');
    writeFileSync(file, readFileSync(handlerPath(SPEC)));
    const spec: LambdaSpec = { ...SPEC, name: 'soak-test-copy', package: relative(PACKAGES, dir) };
    const crashes = makeCrashInjector({ seed: 3, killRate: 1, timeoutsS: { [spec.name]: 30 } });
    crashes.install();
    try {
      const invoke = crashes.wrap(spec, notInvoked);
      const first = (await invoke({ urls: [], via: 'http' })) as { instanceId: number };
      await invoke({ urls: urls(10), via: 'http' }).catch(() => undefined);
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport const edited = true;\n`);
      // Act
      const after = (await invoke({ urls: [], via: 'http' })) as { instanceId: number };
      // Assert
      expect(after.instanceId).toBe(first.instanceId);
      expect(crashes.stats()[spec.name]).toMatchObject({ crashed: 1, reloadFailures: 1 });
    } finally {
      crashes.uninstall();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('times an invocation out and keeps its abandoned code off the network', async () => {
    // Arrange: the first call answers after the 300 ms timeout; the handler then tries two more.
    delayMs = 800;
    const crashes = makeCrashInjector({ seed: 1, killRate: 0, timeoutsS: { [SPEC.name]: 0.3 } });
    crashes.install();
    try {
      const invoke = crashes.wrap(SPEC, notInvoked);
      // Act
      const outcome = await invoke({ urls: urls(3), via: 'fetch', keepGoing: true }).then(
        () => 'completed',
        (err: unknown) => (err as Error).message
      );
      await new Promise((resolve) => setTimeout(resolve, 1200));
      // Assert
      expect(outcome).toMatch(/timed out after 300 ms/);
      expect(received).toBe(1);
      expect(crashes.stats()[SPEC.name]).toMatchObject({ timedOut: 1, crashed: 0 });
    } finally {
      crashes.uninstall();
    }
  });

  it('records the last failure of each SQS message by body', async () => {
    // Arrange
    const crashes = makeCrashInjector({ seed: 1, killRate: 0, timeoutsS: { [SPEC.name]: 30 } });
    crashes.install();
    try {
      const invoke = crashes.wrap(SPEC, notInvoked);
      // Act: the handler throws on an SQS event (it has no urls), as a failed invocation does.
      await invoke({ Records: [{ messageId: 'm-1', body: '{"dealId":"42"}' }] }).catch(
        () => undefined
      );
      // Assert
      expect(crashes.messageFailures().get('{"dealId":"42"}')).toMatchObject({
        messageId: 'm-1',
        lambda: SPEC.name,
        kind: 'threw',
        detail: 'TypeError',
      });
    } finally {
      crashes.uninstall();
    }
  });
});
