#!/usr/bin/env node
// Purpose: audit the production dependencies against the npm advisory database and fail on any high
//          or critical advisory that is not accepted in the dated allow-list.
// Usage:   tsx scripts/supply-chain/audit-deps.ts [--input=<pnpm audit --json output>] [--today=YYYY-MM-DD]
//          Without --input it runs `npx --yes pnpm@12.21.0 audit --prod --json` (needs the registry's
//          advisory endpoint; see docs/decisions/0005-supply-chain-checks.md for where this runs).
// Allow-list: scripts/supply-chain/audit-allowlist.json — every entry names the advisory and package,
//          who accepted it and why, when, and an expiry at most 90 days later. Expired entries fail.
// Exit:    0 no unaccepted high/critical advisory; 1 unaccepted high/critical advisories or expired
//          allow-list entries; 2 bad flags or a malformed allow-list; 3 the audit could not run
//          (registry unreachable, endpoint refused, output not JSON) — never reported as a pass.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const AUDIT_ALLOWLIST_PATH = 'scripts/supply-chain/audit-allowlist.json';
/** Longest an acceptance may last before someone must look again. */
export const MAX_ACCEPTANCE_DAYS = 90;
export const FAILING_SEVERITIES: ReadonlySet<string> = new Set(['high', 'critical']);

export const EXIT = { ok: 0, failed: 1, usage: 2, unavailable: 3 } as const;

export interface AuditAllowEntry {
  /** GHSA id (`GHSA-xxxx-xxxx-xxxx`) or the numeric npm advisory id. */
  advisory: string;
  package: string;
  reason: string;
  acceptedBy: string;
  /** YYYY-MM-DD */
  acceptedOn: string;
  /** YYYY-MM-DD, at most MAX_ACCEPTANCE_DAYS after acceptedOn. */
  expires: string;
}

export interface Advisory {
  id: string;
  ghsa?: string;
  package: string;
  severity: string;
  title: string;
  url?: string;
}

export interface AuditVerdict {
  failing: Advisory[];
  accepted: Advisory[];
  expired: AuditAllowEntry[];
  /** Entries that matched no advisory in this report (candidates for removal). */
  unused: AuditAllowEntry[];
  counts: Record<string, number>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const ENTRY_KEYS = ['advisory', 'package', 'reason', 'acceptedBy', 'acceptedOn', 'expires'];

/** Parses and validates the allow-list; throws one line naming the first bad entry. */
export const parseAuditAllowList = (json: string): AuditAllowEntry[] => {
  let doc: { entries?: unknown };
  try {
    doc = JSON.parse(json) as { entries?: unknown };
  } catch {
    throw new Error(`${AUDIT_ALLOWLIST_PATH} is not valid JSON`);
  }
  if (!Array.isArray(doc.entries))
    throw new Error(`${AUDIT_ALLOWLIST_PATH}: "entries" must be an array`);
  return doc.entries.map((raw, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const where = `${AUDIT_ALLOWLIST_PATH}: entry ${i}`;
    const extra = Object.keys(e).filter((k) => !ENTRY_KEYS.includes(k));
    if (extra.length > 0) throw new Error(`${where}: unknown field(s) ${extra.join(', ')}`);
    for (const k of ENTRY_KEYS)
      if (typeof e[k] !== 'string' || (e[k] as string).trim() === '')
        throw new Error(`${where}: "${k}" is required`);
    const entry = e as unknown as AuditAllowEntry;
    if (!/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|\d{1,10})$/.test(entry.advisory))
      throw new Error(`${where}: "advisory" must be a GHSA id or a numeric npm advisory id`);
    if (entry.reason.trim().length < 20)
      throw new Error(`${where}: "reason" must explain the acceptance (20+ characters)`);
    for (const k of ['acceptedOn', 'expires'] as const)
      if (!DATE.test(entry[k]) || Number.isNaN(dayOf(entry[k])))
        throw new Error(`${where}: "${k}" must be a date YYYY-MM-DD`);
    const days = (dayOf(entry.expires) - dayOf(entry.acceptedOn)) / 86_400_000;
    if (days <= 0 || days > MAX_ACCEPTANCE_DAYS)
      throw new Error(
        `${where}: "expires" must be 1..${MAX_ACCEPTANCE_DAYS} days after "acceptedOn"`
      );
    return entry;
  });
};

/** Entries whose expiry is on or before `today` (YYYY-MM-DD). */
export const expiredEntries = (
  entries: readonly AuditAllowEntry[],
  today: string
): AuditAllowEntry[] => entries.filter((e) => dayOf(e.expires) <= dayOf(today));

/**
 * Reads pnpm's `audit --json` report (npm v6 audit shape: `advisories` keyed by id, `metadata`).
 * Throws when the report is an error object or lacks the expected shape, so an outage is never
 * mistaken for a clean result.
 */
