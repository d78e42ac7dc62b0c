// Purpose: write docs/field-mapping.md from the GovWin -> HubSpot mapping tables in
//          packages/shared-core/src/mapping/govwin (the doc is generated, never edited by hand).
// Usage:   npx tsx scripts/generate-field-mapping.ts [--check]
// Output:  docs/field-mapping.md; with --check nothing is written and the exit code is 1 when the
//          file differs from what the code renders (the unit test field-mapping-doc.test.ts does the same).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderFieldMappingDoc } from '../packages/shared-core/src/mapping/govwin/field-mapping-doc';

const target = fileURLToPath(new URL('../docs/field-mapping.md', import.meta.url));
const rendered = renderFieldMappingDoc();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // Missing file: reported as drift below.
  }
  if (current !== rendered) {
    process.stderr.write(
      'docs/field-mapping.md is out of date: run npx tsx scripts/generate-field-mapping.ts\n'
    );
    process.exit(1);
  }
  process.stdout.write('docs/field-mapping.md is up to date\n');
} else {
  writeFileSync(target, rendered);
  process.stdout.write(`wrote ${target}\n`);
}
