// GovWin `oppValue` is in thousands of US dollars (external-apis §3.6); HubSpot `amount` is dollars.
// The conversion shifts the decimal point in the decimal string, so no float rounding creeps in.

/** Largest accepted value in thousands (10^12 k$ = one quadrillion dollars): above is garbage. */
export const MAX_VALUE_THOUSANDS = 1e12;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Why a value could not be converted. */
export type AmountProblem = 'not a number' | 'negative' | 'implausibly large';

/** Result of {@link thousandsToDollars}. */
export type AmountResult = { ok: true; dollars: string } | { ok: false; problem: AmountProblem };

const normaliseInput = (value: unknown): string | undefined => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // Plain notation for every finite number we accept (exponent forms only appear far outside range).
    const text = String(value);
    return /e/i.test(text) ? undefined : text;
  }
  if (typeof value !== 'string') return undefined;
  return value.trim().replace(/^\$/, '').replace(/,/g, '');
};

/**
 * Converts a value in thousands (number or numeric string; `$` and thousands separators tolerated) to
 * a dollar amount string without floating-point error.
 * @example thousandsToDollars('178000') // { ok: true, dollars: '178000000' }
 * @example thousandsToDollars(1.5) // { ok: true, dollars: '1500' }
 */
export const thousandsToDollars = (value: unknown): AmountResult => {
  const text = normaliseInput(value);
  if (text === undefined || text === '') return { ok: false, problem: 'not a number' };
  const negative = text.startsWith('-');
  const m = DECIMAL.exec(negative ? text.slice(1) : text);
  if (!m) return { ok: false, problem: 'not a number' };
  if (negative && /[1-9]/.test(text)) return { ok: false, problem: 'negative' };
  if (Number(m[0]) > MAX_VALUE_THOUSANDS) return { ok: false, problem: 'implausibly large' };
  const whole = m[1] ?? '0';
  const fraction = (m[2] ?? '').padEnd(3, '0');
  const integerPart = `${whole}${fraction.slice(0, 3)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(3).replace(/0+$/, '');
  return { ok: true, dollars: rest ? `${integerPart}.${rest}` : integerPart };
};
