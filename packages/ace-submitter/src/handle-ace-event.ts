// ACE -> HubSpot (DESIGN §2.4): EventBridge events from `aws.partnercentral-selling`. Each event is
// de-duplicated by id with a lease and marked done only after it was processed; opportunity events re-read
// the live opportunity and mirror it onto the deal; invitation events create or update referral deals.
// Events carry only ids, so nothing in them is trusted beyond that. This handler never writes to Partner
// Central (its role holds reads only, DESIGN §5): when a review ends and the deal has parked edits, it
// asks the update handler to replay them with one `replayParked` message on the update queue.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import {
  ACE_INVITATION_ID,
  ACE_OPPORTUNITY_ID,
  AceApiError,
  AppError,
  EVENT_ID,
  type EventDedup,
  HUBSPOT_ID,
  isRetryable,
  REPLAY_ALLOWED_STATUSES,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';
import { alertOnce } from './alert-once';
import { raiseAlert } from './context';
import { SubmissionInFlightError } from './errors';
import { MIRROR_READ_PROPS, mirrorToDeal, stateOf } from './mirror';
import { createReferralDeal, type ReferralDeps, updateReferralDeal } from './referrals';
import type { ReplayRequester } from './replay-request';

/** The EventBridge source of Partner Central events. */
export const ACE_EVENT_SOURCE = 'aws.partnercentral-selling';

const EventSchema = z.object({
  id: z.string().check(z.regex(EVENT_ID)),
  source: z.literal(ACE_EVENT_SOURCE),
  'detail-type': z.string().check(z.minLength(1), z.maxLength(128)),
  account: z.string().check(z.regex(/^[0-9]{12}$/)),
  detail: z.object({
    catalog: z.string().check(z.maxLength(32)),
    opportunity: z.optional(z.object({ identifier: z.string().check(z.maxLength(64)) })),
    engagementInvitation: z.optional(z.object({ id: z.string().check(z.maxLength(300)) })),
  }),
});

/** Result of one event. */
export interface EventOutcome {
  status: string;
  reason?: string;
  dealId?: string;
  /**
   * True when the deal's parked edits were handed over for replay (to the update queue; in reconcile, which
   * re-drives failed events, replayed right there).
   */
  replayRequested?: boolean;
}

/** The event is being processed by another invocation right now: retry later. */
class EventInProgressError extends AppError {
  public constructor(eventId: string) {
    super(`event ${eventId} is being processed elsewhere`, {
      code: 'EVENT_IN_PROGRESS',
      retryable: true,
    });
    this.name = 'EventInProgressError';
  }
}

/**
 * Builds the EventBridge use case. Retryable failures release the lease and throw (EventBridge / Lambda
 * retry, then the DLQ); permanent ones alert, mark the event done and return `failed`.
 */
