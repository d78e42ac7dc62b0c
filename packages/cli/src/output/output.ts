// The output layer of the operator commands: human text on stdout (colour and progress bars only on a
// terminal), or exactly one JSON document with --json; failures become one line on stderr (plus a JSON
// error document with --json) and a documented exit code.
import { type CommandIo, UsageError } from '../command';
import { makeProgress, type Progress } from '../progress';
import { describeFailure } from './cli-failure';
import { type Colours, colourWanted, makeColours } from './colour';
import type { ExitCode } from './exit-codes';

/** Where a command writes. */
export interface Output {
  /** True with --json: human lines are suppressed and `emit` writes the one JSON document. */
  json: boolean;
  /** True when stdout is an interactive terminal. */
  tty: boolean;
  colours: Colours;
  /** One line of human output on stdout (ignored with --json). */
  line(text?: string): void;
  /** The JSON document on stdout (ignored without --json). */
  emit(value: unknown): void;
  /** A status note on stderr (ignored with --json, so scripts read clean output). */
  note(text: string): void;
  /** A progress bar on stderr when it is a terminal and not --json; silent otherwise. */
  progress(total: number, label: string): Progress;
}

const SILENT: Progress = { advance: () => undefined, done: () => undefined };

/**
 * Builds the output for one run.
 * @example const out = makeOutput(io, { json: flags.json === true }); out.line('done');
 */
export const makeOutput = (io: CommandIo, options: { json: boolean }): Output => {
  const json = options.json;
  return {
    json,
    tty: io.stdout.isTTY === true,
    colours: makeColours(colourWanted(io, json)),
    line: (text = '') => {
      if (!json) io.stdout.write(`${text}\n`);
    },
    emit: (value) => {
      if (json) io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note: (text) => {
      if (!json) io.stderr.write(`${text}\n`);
    },
    progress: (total, label) => (json ? SILENT : makeProgress(io.stderr, total, label)),
  };
};

/**
 * Runs a command body with the shared failure handling: a UsageError goes back to main() (which prints
 * the usage); anything else becomes one line `govwin-ace <name>: <reason>` on stderr and its exit code.
 * @example run: (args, io) => runOperatorCommand('trace', io, json, async (out) => { ...; return EXIT_CODE.ok; })
 */
export const runOperatorCommand = async (
  name: string,
  io: CommandIo,
  json: boolean,
  body: (out: Output) => Promise<ExitCode>
): Promise<number> => {
  const out = makeOutput(io, { json });
  try {
    return await body(out);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const failure = describeFailure(err);
    io.stderr.write(`govwin-ace ${name}: ${failure.message}\n`);
    if (json)
      io.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: failure.code, exitCode: failure.exitCode, message: failure.message } })}\n`
      );
    return failure.exitCode;
  }
};
