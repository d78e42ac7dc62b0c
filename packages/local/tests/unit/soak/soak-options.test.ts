import { describe, expect, it } from '@jest/globals';
import { parseSoakArgs } from '../../../src/soak/soak-options';

describe('parseSoakArgs', () => {
  it('uses the issue defaults when no flag is given', () => {
    // Act
    const o = parseSoakArgs([]);
    // Assert
    expect(o).toMatchObject({
      opportunities: 1000,
      submissions: 200,
      faultRate: 0.2,
      killRate: 0.05,
      seed: 1,
      invitations: 20,
      invalidSubmissions: 5,
      editShare: 0.5,
      timeouts: 'production',
      json: false,
    });
  });

  it('reads --flag value and --flag=value forms', () => {
    // Act
    const o = parseSoakArgs([
      '--opportunities=100',
      '--submissions',
      '20',
      '--fault-rate',
      '0.35',
      '--kill-rate=0',
      '--seed',
      '42',
      '--timeouts',
      'short',
      '--json',
    ]);
    // Assert
    expect(o).toMatchObject({
      opportunities: 100,
      submissions: 20,
      faultRate: 0.35,
      killRate: 0,
      seed: 42,
      invitations: 2,
      invalidSubmissions: 1,
      timeouts: 'short',
      json: true,
    });
  });

  it.each([
    {
      name: 'an unknown flag',
      argv: ['--opportunity', '5'],
      message: /unknown flag --opportunity/,
    },
    { name: 'a missing value', argv: ['--seed'], message: /--seed needs a value/ },
    {
      name: 'a rate above 1',
      argv: ['--fault-rate', '1.5'],
      message: /--fault-rate must be a number in 0..1/,
    },
    {
      name: 'a non-integer count',
      argv: ['--submissions', '2.5'],
      message: /--submissions must be an integer/,
    },
    { name: 'a negative seed', argv: ['--seed', '-1'], message: /--seed must be an integer/ },
    {
      name: 'an unknown profile',
      argv: ['--timeouts', 'fast'],
      message: /--timeouts must be production or short/,
    },
    {
      name: 'more submissions than opportunities',
      argv: ['--opportunities', '10', '--submissions', '10'],
      message: /must not exceed --opportunities/,
    },
  ])('refuses $name with a one-line error', ({ argv, message }) => {
    // Act & Assert
    expect(() => parseSoakArgs(argv)).toThrow(message);
  });
});
