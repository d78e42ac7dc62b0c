// Which of the card's states a deal is in, from the deal's own HubSpot properties (mirrored there by the
// integration) and the backend configuration. Pure: the components only render the result.
import type { CardConfig } from './card-config';
import { CARD_PROP, type DealProps, prop } from './deal-props';

/** Every state the card can show. */
export type CardState =
  | { kind: 'not-eligible'; reason: 'not-in-pipeline' | 'referral-closed' }
  | { kind: 'ready'; previousFailure: string | undefined }
  | { kind: 'submitting' }
  | { kind: 'in-review'; aceId: string; reviewStatus: string }
  | { kind: 'action-required'; aceId: string; nextSteps: string }
  | { kind: 'approved'; aceId: string; stage: string }
  | { kind: 'closed-lost'; aceId: string; reason: string }
  | { kind: 'launched'; aceId: string }
  | {
      kind: 'referral-pending';
      invitationId: string;
      expiresAt: number | undefined;
      customer: string;
      sender: string;
      /** Why the last accept did not go through (written by the integration), if it failed. */
      previousFailure: string | undefined;
    }
  /**
   * The rep accepted; AWS Partner Central is creating the opportunity (the deal says ACCEPTING, then
   * ACCEPTED) until the deal carries its co-sell id and becomes an ordinary submitted deal. `note` is set
   * when the integration had something to report instead (e.g. accepted outside HubSpot).
   */
  | { kind: 'referral-accepted'; invitationId: string; note: string | undefined };

/** Epoch ms from a HubSpot date/datetime value (ISO text or epoch ms); undefined when unparseable. */
export const parseInstant = (value: string): number | undefined => {
  if (!value) return undefined;
  const ms = /^\d{10,16}$/.test(value)
    ? Number(value) < 1e12
      ? Number(value) * 1000
      : Number(value)
    : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * Classifies the deal. Order matters: a referral answers first, then the pipeline, then the AWS
 * opportunity's state (a terminal lifecycle stage wins over the review status, as on the backend), and only
 * a deal without an opportunity can be submitting or ready.
 * @example classifyCardState(properties, config, Date.now()).kind // 'in-review'
 */
export const classifyCardState = (props: DealProps, config: CardConfig, now: number): CardState => {
  const aceId = prop(props, CARD_PROP.cosellId);
  const invitationId = prop(props, CARD_PROP.invitationId);
  if (invitationId && !aceId) {
    const status = prop(props, CARD_PROP.invitationStatus).toUpperCase();
    const expiresAt = parseInstant(prop(props, CARD_PROP.invitationExpiresAt));
    const note = prop(props, CARD_PROP.statusNote) || undefined;
    if (status === 'ACCEPTING' || status === 'ACCEPTED')
      return { kind: 'referral-accepted', invitationId, note };
    if ((status === '' || status === 'PENDING') && (expiresAt === undefined || expiresAt > now))
      return {
        kind: 'referral-pending',
        invitationId,
        expiresAt,
        customer: prop(props, CARD_PROP.invitationCustomer),
        sender: prop(props, CARD_PROP.invitationSender),
        previousFailure: note,
      };
    return { kind: 'not-eligible', reason: 'referral-closed' };
  }
  if (!aceId && prop(props, CARD_PROP.pipeline) !== config.pipelineId)
    return { kind: 'not-eligible', reason: 'not-in-pipeline' };
  if (aceId) {
    const stage = prop(props, CARD_PROP.lifecycleStage);
    const review = prop(props, CARD_PROP.cosellStatus);
    if (stage === 'Launched') return { kind: 'launched', aceId };
    if (stage === 'Closed Lost')
      return { kind: 'closed-lost', aceId, reason: prop(props, CARD_PROP.closedLostReason) };
    if (review === 'Rejected') return { kind: 'closed-lost', aceId, reason: 'Rejected by AWS' };
    if (review === 'Action Required')
      return { kind: 'action-required', aceId, nextSteps: prop(props, CARD_PROP.nextSteps) };
    if (review === 'Approved') return { kind: 'approved', aceId, stage };
    return { kind: 'in-review', aceId, reviewStatus: review || 'Submitted' };
  }
  const note = prop(props, CARD_PROP.statusNote);
  if (config.triggerStageIds.includes(prop(props, CARD_PROP.dealStage)))
    return note ? { kind: 'ready', previousFailure: note } : { kind: 'submitting' };
  return { kind: 'ready', previousFailure: undefined };
};

/** States in which the card re-reads the deal on a timer (the integration is still working). */
export const POLLING_STATES: readonly CardState['kind'][] = [
  'submitting',
  'in-review',
  'referral-accepted',
];

/** How often those states re-read the deal (prior-art §16.2). */
export const POLL_INTERVAL_MS = 30_000;

/** The Partner Central page of an opportunity. */
export const partnerCentralUrl = (aceId: string): string =>
  `https://partnercentral.awspartner.com/partnercentral2/s/opportunity/${encodeURIComponent(aceId)}`;

/**
 * "Expires in 3 days 4 hours" / "Expires in 2 hours 5 minutes" / "Expired"; undefined without a date.
 * @example expiryText(now + 90_000_000, now) // 'Expires in 1 day 1 hour'
 */
export const expiryText = (expiresAt: number | undefined, now: number): string | undefined => {
  if (expiresAt === undefined) return undefined;
  const left = expiresAt - now;
  if (left <= 0) return 'Expired';
  const minutes = Math.floor(left / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days > 0) return `Expires in ${unit(days, 'day')} ${unit(hours, 'hour')}`;
  if (hours > 0) return `Expires in ${unit(hours, 'hour')} ${unit(mins, 'minute')}`;
  return `Expires in ${unit(Math.max(mins, 1), 'minute')}`;
};
