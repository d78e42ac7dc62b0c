// Captures everything written to stdout and stderr while the soak runs (the handlers' structured logs,
// SDK warnings, anything else) into one file, so it can be scanned for leaked secrets and personal data
// afterwards. The soak's own progress goes through the original writers.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OutputCapture {
  file: string;
  /** Lines captured so far. */
  lines(): number;
  /** Writes to the real stdout / stderr, bypassing the capture. */
  out(text: string): void;
  err(text: string): void;
  restore(): void;
}

type Write = typeof process.stdout.write;

/**
 * Starts capturing stdout and stderr into `file` (truncated first); `onLine` sees each captured line.
 * @example const capture = captureOutput('.local-runtime/soak-1.log'); ...; capture.restore();
 */
export const captureOutput = (file: string, onLine?: (line: string) => void): OutputCapture => {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  let lines = 0;
  let open = true;
  const originals = {
    out: process.stdout.write.bind(process.stdout) as Write,
    err: process.stderr.write.bind(process.stderr) as Write,
  };
  const capture = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (open) {
      writeSync(fd, text.endsWith('\n') ? text : `${text}\n`);
      for (const line of text.split('\n')) {
        if (line.length === 0) continue;
        lines += 1;
        onLine?.(line);
      }
    }
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  }) as Write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  return {
    file,
    lines: () => lines,
    out: (text) => void originals.out(text),
    err: (text) => void originals.err(text),
    restore: () => {
      if (!open) return;
      open = false;
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
      closeSync(fd);
    },
  };
};
