// A parser for the HCL expression language, as far as Terraform configurations in this repo use it.
// `@cdktf/hcl2json` turns every block into JSON but leaves each expression as one `${…}` string; this
// module parses those strings (and quoted templates inside them) into a small AST that the reference
// checker and the evaluator walk. Anything outside the supported subset (template directives `%{`,
// heredocs inside expressions, grouping `...` in for-objects) is reported as an error, never guessed.
// Grammar: https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md

/** A node of the expression AST. */
export type Expr =
  | { readonly k: 'lit'; readonly value: string | number | boolean | null }
  | { readonly k: 'template'; readonly parts: readonly Expr[] }
  | { readonly k: 'scope'; readonly name: string }
  | { readonly k: 'attr'; readonly obj: Expr; readonly name: string }
  | { readonly k: 'index'; readonly obj: Expr; readonly key: Expr }
  | { readonly k: 'splat'; readonly obj: Expr; readonly each: Expr }
  | {
      readonly k: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly expand: boolean;
    }
  | { readonly k: 'unary'; readonly op: '!' | '-'; readonly x: Expr }
  | { readonly k: 'binary'; readonly op: BinaryOp; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly k: 'tuple'; readonly items: readonly Expr[] }
  | { readonly k: 'object'; readonly items: readonly { key: Expr; value: Expr }[] }
  | {
      readonly k: 'for';
      readonly kind: 'tuple' | 'object';
      readonly keyVar: string | undefined;
      readonly valVar: string;
      readonly coll: Expr;
      readonly keyExpr: Expr | undefined;
      readonly valExpr: Expr;
      readonly cond: Expr | undefined;
    };

export type BinaryOp =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/** The placeholder a splat's per-element traversal starts from. */
export const SPLAT_ITEM = '\u0000splat';

/** A syntax error in an expression; `message` is one line and names the offending position. */
export class HclExprError extends Error {
  override readonly name = 'HclExprError';
}

