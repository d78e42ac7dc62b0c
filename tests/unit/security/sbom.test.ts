// The CycloneDX SBOM `pnpm build` writes (scripts/supply-chain/sbom.ts): valid 1.5 structure, every
// production dependency present with purl and integrity hash, no dev-only tooling, a closed
// dependency graph, and byte-identical output for the same lockfile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readLockfile } from '../../../scripts/supply-chain/lockfile';
import { buildSbom, type CdxBom, npmPurl, sriToHash } from '../../../scripts/supply-chain/sbom';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCK = readFileSync(join(ROOT, 'pnpm-lock.yaml'), 'utf8');

describe('CycloneDX SBOM', () => {
  let bom: CdxBom;
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'govwin-ace-sbom-'));
    // Through the real entry point, as `pnpm build` runs it.
    execFileSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['scripts/supply-chain/sbom.ts', `--out=${join(tmp, 'sbom.cdx.json')}`],
      { cwd: ROOT, stdio: 'pipe', env: { ...process.env, SOURCE_DATE_EPOCH: '1795000000' } }
    );
    bom = JSON.parse(readFileSync(join(tmp, 'sbom.cdx.json'), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is a CycloneDX 1.5 JSON document with a urn:uuid serial number and build metadata', () => {
    // Assert
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.5');
    expect(bom.$schema).toBe('http://cyclonedx.org/schema/bom-1.5.schema.json');
    expect(bom.version).toBe(1);
    expect(bom.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
    expect(bom.metadata.timestamp).toBe(new Date(1_795_000_000_000).toISOString());
    expect(bom.metadata.lifecycles).toEqual([{ phase: 'build' }]);
    expect(bom.metadata.component).toMatchObject({ type: 'application', name: 'govwin-ace' });
  });

  it('lists every direct production dependency of every workspace package, with purl and SHA-512', () => {
    // Arrange
    const lock = readLockfile(LOCK);
    const direct = [...lock.importers.values()].flatMap((i) => i.dependsOn);
    const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));
    // Act
    const missing = direct.filter((key) => {
      const at = key.lastIndexOf('@');
      return !byRef.has(npmPurl(key.slice(0, at), key.slice(at + 1)));
    });
    // Assert
    expect(direct.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
    for (const c of bom.components.filter((x) => x.type === 'library')) {
      expect(c.purl).toBe(c['bom-ref']);
      expect(c.purl).toMatch(/^pkg:npm\/(%40[a-z0-9._-]+\/)?[a-z0-9._-]+@\d[^\s]*$/);
      expect(c.hashes?.[0]?.alg).toBe('SHA-512');
      expect(c.hashes?.[0]?.content).toMatch(/^[0-9a-f]{128}$/);
    }
  });

  it('has one component per workspace package and unique bom-refs', () => {
    // Arrange
    const refs = bom.components.map((c) => c['bom-ref']);
    const apps = bom.components.filter((c) => c.type === 'application').map((c) => c.name);
    // Assert
    expect(new Set(refs).size).toBe(refs.length);
    expect(apps).toEqual(
      expect.arrayContaining(['shared-core', 'hubspot-webhook-receiver', 'cli'])
    );
  });

  it('leaves out tooling that is only a devDependency (test runner, bundler, IAM simulator)', () => {
    // Arrange
    const names = new Set(bom.components.map((c) => (c.group ? `${c.group}/${c.name}` : c.name)));
    // Assert
    for (const dev of [
      'jest',
      'esbuild',
      '@swc/core',
      '@cloud-copilot/iam-simulate',
      '@biomejs/biome',
    ])
      expect(names.has(dev)).toBe(false);
    expect(names.has('@aws-sdk/client-partnercentral-selling')).toBe(true);
    expect(names.has('zod')).toBe(true);
  });

  it('has a closed dependency graph: every ref and dependsOn names a component or the root', () => {
    // Arrange
    const known = new Set([
      bom.metadata.component['bom-ref'],
      ...bom.components.map((c) => c['bom-ref']),
    ]);
    // Act
    const dangling = bom.dependencies.flatMap((d) =>
      [d.ref, ...d.dependsOn].filter((r) => !known.has(r))
    );
    // Assert
    expect(bom.dependencies.length).toBe(bom.components.length + 1);
    expect(dangling).toEqual([]);
  });

  it('is deterministic: the same lockfile gives the same document and serial number', () => {
    // Act
    const a = JSON.stringify(buildSbom(LOCK, { root: ROOT }));
    const b = JSON.stringify(buildSbom(LOCK, { root: ROOT }));
    // Assert
    expect(a).toBe(b);
  });

  it('changes its serial number when a locked version changes', () => {
    // Arrange
    const bumped = LOCK.replace(/'?zod@4\.6\.7'?:/g, (m) => m.replace('4.6.7', '4.6.8')).replace(
      /(\n\s+zod:\n\s+specifier: [^\n]+\n\s+version: )4\.6\.7/g,
      '$14.6.8'
    );
    // Act
    const a = buildSbom(LOCK, { root: ROOT, licenses: false });
    const b = buildSbom(bumped, { root: ROOT, licenses: false });
    // Assert
    expect(bumped).not.toBe(LOCK);
    expect(b.components.some((c) => c.name === 'zod' && c.version === '4.6.8')).toBe(true);
    expect(b.serialNumber).not.toBe(a.serialNumber);
  });

  it('converts SRI integrity strings to hex hashes', () => {
    // Act & Assert
    expect(sriToHash(`sha512-${Buffer.alloc(64, 1).toString('base64')}`)).toEqual({
      alg: 'SHA-512',
      content: '01'.repeat(64),
    });
    expect(sriToHash('md5-abc')).toBeUndefined();
    expect(npmPurl('@aws-sdk/client-sqs', '3.1169.0')).toBe(
      'pkg:npm/%40aws-sdk/client-sqs@3.1169.0'
    );
  });
});