export const parseAuditReport = (
  text: string
): { advisories: Advisory[]; counts: Record<string, number> } => {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error('the audit output is not JSON (did the advisory endpoint answer?)');
  }
  if (doc.error !== undefined) {
    const err = doc.error as { code?: unknown; summary?: unknown; message?: unknown };
    throw new Error(
      `the audit reported an error: ${String(err.code ?? '')} ${String(err.summary ?? err.message ?? '')}`.trim()
    );
  }
  const metadata = doc.metadata as { vulnerabilities?: Record<string, unknown> } | undefined;
  if (typeof doc.advisories !== 'object' || doc.advisories === null || !metadata?.vulnerabilities)
    throw new Error('the audit output has no "advisories" / "metadata.vulnerabilities"');
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(metadata.vulnerabilities))
    counts[k] = typeof v === 'number' ? v : 0;
  const advisories = Object.entries(doc.advisories as Record<string, unknown>).map(([id, raw]) => {
    const a = (raw ?? {}) as Record<string, unknown>;
    const ghsa = typeof a.github_advisory_id === 'string' ? a.github_advisory_id : undefined;
    return {
      id: String(a.id ?? id),
      ...(ghsa ? { ghsa } : {}),
      package: String(a.module_name ?? ''),
      severity: String(a.severity ?? 'unknown').toLowerCase(),
      title: String(a.title ?? ''),
      ...(typeof a.url === 'string' ? { url: a.url } : {}),
    };
  });
  return { advisories, counts };
};

const matches = (a: Advisory, e: AuditAllowEntry): boolean =>
  e.package === a.package && (e.advisory === a.ghsa || e.advisory === a.id);

/** The verdict: high/critical advisories not accepted by a live allow-list entry fail. */
export const evaluateAudit = (
  report: { advisories: readonly Advisory[]; counts: Record<string, number> },
  entries: readonly AuditAllowEntry[],
  today: string
): AuditVerdict => {
  const expired = expiredEntries(entries, today);
  const live = entries.filter((e) => !expired.includes(e));
  const failing: Advisory[] = [];
  const accepted: Advisory[] = [];
  for (const a of report.advisories) {
    if (!FAILING_SEVERITIES.has(a.severity)) continue;
    (live.some((e) => matches(a, e)) ? accepted : failing).push(a);
  }
  const unused = live.filter((e) => !report.advisories.some((a) => matches(a, e)));
  return { failing, accepted, expired, unused, counts: report.counts };
};

/** Runs pnpm's audit; resolves its stdout, or throws a one-line reason when it could not run. */
const runPnpmAudit = (): string => {
  const run = () =>
    spawnSync('npx', ['--yes', 'pnpm@12.21.0', 'audit', '--prod', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  let res = run();
  // One retry for a transient network failure (no output at all); an answered request is final.
  if (res.error || (res.status !== 0 && res.stdout.trim() === '')) res = run();
  if (res.error)
    throw new Error(`could not start pnpm audit (${res.error.message.split('\n')[0]})`);
  const out = res.stdout.trim();
  if (out.startsWith('{')) return out;
  const text = `${res.stderr}\n${res.stdout}`.replace(/[│×╭╰─]/g, ' ').replace(/\s+/g, ' ');
  const at = text.search(/ERR_[A-Z_]+|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN/);
  const reason =
    at >= 0
      ? text.slice(at, at + 200).trim()
      : `pnpm audit exited ${res.status ?? 'on a signal'} without a JSON report`;
  throw new Error(`the advisory endpoint could not be queried: ${reason}`);
};

const main = (): number => {
  const arg = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const today = arg('today') ?? new Date().toISOString().slice(0, 10);
  if (!DATE.test(today)) {
    process.stderr.write('audit-deps: --today must be YYYY-MM-DD\n');
    return EXIT.usage;
  }
  let entries: AuditAllowEntry[];
  try {
    entries = parseAuditAllowList(readFileSync(join(ROOT, AUDIT_ALLOWLIST_PATH), 'utf8'));
  } catch (err) {
    process.stderr.write(`audit-deps: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  let report: ReturnType<typeof parseAuditReport>;
  try {
    const input = arg('input');
    report = parseAuditReport(input ? readFileSync(resolve(input), 'utf8') : runPnpmAudit());
  } catch (err) {
    process.stderr.write(
      `audit-deps: the dependency audit did NOT run — ${(err as Error).message.split('\n')[0]}. This is a failure, not a pass.\n`
    );
    return EXIT.unavailable;
  }
  const v = evaluateAudit(report, entries, today);
  for (const e of v.expired)
    process.stderr.write(
      `audit-deps: allow-list entry ${e.advisory} (${e.package}) expired on ${e.expires}: re-assess it\n`
    );
  for (const a of v.failing)
    process.stderr.write(
      `audit-deps: ${a.severity} ${a.ghsa ?? a.id} in ${a.package}: ${a.title.slice(0, 120)}${a.url ? ` (${a.url})` : ''}\n`
    );
  for (const e of v.unused)
    process.stdout.write(
      `audit-deps: allow-list entry ${e.advisory} (${e.package}) matched nothing; remove it\n`
    );
  const c = v.counts;
  process.stdout.write(
    `audit-deps: critical ${c.critical ?? 0}, high ${c.high ?? 0}, moderate ${c.moderate ?? 0}, low ${c.low ?? 0}; ${v.accepted.length} accepted, ${v.failing.length} failing\n`
  );
  return v.failing.length > 0 || v.expired.length > 0 ? EXIT.failed : EXIT.ok;
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
