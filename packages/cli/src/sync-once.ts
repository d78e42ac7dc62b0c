// One local sync run: the orchestrator's discovery and watermark filter, then the worker's use case
// in batches, in this process and without SQS. In dry-run mode the worker maps and plans but writes
// nothing to HubSpot, the watermarks or the entity map (GovWin reads still spend budget).
import {
  discover,
  type LogPort,
  makeCountingMetrics,
  makePipelineResolver,
  makeSyncOpportunities,
  type OpportunityOutcome,
  type WritePlan,
} from '@govwin-ace/govwin-poller';
import type { SyncRuntime } from './runtime';

/** Options of {@link runSyncOnce}. */
export interface SyncOnceOptions {
  dryRun: boolean;
  /** Sync at most this many changed opportunities. */
  limit?: number;
  refreshAgencies?: boolean;
  log: LogPort;
  /** Called after each batch with the number of opportunities it covered. */
  onBatch?: (done: number, total: number) => void;
  now?: () => number;
}

/** What a run did. */
export interface SyncOnceSummary {
  dryRun: boolean;
  discovered: number;
  invalid: { id?: string; reason: string }[];
  changed: number;
  considered: number;
  truncated: boolean;
  counts: Record<OpportunityOutcome['status'], number>;
  outcomes: { id: string; outcome: OpportunityOutcome }[];
  rejections: { govwinId?: string; kind: string; reason: string }[];
  unmappedNaics: Record<string, number>;
  plans: WritePlan[];
  calls: { govwin: number; hubspot: number };
}

const emptyCounts = (): SyncOnceSummary['counts'] => ({
  synced: 0,
  skipped: 0,
  rejected: 0,
  not_found: 0,
  planned: 0,
  failed: 0,
});

/**
 * Runs discovery plus the worker once.
 * @example const summary = await runSyncOnce(runtime, { dryRun: true, log });
 */
export const runSyncOnce = async (
  rt: SyncRuntime,
  options: SyncOnceOptions
): Promise<SyncOnceSummary> => {
  const now = options.now ?? Date.now;
  rt.govwin.auth.beginRun();
  const cursor =
    rt.discovery.mode.kind === 'search' ? await rt.govwin.watermarks.getCursor() : undefined;
  const found = await discover(rt.govwin.govwin, rt.discovery.mode, {
    now: now(),
    ...(rt.discovery.oppType ? { oppType: rt.discovery.oppType } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const changed = await rt.govwin.watermarks.filterChanged(found.refs);
  const todo = options.limit === undefined ? changed : changed.slice(0, options.limit);
  const sync = makeSyncOpportunities({
    govwin: rt.govwin.govwin,
    hubspot: rt.hubspot,
    watermarks: rt.govwin.watermarks,
    entityMap: rt.govwin.entityMap,
    pipeline: makePipelineResolver({ hubspot: rt.hubspot, config: rt.pipeline }),
    log: options.log,
    metrics: makeCountingMetrics(),
    audit: rt.audit,
    ...(options.refreshAgencies ? { refreshKnownCompanies: true } : {}),
  });
  const summary: SyncOnceSummary = {
    dryRun: options.dryRun,
    discovered: found.refs.length,
    invalid: found.invalid,
    changed: changed.length,
    considered: todo.length,
    truncated: found.truncated,
    counts: emptyCounts(),
    outcomes: [],
    rejections: [],
    unmappedNaics: {},
    plans: [],
    calls: rt.calls,
  };
  const size = rt.discovery.batchSize;
  for (let i = 0; i < todo.length; i += size) {
    const batch = todo.slice(i, i + size);
    const report = await sync(batch, { dryRun: options.dryRun });
    for (const ref of batch) {
      const outcome = report.outcomes.get(ref.id) ?? {
        status: 'failed',
        retryable: true,
        reason: 'no outcome',
      };
      summary.outcomes.push({ id: ref.id, outcome });
      summary.counts[outcome.status] += 1;
    }
    summary.rejections.push(...report.rejections);
    for (const [code, n] of Object.entries(report.unmappedNaics)) {
      summary.unmappedNaics[code] = (summary.unmappedNaics[code] ?? 0) + n;
    }
    if (report.plan) summary.plans.push(report.plan);
    options.onBatch?.(Math.min(i + size, todo.length), todo.length);
  }
  return summary;
};
