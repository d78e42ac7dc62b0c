import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { thousandsToDollars } from '../../../src/mapping/govwin/amount';

describe('thousandsToDollars', () => {
  it.each([
    { input: 178000, dollars: '178000000' },
    { input: '178000', dollars: '178000000' },
    { input: 0, dollars: '0' },
    { input: '0.0', dollars: '0' },
    { input: 1.5, dollars: '1500' },
    { input: '1234.5678', dollars: '1234567.8' },
    { input: '0.0005', dollars: '0.5' },
    { input: '$1,250', dollars: '1250000' },
    { input: ' 42 ', dollars: '42000' },
    { input: '-0', dollars: '0' },
  ])('thousandsToDollars($input) is $dollars', ({ input, dollars }) => {
    expect(thousandsToDollars(input)).toEqual({ ok: true, dollars });
  });

  it.each([
    { input: '-5', problem: 'negative' },
    { input: -0.1, problem: 'negative' },
    { input: 'TBD', problem: 'not a number' },
    { input: '', problem: 'not a number' },
    { input: Number.NaN, problem: 'not a number' },
    { input: Number.POSITIVE_INFINITY, problem: 'not a number' },
    { input: { value: 5 }, problem: 'not a number' },
    { input: '1e5', problem: 'not a number' },
    { input: '2000000000000', problem: 'implausibly large' },
  ])('rejects $input as $problem', ({ input, problem }) => {
    expect(thousandsToDollars(input)).toEqual({ ok: false, problem });
  });

  it('equals the value x 1000 exactly for every integer in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (k) => {
        expect(thousandsToDollars(k)).toEqual({
          ok: true,
          dollars: (BigInt(k) * 1000n).toString(),
        });
        expect(thousandsToDollars(String(k))).toEqual({
          ok: true,
          dollars: (BigInt(k) * 1000n).toString(),
        });
      })
    );
  });

  it('shifts the decimal point by three places for any decimal string (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 999_999 }),
        (whole, frac) => {
          const fraction = String(frac).padStart(6, '0');
          const out = thousandsToDollars(`${whole}.${fraction}`);
          // Reading the result back in thousands gives the input (compared as scaled integers).
          const expected = BigInt(whole) * 1_000_000n + BigInt(frac); // in micro-thousands = milli-dollars
          const [i, f = ''] = out.ok ? out.dollars.split('.') : ['x'];
          expect(BigInt(i ?? '0') * 1000n + BigInt(`${f}000`.slice(0, 3))).toBe(expected);
        }
      )
    );
  });
});
