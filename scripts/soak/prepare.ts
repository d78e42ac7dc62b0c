// The operator's set-up before the first sync, run against the soak's local stack: `govwin-ace
// setup-hubspot` (properties, groups and pipeline; idempotent, so a stack that already did it changes
// nothing). Kept out of packages/local because the CLI depends on that package.
import { setupHubSpotCommand } from '../../packages/cli/src/index';
import type { LocalStack } from '../../packages/local/src/runtime/stack';

/** Runs `govwin-ace setup-hubspot --json` with the stack's environment; returns a one-line note. */
export const setupHubSpotLikeAnOperator = async (stack: LocalStack): Promise<string> => {
  let out = '';
  let err = '';
  const code = await setupHubSpotCommand.run(['--json'], {
    env: { ...stack.env },
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
  });
  if (code !== 0)
    return `setup-hubspot exited ${code}: ${(err || out).split('\n')[0] ?? ''}`.slice(0, 200);
  try {
    const result = JSON.parse(out) as { changes?: unknown[] };
    return `setup-hubspot: ${result.changes?.length ?? 0} change(s)`;
  } catch {
    return 'setup-hubspot ran';
  }
};
