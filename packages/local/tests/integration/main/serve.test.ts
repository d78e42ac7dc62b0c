// `pnpm start -- --serve`: after the scenario the API and simulators stay up until Ctrl-C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

describe('pnpm start -- --serve', () => {
  it('keeps the API and simulators up, prints their URLs, and stops cleanly on SIGINT', async () => {
    // Arrange
    const child = spawn(
      process.execPath,
      [`${root}node_modules/tsx/dist/cli.mjs`, `${root}packages/local/src/main.ts`, '--serve'],
      {
        cwd: root,
        env: {
          ...process.env,
          NO_COLOR: '1',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    );
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code))
    );
    // Act: wait for the URLs
    const deadline = Date.now() + 200_000;
    while (
      !/GovWin simulator\s+http/.test(stdout) &&
      Date.now() < deadline &&
      child.exitCode === null
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const api = /API \(webhooks, card routes\)\s+(http:\/\/\S+)/.exec(stdout)?.[1];
    const govwin = /GovWin simulator\s+(http:\/\/\S+)/.exec(stdout)?.[1];
    const unsigned = api ? await fetch(`${api}/ui-extension/config`) : undefined;
    const simAlive = govwin ? await fetch(`${new URL(govwin).origin}/__sim/inspect`) : undefined;
    child.kill('SIGINT');
    const code = await exited;
    // Assert
    expect(api).toBeDefined();
    expect(unsigned?.status).toBe(401);
    expect(simAlive?.status).toBe(200);
    expect(code).toBe(0);
  }, 240_000);
});
