// HubSpot -> ACE update (DESIGN §2.3): for one changed deal property (plus any edits parked earlier),
// re-read the live opportunity, prove it is the deal's own (self-heal verify), and apply the change.
import type { QueueMessageV1 } from '@govwin-ace/hubspot-webhook-receiver';
import {
  ACE_OPPORTUNITY_ID,
  AceApiError,
  DEAL_PROP,
  describeAceErrorForDeal,
  isRetryable,
  PARKABLE_STATUSES,
  propertiesToRead,
  ValidationError,
} from '@govwin-ace/shared-core';
import { ASSOCIATION_PROPERTIES, applyChanges, isAppliedProperty } from './apply-changes';
import { raiseAlert, type SubmitterDeps, writeDeal } from './context';
import { CatalogMismatchError, OwnershipRefusedError } from './errors';
import { failureNote } from './failure-note';
import type { DeliveryMeta } from './submit-opportunity';
import { verifyOwnership } from './verify-ownership';

/** What one update run did. */
export type UpdateOutcome =
  | { status: 'skipped'; reason: string }
  | { status: 'updated' | 'no-change'; aceOpportunityId: string; applied: string[] }
  | { status: 'parked'; aceOpportunityId: string; parked: string[] };

/** Deal properties every update reads besides the changed ones. */
const BASE_READS: readonly string[] = [
  DEAL_PROP.cosellId,
  DEAL_PROP.govwinOppId,
  DEAL_PROP.govwinIqOppId,
  ...ASSOCIATION_PROPERTIES,
];

/** Reads the deal with every property needed to apply `changed`. */
export const readDealFor = (
  deps: Pick<SubmitterDeps, 'deals'>,
  dealId: string,
  changed: readonly string[]
) => deps.deals.getDeal(dealId, [...new Set([...BASE_READS, ...propertiesToRead(changed)])].sort());

/**
 * Builds the update use case.
 * @example const update = makeUpdateOpportunity(deps); await update(message, { receiveCount: 1 });
 */
export const makeUpdateOpportunity = (deps: SubmitterDeps) => {
  const { repo, settings, logger } = deps;

  const run = async (msg: QueueMessageV1): Promise<UpdateOutcome> => {
    const dealId = msg.dealId;
    const row = await repo.get(dealId);
    const parkedBefore = (row?.parkedEdits ?? []).filter(isAppliedProperty);
    const deal = await readDealFor(deps, dealId, [msg.propertyName, ...parkedBefore]);
    if (!deal) return { status: 'skipped', reason: 'deal not found or archived' };
    const aceId = row?.aceOpportunityId ?? deal.properties[DEAL_PROP.cosellId] ?? '';
    if (!aceId) return { status: 'skipped', reason: 'deal not submitted to ACE' };
    if (!ACE_OPPORTUNITY_ID.test(aceId)) {
      await raiseAlert(deps, 'self-heal-refused', `ACE write refused for deal ${dealId}`, {
        dealId,
        reason: 'invalid-cosell-id',
      });
      throw new OwnershipRefusedError(
        `deal ${dealId}: co-sell id is not an ACE id`,
        'invalid-cosell-id'
      );
    }
    const boundByUs = row?.aceOpportunityId === aceId;
    const opp = await verifyOwnership(deps, { dealId, deal, aceId, boundByUs });
    // Self-heal: remember the verified binding (refused by the repo if either side is bound elsewhere).
    if (!boundByUs) await repo.update(dealId, { aceOpportunityId: aceId });
    if (opp.LifeCycle?.ReviewStatus === 'Rejected') {
      logger.info('update skipped: opportunity rejected by AWS', {
        dealId,
        aceOpportunityId: aceId,
      });
      return { status: 'skipped', reason: 'opportunity was rejected by AWS' };
    }
    // Edits parked earlier ride along once the review is over (their review-exit event may have been
    // missed); while AWS still reviews, they would only make this edit fail with them.
    const rideAlong = PARKABLE_STATUSES.includes(opp.LifeCycle?.ReviewStatus ?? '')
      ? []
      : parkedBefore;
    const changed = [...new Set([msg.propertyName, ...rideAlong])];
    const outcome = await applyChanges(deps, {
      dealId,
      deal,
      opp,
      changed,
      correlationId: msg.correlationId,
    });
    if (outcome.status === 'parked')
      return { status: 'parked', aceOpportunityId: aceId, parked: outcome.parked };
    const replayed = rideAlong.filter((p) => changed.includes(p));
    if (replayed.length > 0) {
      await repo.clearParkedEdits(dealId, replayed);
      await writeDeal(deps, dealId, { [DEAL_PROP.statusNote]: '' }, msg.correlationId);
    }
    return { status: outcome.status, aceOpportunityId: aceId, applied: outcome.applied };
  };

  const reportFailure = async (msg: QueueMessageV1, err: unknown) => {
    const dealId = msg.dealId;
    // Self-heal refusals alerted already, with their own subject.
    if (!(err instanceof OwnershipRefusedError))
      await raiseAlert(deps, 'update-rejected', `ACE update rejected (deal ${dealId})`, {
        dealId,
        property: msg.propertyName,
        code: (err as { code?: string })?.code ?? 'UNKNOWN',
        fields: Object.keys((err as { fields?: object })?.fields ?? {}).join(',') || undefined,
      });
    const note =
      err instanceof AceApiError
        ? describeAceErrorForDeal(err, (err as { sentPayload?: unknown }).sentPayload)
        : failureNote('update', err);
    try {
      await writeDeal(deps, dealId, { [DEAL_PROP.statusNote]: note }, msg.correlationId);
    } catch (writeErr) {
      logger.warn('failure note not written', { dealId, error: (writeErr as Error)?.name });
    }
  };

  return async (msg: QueueMessageV1, meta: DeliveryMeta): Promise<UpdateOutcome> => {
    if (msg.kind !== 'update')
      throw new ValidationError(`update queue got a ${msg.kind} message`, { code: 'WRONG_QUEUE' });
    if (msg.catalog !== settings.catalog)
      throw new CatalogMismatchError(
        `message for catalog ${msg.catalog} refused by a ${settings.catalog} deployment`
      );
    if (!isAppliedProperty(msg.propertyName))
      return { status: 'skipped', reason: 'property does not feed ACE' };
    try {
      return await run(msg);
    } catch (err) {
      if (!isRetryable(err) && meta.receiveCount <= 1) await reportFailure(msg, err);
      throw err;
    }
  };
};

/** The update use case's type. */
export type UpdateOpportunity = ReturnType<typeof makeUpdateOpportunity>;
