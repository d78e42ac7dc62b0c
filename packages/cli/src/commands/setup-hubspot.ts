// `govwin-ace setup-hubspot`: creates or updates the GovWin and ACE property groups, properties and the
// deal pipeline, idempotently, and prints what it changed (a second run prints "no changes").
import { ensureHubSpotSchema, type SchemaChange } from '@govwin-ace/shared-core';
import { parseFlags } from '../args';
import { type Command, type CommandIo, EXIT } from '../command';
import { hubspotSchema } from '../hubspot-schema';
import { type HubSpotSetupRuntime, hubspotSetupRuntime } from '../runtime';

const USAGE = `Usage: govwin-ace setup-hubspot [--dry-run] [--json]

Creates or updates, idempotently:
  - the property group "govwin" on deals, companies and contacts, and "govwin_ace" on deals
  - the GovWin properties (docs/field-mapping.md), with the upsert keys unique
  - the ACE deal properties the card, the submitter and the webhook receiver use (options of
    ACE enums from the AWS SDK; govwin_ace_invitation_id unique)
  - the deal pipeline named by HUBSPOT_PIPELINE_LABEL (default "GovWin Pipeline") with the GovWin
    and ACE stages
and prints every change. A second run changes nothing.

Options:
  --dry-run   read only: print what would change
  --json      machine-readable output

Environment: HUBSPOT_TOKEN_SECRET_ARN (required), HUBSPOT_BASE_URL, HUBSPOT_PIPELINE_LABEL,
HUBSPOT_RATE_LIMIT_PER_10S, AWS_REGION / AWS_ENDPOINT_URL_SECRETS_MANAGER.
Exit codes: 0 done, 1 conflicts HubSpot cannot resolve (listed), 2 bad arguments or configuration.`;

const describe = (c: SchemaChange): string =>
  `${c.action.padEnd(8)} ${c.kind.padEnd(8)} ${c.objectType ? `${c.objectType}.` : ''}${c.name}${c.detail ? ` (${c.detail})` : ''}`;

/** Builds the command; `runtime` is injectable for tests. */
export const makeSetupHubSpotCommand = (
  runtime: (env: CommandIo['env']) => HubSpotSetupRuntime = hubspotSetupRuntime
): Command => ({
  name: 'setup-hubspot',
  summary: 'create or update the HubSpot properties and pipeline (idempotent)',
  usage: USAGE,
  run: async (args, io) => {
    const flags = parseFlags(args, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
    const rt = runtime(io.env);
    try {
      const dryRun = flags['dry-run'] === true;
      const result = await ensureHubSpotSchema(rt.hubspot, hubspotSchema(rt.pipelineLabel), {
        dryRun,
      });
      const conflicts = result.changes.filter((c) => c.action === 'conflict');
      const stages = Object.fromEntries(
        (result.pipeline?.stages ?? []).map((s) => [s.label, s.id])
      );
      if (flags.json) {
        io.stdout.write(
          `${JSON.stringify({ dryRun, changes: result.changes, pipeline: result.pipeline ? { id: result.pipeline.id, label: result.pipeline.label, stages } : null, hubspotCalls: rt.calls.hubspot }, null, 2)}\n`
        );
      } else {
        const lines = result.changes.map(describe);
        io.stdout.write(
          `${[
            `${dryRun ? 'would change' : 'changed'}: ${result.changes.length === 0 ? 'nothing (no changes)' : `${result.changes.length} item(s)`}`,
            ...lines.map((l) => `  ${l}`),
            ...(result.pipeline
              ? [
                  `pipeline "${result.pipeline.label}" id ${result.pipeline.id}`,
                  ...Object.entries(stages).map(([l, id]) => `  stage ${id}  ${l}`),
                ]
              : []),
            `HubSpot calls: ${rt.calls.hubspot}`,
          ].join('\n')}\n`
        );
      }
      if (conflicts.length > 0) {
        io.stderr.write(
          `govwin-ace setup-hubspot: ${conflicts.length} propert(y/ies) cannot be changed by the API; see above\n`
        );
        return EXIT.problems;
      }
      return EXIT.ok;
    } finally {
      rt.close();
    }
  },
});

export const setupHubSpotCommand = makeSetupHubSpotCommand();
