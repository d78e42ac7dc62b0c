import { ConfigError, UpstreamError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { type Command, EXIT, UsageError } from '../../src/command';
import { COMMANDS } from '../../src/commands/index';
import { main } from '../../src/main';
import { makeProgress } from '../../src/progress';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      env: {},
    },
  };
};

const fake = (run: Command['run']): Command => ({
  name: 'fake',
  summary: 'a fake',
  usage: 'Usage: govwin-ace fake',
  run,
});

describe('main', () => {
  it('lists every command in the table on --help', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(EXIT.ok);
    for (const c of COMMANDS) expect(t.out.join('')).toContain(c.name);
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['setup-hubspot', 'sync']));
  });

  it('refuses an unknown command with exit 2', async () => {
    const t = io();
    expect(await main(['frobnicate'], t.io)).toBe(EXIT.usage);
    expect(t.err.join('')).toContain("unknown command 'frobnicate'");
  });

  it('prints a command usage on <command> --help without running it', async () => {
    const t = io();
    let ran = false;
    expect(
      await main(['fake', '--help'], t.io, [
        fake(async () => {
          ran = true;
          return 0;
        }),
      ])
    ).toBe(EXIT.ok);
    expect(ran).toBe(false);
    expect(t.out.join('')).toContain('Usage: govwin-ace fake');
  });

  it.each([
    {
      name: 'usage error',
      error: new UsageError('give --once'),
      code: EXIT.usage,
      line: 'govwin-ace fake: give --once',
    },
    {
      name: 'configuration error',
      error: new ConfigError('config: invalid environment: X is required'),
      code: EXIT.usage,
      line: 'govwin-ace fake: config: invalid environment: X is required [CONFIG_INVALID]',
    },
    {
      name: 'upstream failure',
      error: new UpstreamError('GovWin down'),
      code: EXIT.problems,
      line: 'govwin-ace fake: GovWin down [UPSTREAM_FAILED]',
    },
  ])('turns a $name into one line and exit $code', async ({ error, code, line }) => {
    const t = io();
    expect(await main(['fake'], t.io, [fake(async () => Promise.reject(error))])).toBe(code);
    expect(t.err.join('').split('\n')[0]).toBe(line);
  });
});

describe('sync command arguments', () => {
  it.each([[['--once', '--dry-run']], [[]], [['--once', '--limit', '0']], [['--once', '--bogus']]])(
    'rejects %j before building anything',
    async (args) => {
      const t = io();
      expect(await main(['sync', ...args], t.io)).toBe(EXIT.usage);
    }
  );
});

describe('makeProgress', () => {
  it('draws on a terminal and stays silent when piped', () => {
    const tty: string[] = [];
    const p = makeProgress(
      { write: (s: string) => tty.push(s), isTTY: true, columns: 80 },
      4,
      'opportunities'
    );
    p.advance(2);
    p.done();
    expect(tty.join('')).toContain('2/4 opportunities');
    const piped: string[] = [];
    const q = makeProgress({ write: (s: string) => piped.push(s) }, 4, 'opportunities');
    q.advance(4);
    q.done();
    expect(piped).toEqual([]);
  });
});
