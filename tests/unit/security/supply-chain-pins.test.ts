// Pinned versions: every dependency of every package.json is an exact version, `catalog:` or
// `workspace:*`; the catalog itself holds exact versions; pnpm-lock.yaml exists, is lockfile v9 and
// records the same specifiers (so `pnpm install --frozen-lockfile` installs exactly what is locked).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseLockfileYaml, readLockfile } from '../../../scripts/supply-chain/lockfile';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECTIONS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Accepts only the three allowed specifier forms. */
const isPinnedSpecifier = (spec: string): boolean =>
  EXACT.test(spec) || spec === 'catalog:' || spec === 'workspace:*';

const manifests = (): { path: string; json: Record<string, unknown> }[] => {
  const dirs = [
    '.',
    ...readdirSync(join(ROOT, 'packages'))
      .map((d) => `packages/${d}`)
      .filter((d) => existsSync(join(ROOT, d, 'package.json'))),
  ];
  return dirs.map((path) => ({
    path,
    json: JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')),
  }));
};

const specsOf = (json: Record<string, unknown>): [string, string, string][] =>
  SECTIONS.flatMap((section) =>
    Object.entries((json[section] ?? {}) as Record<string, string>).map(
      ([name, spec]) => [section, name, spec] as [string, string, string]
    )
  );

describe('supply chain: pinned versions', () => {
  it.each([
    ['1.2.3', true],
    ['0.17.0', true],
    ['7.0.0-rc.1', true],
    ['catalog:', true],
    ['workspace:*', true],
    ['^1.2.3', false],
    ['~1.2.3', false],
    ['>=1.0.0', false],
    ['1.x', false],
    ['*', false],
    ['latest', false],
    ['workspace:^', false],
    ['catalog:other', false],
    ['github:user/repo', false],
    ['1.2.3 || 2.0.0', false],
  ])('isPinnedSpecifier(%j) is %s', (spec, expected) => {
    // Act & Assert
    expect(isPinnedSpecifier(spec)).toBe(expected);
  });

  it('every dependency of every package.json is an exact version, catalog: or workspace:*', () => {
    // Arrange
    const found = manifests();
    // Act
    const loose = found.flatMap(({ path, json }) =>
      specsOf(json)
        .filter(([, , spec]) => !isPinnedSpecifier(spec))
        .map(([section, name, spec]) => `${path}/package.json ${section}.${name} = ${spec}`)
    );
    // Assert
    expect(found.length).toBeGreaterThan(5);
    expect(loose).toEqual([]);
  });

  it('pnpm is pinned to an exact version where it is invoked, and every catalog entry is exact', () => {
    // Arrange
    const rootJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const workspace = parseLockfileYaml(readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8'));
    const catalog = (workspace.catalog ?? {}) as Record<string, string>;
    // Act
    const loose = Object.entries(catalog).filter(([, v]) => !EXACT.test(v));
    // Assert
    // No packageManager field (docs/decisions/0001-pnpm-workspace.md): pnpm is pinned where it is invoked.
    expect(rootJson.packageManager).toBeUndefined();
    const pins = [
      readFileSync(join(ROOT, '.ci', 'run'), 'utf8'),
      readFileSync(join(ROOT, 'README.md'), 'utf8'),
    ].map((text) => [...text.matchAll(/npx --yes pnpm@([^\s`]+)/g)].map((m) => m[1]));
    for (const found of pins) {
      expect(found.length).toBeGreaterThan(0);
      for (const version of found) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(Object.keys(catalog).length).toBeGreaterThan(5);
    expect(loose).toEqual([]);
  });

  it('pnpm-lock.yaml exists, is lockfile v9 and records exactly the specifiers the package.json files declare', () => {
    // Arrange
    const lockPath = join(ROOT, 'pnpm-lock.yaml');
    expect(existsSync(lockPath)).toBe(true);
    const lock = readLockfile(readFileSync(lockPath, 'utf8'));
    // Act
    const drift = manifests().flatMap(({ path, json }) => {
      const locked = lock.specifiers.get(path);
      if (!locked) return [`${path}: no importer in pnpm-lock.yaml`];
      return specsOf(json)
        .filter(([section]) => section !== 'peerDependencies')
        .filter(([, name, spec]) => locked.get(name) !== spec)
        .map(
          ([, name, spec]) => `${path} ${name}: package.json ${spec}, lockfile ${locked.get(name)}`
        );
    });
    // Assert
    expect(lock.lockfileVersion).toMatch(/^9\./);
    expect(drift).toEqual([]);
  });

  it('every locked package carries an integrity hash (no unverifiable tarballs)', () => {
    // Arrange
    const lock = readLockfile(readFileSync(join(ROOT, 'pnpm-lock.yaml'), 'utf8'));
    // Act
    const missing = [...lock.packages.values()]
      .filter((p) => !/^sha(1|256|384|512)-/.test(p.integrity ?? ''))
      .map((p) => `${p.name}@${p.version}`);
    // Assert
    expect(lock.packages.size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
