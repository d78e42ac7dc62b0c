// Evaluates HCL expression ASTs (hcl-expr.ts) the way Terraform would, for the subset of functions and
// types this repo's configurations use. Values are plain JSON-like data plus `Lazy` objects (module
// outputs, resource instances) that compute an attribute only when something reads it, so evaluating
// one IAM policy never requires evaluating the whole configuration. Any function or construct outside
// the subset throws TfEvalError: the checker reports it instead of guessing a value.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { type Expr, parseExpression, SPLAT_ITEM } from './hcl-expr';

/** An object whose attributes are computed on first read. */
export class Lazy {
  private readonly cache = new Map<string, Value>();

  constructor(
    readonly describe: string,
    private readonly keyList: () => readonly string[],
    private readonly compute: (key: string) => Value
  ) {}

  keys(): readonly string[] {
    return this.keyList();
  }

  has(key: string): boolean {
    return this.keyList().includes(key);
  }

  get(key: string): Value {
    if (!this.cache.has(key)) {
      if (!this.has(key)) throw new TfEvalError(`${this.describe} has no attribute "${key}"`);
      this.cache.set(key, this.compute(key));
    }
    return this.cache.get(key) as Value;
  }
}

export type Value =
  | string
  | number
  | boolean
  | null
  | Lazy
  | readonly Value[]
  | { readonly [k: string]: Value };

/** A value after every Lazy object has been read in full. */
export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

/** Evaluation failed; `message` is one line. */
export class TfEvalError extends Error {
  override readonly name = 'TfEvalError';
}

/** Everything an expression can see besides its own for-expression locals. */
export interface EvalContext {
  /** Resolves a root name (`var`, `local`, `aws_sqs_queue`, `each`, …); throws TfEvalError if unknown. */
  readonly scope: (name: string) => Value;
  /** Directory `file()` and relative `abspath()` resolve against (the root module, as in Terraform). */
  readonly baseDir: string;
  /** Content that replaces a file `file()` would read (e.g. a sample build manifest); undefined = read it. */
  readonly fileOverride?: (absolutePath: string) => string | undefined;
}

const isLazy = (v: Value): v is Lazy => v instanceof Lazy;
const isList = (v: Value): v is readonly Value[] => Array.isArray(v);
const isObject = (v: Value): v is { readonly [k: string]: Value } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Lazy);

/** Deep copy with every Lazy read in full. */
export const materialize = (v: Value): Plain => {
  if (isLazy(v)) return Object.fromEntries(v.keys().map((k) => [k, materialize(v.get(k))]));
  if (isList(v)) return v.map(materialize);
  if (isObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(x)]));
  return v;
};

const typeName = (v: Value): string => {
  if (v === null) return 'null';
  if (isList(v)) return 'list';
  if (isLazy(v) || isObject(v)) return 'object';
  return typeof v;
};

const entriesOf = (v: Value, what: string): [string, Value][] => {
  if (isLazy(v)) return v.keys().map((k) => [k, v.get(k)]);
  if (isObject(v)) return Object.entries(v);
  throw new TfEvalError(`${what} must be a map or object, got ${typeName(v)}`);
};

const getAttr = (obj: Value, name: string): Value => {
  if (isLazy(obj)) return obj.get(name);
  if (isObject(obj)) {
    if (!(name in obj)) throw new TfEvalError(`object has no attribute "${name}"`);
    return obj[name] as Value;
  }
  throw new TfEvalError(`cannot read attribute "${name}" of a ${typeName(obj)}`);
};

const getIndex = (obj: Value, key: Value): Value => {
  if (isList(obj)) {
    if (typeof key !== 'number' || !Number.isInteger(key))
      throw new TfEvalError('list index must be an integer');
    if (key < 0 || key >= obj.length)
      throw new TfEvalError(`index ${key} out of range (length ${obj.length})`);
    return obj[key] as Value;
  }
  if (typeof key !== 'string' && typeof key !== 'number')
    throw new TfEvalError('map key must be a string');
  return getAttr(obj, String(key));
};

/** Terraform's string conversion for interpolation. */
export const toStr = (v: Value, what = 'value'): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new TfEvalError(`${what} cannot be used in a string (it is ${typeName(v)})`);
};