const BINARY_LEVELS: readonly (readonly BinaryOp[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_-]/.test(c);

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  // -- characters ------------------------------------------------------------------------------

  private fail(message: string): never {
    const near = this.src.slice(this.pos, this.pos + 20).replace(/\s+/g, ' ');
    throw new HclExprError(`${message} at offset ${this.pos} (near "${near}")`);
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** Skips whitespace, newlines and comments (`#`, `//`, `/* … *\/`). */
  private skip(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos += 1;
      } else if (c === '#' || this.startsWith('//')) {
        while (this.pos < this.src.length && this.peek() !== '\n') this.pos += 1;
      } else if (this.startsWith('/*')) {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private eat(s: string): boolean {
    this.skip();
    if (this.startsWith(s)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  private expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected "${s}"`);
  }

  private ident(): string {
    this.skip();
    if (!isIdentStart(this.peek())) this.fail('expected an identifier');
    const start = this.pos;
    while (isIdentChar(this.peek())) this.pos += 1;
    return this.src.slice(start, this.pos);
  }

  /** Looks at the next identifier without consuming it. */
  private peekIdent(): string | undefined {
    this.skip();
    if (!isIdentStart(this.peek())) return undefined;
    let end = this.pos;
    while (isIdentChar(this.src[end] ?? '')) end += 1;
    return this.src.slice(this.pos, end);
  }

  atEnd(): boolean {
    this.skip();
    return this.pos >= this.src.length;
  }

  // -- templates -------------------------------------------------------------------------------

  /**
   * Template text up to `terminator` (`"` for a quoted string, '' for a whole top-level string).
   * `escapes`: decode backslash escapes (true inside HCL source; hcl2json already decoded the
   * top-level strings it emits).
   */
  template(terminator: '"' | '', escapes: boolean): Expr {
    const parts: Expr[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') parts.push({ k: 'lit', value: text });
      text = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) {
        if (terminator === '"') this.fail('unterminated string');
        break;
      }
      const c = this.peek();
      if (terminator === '"' && c === '"') {
        this.pos += 1;
        break;
      }
      if (this.startsWith('$${')) {
        text += '${';
        this.pos += 3;
      } else if (this.startsWith('%%{')) {
        text += '%{';
        this.pos += 3;
      } else if (this.startsWith('${')) {
        this.pos += 2;
        const stripBefore = this.startsWith('~');
        if (stripBefore) {
          this.pos += 1;
          text = text.replace(/\s+$/, '');
        }
        flush();
        parts.push(this.expression());
        this.skip();
        const stripAfter = this.startsWith('~');
        if (stripAfter) this.pos += 1;
        this.expect('}');
        if (stripAfter) while (/\s/.test(this.peek())) this.pos += 1;
      } else if (this.startsWith('%{')) {
        this.fail('template directives (%{ … }) are not supported');
      } else if (escapes && c === '\\') {
        text += this.escape();
      } else {
        text += c;
        this.pos += 1;
      }
    }
    flush();
    return { k: 'template', parts };
  }

  private escape(): string {
    const next = this.peek(1);
    this.pos += 2;
    switch (next) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const len = next === 'u' ? 4 : 8;
        const hex = this.src.slice(this.pos, this.pos + len);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) this.fail('bad unicode escape');
        this.pos += len;
        return String.fromCodePoint(Number.parseInt(hex, 16));
      }
      default:
        return this.fail(`unknown escape \\${next}`);
    }
  }

  // -- expressions -----------------------------------------------------------------------------

  expression(): Expr {
    const test = this.binary(0);
    if (this.eat('?')) {
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return { k: 'cond', test, then, else: otherwise };
    }
    return test;
  }

  private binary(level: number): Expr {
    const ops = BINARY_LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.skip();
      // Longest operator first so `<=` is not read as `<`.
      const op = [...ops].sort((a, b) => b.length - a.length).find((o) => this.startsWith(o));
      if (!op) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { k: 'binary', op, l: left, r: right };
    }
  }

  private unary(): Expr {
    this.skip();
    if (this.peek() === '!' && this.peek(1) !== '=') {
      this.pos += 1;
      return { k: 'unary', op: '!', x: this.unary() };
    }
    if (this.peek() === '-' && this.peek(1) !== '>') {
      this.pos += 1;
      return { k: 'unary', op: '-', x: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let node = start;
    for (;;) {
      this.skip();
      if (this.startsWith('[*]')) {
        this.pos += 3;
        return { k: 'splat', obj: node, each: this.postfix({ k: 'scope', name: SPLAT_ITEM }) };
      }
      if (this.startsWith('.*')) {
        this.pos += 2;
        return { k: 'splat', obj: node, each: this.postfix({ k: 'scope', name: SPLAT_ITEM }) };
      }
      if (this.peek() === '.' && this.peek(1) !== '.') {
        this.pos += 1;
        this.skip();
        if (/[0-9]/.test(this.peek())) {
          const start = this.pos;
          while (/[0-9]/.test(this.peek())) this.pos += 1;
          node = {
            k: 'index',
            obj: node,
            key: { k: 'lit', value: Number(this.src.slice(start, this.pos)) },
          };
        } else {
          node = { k: 'attr', obj: node, name: this.ident() };
        }
        continue;
      }
      if (this.peek() === '[') {
        this.pos += 1;
        const key = this.expression();
        this.expect(']');
        node = { k: 'index', obj: node, key };
        continue;
      }
      return node;
    }
  }

  private primary(): Expr {
    this.skip();
    const c = this.peek();
    if (c === '"') {
      this.pos += 1;
      return this.template('"', true);
    }
    if (this.startsWith('<<')) this.fail('heredocs inside expressions are not supported');
    if (/[0-9]/.test(c)) return this.number();
    if (c === '(') {
      this.pos += 1;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '[') return this.tupleOrFor();
    if (c === '{') return this.objectOrFor();
    if (isIdentStart(c)) {
      const name = this.ident();
      if (name === 'true') return { k: 'lit', value: true };
      if (name === 'false') return { k: 'lit', value: false };
      if (name === 'null') return { k: 'lit', value: null };
      this.skip();
      if (this.peek() === '(') return this.call(name);
      return { k: 'scope', name };
    }
    return this.fail('expected an expression');
  }

  private number(): Expr {
    const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos));
    if (!m) this.fail('bad number');
    this.pos += m[0].length;
    return { k: 'lit', value: Number(m[0]) };
  }

  private call(name: string): Expr {
    this.expect('(');
    const args: Expr[] = [];
    let expand = false;
    while (!this.eat(')')) {
      args.push(this.expression());
      if (this.eat('...')) {
        expand = true;
        this.expect(')');
        break;
      }
      if (!this.eat(',')) {
        this.expect(')');
        break;
      }
    }
    return { k: 'call', name, args, expand };
  }

  private forHeader(): { keyVar: string | undefined; valVar: string; coll: Expr } {
    this.ident(); // "for"
    const first = this.ident();
    let keyVar: string | undefined;
    let valVar = first;
    if (this.eat(',')) {
      keyVar = first;
      valVar = this.ident();
    }
    if (this.ident() !== 'in') this.fail('expected "in"');
    const coll = this.expression();
    this.expect(':');
    return { keyVar, valVar, coll };
  }

  private forCondition(): Expr | undefined {
    if (this.peekIdent() === 'if') {
      this.ident();
      return this.expression();
    }
    return undefined;
  }

  private tupleOrFor(): Expr {
    this.expect('[');
    if (this.isForKeyword()) {
      const { keyVar, valVar, coll } = this.forHeader();
      const valExpr = this.expression();
      const cond = this.forCondition();
      this.expect(']');
      return { k: 'for', kind: 'tuple', keyVar, valVar, coll, keyExpr: undefined, valExpr, cond };
    }
    const items: Expr[] = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      if (!this.eat(',')) {
        this.expect(']');
        break;
      }
    }
    return { k: 'tuple', items };
  }

  private isForKeyword(): boolean {
    if (this.peekIdent() !== 'for') return false;
    // `for` followed by another identifier starts a for expression; `for = …` would be a key.
    const save = this.pos;
    this.ident();
    const next = this.peekIdent();
    this.pos = save;
    return next !== undefined;
  }

  private objectOrFor(): Expr {
    this.expect('{');
    if (this.isForKeyword()) {
      const { keyVar, valVar, coll } = this.forHeader();
      const keyExpr = this.expression();
      this.expect('=>');
      const valExpr = this.expression();
      if (this.eat('...')) this.fail('grouping (...) in for expressions is not supported');
      const cond = this.forCondition();
      this.expect('}');
      return { k: 'for', kind: 'object', keyVar, valVar, coll, keyExpr, valExpr, cond };
    }
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      if (this.eat('}')) break;
      const key = this.objectKey();
      this.skip();
      if (this.startsWith('==') || !(this.eat('=') || this.eat(':')))
        this.fail('expected "=" or ":"');
      const value = this.expression();
      items.push({ key, value });
      this.eat(','); // items may be separated by commas or newlines
    }
    return { k: 'object', items };
  }

  private objectKey(): Expr {
    this.skip();
    if (isIdentStart(this.peek())) {
      // A bare identifier is a literal key, unless it is a longer expression (`var.x = …` is invalid).
      const save = this.pos;
      const name = this.ident();
      this.skip();
      if (this.peek() === '=' || this.peek() === ':') return { k: 'lit', value: name };
      this.pos = save;
    }
    return this.expression();
  }
}

