#!/usr/bin/env node
// Purpose: fail when the repository tree holds a token-shaped string (AWS keys, HubSpot private-app
//          tokens, private-key blocks, other vendor tokens, high-entropy values assigned to secret-
//          looking names) that is not explicitly marked as fake.
// Usage:   tsx scripts/supply-chain/secret-scan.ts   (also run as a Jest test: tests/unit/security)
// Scope:   `git ls-files --cached --others --exclude-standard`: tracked files plus new files not yet
//          committed (so a secret is caught before its first commit), binaries and lockfiles skipped.
// Fake marker (the only two ways a match is accepted; private-key blocks only by the allow-list):
//   1. the matched value itself contains `fake` or `example` (any case), or `sim`, `test` or `dummy`
//      as its own word (`pat-sim-…`, `sim-govwin-client-secret`, `test-current-client-secret`) —
//      test fixtures and simulators spell their credentials that way; or
//   2. an entry in scripts/supply-chain/secret-scan-allowlist.json names the path, the rule and the
//      SHA-256 of the value, with a reason (the value itself is never written down again).
// Exit:    0 clean; 1 findings (file:line, rule and a masked preview on stderr); 2 git unavailable.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ALLOWLIST_PATH = 'scripts/supply-chain/secret-scan-allowlist.json';

/** One detection rule. `group` selects the capture that holds the secret value (default: whole match). */
export interface SecretRule {
  id: string;
  description: string;
  pattern: RegExp;
  group?: number;
  /** Extra check on the captured value (entropy, shape) to keep false positives down. */
  accept?: (value: string) => boolean;
  /** True when only the allow-list can accept a match (the fake marker does not apply). */
  allowListOnly?: boolean;
}

/** Shannon entropy in bits per character. */
export const shannonEntropy = (s: string): number => {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
};

const charClasses = (s: string): number =>
  [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(s)).length;

/** Values that are references or placeholders, not secrets. */
const PLACEHOLDER =
  /^(\$\{.*\}|\$[A-Z_]+|<[^>]*>|process\.env\..*|(x|\*|\.|-|_|0)+|change[-_]?me|redacted|\[REDACTED\])$/i;

/** A high-entropy, mixed-class value of secret length (not an identifier, path or URL). */
export const looksRandom = (value: string): boolean =>
  value.length >= 16 &&
  !PLACEHOLDER.test(value) &&
  !/^(https?:|arn:|\/|\.\/|\.\.\/)/.test(value) &&
  !value.includes('${') &&
  !/\s/.test(value) &&
  charClasses(value) >= 3 &&
  shannonEntropy(value) >= 3.5;

export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    pattern: /\b((?:AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA)[A-Z0-9]{16})\b/g,
    group: 1,
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key assigned to a name',
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
  },
  {
    id: 'hubspot-private-app-token',
    description: 'HubSpot private-app / personal access token',
    pattern:
      /\b(pat-[a-z]{2,4}\d?-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi,
    group: 1,
  },
  {
    id: 'private-key-block',
    description: 'PEM / OpenSSH / PGP private key block with key material',
    // A header alone (documentation, redaction tests) is not a key; real blocks carry base64 lines.
    pattern:
      /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:\s|\\n|\\r|[A-Za-z0-9-]+: [^\n]*){0,20}[A-Za-z0-9+/=]{40,}/g,
    // Random key material can spell anything, so a marker inside it proves nothing.
    allowListOnly: true,
  },
  {
    id: 'github-token',
    description: 'GitHub token',
    pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,90})\b/g,
    group: 1,
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    pattern: /\b(xox[abposr]-[A-Za-z0-9-]{10,100})\b/g,
    group: 1,
  },
  {
    id: 'npm-token',
    description: 'npm access token',
    pattern: /\b(npm_[A-Za-z0-9]{36})\b/g,
    group: 1,
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})/g,
    group: 1,
  },
  {
    id: 'generic-secret-assignment',
    description: 'high-entropy value assigned to a secret-looking name',
    pattern:
      /\b[A-Za-z0-9_]*(?:secret|token|passw(?:or)?d|api_?key|apikey|client_?secret|private_?key|access_?key)[A-Za-z0-9_]*["']?\s*(?:[:=]|:=|=>)\s*["'`]([^"'`\s]{16,200})["'`]/gi,
    group: 1,
    accept: looksRandom,
  },
];

/** The fake marker: the value says it is fake (see the header comment). */
export const isMarkedFake = (value: string): boolean =>
  /fake|example/i.test(value) || /(^|[^A-Za-z])(sim|test|dummy)([^A-Za-z]|$)/i.test(value);