const toNum = (v: Value, what: string): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
  throw new TfEvalError(`${what} must be a number, got ${typeName(v)}`);
};

const toBool = (v: Value, what: string): boolean => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new TfEvalError(`${what} must be a bool, got ${typeName(v)}`);
};

const toList = (v: Value, what: string): readonly Value[] => {
  if (isList(v)) return v;
  throw new TfEvalError(`${what} must be a list, got ${typeName(v)}`);
};

export const deepEqual = (a: Value, b: Value): boolean =>
  JSON.stringify(canonical(materialize(a))) === JSON.stringify(canonical(materialize(b)));

const canonical = (v: Plain): Plain => {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical(v[k] as Plain)])
    );
  return v;
};

/** Converts an RE2 pattern (Terraform's regex flavour) to a JavaScript RegExp for the common subset. */
const re2 = (pattern: string, flags = ''): RegExp => {
  if (/\(\?P?</.test(pattern) || /\\[pPzCQE]/.test(pattern)) {
    throw new TfEvalError(`regex "${pattern}" uses RE2 syntax this evaluator does not support`);
  }
  try {
    return new RegExp(pattern, flags);
  } catch {
    throw new TfEvalError(`invalid regex "${pattern}"`);
  }
};

type Fn = (args: Value[], ctx: EvalContext) => Value;

const distinct = (list: readonly Value[]): Value[] => {
  const out: Value[] = [];
  for (const x of list) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
};

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  abspath: ([p], ctx) => {
    const path = toStr(p ?? null, 'abspath argument');
    return isAbsolute(path) ? resolve(path) : resolve(ctx.baseDir, path);
  },
  alltrue: ([l]) =>
    toList(l ?? null, 'alltrue argument').every((x) => toBool(x, 'alltrue element')),
  anytrue: ([l]) => toList(l ?? null, 'anytrue argument').some((x) => toBool(x, 'anytrue element')),
  coalesce: (args) => {
    const found = args.find((a) => a !== null && a !== '');
    if (found === undefined) throw new TfEvalError('coalesce: no non-null, non-empty argument');
    return found;
  },
  compact: ([l]) => toList(l ?? null, 'compact argument').filter((x) => x !== null && x !== ''),
  concat: (args) => args.flatMap((a) => [...toList(a, 'concat argument')]),
  contains: ([l, v]) => toList(l ?? null, 'contains argument').some((x) => deepEqual(x, v ?? null)),
  distinct: ([l]) => distinct(toList(l ?? null, 'distinct argument')),
  endswith: ([s, suffix]) => toStr(s ?? null).endsWith(toStr(suffix ?? null)),
  file: ([p], ctx) => {
    const raw = toStr(p ?? null, 'file argument');
    const path = isAbsolute(raw) ? resolve(raw) : resolve(ctx.baseDir, raw);
    const substitute = ctx.fileOverride?.(path);
    if (substitute !== undefined) return substitute;
    if (!existsSync(path)) throw new TfEvalError(`file("${raw}"): no such file`);
    return readFileSync(path, 'utf8');
  },
  flatten: ([l]) => {
    const flat = (v: Value): Value[] => (isList(v) ? v.flatMap(flat) : [v]);
    return flat(toList(l ?? null, 'flatten argument'));
  },
  floor: ([n]) => Math.floor(toNum(n ?? null, 'floor argument')),
  ceil: ([n]) => Math.ceil(toNum(n ?? null, 'ceil argument')),
  format: ([f, ...rest]) => {
    let i = 0;
    return toStr(f ?? null, 'format string').replace(/%([sd%])/g, (_, c: string) => {
      if (c === '%') return '%';
      const v = rest[i++];
      if (v === undefined) throw new TfEvalError('format: not enough arguments');
      return c === 'd' ? String(Math.trunc(toNum(v, 'format %d argument'))) : toStr(v);
    });
  },
  join: ([sep, l]) =>
    toList(l ?? null, 'join argument')
      .map((x) => toStr(x))
      .join(toStr(sep ?? null)),
  jsondecode: ([s]) => {
    try {
      return JSON.parse(toStr(s ?? null, 'jsondecode argument')) as Value;
    } catch {
      throw new TfEvalError('jsondecode: invalid JSON');
    }
  },
  jsonencode: ([v]) => JSON.stringify(materialize(v ?? null)),
  keys: ([m]) =>
    entriesOf(m ?? null, 'keys argument')
      .map(([k]) => k)
      .sort(),
  length: ([v]) => {
    const x = v ?? null;
    if (typeof x === 'string') return [...x].length;
    if (isList(x)) return x.length;
    return entriesOf(x, 'length argument').length;
  },
  lookup: ([m, k, d]) => {
    const key = toStr(k ?? null);
    const found = entriesOf(m ?? null, 'lookup argument').find(([name]) => name === key);
    if (found) return found[1];
    if (d === undefined) throw new TfEvalError(`lookup: no key "${key}" and no default`);
    return d;
  },
  lower: ([s]) => toStr(s ?? null).toLowerCase(),
  upper: ([s]) => toStr(s ?? null).toUpperCase(),
  max: (args) => Math.max(...args.map((a) => toNum(a, 'max argument'))),
  min: (args) => Math.min(...args.map((a) => toNum(a, 'min argument'))),
  merge: (args) => {
    const out: Record<string, Value> = {};
    for (const a of args) {
      if (a === null) continue;
      for (const [k, v] of entriesOf(a, 'merge argument')) out[k] = v;
    }
    return out;
  },
  one: ([l]) => {
    const list = toList(l ?? null, 'one argument');
    if (list.length > 1) throw new TfEvalError('one: more than one element');
    return list[0] ?? null;
  },
  regex: ([p, s]) => {
    const m = re2(toStr(p ?? null, 'regex pattern')).exec(toStr(s ?? null, 'regex subject'));
    if (!m) throw new TfEvalError('regex: no match');
    return m.length > 1 ? m.slice(1).map((g) => g ?? null) : m[0];
  },
  replace: ([s, find, repl]) => {
    const subject = toStr(s ?? null);
    const f = toStr(find ?? null);
    const r = toStr(repl ?? null);
    if (f.length > 1 && f.startsWith('/') && f.endsWith('/'))
      return subject.replace(re2(f.slice(1, -1), 'g'), r);
    return subject.split(f).join(r);
  },
  sort: ([l]) => [...toList(l ?? null, 'sort argument')].map((x) => toStr(x)).sort(),
  split: ([sep, s]) => toStr(s ?? null).split(toStr(sep ?? null)),
  startswith: ([s, prefix]) => toStr(s ?? null).startsWith(toStr(prefix ?? null)),
  substr: ([s, off, len]) => {
    const str = [...toStr(s ?? null)];
    const o = toNum(off ?? null, 'substr offset');
    const n = toNum(len ?? null, 'substr length');
    return str.slice(o, n < 0 ? undefined : o + n).join('');
  },
  tolist: ([l]) => [...toList(l ?? null, 'tolist argument')],
  toset: ([l]) => distinct(toList(l ?? null, 'toset argument')),
  tomap: ([m]) => Object.fromEntries(entriesOf(m ?? null, 'tomap argument')),
  tonumber: ([v]) => toNum(v ?? null, 'tonumber argument'),
  tostring: ([v]) => toStr(v ?? null, 'tostring argument'),
  trimspace: ([s]) => toStr(s ?? null).trim(),
  values: ([m]) =>
    entriesOf(m ?? null, 'values argument')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, v]) => v),
  zipmap: ([k, v]) => {
    const ks = toList(k ?? null, 'zipmap keys');
    const vs = toList(v ?? null, 'zipmap values');
    return Object.fromEntries(ks.map((key, i) => [toStr(key), vs[i] ?? null]));
  },
};

