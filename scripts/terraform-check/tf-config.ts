// Loads Terraform configurations without a terraform binary: every `.tf` file is parsed with
// `@cdktf/hcl2json` (syntax errors come back with file:line) and compared with `@cdktf/hcl-tools`
// format() (the core of `terraform fmt`). Files of one directory are merged into a ModuleConfig.
// The two WASM modules are loaded once per process; parse results are cached by file content so
// repeated checks of copied trees (the planted-error tests) only parse what changed.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Findings } from './findings';

/** A JSON value as hcl2json emits it (blocks are arrays, expressions are `${…}` strings). */
export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface Declared {
  readonly name: string;
  readonly body: JsonObject;
  /** Repo-relative file the declaration is in. */
  readonly file: string;
}

export interface ResourceDecl extends Declared {
  readonly type: string;
  readonly mode: 'resource' | 'data';
}

export interface ModuleConfig {
  /** Absolute directory. */
  readonly dir: string;
  /** Directory relative to the repo root (for messages). */
  readonly rel: string;
  readonly files: readonly string[];
  readonly variables: ReadonlyMap<string, Declared>;
  readonly locals: ReadonlyMap<string, Declared & { readonly value: Json }>;
  readonly outputs: ReadonlyMap<string, Declared>;
  /** Keyed `type.name`. */
  readonly resources: ReadonlyMap<string, ResourceDecl>;
  /** Keyed `type.name`. */
  readonly data: ReadonlyMap<string, ResourceDecl>;
  readonly modules: ReadonlyMap<string, Declared>;
  readonly providers: readonly Declared[];
  readonly terraform: readonly Declared[];
}

interface HclTools {
  parse: (file: string, src: string) => Promise<JsonObject>;
  format: (src: string) => Promise<string>;
}

let tools: Promise<HclTools> | undefined;

/** Loads both WASM modules once (they share Go's wasm_exec runtime, which tolerates that). */
export const hclTools = (): Promise<HclTools> => {
  tools ??= (async () => {
    const hcl2json = await import('@cdktf/hcl2json');
    const hclTools = await import('@cdktf/hcl-tools');
    return {
      parse: (file, src) => hcl2json.parse(file, src) as Promise<JsonObject>,
      format: (src) => hclTools.format(src),
    };
  })();
  return tools;
};

const parseCache = new Map<string, { json?: JsonObject; error?: string; formatted: boolean }>();

/** Parses and format-checks one file (cached by content). */
export const parseFile = async (
  path: string,
  rel: string
): Promise<{ json?: JsonObject; error?: string; formatted: boolean }> => {
  const src = readFileSync(path, 'utf8');
  // Keyed by content only: a file copied elsewhere parses the same. Errors name the file, so they are
  // keyed by path as well.
  const key = createHash('sha256').update(src).digest('hex');
  const hit = parseCache.get(key) ?? parseCache.get(`${rel}\0${key}`);
  if (hit) return hit;
  const { parse, format } = await hclTools();
  let result: { json?: JsonObject; error?: string; formatted: boolean };
  try {
    const json = await parse(rel, src);
    result = { json, formatted: (await format(src)) === src };
  } catch (err) {
    // hcl2json reports "file:line,col: summary; detail" — keep the first line only.
    const message = err instanceof Error ? err.message : String(err);
    result = { error: message.split('\n')[0] ?? message, formatted: true };
  }
  parseCache.set(result.error === undefined ? key : `${rel}\0${key}`, result);
  return result;
};

/** Every `.tf` file under `dir`, sorted (skips `.terraform`). */
export const listTfFiles = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name === '.terraform' || name === 'node_modules') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.tf')) out.push(p);
    }
  };
  walk(dir);
  return out;
};

const asObject = (v: Json | undefined): JsonObject | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

/** hcl2json wraps each block body in a one-element array. */
const blockBodies = (v: Json | undefined): JsonObject[] =>
  Array.isArray(v) ? v.map(asObject).filter((b): b is JsonObject => b !== undefined) : [];

/**
 * Loads the module in `dir` (only its own `.tf` files, not subdirectories). Syntax and format problems
 * and duplicate declarations are added to `findings`; a file that does not parse is left out.
 */
export const loadModule = async (
  dir: string,
  repoRoot: string,
  findings: Findings
): Promise<ModuleConfig> => {
  const rel = relative(repoRoot, dir) || '.';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort()
    .map((f) => join(dir, f));
  const variables = new Map<string, Declared>();
  const locals = new Map<string, Declared & { value: Json }>();
  const outputs = new Map<string, Declared>();
  const resources = new Map<string, ResourceDecl>();
  const data = new Map<string, ResourceDecl>();
  const modules = new Map<string, Declared>();
  const providers: Declared[] = [];
  const terraform: Declared[] = [];

  const add = <T extends Declared>(
    map: Map<string, T>,
    key: string,
    decl: T,
    kind: string
  ): void => {
    const existing = map.get(key);
    if (existing)
      findings.error(
        'duplicate',
        `${rel}`,
        `${kind} "${key}" is declared in ${existing.file} and ${decl.file}`
      );
    else map.set(key, decl);
  };

  for (const path of files) {
    const fileRel = relative(repoRoot, path);
    const parsed = await parseFile(path, fileRel);
    if (parsed.error !== undefined || !parsed.json) {
      findings.error('parse', fileRel, parsed.error ?? 'does not parse');
      continue;
    }
    if (!parsed.formatted)
      findings.error(
        'fmt',
        fileRel,
        'is not formatted as `terraform fmt` would (run hcl-tools format)'
      );
    const json = parsed.json;

    for (const [name, v] of Object.entries(asObject(json.variable) ?? {}))
      for (const body of blockBodies(v))
        add(variables, name, { name, body, file: fileRel }, 'variable');
    for (const body of blockBodies(json.locals))
      for (const [name, value] of Object.entries(body))
        add(locals, name, { name, body, value, file: fileRel }, 'local');
    for (const [name, v] of Object.entries(asObject(json.output) ?? {}))
      for (const body of blockBodies(v))
        add(outputs, name, { name, body, file: fileRel }, 'output');
    for (const [name, v] of Object.entries(asObject(json.module) ?? {}))
      for (const body of blockBodies(v))
        add(modules, name, { name, body, file: fileRel }, 'module');
    for (const [mode, target] of [
      ['resource', resources],
      ['data', data],
    ] as const) {
      for (const [type, byName] of Object.entries(asObject(json[mode]) ?? {}))
        for (const [name, v] of Object.entries(asObject(byName) ?? {}))
          for (const body of blockBodies(v))
            add(target, `${type}.${name}`, { type, name, body, file: fileRel, mode }, mode);
    }
    for (const [name, v] of Object.entries(asObject(json.provider) ?? {}))
      for (const body of blockBodies(v)) providers.push({ name, body, file: fileRel });
    for (const body of blockBodies(json.terraform))
      terraform.push({ name: 'terraform', body, file: fileRel });
  }

  return {
    dir,
    rel,
    files,
    variables,
    locals,
    outputs,
    resources,
    data,
    modules,
    providers,
    terraform,
  };
};

/** Nested block bodies of `body[name]` (static blocks only; dynamic blocks are separate). */
export const blocksOf = (body: JsonObject, name: string): JsonObject[] => blockBodies(body[name]);

/** `dynamic "<name>"` blocks of a body. */
export const dynamicBlocksOf = (body: JsonObject, name: string): JsonObject[] =>
  blockBodies(asObject(body.dynamic)?.[name]);

export { asObject };
