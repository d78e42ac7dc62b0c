// `govwin-ace trace <deal-id | govwin-id | ace-id>`: the whole story of one opportunity in time order,
// with a one-line verdict, so "why did deal X not reach AWS?" takes a minute.
import { DEAL_PROP } from '@govwin-ace/shared-core';
import type { Command, CommandIo } from '../command';
import { UsageError } from '../command';
import { defaultOpsRuntime, type OpsRuntime } from '../ops/ops-runtime';
import { parseCommandArgs } from '../ops/parse-args';
import { EXIT_CODE, EXIT_CODES_HELP } from '../output/exit-codes';
import { type Output, runOperatorCommand } from '../output/output';
import { collectTrace, isUnknown, parseTraceId, type TraceStory } from './trace-collect';
import { dealPropertiesView, timelineOf, verdictOf } from './trace-view';

export const TRACE_USAGE = `Usage: govwin-ace trace <deal-id | govwin-id | ace-id> [--skip-govwin] [--json]

The whole story of one opportunity, in time order: the GovWin record and its sync watermark, the
HubSpot deal and its ACE properties (free text masked), the ACE mapping row (steps, parked edits), the
ACE opportunity with its review status and submit tasks, the audit rows (hash chain checked) and the
DLQ messages that mention it; first line: the verdict.

  <id>            a HubSpot deal id (digits), a GovWin id (OPP123, TNS456, ...) or an ACE id (O123...)
  --skip-govwin   do not read the live GovWin record (saves one call of the hourly GovWin budget)
  --json          machine-readable output

Examples:
  govwin-ace trace 4242
  govwin-ace trace OPP200001 --json

Environment: the Lambdas' variables (ENTITY_MAPPINGS_TABLE, AUDIT_TABLE, SYNC_STATE_TABLE, the queue
URLs, HUBSPOT_TOKEN_SECRET_ARN, GOVWIN_* secrets, ACE_CATALOG), AWS credentials/region.
${EXIT_CODES_HELP}
(3: no source knows the id; 4/5: a source could not be read, the trace shown is partial.)`;

const short = (iso: string) => iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

const render = (s: TraceStory, out: Output) => {
  const c = out.colours;
  const ids = [
    s.dealId ? `deal ${s.dealId}` : undefined,
    s.govwinId ? `GovWin ${s.govwinId}` : undefined,
    s.aceId ? `ACE ${s.aceId}` : undefined,
  ].filter(Boolean);
  out.line(c.bold(`Trace: ${ids.join(' · ') || 'nothing linked'}`));
  out.line(`${c.bold('Verdict:')} ${verdictOf(s)}`);
  out.line();
  const section = (name: string, text: string) => out.line(`${name.padEnd(9)} ${text}`);
  const down = (source: keyof TraceStory['sources']) => {
    const st = s.sources[source];
    return st.ok ? undefined : c.red(`unavailable: ${st.error}`);
  };
  section(
    'GovWin',
    down('govwin') ??
      (s.govwinId
        ? `${s.govwinId}: ${s.watermark ? `synced ${s.watermark.syncedAt} (version ${s.watermark.updateDate})` : 'no watermark (never synced)'}${s.govwinRecord ? `; live record updated ${s.govwinRecord.updateDate ?? '?'}, status ${s.govwinRecord.status ?? '?'}` : ''}`
        : 'no GovWin id linked')
  );
  if (s.deal) {
    const p = s.deal.properties;
    section(
      'HubSpot',
      down('hubspot') ??
        `deal ${s.deal.id}: stage ${p[DEAL_PROP.dealStage] ?? '?'} (pipeline ${p[DEAL_PROP.pipeline] ?? '?'}), co-sell ${p[DEAL_PROP.cosellId] || 'none'}${p[DEAL_PROP.cosellStatus] ? ` (${p[DEAL_PROP.cosellStatus]})` : ''}`
    );
    for (const [k, v] of Object.entries(dealPropertiesView(p)))
      out.line(`          ${c.dim(k)} ${v}`);
  } else section('HubSpot', down('hubspot') ?? 'no live deal');
  const row = s.submission;
  section(
    'Mapping',
    down('mapping') ??
      (row
        ? `ACE ${row.aceOpportunityId ?? 'not yet'}; steps ${['created', 'associated', 'engagementStarted', 'writtenBack'].map((st) => `${st} ${row.steps[st as keyof typeof row.steps] ? c.green('done') : c.yellow('open')}`).join(', ')}; parked edits: ${row.parkedEdits.length ? row.parkedEdits.join(', ') : 'none'}`
        : 'no ACE mapping row (never submitted)')
  );
  const partner = s.ace?.partnerOpportunityIdentifier;
  section(
    'ACE',
    down('ace') ??
      (s.ace
        ? `${s.ace.id}: review ${s.ace.reviewStatus ?? '?'}, stage ${s.ace.stage ?? '?'}, partner id ${partner ?? 'none'}${partner && s.dealId ? (partner === s.dealId || partner === s.govwinId ? ' (this deal)' : c.red(' (NOT this deal)')) : ''}, ${s.ace.awsProducts} product(s), ${s.ace.solutions} solution(s), ${s.ace.tasks.length} submit task(s)`
        : s.aceMissing
          ? c.red(`${s.aceId} not found in catalog ${s.aceId ? '' : ''}`.trim())
          : 'no ACE opportunity linked')
  );
  section(
    'Audit',
    down('audit') ??
      `${s.audit.length} row(s)${s.auditChain ? (s.auditChain.ok ? ', hash chain intact' : c.red(`, hash chain BROKEN at seq ${s.auditChain.brokenAt.seq}: ${s.auditChain.reason}`)) : ''}`
  );
  section('DLQ', down('dlq') ?? (s.dlq.length ? c.red(`${s.dlq.length} message(s)`) : 'none'));
  for (const m of s.dlq) out.line(`          ${m.queue} ${m.messageId}: ${m.reason}`);
  const events = timelineOf(s);
  if (events.length > 0) {
    out.line();
    out.line(c.bold('Timeline'));
    for (const e of events) out.line(`  ${short(e.at)}  ${e.source.padEnd(7)}  ${e.what}`);
  }
};

