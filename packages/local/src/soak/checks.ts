// The soak's verdict, computed from what the simulators hold at the end (their own state, never the
// handlers' view of it): records lost, duplicated, divergent, dead-lettered and leaked. A check whose flow
// the run could not exercise is reported as not run, never as zero.
import { type MirrorStageKey, mirrorTarget } from '@govwin-ace/shared-core';
import type { LeakFinding } from './leak-scan';

/** A HubSpot record as the simulator lists it. */
export interface DealView {
  id: string;
  properties: Record<string, string | null>;
}

/** The parts of a Partner Central opportunity the checks read (wire shape). */
export interface OpportunityView {
  Id?: string;
  PartnerOpportunityIdentifier?: string;
  LifeCycle?: {
    ReviewStatus?: string;
    Stage?: string;
    NextSteps?: string;
    ClosedLostReason?: string;
  };
}

export interface EngagementTaskView {
  OpportunityId?: string;
  TaskStatus?: string;
  EngagementId?: string;
}

/** A message left in a dead-letter queue (or an event the bus gave up on). */
export interface DeadLetter {
  queue: string;
  id: string;
  /** What the message was about, e.g. `submit deal 2000001`. */
  subject: string;
  /** Deal the message concerns, when it names one. */
  dealId?: string;
  reason: string;
}

/** Everything the checks look at. */
export interface SoakWorld {
  discoverableGovWinIds: readonly string[];
  /** GovWin id -> the deliberate oddity the fixture generator gave the record. */
  oddities: ReadonlyMap<string, string>;
  /** GovWin id -> reason, for records the worker logged as rejected. */
  rejected: ReadonlyMap<string, string>;
  deals: readonly DealView[];
  opportunities: readonly OpportunityView[];
  engagementTasks: readonly EngagementTaskView[];
  /** Deals the card accepted for submission. */
  submitted: ReadonlySet<string>;
  /** Deals moved to the trigger stage by hand without ACE fields (invalid by design). */
  invalid: ReadonlySet<string>;
  /** Deal id -> the next-steps text of the rep's last edit. */
  edits: ReadonlyMap<string, string>;
  invitationIds: readonly string[];
  /** Deals whose move into the trigger stage reached the receiver in a webhook delivery. */
  triggerWebhookDelivered: ReadonlySet<string>;
  /** Invitations whose EventBridge event reached the bus (not dropped). */
  invitationEventDelivered: ReadonlySet<string>;
  stageIds: Readonly<Record<MirrorStageKey, string>>;
  deadLetters: readonly DeadLetter[];
  leaks: readonly LeakFinding[];
  /** Flows the run exercised; a missing one makes its checks "not run" with this reason. */
  notExercised: ReadonlyMap<SoakFlow, string>;
}

export type SoakFlow = 'sync' | 'submit' | 'update' | 'events' | 'referrals';

export type CheckStatus = 'ok' | 'failed' | 'not-run';

/** One line of the verdict. */
export interface CheckResult {
  group: 'lost' | 'duplicated' | 'invalid-accepted' | 'divergent' | 'dead-lettered' | 'leaked';
  name: string;
  status: CheckStatus;
  count: number;
  /** One line per offending record (ids and reasons only). */
  items: string[];
  /** Accepted by design (named), not counted. */
  allowed?: string[];
  note?: string;
}

const DEAL = {
  govwinOppId: 'govwin_opp_id',
  cosellId: 'govwin_aws_cosell_id',
  cosellStatus: 'govwin_aws_cosell_status',
  dealStage: 'dealstage',
  invitationId: 'govwin_ace_invitation_id',
} as const;

const groupBy = <T>(items: readonly T[], key: (t: T) => string | undefined) => {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
};

const result = (
  world: SoakWorld,
  flow: SoakFlow,
  base: Omit<CheckResult, 'status' | 'count' | 'items'>,
  items: () => string[],
  allowed?: () => string[]
): CheckResult => {
  const why = world.notExercised.get(flow);
  if (why) return { ...base, status: 'not-run', count: 0, items: [], note: why };
  const list = items();
  const ok = allowed?.() ?? [];
  return {
    ...base,
    status: list.length === 0 ? 'ok' : 'failed',
    count: list.length,
    items: list,
    ...(ok.length > 0 ? { allowed: ok } : {}),
  };
};