export const makeAceEventHandler = (
  deps: ReferralDeps & { dedup: EventDedup; replays: ReplayRequester }
) => {
  const { ace, repo, logger, settings } = deps;

  /** Binds an opportunity AWS created from an accepted referral to that referral's deal. */
  const linkAcceptedReferral = async (aceId: string): Promise<string | undefined> => {
    const task = await ace.findAcceptTaskForOpportunity(aceId);
    const invitationId = task?.EngagementInvitationId;
    if (!invitationId || !ACE_INVITATION_ID.test(invitationId)) return undefined;
    const dealId = await repo.findDealByInvitation(invitationId);
    if (dealId) await repo.update(dealId, { aceOpportunityId: aceId });
    return dealId;
  };

  const onOpportunity = async (aceId: string, eventId: string): Promise<EventOutcome> => {
    if (!ACE_OPPORTUNITY_ID.test(aceId))
      return { status: 'ignored', reason: 'invalid opportunity id' };
    let opp: GetOpportunityCommandOutput;
    try {
      opp = await ace.getOpportunity(aceId);
    } catch (err) {
      if (err instanceof AceApiError && err.kind === 'not-found')
        return { status: 'ignored', reason: 'opportunity not found' };
      throw err;
    }
    let dealId = (await repo.findDealByAceId(aceId)) ?? (await linkAcceptedReferral(aceId));
    const pid = opp.PartnerOpportunityIdentifier ?? '';
    if (!dealId && HUBSPOT_ID.test(pid)) {
      // Our own submission may not have recorded the id yet (the event can beat the write): retry later.
      // Or it recorded it since the lookup above: the deal's own row, read now, names this opportunity.
      const pending = await repo.get(pid);
      if (pending?.aceOpportunityId === aceId) dealId = pid;
      else if (pending?.clientTokens.create && !pending.aceOpportunityId)
        throw new SubmissionInFlightError(
          `opportunity ${aceId}: submission of deal ${pid} in flight`
        );
    }
    if (!dealId) {
      await alertOnce(deps.dedup, `orphan:${aceId}`, () =>
        raiseAlert(
          deps,
          'orphan-opportunity',
          `ACE orphan opportunity (no HubSpot deal): ${aceId}`,
          {
            aceOpportunityId: aceId,
            catalog: settings.catalog,
            eventId,
          }
        )
      );
      return { status: 'orphan' };
    }
    const row = await repo.get(dealId);
    const deal = await deps.deals.getDeal(dealId, MIRROR_READ_PROPS);
    if (!deal) return { status: 'ignored', reason: 'deal not found or archived', dealId };
    await mirrorToDeal(deps, dealId, stateOf(opp), { deal, correlationId: eventId });
    const parked = row?.parkedEdits ?? [];
    if (parked.length === 0 || !REPLAY_ALLOWED_STATUSES.includes(opp.LifeCycle?.ReviewStatus ?? ''))
      return { status: 'mirrored', dealId };
    // One request per opportunity version: a review's end arrives as several events that all re-read the
    // same record. A failure to queue releases the key and is retryable (the event is redelivered); a
    // duplicate that still slips through is harmless (the consumer finds nothing left to replay).
    const version = opp.LastModifiedDate?.toISOString() ?? 'unknown';
    const requested = await alertOnce(deps.dedup, `replay:${dealId}:${aceId}:${version}`, () =>
      deps.replays.request({
        dealId,
        aceOpportunityId: aceId,
        catalog: settings.catalog,
        requestedAt: new Date(deps.now()).toISOString(),
        correlationId: eventId,
      })
    );
    if (!requested) return { status: 'mirrored', dealId };
    logger.info('parked edits handed over for replay', {
      dealId,
      aceOpportunityId: aceId,
      parked: parked.length,
    });
    return { status: 'mirrored', dealId, replayRequested: true };
  };

  const dispatch = async (event: z.output<typeof EventSchema>): Promise<EventOutcome> => {
    const type = event['detail-type'];
    if (type === 'Opportunity Created' || type === 'Opportunity Updated') {
      const id = event.detail.opportunity?.identifier;
      return id ? onOpportunity(id, event.id) : { status: 'ignored', reason: 'no opportunity id' };
    }
    if (type.startsWith('Engagement Invitation ')) {
      const invitationId = event.detail.engagementInvitation?.id ?? '';
      if (!ACE_INVITATION_ID.test(invitationId))
        return { status: 'ignored', reason: 'invalid invitation id' };
      return type === 'Engagement Invitation Created'
        ? createReferralDeal(deps, invitationId, event.id, `event:${event.id}`)
        : updateReferralDeal(deps, type, invitationId, event.id);
    }
    return { status: 'ignored', reason: 'unhandled detail-type' };
  };

  return async (input: unknown): Promise<EventOutcome> => {
    const parsed = z.safeParse(EventSchema, input);
    if (!parsed.success) {
      logger.warn('event ignored: not a Partner Central event', {
        issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}:${i.code}`),
      });
      return { status: 'ignored', reason: 'invalid event' };
    }
    const event = parsed.data;
    if (event.account !== settings.awsAccountId || event.detail.catalog !== settings.catalog) {
      logger.warn('event ignored: other account or catalog', { eventId: event.id });
      return { status: 'ignored', reason: 'other account or catalog' };
    }
    // Codes and ids only: the error's message goes to the Lambda runtime with the rethrow.
    const willRetry = (code: string) =>
      logger.warn('event will be retried', { eventId: event.id, type: event['detail-type'], code });
    const state = await deps.dedup.begin(event.id);
    if (state === 'done') return { status: 'duplicate' };
    if (state === 'in-progress') {
      willRetry('EVENT_IN_PROGRESS');
      throw new EventInProgressError(event.id);
    }
    try {
      const outcome = await dispatch(event);
      await deps.dedup.complete(event.id);
      logger.info('event processed', { eventId: event.id, type: event['detail-type'], ...outcome });
      return outcome;
    } catch (err) {
      if (isRetryable(err)) {
        await deps.dedup.release(event.id).catch(() => undefined);
        willRetry(err instanceof AppError ? err.code : 'UNKNOWN');
        throw err;
      }
      const code = err instanceof AppError ? err.code : 'UNKNOWN';
      await raiseAlert(deps, 'event-failed', `ACE event could not be applied: ${event.id}`, {
        eventId: event.id,
        type: event['detail-type'],
        code,
      });
      await deps.dedup.complete(event.id);
      logger.error('event failed permanently', { eventId: event.id, code });
      return { status: 'failed', reason: code };
    }
  };
};

/** The events use case's type. */
export type AceEventHandler = ReturnType<typeof makeAceEventHandler>;
