import { describe, expect, it } from '@jest/globals';
import {
  parseAbsoluteDate,
  readPaging,
  resolveDateParam,
  SELECTION_RELATIVE,
} from '../../../../src/simulators/govwin/query-params';

const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);
const DAY = 86_400_000;

describe('parseAbsoluteDate', () => {
  it.each([
    { value: '06/01/2025', at: Date.UTC(2025, 5, 1), dateOnly: true },
    { value: '2025-06-01', at: Date.UTC(2025, 5, 1), dateOnly: true },
    { value: '2025-06-01T08:30:00', at: Date.UTC(2025, 5, 1, 8, 30), dateOnly: false },
    { value: '06/01/2025 08:30:00', at: Date.UTC(2025, 5, 1, 8, 30), dateOnly: false },
  ])('parses $value', ({ value, at, dateOnly }) => {
    // Act & Assert
    expect(parseAbsoluteDate(value)).toEqual({ at, dateOnly });
  });

  it.each(['2025/06/01', '13/01/2025', '02/30/2025', 'yesterday', ''])('refuses %s', (value) => {
    // Act & Assert
    expect(parseAbsoluteDate(value).at).toBeNaN();
  });
});

describe('resolveDateParam', () => {
  it('resolves past relative values for From and future ones for To', () => {
    // Act & Assert
    expect(resolveDateParam('responseDateFrom', '-30D', 'from', NOW)).toBe(NOW - 30 * DAY);
    expect(resolveDateParam('responseDateTo', '1W', 'to', NOW)).toBe(NOW + 7 * DAY);
  });

  it('treats a date-only To as the whole day', () => {
    // Act & Assert
    expect(resolveDateParam('solDateTo', '06/01/2025', 'to', NOW)).toBe(Date.UTC(2025, 5, 2));
  });

  it('accepts minute offsets only for the opp-selection date', () => {
    // Act & Assert
    expect(resolveDateParam('oppSelectionDateFrom', '-5Min', 'from', NOW, SELECTION_RELATIVE)).toBe(
      NOW - 300_000
    );
    expect(() => resolveDateParam('responseDateFrom', '-5Min', 'from', NOW)).toThrow(
      'Invalid responseDateFrom date format or value'
    );
  });

  it('refuses a future relative value as a From date', () => {
    // Act & Assert
    expect(() => resolveDateParam('solDateFrom', '1W', 'from', NOW)).toThrow('solDateFrom');
  });
});

describe('readPaging', () => {
  it('defaults to offset 0 and max 10', () => {
    // Act & Assert
    expect(readPaging(new URLSearchParams())).toEqual({ offset: 0, max: 10 });
  });

  it('allows offset + max of exactly 10,000 and refuses one more', () => {
    // Act & Assert
    expect(readPaging(new URLSearchParams('offset=9900&max=100'))).toEqual({
      offset: 9900,
      max: 100,
    });
    expect(() => readPaging(new URLSearchParams('offset=9901&max=100'))).toThrow('Maximum offset');
  });

  it.each(['0', '101', 'ten', '1.5'])('refuses max=%s', (max) => {
    // Act & Assert
    expect(() => readPaging(new URLSearchParams({ max }))).toThrow('Invalid range');
  });
});
