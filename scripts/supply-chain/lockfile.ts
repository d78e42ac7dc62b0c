/**
 * Reads `pnpm-lock.yaml` (lockfile v9) without a YAML dependency. pnpm writes a small, regular subset
 * of YAML: block mappings indented by two spaces, block sequences of scalars (`- item`), one-line flow
 * mappings / sequences (`{integrity: sha512-…}`, `[x64]`), and plain or quoted scalars. Anything outside
 * that subset throws with the line number, so a format change fails loudly instead of yielding a
 * silently wrong SBOM.
 */

/** A parsed YAML value: scalars stay strings (the lockfile's booleans are not needed here). */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };
export type YamlMap = { [key: string]: YamlValue };

interface Line {
  no: number;
  indent: number;
  text: string;
}

const fail = (line: Line | undefined, message: string): never => {
  throw new Error(`pnpm-lock.yaml:${line?.no ?? 'EOF'}: ${message}`);
};

/** Unquotes a scalar: `'a''b'` -> `a'b`, `"a\"b"` -> `a"b`, plain text as is. */
const scalar = (raw: string, line: Line): string => {
  const s = raw.trim();
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) fail(line, 'unterminated single-quoted scalar');
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) fail(line, 'unterminated double-quoted scalar');
    return JSON.parse(s) as string;
  }
  return s;
};

/** Splits flow-collection content on top-level commas (quotes respected; no nesting in lockfiles). */
const splitFlow = (body: string, line: Line): string[] => {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{' || ch === '[') fail(line, 'nested flow collections are not supported');
    else if (ch === ',') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (quote) fail(line, 'unterminated quote in flow collection');
  parts.push(body.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
};

/** Finds the `: ` (or trailing `:`) that ends a mapping key, skipping a quoted key. */
const keyEnd = (text: string, line: Line): number => {
  let i = 0;
  if (text.startsWith("'") || text.startsWith('"')) {
    const q = text[0];
    i = 1;
    while (i < text.length) {
      if (text[i] === q) {
        if (q === "'" && text[i + 1] === "'") i += 2;
        else break;
      } else i += text[i] === '\\' && q === '"' ? 2 : 1;
    }
    i += 1;
  }
  const idx = text.indexOf(':', i);
  if (idx < 0 || (idx + 1 < text.length && text[idx + 1] !== ' '))
    return fail(line, `expected "key: value", got ${JSON.stringify(text.slice(0, 60))}`);
  return idx;
};

const value = (raw: string, line: Line): YamlValue => {
  const s = raw.trim();
  if (s.startsWith('{')) {
    if (!s.endsWith('}')) fail(line, 'flow mapping must close on the same line');
    const out: YamlMap = {};
    for (const part of splitFlow(s.slice(1, -1), line)) {
      const end = keyEnd(part, line);
      out[scalar(part.slice(0, end), line)] = scalar(part.slice(end + 1), line);
    }
    return out;
  }
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) fail(line, 'flow sequence must close on the same line');
    return splitFlow(s.slice(1, -1), line).map((p) => scalar(p, line));
  }
  return scalar(s, line);
};

/**
 * Parses the lockfile's YAML subset into plain objects.
 * @example parseLockfileYaml("a:\n  b: '1'\n") // { a: { b: '1' } }
 */
export const parseLockfileYaml = (text: string): YamlMap => {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    if (raw.includes('\t')) fail({ no: i + 1, indent: 0, text: raw }, 'tabs are not supported');
    const indent = raw.length - raw.trimStart().length;
    lines.push({ no: i + 1, indent, text: raw.trim() });
  });
  let pos = 0;

  const parseBlock = (indent: number): YamlValue => {
    const first = lines[pos];
    if (first?.text.startsWith('- ') || first?.text === '-') {
      const seq: YamlValue[] = [];
      while (pos < lines.length) {
        const l = lines[pos] as Line;
        if (l.indent < indent) break;
        if (l.indent > indent) fail(l, 'unexpected indentation in sequence');
        if (!l.text.startsWith('- ')) fail(l, 'expected "- item" in sequence');
        seq.push(value(l.text.slice(2), l));
        pos += 1;
      }
      return seq;
    }
    const map: YamlMap = {};
    while (pos < lines.length) {
      const l = lines[pos] as Line;
      if (l.indent < indent) break;
      if (l.indent > indent) fail(l, 'unexpected indentation');
      const end = keyEnd(l.text, l);
      const key = scalar(l.text.slice(0, end), l);
      const rest = l.text.slice(end + 1).trim();
      pos += 1;
      if (rest !== '') {
        map[key] = value(rest, l);
        continue;
      }
      const next = lines[pos];
      // `key:` followed by a deeper block, or an empty value.
      if (next && next.indent > indent) map[key] = parseBlock(next.indent);
      else if (next && next.indent === indent && next.text.startsWith('- '))
        map[key] = parseBlock(indent);
      else map[key] = '';
    }
    return map;
  };

  const doc = parseBlock(0);
  if (pos < lines.length) fail(lines[pos], 'unparsed content');
  if (typeof doc !== 'object' || Array.isArray(doc)) return fail(undefined, 'not a mapping');
  return doc;
};

const asMap = (v: YamlValue | undefined): YamlMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};

/** One resolved npm package from the lockfile. */
export interface LockedPackage {
  name: string;
  version: string;
  /** `sha512-<base64>` (or another SRI algorithm) from `resolution.integrity`, when present. */
  integrity?: string;
  /** `name@version` keys (peer suffixes dropped) of its dependencies and optional dependencies. */
  dependsOn: string[];
}

