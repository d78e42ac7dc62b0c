// Builds, without sending anything, the exact Partner Central request the submitter would send for one
// deal: CreateOpportunity for a deal without an ACE opportunity, UpdateOpportunity (the delta applied onto
// the scrubbed echo of the live record) for one that has one. Reads go through the submitter's own
// DealStore and the shared mapping, so a dry run validates exactly what a real run validates.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import { makeHubSpotDealStore, type SubmitterConfig } from '@govwin-ace/ace-submitter';
import {
  ACE_OPPORTUNITY_ID,
  type AceApiError,
  AceMappingError,
  applyDealDelta,
  COMPANY_PROPS,
  CONTACT_PROPS,
  CREATE_DEAL_PROPS,
  DEAL_PROP,
  FIELD_RULES,
  MAX_CONTACTS,
  mapDealToCreate,
  ownedPartnerIdentifiers,
  propertiesToRead,
  REVIEW_LOCKED_STATUSES,
  resolveAssociations,
  scrubForUpdate,
} from '@govwin-ace/shared-core';
import type { OpsRuntime } from '../ops/ops-runtime';
import { CliError, withService } from '../output/cli-failure';
import { EXIT_CODE } from '../output/exit-codes';

/** Every deal property a change of which the update path sends to ACE. */
export const UPDATE_TRIGGERS: readonly string[] = [
  ...new Set(FIELD_RULES.flatMap((r) => r.triggers)),
].sort();

/** What a dry run found. */
export interface DryRunPlan {
  dealId: string;
  operation: 'CreateOpportunity' | 'UpdateOpportunity';
  aceOpportunityId?: string;
  /** The request body, exactly as it would be sent (Catalog, ClientToken / Identifier included). */
  request?: Record<string, unknown>;
  /** HubSpot property name -> one-line reason: why the deal cannot be sent as it is. */
  errors: Record<string, string>;
  /** Deal properties whose rules were applied (update). */
  applied: string[];
  /** False when the update body equals the live record: nothing would be sent. */
  changed: boolean;
  /** What else would happen, in order. */
  followUps: string[];
  /** Why it would not be sent even though it is valid (review lock, ownership). */
  blockedBy?: string;
}

const today = (now: number) => new Date(now).toISOString().slice(0, 10);

const problemsOf = (err: unknown): Record<string, string> | undefined =>
  err instanceof AceMappingError
    ? { ...((err as { fields?: Record<string, string> }).fields ?? {}) }
    : undefined;

/**
 * Plans the request for one deal.
 * @example const plan = await planDryRun(rt, config, '4242', { properties: [] });
 */
