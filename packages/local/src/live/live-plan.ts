// What a live run tells the operator before it writes anything: which real systems, which ids, which
// catalog, what will be written, and what live mode does differently from a deployed stack. Pure text;
// only ids, labels, URLs and counts, never a credential.
import type { LocalPipeline } from '../runtime/local-environment';
import type { LiveConfig } from './live-config';
import type { PlannedSubmission } from './live-discovery';

const override = (overridden: boolean) => (overridden ? ' (OVERRIDDEN: a test endpoint)' : '');

/** The systems a live run touches; printed before the first network call. */
export const describeTargets = (config: LiveConfig, paths: { dynamodb: string }): string[] => [
  'govwin-ace --live: this run uses REAL systems with the credentials in your environment.',
  `  GovWin IQ        ${config.govwin.baseUrl}${override(config.govwin.overridden)}`,
  `                   user and OAuth client from GOVWIN_*; one password grant, then reads (discovery: ${config.govwin.discovery})`,
  `  HubSpot          ${config.hubspot.baseUrl}${override(config.hubspot.overridden)}`,
  `                   portal ${config.hubspot.portalId}, private app token from HUBSPOT_ACCESS_TOKEN${config.hubspot.appId ? `, app ${config.hubspot.appId}` : ''}`,
  `  Partner Central  ${config.partnerCentral.endpoint ? `${config.partnerCentral.endpoint}${override(true)}` : "the AWS SDK's default endpoint (us-east-1)"}`,
  `                   catalog ${config.catalog}${config.catalog === 'AWS' ? ' (PRODUCTION: AWS sellers will see what is submitted)' : ''}, AWS account ${config.partnerCentral.accountId}, credentials: ${config.partnerCentral.credentialSource}`,
  `  on this machine  DynamoDB Local in ${paths.dynamodb} (kept between runs: ClientTokens, submission steps, watermarks);`,
  '                   SQS, SNS and Secrets Manager stand-ins in memory (secrets seeded from the environment)',
  'reading HubSpot (pipelines, deals in the trigger stage) and the local state; nothing is written to GovWin, HubSpot or AWS yet.',
];

const count = (planned: readonly PlannedSubmission[], pred: (p: PlannedSubmission) => boolean) =>
  planned.filter(pred).length;

const idList = (ids: readonly string[], max = 20): string =>
  ids.length <= max
    ? ids.join(', ')
    : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;

/** The plan, from what discovery found; printed before the confirmation prompt. */
export const describePlan = (
  config: LiveConfig,
  pipeline: LocalPipeline,
  planned: readonly PlannedSubmission[]
): string[] => {
  const inStage = planned.filter((p) => p.inTriggerStage);
  const fresh = count(planned, (p) => p.kind === 'new');
  const withAwsId = count(planned, (p) => p.kind === 'new' && p.hasAwsId);
  const resume = count(planned, (p) => p.kind === 'resume');
  const done = count(planned, (p) => p.kind === 'done');
  const lines = [
    '',
    'plan:',
    `  1. GovWin -> HubSpot sync, once: the orchestrator lists GovWin opportunities; the worker creates or updates`,
    `     companies, contacts and deals (by govwin ids) in pipeline "${config.hubspot.pipelineLabel}" (id ${pipeline.pipelineId}) of portal ${config.hubspot.portalId}.`,
    `  2. submit: ${inStage.length} deal(s) in the trigger stage "Submit to AWS" (stage id ${pipeline.stageIds.trigger})${inStage.length > 0 ? `: ${idList(inStage.map((p) => p.dealId))}` : ''}`,
  ];
  if (fresh > 0)
    lines.push(
      `     - ${fresh} new: CreateOpportunity (unless an AWS opportunity of the deal already exists${withAwsId > 0 ? `; ${withAwsId} deal(s) name one` : ''}), AssociateOpportunity, StartEngagementFromOpportunityTask in catalog ${config.catalog}; AWS id, status and stage written back to the deal`
    );
  if (resume > 0)
    lines.push(
      `     - ${resume} started by an earlier run: resumed at the first unfinished step (the reserved ClientTokens are reused, so no second opportunity)`
    );
  if (done > 0)
    lines.push(
      `     - ${done} already submitted from this state directory: nothing is sent to AWS`
    );
  lines.push(
    `  3. reconcile: re-reads the AWS opportunities recorded in the local state and writes changed review status and stage to their deals.`,
    'live mode differs from a deployed stack: HubSpot webhooks and EventBridge events cannot reach this machine,',
    'so deals are found by a HubSpot search of the trigger stage (instead of the dealstage webhook) and AWS statuses',
    'arrive through reconcile (instead of events). The card, deal edits -> ACE updates and AWS referrals need a deployed stack.'
  );
  return lines;
};
