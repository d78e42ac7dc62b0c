// Purpose: print every performance figure the project tracks in one table (or JSON).
// Usage:   pnpm bench [--json] [--quick] [--only=bundles,receiver,sync,ace]
// Inputs:  the benchmark modules in scripts/bench/*.ts, each exporting `run({ quick })` -> BenchRow[]. Each
//          module runs in its own child process (the same Node and loader as this one), so the peak memory
//          of one benchmark is not inflated by the others; the child reports its rows and its maxRSS.
// Output:  the machine (Node, CPUs, load), then a table of figure / value / unit / target / status / note with
//          one "peak RSS" row per benchmark; `--json` prints { machine, modules, rows } instead. Figures are
//          read against targets, never asserted in tests.
// Exit:    non-zero only when a benchmark crashes or an expected one is missing (a missed target is
//          reported, not an error).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchRun } from './bench/types';

const benchDir = fileURLToPath(new URL('./bench/', import.meta.url));
const RESULT = 'BENCH_RESULT ';
/** The benchmarks the table needs, in the order they run (bundles builds the zips). */
const EXPECTED = ['bundles', 'receiver', 'sync', 'ace'] as const;
const NOT_MODULES = new Set(['types']);

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const child = args.includes('--child') ? args[args.indexOf('--child') + 1] : undefined;

/** Runs one module in this process and prints its rows and peak RSS on one marked line. */
const runChild = async (name: string): Promise<number> => {
  const mod = (await import(`./bench/${name}.ts`)) as { run?: BenchRun };
  if (typeof mod.run !== 'function') throw new Error(`scripts/bench/${name}.ts exports no run()`);
  const rows = await mod.run({ quick });
  const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`\n${RESULT}${JSON.stringify({ rows, maxRssMiB })}\n`);
  return 0;
};

interface ModuleResult {
  name: string;
  ok: boolean;
  seconds: number;
  peakRssMiB?: number;
  error?: string;
}

/** Spawns this script as `--child <name>` and collects its result; other child output goes to stderr. */
const runModule = (name: string): Promise<{ result: ModuleResult; rows: BenchRow[] }> =>
  new Promise((resolve) => {
    const started = Date.now();
    const proc = spawn(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--child',
        name,
        ...(quick ? ['--quick'] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    proc.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      if (!json) process.stderr.write(c);
    });
    proc.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const marked = out.split('\n').find((l) => l.startsWith(RESULT));
      const passthrough = out
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith(RESULT))
        .join('\n');
      if (passthrough && !json) process.stderr.write(`${passthrough}\n`);
      if (code === 0 && marked) {
        const parsed = JSON.parse(marked.slice(RESULT.length)) as {
          rows: (Omit<BenchRow, 'value'> & { value: number | null })[];
          maxRssMiB: number;
        };
        const maxRssMiB = parsed.maxRssMiB;
        // JSON has no NaN: "not measured" values come back as null.
        const rows = parsed.rows.map((r) => ({ ...r, value: r.value ?? Number.NaN }));
        resolve({
          result: { name, ok: true, seconds, peakRssMiB: maxRssMiB },
          // The per-process figure below replaces any peak-RSS row a module reports about itself.
          rows: rows.filter((r) => !/peak RSS$/i.test(r.name)),
        });
        return;
      }
      const error =
        `${err}\n${passthrough}`
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .pop() ?? `exited with ${code}`;
      resolve({ result: { name, ok: false, seconds, error }, rows: [] });
    });
  });

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

const machine = () => ({
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
  loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  quick,
  at: new Date().toISOString(),
});

const main = async (): Promise<number> => {
  if (child) return runChild(child);
  const found = readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .filter((name) => !NOT_MODULES.has(name));
  const ordered = [
    ...EXPECTED,
    ...found.filter((n) => !(EXPECTED as readonly string[]).includes(n)).sort(),
  ].filter((name) => !only || only.includes(name));
  const env = machine();
  const rows: BenchRow[] = [];
  const modules: ModuleResult[] = [];
  for (const name of ordered) {
    if (!existsSync(`${benchDir}${name}.ts`)) {
      modules.push({ name, ok: false, seconds: 0, error: 'missing' });
      rows.push({
        name: `${name} benchmark`,
        value: Number.NaN,
        unit: '',
        note: `not measured: scripts/bench/${name}.ts does not exist`,
      });
      continue;
    }
    if (!json) process.stderr.write(`bench: running ${name}...\n`);
    const { result, rows: moduleRows } = await runModule(name);
    modules.push(result);
    rows.push(...moduleRows);
    rows.push(
      result.ok
        ? {
            name: `${name} benchmark peak RSS`,
            value: result.peakRssMiB ?? Number.NaN,
            unit: 'MiB',
            note: `its own process, ${result.seconds} s`,
          }
        : {
            name: `${name} (crashed)`,
            value: Number.NaN,
            unit: '',
            note: (result.error ?? '').slice(0, 160),
          }
    );
  }
  if (json) process.stdout.write(`${JSON.stringify({ machine: env, modules, rows }, null, 2)}\n`);
  else {
    process.stdout.write(
      `machine: Node ${env.node}, ${env.platform}, ${env.cpus} CPU(s) (${env.cpuModel}), ${env.memoryGiB} GiB, load ${env.loadAverage1m}${quick ? ', --quick' : ''}\n\n`
    );
    process.stdout.write(`${format(rows)}\n`);
  }
  return modules.some((m) => !m.ok) ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`bench: ${err.message.split('\n')[0]}\n`);
    process.exit(1);
  }
);
