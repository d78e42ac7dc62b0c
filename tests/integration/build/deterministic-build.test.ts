import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

interface ManifestEntry {
  name: string;
  package: string;
  handler: string;
  zip: string;
  bytes: number;
  sha256: string;
  bundleBytes: number;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const build = (outdir: string) =>
  execFileSync(
    process.execPath,
    [join(root, 'scripts', 'build-lambdas.mjs'), `--outdir=${outdir}`, '--quiet'],
    {
      cwd: root,
      stdio: 'pipe',
    }
  );
const manifestOf = (dir: string): ManifestEntry[] =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).lambdas;

describe('pnpm build (scripts/build-lambdas.mjs)', () => {
  let first: string;
  let second: string;
  beforeAll(() => {
    first = mkdtempSync(join(tmpdir(), 'govwin-ace-build-a-'));
    second = mkdtempSync(join(tmpdir(), 'govwin-ace-build-b-'));
    build(first);
    build(second);
  }, 180_000);
  afterAll(() => {
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });

  it('bundles every handler under packages/*/src/handlers into a zip listed in the manifest', () => {
    // Arrange
    const listed = manifestOf(first);
    const handlers = execFileSync(
      'git',
      [
        'ls-files',
        '--cached',
        '--others',
        '--exclude-standard',
        ':(glob)packages/*/src/handlers/*.ts',
      ],
      {
        cwd: root,
        encoding: 'utf8',
      }
    )
      .split('\n')
      .filter(Boolean)
      .map((p) => {
        const [, pkg, , , file] = p.split('/');
        return `${pkg}-${(file ?? '').replace(/\.ts$/, '')}`;
      })
      .sort();
    // Assert
    expect(listed.map((l) => l.name)).toEqual(handlers);
    expect(listed.length).toBeGreaterThan(0);
  });

  it('writes identical zips and manifests on two builds of the same tree', () => {
    const a = manifestOf(first);
    const b = manifestOf(second);
    expect(b).toEqual(a);
    for (const entry of a) {
      expect(
        readFileSync(join(second, entry.zip)).equals(readFileSync(join(first, entry.zip)))
      ).toBe(true);
    }
  });

  it('records the byte size and base64 sha256 of each zip as Terraform computes them', () => {
    for (const entry of manifestOf(first)) {
      const zip = readFileSync(join(first, entry.zip));
      expect(entry.bytes).toBe(zip.length);
      expect(entry.sha256).toBe(createHash('sha256').update(zip).digest('base64'));
    }
  });
});
