// Static checks over parsed configurations (no evaluation): every reference resolves, every module call
// passes only declared variables and all required ones, every function exists, conventions hold
// (typed and described variables, described outputs, versions.tf, IAM only from policy documents), and
// the dependency graph across modules has no cycle at the granularity Terraform uses (individual
// variables, locals, outputs and resources, not whole modules).

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Findings } from './findings';
import { type Expr, HclExprError, parseJsonString, type Reference, referencesOf } from './hcl-expr';
import { asObject, blocksOf, type Json, type JsonObject, type ModuleConfig } from './tf-config';

/** Terraform's built-in functions (1.10); calling anything else is a typo. */
const TERRAFORM_FUNCTIONS = new Set(
  (
    'abs abspath alltrue anytrue base64decode base64encode base64gzip base64sha256 base64sha512 basename bcrypt can ' +
    'ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat contains ' +
    'csvdecode dirname distinct element endswith ephemeralasnull file filebase64 filebase64sha256 filebase64sha512 ' +
    'fileexists filemd5 fileset filesha1 filesha256 filesha512 flatten floor format formatdate formatlist indent index ' +
    'issensitive join jsondecode jsonencode keys length list log lookup lower map matchkeys max md5 merge min nonsensitive ' +
    'one parseint pathexpand plantimestamp pow range regex regexall replace reverse rsadecrypt sensitive setintersection ' +
    'setproduct setsubtract setunion sha1 sha256 sha512 signum slice sort split startswith strcontains strrev substr sum ' +
    'templatefile templatestring textdecodebase64 textencodebase64 timeadd timecmp timestamp title tobool tolist tomap ' +
    'tonumber toset tostring transpose trim trimprefix trimspace trimsuffix try type upper urlencode uuid uuidv5 values ' +
    'yamldecode yamlencode zipmap'
  ).split(' ')
);

/** Attributes whose value may be built with jsonencode() (data, not policy); IAM policies never are (CONVENTIONS §13.5). */
const JSONENCODE_ALLOWED = new Set([
  'environment',
  'redrive_policy',
  'redrive_allow_policy',
  'event_pattern',
  'format',
  'input',
]);

const META_MODULE_ARGS = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'providers',
  'depends_on',
]);

/** A parsed expression together with where it came from. */
export interface Site {
  readonly expr: Expr;
  readonly where: string;
  /** Attribute path inside the block, e.g. `policy_statements.x.resources[0]`. */
  readonly attr: string;
  readonly shadowed: ReadonlySet<string>;
  readonly allowEach: boolean;
  readonly allowCount: boolean;
}

const exprCache = new Map<string, Expr | HclExprError>();

/** Parses a JSON string value (cached); returns the error instead of throwing. */
export const parseCached = (value: string): Expr | HclExprError => {
  let hit = exprCache.get(value);
  if (!hit) {
    try {
      hit = parseJsonString(value);
    } catch (err) {
      hit = err instanceof HclExprError ? err : new HclExprError(String(err));
    }
    exprCache.set(value, hit);
  }
  return hit;
};

interface WalkCtx {
  readonly where: string;
  readonly shadowed: ReadonlySet<string>;
  readonly allowEach: boolean;
  readonly allowCount: boolean;
}

/** Every expression of a block body, with dynamic-block iterators in scope for their content. */
export const sitesOf = (
  body: JsonObject,
  ctx: WalkCtx,
  skip: ReadonlySet<string> = new Set()
): Site[] => {
  const out: Site[] = [];
  const walkValue = (v: Json, attr: string, c: WalkCtx): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      const parsed = parseCached(v);
      if (parsed instanceof HclExprError)
        throw new HclExprError(`${c.where} ${attr}: ${parsed.message}`);
      out.push({ ...c, expr: parsed, attr });
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walkValue(x, `${attr}[${i}]`, c);
    } else if (v !== null && typeof v === 'object') {
      walkBody(v, attr, c);
    }
  };
  const walkBody = (b: JsonObject, prefix: string, c: WalkCtx): void => {
    for (const [key, value] of Object.entries(b)) {
      const attr = prefix ? `${prefix}.${key}` : key;
      if (prefix === '' && skip.has(key)) continue;
      if (
        key === 'dynamic' &&
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value)
      ) {
        for (const [label, blocks] of Object.entries(value)) {
          for (const block of Array.isArray(blocks) ? blocks : []) {
            const db = asObject(block);
            if (!db) continue;
            if (db.for_each !== undefined) walkValue(db.for_each, `${attr}.${label}.for_each`, c);
            const iterator =
              typeof db.iterator === 'string'
                ? db.iterator.replace(/^\$\{(.*)\}$/, '$1').trim()
                : label;
            const inner = { ...c, shadowed: new Set([...c.shadowed, iterator]) };
            for (const content of blocksOf(db, 'content'))
              walkBody(content, `${attr}.${label}`, inner);
          }
        }
        continue;
      }
      if (key === 'lifecycle') {
        for (const lc of Array.isArray(value) ? value : []) {
          const l = asObject(lc);
          if (!l) continue;
          for (const [lk, lv] of Object.entries(l))
            if (lk !== 'ignore_changes') walkValue(lv, `${attr}.${lk}`, c);
        }
        continue;
      }
      if (key === 'provider' && prefix === '') continue;
      walkValue(value, attr, c);
    }
  };
  walkBody(body, '', ctx);
  return out;
};

