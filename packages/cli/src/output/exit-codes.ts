// The exit codes of every operator command, in one table so `--help` texts, docs/operations.md and the
// tests agree. 0-2 keep the meanings of EXIT in ../command.ts; the rest let a script tell "fix the
// arguments" from "fix the configuration" from "try again later" without parsing text.
import { EXIT as BASE_EXIT } from '../command';

/** Exit codes (docs/operations.md#exit-codes). */
export const EXIT_CODE = {
  /** Everything checked out / the operation succeeded. */
  ok: BASE_EXIT.ok,
  /** The command ran and found problems: failed checks, drift findings, validation errors. */
  problems: BASE_EXIT.problems,
  /** Bad arguments (unknown flag, malformed id). */
  usage: BASE_EXIT.usage,
  /** The id names nothing in GovWin, HubSpot, the state tables or Partner Central. */
  notFound: 3,
  /** Configuration or credentials missing or rejected (env vars, secrets, AWS credentials, tokens). */
  config: 4,
  /** A service could not be reached or kept failing (network, 5xx, throttling). */
  unavailable: 5,
  /** A destructive operation was not confirmed (`--yes` missing without a terminal). */
  refused: 6,
  /** An unexpected error (a bug): the message names its type only. */
  internal: 7,
} as const;
export type ExitCode = (typeof EXIT_CODE)[keyof typeof EXIT_CODE];

/** One line per code, for `--help` texts. */
export const EXIT_CODES_HELP = `Exit codes: 0 ok, 1 problems found, 2 bad arguments, 3 unknown id, 4 configuration or
credentials missing/rejected, 5 service unreachable, 6 not confirmed, 7 unexpected error.`;
