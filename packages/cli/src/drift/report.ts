// The scheduled drift report's core: collect, compare, and when anything drifted publish one summary
// alert (ids and codes only). A scheduled Lambda only has to build the runtime and call it; the CLI's
// `drift --notify` runs the same function; the deployed schedule is `cli-drift-report` (drift_report.tf).
import type { AlertPublisher } from '@govwin-ace/ace-submitter';
import { findDrift } from './find-drift';
import type { DriftFinding, DriftSettings, DriftSnapshot } from './types';

/** Counts per finding code. */
export const countByCode = (findings: readonly DriftFinding[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1;
  return out;
};

/** The alert text: counts per code, then up to 25 findings by id, deal and code. */
export const driftSummary = (findings: readonly DriftFinding[], unreadable: readonly string[]) => {
  const counts = Object.entries(countByCode(findings))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}: ${n}`);
  const rows = findings
    .slice(0, 25)
    .map(
      (f) =>
        `${f.id} ${f.code}${f.dealId ? ` deal ${f.dealId}` : ''}${f.govwinId ? ` ${f.govwinId}` : ''}${f.aceId ? ` ${f.aceId}` : ''}${f.field ? ` ${f.field}` : ''}`
    );
  return {
    subject: `Drift report: ${findings.length} finding(s)`,
    message: [
      `${findings.length} finding(s); ${unreadable.length} source(s) or record(s) unreadable.`,
      ...counts,
      '',
      ...rows,
      ...(findings.length > rows.length ? [`... and ${findings.length - rows.length} more`] : []),
      '',
      'Review with: govwin-ace drift; repair with: govwin-ace drift --repair <ids|all>',
    ].join('\n'),
  };
};

/**
 * Runs one report.
 * @example const r = await runDriftReport({ collect: () => collectDrift(rt, stages, opts), settings, alerts });
 */
export const runDriftReport = async (deps: {
  collect: () => Promise<{ snapshot: DriftSnapshot; unreadable: string[] }>;
  settings: DriftSettings;
  alerts: AlertPublisher;
}): Promise<{ findings: DriftFinding[]; unreadable: string[]; published: boolean }> => {
  const { snapshot, unreadable } = await deps.collect();
  const findings = findDrift(snapshot, deps.settings);
  if (findings.length === 0 && unreadable.length === 0)
    return { findings, unreadable, published: false };
  const summary = driftSummary(findings, unreadable);
  await deps.alerts.publish({ kind: 'drift-report', ...summary });
  return { findings, unreadable, published: true };
};
