#!/usr/bin/env node
// The `govwin-ace` operator CLI. Runs the TypeScript entry through tsx (a root devDependency), so the
// CLI always executes the same source the Lambdas are built from. Usage: govwin-ace --help
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
