// Every operator command is in the command table and answers --help with its usage, an example and the
// exit codes.
import { describe, expect, it } from '@jest/globals';
import type { CommandIo } from '../../../src/command';
import { COMMANDS } from '../../../src/commands/index';
import { main } from '../../../src/main';

const OPERATOR_COMMANDS = ['doctor', 'trace', 'drift', 'dlq', 'dry-run'];

const capture = () => {
  let out = '';
  const io: CommandIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => true },
    env: {},
  };
  return { io, out: () => out };
};

describe('operator commands --help', () => {
  it('registers every operator command', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(OPERATOR_COMMANDS));
  });

  it.each(OPERATOR_COMMANDS)(
    'govwin-ace %s --help prints usage with an example and the exit codes',
    async (name) => {
      const c = capture();
      const code = await main([name, '--help'], c.io);
      expect(code).toBe(0);
      expect(c.out()).toMatch(new RegExp(`^Usage: govwin-ace ${name}`));
      expect(c.out()).toMatch(new RegExp(`\\nExamples:\\n  govwin-ace ${name}`));
      expect(c.out()).toContain(
        'Exit codes: 0 ok, 1 problems found, 2 bad arguments, 3 unknown id, 4 configuration'
      );
    }
  );

  it('lists them in the top-level help', async () => {
    const c = capture();
    await main(['--help'], c.io);
    for (const name of OPERATOR_COMMANDS) expect(c.out()).toMatch(new RegExp(`\\n  ${name} +\\S`));
  });
});
