// Mirrors an opportunity's AWS state onto its HubSpot deal (DESIGN §2.4): co-sell id, review status,
// lifecycle stage, AWS products and the deal stage from the lifecycle table, with a terminal LifeCycle.Stage
// winning over the review status. Only properties whose value differs are written, so a mirror never
// echoes back as a no-op update (loop suppression on top of the receiver's own-write filter).
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import { DEAL_PROP, mirrorTarget } from '@govwin-ace/shared-core';
import { type SubmitterDeps, stageIdFor, writeDeal } from './context';
import type { DealProperties, DealRecord } from './ports';

/** Deal properties the mirror compares against. */
export const MIRROR_READ_PROPS: readonly string[] = [
  DEAL_PROP.dealStage,
  DEAL_PROP.cosellId,
  DEAL_PROP.cosellStatus,
  DEAL_PROP.cosellProducts,
  DEAL_PROP.lifecycleStage,
  DEAL_PROP.closedLostReason,
  DEAL_PROP.statusNote,
];

/** The part of an opportunity the mirror uses. */
export interface OpportunityState {
  id: string;
  reviewStatus: string | undefined;
  stage: string | undefined;
  closedLostReason: string | undefined;
  lastModifiedDate: Date | undefined;
  /** Undefined when unknown (list summaries carry no products): the products property is left alone. */
  awsProducts: string[] | undefined;
}

/** Reduces a GetOpportunity response to what the mirror needs. */
export const stateOf = (opp: GetOpportunityCommandOutput): OpportunityState => ({
  id: opp.Id ?? '',
  reviewStatus: opp.LifeCycle?.ReviewStatus,
  stage: opp.LifeCycle?.Stage,
  closedLostReason: opp.LifeCycle?.ClosedLostReason,
  lastModifiedDate: opp.LastModifiedDate,
  awsProducts: opp.RelatedEntityIdentifiers?.AwsProducts ?? [],
});

const clip = (v: string, max: number) => (v.length > max ? v.slice(0, max) : v);

/**
 * The deal properties that differ from the opportunity's state (empty when the deal is up to date).
 * @example mirrorProperties(state, deal, settings) // { dealstage: '1003', govwin_aws_cosell_status: 'In review' }
 */
export const mirrorProperties = (
  state: OpportunityState,
  deal: DealRecord,
  settings: SubmitterDeps['settings']
): DealProperties => {
  const want: DealProperties = { [DEAL_PROP.cosellId]: state.id };
  if (state.reviewStatus) want[DEAL_PROP.cosellStatus] = clip(state.reviewStatus, 80);
  if (state.stage) want[DEAL_PROP.lifecycleStage] = clip(state.stage, 80);
  if (state.awsProducts)
    want[DEAL_PROP.cosellProducts] = clip(
      state.awsProducts
        .filter((p) => p !== 'Other')
        .sort()
        .join(';'),
      1024
    );
  const target = mirrorTarget(state);
  if (target.stageKey) want[DEAL_PROP.dealStage] = stageIdFor(settings, target.stageKey);
  if (target.closedLostReason) want[DEAL_PROP.closedLostReason] = target.closedLostReason;
  const changed: DealProperties = {};
  for (const [k, v] of Object.entries(want)) {
    const current = deal.properties[k] ?? '';
    if ((v ?? '') !== current) changed[k] = v;
  }
  return changed;
};

/**
 * Reads the deal, writes whatever differs (plus `extra`), and records the mirrored state on the ACE row.
 * Returns the names of the properties written.
 */
export const mirrorToDeal = async (
  deps: Pick<SubmitterDeps, 'deals' | 'audit' | 'repo' | 'settings'>,
  dealId: string,
  state: OpportunityState,
  options: { correlationId?: string | undefined; extra?: DealProperties; deal?: DealRecord } = {}
): Promise<string[] | undefined> => {
  const deal = options.deal ?? (await deps.deals.getDeal(dealId, MIRROR_READ_PROPS));
  if (!deal) return undefined;
  const props = { ...mirrorProperties(state, deal, deps.settings) };
  for (const [k, v] of Object.entries(options.extra ?? {}))
    if ((deal.properties[k] ?? '') !== (v ?? '')) props[k] = v;
  await writeDeal(deps, dealId, props, options.correlationId);
  await deps.repo.update(dealId, {
    ...(state.reviewStatus ? { reviewStatus: state.reviewStatus } : {}),
    ...(state.stage ? { lifecycleStage: state.stage } : {}),
    ...(state.lastModifiedDate ? { lastModifiedDate: state.lastModifiedDate.toISOString() } : {}),
  });
  return Object.keys(props).sort();
};
