import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fullJitterDelay, hubspotRateLimitHint, parseRetryAfter } from '../../../src/index';

const NOW = Date.parse('2026-11-23T12:00:00Z');

describe('retry policy', () => {
  describe('parseRetryAfter', () => {
    it.each([
      ['delay-seconds', '3', 3_000],
      ['zero seconds', '0', 0],
      ['fractional seconds', '1.5', 1_500],
      ['an HTTP date 10 s ahead', new Date(NOW + 10_000).toUTCString(), 10_000],
      ['an HTTP date in the past', new Date(NOW - 10_000).toUTCString(), 0],
      ['surrounding whitespace', ' 2 ', 2_000],
    ])('reads %s', (_name, value, expected) => {
      expect(parseRetryAfter(value, NOW)).toBe(expected);
    });

    it.each([
      ['absent', undefined],
      ['null', null],
      ['empty', ''],
      ['negative', '-1'],
      ['garbage', 'soon'],
      ['a loose date string', '2026-11-23'],
    ])('ignores %s', (_name, value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    });
  });

  describe('fullJitterDelay', () => {
    it('property: stays within [0, min(max, base * 2^attempt))', () => {
      fc.assert(
        fc.property(
          fc.nat(40),
          fc.integer({ min: 1, max: 5_000 }),
          fc.integer({ min: 1, max: 60_000 }),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          (attempt, base, max, r) => {
            const delay = fullJitterDelay(attempt, base, max, () => r);
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThan(Math.min(max, base * 2 ** attempt));
          }
        )
      );
    });

    it('grows exponentially until the ceiling', () => {
      const delays = [0, 1, 2, 3, 4].map((n) => fullJitterDelay(n, 100, 1_000, () => 0.5));
      expect(delays).toEqual([50, 100, 200, 400, 500]);
    });
  });

  describe('hubspotRateLimitHint', () => {
    it('suggests the rolling interval when the 10-second window is spent', () => {
      const headers = new Headers({
        'X-HubSpot-RateLimit-Remaining': '0',
        'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
        'X-HubSpot-RateLimit-Daily-Remaining': '5000',
      });
      expect(hubspotRateLimitHint(headers)).toEqual({ delayMs: 10_000, dailyExhausted: false });
    });

    it('suggests one second when only the secondly window is spent', () => {
      const headers = new Headers({ 'X-HubSpot-RateLimit-Secondly-Remaining': '0' });
      expect(hubspotRateLimitHint(headers)).toEqual({ delayMs: 1_000, dailyExhausted: false });
    });

    it('flags a spent daily quota', () => {
      const headers = new Headers({ 'X-HubSpot-RateLimit-Daily-Remaining': '0' });
      expect(hubspotRateLimitHint(headers).dailyExhausted).toBe(true);
    });

    it('says nothing when the headers are absent or windows have room', () => {
      expect(hubspotRateLimitHint(new Headers())).toEqual({
        delayMs: undefined,
        dailyExhausted: false,
      });
      expect(hubspotRateLimitHint(new Headers({ 'X-HubSpot-RateLimit-Remaining': '12' }))).toEqual({
        delayMs: undefined,
        dailyExhausted: false,
      });
    });
  });
});