/** A workspace package (importer) and the keys of its production dependencies. */
export interface LockedImporter {
  path: string;
  dependsOn: string[];
  /** Workspace packages it links to (`link:../shared-core` -> `packages/shared-core`). */
  links: string[];
}

/** What the SBOM and the pin checks need from the lockfile. */
export interface Lockfile {
  lockfileVersion: string;
  importers: Map<string, LockedImporter>;
  /** Every `name@version` package the lockfile knows (peer variants merged). */
  packages: Map<string, LockedPackage>;
  /** `importers[path][section][name].specifier` as written in the lockfile. */
  specifiers: Map<string, Map<string, string>>;
}

/** `'3.1162.0(@aws-sdk/client-dynamodb@3.1164.0)'` -> `'3.1162.0'`. */
const stripPeers = (version: string): string => version.replace(/\(.*$/, '');

/** `name@version` from a snapshot/package key such as `'@a/b@1.0.0(peer@2.0.0)'`. */
export const splitPackageKey = (key: string): { name: string; version: string } => {
  const base = stripPeers(key);
  const at = base.lastIndexOf('@');
  if (at <= 0) throw new Error(`pnpm-lock.yaml: package key ${JSON.stringify(key)} has no version`);
  return { name: base.slice(0, at), version: base.slice(at + 1) };
};

/** Resolves a dependency entry (`name: version`) to a package key, or undefined for workspace links. */
const dependencyKey = (name: string, version: string): string | undefined => {
  if (version.startsWith('link:') || version.startsWith('file:')) return undefined;
  const v = stripPeers(version);
  // Aliases are written as `npm-name@version`.
  const alias = /^(@?[^@]+)@(\d.*)$/.exec(v);
  return alias ? `${alias[1]}@${alias[2]}` : `${name}@${v}`;
};

const PROD_SECTIONS = ['dependencies', 'optionalDependencies'] as const;
const ALL_SECTIONS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

/**
 * Interprets a parsed v9 lockfile: importers with their production dependencies, and every package
 * with its integrity and dependency edges (from `snapshots`).
 */
export const readLockfile = (text: string): Lockfile => {
  const doc = parseLockfileYaml(text);
  const lockfileVersion = String(doc.lockfileVersion ?? '');
  if (!/^9\./.test(lockfileVersion))
    throw new Error(
      `pnpm-lock.yaml: lockfileVersion ${lockfileVersion} is not supported (want 9.x)`
    );
  const packages = new Map<string, LockedPackage>();
  for (const [key, raw] of Object.entries(asMap(doc.packages))) {
    const { name, version } = splitPackageKey(key);
    const integrity = asMap(asMap(raw).resolution).integrity;
    packages.set(`${name}@${version}`, {
      name,
      version,
      ...(typeof integrity === 'string' ? { integrity } : {}),
      dependsOn: [],
    });
  }
  for (const [key, raw] of Object.entries(asMap(doc.snapshots))) {
    const { name, version } = splitPackageKey(key);
    const pkg = packages.get(`${name}@${version}`);
    if (!pkg) throw new Error(`pnpm-lock.yaml: snapshot ${key} has no packages entry`);
    const deps = new Set(pkg.dependsOn);
    for (const section of PROD_SECTIONS)
      for (const [depName, depVersion] of Object.entries(asMap(asMap(raw)[section]))) {
        const dk = dependencyKey(depName, String(depVersion));
        if (dk) deps.add(dk);
      }
    pkg.dependsOn = [...deps].sort();
  }
  const importers = new Map<string, LockedImporter>();
  const specifiers = new Map<string, Map<string, string>>();
  for (const [path, raw] of Object.entries(asMap(doc.importers))) {
    const dependsOn = new Set<string>();
    const links = new Set<string>();
    const specs = new Map<string, string>();
    for (const section of ALL_SECTIONS) {
      for (const [depName, entry] of Object.entries(asMap(asMap(raw)[section]))) {
        const e = asMap(entry);
        specs.set(depName, String(e.specifier ?? ''));
        if (!(PROD_SECTIONS as readonly string[]).includes(section)) continue;
        const version = String(e.version ?? '');
        if (version.startsWith('link:')) {
          const target = new URL(version.slice('link:'.length), `file:///${path}/`).pathname;
          links.add(target.replace(/^\//, ''));
          continue;
        }
        const dk = dependencyKey(depName, version);
        if (dk) dependsOn.add(dk);
      }
    }
    importers.set(path, { path, dependsOn: [...dependsOn].sort(), links: [...links].sort() });
    specifiers.set(path, specs);
  }
  return { lockfileVersion, importers, packages, specifiers };
};

/**
 * Every package reachable from the importers' production dependencies (`dependencies` and
 * `optionalDependencies`, transitively) — what `pnpm list --prod --depth Infinity` shows.
 */
export const productionClosure = (lock: Lockfile, importerPaths?: readonly string[]): string[] => {
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const imp of lock.importers.values()) {
    if (importerPaths && !importerPaths.includes(imp.path)) continue;
    stack.push(...imp.dependsOn);
  }
  while (stack.length > 0) {
    const key = stack.pop() as string;
    if (seen.has(key)) continue;
    const pkg = lock.packages.get(key);
    if (!pkg) throw new Error(`pnpm-lock.yaml: ${key} is depended on but not listed in packages`);
    seen.add(key);
    stack.push(...pkg.dependsOn);
  }
  return [...seen].sort();
};
