// The production dependency audit (scripts/supply-chain/audit-deps.ts), offline: the committed
// allow-list is well-formed and unexpired (so an acceptance cannot silently outlive its date), the
// verdict logic fails on high/critical, and an unreachable advisory endpoint is a failure, not a pass.
// The online run itself is a CI job (docs/decisions/0005-supply-chain-checks.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUDIT_ALLOWLIST_PATH,
  type AuditAllowEntry,
  EXIT,
  evaluateAudit,
  expiredEntries,
  parseAuditAllowList,
  parseAuditReport,
} from '../../../scripts/supply-chain/audit-deps';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TODAY = new Date().toISOString().slice(0, 10);

/** A report in the shape `pnpm audit --json` prints (npm v6 audit format). */
const report = (advisories: Record<string, Record<string, unknown>>) =>
  JSON.stringify({
    actions: [],
    advisories,
    muted: [],
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 1 },
      dependencies: 112,
      devDependencies: 0,
      optionalDependencies: 0,
      totalDependencies: 112,
    },
  });

const SAMPLE = report({
  '1101': {
    id: 1101,
    github_advisory_id: 'GHSA-2222-3333-4444',
    module_name: 'fast-xml-parser',
    severity: 'critical',
    title: 'prototype pollution',
    url: 'https://github.com/advisories/GHSA-2222-3333-4444',
  },
  '1102': {
    id: 1102,
    github_advisory_id: 'GHSA-5555-6666-7777',
    module_name: 'zod',
    severity: 'high',
    title: 'ReDoS in email validation',
  },
  '1103': {
    id: 1103,
    github_advisory_id: 'GHSA-8888-9999-cccc',
    module_name: 'tslib',
    severity: 'moderate',
    title: 'something moderate',
  },
});

const entry = (
  overrides: Partial<AuditAllowEntry> & Record<string, string> = {}
): AuditAllowEntry => ({
  advisory: 'GHSA-5555-6666-7777',
  package: 'zod',
  reason: 'we never validate e-mail addresses with zod; the vulnerable path is unreachable',
  acceptedBy: 'security@govwin-ace.example',
  acceptedOn: '2026-11-20',
  expires: '2027-01-15',
  ...overrides,
});

