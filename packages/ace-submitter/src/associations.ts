// Brings an opportunity's associations (solution, AWS products) to what the deal asks for, by id: the live
// RelatedEntityIdentifiers are read first and only the missing (or, for `exact`, the extra) ones are
// written, so a resumed or repeated run makes no duplicate calls (one association set per submission).
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import { AceApiError, type AceRelatedEntityType } from '@govwin-ace/shared-core';
import { audit, type SubmitterDeps } from './context';

/** What the deal asks to be associated. */
export interface AssociationPlan {
  solutionId: string | undefined;
  awsProducts: readonly string[];
}

/** What a sync did. `refused` lists product codes AWS rejected as invalid (reported, not fatal). */
export interface AssociationResult {
  associated: string[];
  disassociated: string[];
  refused: string[];
}

/**
 * Associates what is missing; with `exact`, also removes products (and a replaced solution) the deal no
 * longer lists. A new solution is associated before the old one is removed (AWS needs one at all times).
 */
export const syncAssociations = async (
  deps: Pick<SubmitterDeps, 'ace' | 'audit' | 'logger'>,
  input: {
    dealId: string;
    opp: GetOpportunityCommandOutput;
    plan: AssociationPlan;
    exact: boolean;
    correlationId?: string | undefined;
  }
): Promise<AssociationResult> => {
  const { dealId, opp, plan } = input;
  const aceId = opp.Id ?? '';
  const related = opp.RelatedEntityIdentifiers ?? {};
  const result: AssociationResult = { associated: [], disassociated: [], refused: [] };

  const write = async (
    op: 'associate' | 'disassociate',
    type: AceRelatedEntityType,
    entityId: string
  ): Promise<boolean> => {
    const operation = op === 'associate' ? 'AssociateOpportunity' : 'DisassociateOpportunity';
    try {
      await deps.ace[op](aceId, type, entityId);
    } catch (err) {
      // Already associated (or already gone): the desired state holds.
      if (err instanceof AceApiError && err.kind === 'conflict' && op === 'associate') {
        deps.logger.warn('association already present', { dealId, aceOpportunityId: aceId, type });
        return true;
      }
      if (err instanceof AceApiError && err.kind === 'not-found' && op === 'disassociate')
        return true;
      if (err instanceof AceApiError && err.kind === 'validation' && type === 'AwsProducts') {
        result.refused.push(entityId);
        return false;
      }
      throw err;
    }
    await audit(deps, {
      dealId,
      operation: `partnercentral:${operation}`,
      ids: { aceOpportunityId: aceId, relatedEntityId: entityId },
      fieldNames: [`RelatedEntityIdentifiers.${type}`],
      correlationId: input.correlationId,
    });
    return true;
  };

  const solutions = related.Solutions ?? [];
  if (plan.solutionId && !solutions.includes(plan.solutionId)) {
    if (await write('associate', 'Solutions', plan.solutionId))
      result.associated.push(plan.solutionId);
    if (input.exact)
      for (const old of solutions)
        if (await write('disassociate', 'Solutions', old)) result.disassociated.push(old);
  }

  const current = (related.AwsProducts ?? []).filter((p) => p !== 'Other');
  for (const product of plan.awsProducts)
    if (!current.includes(product) && (await write('associate', 'AwsProducts', product)))
      result.associated.push(product);
  if (input.exact)
    for (const product of [...current].sort())
      if (
        !plan.awsProducts.includes(product) &&
        (await write('disassociate', 'AwsProducts', product))
      )
        result.disassociated.push(product);
  return result;
};
