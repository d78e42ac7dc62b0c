// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL, whose interpolation syntax is ${…}
import { describe, expect, it } from '@jest/globals';
import {
  convert,
  type EvalContext,
  evaluate,
  Lazy,
  materialize,
  parseType,
  TfEvalError,
  type Value,
} from '../../../scripts/terraform-check/hcl-eval';
import {
  HclExprError,
  parseExpression,
  parseJsonString,
  referencesOf,
} from '../../../scripts/terraform-check/hcl-expr';

const ctx = (names: Record<string, Value>): EvalContext => ({
  baseDir: '/repo/terraform/stack',
  scope: (name) => {
    if (name in names) return names[name] as Value;
    throw new TfEvalError(`unknown name "${name}"`);
  },
});

/** Evaluates a string the way hcl2json emits it (literal text with `${…}`). */
const run = (jsonString: string, names: Record<string, Value> = {}): unknown =>
  materialize(evaluate(parseJsonString(jsonString), ctx(names)));

describe('hcl-expr', () => {
  describe('templates', () => {
    it('keeps the raw value of a string that is exactly one interpolation', () => {
      expect(run('${var.n}', { var: { n: 5 } })).toBe(5);
      expect(run('${var.l}', { var: { l: ['a'] } })).toEqual(['a']);
    });

    it('joins literal text and interpolations into a string', () => {
      expect(run('arn:aws:sqs:${var.r}:${var.n}', { var: { r: 'us-east-1', n: 12 } })).toBe(
        'arn:aws:sqs:us-east-1:12'
      );
    });

    it('treats $${ as a literal ${ (IAM policy variables)', () => {
      expect(run('arn:aws:iam::$${aws:username}')).toBe('arn:aws:iam::${aws:username}');
    });

    it('decodes escapes inside quoted strings of an expression', () => {
      expect(run('${replace("a.b", "/\\\\./", "-")}')).toBe('a-b');
      expect(run('${"tab\\there"}')).toBe('tab\there');
    });

    it('rejects template directives instead of guessing', () => {
      expect(() => parseJsonString('%{ if true }x%{ endif }')).toThrow(HclExprError);
    });
  });

  describe('expressions', () => {
    it('follows operator precedence and conditionals', () => {
      expect(run('${1 + 2 * 3 == 7 && !false ? "yes" : "no"}')).toBe('yes');
      expect(run('${-2 < 1 || false}')).toBe(true);
      expect(run('${5 % 3 >= 2}')).toBe(true);
    });

    it('evaluates tuple and object for expressions with conditions', () => {
      expect(run('${[for s in ["a", "b", "c"] : upper(s) if s != "b"]}')).toEqual(['A', 'C']);
      expect(
        run('${{ for k, v in var.m : v => k }}', { var: { m: { x: 'one', y: 'two' } } })
      ).toEqual({
        one: 'x',
        two: 'y',
      });
    });

    it('expands the last function argument with ...', () => {
      expect(run('${merge([{ a = 1 }, { b = 2 }]...)}')).toEqual({ a: 1, b: 2 });
    });

    it('parses multi-line objects with comments and newline separators', () => {
      const src = '${merge({}, {\n  # a comment\n  f = 1\n  "detail-type" = ["x"] // trailing\n})}';
      expect(run(src)).toEqual({ f: 1, 'detail-type': ['x'] });
    });

    it('reads attributes, indexes and splats', () => {
      const names = { local: { m: { 'a-b': { x: [10, 20] } }, l: [{ id: 1 }, { id: 2 }] } };
      expect(run('${local.m["a-b"].x[1]}', names)).toBe(20);
      expect(run('${local.l[*].id}', names)).toEqual([1, 2]);
    });

    it('reads Lazy objects only for the attributes used', () => {
      const read: string[] = [];
      const lazy = new Lazy(
        'module.x',
        () => ['a', 'b'],
        (k) => {
          read.push(k);
          return k.toUpperCase();
        }
      );
      expect(run('${module.x.a}', { module: { x: lazy } })).toBe('A');
      expect(read).toEqual(['a']);
    });

    it('implements can(), regex() and the validation idioms used in this repo', () => {
      expect(run('${can(regex("^[a-z]+$", "abc"))}')).toBe(true);
      expect(run('${can(regex("^[a-z]+$", "ABC"))}')).toBe(false);
      expect(run('${contains(["Sandbox", "AWS"], "AWS")}')).toBe(true);
      expect(run('${alltrue([for s in ["sqs"] : contains(["sqs", "sns"], s)])}')).toBe(true);
    });

    it('jsonencodes materialized values', () => {
      expect(run('${jsonencode({ a = [1, "x"], b = null })}')).toBe('{"a":[1,"x"],"b":null}');
    });

    it('refuses functions it does not implement', () => {
      expect(() => run('${timestamp()}')).toThrow(/timestamp\(\) is not supported/);
    });

    it('reports a syntax error with its position', () => {
      expect(() => parseExpression('var.x +')).toThrow(HclExprError);
    });
  });

  describe('references', () => {
    it('lists root references and skips for-expression locals', () => {
      const refs = referencesOf(
        parseExpression(
          '[for l in local.manifest.lambdas : "${var.dir}/${l.zip}" if l.name != module.a.b]'
        )
      );
      expect(refs.map((r) => [r.root, ...r.steps].join('.'))).toEqual([
        'local.manifest.lambdas',
        'var.dir',
        'module.a.b',
      ]);
    });

    it('marks index steps so count/for_each misuse can be detected', () => {
      const [ref] = referencesOf(parseExpression('aws_sqs_queue.work["submit"].arn'));
      expect(ref?.steps).toEqual(['work', 'submit', 'arn']);
      expect(ref?.indexed).toEqual([false, true, false]);
    });
  });

  describe('types', () => {
    const statements = parseType(
      'map(object({ effect = optional(string, "Allow"), actions = list(string), condition = optional(list(object({ test = string })), []) }))'
    );

    it('fills optional attributes with their defaults', () => {
      const value = convert(
        { s: { actions: ['sqs:SendMessage'] } },
        statements,
        'var.policy_statements'
      );
      expect(materialize(value)).toEqual({
        s: { effect: 'Allow', actions: ['sqs:SendMessage'], condition: [] },
      });
    });

    it('reports attributes Terraform would silently drop', () => {
      const dropped: string[] = [];
      convert({ s: { actions: [], conditon: [] } }, statements, 'var.p', (p) => dropped.push(p));
      expect(dropped).toEqual(['var.p["s"].conditon']);
    });

    it('rejects a missing required attribute', () => {
      expect(() => convert({ s: { effect: 'Deny' } }, statements, 'var.p')).toThrow(
        /"actions" is required/
      );
    });

    it('converts primitives like Terraform', () => {
      expect(convert('5', parseType('number'), 'v')).toBe(5);
      expect(convert(true, parseType('string'), 'v')).toBe('true');
      expect(() => convert('five', parseType('number'), 'v')).toThrow(TfEvalError);
    });
  });
});