/** Runs every check. */
export const runChecks = (world: SoakWorld): CheckResult[] => {
  const dealsByGovWin = groupBy(world.deals, (d) => d.properties[DEAL.govwinOppId] ?? undefined);
  const dealsById = new Map(world.deals.map((d) => [d.id, d]));
  const oppsByDeal = groupBy(world.opportunities, (o) => o.PartnerOpportunityIdentifier);
  const referralDeals = groupBy(world.deals, (d) => d.properties[DEAL.invitationId] ?? undefined);

  const excusedRejections = [...world.rejected].filter(([id]) => world.oddities.has(id));
  const lostSync = result(
    world,
    'sync',
    { group: 'lost', name: 'GovWin opportunities without a HubSpot deal' },
    () =>
      world.discoverableGovWinIds.flatMap((id) => {
        if (dealsByGovWin.has(id)) return [];
        const rejected = world.rejected.get(id);
        if (rejected && world.oddities.has(id)) return [];
        return [
          rejected
            ? `${id}: rejected although its data is valid (${rejected})`
            : `${id}: no deal${world.oddities.has(id) ? ` (record has ${world.oddities.get(id)})` : ''}`,
        ];
      }),
    () =>
      excusedRejections.map(
        ([id, reason]) => `${id}: ${world.oddities.get(id)} -> rejected (${reason})`
      )
  );

  const lostSubmissions = result(
    world,
    'submit',
    { group: 'lost', name: 'submitted deals without an AWS opportunity' },
    () =>
      [...world.submitted]
        .filter((dealId) => !oppsByDeal.has(dealId))
        .map(
          (dealId) =>
            `deal ${dealId}: card accepted the submission, no AWS opportunity (${
              world.triggerWebhookDelivered.has(dealId)
                ? 'its trigger-stage webhook reached the receiver'
                : 'its trigger-stage webhook was never delivered, and nothing re-queues a deal left in the trigger stage'
            })`
        )
  );

  const lostEdits = result(
    world,
    'update',
    { group: 'lost', name: 'rep edits missing from the AWS opportunity' },
    () =>
      [...world.edits].flatMap(([dealId, nextSteps]) => {
        const opps = oppsByDeal.get(dealId) ?? [];
        if (opps.length === 0) return []; // counted as a lost submission
        return opps.some((o) => o.LifeCycle?.NextSteps === nextSteps)
          ? []
          : [`deal ${dealId}: the last edit of next steps did not reach ${opps[0]?.Id}`];
      })
  );

  const lostReferrals = result(
    world,
    'referrals',
    { group: 'lost', name: 'AWS referrals without a HubSpot deal' },
    () =>
      world.invitationIds
        .filter((id) => !referralDeals.has(id))
        .map(
          (id) =>
            `invitation ${id}: no referral deal (${
              world.invitationEventDelivered.has(id)
                ? 'its event was delivered to the events handler'
                : 'its EventBridge event was dropped, and no sweep lists pending invitations'
            })`
        )
  );

  const dupDeals = result(
    world,
    'sync',
    { group: 'duplicated', name: 'HubSpot deals per GovWin opportunity > 1' },
    () =>
      [...dealsByGovWin]
        .filter(([, list]) => list.length > 1)
        .map(([id, list]) => `${id}: ${list.length} deals (${list.map((d) => d.id).join(', ')})`)
  );

  const dupOpps = result(
    world,
    'submit',
    { group: 'duplicated', name: 'AWS opportunities per deal > 1' },
    () =>
      [...oppsByDeal]
        .filter(([, list]) => list.length > 1)
        .map(
          ([dealId, list]) =>
            `deal ${dealId}: ${list.length} opportunities (${list.map((o) => o.Id).join(', ')})`
        )
  );

  const dupEngagements = result(
    world,
    'submit',
    { group: 'duplicated', name: 'engagements per AWS opportunity > 1' },
    () => {
      const live = world.engagementTasks.filter((t) => t.TaskStatus !== 'FAILED');
      return [...groupBy(live, (t) => t.OpportunityId)].flatMap(([oppId, tasks]) => {
        const engagements = new Set(tasks.map((t) => t.EngagementId ?? `task-without-id`));
        return tasks.length > 1 || engagements.size > 1
          ? [`${oppId}: ${tasks.length} engagement tasks, ${engagements.size} engagements`]
          : [];
      });
    }
  );

  const dupReferrals = result(
    world,
    'referrals',
    { group: 'duplicated', name: 'referral deals per AWS invitation > 1' },
    () =>
      [...referralDeals]
        .filter(([, list]) => list.length > 1)
        .map(([id, list]) => `invitation ${id}: ${list.length} deals`)
  );

  const invalidReached = result(
    world,
    'submit',
    { group: 'invalid-accepted', name: 'invalid-by-design deals that reached AWS' },
    () =>
      [...world.invalid]
        .filter((dealId) => oppsByDeal.has(dealId))
        .map((dealId) => `deal ${dealId}: has no ACE fields, yet an AWS opportunity exists`)
  );

  const divergent = result(
    world,
    'events',
    { group: 'divergent', name: 'HubSpot status != AWS status after reconcile' },
    () =>
      world.opportunities.flatMap((o) => {
        const dealId = o.PartnerOpportunityIdentifier;
        const deal = dealId ? dealsById.get(dealId) : undefined;
        if (!deal || !o.Id) return [];
        const p = deal.properties;
        const out: string[] = [];
        if ((p[DEAL.cosellId] ?? '') !== o.Id)
          out.push(`deal ${deal.id}: co-sell id is not ${o.Id}`);
        const status = o.LifeCycle?.ReviewStatus ?? '';
        if ((p[DEAL.cosellStatus] ?? '') !== status)
          out.push(
            `deal ${deal.id}: status '${p[DEAL.cosellStatus] ?? ''}' but AWS says '${status}' (${o.Id})`
          );
        const target = mirrorTarget({
          reviewStatus: o.LifeCycle?.ReviewStatus,
          stage: o.LifeCycle?.Stage,
          closedLostReason: o.LifeCycle?.ClosedLostReason,
        });
        if (target.stageKey && (p[DEAL.dealStage] ?? '') !== world.stageIds[target.stageKey])
          out.push(`deal ${deal.id}: deal stage is not '${target.stageKey}' (${o.Id})`);
        return out;
      })
  );

  const dead: CheckResult = (() => {
    const allowed = world.deadLetters.filter((d) => d.dealId && world.invalid.has(d.dealId));
    const unexpected = world.deadLetters.filter((d) => !allowed.includes(d));
    return {
      group: 'dead-lettered',
      name: 'dead-lettered messages and events',
      status: unexpected.length === 0 ? 'ok' : 'failed',
      count: unexpected.length,
      items: unexpected.map((d) => `${d.queue} ${d.subject}: ${d.reason}`),
      ...(allowed.length > 0
        ? {
            allowed: allowed.map(
              (d) =>
                `${d.queue} ${d.subject}: invalid by design (moved to the trigger stage without ACE fields): ${d.reason}`
            ),
          }
        : {}),
    };
  })();

  const leaked: CheckResult = {
    group: 'leaked',
    name: 'secrets or personal data in logs and alerts',
    status: world.leaks.length === 0 ? 'ok' : 'failed',
    count: world.leaks.length,
    items: world.leaks.map(
      (l) =>
        `${l.source} ${l.where}${l.line !== undefined ? ` (log line ${l.line})` : ''}: ${l.kinds.join(', ')}`
    ),
  };

  return [
    lostSync,
    lostSubmissions,
    lostEdits,
    lostReferrals,
    dupDeals,
    dupOpps,
    dupEngagements,
    dupReferrals,
    invalidReached,
    divergent,
    dead,
    leaked,
  ];
};

/** True when every check ran and found nothing. */
export const soakPassed = (checks: readonly CheckResult[]): boolean =>
  checks.every((c) => c.status === 'ok');
