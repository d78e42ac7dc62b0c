// `govwin-ace drift [--repair <ids|all>]`: the three-way GovWin <-> HubSpot <-> ACE report, one row per
// finding with its proposed repair; repairs run only when asked, through the normal queues.
import {
  loadConfig,
  makeHubSpotDealStore,
  makeSnsAlerts,
  mirrorToDeal,
  stateOf,
} from '@govwin-ace/ace-submitter';
import { silentLog } from '@govwin-ace/govwin-poller';
import { HUBSPOT_ID } from '@govwin-ace/shared-core';
import { type Command, type CommandIo, UsageError } from '../command';
import { collectDrift } from '../drift/collect';
import { findDrift } from '../drift/find-drift';
import { applyRepairs } from '../drift/repair';
import { driftSummary } from '../drift/report';
import type { DriftFinding, RepairAction } from '../drift/types';
import { defaultOpsRuntime, type OpsRuntime } from '../ops/ops-runtime';
import { intFlag, parseCommandArgs } from '../ops/parse-args';
import { withService } from '../output/cli-failure';
import { EXIT_CODE, EXIT_CODES_HELP } from '../output/exit-codes';
import { type Output, runOperatorCommand } from '../output/output';
import { renderTable } from '../output/render';

export const DRIFT_USAGE = `Usage: govwin-ace drift [--deal ID ...] [--skip-govwin] [--limit N] [--repair <ids|all>] [--notify] [--json]

Compares GovWin, HubSpot and Partner Central and prints one row per difference (missing, stale,
conflicting field) with the repair it proposes. Nothing changes unless --repair is given.
  GovWin <-> HubSpot   records GovWin discovery lists: never synced, changed since the last sync,
                       synced deal deleted, HubSpot value of a GovWin-owned field edited
  HubSpot <-> ACE      deals with a mapping row, in a submit stage or with a co-sell id: submission
                       missing, ACE opportunity missing or foreign, co-sell id conflict, AWS state not
                       mirrored, deal field / products / solution not in ACE, parked edits left over

Repairs go through the normal paths, never around validation or the audit log:
  re-sync    a govwin-sync queue message (the worker re-reads GovWin)
  submit     an ace-submit queue message (the submitter's create -> associate -> engage steps)
  update     an ace-update queue message for one property (ownership check, parked during review)
  mirror     the events handler's mirror step (ACE state onto the deal; audited HubSpot write)
  manual     no safe automatic repair: the row says what to do

Options:
  --deal ID         compare only this deal (repeatable); its GovWin record too
  --skip-govwin     skip the GovWin leg (no GovWin calls; they spend the hourly budget)
  --limit N         compare at most N deals / GovWin records
  --repair IDS      apply the repairs of these findings (comma-separated ids) or of all of them
  --notify          publish the summary to the alerts topic when anything drifted (as the scheduled
                    report would)
  --json            machine-readable output

Examples:
  govwin-ace drift
  govwin-ace drift --deal 4242 --skip-govwin
  govwin-ace drift --repair d1a2b3c4,d5e6f7a8
  govwin-ace drift --skip-govwin --repair all --json

Environment: the ace-submitter's and the worker's variables (tables, queue URLs, secrets, stage ids,
GOVWIN_DISCOVERY, ...), HUBSPOT_PORTAL_ID for submit/update repairs, AWS credentials/region.
${EXIT_CODES_HELP}
(0 no drift, or every selected repair applied; 1 findings left; 3 an id given to --repair is unknown.)`;

const repairText = (r: RepairAction): string => {
  switch (r.kind) {
    case 'enqueue-sync':
      return 're-sync (govwin-sync queue)';
    case 'enqueue-submit':
      return 'submit (ace-submit queue)';
    case 'enqueue-update':
      return `update ${r.property} (ace-update queue)`;
    case 'mirror':
      return 'mirror ACE -> HubSpot';
    case 'none':
      return `manual: ${r.advice}`;
  }
};

const idsOf = (f: DriftFinding) =>
  [f.dealId ? `deal ${f.dealId}` : '', f.govwinId ?? '', f.aceId ?? ''].filter(Boolean).join(' ');

const findingJson = (f: DriftFinding) => ({ ...f, proposedRepair: repairText(f.repair) });

const renderFindings = (findings: readonly DriftFinding[], out: Output) => {
  if (findings.length === 0) {
    out.line(out.colours.green('no drift: GovWin, HubSpot and ACE agree'));
    return;
  }
  for (const l of renderTable(
    ['ID', 'KIND', 'CODE', 'IDS', 'FIELD', 'DETAIL / PROPOSED REPAIR'],
    findings.map((f) => [
      f.id,
      f.kind,
      f.code,
      idsOf(f),
      f.field ?? '',
      `${f.detail} -> ${repairText(f.repair)}`,
    ]),
    out.colours
  ))
    out.line(l);
};

