// POST /ui-extension/submit (DESIGN §2.2): validate every field server-side (the schema, then the same ACE
// mapping rules the submitter will apply, including the customer company), write the deal, and move it to
// the trigger stage. The AWS calls happen in ace-submitter when HubSpot reports the stage change; this route
// never creates an opportunity.
import type { DealRecord } from '@govwin-ace/ace-submitter';
import {
  type AceSubmission,
  type CardRequest,
  type CardResult,
  COMPANY_PROPS,
  ConfigError,
  CREATE_DEAL_PROPS,
  DEAL_PROP,
  mapDealToCreate,
} from '@govwin-ace/shared-core';
import { actorOf, type CardWriteDeps, forActor, writeDealAudited } from './card-deps';
import { changedProperties, pick, toHubSpotProperties } from './deal-values';
import { DealNotEligibleError, DealNotFoundError } from './errors';
import type { WriteRoute } from './routes';
import { parseWriteBody, SubmitBodySchema } from './schemas';

/** Deal properties the submit route reads. */
export const SUBMIT_READ_PROPS: readonly string[] = [
  ...new Set([
    ...CREATE_DEAL_PROPS,
    DEAL_PROP.pipeline,
    DEAL_PROP.statusNote,
    DEAL_PROP.invitationId,
  ]),
];

/** Whether the deal may be submitted; `resubmit` when it already sits in a trigger stage after a failure. */
export const checkSubmitEligibility = (
  deal: DealRecord,
  row: AceSubmission | undefined,
  config: CardWriteDeps['config']
): { resubmit: boolean } => {
  const p = deal.properties;
  const stage = p[DEAL_PROP.dealStage] ?? '';
  if ((p[DEAL_PROP.pipeline] ?? '') !== config.pipelineId)
    throw new DealNotEligibleError('not-in-pipeline', deal.id);
  if (row?.aceOpportunityId || p[DEAL_PROP.cosellId])
    throw new DealNotEligibleError('already-submitted', deal.id);
  if (row?.invitationId || p[DEAL_PROP.invitationId] || stage === config.referralStageId)
    throw new DealNotEligibleError('referral', deal.id);
  const inTrigger = config.triggerStageIds.includes(stage);
  // In a trigger stage without a failure note, the submitter has the deal (or is about to): wait.
  if (inTrigger && !(p[DEAL_PROP.statusNote] ?? '').trim())
    throw new DealNotEligibleError('in-flight', deal.id);
  return { resubmit: inTrigger };
};

/**
 * The stage a resubmission passes through so HubSpot reports a fresh change into the trigger stage: the
 * pipeline stage just before the trigger stage, else the first stage that is not a trigger stage.
 */
export const bounceStageFor = (
  stages: readonly { id: string; displayOrder: number }[],
  triggerStageIds: readonly string[]
): string => {
  const ordered = [...stages].sort((a, b) => a.displayOrder - b.displayOrder);
  const at = ordered.findIndex((s) => s.id === triggerStageIds[0]);
  const before = at > 0 ? ordered[at - 1] : undefined;
  if (before && !triggerStageIds.includes(before.id)) return before.id;
  const other = ordered.find((s) => !triggerStageIds.includes(s.id));
  if (!other)
    throw new ConfigError('the deal pipeline has no stage outside the trigger stages', {
      code: 'PIPELINE_MISCONFIGURED',
    });
  return other.id;
};

/**
 * Builds the submit route.
 * @example const submit = makeSubmitDeal(deps); await submit(request, { correlationId });
 */
export const makeSubmitDeal =
  (deps: CardWriteDeps) =>
  async (
    request: CardRequest<WriteRoute>,
    { correlationId }: { correlationId: string }
  ): Promise<CardResult> => {
    const input = parseWriteBody(SubmitBodySchema, request.body);
    const { dealId } = input;
    const actor = actorOf(request.caller);
    const sub = forActor(deps.submitter, actor);
    const { config } = deps;

    const [deal, row] = await Promise.all([
      sub.deals.getDeal(dealId, SUBMIT_READ_PROPS),
      sub.repo.get(dealId),
    ]);
    if (!deal) throw new DealNotFoundError(dealId);
    const { resubmit } = checkSubmitEligibility(deal, row, config);

    // The same mapping the submitter runs, on the deal as it will be: every problem, per field, now.
    const form = toHubSpotProperties(input.properties);
    const merged = { ...deal.properties, ...form };
    const company = await sub.deals.getAssociatedCompany(dealId, COMPANY_PROPS);
    mapDealToCreate({
      deal: { id: dealId, properties: merged },
      company: company?.properties,
      contacts: [],
      today: new Date(sub.now()).toISOString().slice(0, 10),
      defaultSolutionId: sub.settings.defaultSolutionId,
    });

    const changes = pick(form, changedProperties(deal.properties, form));
    if ((deal.properties[DEAL_PROP.statusNote] ?? '').trim()) changes[DEAL_PROP.statusNote] = null;
    await writeDealAudited(sub, { dealId, actor, properties: changes, correlationId });

    const triggerStageId = config.triggerStageIds[0] ?? '';
    if (resubmit) {
      // Moving a deal to the stage it is already in fires no webhook: step back, then forward.
      const bounce = bounceStageFor(
        await deps.pipelines.stagesOf(config.pipelineId),
        config.triggerStageIds
      );
      await writeDealAudited(sub, {
        dealId,
        actor,
        properties: { [DEAL_PROP.dealStage]: bounce },
        correlationId,
      });
    }
    // A separate write, so the receiver sees a clean dealstage change (prior-art §15.3 step 7).
    await writeDealAudited(sub, {
      dealId,
      actor,
      properties: { [DEAL_PROP.dealStage]: triggerStageId },
      correlationId,
    });
    sub.logger.info('deal queued for ACE submission', { dealId, resubmit, correlationId });
    return {
      status: 202,
      body: {
        status: 'queued',
        dealId,
        resubmitted: resubmit,
        changed: Object.keys(changes).sort(),
      },
    };
  };
