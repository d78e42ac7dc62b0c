// An offline "plan" of one or more root modules with sample inputs. Each module instance evaluates its
// variables (converted to their declared types, validations checked), locals, module outputs, resources
// and data sources lazily with hcl-eval. What only AWS knows at apply time is replaced by sample values
// derived from the configuration itself (see samples.ts): a queue's ARN is built from its configured
// name, the account is 111122223333, the region comes from the root provider. Nothing is invented that
// the configuration does not determine, so a policy rendered here is the policy Terraform would send,
// with sample account and resource ids.

import type { Findings } from './findings';
import {
  convert,
  type EvalContext,
  evaluate,
  Lazy,
  parseType,
  TfEvalError,
  type TypeSpec,
  toStr,
  type Value,
} from './hcl-eval';
import { HclExprError } from './hcl-expr';
import { computedAttribute } from './samples';

export { SAMPLE_ACCOUNT_ID, sampleHash } from './samples';

import {
  asObject,
  blocksOf,
  dynamicBlocksOf,
  type Json,
  type JsonObject,
  type ResourceDecl,
} from './tf-config';
import { type ModuleNode, parseCached } from './tf-static';

/** Bindings of one resource instance: `each` or `count`. */
interface Binding {
  readonly each?: { key: string; value: Value };
  readonly count?: number;
}

/** One evaluated resource or data instance, as the checks see it. */
export interface InstanceRef {
  readonly module: ModuleInstance;
  readonly decl: ResourceDecl;
  /** `module.x.aws_sqs_queue.sync` or `…["submit"]` / `…[0]`. */
  readonly address: string;
  readonly value: Lazy;
}

const META_ATTRS = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'dynamic']);

/** The evaluation of one module (root or called). */
export class ModuleInstance {
  private readonly varCache = new Map<string, Value>();
  private readonly localCache = new Map<string, Value>();
  private readonly resourceCache = new Map<string, Value>();
  private readonly childCache = new Map<string, ModuleInstance>();
  private readonly localsInProgress = new Set<string>();

  constructor(
    readonly world: World,
    readonly node: ModuleNode,
    /** Address prefix: '' for a root, `module.a` / `module.a.module.b` below it. */
    readonly path: string,
    /** Root label (`stack`, `bootstrap`) + path, for messages. */
    readonly label: string,
    private readonly inputs: ReadonlyMap<string, () => Value>,
    readonly root: ModuleInstance | undefined
  ) {}

  get config() {
    return this.node.config;
  }

  address(local: string): string {
    return this.path ? `${this.path}.${local}` : local;
  }

  /** The evaluation context of this module, optionally with instance bindings and extra names. */
  ctx(binding: Binding = {}, extra: ReadonlyMap<string, Value> = new Map()): EvalContext {
    return {
      baseDir: (this.root ?? this).config.dir,
      fileOverride: this.world.fileOverride,
      scope: (name) => {
        if (extra.has(name)) return extra.get(name) as Value;
        if (name === 'each') {
          if (!binding.each) throw new TfEvalError('each is not available here');
          return binding.each;
        }
        if (name === 'count') {
          if (binding.count === undefined) throw new TfEvalError('count is not available here');
          return { index: binding.count };
        }
        return this.scope(name);
      },
    };
  }

