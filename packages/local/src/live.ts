import type { MainArgs } from './cli-args';

/** Variables `--live` needs; their values are never printed. */
export const LIVE_ENV = [
  'GOVWIN_CLIENT_ID',
  'GOVWIN_CLIENT_SECRET',
  'GOVWIN_USERNAME',
  'GOVWIN_PASSWORD',
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_CLIENT_SECRET',
  'HUBSPOT_APP_ID',
] as const;

/** What a live run would touch, for the operator to read before anything is sent. */
export const livePlan = (
  args: MainArgs,
  env: Readonly<Record<string, string | undefined>>
): string[] => [
  'govwin-ace --live will touch real systems:',
  '  GovWin IQ (services.govwin.com): one password grant, then reads of marked opportunities (uses the hourly call budget)',
  '  HubSpot (api.hubapi.com): creates or updates companies, contacts and deals in the portal of HUBSPOT_ACCESS_TOKEN',
  `  AWS Partner Central (us-east-1, catalog ${args.catalog ?? 'Sandbox'}): creates opportunities and starts engagements for submitted deals`,
  `  AWS account of the current credentials (${env.AWS_PROFILE ? `profile ${env.AWS_PROFILE}` : 'default credential chain'})`,
];

/**
 * `--live`: validates that the real credentials are present and the catalog choice is explicit, prints the plan,
 * and refuses to go further here: live runs go through a deployed stack (docs/deployment-guide.md), because the
 * local runtime has no durable queue or table to hand a real submission to.
 */
export const runLive = async (
  args: MainArgs,
  env: Readonly<Record<string, string | undefined>> = process.env
): Promise<number> => {
  const missing = LIVE_ENV.filter((name) => !env[name]);
  if (missing.length > 0) {
    process.stderr.write(
      `govwin-ace local: --live needs ${missing.join(', ')} in the environment\n`
    );
    return 2;
  }
  for (const line of livePlan(args, env)) process.stdout.write(`${line}\n`);
  process.stderr.write(
    'govwin-ace local: --live is not available in this version: deploy a Sandbox stack instead (docs/deployment-guide.md)\n'
  );
  return 2;
};
