import { PassThrough } from 'node:stream';
import { describe, expect, it, jest } from '@jest/globals';
import { askOnTerminal, confirmLive } from '../../../src/live/live-confirm';

describe('confirmLive', () => {
  it('goes ahead with --yes without asking', async () => {
    const ask = jest.fn(async () => 'n');
    expect(await confirmLive({ yes: true, interactive: false, ask })).toBe('confirmed');
    expect(ask).not.toHaveBeenCalled();
  });

  it('refuses without --yes when nobody can be asked', async () => {
    const ask = jest.fn(async () => 'y');
    expect(await confirmLive({ yes: false, interactive: false, ask })).toBe('no-terminal');
    expect(ask).not.toHaveBeenCalled();
  });

  it.each(['y', 'Y', 'yes', ' YES '])('goes ahead when the operator types %p', async (answer) => {
    expect(await confirmLive({ yes: false, interactive: true, ask: async () => answer })).toBe(
      'confirmed'
    );
  });

  it.each(['', 'n', 'no', 'yep', 'y y'])('stops when the operator types %p', async (answer) => {
    expect(await confirmLive({ yes: false, interactive: true, ask: async () => answer })).toBe(
      'declined'
    );
  });
});

describe('askOnTerminal', () => {
  it('prints the question and resolves the line typed', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c: Buffer) => {
      shown += c.toString('utf8');
    });
    const answer = askOnTerminal(input, output)('proceed? ');
    input.write('y\n');
    expect(await answer).toBe('y');
    expect(shown).toBe('proceed? ');
  });

  it('resolves an empty answer when the input ends', async () => {
    const input = new PassThrough();
    const answer = askOnTerminal(input, new PassThrough())('proceed? ');
    input.end();
    expect(await answer).toBe('');
  });
});