const toJson = (s: TraceStory) => ({
  ok: Object.values(s.sources).every((x) => x.ok),
  verdict: verdictOf(s),
  ids: { dealId: s.dealId ?? null, govwinId: s.govwinId ?? null, aceId: s.aceId ?? null },
  sources: s.sources,
  govwin: { watermark: s.watermark ?? null, record: s.govwinRecord ?? null },
  deal: s.deal ? { id: s.deal.id, properties: dealPropertiesView(s.deal.properties) } : null,
  mapping: s.submission
    ? {
        aceOpportunityId: s.submission.aceOpportunityId ?? null,
        steps: s.submission.steps,
        clientTokensReserved: Object.keys(s.submission.clientTokens),
        reviewStatus: s.submission.reviewStatus ?? null,
        lifecycleStage: s.submission.lifecycleStage ?? null,
        lastModifiedDate: s.submission.lastModifiedDate ?? null,
        parkedEdits: s.submission.parkedEdits,
        updatedAt: s.submission.updatedAt,
      }
    : null,
  ace: s.ace ?? (s.aceMissing ? { id: s.aceId, missing: true } : null),
  audit: { rows: s.audit, chain: s.auditChain ?? null },
  dlq: s.dlq.map((m) => ({
    queue: m.queue,
    messageId: m.messageId,
    sentAt: m.sentAt,
    reason: m.reason,
  })),
  timeline: timelineOf(s),
});

/** Builds the command; the runtime is injectable for tests. */
export const makeTraceCommand = (
  runtime: (env: CommandIo['env']) => OpsRuntime = defaultOpsRuntime
): Command => ({
  name: 'trace',
  summary: 'the whole story of one deal / GovWin / ACE id in time order, with a verdict',
  usage: TRACE_USAGE,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, {
      'skip-govwin': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one id');
    const id = parseTraceId(positionals[0]);
    return runOperatorCommand('trace', io, values.json === true, async (out) => {
      const rt = runtime(io.env);
      try {
        const story = await collectTrace(rt, id, { govwin: values['skip-govwin'] !== true });
        const failures = Object.values(story.sources).filter(
          (x): x is Extract<typeof x, { ok: false }> => !x.ok
        );
        if (isUnknown(story)) {
          const first = failures[0];
          if (first) {
            io.stderr.write(`govwin-ace trace: ${first.error}\n`);
            out.emit({ ok: false, error: { exitCode: first.exitCode, message: first.error } });
            return first.exitCode;
          }
          io.stderr.write(
            `govwin-ace trace: unknown id ${positionals[0]}: no deal, mapping row, watermark, ACE opportunity, audit row or DLQ message mentions it\n`
          );
          out.emit({ ok: false, error: { exitCode: EXIT_CODE.notFound, message: 'unknown id' } });
          return EXIT_CODE.notFound;
        }
        out.emit(toJson(story));
        render(story, out);
        return failures[0]?.exitCode ?? EXIT_CODE.ok;
      } finally {
        rt.close();
      }
    });
  },
});

export const traceCommand = makeTraceCommand();
