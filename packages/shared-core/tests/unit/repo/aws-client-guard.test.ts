/**
 * Repo guard: AWS SDK clients are constructed only in packages/shared-core/src/aws/clients.ts
 * (`makeAwsClients`), so region, retry mode, FIPS and endpoint overrides are set in one place.
 * Fails naming file:line for any `new <X>Client(` bound to an `@aws-sdk/*` import, or any
 * `DynamoDBDocumentClient.from(`, in packages/*\/src or scripts/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const ALLOWED = 'packages/shared-core/src/aws/clients.ts';
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', '.terraform']);

/** A construction site found by {@link scanSource}. */
interface Finding {
  line: number;
  text: string;
}

/**
 * Blanks comments (and, with `blankStrings`, string contents) while keeping every newline, so
 * match offsets still map to the right line. Template literals are treated as strings.
 */
const blank = (src: string, blankStrings: boolean): string => {
  const out: string[] = [];
  const keepNewlines = (s: string) => s.replace(/[^\n]/g, ' ');
  const special = /[/'"`]/g;
  let i = 0;
  while (i < src.length) {
    special.lastIndex = i;
    const hit = special.exec(src);
    if (!hit) {
      out.push(src.slice(i));
      break;
    }
    out.push(src.slice(i, hit.index));
    i = hit.index;
    const ch = src[i] as string;
    const next = src[i + 1];
    if (ch === '/' && (next === '/' || next === '*')) {
      const end = next === '/' ? src.indexOf('\n', i) : src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : next === '/' ? end : end + 2;
      out.push(keepNewlines(src.slice(i, stop)));
      i = stop;
    } else if (ch === '/') {
      out.push(ch);
      i += 1;
    } else {
      // Quotes end at a newline (a quote inside a regex literal must not swallow the file).
      let j = i + 1;
      while (j < src.length && src[j] !== ch && (ch === '`' || src[j] !== '\n')) {
        j += src[j] === '\\' ? 2 : 1;
      }
      const body = src.slice(i + 1, j);
      const closed = src[j] === ch;
      out.push(ch + (blankStrings ? keepNewlines(body) : body) + (closed ? ch : ''));
      i = closed ? j + 1 : j;
    }
  }
  return out.join('');
};

/** Local names (and their imported names) and namespaces bound to `@aws-sdk/*` modules. */
const awsBindings = (code: string) => {
  const names = new Map<string, string>();
  const namespaces = new Set<string>();
  const addSpecifiers = (list: string, separator: RegExp) => {
    for (const raw of list.split(',')) {
      const spec = raw.trim();
      if (!spec || spec.startsWith('type ')) continue;
      const [imported, local] = spec.split(separator).map((s) => s.trim());
      if (imported) names.set(local || imported, imported);
    }
  };
  for (const m of code.matchAll(
    /\bimport\s+(?!type\s)([\s\S]*?)\s+from\s+['"](@aws-sdk\/[^'"]+)['"]/g
  )) {
    const clause = m[1] as string;
    const ns = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(clause);
    if (ns) namespaces.add(ns[1] as string);
    const named = /\{([^}]*)\}/.exec(clause);
    if (named) addSpecifiers(named[1] as string, /\s+as\s+/);
    const def = /^\s*([A-Za-z_$][\w$]*)\s*(,|$)/.exec(clause);
    if (def) names.set(def[1] as string, def[1] as string);
  }
  for (const m of code.matchAll(
    /\b(?:const|let|var)\s+(\{[^}]*\}|[A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*['"](@aws-sdk\/[^'"]+)['"]\s*\)/g
  )) {
    const target = m[1] as string;
    if (target.startsWith('{')) addSpecifiers(target.slice(1, -1), /\s*:\s*/);
    else namespaces.add(target);
  }
  // Any other dynamic load of the SDK: be conservative and treat every *Client as an SDK client.
  const dynamic =
    /\b(?:require|import)\s*\(\s*['"]@aws-sdk\//.test(code) &&
    !/\b(?:const|let|var)\s+[^=]+=\s*(?:await\s+)?(?:require|import)\s*\(\s*['"]@aws-sdk\//.test(
      code
    );
  return { names, namespaces, dynamic };
};

/** Finds AWS SDK client construction in one source text. */
const scanSource = (src: string): Finding[] => {
  const code = blank(src, false);
  const scan = blank(src, true);
  const { names, namespaces, dynamic } = awsBindings(code);
  const lines = src.split('\n');
  const findings: Finding[] = [];
  const at = (index: number) => {
    const line = scan.slice(0, index).split('\n').length;
    findings.push({ line, text: (lines[line - 1] ?? '').trim() });
  };
  for (const m of scan.matchAll(/\bnew\s+([A-Za-z_$][\w$]*)(?:\s*\.\s*([A-Za-z_$][\w$]*))?/g)) {
    const [, first, member] = m as unknown as [string, string, string | undefined];
    const flagged = member
      ? namespaces.has(first) && member.endsWith('Client')
      : (names.get(first)?.endsWith('Client') ?? false) || (dynamic && first.endsWith('Client'));
    if (flagged) at(m.index ?? 0);
  }
  for (const m of code.matchAll(
    /\bnew\s*\(\s*(?:await\s+)?(?:import|require)\s*\(\s*['"]@aws-sdk\/[^'"]+['"]\s*\)\s*\)\s*\.\s*\w*Client\b/g
  )) {
    at(m.index ?? 0);
  }
  const documentClients = [...names].filter(
    ([, imported]) => imported === 'DynamoDBDocumentClient'
  );
  const fromTargets = new Set([
    'DynamoDBDocumentClient',
    ...documentClients.map(([local]) => local),
  ]);
  for (const m of scan.matchAll(
    /\b([A-Za-z_$][\w$]*)(?:\s*\.\s*([A-Za-z_$][\w$]*))?\s*\.\s*from\s*\(/g
  )) {
    const [, first, member] = m as unknown as [string, string, string | undefined];
    const flagged = member
      ? namespaces.has(first) && member === 'DynamoDBDocumentClient'
      : fromTargets.has(first);
    if (flagged) at(m.index ?? 0);
  }
  return findings.sort((a, b) => a.line - b.line);
};

const walk = (dir: string, out: string[] = []): string[] => {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (SKIP_DIRS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(entry)) out.push(path);
  }
  return out;
};

const filesToScan = (): string[] => {
  const packages = readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'src'));
  return [...packages, join(ROOT, 'scripts')]
    .flatMap((dir) => walk(dir))
    .map((path) => relative(ROOT, path).split('\\').join('/'))
    .filter((path) => !/\.d\.ts$/.test(path));
};

describe('repo guard: AWS SDK clients are built only by makeAwsClients', () => {
  it(`no file other than ${ALLOWED} constructs an AWS SDK client`, () => {
    // Arrange
    const files = filesToScan();
    // Act
    const violations = files
      .filter((file) => file !== ALLOWED)
      .flatMap((file) =>
        scanSource(readFileSync(join(ROOT, file), 'utf8')).map(
          (f) => `${file}:${f.line}: ${f.text}`
        )
      );
    // Assert
    expect(files.length).toBeGreaterThan(10);
    expect(violations).toEqual([]);
  });

  describe('scanner self-test', () => {
    it('finds the constructions in the one allowed file', () => {
      const findings = scanSource(readFileSync(join(ROOT, ALLOWED), 'utf8'));
      expect(findings.length).toBeGreaterThanOrEqual(5);
      expect(findings.some((f) => f.text.includes('DynamoDBDocumentClient.from('))).toBe(true);
    });

    it.each([
      [
        'a named import',
        "import { SQSClient } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});",
        [2],
      ],
      [
        'an aliased import',
        "import {\n  SNSClient as Sns,\n} from '@aws-sdk/client-sns';\n\nexport const c = new Sns({ region });",
        [5],
      ],
      [
        'a namespace import',
        "import * as sm from '@aws-sdk/client-secrets-manager';\nconst a = 1;\nconst c = new sm.SecretsManagerClient({});",
        [3],
      ],
      [
        'DynamoDBDocumentClient.from',
        "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nconst doc = DynamoDBDocumentClient.from(raw);",
        [2],
      ],
      [
        'an aliased DynamoDBDocumentClient.from',
        "import { DynamoDBDocumentClient as Doc } from '@aws-sdk/lib-dynamodb';\nconst d = Doc.from(raw);",
        [2],
      ],
      [
        'a require',
        "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nconst x = new DynamoDBClient({});",
        [2],
      ],
      [
        'a dynamic import without a binding',
        "const mod = 'x';\nconst c = new (await import('@aws-sdk/client-sqs')).SQSClient({});\nconst d = new SQSClient({});",
        [2, 3],
      ],
    ])('detects %s (planted sample)', (_name, sample, lines) => {
      expect(scanSource(sample).map((f) => f.line)).toEqual(lines);
    });

    it.each([
      [
        'a non-AWS client class',
        "import { HttpClient } from './http';\nconst h = new HttpClient();",
      ],
      [
        'a construction in a comment',
        "import { SQSClient } from '@aws-sdk/client-sqs';\n// const sqs = new SQSClient({});\n/* new SQSClient({}) */",
      ],
      [
        'a construction in a string',
        "import { SQSClient } from '@aws-sdk/client-sqs';\nconst doc = 'use new SQSClient({}) only in clients.ts';",
      ],
      [
        'a type-only import',
        "import type { SQSClient } from '@aws-sdk/client-sqs';\nlet c: SQSClient;",
      ],
      [
        'commands, which are not clients',
        "import { SendMessageCommand } from '@aws-sdk/client-sqs';\nconst cmd = new SendMessageCommand({});",
      ],
    ])('ignores %s', (_name, sample) => {
      expect(scanSource(sample)).toEqual([]);
    });
  });
});
