// Purpose: print every performance figure the project tracks in one table (or JSON).
// Usage:   pnpm bench [--json] [--quick] [--only=bundles,receiver,sync,ace]
// Inputs:  the benchmark modules in scripts/bench/*.ts, each exporting `run({ quick })` -> BenchRow[].
// Output:  a table of name / value / unit / target / pass, then peak RSS of this process; `--json` prints the
//          rows as JSON instead. Figures are read against targets, never asserted in tests.
// Exit:    non-zero only when a benchmark crashes (a missed target is reported, not an error).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchRun } from './bench/types';

const benchDir = fileURLToPath(new URL('./bench/', import.meta.url));
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');

const format = (rows: readonly BenchRow[]): string => {
  const cells = rows.map((r) => [
    r.name,
    Number.isNaN(r.value) ? 'n/a' : String(r.value),
    r.unit,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS',
    r.note ?? '',
  ]);
  const header = ['figure', 'value', 'unit', 'target', 'status', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 1 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
};

const main = async (): Promise<number> => {
  const modules = readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && f !== 'types.ts')
    .map((f) => f.slice(0, -3))
    .filter((name) => !only || only.includes(name))
    .sort();
  const rows: BenchRow[] = [];
  let crashed = 0;
  for (const name of modules) {
    const mod = (await import(`./bench/${name}.ts`)) as { run?: BenchRun };
    if (typeof mod.run !== 'function') continue;
    if (!json) process.stderr.write(`bench: running ${name}...\n`);
    try {
      rows.push(...(await mod.run({ quick })));
    } catch (err) {
      crashed += 1;
      rows.push({
        name: `${name} (crashed)`,
        value: Number.NaN,
        unit: '',
        note: (err as Error).message.split('\n')[0] ?? '',
      });
    }
  }
  rows.push({
    name: 'bench process peak RSS',
    value: Math.round(process.resourceUsage().maxRSS / 1024),
    unit: 'MiB',
  });
  process.stdout.write(
    json ? `${JSON.stringify({ machine: machine(), rows }, null, 2)}\n` : `${format(rows)}\n`
  );
  return crashed > 0 ? 1 : 0;
};

const machine = () => ({ node: process.version, platform: process.platform, arch: process.arch });

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exit(1);
  }
);
