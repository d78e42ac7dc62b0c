import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Sends the handlers' structured log lines (JSON objects on stdout/stderr, as on Lambda) to a file so the
 * progress display stays readable; everything else passes through. Returns how many lines were captured
 * and a restore function.
 */
export const captureLambdaLogs = (file: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  let lines = 0;
  const originals = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  const wrap =
    (original: typeof process.stdout.write) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (
        text.startsWith('{"level"') ||
        text.startsWith('{"_aws"') ||
        text.startsWith('{"cold_start"')
      ) {
        appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
        lines += text.split('\n').filter(Boolean).length;
        return true;
      }
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = wrap(originals.out) as typeof process.stdout.write;
  process.stderr.write = wrap(originals.err) as typeof process.stderr.write;
  return {
    count: () => lines,
    restore: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
};
