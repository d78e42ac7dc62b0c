import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  formatCalendarDate,
  MAX_DATE_MS,
  MIN_DATE_MS,
  readGovWinDate,
  utcMidnight,
} from '../../../src/mapping/govwin/dates';

describe('readGovWinDate', () => {
  it.each([
    {
      name: 'offset date-time',
      input: '2014-08-04T13:51:44-04:00',
      iso: '2014-08-04T17:51:44.000Z',
      date: '2014-08-04',
    },
    {
      name: 'naive date-time read as UTC',
      input: '2015-12-16T00:00:00.000',
      iso: '2015-12-16T00:00:00.000Z',
      date: '2015-12-16',
    },
    {
      name: 'Z date-time with fraction',
      input: '2024-02-29T23:59:59.5Z',
      iso: '2024-02-29T23:59:59.500Z',
      date: '2024-02-29',
    },
    {
      name: 'US calendar date',
      input: '07/04/2025',
      iso: '2025-07-04T00:00:00.000Z',
      date: '2025-07-04',
    },
    {
      name: 'ISO calendar date',
      input: '2025-07-04',
      iso: '2025-07-04T00:00:00.000Z',
      date: '2025-07-04',
    },
    {
      name: 'date object',
      input: { value: '2015-12-16T00:00:00.000', deltekEstimate: 'true' },
      iso: '2015-12-16T00:00:00.000Z',
      date: '2015-12-16',
    },
    {
      name: 'offset without colon',
      input: '2014-08-04T23:30:00+0530',
      iso: '2014-08-04T18:00:00.000Z',
      date: '2014-08-04',
    },
  ])('parses a $name', ({ input, iso, date }) => {
    // Act
    const parsed = readGovWinDate(input);
    // Assert
    expect(parsed && new Date(parsed.epochMs).toISOString()).toBe(iso);
    expect(parsed && formatCalendarDate(parsed.date)).toBe(date);
  });

  it.each([
    { name: 'February 30th', input: '2024-02-30' },
    { name: 'month 13', input: '13/01/2024' },
    { name: 'hour 24', input: '2024-01-01T24:00:00Z' },
    { name: 'free text', input: 'next Tuesday' },
    { name: 'empty string', input: '   ' },
    { name: 'year 1800', input: '1800-01-01' },
    { name: 'an object without value', input: { deltekEstimate: 'true' } },
    { name: 'a boolean', input: true },
    { name: 'a non-integer number', input: 1.5 },
  ])('rejects $name', ({ input }) => {
    // Act & Assert
    expect(readGovWinDate(input)).toBeUndefined();
  });

  it('round-trips any instant through its ISO form (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DATE_MS, max: MAX_DATE_MS }), (ms) => {
        expect(readGovWinDate(new Date(ms).toISOString())?.epochMs).toBe(ms);
        expect(readGovWinDate(ms)?.epochMs).toBe(ms);
      })
    );
  });

  it('round-trips any calendar date through MM/DD/YYYY and UTC midnight (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(MIN_DATE_MS),
          max: new Date(Date.UTC(2199, 11, 31)),
          noInvalidDate: true,
        }),
        (d) => {
          const us = `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
          const parsed = readGovWinDate(us);
          expect(parsed).toBeDefined();
          expect(formatCalendarDate(parsed?.date ?? { year: 0, month: 0, day: 0 })).toBe(
            d.toISOString().slice(0, 10)
          );
          expect(
            utcMidnight(parsed?.date ?? { year: 0, month: 0, day: 0 }) % 86_400_000 === 0
          ).toBe(true);
        }
      )
    );
  });

  it('keeps the calendar date as written when an offset moves the instant to another day', () => {
    // Act
    const parsed = readGovWinDate('2025-03-01T22:00:00-05:00');
    // Assert
    expect(parsed?.date).toEqual({ year: 2025, month: 3, day: 1 });
    expect(new Date(parsed?.epochMs ?? 0).toISOString()).toBe('2025-03-02T03:00:00.000Z');
  });
});