export const planDryRun = async (
  rt: OpsRuntime,
  config: SubmitterConfig,
  dealId: string,
  options: { properties: readonly string[]; now?: number }
): Promise<DryRunPlan> => {
  const now = options.now ?? Date.now();
  const deals = makeHubSpotDealStore(rt.hubspot());
  const row = await withService('DynamoDB', () => rt.submissions().get(dealId));
  const updateReads = propertiesToRead(
    options.properties.length ? options.properties : UPDATE_TRIGGERS
  );
  const deal = await withService('HubSpot', () =>
    deals.getDeal(dealId, [...new Set([...CREATE_DEAL_PROPS, ...updateReads])].sort())
  );
  if (!deal)
    throw new CliError(
      `deal ${dealId} not found in HubSpot (deleted or archived?)`,
      EXIT_CODE.notFound
    );
  const aceId = row?.aceOpportunityId ?? deal.properties[DEAL_PROP.cosellId] ?? '';
  if (!aceId) {
    const [company, contacts] = await withService('HubSpot', () =>
      Promise.all([
        deals.getAssociatedCompany(dealId, COMPANY_PROPS),
        deals.getAssociatedContacts(dealId, CONTACT_PROPS, MAX_CONTACTS),
      ])
    );
    const plan: DryRunPlan = {
      dealId,
      operation: 'CreateOpportunity',
      errors: {},
      applied: [],
      changed: true,
      followUps: [],
    };
    try {
      const mapping = mapDealToCreate({
        deal,
        company: company?.properties,
        contacts: contacts.map((c) => c.properties),
        today: today(now),
        defaultSolutionId: config.defaultSolutionId,
      });
      plan.request = {
        ...mapping.body,
        Catalog: config.catalog,
        ClientToken:
          row?.clientTokens.create ?? '<a new UUID, reserved in DynamoDB before the call>',
      };
      plan.followUps.push(
        mapping.solutionId
          ? `AssociateOpportunity: solution ${mapping.solutionId}`
          : 'no solution to associate (set govwin_ace_solution_id or ACE_SOLUTION_ID)',
        ...mapping.awsProducts.map((p) => `AssociateOpportunity: AWS product ${p}`),
        `StartEngagementFromOpportunityTask: InvolvementType ${config.involvementType}, Visibility ${config.visibility}`
      );
      const stage = deal.properties[DEAL_PROP.dealStage] ?? '';
      if (!config.submitStageIds.includes(stage))
        plan.blockedBy = `the deal is in stage ${stage || 'none'}, not a submit stage (${config.submitStageIds.join(', ')}): the submitter would skip it`;
    } catch (err) {
      const errors = problemsOf(err);
      if (!errors) throw err;
      plan.errors = errors;
    }
    return plan;
  }
  if (!ACE_OPPORTUNITY_ID.test(aceId))
    return {
      dealId,
      operation: 'UpdateOpportunity',
      errors: { [DEAL_PROP.cosellId]: 'is not an ACE opportunity id (O followed by digits)' },
      applied: [],
      changed: false,
      followUps: [],
      blockedBy: 'self-heal verify would refuse the write (invalid co-sell id)',
    };
  const plan: DryRunPlan = {
    dealId,
    operation: 'UpdateOpportunity',
    aceOpportunityId: aceId,
    errors: {},
    applied: [],
    changed: false,
    followUps: [],
  };
  const bound = await withService('DynamoDB', () => rt.submissions().findDealByAceId(aceId));
  let opp: GetOpportunityCommandOutput;
  try {
    opp = await withService('Partner Central', () => rt.ace().getOpportunity(aceId));
  } catch (err) {
    if (err instanceof Error && (err.cause as AceApiError | undefined)?.kind === 'not-found')
      throw new CliError(
        `ACE opportunity ${aceId} (of deal ${dealId}) not found in catalog ${config.catalog}`,
        EXIT_CODE.notFound
      );
    throw err;
  }
  const pid = opp.PartnerOpportunityIdentifier;
  const owned = ownedPartnerIdentifiers({ id: dealId, properties: deal.properties });
  if (bound !== undefined && bound !== dealId)
    plan.blockedBy = `self-heal verify would refuse: ${aceId} is mapped to deal ${bound}`;
  else if (pid ? !owned.includes(pid) : row?.aceOpportunityId !== aceId)
    plan.blockedBy = `self-heal verify would refuse: ${aceId} does not carry this deal's identifier`;
  const changed = [
    ...new Set([
      ...(options.properties.length ? options.properties : UPDATE_TRIGGERS),
      ...(row?.parkedEdits ?? []),
    ]),
  ];
  const scrubbed = scrubForUpdate(opp);
  scrubbed.PartnerOpportunityIdentifier ??= dealId;
  try {
    const delta = applyDealDelta(scrubbed, changed, deal.properties, today(now));
    plan.applied = delta.applied;
    plan.changed = delta.changed;
    plan.request = {
      ...delta.body,
      Catalog: config.catalog,
      Identifier: aceId,
      LastModifiedDate: opp.LastModifiedDate?.toISOString() ?? null,
    };
  } catch (err) {
    const errors = problemsOf(err);
    if (!errors) throw err;
    plan.errors = errors;
  }
  const review = opp.LifeCycle?.ReviewStatus ?? '';
  if (!plan.blockedBy && REVIEW_LOCKED_STATUSES.includes(review))
    plan.blockedBy = `AWS is reviewing the opportunity (${review}): the edits would be parked and replayed when the review ends`;
  try {
    const want = resolveAssociations({ deal, defaultSolutionId: config.defaultSolutionId });
    const have = opp.RelatedEntityIdentifiers;
    const products = new Set(have?.AwsProducts ?? []);
    for (const p of want.awsProducts)
      if (!products.has(p)) plan.followUps.push(`AssociateOpportunity: AWS product ${p}`);
    for (const p of products)
      if (p !== 'Other' && !want.awsProducts.includes(p))
        plan.followUps.push(`DisassociateOpportunity: AWS product ${p}`);
    if (want.solutionId && !(have?.Solutions ?? []).includes(want.solutionId))
      plan.followUps.push(`AssociateOpportunity: solution ${want.solutionId}`);
  } catch (err) {
    const errors = problemsOf(err);
    if (!errors) throw err;
    Object.assign(plan.errors, errors);
  }
  return plan;
};

const PERSONAL = new Set(['FirstName', 'LastName', 'Email', 'Phone']);

/** The request with contact and team names, e-mails and phones replaced by their length. */
export const maskPersonal = (request: Record<string, unknown>): Record<string, unknown> => {
  const walk = (value: unknown, inPeople: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, inPeople));
    if (value instanceof Date) return value.toISOString();
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (inPeople && PERSONAL.has(k) && typeof v === 'string')
        out[k] = `<personal data, ${v.length} characters>`;
      else out[k] = walk(v, inPeople || k === 'Contacts' || k === 'OpportunityTeam');
    }
    return out;
  };
  return walk(request, false) as Record<string, unknown>;
};
