// `govwin-ace sync --once | --dry-run`: discovery + worker run locally against the configured
// endpoints, with a progress bar on a terminal. `--dry-run` shows what would be written and writes
// nothing. (`govwin-ace dry-run <deal-id>` is a different command: the ACE payload of one deal.)

import type { LogPort, WritePlan } from '@govwin-ace/govwin-poller';
import { maskText } from '@govwin-ace/shared-core';
import { parseFlags, positiveInt } from '../args';
import { type Command, type CommandIo, EXIT, type OutputStream, UsageError } from '../command';
import { makeProgress } from '../progress';
import { type SyncRuntime, syncRuntime } from '../runtime';
import { runSyncOnce, type SyncOnceSummary } from '../sync-once';

const USAGE = `Usage: govwin-ace sync (--once | --dry-run) [--limit N] [--refresh-agencies] [--json] [--verbose]

Runs GovWin discovery (GOVWIN_DISCOVERY: marked by default) and the sync worker once, in this process.
  --once              sync: upsert companies, contacts and deals in HubSpot, advance watermarks
  --dry-run           show what a sync would write; writes nothing (GovWin reads still count
                      against the hourly budget)
  --limit N           sync at most N changed opportunities
  --refresh-agencies  upsert agencies already mapped (refreshes their names)
  --json              machine-readable output on stdout
  --verbose           log warnings (ids and reasons only) to stderr

Environment: the worker's variables (SYNC_STATE_TABLE, AUDIT_TABLE, GOVWIN_CREDENTIALS_SECRET_ARN,
GOVWIN_TOKEN_SECRET_ARN, HUBSPOT_TOKEN_SECRET_ARN, GOVWIN_BASE_URL, HUBSPOT_BASE_URL,
HUBSPOT_PIPELINE_LABEL, PIPELINE_ID, HUBSPOT_STAGE_IDS) and the discovery variables
(GOVWIN_DISCOVERY, GOVWIN_MARKED_VERSION, GOVWIN_SAVED_SEARCH_ID, GOVWIN_OPP_TYPE, ...).
See packages/govwin-poller/README.md. Exit codes: 0 all synced, 1 some failed, 2 bad arguments.`;

