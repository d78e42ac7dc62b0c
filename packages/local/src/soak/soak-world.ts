// Reads the end state the checks run on from the simulators, the local queues and the event bus.

import type { BusEvent } from '../runtime/event-bus';
import { asyncFailureQueueName, LAMBDAS, LOCAL_QUEUES } from '../runtime/lambda-catalog';
import type { PublishedMessage } from '../runtime/local-aws-server';
import type { StoredMessage } from '../runtime/local-queue';
import type { LocalStack } from '../runtime/stack';
import type {
  DeadLetter,
  DealView,
  EngagementTaskView,
  OpportunityView,
  SoakFlow,
  SoakWorld,
} from './checks';
import type { MessageFailure } from './crash-injector';
import type { LeakFinding } from './leak-scan';

/** Counts the report prints next to the checks. */
export interface SoakActivity {
  govwinOpportunities: number;
  discoverable: number;
  deals: number;
  submitted: number;
  invalidByDesign: number;
  awsOpportunities: number;
  invitations: number;
  referralDeals: number;
  syncRounds: number;
  reconcileRounds: number;
  /** Events that failed all their attempts (to the on-failure queue) / of those, still there at the end. */
  failedEvents: { deadLettered: number; left: number };
  cardOutcomes: Record<string, number>;
  edits: { made: number; duringReview: number; afterReview: number; failed: number };
  externalCalls: { govwin: number; hubspot: number; partnerCentral: number };
  logLines: number;
  alerts: number;
  /** SNS alerts by their `kind` attribute (`(no kind)` for a publish without one). */
  alertKinds: Record<string, number>;
  canaries: number;
}

/** Counts published alerts by `kind`, the attribute operators' subscriptions filter on. */
export const countAlertKinds = (
  published: readonly Pick<PublishedMessage, 'attributes'>[]
): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const m of published) {
    const kind = m.attributes?.kind ?? '(no kind)';
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
};

/** What the driver knows that the simulators do not. */
export interface DriverFacts {
  discoverable: readonly string[];
  oddities: ReadonlyMap<string, string>;
  rejected: ReadonlyMap<string, string>;
  submitted: ReadonlySet<string>;
  invalid: ReadonlySet<string>;
  edits: ReadonlyMap<string, string>;
  invitationIds: readonly string[];
  invitationEventDelivered: ReadonlySet<string>;
  notExercised: ReadonlyMap<SoakFlow, string>;
  leaks: readonly LeakFinding[];
  deadLetters: readonly DeadLetter[];
}

interface DlqMessage {
  queue: string;
  message: StoredMessage;
}

const subjectOf = (queue: string, body: string): { subject: string; dealId?: string } => {
  try {
    const b = JSON.parse(body) as {
      kind?: unknown;
      dealId?: unknown;
      opportunities?: unknown;
    };
    if (typeof b.dealId === 'string')
      return { subject: `${String(b.kind ?? 'message')} deal ${b.dealId}`, dealId: b.dealId };
    if (Array.isArray(b.opportunities)) {
      const ids = b.opportunities
        .map((o) => (o as { id?: unknown })?.id)
        .filter((id): id is string => typeof id === 'string');
      return {
        subject: `sync batch of ${ids.length} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', ...' : ''})`,
      };
    }
  } catch {
    // not JSON: named by queue only
  }
  return { subject: `message on ${queue}` };
};

/**
 * Snapshots the world. `deadLetters(failures, lastLines)` names each dead-lettered message once the
 * captured log has been scanned for the ids in `deadLetterIds`.
 */
