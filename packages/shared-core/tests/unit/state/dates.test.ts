import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  normaliseGovWinDate,
  normaliseIsoInstant,
  parseGovWinDate,
  ValidationError,
} from '../../../src/index';

describe('normaliseGovWinDate', () => {
  describe('accepted forms', () => {
    it.each([
      {
        name: 'offset -04:00',
        input: '2014-08-04T13:51:44-04:00',
        iso: '2014-08-04T17:51:44.000Z',
      },
      { name: 'offset +0530', input: '2014-08-04T13:51:44+0530', iso: '2014-08-04T08:21:44.000Z' },
      { name: 'Z with millis', input: '2024-02-29T23:59:59.123Z', iso: '2024-02-29T23:59:59.123Z' },
      {
        name: 'no offset (UTC)',
        input: '2015-12-16T00:00:00.000',
        iso: '2015-12-16T00:00:00.000Z',
      },
      {
        name: 'microseconds truncated',
        input: '2015-12-16T00:00:00.123456Z',
        iso: '2015-12-16T00:00:00.123Z',
      },
      { name: 'minutes only', input: '2024-01-02T03:04Z', iso: '2024-01-02T03:04:00.000Z' },
      { name: 'date only', input: '2024-01-02', iso: '2024-01-02T00:00:00.000Z' },
      { name: 'MM/DD/YYYY', input: '08/04/2014', iso: '2014-08-04T00:00:00.000Z' },
      {
        name: 'MM/DD/YYYY HH:mm:ss',
        input: '08/04/2014 13:05:09',
        iso: '2014-08-04T13:05:09.000Z',
      },
    ])('normalises $name to UTC ISO', ({ input, iso }) => {
      // Act
      const normalised = normaliseGovWinDate(input);
      // Assert
      expect(normalised).toBe(iso);
    });

    it('orders the same instant written with different offsets as equal', () => {
      // Arrange
      const eastern = '2014-08-04T13:51:44-04:00';
      const utc = '2014-08-04T17:51:44Z';
      // Act & Assert
      expect(parseGovWinDate(eastern)).toBe(parseGovWinDate(utc));
    });

    it('round-trips any instant given as toISOString()', () => {
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('1900-01-01T00:00:00Z'),
            max: new Date('9999-12-31T23:59:59Z'),
            noInvalidDate: true,
          }),
          (date) => normaliseGovWinDate(date.toISOString()) === date.toISOString()
        )
      );
    });

    it('keeps chronological order as plain string order after normalising', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 4_000_000_000_000 }),
          fc.integer({ min: 0, max: 4_000_000_000_000 }),
          fc.integer({ min: -12, max: 14 }),
          (a, b, offsetHours) => {
            const withOffset = (ms: number) => {
              const shifted = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 23);
              const sign = offsetHours < 0 ? '-' : '+';
              return `${shifted}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
            };
            const na = normaliseGovWinDate(withOffset(a));
            const nb = normaliseGovWinDate(withOffset(b));
            return Math.sign(a - b) === Math.sign(na < nb ? -1 : na > nb ? 1 : 0);
          }
        )
      );
    });
  });

  describe('rejected input', () => {
    it.each([
      { name: 'empty string', input: '' },
      { name: 'free text', input: 'last Tuesday' },
      { name: 'February 30th', input: '2024-02-30T00:00:00Z' },
      { name: 'month 13', input: '13/01/2024' },
      { name: 'hour 24', input: '2024-01-01T24:00:00Z' },
      { name: 'offset beyond 14h', input: '2024-01-01T00:00:00+15:00' },
      { name: 'two-digit year', input: '24-01-01' },
      { name: 'oversized', input: `2024-01-01T00:00:00Z${' '.repeat(50)}` },
      { name: 'a number', input: 1_700_000_000_000 },
      { name: 'undefined', input: undefined },
    ])('throws a one-line ValidationError for $name, without echoing it', ({ input }) => {
      // Act
      let caught: unknown;
      try {
        normaliseGovWinDate(input, 'GovWin updateDate');
      } catch (err) {
        caught = err;
      }
      // Assert
      expect(caught).toBeInstanceOf(ValidationError);
      const message = (caught as Error).message;
      expect(message).toMatch(/^GovWin updateDate is invalid: expected/);
      expect(message).not.toContain('\n');
      if (typeof input === 'string' && input.length > 0)
        expect(message).not.toContain(input.trim());
      expect((caught as ValidationError).code).toBe('INVALID_DATE');
    });
  });
});

describe('normaliseIsoInstant', () => {
  it('normalises an instant with a zone', () => {
    // Act & Assert
    expect(normaliseIsoInstant('2025-01-02T03:04:05+01:00', 'from')).toBe(
      '2025-01-02T02:04:05.000Z'
    );
  });

  it.each([
    { name: 'no zone', input: '2025-01-02T03:04:05' },
    { name: 'date only', input: '2025-01-02' },
    { name: 'US form', input: '01/02/2025' },
    { name: 'impossible date', input: '2025-02-31T00:00:00Z' },
  ])('rejects $name', ({ input }) => {
    // Act & Assert
    expect(() => normaliseIsoInstant(input, 'audit range start')).toThrow(
      /^audit range start is invalid: expected/
    );
  });
});