/** Warnings to stderr when verbose; nothing otherwise (the summary says what happened). */
const cliLog = (stderr: OutputStream, verbose: boolean): LogPort => {
  const write =
    (level: string) =>
    (message: string, ...attrs: Record<string, unknown>[]) => {
      if (verbose)
        stderr.write(
          `${level} ${maskText(message)} ${attrs.length ? maskText(JSON.stringify(attrs[0])) : ''}\n`
        );
    };
  return {
    debug: () => undefined,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
};

const short = (value: string, max = 80): string =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;

/** Contacts are personal data: show the key kind and masked key, never values. */
const contactView = (plan: WritePlan) =>
  [...plan.contacts.values()].map((c) => ({
    idProperty: c.idProperty,
    key: c.idProperty === 'email' ? maskText(c.key) : c.key,
    properties: Object.keys(c.properties).sort(),
  }));

const planJson = (plans: readonly WritePlan[]) => ({
  deals: plans.flatMap((p) =>
    p.deals.map((d) => ({
      govwinId: d.govwinId,
      action: d.knownDealId ? 'update' : 'create',
      ...(d.knownDealId ? { dealId: d.knownDealId } : {}),
      properties: d.properties,
      company: d.companyKey ?? null,
      contacts: d.contactRefs.length,
      warnings: d.warnings,
    }))
  ),
  companies: plans.flatMap((p) =>
    [...p.companies.values()].map((c) => ({ govEntityId: c.govEntityId, properties: c.properties }))
  ),
  contacts: plans.flatMap(contactView),
});

const text = (s: SyncOnceSummary): string => {
  const lines = [
    `${s.dryRun ? 'dry run (nothing written)' : 'sync'}: discovered ${s.discovered}, changed ${s.changed}, considered ${s.considered}${s.truncated ? ' (listing truncated at the 10,000 offset ceiling)' : ''}`,
    `  synced ${s.counts.synced}, planned ${s.counts.planned}, unchanged ${s.counts.skipped}, rejected ${s.counts.rejected}, not found ${s.counts.not_found}, failed ${s.counts.failed}`,
  ];
  for (const bad of s.invalid)
    lines.push(`  listing item rejected${bad.id ? ` ${bad.id}` : ''}: ${bad.reason}`);
  for (const r of s.rejections)
    lines.push(`  rejected ${r.kind}${r.govwinId ? ` of ${r.govwinId}` : ''}: ${r.reason}`);
  for (const { id, outcome } of s.outcomes) {
    if (outcome.status === 'failed')
      lines.push(`  failed ${id}${outcome.retryable ? ' (retryable)' : ''}: ${outcome.reason}`);
  }
  const naics = Object.entries(s.unmappedNaics);
  if (naics.length > 0)
    lines.push(`  unmapped NAICS codes: ${naics.map(([c, n]) => `${c} (${n})`).join(', ')}`);
  if (s.dryRun) {
    for (const plan of s.plans) {
      for (const d of plan.deals) {
        lines.push(
          `  would ${d.knownDealId ? `update deal ${d.knownDealId}` : 'create deal'} for ${d.govwinId}: ${Object.keys(d.properties).length} properties, company ${d.companyKey ?? 'none'}, ${d.contactRefs.length} contact(s)`
        );
        for (const [k, v] of Object.entries(d.properties))
          lines.push(`      ${k} = ${short(v.replace(/\s+/g, ' '))}`);
      }
      lines.push(
        `  would upsert ${plan.companies.size} compan(y/ies) and ${plan.contacts.size} contact(s)`
      );
    }
  }
  lines.push(`  GovWin calls: ${s.calls.govwin}, HubSpot calls: ${s.calls.hubspot}`);
  return `${lines.join('\n')}\n`;
};

/** Builds the command; `runtime` is injectable for tests. */
export const makeSyncCommand = (
  runtime: (env: CommandIo['env'], log: LogPort) => SyncRuntime = syncRuntime
): Command => ({
  name: 'sync',
  summary:
    'run GovWin discovery + the HubSpot sync once (--once), or show what it would write (--dry-run)',
  usage: USAGE,
  run: async (args, io) => {
    const flags = parseFlags(args, {
      once: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      limit: { type: 'string' },
      'refresh-agencies': { type: 'boolean' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
    });
    const dryRun = flags['dry-run'] === true;
    if ((flags.once === true) === dryRun)
      throw new UsageError('give exactly one of --once or --dry-run');
    const limit = positiveInt(flags.limit, '--limit');
    const log = cliLog(io.stderr, flags.verbose === true);
    const rt = runtime(io.env, log);
    try {
      let progress: ReturnType<typeof makeProgress> | undefined;
      let shown = 0;
      const summary = await runSyncOnce(rt, {
        dryRun,
        ...(limit !== undefined ? { limit } : {}),
        ...(flags['refresh-agencies'] ? { refreshAgencies: true } : {}),
        log,
        onBatch: (done, total) => {
          progress ??= flags.json ? undefined : makeProgress(io.stderr, total, 'opportunities');
          progress?.advance(done - shown);
          shown = done;
        },
      });
      progress?.done();
      if (flags.json) {
        io.stdout.write(
          `${JSON.stringify(
            {
              dryRun,
              discovered: summary.discovered,
              changed: summary.changed,
              considered: summary.considered,
              truncated: summary.truncated,
              counts: summary.counts,
              invalid: summary.invalid,
              rejections: summary.rejections,
              outcomes: summary.outcomes,
              unmappedNaics: summary.unmappedNaics,
              calls: summary.calls,
              ...(dryRun ? { plan: planJson(summary.plans) } : {}),
            },
            null,
            2
          )}\n`
        );
      } else {
        io.stdout.write(text(summary));
      }
      return summary.counts.failed > 0 ? EXIT.problems : EXIT.ok;
    } finally {
      rt.close();
    }
  },
});

export const syncCommand = makeSyncCommand();
