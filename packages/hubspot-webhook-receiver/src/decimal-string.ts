/** Above this V8 stores a number as a heap double, whose conversion to text skips the fast integer path. */
const SMALL_INTEGER_MAX = 0x7fff_ffff;
const BILLION = 1_000_000_000;

/**
 * `String(n)` for a non-negative safe integer, about three times faster for values above 2^31 (HubSpot object
 * ids, epoch milliseconds): V8 converts such a double through its generic double-to-text path (~150-250 ns on
 * Node 20), while two small integers take its fast path. A 100-event delivery converts ~200 of them. Callers
 * pass only validated safe integers; a unit test compares this with `String` over the whole range.
 */
export const decimalString = (n: number): string => {
  if (n <= SMALL_INTEGER_MAX) return String(n);
  let high = Math.floor(n / BILLION);
  let low = n - high * BILLION;
  // Exact for safe integers; the corrections only guard against a rounded quotient.
  if (low < 0) {
    high -= 1;
    low += BILLION;
  } else if (low >= BILLION) {
    high += 1;
    low -= BILLION;
  }
  return `${high}${String(low + BILLION).slice(1)}`;
};