/** Parses one expression (the text inside `${ … }`, or any HCL expression source). */
export const parseExpression = (source: string): Expr => {
  const p = new Parser(source);
  const expr = p.expression();
  if (!p.atEnd())
    throw new HclExprError(`unexpected text after the expression in "${source.slice(0, 60)}"`);
  return expr;
};

/**
 * Parses a string value as hcl2json emits it: literal text with `${ … }` interpolations. A string
 * that is exactly one interpolation becomes that expression (its value keeps its type); otherwise a
 * template whose value is a string.
 */
export const parseJsonString = (value: string): Expr => {
  const tpl = new Parser(value).template('', false);
  if (tpl.k === 'template' && tpl.parts.length === 1) {
    const only = tpl.parts[0] as Expr;
    const isWholeInterpolation = value.startsWith('${') && value.endsWith('}');
    if (isWholeInterpolation && !(only.k === 'lit' && typeof only.value === 'string')) return only;
  }
  return tpl;
};

/** A reference found in an expression: the root name and the traversal steps after it. */
export interface Reference {
  readonly root: string;
  /** Attribute names and literal index keys, in order; `undefined` for a computed index. */
  readonly steps: readonly (string | number | undefined)[];
  /** True when the first step after the root (or root.type.name) is an index `[…]`. */
  readonly indexed: readonly boolean[];
}

