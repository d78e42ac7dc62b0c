// The narrow logging and metrics surfaces the sync core needs. The Powertools logger from
// `createLogger` satisfies LogPort; Powertools metrics are adapted by makePowertoolsMetrics; tests
// pass recorders.
import { METRIC, type Metrics, MetricUnit } from '@govwin-ace/shared-core';

/** Structured logging; attributes carry ids, counts and codes only (the logger redacts the rest). */
export interface LogPort {
  debug(message: string, ...attributes: Record<string, unknown>[]): void;
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

/** Counters published as metrics (EMF in Lambda). */
export interface MetricsPort {
  count(name: MetricName, value?: number): void;
}

/** The metric names the GovWin sync publishes (shared names come from shared-core's METRIC). */
export const SYNC_METRIC = {
  discovered: 'GovWinDiscovered',
  changed: 'GovWinChanged',
  enqueued: 'GovWinEnqueued',
  skippedUnchanged: 'GovWinSkippedUnchanged',
  synced: 'GovWinSynced',
  fetched: METRIC.OpportunitiesFetched,
  dealsUpserted: METRIC.DealsUpserted,
  dealsCreated: 'HubSpotDealsCreated',
  dealsUpdated: 'HubSpotDealsUpdated',
  rejected: 'GovWinRecordsRejected',
  failed: 'GovWinSyncFailures',
  auditFailures: 'GovWinSyncAuditFailures',
  notFound: 'GovWinNotFound',
  unmappedNaics: METRIC.UnmappedNaicsCodes,
  unmappedStatus: 'UnmappedGovWinStatuses',
  poisonMessages: METRIC.DlqMessages,
  throttles: METRIC.Throttles,
} as const;
export type MetricName = (typeof SYNC_METRIC)[keyof typeof SYNC_METRIC];

/** A logger that drops everything (CLI quiet mode, benchmarks). */
export const silentLog: LogPort = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Metrics that are only counted in memory (CLI, tests, benchmarks). */
export const makeCountingMetrics = (): MetricsPort & { snapshot(): Record<string, number> } => {
  const counts: Record<string, number> = {};
  return {
    count: (name, value = 1) => {
      counts[name] = (counts[name] ?? 0) + value;
    },
    snapshot: () => ({ ...counts }),
  };
};

/** Adapts Powertools Metrics (EMF); the handler calls `publishStoredMetrics()` after each invocation. */
export const makePowertoolsMetrics = (metrics: Metrics): MetricsPort => ({
  count: (name, value = 1) => {
    if (Number.isFinite(value) && value > 0) metrics.addMetric(name, MetricUnit.Count, value);
  },
});
