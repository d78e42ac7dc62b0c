// Thin wrapper over node:util parseArgs that turns its errors into UsageErrors.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly (unknown flags and positionals are usage errors). */
export const parseFlags = <O extends Options>(args: readonly string[], options: O) => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : 'invalid arguments');
  }
};

/** Reads a positive integer flag. */
export const positiveInt = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,6}$/.test(value)) throw new UsageError(`${flag} must be a positive integer`);
  return Number(value);
};