export interface Finding {
  path: string;
  line: number;
  rule: string;
  /** SHA-256 (hex) of the value, for the allow-list. */
  valueSha256: string;
  /** First 4 characters, then the length: enough to find it, never the secret. */
  preview: string;
}

export interface AllowEntry {
  path: string;
  rule: string;
  valueSha256: string;
  reason: string;
}

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

const lineOf = (text: string, index: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/** Scans one file's text; returns the findings not marked fake (the allow-list is applied later). */
export const scanText = (
  path: string,
  text: string,
  rules: readonly SecretRule[] = SECRET_RULES
): Finding[] => {
  const findings: Finding[] = [];
  // Spans of values already reported, so the generic rule does not report a vendor token twice.
  const spans: [number, number][] = [];
  for (const rule of rules) {
    const flags = rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`;
    for (const m of text.matchAll(new RegExp(rule.pattern.source, flags))) {
      const value = m[rule.group ?? 0] ?? m[0];
      const start = (m.index ?? 0) + m[0].indexOf(value);
      const end = start + value.length;
      if (spans.some(([a, b]) => start < b && a < end)) continue;
      if (rule.accept && !rule.accept(value)) continue;
      if (!rule.allowListOnly && isMarkedFake(value)) continue;
      spans.push([start, end]);
      findings.push({
        path,
        line: lineOf(text, start),
        rule: rule.id,
        valueSha256: sha256(value),
        preview: `${value.slice(0, 4)}… (${value.length} chars)`,
      });
    }
  }
  return findings;
};

/** Validates the allow-list file: every entry needs path, rule, a SHA-256 and a reason. */
export const parseAllowList = (json: string): AllowEntry[] => {
  const doc = JSON.parse(json) as { entries?: unknown };
  if (!Array.isArray(doc.entries)) throw new Error(`${ALLOWLIST_PATH}: "entries" must be an array`);
  return doc.entries.map((e, i) => {
    const entry = e as Partial<AllowEntry>;
    if (
      typeof entry.path !== 'string' ||
      typeof entry.rule !== 'string' ||
      typeof entry.valueSha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(entry.valueSha256) ||
      typeof entry.reason !== 'string' ||
      entry.reason.trim().length < 10
    )
      throw new Error(
        `${ALLOWLIST_PATH}: entry ${i} needs path, rule, valueSha256 (hex) and a reason (10+ chars)`
      );
    return entry as AllowEntry;
  });
};

export const applyAllowList = (
  findings: readonly Finding[],
  allow: readonly AllowEntry[]
): Finding[] =>
  findings.filter(
    (f) =>
      !allow.some((a) => a.path === f.path && a.rule === f.rule && a.valueSha256 === f.valueSha256)
  );

/** Paths never scanned: generated, binary or the lockfile (integrity hashes are high-entropy). */
const SKIP =
  /(^|\/)(pnpm-lock\.yaml|package-lock\.json)$|\.(png|jpe?g|gif|ico|zip|gz|tgz|jar|woff2?|pdf)$/i;
const MAX_BYTES = 2 * 1024 * 1024;

/** The files the scan covers (tracked plus untracked-but-not-ignored), relative to `root`. */
export const listRepoFiles = (root: string = ROOT): string[] =>
  execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter((p) => p !== '' && !SKIP.test(p));

/** Scans the repository at `root` and applies its allow-list. */
export const scanRepo = (root: string = ROOT): Finding[] => {
  const findings: Finding[] = [];
  for (const path of listRepoFiles(root)) {
    const abs = join(root, path);
    if (!existsSync(abs)) continue; // deleted in the working tree
    const st = statSync(abs);
    if (!st.isFile() || st.size > MAX_BYTES) continue;
    const buf = readFileSync(abs);
    if (buf.includes(0)) continue; // binary
    findings.push(...scanText(path, buf.toString('utf8')));
  }
  const allowFile = join(root, ALLOWLIST_PATH);
  const allow = existsSync(allowFile) ? parseAllowList(readFileSync(allowFile, 'utf8')) : [];
  return applyAllowList(findings, allow);
};

const main = (): number => {
  let findings: Finding[];
  try {
    findings = scanRepo();
  } catch (err) {
    process.stderr.write(`secret-scan: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  for (const f of findings)
    process.stderr.write(`${f.path}:${f.line}: ${f.rule} ${f.preview} sha256=${f.valueSha256}\n`);
  process.stdout.write(
    findings.length === 0
      ? 'secret-scan: no unmarked secrets\n'
      : `secret-scan: ${findings.length} finding(s); mark fixtures fake or add a reasoned entry to ${ALLOWLIST_PATH}\n`
  );
  return findings.length === 0 ? 0 : 1;
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
