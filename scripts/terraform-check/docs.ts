// Inputs/outputs tables of module READMEs, in the block terraform-docs would own
// (<!-- BEGIN_TF_DOCS --> … <!-- END_TF_DOCS -->). The checker fails when a README's block differs
// from the configuration; `check-terraform --write-docs` rewrites the blocks (and lets Biome align the
// tables). Table padding is ignored when comparing, so Biome's alignment never counts as a difference.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Findings } from './findings';
import type { Json, ModuleConfig } from './tf-config';

export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

const cell = (s: string): string =>
  s
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

const typeText = (t: Json | undefined): string =>
  typeof t === 'string'
    ? t
        .replace(/^\$\{([\s\S]*)\}$/, '$1')
        .replace(/\s+/g, ' ')
        .trim()
    : 'any';

const defaultText = (body: Record<string, Json>): string => {
  if (!('default' in body)) return 'n/a';
  const d = body.default;
  const text = typeof d === 'string' && d.startsWith('${') ? d.slice(2, -1) : JSON.stringify(d);
  return `\`${text}\``;
};

/** The generated block (markers included) for one module. */
export const renderDocs = (m: ModuleConfig): string => {
  const lines = [
    BEGIN,
    '## Inputs',
    '',
    '| Name | Description | Type | Default | Required |',
    '|------|-------------|------|---------|:--------:|',
  ];
  for (const v of [...m.variables.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const required = !('default' in v.body);
    lines.push(
      `| ${v.name} | ${cell(String(v.body.description ?? ''))} | \`${cell(typeText(v.body.type))}\` | ${cell(defaultText(v.body))} | ${required ? 'yes' : 'no'} |`
    );
  }
  lines.push('', '## Outputs', '', '| Name | Description |', '|------|-------------|');
  for (const o of [...m.outputs.values()].sort((a, b) => a.name.localeCompare(b.name)))
    lines.push(`| ${o.name} | ${cell(String(o.body.description ?? ''))} |`);
  lines.push(END);
  return lines.join('\n');
};

/** A table line with cell padding and separator widths removed (Biome pads Markdown tables). */
const normalizeLine = (line: string): string => {
  const t = line.trim();
  if (!t.startsWith('|')) return t;
  return t
    .split('|')
    .map((c) => c.trim())
    .map((c) => (/^:?-+:?$/.test(c) ? c.replace(/-+/, '-') : c))
    .join('|');
};

const normalize = (block: string): string => block.split('\n').map(normalizeLine).join('\n');

/** Checks (or, with `write`, updates) the README of a module directory. */
export const checkDocs = (m: ModuleConfig, findings: Findings, write: boolean): void => {
  const path = join(m.dir, 'README.md');
  const where = `${m.rel}/README.md`;
  if (!existsSync(path)) {
    findings.error('docs', where, 'module has no README.md');
    return;
  }
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    findings.error('docs', where, `README has no ${BEGIN} … ${END} block`);
    return;
  }
  const current = text.slice(start, end + END.length);
  const wanted = renderDocs(m);
  if (normalize(current) === normalize(wanted)) return;
  if (write) {
    writeFileSync(path, text.slice(0, start) + wanted + text.slice(end + END.length));
    spawnSync(join('node_modules', '.bin', 'biome'), ['format', '--write', path], {
      stdio: 'ignore',
    });
  } else {
    findings.error(
      'docs',
      where,
      'inputs/outputs tables are out of date (run: npx tsx scripts/check-terraform.ts --write-docs)'
    );
  }
};
