// Self-heal verify (DESIGN §2.3, prior-art §12.1): before writing to an ACE opportunity on a deal's behalf,
// prove it is the deal's own. A mapping row bound to another deal, or an opportunity whose
// PartnerOpportunityIdentifier names someone else, is refused with an alert: a hand-edited co-sell id must
// never redirect writes to another partner record.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import { AceApiError, ownedPartnerIdentifiers } from '@govwin-ace/shared-core';
import { raiseAlert, type SubmitterDeps } from './context';
import { OwnershipRefusedError } from './errors';
import type { DealRecord } from './ports';

/**
 * Returns the live opportunity when it belongs to the deal; otherwise alerts and throws
 * OwnershipRefusedError. `boundByUs` is true when the deal's own ACE row already holds this id (a binding
 * this system made, e.g. an accepted referral whose opportunity AWS created without a partner id).
 */
export const verifyOwnership = async (
  deps: Pick<SubmitterDeps, 'ace' | 'repo' | 'alerts' | 'logger' | 'metrics'>,
  input: { dealId: string; deal: DealRecord; aceId: string; boundByUs: boolean }
): Promise<GetOpportunityCommandOutput> => {
  const { dealId, aceId } = input;
  const refuse = async (reason: string): Promise<never> => {
    await raiseAlert(deps, 'self-heal-refused', `ACE write refused for deal ${dealId}`, {
      dealId,
      aceOpportunityId: aceId,
      reason,
    });
    throw new OwnershipRefusedError(
      `deal ${dealId}: ACE opportunity ${aceId} refused (${reason})`,
      reason
    );
  };
  const bound = await deps.repo.findDealByAceId(aceId);
  if (bound !== undefined && bound !== dealId) return refuse('bound-to-other-deal');
  let opp: GetOpportunityCommandOutput;
  try {
    opp = await deps.ace.getOpportunity(aceId);
  } catch (err) {
    if (err instanceof AceApiError && err.kind === 'not-found') return refuse('not-found');
    throw err;
  }
  const pid = opp.PartnerOpportunityIdentifier;
  const owned = ownedPartnerIdentifiers({ id: dealId, properties: input.deal.properties });
  if (pid ? !owned.includes(pid) : !input.boundByUs) return refuse('foreign-partner-id');
  return opp;
};