  /** Evaluates a JSON value from hcl2json (strings may hold expressions) in `ctx`. */
  evalJson(v: Json, ctx: EvalContext): Value {
    if (typeof v === 'string') {
      if (!v.includes('${')) return v;
      const expr = parseCached(v);
      if (expr instanceof HclExprError) throw new TfEvalError(expr.message);
      return evaluate(expr, ctx);
    }
    if (Array.isArray(v)) return v.map((x) => this.evalJson(x, ctx));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.evalJson(x, ctx)]));
    return v;
  }

  scope(name: string): Value {
    const c = this.config;
    switch (name) {
      case 'var':
        return new Lazy(
          `${this.label} var`,
          () => [...c.variables.keys()],
          (k) => this.variable(k)
        );
      case 'local':
        return new Lazy(
          `${this.label} local`,
          () => [...c.locals.keys()],
          (k) => this.local(k)
        );
      case 'module':
        return new Lazy(
          `${this.label} module`,
          () => [...c.modules.keys()],
          (k) => this.child(k).outputs()
        );
      case 'data': {
        const types = [...new Set([...c.data.values()].map((d) => d.type))];
        return new Lazy(
          `${this.label} data`,
          () => types,
          (type) =>
            new Lazy(
              `${this.label} data.${type}`,
              () => [...c.data.values()].filter((d) => d.type === type).map((d) => d.name),
              (n) => this.resourceValue(c.data.get(`${type}.${n}`) as ResourceDecl)
            )
        );
      }
      case 'path':
        return {
          module: c.dir,
          root: (this.root ?? this).config.dir,
          cwd: (this.root ?? this).config.dir,
        };
      case 'terraform':
        return { workspace: 'default' };
      default: {
        const decls = [...c.resources.values()].filter((r) => r.type === name);
        if (decls.length === 0) throw new TfEvalError(`${this.label}: unknown name "${name}"`);
        return new Lazy(
          `${this.label} ${name}`,
          () => decls.map((d) => d.name),
          (n) => this.resourceValue(c.resources.get(`${name}.${n}`) as ResourceDecl)
        );
      }
    }
  }

  // -- variables -----------------------------------------------------------------------------

  variableType(name: string): TypeSpec {
    const raw = this.config.variables.get(name)?.body.type;
    if (typeof raw !== 'string') return { t: 'any' };
    return parseType(raw.replace(/^\$\{([\s\S]*)\}$/, '$1'));
  }

  variable(name: string): Value {
    if (this.varCache.has(name)) return this.varCache.get(name) as Value;
    const decl = this.config.variables.get(name);
    if (!decl) throw new TfEvalError(`${this.label}: var.${name} is not declared`);
    const where = `${this.label} var.${name}`;
    let raw: Value;
    const input = this.inputs.get(name);
    if (input) raw = input();
    else if ('default' in decl.body) raw = this.evalJson(decl.body.default as Json, this.ctx());
    else throw new TfEvalError(`${where} has no value (not passed and no default)`);
    const value = convert(raw, this.variableType(name), where, (dropped) =>
      this.world.findings.error(
        'module-argument',
        this.label,
        `${dropped} is not an attribute of the variable's type; Terraform would drop it silently`
      )
    );
    this.varCache.set(name, value);
    return value;
  }

  /** Evaluates every validation of every variable; failures become findings. */
  validate(): void {
    for (const [name, decl] of this.config.variables) {
      let value: Value;
      try {
        value = this.variable(name);
      } catch (err) {
        this.world.findings.error('variable', `${this.label} var.${name}`, message(err));
        continue;
      }
      for (const v of blocksOf(decl.body, 'validation')) {
        try {
          const ok = this.evalJson(v.condition as Json, this.ctx({}, new Map()));
          if (ok !== true)
            this.world.findings.error(
              'validation',
              `${this.label} var.${name}`,
              `sample value ${JSON.stringify(value)?.slice(0, 80)} fails: ${String(v.error_message)}`
            );
        } catch (err) {
          this.world.findings.error(
            'validation',
            `${this.label} var.${name}`,
            `condition cannot be evaluated: ${message(err)}`
          );
        }
      }
    }
    for (const name of this.config.modules.keys()) this.child(name).validate();
  }

  local(name: string): Value {
    if (this.localCache.has(name)) return this.localCache.get(name) as Value;
    const decl = this.config.locals.get(name);
    if (!decl) throw new TfEvalError(`${this.label}: local.${name} is not declared`);
    if (this.localsInProgress.has(name))
      throw new TfEvalError(`${this.label}: local.${name} refers to itself`);
    this.localsInProgress.add(name);
    try {
      const value = this.evalJson(decl.value, this.ctx());
      this.localCache.set(name, value);
      return value;
    } finally {
      this.localsInProgress.delete(name);
    }
  }

  // -- child modules -------------------------------------------------------------------------

  child(name: string): ModuleInstance {
    const existing = this.childCache.get(name);
    if (existing) return existing;
    const call = this.config.modules.get(name);
    const node = this.node.children.get(name);
    if (!call || !node) throw new TfEvalError(`${this.label}: module.${name} is not loaded`);
    const inputs = new Map<string, () => Value>();
    for (const [arg, v] of Object.entries(call.body)) {
      if (['source', 'version', 'providers', 'depends_on', 'count', 'for_each'].includes(arg))
        continue;
      inputs.set(arg, () => this.evalJson(v, this.ctx()));
    }
    const path = this.address(`module.${name}`);
    const inst = new ModuleInstance(
      this.world,
      node,
      path,
      `${this.rootLabel()}.${path}`,
      inputs,
      this.root ?? this
    );
    this.childCache.set(name, inst);
    return inst;
  }

  rootLabel(): string {
    return (this.root ?? this).label;
  }

  children(): ModuleInstance[] {
    return [...this.config.modules.keys()]
      .filter((n) => this.node.children.has(n))
      .map((n) => this.child(n));
  }

  outputs(): Lazy {
    return new Lazy(
      `${this.label} outputs`,
      () => [...this.config.outputs.keys()],
      (o) => this.evalJson(this.config.outputs.get(o)?.body.value ?? null, this.ctx())
    );
  }

  // -- resources and data sources ------------------------------------------------------------

  /** All instances of a declaration: a Lazy, a list (count) or an object (for_each). */
  resourceValue(decl: ResourceDecl): Value {
    const key = `${decl.mode}.${decl.type}.${decl.name}`;
    if (this.resourceCache.has(key)) return this.resourceCache.get(key) as Value;
    let value: Value;
    if (decl.body.count !== undefined) {
      const n = this.evalJson(decl.body.count, this.ctx());
      if (typeof n !== 'number')
        throw new TfEvalError(`${this.label} ${decl.type}.${decl.name}: count must be a number`);
      value = Array.from({ length: n }, (_, i) => this.instance(decl, { count: i }));
    } else if (decl.body.for_each !== undefined) {
      const coll = this.evalJson(decl.body.for_each, this.ctx());
      const entries: [string, Value][] = Array.isArray(coll)
        ? coll.map((v) => [toStr(v, 'for_each element'), v])
        : coll instanceof Lazy
          ? coll.keys().map((k) => [k, coll.get(k)])
          : coll !== null && typeof coll === 'object'
            ? Object.entries(coll)
            : [];
      value = Object.fromEntries(
        entries.map(([k, v]) => [k, this.instance(decl, { each: { key: k, value: v } })])
      );
    } else {
      value = this.instance(decl, {});
    }
    this.resourceCache.set(key, value);
    return value;
  }

  instanceAddress(decl: ResourceDecl, binding: Binding): string {
    const base = this.address(`${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`);
    if (binding.count !== undefined) return `${base}[${binding.count}]`;
    if (binding.each) return `${base}["${binding.each.key}"]`;
    return base;
  }

  private instance(decl: ResourceDecl, binding: Binding): Lazy {
    const address = this.instanceAddress(decl, binding);
    const ctx = this.ctx(binding);
    const configKeys = Object.keys(decl.body).filter((k) => !META_ATTRS.has(k));
    const dynamicKeys = Object.keys(asObject(decl.body.dynamic) ?? {});
    const read = (attr: string): Value => lazy.get(attr);
    const computedKeys = computedAttribute.keysFor(decl.mode, decl.type);
    const lazy: Lazy = new Lazy(
      `${this.rootLabel()} ${address}`,
      () => [...new Set([...configKeys, ...dynamicKeys, ...computedKeys])],
      (attr) => {
        const computed = computedAttribute.compute(decl.mode, decl.type, attr, {
          read,
          has: (a) => configKeys.includes(a) || dynamicKeys.includes(a),
          address: `${this.rootLabel()}:${address}`,
          world: this.world,
          module: this,
          decl,
          ctx,
        });
        if (computed !== undefined) return computed;
        return this.blockOrAttribute(decl.body, attr, ctx);
      }
    );
    return lazy;
  }

  /** An attribute's value, or a nested block's instances (static blocks plus dynamic expansions). */
  blockOrAttribute(body: JsonObject, attr: string, ctx: EvalContext): Value {
    const dynamic = dynamicBlocksOf(body, attr);
    const raw = body[attr];
    if (dynamic.length === 0) {
      if (raw === undefined) throw new TfEvalError(`attribute "${attr}" is not set`);
      return this.evalJson(raw, ctx);
    }
    const out: Value[] = Array.isArray(raw) ? (this.evalJson(raw, ctx) as Value[]) : [];
    for (const d of dynamic)
      out.push(...this.expandDynamic(d, attr, ctx).map(([b, c]) => this.evalBody(b, c)));
    return out;
  }

  /** The (body, context) pairs a dynamic block expands to. */
  expandDynamic(d: JsonObject, label: string, ctx: EvalContext): [JsonObject, EvalContext][] {
    const coll = this.evalJson(d.for_each ?? null, ctx);
    const iterator =
      typeof d.iterator === 'string' ? d.iterator.replace(/^\$\{(.*)\}$/, '$1').trim() : label;
    const entries: [Value, Value][] = Array.isArray(coll)
      ? coll.map((v, i) => [i, v])
      : coll instanceof Lazy
        ? coll.keys().map((k) => [k, coll.get(k)])
        : coll !== null && typeof coll === 'object'
          ? Object.entries(coll)
          : [];
    const content = blocksOf(d, 'content')[0] ?? {};
    return entries.map(([key, value]) => [
      content,
      { ...ctx, scope: (n: string) => (n === iterator ? { key, value } : ctx.scope(n)) },
    ]);
  }

  /** Evaluates a block body (attributes and nested blocks, including dynamic ones). */
  evalBody(body: JsonObject, ctx: EvalContext): Value {
    const out: Record<string, Value> = {};
    const names = new Set([
      ...Object.keys(body).filter((k) => k !== 'dynamic'),
      ...Object.keys(asObject(body.dynamic) ?? {}),
    ]);
    for (const k of names) out[k] = this.blockOrAttribute(body, k, ctx);
    return out;
  }

  /** Every instance of every resource (or data source) declared in this module. */
  instances(mode: 'resource' | 'data', type?: string): InstanceRef[] {
    const map = mode === 'resource' ? this.config.resources : this.config.data;
    const out: InstanceRef[] = [];
    for (const decl of map.values()) {
      if (type && decl.type !== type) continue;
      const v = this.resourceValue(decl);
      const list: [string, Lazy][] =
        v instanceof Lazy
          ? [[this.instanceAddress(decl, {}), v]]
          : Array.isArray(v)
            ? (v as Lazy[]).map((x, i) => [this.instanceAddress(decl, { count: i }), x])
            : Object.entries(v as Record<string, Lazy>).map(([k, x]) => [
                this.instanceAddress(decl, { each: { key: k, value: null } }),
                x,
              ]);
      for (const [address, value] of list) out.push({ module: this, decl, address, value });
    }
    return out;
  }

  /** This module and every module below it. */
  tree(): ModuleInstance[] {
    return [this, ...this.children().flatMap((c) => c.tree())];
  }
}

