// One-line validation of simulator start options, so a bad benchmark or runtime configuration
// fails at start with the option's name rather than misbehaving later.

/** Throws a RangeError unless `value` is undefined or a number >= `min` (integer when asked). */
export const assertNumberOption = (
  name: string,
  value: number | undefined,
  { min = 0, integer = false }: { min?: number; integer?: boolean } = {}
): void => {
  if (value === undefined) return;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `simulator option ${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}`
    );
  }
};