describe('dependency audit', () => {
  describe('the committed allow-list', () => {
    it('is well-formed: every entry dated, reasoned, and accepted for at most 90 days', () => {
      // Act & Assert
      expect(() =>
        parseAuditAllowList(readFileSync(join(ROOT, AUDIT_ALLOWLIST_PATH), 'utf8'))
      ).not.toThrow();
    });

    it('has no entry that expired on or before today', () => {
      // Arrange
      const entries = parseAuditAllowList(readFileSync(join(ROOT, AUDIT_ALLOWLIST_PATH), 'utf8'));
      // Act & Assert
      expect(expiredEntries(entries, TODAY)).toEqual([]);
    });
  });

  describe('parseAuditAllowList', () => {
    it.each([
      ['a missing reason', { reason: '' }, '"reason" is required'],
      ['a one-word reason', { reason: 'fine' }, '"reason" must explain'],
      ['a bad advisory id', { advisory: 'CVE-2026-1' }, 'GHSA id or a numeric'],
      ['an unparseable date', { expires: '2027-02-30x' }, '"expires" must be a date'],
      ['an acceptance longer than 90 days', { expires: '2027-03-01' }, '1..90 days'],
      ['an expiry before acceptance', { expires: '2026-11-19' }, '1..90 days'],
      ['an unknown field', { severityOverride: 'low' }, 'unknown field(s) severityOverride'],
    ])('rejects %s', (_name, overrides, message) => {
      // Act & Assert
      expect(() => parseAuditAllowList(JSON.stringify({ entries: [entry(overrides)] }))).toThrow(
        message
      );
    });
  });

  describe('evaluateAudit', () => {
    it('fails on high and critical advisories and ignores moderate ones', () => {
      // Act
      const v = evaluateAudit(parseAuditReport(SAMPLE), [], '2026-11-23');
      // Assert
      expect(v.failing.map((a) => [a.package, a.severity])).toEqual([
        ['fast-xml-parser', 'critical'],
        ['zod', 'high'],
      ]);
    });

    it('accepts an advisory covered by a live entry (by GHSA id or numeric id), for that package only', () => {
      // Act
      const byGhsa = evaluateAudit(parseAuditReport(SAMPLE), [entry()], '2026-11-23');
      const byId = evaluateAudit(
        parseAuditReport(SAMPLE),
        [entry({ advisory: '1101', package: 'fast-xml-parser' })],
        '2026-11-23'
      );
      const otherPackage = evaluateAudit(
        parseAuditReport(SAMPLE),
        [entry({ package: 'zod-mini' })],
        '2026-11-23'
      );
      // Assert
      expect(byGhsa.accepted.map((a) => a.package)).toEqual(['zod']);
      expect(byGhsa.failing.map((a) => a.package)).toEqual(['fast-xml-parser']);
      expect(byId.accepted.map((a) => a.package)).toEqual(['fast-xml-parser']);
      expect(otherPackage.failing).toHaveLength(2);
      expect(otherPackage.unused).toHaveLength(1);
    });

    it('stops accepting on the expiry date and reports the entry as expired', () => {
      // Act
      const v = evaluateAudit(parseAuditReport(SAMPLE), [entry()], '2027-01-15');
      // Assert
      expect(v.expired).toEqual([entry()]);
      expect(v.failing.map((a) => a.package)).toEqual(['fast-xml-parser', 'zod']);
    });
  });

  describe('parseAuditReport', () => {
    it.each([
      ['plain text from a failed request', 'ERR_PNPM_AUDIT_BAD_RESPONSE responded with 405'],
      ['an error object', JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'offline' } })],
      ['JSON without advisories', JSON.stringify({ metadata: {} })],
    ])('throws on %s instead of reporting a clean audit', (_name, text) => {
      // Act & Assert
      expect(() => parseAuditReport(text)).toThrow();
    });
  });

  describe('the command (with a recorded report)', () => {
    let tmp: string;
    const run = (input: string, today = '2026-11-23') => {
      const file = join(tmp, `r-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, input);
      return spawnSync(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        ['scripts/supply-chain/audit-deps.ts', `--input=${file}`, `--today=${today}`],
        { cwd: ROOT, encoding: 'utf8' }
      );
    };
    beforeAll(() => {
      tmp = mkdtempSync(join(tmpdir(), 'govwin-ace-audit-deps-'));
    });
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('exits 1 naming each unaccepted high/critical advisory', () => {
      // Act
      const r = run(SAMPLE);
      // Assert
      expect(r.status).toBe(EXIT.failed);
      expect(r.stderr).toContain('audit-deps: critical GHSA-2222-3333-4444 in fast-xml-parser');
      expect(r.stderr).toContain('audit-deps: high GHSA-5555-6666-7777 in zod');
    });

    it('exits 0 for a report with only moderate advisories', () => {
      // Act
      const r = run(
        report({ '7': { id: 7, module_name: 'tslib', severity: 'moderate', title: 'meh' } })
      );
      // Assert
      expect(r.status).toBe(EXIT.ok);
      expect(r.stdout).toContain('0 accepted, 0 failing');
    });

    it('exits 3 with a clear message when the advisory endpoint did not answer with a report', () => {
      // Act
      const r = run('Error: ERR_PNPM_AUDIT_BAD_RESPONSE the audit endpoint responded with 405');
      // Assert
      expect(r.status).toBe(EXIT.unavailable);
      expect(r.stderr).toMatch(
        /the dependency audit did NOT run .* This is a failure, not a pass\./
      );
    });
  });
});
