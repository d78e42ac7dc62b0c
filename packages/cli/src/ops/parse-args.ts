// Flags plus positionals for the operator commands (ids and subcommands); unknown flags are usage errors.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../command';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` strictly, allowing positionals.
 * @example const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
 */
export const parseCommandArgs = <O extends Options>(args: readonly string[], options: O) => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    // node:util errors come from another realm under Jest's VM modules: read the message by shape.
    const message = (err as { message?: unknown } | null)?.message;
    throw new UsageError(
      typeof message === 'string'
        ? (message.split('\n')[0] ?? '').slice(0, 200)
        : 'invalid arguments'
    );
  }
};

/** A positive integer flag value, or undefined. */
export const intFlag = (value: unknown, flag: string, max = 100_000): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9]\d{0,6}$/.test(value) || Number(value) > max)
    throw new UsageError(`${flag} must be an integer 1..${max}`);
  return Number(value);
};