export const collectWorld = (stack: LocalStack, facts: DriverFacts) => {
  const catalog = stack.partnerCentral.inspect().catalogs[stack.infra.catalog];
  const deals: DealView[] = stack.hubspot.listObjects('deals');
  const opportunities = catalog.opportunities as OpportunityView[];
  const engagementTasks = catalog.engagementTasks.fromOpportunity as EngagementTaskView[];
  const dlq: DlqMessage[] = LOCAL_QUEUES.flatMap((q) =>
    stack.aws
      .queue(`${q}-dlq`)
      .peekAll()
      .map((message) => ({ queue: `${q}-dlq`, message }))
  );
  // What reconcile left in the on-failure queues of the functions the bus invokes: an event that failed its
  // three attempts is dead-lettered only if reconcile could not run it again either.
  const failureQueues = LAMBDAS.filter((l) => l.trigger.kind === 'eventbridge').map((l) => ({
    rule: l.name,
    queue: asyncFailureQueueName(l),
  }));
  const attemptsOf = new Map(stack.bus.deadLetters.map((d) => [`${d.rule} ${d.event.id}`, d]));
  const busDead = failureQueues.flatMap(({ rule, queue }) =>
    stack.aws
      .queue(queue)
      .peekAll()
      .map((message) => {
        const record = JSON.parse(message.body) as { requestPayload: BusEvent };
        return { rule, queue, record, bus: attemptsOf.get(`${rule} ${record.requestPayload.id}`) };
      })
  );
  const world: SoakWorld = {
    discoverableGovWinIds: facts.discoverable,
    oddities: facts.oddities,
    rejected: facts.rejected,
    deals,
    opportunities,
    engagementTasks,
    submitted: facts.submitted,
    invalid: facts.invalid,
    edits: facts.edits,
    invitationIds: facts.invitationIds,
    triggerWebhookDelivered: new Set(
      stack.hubspot
        .deliveredEvents()
        .filter(
          (e) =>
            e.propertyName === 'dealstage' &&
            e.propertyValue === stack.infra.pipeline.stageIds.trigger
        )
        .map((e) => String(e.objectId))
    ),
    invitationEventDelivered: facts.invitationEventDelivered,
    stageIds: stack.infra.pipeline.stageIds,
    deadLetters: facts.deadLetters,
    leaks: facts.leaks,
    notExercised: facts.notExercised,
  };
  const activity = {
    govwinOpportunities: stack.govwin.inspect().opportunities,
    discoverable: facts.discoverable.length,
    deals: deals.filter((d) => d.properties.govwin_opp_id).length,
    submitted: facts.submitted.size,
    invalidByDesign: facts.invalid.size,
    awsOpportunities: opportunities.length,
    invitations: facts.invitationIds.length,
    referralDeals: deals.filter((d) => d.properties.govwin_ace_invitation_id).length,
    failedEvents: { deadLettered: stack.bus.deadLetters.length, left: busDead.length },
    externalCalls: {
      govwin: stack.govwin.inspect().totalCalls,
      hubspot: stack.hubspot.inspect().totalCalls,
      partnerCentral: stack.partnerCentral.counters().callsTotal,
    },
  };
  return {
    world,
    activity,
    dlqBodies: dlq.map((d) => d.message.body),
    deadLetters: (
      failures: ReadonlyMap<string, MessageFailure>,
      lastLines: ReadonlyMap<string, string>
    ): DeadLetter[] => [
      ...dlq.map((d) => {
        const failure = failures.get(d.message.body);
        const line = failure ? lastLines.get(failure.messageId) : undefined;
        const reason = failure
          ? `last delivery: ${failure.kind} in ${failure.lambda} (${failure.detail})${line ? `; last log: ${line}` : ''}`
          : 'no failure recorded';
        return {
          queue: d.queue,
          id: d.message.messageId,
          ...subjectOf(d.queue, d.message.body),
          reason,
        };
      }),
      ...busDead.map(({ rule, queue, record, bus }) => {
        const event = record.requestPayload;
        const detail = event.detail as {
          opportunity?: { identifier?: string };
          engagementInvitation?: { id?: string };
        } | null;
        const about = detail?.opportunity?.identifier ?? detail?.engagementInvitation?.id ?? '';
        const attempts = bus
          ? `${bus.attempts} attempts: ${bus.errors.map((e, n) => `${n + 1}) ${e}`).join('; ')}`
          : 'its attempts (not recorded)';
        return {
          queue,
          id: event.id,
          subject: `${event['detail-type']} ${about}`.trim(),
          reason: `rule ${rule} gave up after ${attempts}; reconcile did not apply it either`,
        };
      }),
    ],
  };
};
