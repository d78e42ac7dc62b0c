// Replays edits parked during an AWS review once the review has ended (DESIGN §2.3-§2.4): run by the update
// handler when the events handler reports a review's end (a `replayParked` message, update-queue.ts) and,
// because EventBridge is best effort, by the scheduled reconcile.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import {
  AceApiError,
  DEAL_PROP,
  describeAceErrorForDeal,
  isRetryable,
  REPLAY_ALLOWED_STATUSES,
} from '@govwin-ace/shared-core';
import { applyChanges } from './apply-changes';
import { METRICS, raiseAlert, type SubmitterDeps, writeDeal } from './context';
import { failureNote } from './failure-note';
import type { DealRecord } from './ports';
import { readDealFor } from './update-opportunity';

/** What a replay did. */
export type ReplayOutcome =
  | 'nothing-parked'
  | 'still-locked'
  | 'replayed'
  | 'no-change'
  | 'rejected'
  | 'deal-missing';

/**
 * Applies the deal's parked edits to `opp` (already read and verified by the caller) when its review status
 * allows it; `deal` is read here unless the caller already read it with `readDealFor(…, parked)`. Only the
 * replayed properties are cleared (edits parked meanwhile stay). A permanent rejection clears the parked
 * set (it would never succeed) and tells the BD and the operator; a transient failure leaves the set
 * parked and rethrows.
 */
export const replayParkedEdits = async (
  deps: SubmitterDeps,
  input: {
    dealId: string;
    parked: readonly string[];
    opp: GetOpportunityCommandOutput;
    deal?: DealRecord;
    correlationId?: string;
  }
): Promise<ReplayOutcome> => {
  const { dealId, parked, opp } = input;
  if (parked.length === 0) return 'nothing-parked';
  if (!REPLAY_ALLOWED_STATUSES.includes(opp.LifeCycle?.ReviewStatus ?? '')) return 'still-locked';
  const deal = input.deal ?? (await readDealFor(deps, dealId, parked));
  if (!deal) return 'deal-missing';
  try {
    const outcome = await applyChanges(deps, {
      dealId,
      deal,
      opp,
      changed: parked,
      ...(input.correlationId ? { correlationId: input.correlationId } : {}),
    });
    if (outcome.status === 'parked') return 'still-locked';
    await deps.repo.clearParkedEdits(dealId, parked);
    deps.metrics.count(METRICS.replayed, parked.length);
    const note =
      outcome.status === 'updated'
        ? `Queued edit(s) applied to AWS after the review: ${[...parked].sort().join(', ')}.`
        : '';
    await writeDeal(
      deps,
      dealId,
      { [DEAL_PROP.statusNote]: note.slice(0, 1000) },
      input.correlationId
    );
    return outcome.status === 'updated' ? 'replayed' : 'no-change';
  } catch (err) {
    if (isRetryable(err)) throw err;
    await deps.repo.clearParkedEdits(dealId, parked);
    await raiseAlert(deps, 'replay-rejected', `Queued ACE edit rejected (deal ${dealId})`, {
      dealId,
      aceOpportunityId: opp.Id,
      code: (err as { code?: string })?.code ?? 'UNKNOWN',
    });
    const note =
      err instanceof AceApiError
        ? `Queued edit rejected after the review. ${describeAceErrorForDeal(err, (err as { sentPayload?: unknown }).sentPayload)}`
        : failureNote('update', err);
    await writeDeal(
      deps,
      dealId,
      { [DEAL_PROP.statusNote]: note.slice(0, 1000) },
      input.correlationId
    );
    return 'rejected';
  }
};
