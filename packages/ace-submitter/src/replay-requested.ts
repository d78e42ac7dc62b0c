// The update handler's second use case (DESIGN §2.3-§2.4): a `replayParked` message on the update queue says
// the events handler saw AWS end the review of an opportunity whose deal has parked edits; they are replayed
// here, because only this handler, the card's writes route and the reconcile sweep apply edits to Partner
// Central (the events role holds reads only; docs/queue-messages.md).
import {
  QUEUE_MESSAGE_VERSION,
  REPLAY_PARKED_KIND,
  type ReplayParkedMessageV1,
} from '@govwin-ace/hubspot-webhook-receiver';
import type { SubmitterDeps } from './context';
import { CatalogMismatchError } from './errors';
import { type ReplayOutcome, replayParkedEdits } from './replay-parked';
import type { ReplayRequester } from './replay-request';
import { readDealFor } from './update-opportunity';
import { verifyOwnership } from './verify-ownership';

/** What one replay request did. */
export type ReplayRequestOutcome =
  | { status: 'skipped'; reason: string }
  | {
      status: Exclude<ReplayOutcome, 'nothing-parked' | 'deal-missing'>;
      aceOpportunityId: string;
      parked: string[];
    };

/**
 * Builds the replay use case: re-reads the deal's parked set (the message names the deal only), the deal and
 * the live opportunity, proves the opportunity is the deal's own (self-heal verify), then applies the
 * parked delta and clears only what it applied. Redelivery is safe: a second run finds nothing parked, or,
 * after a crash between the write and the clear, no difference to send.
 * @example const replay = makeReplayParked(deps); await replay(message);
 */
export const makeReplayParked =
  (deps: SubmitterDeps) =>
  async (msg: ReplayParkedMessageV1): Promise<ReplayRequestOutcome> => {
    if (msg.catalog !== deps.settings.catalog)
      throw new CatalogMismatchError(
        `message for catalog ${msg.catalog} refused by a ${deps.settings.catalog} deployment`
      );
    const { dealId } = msg;
    const row = await deps.repo.get(dealId);
    const parked = row?.parkedEdits ?? [];
    if (parked.length === 0) return { status: 'skipped', reason: 'nothing parked' };
    const aceId = row?.aceOpportunityId;
    // The deal was re-bound since the review ended: that review says nothing about its opportunity now.
    if (aceId !== msg.aceOpportunityId)
      return { status: 'skipped', reason: 'deal bound to another opportunity' };
    const deal = await readDealFor(deps, dealId, parked);
    if (!deal) return { status: 'skipped', reason: 'deal not found or archived' };
    const opp = await verifyOwnership(deps, { dealId, deal, aceId, boundByUs: true });
    const outcome = await replayParkedEdits(deps, {
      dealId,
      parked,
      opp,
      deal,
      correlationId: msg.correlationId,
    });
    deps.logger.info('parked edits replay requested', { dealId, aceOpportunityId: aceId, outcome });
    if (outcome === 'nothing-parked' || outcome === 'deal-missing')
      return { status: 'skipped', reason: outcome };
    return { status: outcome, aceOpportunityId: aceId, parked: [...parked] };
  };

/**
 * A replay requester that runs the replay right here instead of queueing it: for reconcile, which holds the
 * Partner Central writes itself, when it runs a failed event through the events use case.
 * @example makeAceEventHandler({ ...deps, replays: makeInProcessReplays(deps) });
 */
export const makeInProcessReplays = (deps: SubmitterDeps): ReplayRequester => {
  const replay = makeReplayParked(deps);
  return {
    request: async (input) => {
      await replay({ v: QUEUE_MESSAGE_VERSION, kind: REPLAY_PARKED_KIND, ...input });
    },
  };
};
