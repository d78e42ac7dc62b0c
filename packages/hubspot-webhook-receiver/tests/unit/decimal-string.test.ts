import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decimalString } from '../../src/decimal-string';

describe('decimalString', () => {
  it.each([
    0,
    -0,
    1,
    999_999_999,
    1_000_000_000,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    18_923_456_701,
    1_795_435_200_000,
    999_999_999_999,
    1_000_000_000_000,
    8_640_000_000_000_000,
    Number.MAX_SAFE_INTEGER - 1,
    Number.MAX_SAFE_INTEGER,
  ])('writes %p as String does', (n) => {
    expect(decimalString(n)).toBe(String(n));
  });

  it('writes every non-negative safe integer as String does (20,000 cases)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(decimalString(n)).toBe(String(n));
      }),
      { numRuns: 20_000 }
    );
  });

  it('writes the integers next to each multiple of a billion as String does (10,000 cases)', () => {
    // The split at 10^9 is where a rounded quotient would show: k*10^9 - 1, k*10^9 and k*10^9 + 1.
    const nearBillion = fc
      .tuple(
        fc.integer({ min: 1, max: Math.floor(Number.MAX_SAFE_INTEGER / 1e9) }),
        fc.integer({ min: -1, max: 1 })
      )
      .map(([k, d]) => k * 1e9 + d);
    fc.assert(
      fc.property(nearBillion, (n) => {
        expect(decimalString(n)).toBe(String(n));
      }),
      { numRuns: 10_000 }
    );
  });
});
