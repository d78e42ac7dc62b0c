#!/usr/bin/env node
// Purpose: write a CycloneDX 1.5 JSON SBOM of the production dependencies (what the Lambdas, the CLI
//          and the HubSpot card can load), generated from pnpm-lock.yaml. Runs after the bundles in
//          `pnpm build`; offline (no registry, no pnpm binary needed).
// Usage:   tsx scripts/supply-chain/sbom.ts [--out=dist/sbom.cdx.json] [--lockfile=pnpm-lock.yaml]
// Output:  the SBOM file; one summary line on stdout. Deterministic: the same lockfile and install
//          give byte-identical output (serial number derived from the content; no timestamp unless
//          SOURCE_DATE_EPOCH is set).
// Exit:    0 written; 1 the lockfile cannot be read or parsed (one-line reason on stderr).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Lockfile, productionClosure, readLockfile } from './lockfile';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** CycloneDX hash algorithm names for the SRI algorithms npm uses. */
const SRI_ALG: Readonly<Record<string, string>> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

export interface CdxHash {
  alg: string;
  content: string;
}
export interface CdxComponent {
  type: 'library' | 'application';
  'bom-ref': string;
  name: string;
  group?: string;
  version: string;
  purl: string;
  scope?: 'required';
  hashes?: CdxHash[];
  licenses?: { expression: string }[];
}
export interface CdxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp?: string;
    lifecycles: { phase: 'build' }[];
    tools: { components: { type: 'application'; name: string; version: string }[] };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

/** `pkg:npm/%40scope/name@1.2.3` (purl spec: the `@` of a scope is percent-encoded). */
export const npmPurl = (name: string, version: string): string =>
  `pkg:npm/${name.startsWith('@') ? `%40${name.slice(1)}` : name}@${encodeURIComponent(version)}`;

/** `sha512-<base64>` -> `{ alg: 'SHA-512', content: <hex> }`; undefined for unknown algorithms. */
export const sriToHash = (integrity: string): CdxHash | undefined => {
  const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/.exec(integrity.trim());
  if (!m) return undefined;
  return {
    alg: SRI_ALG[m[1] as string] as string,
    content: Buffer.from(m[2] as string, 'base64').toString('hex'),
  };
};

const splitName = (name: string): { group?: string; name: string } => {
  const m = /^(@[^/]+)\/(.+)$/.exec(name);
  return m ? { group: m[1] as string, name: m[2] as string } : { name };
};

/** Best-effort SPDX license from the installed package.json (node_modules/.pnpm), else undefined. */
const makeLicenseLookup = (root: string) => {
  const store = join(root, 'node_modules', '.pnpm');
  const dirs = existsSync(store) ? readdirSync(store) : [];
  return (name: string, version: string): string | undefined => {
    const prefix = `${name.replace('/', '+')}@${version}`;
    const dir = dirs.find((d) => d === prefix || d.startsWith(`${prefix}_`));
    if (!dir) return undefined;
    const file = join(store, dir, 'node_modules', name, 'package.json');
    if (!existsSync(file)) return undefined;
    try {
      const license = (JSON.parse(readFileSync(file, 'utf8')) as { license?: unknown }).license;
      return typeof license === 'string' && /^[A-Za-z0-9.+\-() ]{1,100}$/.test(license)
        ? license
        : undefined;
    } catch {
      return undefined;
    }
  };
};

interface WorkspacePackage {
  path: string;
  name: string;
  version: string;
}

const readWorkspacePackages = (root: string, lock: Lockfile): WorkspacePackage[] =>
  [...lock.importers.keys()]
    .filter((p) => p !== '.')
    .sort()
    .map((path) => {
      const pj = JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      return { path, name: pj.name ?? path, version: pj.version ?? '0.0.0' };
    });

/**
 * Builds the CycloneDX document: one `library` component per production package (name@version,
 * purl, integrity hash, license when installed), one `application` component per workspace
 * package, and the dependency graph between them.
 */
