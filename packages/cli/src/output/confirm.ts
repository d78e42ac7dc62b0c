// Confirmation for destructive operations: only an interactive terminal can confirm; scripts must pass
// --yes explicitly. Anything but "y"/"yes" is a no.
import { createInterface } from 'node:readline/promises';

/** Asks a yes/no question; resolves undefined when there is no terminal to ask on. */
export type Confirm = (question: string) => Promise<boolean | undefined>;

/** Asks on the process's terminal (stdin and stderr must both be TTYs). */
export const terminalConfirm: Confirm = async (question) => {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
};
