// The gate between the plan and the first write: `--yes`, or an explicit "y" typed on a terminal.
import { createInterface } from 'node:readline/promises';

/** The gate's verdict. */
export type Confirmation = 'confirmed' | 'declined' | 'no-terminal';

/**
 * Decides whether a live run may write. Without `--yes` and without a terminal to ask on, the answer is
 * `no-terminal`: a script never writes to real systems by accident.
 */
export const confirmLive = async (options: {
  yes: boolean;
  interactive: boolean;
  ask: (question: string) => Promise<string>;
}): Promise<Confirmation> => {
  if (options.yes) return 'confirmed';
  if (!options.interactive) return 'no-terminal';
  const answer = await options.ask('write to these systems now? [y/N] ');
  return /^\s*y(es)?\s*$/i.test(answer) ? 'confirmed' : 'declined';
};

/** Asks one question on a terminal and resolves the line typed (an empty answer when input ends). */
export const askOnTerminal =
  (input: NodeJS.ReadableStream, output: NodeJS.WritableStream) =>
  async (question: string): Promise<string> => {
    const rl = createInterface({ input, output });
    try {
      const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
      return await Promise.race([rl.question(question), closed]);
    } finally {
      rl.close();
    }
  };
