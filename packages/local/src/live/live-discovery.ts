// Read-only discovery before a live run asks for confirmation: the pipeline and stage ids from the real
// portal (resolved by label, as the deployed configuration is), the deals sitting in the trigger stage, and
// what the local state already knows about each. Nothing here writes anywhere.
import {
  type AceSubmission,
  type AceSubmissionRepo,
  DEAL_PROP,
  HUBSPOT_ID,
  type HubSpotClient,
  makeHttpClient,
  makeHubSpotClient,
} from '@govwin-ace/shared-core';
import {
  LOCAL_STAGE_LABELS,
  type LocalPipeline,
  type LocalStageKey,
} from '../runtime/local-environment';
import type { LiveConfig } from './live-config';

/** Most deals one live run submits; more than this is a job for a deployed stack. */
export const MAX_LIVE_DEALS = 200;

/** HubSpot is not set up the way the pipeline needs, or holds more work than a live run takes. */
export class LiveSetupError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'LiveSetupError';
  }
}

/**
 * Finds the deal pipeline by label and resolves every stage the handlers are configured with
 * (`govwin-ace setup-hubspot` creates them).
 */
export const resolveLivePipeline = async (
  hubspot: Pick<HubSpotClient, 'listPipelines'>,
  label: string
): Promise<LocalPipeline> => {
  const pipeline = (await hubspot.listPipelines()).find((p) => p.label === label && !p.archived);
  if (!pipeline)
    throw new LiveSetupError(
      `HubSpot has no deal pipeline labelled "${label}": run \`govwin-ace setup-hubspot\` for this portal first`
    );
  const stageIds = {} as Record<LocalStageKey, string>;
  const missing: string[] = [];
  for (const [key, stageLabel] of Object.entries(LOCAL_STAGE_LABELS) as [LocalStageKey, string][]) {
    const stage = pipeline.stages.find((s) => s.label === stageLabel && !s.archived);
    if (stage) stageIds[key] = stage.id;
    else missing.push(stageLabel);
  }
  if (missing.length > 0)
    throw new LiveSetupError(
      `pipeline "${label}" has no stage ${missing.map((m) => `"${m}"`).join(', ')}: run \`govwin-ace setup-hubspot\` for this portal first`
    );
  return { pipelineId: pipeline.id, stageIds };
};

/** A deal found in the trigger stage. */
export interface TriggerDeal {
  id: string;
  /** The deal already names an AWS opportunity (the submitter's duplicate check will look for it). */
  hasAwsId: boolean;
}

/** Every deal of the pipeline's trigger stage, in id order; refuses more than `max`. */
export const findTriggerDeals = async (
  hubspot: Pick<HubSpotClient, 'searchDeals'>,
  pipeline: LocalPipeline,
  max = MAX_LIVE_DEALS
): Promise<TriggerDeal[]> => {
  const deals: TriggerDeal[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await hubspot.searchDeals({
      filterGroups: [
        {
          filters: [
            { propertyName: DEAL_PROP.pipeline, operator: 'EQ', value: pipeline.pipelineId },
            {
              propertyName: DEAL_PROP.dealStage,
              operator: 'EQ',
              value: pipeline.stageIds.trigger,
            },
          ],
        },
      ],
      properties: [DEAL_PROP.cosellId],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      limit: 100,
      ...(after ? { after } : {}),
    });
    if (page.total > max)
      throw new LiveSetupError(
        `${page.total} deals are in the trigger stage, more than one --live run submits (${max}); use a deployed stack`
      );
    for (const d of page.results) {
      if (!HUBSPOT_ID.test(d.id) || deals.some((x) => x.id === d.id)) continue;
      deals.push({ id: d.id, hasAwsId: Boolean(d.properties[DEAL_PROP.cosellId]) });
    }
    if (!page.after || page.results.length === 0) break;
    after = page.after;
  }
  return deals;
};

/** What a live run will do for one deal. */
export type SubmissionKind =
  /** No local record: map, look for an existing AWS opportunity, create one only if none is found. */
  | 'new'
  /** Started by an earlier run and unfinished: resume at the first unfinished step. */
  | 'resume'
  /** Submitted by an earlier run from this state directory: nothing is sent to AWS. */
  | 'done';

/** One deal of the plan. */
export interface PlannedSubmission {
  dealId: string;
  kind: SubmissionKind;
  /** False for unfinished submissions found in the local state whose deal left the trigger stage. */
  inTriggerStage: boolean;
  hasAwsId: boolean;
}

// A reserved create ClientToken counts as started: the retry reuses it, so AWS answers with the same
// opportunity instead of a second one.
const kindOf = (row: AceSubmission | undefined): SubmissionKind =>
  row?.steps.writtenBack
    ? 'done'
    : row?.steps.created || row?.clientTokens.create
      ? 'resume'
      : 'new';

/**
 * Classifies the trigger-stage deals by the local state, and adds unfinished submissions of earlier runs
 * (the submitter resumes those whatever stage the deal is in now).
 */
export const planSubmissions = async (
  deals: readonly TriggerDeal[],
  repo: Pick<AceSubmissionRepo, 'get' | 'listAll'>
): Promise<PlannedSubmission[]> => {
  const planned: PlannedSubmission[] = [];
  for (const deal of deals) {
    planned.push({
      dealId: deal.id,
      kind: kindOf(await repo.get(deal.id)),
      inTriggerStage: true,
      hasAwsId: deal.hasAwsId,
    });
  }
  const inStage = new Set(deals.map((d) => d.id));
  for await (const row of repo.listAll()) {
    // Outside the trigger stage the submitter resumes only what has an AWS opportunity already.
    if (inStage.has(row.dealId) || !row.steps.created || row.steps.writtenBack) continue;
    planned.push({ dealId: row.dealId, kind: 'resume', inTriggerStage: false, hasAwsId: true });
  }
  return planned;
};

/**
 * Everything a plan needs, read-only: the pipeline and its stage ids, the trigger-stage deals, and what
 * the local state knows about each.
 * @example const { pipeline, planned } = await discoverLiveWork(config, state.submissions);
 */
export const discoverLiveWork = async (
  config: LiveConfig,
  repo: Pick<AceSubmissionRepo, 'get' | 'listAll'>
): Promise<{ pipeline: LocalPipeline; planned: PlannedSubmission[] }> => {
  const hubspot = makeHubSpotClient({
    http: makeHttpClient({ allowedHosts: [new URL(config.hubspot.baseUrl).hostname] }),
    baseUrl: config.hubspot.baseUrl,
    accessToken: async () => config.hubspot.accessToken.reveal(),
  });
  const pipeline = await resolveLivePipeline(hubspot, config.hubspot.pipelineLabel);
  const deals = await findTriggerDeals(hubspot, pipeline);
  return { pipeline, planned: await planSubmissions(deals, repo) };
};