/** Builds the command; the runtime is injectable for tests. */
export const makeDriftCommand = (
  runtime: (env: CommandIo['env']) => OpsRuntime = defaultOpsRuntime
): Command => ({
  name: 'drift',
  summary:
    'three-way GovWin <-> HubSpot <-> ACE drift report; --repair applies fixes through the queues',
  usage: DRIFT_USAGE,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, {
      deal: { type: 'string', multiple: true },
      'skip-govwin': { type: 'boolean' },
      limit: { type: 'string' },
      repair: { type: 'string' },
      notify: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0)
      throw new UsageError('drift takes no positional arguments (use --deal ID)');
    const deals = values.deal ?? [];
    if (deals.some((d) => !HUBSPOT_ID.test(d)))
      throw new UsageError('--deal must be a HubSpot deal id (digits)');
    const limit = intFlag(values.limit, '--limit');
    const repair = values.repair?.trim();
    const wanted =
      repair === undefined || repair === 'all'
        ? undefined
        : new Set(
            repair
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          );
    if (wanted && (wanted.size === 0 || [...wanted].some((id) => !/^d[0-9a-f]{8}$/.test(id))))
      throw new UsageError('--repair takes finding ids (d + 8 hex digits, comma-separated) or all');
    return runOperatorCommand('drift', io, values.json === true, async (out) => {
      const config = loadConfig(io.env);
      const now = Date.now();
      const settings = { ...config, today: new Date(now).toISOString().slice(0, 10) };
      const rt = runtime(io.env);
      try {
        let bar: ReturnType<Output['progress']> | undefined;
        let barPhase = '';
        let shown = 0;
        const { snapshot, unreadable } = await collectDrift(rt, config.submitStageIds, {
          govwin: values['skip-govwin'] !== true,
          ...(deals.length > 0 ? { dealIds: deals } : {}),
          ...(limit !== undefined ? { limit } : {}),
          log: silentLog,
          now,
          onPhase: (phase, done, total) => {
            if (phase !== barPhase) {
              bar?.done();
              barPhase = phase;
              shown = 0;
              bar = total > 20 ? out.progress(total, phase) : undefined;
            }
            bar?.advance(done - shown);
            shown = done;
          },
        });
        bar?.done();
        const findings = findDrift(snapshot, settings);
        for (const u of unreadable) out.note(out.colours.yellow(`not compared: ${u}`));
        if (values.notify && (findings.length > 0 || unreadable.length > 0)) {
          const topicArn = rt.env.require('ALERTS_TOPIC_ARN', 'drift --notify');
          await withService('SNS', () =>
            makeSnsAlerts({ sns: rt.sns(), topicArn }).publish({
              kind: 'drift-report',
              ...driftSummary(findings, unreadable),
            })
          );
          out.note('summary published to the alerts topic');
        }
        if (repair === undefined) {
          out.emit({ ok: findings.length === 0, findings: findings.map(findingJson), unreadable });
          renderFindings(findings, out);
          if (findings.length > 0) {
            out.line();
            out.line(
              out.colours.dim(
                `${findings.length} finding(s). Repair with: govwin-ace drift --repair <ids|all>`
              )
            );
          }
          if (unreadable.length > 0) return EXIT_CODE.unavailable;
          return findings.length === 0 ? EXIT_CODE.ok : EXIT_CODE.problems;
        }
        const selected = wanted ? findings.filter((f) => wanted.has(f.id)) : findings;
        const unknown = wanted
          ? [...wanted].filter((id) => !findings.some((f) => f.id === id))
          : [];
        if (
          selected.some(
            (f) => f.repair.kind === 'enqueue-submit' || f.repair.kind === 'enqueue-update'
          )
        )
          rt.env.require(
            'HUBSPOT_PORTAL_ID',
            'drift --repair (deal queue messages carry the HubSpot account id)'
          );
        const dealStore = makeHubSpotDealStore(rt.hubspot());
        const results = await applyRepairs(selected, {
          sqs: rt.sqs(),
          queueUrls: {
            sync: rt.env.get('GOVWIN_SYNC_QUEUE_URL'),
            submit: rt.env.get('SUBMIT_QUEUE_URL'),
            update: rt.env.get('UPDATE_QUEUE_URL'),
          },
          catalog: config.catalog,
          portalId: rt.env.get('HUBSPOT_PORTAL_ID'),
          mirror: async (dealId, aceId, correlationId) => {
            const opp = await rt.ace().getOpportunity(aceId);
            return mirrorToDeal(
              { deals: dealStore, audit: rt.audit(), repo: rt.submissions(), settings: config },
              dealId,
              stateOf(opp),
              { correlationId }
            );
          },
        });
        out.emit({
          ok:
            unknown.length === 0 &&
            results.every((r) => r.status === 'enqueued' || r.status === 'mirrored'),
          repairs: results,
          unknown,
          findings: selected.map(findingJson),
          unreadable,
        });
        for (const r of results) {
          const paint =
            r.status === 'failed'
              ? out.colours.red
              : r.status === 'not-repairable'
                ? out.colours.yellow
                : out.colours.green;
          out.line(`${r.id}  ${paint(r.status.padEnd(14))}  ${r.detail}`);
        }
        for (const id of unknown)
          out.line(
            `${id}  ${out.colours.red('unknown'.padEnd(14))}  no such finding now (already repaired, or the id is wrong)`
          );
        const applied = results.filter(
          (r) => r.status === 'enqueued' || r.status === 'mirrored'
        ).length;
        out.line(
          `${applied} repair(s) applied, ${results.length - applied} not, ${unknown.length} unknown id(s)`
        );
        if (applied > 0)
          out.line(
            out.colours.dim(
              'Queued repairs run as the consumers pick them up; run govwin-ace drift again to confirm.'
            )
          );
        if (unknown.length > 0) return EXIT_CODE.notFound;
        const failed = results.filter((r) => r.status === 'failed').length;
        if (failed > 0) {
          io.stderr.write(`govwin-ace drift: ${failed} repair(s) failed (see above)\n`);
          return EXIT_CODE.unavailable;
        }
        return applied === results.length ? EXIT_CODE.ok : EXIT_CODE.problems;
      } finally {
        rt.close();
      }
    });
  },
});

export const driftCommand = makeDriftCommand();