/** Every scope reference in `expr`, skipping the local names of for expressions (and `shadowed`). */
export const referencesOf = (
  expr: Expr,
  shadowed: ReadonlySet<string> = new Set()
): Reference[] => {
  const out: Reference[] = [];
  const walk = (e: Expr, locals: ReadonlySet<string>): void => {
    switch (e.k) {
      case 'lit':
        return;
      case 'scope':
      case 'attr':
      case 'index': {
        const chain = flattenTraversal(e);
        if (chain) {
          if (!locals.has(chain.root) && chain.root !== SPLAT_ITEM) out.push(chain);
          for (const computed of chain.computedKeys) walk(computed, locals);
          return;
        }
        if (e.k === 'attr') walk(e.obj, locals);
        if (e.k === 'index') {
          walk(e.obj, locals);
          walk(e.key, locals);
        }
        return;
      }
      case 'template':
        for (const p of e.parts) walk(p, locals);
        return;
      case 'splat':
        walk(e.obj, locals);
        walk(e.each, locals);
        return;
      case 'call':
        for (const a of e.args) walk(a, locals);
        return;
      case 'unary':
        walk(e.x, locals);
        return;
      case 'binary':
        walk(e.l, locals);
        walk(e.r, locals);
        return;
      case 'cond':
        walk(e.test, locals);
        walk(e.then, locals);
        walk(e.else, locals);
        return;
      case 'tuple':
        for (const i of e.items) walk(i, locals);
        return;
      case 'object':
        for (const { key, value } of e.items) {
          walk(key, locals);
          walk(value, locals);
        }
        return;
      case 'for': {
        walk(e.coll, locals);
        const inner = new Set(locals);
        inner.add(e.valVar);
        if (e.keyVar) inner.add(e.keyVar);
        if (e.keyExpr) walk(e.keyExpr, inner);
        walk(e.valExpr, inner);
        if (e.cond) walk(e.cond, inner);
        return;
      }
    }
  };
  walk(expr, shadowed);
  return out;
};

const flattenTraversal = (e: Expr): (Reference & { computedKeys: Expr[] }) | undefined => {
  const steps: (string | number | undefined)[] = [];
  const indexed: boolean[] = [];
  const computedKeys: Expr[] = [];
  let node: Expr = e;
  for (;;) {
    if (node.k === 'attr') {
      steps.unshift(node.name);
      indexed.unshift(false);
      node = node.obj;
    } else if (node.k === 'index') {
      const key = node.key;
      if (key.k === 'lit' && (typeof key.value === 'string' || typeof key.value === 'number')) {
        steps.unshift(key.value);
      } else if (key.k === 'template' && key.parts.length === 1 && key.parts[0]?.k === 'lit') {
        steps.unshift(String(key.parts[0].value));
      } else {
        steps.unshift(undefined);
        computedKeys.push(key);
      }
      indexed.unshift(true);
      node = node.obj;
    } else if (node.k === 'scope') {
      return { root: node.name, steps, indexed, computedKeys };
    } else {
      return undefined;
    }
  }
};