export const buildSbom = (
  lockText: string,
  options: { root?: string; timestamp?: string; licenses?: boolean } = {}
): CdxBom => {
  const root = options.root ?? ROOT;
  const lock = readLockfile(lockText);
  const licenseOf = options.licenses === false ? () => undefined : makeLicenseLookup(root);
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
  };
  const refOf = (key: string): string => {
    const pkg = lock.packages.get(key);
    if (!pkg) throw new Error(`pnpm-lock.yaml: unknown package ${key}`);
    return npmPurl(pkg.name, pkg.version);
  };
  const components: CdxComponent[] = productionClosure(lock).map((key) => {
    const pkg = lock.packages.get(key);
    if (!pkg) throw new Error(`pnpm-lock.yaml: unknown package ${key}`);
    const hash = pkg.integrity ? sriToHash(pkg.integrity) : undefined;
    const license = licenseOf(pkg.name, pkg.version);
    return {
      type: 'library',
      'bom-ref': refOf(key),
      ...splitName(pkg.name),
      version: pkg.version,
      purl: refOf(key),
      scope: 'required',
      ...(hash ? { hashes: [hash] } : {}),
      ...(license ? { licenses: [{ expression: license }] } : {}),
    };
  });
  const workspace = readWorkspacePackages(root, lock);
  const wsRef = new Map(workspace.map((w) => [w.path, npmPurl(w.name, w.version)]));
  for (const w of workspace) {
    components.push({
      type: 'application',
      'bom-ref': wsRef.get(w.path) as string,
      ...splitName(w.name),
      version: w.version,
      purl: wsRef.get(w.path) as string,
    });
  }
  const rootRef = npmPurl(rootPkg.name ?? 'govwin-ace', rootPkg.version ?? '0.0.0');
  const dependencies: CdxBom['dependencies'] = [
    { ref: rootRef, dependsOn: workspace.map((w) => wsRef.get(w.path) as string) },
  ];
  for (const w of workspace) {
    const imp = lock.importers.get(w.path);
    const dependsOn = [
      ...(imp?.links ?? []).map((l) => wsRef.get(l)).filter((r): r is string => Boolean(r)),
      ...(imp?.dependsOn ?? []).map(refOf),
    ];
    dependencies.push({ ref: wsRef.get(w.path) as string, dependsOn: [...new Set(dependsOn)] });
  }
  for (const c of components) {
    if (c.type !== 'library') continue;
    const key = `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`;
    dependencies.push({
      ref: c['bom-ref'],
      dependsOn: (lock.packages.get(key)?.dependsOn ?? []).map(refOf),
    });
  }
  const body = { components, dependencies };
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  // A name-based (v5-shaped) UUID from the content: stable for identical inputs, as builds must be.
  const serial = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-${((Number.parseInt(digest.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${serial}`,
    version: 1,
    metadata: {
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      lifecycles: [{ phase: 'build' }],
      tools: {
        components: [{ type: 'application', name: 'govwin-ace-sbom', version: '1.0.0' }],
      },
      component: {
        type: 'application',
        'bom-ref': rootRef,
        name: rootPkg.name ?? 'govwin-ace',
        version: rootPkg.version ?? '0.0.0',
        purl: rootRef,
      },
    },
    components,
    dependencies,
  };
};

const main = (): number => {
  const arg = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const out = resolve(ROOT, arg('out') ?? 'dist/sbom.cdx.json');
  const lockPath = resolve(ROOT, arg('lockfile') ?? 'pnpm-lock.yaml');
  const epoch = process.env.SOURCE_DATE_EPOCH;
  try {
    const timestamp =
      epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : undefined;
    const bom = buildSbom(readFileSync(lockPath, 'utf8'), timestamp ? { timestamp } : {});
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(bom, null, 2)}\n`);
    const libs = bom.components.filter((c) => c.type === 'library').length;
    process.stdout.write(
      `sbom: ${relative(ROOT, out)} (CycloneDX 1.5, ${libs} production packages)\n`
    );
    return 0;
  } catch (err) {
    process.stderr.write(`sbom: ${(err as Error).message.split('\n')[0]}\n`);
    return 1;
  }
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