const noScope = (name: string): Value => {
  throw new TfEvalError(`unknown name "${name}"`);
};

/** Names of the functions the evaluator implements (the checker reports any other as unsupported). */
export const SUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set([
  ...Object.keys(FUNCTIONS),
  'can',
  'try',
]);

/** Evaluates `expr` in `ctx`. */
export const evaluate = (expr: Expr, ctx: EvalContext): Value => evalIn(expr, ctx, new Map());

const evalIn = (e: Expr, ctx: EvalContext, locals: ReadonlyMap<string, Value>): Value => {
  const ev = (x: Expr, l: ReadonlyMap<string, Value> = locals): Value => evalIn(x, ctx, l);
  switch (e.k) {
    case 'lit':
      return e.value;
    case 'template': {
      // A template that is exactly one interpolation yields the raw value (HCL "unwrapping").
      if (e.parts.length === 1 && e.parts[0]?.k !== 'lit') return ev(e.parts[0] as Expr);
      return e.parts.map((p) => toStr(ev(p), 'interpolated value')).join('');
    }
    case 'scope': {
      if (locals.has(e.name)) return locals.get(e.name) as Value;
      if (e.name === SPLAT_ITEM) throw new TfEvalError('splat item outside a splat');
      return ctx.scope(e.name);
    }
    case 'attr':
      return getAttr(ev(e.obj), e.name);
    case 'index':
      return getIndex(ev(e.obj), ev(e.key));
    case 'splat': {
      const source = ev(e.obj);
      const items = source === null ? [] : isList(source) ? source : [source];
      return items.map((item) => ev(e.each, new Map([...locals, [SPLAT_ITEM, item]])));
    }
    case 'call': {
      if (e.name === 'can' || e.name === 'try') return tryCall(e, ev);
      const fn = FUNCTIONS[e.name];
      if (!fn)
        throw new TfEvalError(`function ${e.name}() is not supported by the offline evaluator`);
      let args = e.args.map((a) => ev(a));
      if (e.expand) {
        const last = args.pop() ?? null;
        args = [...args, ...toList(last, `expanded argument of ${e.name}()`)];
      }
      return fn(args, ctx);
    }
    case 'unary': {
      const x = ev(e.x);
      return e.op === '!' ? !toBool(x, 'operand of !') : -toNum(x, 'operand of -');
    }
    case 'binary':
      return binary(e.op, e.l, e.r, ev);
    case 'cond':
      return toBool(ev(e.test), 'condition') ? ev(e.then) : ev(e.else);
    case 'tuple':
      return e.items.map((i) => ev(i));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const { key, value } of e.items) out[toStr(ev(key), 'object key')] = ev(value);
      return out;
    }
    case 'for':
      return forExpr(e, ev, locals);
  }
};

