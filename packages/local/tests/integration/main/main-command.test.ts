// The README's run command, run as a user runs it: a separate process, real simulators, real handlers.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
const main = `${root}packages/local/src/main.ts`;

const run = (args: string[], env: Record<string, string | undefined> = process.env) =>
  spawnSync(process.execPath, [tsx, main, ...args], {
    cwd: root,
    env: { ...env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
    timeout: 240_000,
  });

describe('pnpm start (packages/local/src/main.ts)', () => {
  it('runs the whole scenario on the simulators, prints progress and a summary, and exits 0', () => {
    // Act
    const res = run(['--seed', '3']);
    // Assert
    expect(res.stderr).not.toMatch(/govwin-ace local:/);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('summary');
    expect(res.stdout).not.toMatch(/^\s+(FAIL|skip)\s/m);
    for (const step of [
      'GovWin -> HubSpot sync',
      'a rep submits a deal from the card',
      'receiver -> submit queue -> Partner Central',
      'simulated AWS review',
      'an AWS referral becomes a deal',
      'scheduled reconcile',
    ]) {
      expect(res.stdout).toMatch(
        new RegExp(`^\\s+ok\\s+.*${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm')
      );
    }
    expect(res.stdout).toMatch(/messages in dead-letter queues\s+0$/m);
    // Nothing on the happy path pages an operator.
    expect(res.stdout).toMatch(/alerts raised \(SNS\)\s+0$/m);
  }, 240_000);

  describe('bad configuration', () => {
    let blocker: Server;
    let port = 0;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
      const addr = blocker.address();
      port = typeof addr === 'object' && addr ? addr.port : 0;
    });
    afterAll(async () => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('a bad flag gets one line and exit 2', () => {
      const res = run(['--frobnicate']);
      expect(res.status).toBe(2);
      expect(res.stderr.trim()).toBe('govwin-ace local: unknown option --frobnicate (see --help)');
    });

    it('an API port in use gets one line and exit 2', () => {
      const res = run(['--api-port', String(port)]);
      expect(res.status).toBe(2);
      expect(res.stderr).toContain(`govwin-ace local: port ${port} is already in use`);
    }, 120_000);

    it('missing Java gets one line naming the fix and exit 2', () => {
      const res = run([], { ...process.env, PATH: '/nonexistent' });
      expect(res.status).toBe(2);
      expect(res.stderr.trim().split('\n').at(-1)).toBe(
        'govwin-ace local: java not found: DynamoDB Local needs Java 17 (apt-get install openjdk-17-jre-headless), or pass --dynalite'
      );
    });

    it('--help prints the usage with an example and exits 0', () => {
      const res = run(['--help']);
      expect(res.status).toBe(0);
      expect(res.stdout).toContain('usage: pnpm start');
      expect(res.stdout).toContain('example:');
    });
  });
});