/** The expression sites of a whole module, one list per declaration. */
export const moduleSites = (m: ModuleConfig, findings: Findings): Site[] => {
  const sites: Site[] = [];
  const add = (
    body: JsonObject,
    where: string,
    extra: Partial<WalkCtx>,
    skip?: Set<string>
  ): void => {
    try {
      sites.push(
        ...sitesOf(
          body,
          { where, shadowed: new Set(), allowEach: false, allowCount: false, ...extra },
          skip
        )
      );
    } catch (err) {
      findings.error('expression', where, err instanceof Error ? err.message : String(err));
    }
  };
  for (const v of m.variables.values())
    add(v.body, `${m.rel}: variable.${v.name}`, {}, new Set(['type']));
  for (const l of m.locals.values()) add({ [l.name]: l.value }, `${m.rel}: local.${l.name}`, {});
  for (const o of m.outputs.values()) add(o.body, `${m.rel}: output.${o.name}`, {});
  for (const [map, prefix] of [
    [m.resources, ''],
    [m.data, 'data.'],
  ] as const) {
    for (const [key, r] of map) {
      add(r.body, `${m.rel}: ${prefix}${key}`, {
        allowEach: r.body.for_each !== undefined,
        allowCount: r.body.count !== undefined,
      });
    }
  }
  for (const mod of m.modules.values()) {
    add(
      mod.body,
      `${m.rel}: module.${mod.name}`,
      { allowEach: mod.body.for_each !== undefined, allowCount: mod.body.count !== undefined },
      new Set(['source', 'version', 'providers'])
    );
  }
  for (const p of m.providers) add(p.body, `${m.rel}: provider.${p.name}`, {});
  return sites;
};

/** Resolves the module directory a call's `source` names (local sources only). */
export const moduleSourceDir = (m: ModuleConfig, call: JsonObject): string | undefined => {
  const source = call.source;
  if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../')))
    return undefined;
  return resolve(m.dir, source);
};

const hasInstanceKeys = (body: JsonObject): boolean =>
  body.count !== undefined || body.for_each !== undefined;

/** Checks one reference; returns a problem description or undefined. */
const checkReference = (
  ref: Reference,
  site: Site,
  m: ModuleConfig,
  children: ReadonlyMap<string, ModuleConfig>
): string | undefined => {
  const [first, second, third] = ref.steps;
  const name = typeof first === 'string' ? first : undefined;
  switch (ref.root) {
    case 'var':
      return name && m.variables.has(name)
        ? undefined
        : `var.${String(first)} is not a declared variable`;
    case 'local':
      return name && m.locals.has(name)
        ? undefined
        : `local.${String(first)} is not a declared local value`;
    case 'module': {
      const call = name ? m.modules.get(name) : undefined;
      if (!call || !name) return `module.${String(first)} is not a declared module`;
      const child = children.get(name);
      if (child && typeof second === 'string' && !ref.indexed[1] && !child.outputs.has(second))
        return `module.${name}.${second}: module "${name}" (${child.rel}) has no output "${second}"`;
      return undefined;
    }
    case 'data': {
      const key = `${String(first)}.${String(second)}`;
      const decl = m.data.get(key);
      if (!decl) return `data.${key} is not a declared data source`;
      if (hasInstanceKeys(decl.body) && typeof third === 'string' && !ref.indexed[2])
        return `data.${key} has count/for_each; "${third}" must be read from an instance (data.${key}[…].${third})`;
      return undefined;
    }
    case 'path':
      return ['module', 'root', 'cwd'].includes(String(first))
        ? undefined
        : `path.${String(first)} does not exist`;
    case 'terraform':
      return first === 'workspace' ? undefined : `terraform.${String(first)} does not exist`;
    case 'each':
      if (!site.allowEach) return 'each.* is only available in a block with for_each';
      return first === 'key' || first === 'value'
        ? undefined
        : `each.${String(first)} does not exist`;
    case 'count':
      if (!site.allowCount) return 'count.* is only available in a block with count';
      return first === 'index' ? undefined : `count.${String(first)} does not exist`;
    case 'self':
      return 'self is only available in provisioners and postconditions';
    default: {
      if (site.shadowed.has(ref.root)) return undefined;
      const key = `${ref.root}.${String(first)}`;
      const decl = m.resources.get(key);
      if (!decl) return `${key} is not a declared resource (or ${ref.root} is not a known name)`;
      if (hasInstanceKeys(decl.body) && typeof second === 'string' && !ref.indexed[1])
        return `${key} has count/for_each; "${second}" must be read from an instance (${key}[…].${second})`;
      return undefined;
    }
  }
};

