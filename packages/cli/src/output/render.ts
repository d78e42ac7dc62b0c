// Plain-text building blocks for human output: aligned tables and a checklist with a fix per failed
// line. Symbols fall back to ASCII words when stdout is not a terminal.
import type { Colours } from './colour';

/** Status of one checklist line. */
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

/** One checklist line. */
export interface CheckLine {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a failed or warning line. */
  fix?: string;
}

const SYMBOL: Record<CheckStatus, { tty: string; plain: string }> = {
  ok: { tty: '✓', plain: '[ok]  ' },
  fail: { tty: '✗', plain: '[FAIL]' },
  warn: { tty: '!', plain: '[warn]' },
  skip: { tty: '-', plain: '[skip]' },
};

/** Renders checklist lines; each failed or warning line is followed by its fix. */
export const renderChecklist = (
  lines: readonly CheckLine[],
  colours: Colours,
  tty: boolean
): string[] => {
  const width = Math.min(28, Math.max(...lines.map((l) => l.name.length), 4));
  const paint: Record<CheckStatus, (s: string) => string> = {
    ok: colours.green,
    fail: colours.red,
    warn: colours.yellow,
    skip: colours.dim,
  };
  const out: string[] = [];
  for (const l of lines) {
    const symbol = tty ? SYMBOL[l.status].tty : SYMBOL[l.status].plain;
    out.push(`${paint[l.status](symbol)} ${l.name.padEnd(width)}  ${l.detail}`);
    if (l.fix && (l.status === 'fail' || l.status === 'warn'))
      out.push(`${' '.repeat(tty ? 2 : 7)}${colours.dim('fix:')} ${l.fix}`);
  }
  return out;
};

/** Renders rows as left-aligned columns under a header. */
export const renderTable = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
  colours: Colours
): string[] => {
  const widths = header.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  );
  // The last column (usually a description) is never cut or padded.
  const format = (cell: string, i: number) => {
    if (i === header.length - 1) return cell;
    const w = widths[i] ?? 0;
    return (cell.length > w ? `${cell.slice(0, w - 1)}…` : cell).padEnd(w);
  };
  return [
    colours.bold(header.map(format).join('  ')),
    ...rows.map((r) => header.map((_, i) => format(r[i] ?? '', i)).join('  ')),
  ];
};
