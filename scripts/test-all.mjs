#!/usr/bin/env node
// The README's test command runs this (via `pnpm test`).
// Purpose: run every check a change must pass, in one place, and finish with a plain summary line.
// Steps: type check (tsc), lint + format check (biome), then one Jest run covering the unit and
// integration projects (integration starts its own DynamoDB Local). Each step's output streams through.
// Output: per-step status, then `tests: N passed, N failed` (and skipped) on its own line.
// Exit: non-zero when any step fails. Usage: node scripts/test-all.mjs [--only=<step,...>]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsFile = join(root, 'dist', 'test-results', 'jest.json');

/** Ordered checks. Each returns its exit status; jest also yields counts. */
const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', cmd: bin('biome'), args: ['ci', '--reporter=summary', '.'] },
  {
    name: 'jest',
    cmd: bin('jest'),
    args: ['--ci', '--json', `--outputFile=${resultsFile}`],
    env: {
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
    },
  },
];

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
mkdirSync(dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });

const outcomes = [];
for (const step of steps) {
  if (only && !only.includes(step.name)) continue;
  const started = Date.now();
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const res = spawnSync(step.cmd, step.args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...(step.env ?? {}),
    },
  });
  outcomes.push({
    name: step.name,
    ok: res.status === 0,
    seconds: (Date.now() - started) / 1000,
    status: res.status,
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const jest = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = jest.numPassedTests;
  failed = jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  skipped = jest.numPendingTests + jest.numTodoTests;
} catch {
  if (!only || only.includes('jest')) failed += 1; // Jest produced no results: count it as a failure.
}
const failedSteps = outcomes.filter((o) => !o.ok);
// Steps other than Jest count as one check each, so a type or lint failure shows in the totals.
failed += failedSteps.filter((o) => o.name !== 'jest').length;

process.stdout.write('\n=== summary ===\n');
for (const o of outcomes)
  process.stdout.write(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.seconds.toFixed(1)} s)\n`);
process.stdout.write(
  `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`
);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
