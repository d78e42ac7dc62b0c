// `govwin-ace doctor`: a checklist of everything the stack needs (configuration, state tables, secrets,
// GovWin login, HubSpot token/properties/pipeline, Partner Central access, queues and DLQs, alarms),
// with a fix per failed line. Exit 0 when nothing failed, 1 otherwise.
import type { Command, CommandIo } from '../command';
import { UsageError } from '../command';
import { makeOpsRuntime, type OpsRuntime } from '../ops/ops-runtime';
import { parseCommandArgs } from '../ops/parse-args';
import { EXIT_CODE, EXIT_CODES_HELP } from '../output/exit-codes';
import { runOperatorCommand } from '../output/output';
import { type CheckLine, renderChecklist } from '../output/render';
import {
  checkAlarms,
  checkConfiguration,
  checkGovWin,
  checkHubSpot,
  checkPartnerCentral,
  checkQueues,
  checkSecrets,
  checkTables,
} from './doctor-checks';

export const DOCTOR_USAGE = `Usage: govwin-ace doctor [--skip-govwin] [--json]

Checks, in order, and prints one line each with a fix for every failed line:
  configuration     the variables Terraform sets for the Lambdas (names only)
  state tables      the sync-state, entity-mappings and audit tables answer a read
  secrets           each secret is present and well-formed (values are never printed)
  GovWin login      a valid cached token, else ONE login (refresh first; at most one password grant,
                    and never again with credentials GovWin already rejected: 5 failures lock the account)
  HubSpot           the token is accepted and can read deals, companies, contacts, properties and
                    pipelines; the GovWin and ACE properties exist; PIPELINE_ID has every configured stage
  Partner Central   ListSolutions answers for the configured catalog (and ACE_SOLUTION_ID is one of them)
  queues            depth and in-flight count of each queue; any DLQ message fails the line; then
                    the on-failure queue of each asynchronously invoked function (orchestrator,
                    events, reconcile, drift report): any record of a failed run fails the line
                    (unset: skipped on the local runtime, a warning otherwise)
  alarms            this stack's CloudWatch alarms in ALARM ("no alarms (local)" on the local runtime)

Options:
  --skip-govwin   do not check the GovWin login (no GovWin call at all)
  --json          machine-readable output

Examples:
  govwin-ace doctor
  govwin-ace doctor --json | jq '.checks[] | select(.status == "fail")'

${EXIT_CODES_HELP}
(doctor itself exits 0 when no line failed and 1 when one did; warnings do not fail.)`;

/** Builds the command; the runtime and the clock are injectable for tests. */
export const makeDoctorCommand = (
  deps: { runtime?: (env: CommandIo['env']) => OpsRuntime; now?: () => number } = {}
): Command => ({
  name: 'doctor',
  summary: 'check configuration, secrets, GovWin, HubSpot, Partner Central, queues and alarms',
  usage: DOCTOR_USAGE,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, {
      'skip-govwin': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError('doctor takes no arguments');
    const json = values.json === true;
    return runOperatorCommand('doctor', io, json, async (out) => {
      // Fail fast: a doctor that hangs on a dead endpoint helps nobody.
      const rt = (
        deps.runtime ??
        ((e) => makeOpsRuntime(e, { maxAttempts: 2, httpTimeoutMs: 10_000, httpRetries: 1 }))
      )(io.env);
      const now = deps.now ?? Date.now;
      const steps: [string, () => Promise<CheckLine[]> | CheckLine[]][] = [
        ['configuration', () => checkConfiguration(rt)],
        ['state tables', () => checkTables(rt)],
        ['secrets', () => checkSecrets(rt)],
        [
          'GovWin',
          () =>
            values['skip-govwin']
              ? [{ name: 'GovWin login', status: 'skip', detail: 'skipped (--skip-govwin)' }]
              : checkGovWin(rt, now),
        ],
        ['HubSpot', () => checkHubSpot(rt)],
        ['Partner Central', () => checkPartnerCentral(rt)],
        ['queues', () => checkQueues(rt)],
        ['alarms', () => checkAlarms(rt)],
      ];
      const lines: CheckLine[] = [];
      const bar = out.progress(steps.length, 'checks');
      try {
        for (const [, step] of steps) {
          lines.push(...(await step()));
          bar.advance(1);
        }
      } finally {
        bar.done();
        rt.close();
      }
      const failed = lines.filter((l) => l.status === 'fail').length;
      const warned = lines.filter((l) => l.status === 'warn').length;
      out.emit({ ok: failed === 0, failed, warnings: warned, checks: lines });
      for (const l of renderChecklist(lines, out.colours, out.tty)) out.line(l);
      out.line();
      out.line(
        failed === 0
          ? out.colours.green(`all checks passed${warned ? ` (${warned} warning(s))` : ''}`)
          : out.colours.red(`${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ''}`)
      );
      return failed === 0 ? EXIT_CODE.ok : EXIT_CODE.problems;
    });
  },
});

export const doctorCommand = makeDoctorCommand();
