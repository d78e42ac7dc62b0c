// The narrow logging and metrics surfaces the sync core needs. The Powertools logger from
// `createLogger` satisfies LogPort; tests pass recorders.

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

/** The metric names the GovWin sync publishes. */
export const SYNC_METRIC = {
  discovered: 'GovWinDiscovered',
  changed: 'GovWinChanged',
  enqueued: 'GovWinEnqueued',
  skippedUnchanged: 'GovWinSkippedUnchanged',
  synced: 'GovWinSynced',
  dealsCreated: 'HubSpotDealsCreated',
  dealsUpdated: 'HubSpotDealsUpdated',
  rejected: 'GovWinRecordsRejected',
  failed: 'GovWinSyncFailures',
  notFound: 'GovWinNotFound',
  unmappedNaics: 'UnmappedNaicsCodes',
  unmappedStatus: 'UnmappedGovWinStatuses',
  poisonMessages: 'PoisonMessages',
  budgetWaits: 'GovWinBudgetExhausted',
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

/**
 * Metrics counted per invocation and written as one structured log line by `flush()` (CloudWatch
 * metric filters / Logs Insights read it).
 */
export const makeLogMetrics = (log: LogPort): MetricsPort & { flush(): void } => {
  const counts = makeCountingMetrics();
  return {
    count: counts.count,
    flush: () => {
      const snapshot = counts.snapshot();
      if (Object.keys(snapshot).length > 0) log.info('sync metrics', { metrics: snapshot });
      for (const key of Object.keys(snapshot))
        counts.count(key as MetricName, -(snapshot[key] ?? 0));
    },
  };
};
