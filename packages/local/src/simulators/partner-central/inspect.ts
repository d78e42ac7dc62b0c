// The inspect interface: per-catalog state rendered in wire shape (via the SDK's output shapes)
// and the counters benchmarks and tests read.
import { CATALOGS, type Catalog } from '@govwin-ace/shared-core';
import type { CallCounter } from '../common/call-counter';
import type { FaultCounters, FaultInjector } from '../common/fault-injector';
import type { ThrottleStats } from './api-handler';
import type { EventBus, EventStats, PartnerCentralEvent } from './events';
import type { Scheduler } from './scheduler';
import { sellingModel } from './sdk-model';
import type { CatalogState, ReviewProgress } from './state';
import { type Json, project } from './validate';

export interface PartnerCentralCounters {
  calls: Record<string, number>;
  callsTotal: number;
  throttles: ThrottleStats;
  /** Error responses by exception name (injected 5xx faults are under `faults`). */
  errors: Record<string, number>;
  faults: FaultCounters;
  events: EventStats;
  pendingJobs: number;
  /** Scheduled jobs that threw (a misbehaving review-script function, for example). */
  failedJobs: number;
  /** Review-script functions that threw (those opportunities stay Submitted). */
  reviewScriptErrors: number;
}

export interface CatalogSnapshot {
  opportunities: Json[];
  awsSummaries: Json[];
  reviews: {
    opportunityId: string;
    waiting: ReviewProgress['waiting'];
    applied: number;
    total: number;
  }[];
  associations: { opportunityId: string; type: string; id: string }[];
  engagementTasks: { fromOpportunity: Json[]; byAcceptingInvitation: Json[] };
  invitations: Json[];
  solutions: Json[];
}

export interface PartnerCentralSnapshot {
  now: string;
  catalogs: Record<Catalog, CatalogSnapshot>;
  counters: PartnerCentralCounters;
  recentEvents: PartnerCentralEvent[];
}

export interface StatsDeps {
  calls: CallCounter;
  throttles: ThrottleStats;
  errors: Map<string, number>;
  faults: FaultInjector;
  bus: EventBus;
  scheduler: Scheduler;
  reviewScriptErrors: { count: number };
}

export const countersOf = (d: StatsDeps): PartnerCentralCounters => ({
  calls: d.calls.counts(),
  callsTotal: d.calls.total(),
  throttles: structuredClone(d.throttles),
  errors: Object.fromEntries(d.errors),
  faults: d.faults.counters(),
  events: d.bus.stats(),
  pendingJobs: d.scheduler.pending(),
  failedJobs: d.scheduler.failed(),
  reviewScriptErrors: d.reviewScriptErrors.count,
});

const catalogSnapshot = (state: CatalogState | undefined): CatalogSnapshot => {
  const model = sellingModel();
  const shape = (name: string) => model.structure(name);
  const entries = [...(state?.opportunities.values() ?? [])];
  return {
    opportunities: entries.map((e) => project(shape('GetOpportunityResponse'), e.record)),
    awsSummaries: entries.flatMap((e) =>
      e.aws ? [project(shape('GetAwsOpportunitySummaryResponse'), e.aws)] : []
    ),
    reviews: entries.map((e) => ({
      opportunityId: e.record.Id,
      waiting: e.review.waiting,
      applied: e.review.next,
      total: e.review.steps.length,
    })),
    associations: entries.flatMap((e) =>
      Object.entries(e.record.RelatedEntityIdentifiers).flatMap(([type, ids]) =>
        ids.map((id) => ({ opportunityId: e.record.Id, type, id }))
      )
    ),
    engagementTasks: {
      fromOpportunity: [...(state?.fromOpportunityTasks.values() ?? [])].map((t) =>
        project(shape('ListEngagementFromOpportunityTaskSummary'), t)
      ),
      byAcceptingInvitation: [...(state?.acceptInvitationTasks.values() ?? [])].map((t) =>
        project(shape('ListEngagementByAcceptingInvitationTaskSummary'), t)
      ),
    },
    invitations: [...(state?.invitations.values() ?? [])].map((i) =>
      project(shape('GetEngagementInvitationResponse'), i)
    ),
    solutions: [...(state?.solutions.values() ?? [])].map((s) => project(shape('SolutionBase'), s)),
  };
};

export const snapshot = (
  d: StatsDeps & { catalogs: ReadonlyMap<Catalog, CatalogState>; now: number }
): PartnerCentralSnapshot => ({
  now: new Date(d.now).toISOString(),
  catalogs: Object.fromEntries(
    CATALOGS.map((c) => [c, catalogSnapshot(d.catalogs.get(c))])
  ) as Record<Catalog, CatalogSnapshot>,
  counters: countersOf(d),
  recentEvents: d.bus.recent(),
});
