// `govwin-ace dry-run <deal-id>`: the exact CreateOpportunity / UpdateOpportunity request the submitter
// would send for a deal, validated field by field, with nothing sent anywhere.
import { loadConfig } from '@govwin-ace/ace-submitter';
import { HUBSPOT_ID } from '@govwin-ace/shared-core';
import { type Command, type CommandIo, UsageError } from '../command';
import { defaultOpsRuntime, type OpsRuntime } from '../ops/ops-runtime';
import { parseCommandArgs } from '../ops/parse-args';
import { EXIT_CODE, EXIT_CODES_HELP } from '../output/exit-codes';
import { type Output, runOperatorCommand } from '../output/output';
import { type DryRunPlan, maskPersonal, planDryRun, UPDATE_TRIGGERS } from './dry-run-plan';

export const DRY_RUN_USAGE = `Usage: govwin-ace dry-run <deal-id> [--property NAME ...] [--show-personal] [--json]

Builds the Partner Central request the submitter would send for a HubSpot deal and validates it, field
by field, against the SDK's enums and limits. Nothing is sent: no ACE call other than GetOpportunity,
no HubSpot write, no queue message, no audit row.
  - a deal without an ACE opportunity: the CreateOpportunity body (plus the associations and the
    StartEngagementFromOpportunityTask that would follow)
  - a deal with one: the UpdateOpportunity body - the deal's values applied onto the scrubbed echo of
    the live opportunity (UpdateOpportunity replaces the whole record), parked edits included

Options:
  --property NAME   simulate an edit of this deal property only (repeatable; default: every property
                    that feeds ACE)
  --show-personal   print contact and team names, e-mails and phones (masked by default)
  --json            machine-readable output

Examples:
  govwin-ace dry-run 4242
  govwin-ace dry-run 4242 --property govwin_ace_delivery_model --json

Environment: the ace-submitter's variables (ACE_CATALOG, ENTITY_MAPPINGS_TABLE, HUBSPOT_TOKEN_SECRET_ARN,
SUBMIT_STAGE_IDS, ACE_SOLUTION_ID, ...), AWS credentials/region.
${EXIT_CODES_HELP}
(1: the deal has field errors; the errors are listed per HubSpot property.)`;

const render = (plan: DryRunPlan, request: Record<string, unknown> | undefined, out: Output) => {
  const c = out.colours;
  out.line(
    c.bold(
      `${plan.operation} for deal ${plan.dealId}${plan.aceOpportunityId ? ` (ACE ${plan.aceOpportunityId})` : ''} - dry run, nothing sent`
    )
  );
  const errors = Object.entries(plan.errors);
  if (errors.length > 0) {
    out.line(c.red(`${errors.length} field error(s): the submitter would refuse this deal`));
    for (const [field, reason] of errors) out.line(`  ${c.red('✗')} ${field} ${reason}`);
  } else out.line(c.green('valid: every field passes the SDK enums and limits'));
  if (plan.blockedBy) out.line(c.yellow(`note: ${plan.blockedBy}`));
  if (plan.operation === 'UpdateOpportunity' && errors.length === 0)
    out.line(
      plan.changed
        ? `applies ${plan.applied.length} property rule(s)`
        : 'no change: the live opportunity already matches the deal (nothing would be sent)'
    );
  if (request) {
    out.line();
    out.line(c.bold('Request body:'));
    for (const l of JSON.stringify(request, null, 2).split('\n')) out.line(l);
  }
  if (plan.followUps.length > 0) {
    out.line();
    out.line(c.bold('Then:'));
    for (const f of plan.followUps) out.line(`  ${f}`);
  }
};

/** Builds the command; the runtime is injectable for tests. */
export const makeDryRunCommand = (
  runtime: (env: CommandIo['env']) => OpsRuntime = defaultOpsRuntime
): Command => ({
  name: 'dry-run',
  summary:
    'show the exact ACE Create/UpdateOpportunity body for a deal, validated, without sending',
  usage: DRY_RUN_USAGE,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, {
      property: { type: 'string', multiple: true },
      'show-personal': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one HubSpot deal id');
    const dealId = positionals[0] ?? '';
    if (!HUBSPOT_ID.test(dealId))
      throw new UsageError('the deal id must be a HubSpot deal id (digits)');
    const properties = values.property ?? [];
    const unknown = properties.filter((p) => !UPDATE_TRIGGERS.includes(p));
    if (unknown.length > 0)
      throw new UsageError(
        `--property must name a deal property that feeds ACE (e.g. ${UPDATE_TRIGGERS.slice(0, 3).join(', ')})`
      );
    return runOperatorCommand('dry-run', io, values.json === true, async (out) => {
      const config = loadConfig(io.env);
      const rt = runtime(io.env);
      try {
        const plan = await planDryRun(rt, config, dealId, { properties });
        const request =
          plan.request && (values['show-personal'] ? plan.request : maskPersonal(plan.request));
        out.emit({
          ok: Object.keys(plan.errors).length === 0,
          sent: false,
          operation: plan.operation,
          dealId: plan.dealId,
          aceOpportunityId: plan.aceOpportunityId ?? null,
          errors: plan.errors,
          blockedBy: plan.blockedBy ?? null,
          changed: plan.changed,
          applied: plan.applied,
          request: request ?? null,
          followUps: plan.followUps,
        });
        render(plan, request, out);
        return Object.keys(plan.errors).length === 0 ? EXIT_CODE.ok : EXIT_CODE.problems;
      } finally {
        rt.close();
      }
    });
  },
});

export const dryRunCommand = makeDryRunCommand();
