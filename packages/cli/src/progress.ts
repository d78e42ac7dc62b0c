// A one-line progress bar on an interactive terminal (redrawn with \r on stderr); silent otherwise,
// so piped and --json output stay clean.
import type { OutputStream } from './command';

/** Progress of a run. */
export interface Progress {
  advance(n: number): void;
  done(): void;
}

/**
 * Creates a progress bar for `total` items on `stream` when it is a TTY.
 * @example const p = makeProgress(process.stderr, 250, 'opportunities'); p.advance(100); p.done();
 */
export const makeProgress = (stream: OutputStream, total: number, label: string): Progress => {
  if (!stream.isTTY || total <= 0) return { advance: () => undefined, done: () => undefined };
  let current = 0;
  const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 20));
  const draw = () => {
    const filled = Math.round((current / total) * width);
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${current}/${total} ${label}`
    );
  };
  draw();
  return {
    advance: (n) => {
      current = Math.min(total, current + n);
      draw();
    },
    done: () => {
      stream.write('\n');
    },
  };
};
