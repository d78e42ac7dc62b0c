// The deployed drift report (Lambda `cli-drift-report`, EventBridge Scheduler): read-only. It compares
// the HubSpot <-> ACE leg (mapping rows, submit-stage and co-sell deals, each linked ACE opportunity)
// and publishes ONE summary to the alerts topic when anything drifted (ids and codes only). It never
// repairs and skips the GovWin leg (which would spend the shared GovWin budget and need the token
// cache's write access); operators run `govwin-ace drift` for the three-way report and repairs.
import { type AlertPublisher, loadConfig, type SubmitterConfig } from '@govwin-ace/ace-submitter';
import { silentLog } from '@govwin-ace/govwin-poller';
import { ConfigError, env, loadEnv } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';
import type { OpsRuntime } from '../ops/ops-runtime';
import { collectDrift } from './collect';
import { countByCode, runDriftReport } from './report';
import type { DriftKind } from './types';

/** The drift report's own variables (the rest are the submitter's, read by its `loadConfig`). */
const ownSchema = z.object({
  /** At most this many deals compared per run (bounds Partner Central reads and run time). */
  DRIFT_REPORT_LIMIT: z._default(env.int(1, 10_000), 2_000),
  HUBSPOT_RATE_LIMIT_PER_10S: z._default(env.int(10, 1000), 100),
});

/** Configuration of the scheduled report. */
export interface DriftReportConfig {
  submitter: Readonly<SubmitterConfig>;
  limit: number;
}

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const marker = 'invalid environment: ';
    const at = err.message.indexOf(marker);
    return [at < 0 ? err.message : err.message.slice(at + marker.length)];
  }
};

/**
 * Reads and validates the environment once; a ConfigError names every bad variable on one line.
 * @example const config = loadDriftReportConfig(process.env);
 */
export const loadDriftReportConfig = (
  source: Readonly<Record<string, string | undefined>>
): DriftReportConfig => {
  const problems = [
    ...problemsOf(() => loadConfig(source)),
    ...problemsOf(() => loadEnv(ownSchema, source, 'drift-report')),
  ];
  if (problems.length > 0)
    throw new ConfigError(`drift-report: invalid environment: ${problems.join('; ')}`);
  return {
    submitter: loadConfig(source),
    limit: loadEnv(ownSchema, source, 'drift-report').DRIFT_REPORT_LIMIT,
  };
};

/** What one run returns (and logs): counts and ids only. */
export interface DriftReportResult {
  findings: number;
  byKind: Record<DriftKind, number>;
  byCode: Record<string, number>;
  /** Sources or records that could not be read (those parts were not compared). */
  unreadable: number;
  published: boolean;
  /** Finding ids (at most 100), for `govwin-ace drift --repair <ids>`. */
  ids: string[];
}

/**
 * Builds the scheduled run.
 * @example const run = makeScheduledDriftReport({ runtime: makeOpsRuntime(process.env), config, alerts, now: Date.now });
 */
export const makeScheduledDriftReport =
  (deps: {
    runtime: OpsRuntime;
    config: DriftReportConfig;
    alerts: AlertPublisher;
    now: () => number;
  }) =>
  async (): Promise<DriftReportResult> => {
    const now = deps.now();
    const { submitter, limit } = deps.config;
    const result = await runDriftReport({
      collect: () =>
        collectDrift(deps.runtime, submitter.submitStageIds, {
          govwin: false,
          limit,
          log: silentLog,
          now,
        }),
      settings: { ...submitter, today: new Date(now).toISOString().slice(0, 10) },
      alerts: deps.alerts,
    });
    const byKind: Record<DriftKind, number> = { missing: 0, stale: 0, conflict: 0 };
    for (const f of result.findings) byKind[f.kind] += 1;
    return {
      findings: result.findings.length,
      byKind,
      byCode: countByCode(result.findings),
      unreadable: result.unreadable.length,
      published: result.published,
      ids: result.findings.slice(0, 100).map((f) => f.id),
    };
  };
