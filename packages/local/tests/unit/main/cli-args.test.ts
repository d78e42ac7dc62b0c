import { describe, expect, it } from '@jest/globals';
import { parseMainArgs } from '../../../src/cli-args';

describe('parseMainArgs', () => {
  it('defaults to a safe simulator run', () => {
    expect(parseMainArgs([])).toEqual({
      serve: false,
      live: false,
      catalog: undefined,
      seed: 1,
      opportunities: 12,
      apiPort: undefined,
      yes: false,
      json: false,
      dynalite: false,
      help: false,
    });
  });

  it('reads every flag (pnpm passes a leading --)', () => {
    expect(
      parseMainArgs([
        '--',
        '--serve',
        '--seed',
        '7',
        '--opportunities',
        '40',
        '--api-port',
        '8080',
        '--json',
      ])
    ).toMatchObject({
      serve: true,
      seed: 7,
      opportunities: 40,
      apiPort: 8080,
      json: true,
    });
  });

  it.each([
    { argv: ['--bogus'], message: 'unknown option --bogus (see --help)' },
    { argv: ['--seed'], message: '--seed needs a value' },
    { argv: ['--seed', 'x'], message: '--seed must be an integer 0..2147483647' },
    { argv: ['--opportunities', '0'], message: '--opportunities must be an integer 1..5000' },
    { argv: ['--api-port', '70000'], message: '--api-port must be an integer 1..65535' },
    { argv: ['--catalog', 'Prod'], message: '--catalog must be Sandbox or AWS' },
    {
      argv: ['--catalog', 'AWS'],
      message: '--catalog AWS is only meaningful with --live (the simulator run is always safe)',
    },
  ])('rejects $argv with one line', ({ argv, message }) => {
    expect(() => parseMainArgs(argv)).toThrow(message);
  });

  it('truncates a very long unknown option in its message', () => {
    expect(() => parseMainArgs([`--${'x'.repeat(500)}`])).toThrow(
      /^unknown option --x{38}\.\.\. \(see --help\)$/
    );
  });
});