const tryCall = (e: Extract<Expr, { k: 'call' }>, ev: (x: Expr) => Value): Value => {
  if (e.name === 'can') {
    if (e.args.length !== 1) throw new TfEvalError('can() takes one argument');
    try {
      ev(e.args[0] as Expr);
      return true;
    } catch (err) {
      if (err instanceof TfEvalError) return false;
      throw err;
    }
  }
  for (const a of e.args) {
    try {
      return ev(a);
    } catch (err) {
      if (!(err instanceof TfEvalError)) throw err;
    }
  }
  throw new TfEvalError('try(): every argument failed');
};

const binary = (op: string, l: Expr, r: Expr, ev: (x: Expr) => Value): Value => {
  if (op === '&&') return toBool(ev(l), 'operand of &&') && toBool(ev(r), 'operand of &&');
  if (op === '||') return toBool(ev(l), 'operand of ||') || toBool(ev(r), 'operand of ||');
  const a = ev(l);
  const b = ev(r);
  if (op === '==') return deepEqual(a, b);
  if (op === '!=') return !deepEqual(a, b);
  const x = toNum(a, `left operand of ${op}`);
  const y = toNum(b, `right operand of ${op}`);
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y;
    default:
      throw new TfEvalError(`unknown operator ${op}`);
  }
};

const forExpr = (
  e: Extract<Expr, { k: 'for' }>,
  ev: (x: Expr, l?: ReadonlyMap<string, Value>) => Value,
  locals: ReadonlyMap<string, Value>
): Value => {
  const coll = ev(e.coll);
  const pairs: [Value, Value][] = isList(coll)
    ? coll.map((v, i) => [i, v])
    : entriesOf(coll, 'for expression collection')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, v]);
  const tupleOut: Value[] = [];
  const objectOut: Record<string, Value> = {};
  for (const [k, v] of pairs) {
    const scope = new Map(locals);
    scope.set(e.valVar, v);
    if (e.keyVar) scope.set(e.keyVar, k);
    if (e.cond && !toBool(ev(e.cond, scope), 'for expression condition')) continue;
    if (e.kind === 'tuple') {
      tupleOut.push(ev(e.valExpr, scope));
    } else {
      const key = toStr(ev(e.keyExpr as Expr, scope), 'for expression key');
      if (key in objectOut) throw new TfEvalError(`for expression produced duplicate key "${key}"`);
      objectOut[key] = ev(e.valExpr, scope);
    }
  }
  return e.kind === 'tuple' ? tupleOut : objectOut;
};

