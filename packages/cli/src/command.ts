// The shape every CLI command has. Commands live one per module in ./commands and are listed in
// ./commands/index.ts; adding a command is one new module plus one line there.

/** A text sink (process.stdout / process.stderr, or a buffer in tests). */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What a command runs with. */
export interface CommandIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** One CLI command. `run` returns the process exit code. */
export interface Command {
  /** The word typed after `govwin-ace`, e.g. `setup-hubspot`. */
  name: string;
  /** One line for `govwin-ace --help`. */
  summary: string;
  /** Full usage text for `govwin-ace <name> --help`. */
  usage: string;
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** The command ran and found problems (failed records, conflicts). */
  problems: 1,
  /** Bad arguments or configuration. */
  usage: 2,
} as const;

/** Raised by commands for bad arguments; main() prints it with the usage. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
