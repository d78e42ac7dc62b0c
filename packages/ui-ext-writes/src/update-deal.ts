// POST /ui-extension/update and /ui-extension/associations (DESIGN §2.3): the same safety as the update
// handler — the ace-submitter's own cores are reused: verifyOwnership (self-heal verify: the mapping row and
// the AWS record must both say the opportunity is this deal's), then applyChanges (scrubbed echo of the live
// record, LastModifiedDate with bounded conflict retries, edits parked while AWS reviews, associations diffed
// by id and applied directly). HubSpot is written afterwards, so the webhook echo of our own write finds AWS
// already up to date and sends nothing.
import {
  ASSOCIATION_PROPERTIES,
  applyChanges,
  type DealRecord,
  OwnershipRefusedError,
  readDealFor,
  type SubmitterDeps,
  verifyOwnership,
} from '@govwin-ace/ace-submitter';
import {
  applyDealDelta,
  type CardRequest,
  type CardResult,
  DEAL_PROP,
  resolveAssociations,
  TERMINAL_STAGE_TARGET,
} from '@govwin-ace/shared-core';
import { toCardAceError } from './ace-errors';
import { actorOf, type CardWriteDeps, forActor, writeDealAudited } from './card-deps';
import { changedProperties, pick, toHubSpotProperties } from './deal-values';
import { DealNotEligibleError, DealNotFoundError } from './errors';
import type { WriteRoute } from './routes';
import { AssociationsBodySchema, parseWriteBody, UpdateBodySchema } from './schemas';

const isTerminal = (stage: string | null | undefined) =>
  Boolean(stage && Object.hasOwn(TERMINAL_STAGE_TARGET, stage));

const todayOf = (now: number) => new Date(now).toISOString().slice(0, 10);

/** Loads the deal and its bound, editable opportunity id, or throws the reason it cannot be edited. */
const loadEditable = async (sub: SubmitterDeps, dealId: string, reads: readonly string[]) => {
  const [row, deal] = await Promise.all([
    sub.repo.get(dealId),
    readDealFor(sub, dealId, [...reads, DEAL_PROP.lifecycleStage]),
  ]);
  if (!deal) throw new DealNotFoundError(dealId);
  const aceId = row?.aceOpportunityId;
  if (!aceId) throw new DealNotEligibleError('not-submitted', dealId);
  if (isTerminal(row?.lifecycleStage) || isTerminal(deal.properties[DEAL_PROP.lifecycleStage]))
    throw new DealNotEligibleError('closed', dealId);
  return { deal, aceId };
};

/** Applies `changed` (values in `merged`) through the submitter's cores, mapping refusals for the card. */
const applyToAce = async (
  sub: SubmitterDeps,
  input: {
    dealId: string;
    aceId: string;
    merged: DealRecord;
    changed: string[];
    correlationId: string;
  }
) => {
  try {
    const opp = await verifyOwnership(sub, {
      dealId: input.dealId,
      deal: input.merged,
      aceId: input.aceId,
      boundByUs: true,
    });
    return await applyChanges(sub, {
      dealId: input.dealId,
      deal: input.merged,
      opp,
      changed: input.changed,
      correlationId: input.correlationId,
    });
  } catch (err) {
    if (err instanceof OwnershipRefusedError)
      throw new DealNotEligibleError('not-ours', input.dealId, { cause: err });
    throw toCardAceError(err);
  }
};

const describeOutcome = (outcome: Awaited<ReturnType<typeof applyChanges>>) =>
  outcome.status === 'parked'
    ? { status: 'parked', parked: outcome.parked, reviewStatus: outcome.reviewStatus }
    : { status: outcome.status, applied: outcome.applied };

/**
 * Builds the update route: field edits from the card's update form.
 * @example const update = makeUpdateDeal(deps); await update(request, { correlationId });
 */
export const makeUpdateDeal =
  (deps: CardWriteDeps) =>
  async (
    request: CardRequest<WriteRoute>,
    { correlationId }: { correlationId: string }
  ): Promise<CardResult> => {
    const input = parseWriteBody(UpdateBodySchema, request.body);
    const { dealId } = input;
    const actor = actorOf(request.caller);
    const sub = forActor(deps.submitter, actor);
    const form = toHubSpotProperties(input.properties);
    // NationalSecurity is checked against the industry, so both are read and validated together.
    const reads = [...Object.keys(form), DEAL_PROP.industry, DEAL_PROP.nationalSecurity];
    const { deal, aceId } = await loadEditable(sub, dealId, reads);
    const changed = changedProperties(deal.properties, form);
    if (changed.length === 0) return { status: 200, body: { status: 'no-change', dealId } };
    const merged: DealRecord = { id: dealId, properties: { ...deal.properties, ...form } };

    // Validate before anything is written: applyChanges parks edits during review without mapping them,
    // and a parked edit must not be one AWS will refuse later.
    const validated = changed.includes(DEAL_PROP.nationalSecurity)
      ? [...changed, DEAL_PROP.industry]
      : changed;
    applyDealDelta({}, validated, merged.properties, todayOf(sub.now()));

    const outcome = await applyToAce(sub, { dealId, aceId, merged, changed, correlationId });
    await writeDealAudited(sub, {
      dealId,
      actor,
      properties: pick(form, changed),
      correlationId,
    });
    return { status: 200, body: { dealId, aceOpportunityId: aceId, ...describeOutcome(outcome) } };
  };

/**
 * Builds the associations route: the solution and AWS products chosen in the card, associated and
 * disassociated directly (exact diff against the live opportunity), then recorded on the deal.
 */
export const makeUpdateAssociations =
  (deps: CardWriteDeps) =>
  async (
    request: CardRequest<WriteRoute>,
    { correlationId }: { correlationId: string }
  ): Promise<CardResult> => {
    const input = parseWriteBody(AssociationsBodySchema, request.body);
    const { dealId } = input;
    const actor = actorOf(request.caller);
    const sub = forActor(deps.submitter, actor);
    const { deal, aceId } = await loadEditable(sub, dealId, ASSOCIATION_PROPERTIES);
    const form = toHubSpotProperties({
      [DEAL_PROP.solutionId]: input.solutionId,
      [DEAL_PROP.awsProducts]: [...new Set(input.awsProducts)],
    });
    const merged: DealRecord = { id: dealId, properties: { ...deal.properties, ...form } };
    resolveAssociations({ deal: merged, defaultSolutionId: sub.settings.defaultSolutionId });

    // Always both properties: the live opportunity, not HubSpot, is what the diff is taken against.
    const outcome = await applyToAce(sub, {
      dealId,
      aceId,
      merged,
      changed: [...ASSOCIATION_PROPERTIES],
      correlationId,
    });
    await writeDealAudited(sub, {
      dealId,
      actor,
      properties: pick(form, changedProperties(deal.properties, form)),
      correlationId,
    });
    return { status: 200, body: { dealId, aceOpportunityId: aceId, ...describeOutcome(outcome) } };
  };