// -- type constraints ---------------------------------------------------------------------------

/** A Terraform type constraint, parsed from a variable's `type`. */
export type TypeSpec =
  | { readonly t: 'any' | 'string' | 'number' | 'bool' }
  | { readonly t: 'list' | 'set' | 'map'; readonly of: TypeSpec }
  | { readonly t: 'tuple'; readonly items: readonly TypeSpec[] }
  | {
      readonly t: 'object';
      readonly attrs: Readonly<
        Record<string, { type: TypeSpec; optional: boolean; default: Expr | undefined }>
      >;
    };

/** Parses a type expression such as `map(object({ a = optional(string, "x") }))`. */
export const parseType = (source: string): TypeSpec => toType(parseExpression(source));

const toType = (e: Expr): TypeSpec => {
  if (e.k === 'scope' && ['any', 'string', 'number', 'bool'].includes(e.name))
    return { t: e.name as 'any' | 'string' | 'number' | 'bool' };
  if (e.k === 'call') {
    const [first] = e.args;
    if (['list', 'set', 'map'].includes(e.name) && first)
      return { t: e.name as 'list' | 'set' | 'map', of: toType(first) };
    if (e.name === 'tuple' && first?.k === 'tuple')
      return { t: 'tuple', items: first.items.map(toType) };
    if (e.name === 'object' && first?.k === 'object') {
      const attrs: Record<
        string,
        { type: TypeSpec; optional: boolean; default: Expr | undefined }
      > = {};
      for (const { key, value } of first.items) {
        const name = key.k === 'lit' ? String(key.value) : undefined;
        if (!name) throw new TfEvalError('object type attribute names must be literal');
        if (value.k === 'call' && value.name === 'optional') {
          attrs[name] = {
            type: toType(value.args[0] as Expr),
            optional: true,
            default: value.args[1],
          };
        } else {
          attrs[name] = { type: toType(value), optional: false, default: undefined };
        }
      }
      return { t: 'object', attrs };
    }
  }
  throw new TfEvalError('unsupported type constraint');
};

/**
 * Converts `value` to `type` as Terraform does for module variables: primitive conversions, defaults
 * for optional object attributes. Attributes not in an object type are reported through
 * `onDropped` (Terraform drops them silently, which hides typos such as `conditon`).
 */
export const convert = (
  value: Value,
  type: TypeSpec,
  path: string,
  onDropped: (path: string) => void = () => {}
): Value => {
  if (value === null) return null;
  switch (type.t) {
    case 'any':
      return value;
    case 'string':
      return toStr(value, path);
    case 'number':
      return toNum(value, path);
    case 'bool':
      return toBool(value, path);
    case 'list':
    case 'set': {
      const items = toList(value, path).map((v, i) =>
        convert(v, type.of, `${path}[${i}]`, onDropped)
      );
      return type.t === 'set' ? distinct(items) : items;
    }
    case 'tuple':
      return toList(value, path).map((v, i) =>
        convert(v, type.items[i] ?? { t: 'any' }, `${path}[${i}]`, onDropped)
      );
    case 'map':
      return Object.fromEntries(
        entriesOf(value, path).map(([k, v]) => [
          k,
          convert(v, type.of, `${path}["${k}"]`, onDropped),
        ])
      );
    case 'object': {
      const given = new Map(entriesOf(value, path));
      for (const k of given.keys()) if (!(k in type.attrs)) onDropped(`${path}.${k}`);
      const out: Record<string, Value> = {};
      for (const [name, attr] of Object.entries(type.attrs)) {
        if (given.has(name) && given.get(name) !== null) {
          out[name] = convert(given.get(name) as Value, attr.type, `${path}.${name}`, onDropped);
        } else if (attr.optional) {
          out[name] = attr.default
            ? convert(
                evaluate(attr.default, { scope: noScope, baseDir: '.' }),
                attr.type,
                `${path}.${name}`
              )
            : null;
        } else {
          throw new TfEvalError(`${path}: attribute "${name}" is required`);
        }
      }
      return out;
    }
  }
};