export interface RootInput {
  readonly label: string;
  readonly node: ModuleNode;
  /** Values for the root's variables (e.g. from its terraform.tfvars.example). */
  readonly inputs: Readonly<Record<string, Value>>;
}

/** The evaluated roots, sharing one sample account (bootstrap and stack see each other's resources). */
export class World {
  readonly roots: ModuleInstance[];

  constructor(
    roots: readonly RootInput[],
    readonly findings: Findings,
    readonly fileOverride: (path: string) => string | undefined = () => undefined
  ) {
    this.roots = roots.map((r) => {
      const inputs = new Map(Object.entries(r.inputs).map(([k, v]) => [k, () => v] as const));
      return new ModuleInstance(this, r.node, '', r.label, inputs, undefined);
    });
  }

  root(label: string): ModuleInstance {
    const r = this.roots.find((x) => x.label === label);
    if (!r) throw new TfEvalError(`no root "${label}"`);
    return r;
  }

  /** The region a module's resources live in (from its root's `provider "aws"` region). */
  region(module: ModuleInstance): string {
    const root = module.root ?? module;
    const provider = root.config.providers.find((p) => p.name === 'aws');
    if (!provider || provider.body.region === undefined)
      throw new TfEvalError(`${root.label}: provider "aws" has no region`);
    return toStr(root.evalJson(provider.body.region, root.ctx()), 'provider region');
  }

  /** Every instance of a resource type across all roots (for cross-root lookups such as KMS aliases). */
  instancesOf(mode: 'resource' | 'data', type: string): InstanceRef[] {
    return this.roots.flatMap((r) => r.tree().flatMap((m) => m.instances(mode, type)));
  }
}

export const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
