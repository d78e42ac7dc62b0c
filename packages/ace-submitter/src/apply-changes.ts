// Applies changed deal properties to their (verified) ACE opportunity: field properties through one
// UpdateOpportunity on the scrubbed echo of the live record (with LastModifiedDate, re-read and retried on
// conflict, bounded), product/solution properties through association diffs. While AWS reviews the
// opportunity the edits are parked on the ACE row and replayed when the review ends (DESIGN §2.3).
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import {
  AceApiError,
  applyDealDelta,
  DEAL_PROP,
  isAceUpdateProperty,
  PARKABLE_STATUSES,
  REVIEW_LOCKED_STATUSES,
  resolveAssociations,
  scrubForUpdate,
  ValidationError,
} from '@govwin-ace/shared-core';
import { syncAssociations } from './associations';
import { audit, auditRefusal, METRICS, type SubmitterDeps, todayOf, writeDeal } from './context';
import type { DealRecord } from './ports';

/** UpdateOpportunity attempts per run when AWS reports a concurrent change (ConflictException). */
export const MAX_CONFLICT_ATTEMPTS = 3;

/** Deal properties applied through association calls instead of UpdateOpportunity. */
export const ASSOCIATION_PROPERTIES: readonly string[] = [
  DEAL_PROP.awsProducts,
  DEAL_PROP.solutionId,
];

/** True when a change to this deal property is applied to ACE at all. */
export const isAppliedProperty = (property: string): boolean =>
  isAceUpdateProperty(property) || ASSOCIATION_PROPERTIES.includes(property);

/** Result of one application. */
export type ApplyOutcome =
  | { status: 'updated'; applied: string[]; lastModifiedDate: Date | undefined }
  | { status: 'no-change'; applied: string[] }
  | { status: 'parked'; parked: string[]; reviewStatus: string };

const fieldPaths = (properties: readonly string[]) => [...properties].sort();

/** Parks edits refused during review and tells the BD on the deal. */
export const parkEdits = async (
  deps: Pick<SubmitterDeps, 'repo' | 'deals' | 'audit' | 'metrics' | 'logger'>,
  input: {
    dealId: string;
    properties: readonly string[];
    reviewStatus: string;
    correlationId?: string;
  }
): Promise<ApplyOutcome> => {
  const { dealId, properties, reviewStatus } = input;
  await deps.repo.addParkedEdits(dealId, properties);
  deps.metrics.count(METRICS.parked, properties.length);
  deps.logger.info('edits parked during AWS review', { dealId, properties, reviewStatus });
  const note = `Edit to ${[...properties].sort().join(', ')} queued: AWS is reviewing the opportunity (${reviewStatus}); it will be applied when the review ends.`;
  await writeDeal(
    deps,
    dealId,
    { [DEAL_PROP.statusNote]: note.slice(0, 1000) },
    input.correlationId
  );
  return { status: 'parked', parked: [...properties], reviewStatus };
};

/**
 * Applies `changed` deal properties (current values in `deal`) to the live opportunity `opp`, which the
 * caller has verified belongs to the deal.
 */
export const applyChanges = async (
  deps: SubmitterDeps,
  input: {
    dealId: string;
    deal: DealRecord;
    opp: GetOpportunityCommandOutput;
    changed: readonly string[];
    correlationId?: string;
  }
): Promise<ApplyOutcome> => {
  const { dealId, deal, changed } = input;
  let opp = input.opp;
  const aceId = opp.Id ?? '';
  const fieldProps = changed.filter(isAceUpdateProperty);
  const assocProps = changed.filter((p) => ASSOCIATION_PROPERTIES.includes(p));
  const status = () => opp.LifeCycle?.ReviewStatus ?? '';
  if (REVIEW_LOCKED_STATUSES.includes(status()))
    return parkEdits(deps, { ...input, properties: changed, reviewStatus: status() });

  let lastModifiedDate = opp.LastModifiedDate;
  let updated = false;
  if (fieldProps.length > 0) {
    for (let attempt = 1; ; attempt++) {
      const scrubbed = scrubForUpdate(opp);
      // Referral opportunities come without our key: record the deal id so later checks can prove ownership.
      scrubbed.PartnerOpportunityIdentifier ??= dealId;
      const delta = applyDealDelta(scrubbed, fieldProps, deal.properties, todayOf(deps.now()));
      if (!delta.changed) break;
      if (!opp.LastModifiedDate)
        throw new ValidationError(`ACE opportunity ${aceId} has no LastModifiedDate`, {
          code: 'ACE_MISSING_LAST_MODIFIED',
        });
      try {
        const out = await deps.ace.updateOpportunity(aceId, delta.body, opp.LastModifiedDate);
        lastModifiedDate = out.lastModifiedDate;
        updated = true;
        await audit(deps, {
          dealId,
          operation: 'partnercentral:UpdateOpportunity',
          ids: { aceOpportunityId: aceId },
          fieldNames: fieldPaths(delta.applied),
          correlationId: input.correlationId,
        });
        break;
      } catch (err) {
        if (!(err instanceof AceApiError)) throw err;
        if (err.kind === 'review-locked' && PARKABLE_STATUSES.includes(status()))
          return parkEdits(deps, { ...input, properties: changed, reviewStatus: status() });
        if (err.kind !== 'conflict' || attempt >= MAX_CONFLICT_ATTEMPTS) {
          await auditRefusal(deps, err, {
            dealId,
            operation: 'partnercentral:UpdateOpportunity',
            ids: { aceOpportunityId: aceId },
            fieldNames: fieldPaths(delta.applied),
            correlationId: input.correlationId,
            sentPayload: delta.body,
          });
          throw err;
        }
        // Someone changed the record since we read it: re-read and re-apply onto the fresh echo.
        opp = await deps.ace.getOpportunity(aceId);
        if (REVIEW_LOCKED_STATUSES.includes(status()))
          return parkEdits(deps, { ...input, properties: changed, reviewStatus: status() });
      }
    }
  }

  if (assocProps.length > 0) {
    const plan = resolveAssociations({ deal, defaultSolutionId: deps.settings.defaultSolutionId });
    const live = updated ? await deps.ace.getOpportunity(aceId) : opp;
    try {
      const result = await syncAssociations(deps, {
        dealId,
        opp: live,
        plan,
        exact: true,
        correlationId: input.correlationId,
      });
      if (result.associated.length + result.disassociated.length > 0) updated = true;
    } catch (err) {
      if (err instanceof AceApiError && err.kind === 'review-locked')
        return parkEdits(deps, { ...input, properties: assocProps, reviewStatus: status() });
      throw err;
    }
  }

  if (updated) {
    deps.metrics.count(METRICS.updated);
    if (lastModifiedDate)
      await deps.repo.update(dealId, { lastModifiedDate: lastModifiedDate.toISOString() });
    return { status: 'updated', applied: [...changed], lastModifiedDate };
  }
  return { status: 'no-change', applied: [...changed] };
};
