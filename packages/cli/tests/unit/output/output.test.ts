// The output layer: human text or one JSON document, colour only on a terminal, checklists with fixes,
// tables, and failures as one line plus the exit code.
import { ConfigError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { type CommandIo, UsageError } from '../../../src/command';
import { colourWanted, makeColours } from '../../../src/output/colour';
import { EXIT_CODE } from '../../../src/output/exit-codes';
import { makeOutput, runOperatorCommand } from '../../../src/output/output';
import { renderChecklist, renderTable } from '../../../src/output/render';

const io = (tty = false, env: Record<string, string> = {}) => {
  let out = '';
  let err = '';
  const value: CommandIo = {
    stdout: { write: (t: string) => (out += t), isTTY: tty },
    stderr: { write: (t: string) => (err += t), isTTY: tty },
    env,
  };
  return { io: value, out: () => out, err: () => err };
};

describe('makeOutput', () => {
  it('writes human lines and notes, and ignores emit, without --json', () => {
    const t = io();
    const out = makeOutput(t.io, { json: false });
    out.line('hello');
    out.note('note');
    out.emit({ a: 1 });
    expect(t.out()).toBe('hello\n');
    expect(t.err()).toBe('note\n');
  });

  it('writes exactly the JSON document with --json', () => {
    const t = io(true);
    const out = makeOutput(t.io, { json: true });
    out.line('hello');
    out.note('note');
    out.progress(100, 'items').advance(50);
    out.emit({ a: 1 });
    expect(JSON.parse(t.out())).toEqual({ a: 1 });
    expect(t.err()).toBe('');
  });

  it('draws a progress bar on a terminal only', () => {
    const tty = io(true);
    makeOutput(tty.io, { json: false }).progress(4, 'checks').advance(2);
    const piped = io(false);
    makeOutput(piped.io, { json: false }).progress(4, 'checks').advance(2);
    expect(tty.err()).toContain('2/4 checks');
    expect(piped.err()).toBe('');
  });
});

describe('colour', () => {
  it.each([
    { name: 'a terminal', tty: true, env: {}, json: false, want: true },
    { name: 'a pipe', tty: false, env: {}, json: false, want: false },
    { name: '--json', tty: true, env: {}, json: true, want: false },
    { name: 'NO_COLOR', tty: true, env: { NO_COLOR: '1' }, json: false, want: false },
    { name: 'TERM=dumb', tty: true, env: { TERM: 'dumb' }, json: false, want: false },
  ])('is $want on $name', ({ tty, env, json, want }) => {
    expect(colourWanted(io(tty, env).io, json)).toBe(want);
  });

  it('wraps text in ANSI codes only when enabled', () => {
    expect(makeColours(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(makeColours(false).red('x')).toBe('x');
  });
});

describe('renderChecklist', () => {
  const lines = [
    { name: 'queue', status: 'ok' as const, detail: 'empty' },
    { name: 'secret', status: 'fail' as const, detail: 'missing', fix: 'put a value' },
    { name: 'alarms', status: 'skip' as const, detail: 'no alarms (local)', fix: 'never shown' },
  ];

  it('uses words off a terminal and follows each failed line with its fix', () => {
    expect(renderChecklist(lines, makeColours(false), false)).toEqual([
      '[ok]   queue   empty',
      '[FAIL] secret  missing',
      '       fix: put a value',
      '[skip] alarms  no alarms (local)',
    ]);
  });

  it('uses symbols on a terminal', () => {
    expect(renderChecklist(lines, makeColours(false), true)[0]).toBe('✓ queue   empty');
  });
});

describe('renderTable', () => {
  it('aligns columns and never cuts the last one', () => {
    const long = 'a long description that is longer than sixty characters, kept whole on purpose';
    expect(
      renderTable(
        ['ID', 'WHAT'],
        [
          ['d1', long],
          ['d22', 'short'],
        ],
        makeColours(false)
      )
    ).toEqual(['ID   WHAT', `d1   ${long}`, 'd22  short']);
  });
});

describe('runOperatorCommand', () => {
  it('turns a failure into one stderr line and its exit code', async () => {
    const t = io();
    const code = await runOperatorCommand('trace', t.io, false, async () => {
      throw new ConfigError('config: AUDIT_TABLE is required');
    });
    expect(code).toBe(EXIT_CODE.config);
    expect(t.err()).toBe('govwin-ace trace: config: AUDIT_TABLE is required [CONFIG_INVALID]\n');
    expect(t.out()).toBe('');
  });

  it('also writes a JSON error document with --json', async () => {
    const t = io();
    await runOperatorCommand('trace', t.io, true, async () => {
      throw new ConfigError('config: x');
    });
    expect(JSON.parse(t.out())).toEqual({
      ok: false,
      error: { code: 'CONFIG', exitCode: 4, message: 'config: x [CONFIG_INVALID]' },
    });
  });

  it('hands usage errors back to main (which prints the usage)', async () => {
    await expect(
      runOperatorCommand('trace', io().io, false, async () => {
        throw new UsageError('bad');
      })
    ).rejects.toThrow('bad');
  });
});