const callNames = (e: Expr, out: string[] = []): string[] => {
  const visit = (x: Expr | undefined): void => {
    if (!x) return;
    switch (x.k) {
      case 'call':
        out.push(x.name);
        x.args.forEach(visit);
        return;
      case 'template':
        x.parts.forEach(visit);
        return;
      case 'attr':
        visit(x.obj);
        return;
      case 'index':
        visit(x.obj);
        visit(x.key);
        return;
      case 'splat':
        visit(x.obj);
        visit(x.each);
        return;
      case 'unary':
        visit(x.x);
        return;
      case 'binary':
        visit(x.l);
        visit(x.r);
        return;
      case 'cond':
        visit(x.test);
        visit(x.then);
        visit(x.else);
        return;
      case 'tuple':
        x.items.forEach(visit);
        return;
      case 'object':
        for (const i of x.items) {
          visit(i.key);
          visit(i.value);
        }
        return;
      case 'for':
        visit(x.coll);
        visit(x.keyExpr);
        visit(x.valExpr);
        visit(x.cond);
        return;
      default:
        return;
    }
  };
  visit(e);
  return out;
};

/**
 * References, functions and module arguments of one module. `children` maps each module call name to
 * the loaded child configuration (when its source is local and exists).
 */
export const checkModule = (
  m: ModuleConfig,
  children: ReadonlyMap<string, ModuleConfig>,
  findings: Findings
): void => {
  for (const site of moduleSites(m, findings)) {
    for (const ref of referencesOf(site.expr, site.shadowed)) {
      const problem = checkReference(ref, site, m, children);
      if (problem) findings.error('reference', `${site.where} ${site.attr}`, problem);
    }
    for (const fn of callNames(site.expr)) {
      if (!TERRAFORM_FUNCTIONS.has(fn))
        findings.error(
          'function',
          `${site.where} ${site.attr}`,
          `${fn}() is not a Terraform function`
        );
      const topAttr = site.attr.split(/[.[]/)[0] ?? '';
      if (
        fn === 'jsonencode' &&
        !JSONENCODE_ALLOWED.has(topAttr) &&
        !JSONENCODE_ALLOWED.has(site.attr.split('.').pop() ?? '')
      )
        findings.error(
          'iam-as-documents',
          `${site.where} ${site.attr}`,
          `jsonencode() is only allowed for ${[...JSONENCODE_ALLOWED].join(', ')}; IAM policies must be data "aws_iam_policy_document" blocks`
        );
    }
  }

  for (const call of m.modules.values()) {
    const where = `${m.rel}: module.${call.name}`;
    if (call.body.count !== undefined || call.body.for_each !== undefined)
      findings.error(
        'module-argument',
        where,
        'count/for_each on modules is not supported by the offline evaluator'
      );
    const dir = moduleSourceDir(m, call.body);
    if (!dir) {
      findings.error(
        'module-argument',
        where,
        `source ${JSON.stringify(call.body.source)} is not a local path`
      );
      continue;
    }
    if (!existsSync(dir)) {
      findings.error('module-argument', where, `source ${String(call.body.source)} does not exist`);
      continue;
    }
    const child = children.get(call.name);
    if (!child) continue;
    const passed = Object.keys(call.body).filter((k) => !META_MODULE_ARGS.has(k));
    for (const arg of passed)
      if (!child.variables.has(arg))
        findings.error(
          'module-argument',
          where,
          `argument "${arg}" is not a variable of ${child.rel}`
        );
    for (const v of child.variables.values())
      if (!('default' in v.body) && !passed.includes(v.name))
        findings.error(
          'module-argument',
          where,
          `required argument "${v.name}" of ${child.rel} is missing`
        );
  }
};

/** Conventions every module follows (CONVENTIONS §13). */
export const checkConventions = (m: ModuleConfig, findings: Findings): void => {
  for (const v of m.variables.values()) {
    if (typeof v.body.description !== 'string' || v.body.description.trim() === '')
      findings.error('convention', `${v.file}: variable.${v.name}`, 'variable has no description');
    if (v.body.type === undefined)
      findings.error('convention', `${v.file}: variable.${v.name}`, 'variable has no type');
    if (typeof v.body.type === 'string' && /\bany\b/.test(v.body.type))
      findings.error(
        'convention',
        `${v.file}: variable.${v.name}`,
        'variable type uses any; use a typed object'
      );
  }
  for (const o of m.outputs.values())
    if (typeof o.body.description !== 'string' || o.body.description.trim() === '')
      findings.error('convention', `${o.file}: output.${o.name}`, 'output has no description');
  const tf = m.terraform.find((t) => t.body.required_version !== undefined);
  if (!tf)
    findings.error('convention', m.rel, 'no terraform { required_version } block (versions.tf)');
  const providers = m.terraform.flatMap((t) => blocksOf(t.body, 'required_providers'));
  const aws = asObject(providers.map((p) => p.aws).find((p) => p !== undefined));
  if (aws?.source !== 'hashicorp/aws' || typeof aws.version !== 'string')
    findings.error(
      'convention',
      m.rel,
      'required_providers must pin hashicorp/aws with a version constraint'
    );
};

// -- dependency cycles -----------------------------------------------------------------------

/** A loaded module tree: a module and its children by call name. */
export interface ModuleNode {
  readonly config: ModuleConfig;
  readonly children: ReadonlyMap<string, ModuleNode>;
}

/**
 * Builds the graph Terraform walks (per variable, local, output, resource, data source, across
 * modules) and reports every cycle found.
 */
export const checkCycles = (root: ModuleNode, rootLabel: string, findings: Findings): void => {
  const edges = new Map<string, Set<string>>();
  const edge = (from: string, to: string): void => {
    let set = edges.get(from);
    if (!set) {
      set = new Set();
      edges.set(from, set);
    }
    set.add(to);
  };

  const visit = (node: ModuleNode, path: string): void => {
    const m = node.config;
    const p = (s: string): string => (path ? `${path}.${s}` : s);
    const targetsOf = (ref: Reference, shadowed: ReadonlySet<string>): string[] => {
      const [first, second] = ref.steps;
      switch (ref.root) {
        case 'var':
          return [p(`var.${String(first)}`)];
        case 'local':
          return [p(`local.${String(first)}`)];
        case 'data':
          return [p(`data.${String(first)}.${String(second)}`)];
        case 'module': {
          const child = node.children.get(String(first));
          if (typeof second === 'string' && !ref.indexed[1])
            return [p(`module.${String(first)}.output.${second}`)];
          return child
            ? [...child.config.outputs.keys()].map((o) => p(`module.${String(first)}.output.${o}`))
            : [];
        }
        case 'path':
        case 'terraform':
        case 'each':
        case 'count':
        case 'self':
          return [];
        default:
          return shadowed.has(ref.root) ? [] : [p(`${ref.root}.${String(first)}`)];
      }
    };
    const sitesFor = (body: JsonObject, where: string, skip?: Set<string>): Site[] => {
      try {
        return sitesOf(
          body,
          { where, shadowed: new Set(), allowEach: true, allowCount: true },
          skip
        );
      } catch {
        return []; // reported by checkModule
      }
    };
    const link = (from: string, body: JsonObject, skip?: Set<string>): void => {
      for (const site of sitesFor(body, from, skip))
        for (const ref of referencesOf(site.expr, site.shadowed))
          for (const t of targetsOf(ref, site.shadowed)) edge(from, t);
    };

    for (const l of m.locals.values()) link(p(`local.${l.name}`), { v: l.value });
    for (const o of m.outputs.values()) link(p(`output.${o.name}`), o.body);
    for (const [key, r] of m.resources) link(p(key), r.body);
    for (const [key, d] of m.data) link(p(`data.${key}`), d.body);
    for (const call of m.modules.values()) {
      const child = node.children.get(call.name);
      const childPath = p(`module.${call.name}`);
      for (const [arg, value] of Object.entries(call.body)) {
        if (META_MODULE_ARGS.has(arg)) continue;
        link(`${childPath}.var.${arg}`, { v: value });
      }
      // The child's nodes live under `<childPath>.`: its outputs are the parent's `module.M.output.O`
      // and its variables are the arguments linked above, so the graph connects across modules.
      if (child) visit(child, childPath);
    }
  };
  visit(root, '');

  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const dfs = (n: string): void => {
    state.set(n, 1);
    stack.push(n);
    for (const next of edges.get(n) ?? []) {
      if (next === n) continue;
      const s = state.get(next);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          findings.error('cycle', rootLabel, `dependency cycle: ${cycle.join(' -> ')}`);
        }
      } else if (s === undefined) {
        dfs(next);
      }
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...edges.keys()].sort()) if (!state.has(n)) dfs(n);
};
