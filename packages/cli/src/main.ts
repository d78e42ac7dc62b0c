// Entry of the `govwin-ace` CLI: finds the command, runs it, maps errors to one line and an exit code.
// Error lines carry the error's message only (our errors never hold secrets or personal data).
import { AppError } from '@govwin-ace/shared-core';
import { type Command, type CommandIo, EXIT, UsageError } from './command';
import { COMMANDS } from './commands/index';

const help = (commands: readonly Command[]): string =>
  [
    'Usage: govwin-ace <command> [options]     (govwin-ace <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`),
    '',
  ].join('\n');

/**
 * Runs the CLI; resolves the exit code.
 * @example process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
 */
export const main = async (
  argv: readonly string[],
  io: CommandIo,
  commands: readonly Command[] = COMMANDS
): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`govwin-ace: unknown command '${name.slice(0, 40)}'\n${help(commands)}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`govwin-ace ${command.name}: ${err.message}\n${command.usage}\n`);
      return EXIT.usage;
    }
    const code = err instanceof AppError ? ` [${err.code}]` : '';
    const message = err instanceof Error ? err.message : 'failed';
    io.stderr.write(`govwin-ace ${command.name}: ${message}${code}\n`);
    return err instanceof AppError && err.code === 'CONFIG_INVALID' ? EXIT.usage : EXIT.problems;
  }
};
