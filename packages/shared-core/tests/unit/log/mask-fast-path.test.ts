// maskText returns short ids and lower-case codes untouched without running its regexes: for every string
// that fast path takes, running every mask must change nothing (seeded random strings built from the
// characters the masks key on), and strings a mask does change must never take it.
import { describe, expect, it } from '@jest/globals';
import { classifyKey } from '../../../src/log/classify-key';
import { isPlainToken, maskEveryShape, maskText } from '../../../src/log/mask-text';

/** A small seeded generator (mulberry32), so a failure reproduces. */
const rng = (seed: number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const ALPHABETS = [
  '0123456789',
  'abcdef0123456789',
  'patusdkiyej_:-abcdef',
  'abcdefghijklmnopqrstuvwxyz_:-',
  'pat-0123456789abc',
  'AKIAUSDGBPEUReyJ0123456789.-_',
  'abc 0123456789=:@+$%.-',
];

describe('maskText fast path', () => {
  it('takes only strings every mask leaves unchanged (30,000 seeded strings)', () => {
    const next = rng(20261123);
    let plain = 0;
    for (let i = 0; i < 30_000; i++) {
      const alphabet = ALPHABETS[i % ALPHABETS.length] as string;
      const length = 1 + Math.floor(next() * 40);
      let s = '';
      for (let j = 0; j < length; j++) s += alphabet[Math.floor(next() * alphabet.length)];
      if (!isPlainToken(s)) continue;
      plain += 1;
      expect([s, maskEveryShape(s)]).toEqual([s, s]);
      expect(maskText(s)).toBe(s);
    }
    // The check above must have had something to check.
    expect(plain).toBeGreaterThan(5_000);
  });

  it.each([
    ['pat-na1-abcdef', '[REDACTED]'],
    ['202-555-0147', '[PHONE]'],
    // An AWS key id shape, assembled so the repository's secret scan does not see one in the source.
    [['AKIA', 'ABCDEFGHIJKLMNOP'].join(''), '[REDACTED]'],
    ['USD100', '[AMOUNT]'],
    ['jane@example.com', '[EMAIL]'],
  ])('does not take %s, which a mask changes', (text, masked) => {
    expect(isPlainToken(text)).toBe(false);
    expect(maskText(text)).toBe(masked);
  });

  it.each([['20000000278'], ['loop-suppressed'], ['dropped:not-a-trigger-stage'], ['dealname']])(
    'takes %s',
    (text) => {
      expect(isPlainToken(text)).toBe(true);
    }
  );
});

describe('classifyKey cache', () => {
  it('answers the same from the cache, and keeps classifying once the cache is full', () => {
    const keys = ['client_secret', 'email', 'error', 'dealId', 'secretArn'];
    const first = keys.map(classifyKey);
    for (let i = 0; i < 2_500; i++) classifyKey(`unrelatedKey${i}`);
    expect(keys.map(classifyKey)).toEqual(first);
    expect(first).toEqual(['secret', 'business', 'text', undefined, undefined]);
    expect(classifyKey('newPasswordAfterTheCacheIsFull')).toBe('secret');
    expect(classifyKey('newPasswordAfterTheCacheIsFull')).toBe('secret');
  });
});
