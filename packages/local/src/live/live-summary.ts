// The summary a live run ends with: a table for people, or one JSON document with `--json`.
import type { Catalog } from '@govwin-ace/shared-core';
import type { SubmitOutcome } from './live-outcome';
import type { ReconcileFacts, SyncFacts } from './live-steps';

/** One step as the summary lists it. */
export interface StepResult {
  name: string;
  status: 'ok' | 'failed';
  detail: string;
}

/** Everything the summary reports. Zeroes for a step that failed before it could count. */
export interface LiveSummary {
  catalog: Catalog;
  steps: StepResult[];
  sync: SyncFacts;
  submit: SubmitOutcome & { queued: number };
  reconcile: ReconcileFacts;
  /** Successful audited writes (the audit table) per system during the run. */
  auditedWrites: { partnerCentral: number; hubspot: number };
  /** HTTP requests the handlers sent, per system. */
  httpRequests: { govwin: number; hubspot: number };
  /** Subjects of the alerts published to the local SNS topic (ids only, no free text). */
  alerts: string[];
  dlqDepth: number;
  logFile: string;
  logLines: number;
}

/** A summary with nothing counted yet. */
export const emptySummary = (catalog: Catalog, logFile: string): LiveSummary => ({
  catalog,
  steps: [],
  sync: { discovered: 0, changed: 0, batches: 0 },
  submit: {
    queued: 0,
    created: 0,
    adopted: 0,
    resumed: 0,
    alreadyDone: 0,
    failed: 0,
    skipped: 0,
  },
  reconcile: { checked: 0, reMirrored: 0, replayed: 0, errors: 0 },
  auditedWrites: { partnerCentral: 0, hubspot: 0 },
  httpRequests: { govwin: 0, hubspot: 0 },
  alerts: [],
  dlqDepth: 0,
  logFile,
  logLines: 0,
});

/** 0 when every step worked and nothing was dead-lettered, else 1. */
export const exitCodeOf = (s: LiveSummary): number =>
  s.steps.some((st) => st.status === 'failed') || s.dlqDepth > 0 ? 1 : 0;

/** The summary table, one line per entry. */
export const summaryLines = (s: LiveSummary): string[] => {
  const rows: [string, string][] = [
    [
      'GovWin opportunities discovered / new or changed',
      `${s.sync.discovered} / ${s.sync.changed}`,
    ],
    ['deals submitted: AWS opportunities created', String(s.submit.created)],
    [
      '  adopted / resumed / already submitted',
      `${s.submit.adopted} / ${s.submit.resumed} / ${s.submit.alreadyDone}`,
    ],
    ['  failed / skipped', `${s.submit.failed} / ${s.submit.skipped}`],
    [
      'reconcile: checked / re-mirrored / errors',
      `${s.reconcile.checked} / ${s.reconcile.reMirrored} / ${s.reconcile.errors}`,
    ],
    [
      'audited writes: Partner Central / HubSpot',
      `${s.auditedWrites.partnerCentral} / ${s.auditedWrites.hubspot}`,
    ],
    [
      'HTTP requests by the handlers: GovWin / HubSpot',
      `${s.httpRequests.govwin} / ${s.httpRequests.hubspot}`,
    ],
    ['alerts raised (local SNS)', String(s.alerts.length)],
    ['messages in dead-letter queues', String(s.dlqDepth)],
    ['handler log lines', `${s.logLines} (${s.logFile})`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = ['', 'live run summary', ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
  for (const subject of s.alerts.slice(0, 10)) lines.push(`  alert: ${subject.slice(0, 160)}`);
  if (s.dlqDepth > 0)
    lines.push(
      "  dead-lettered messages end with this run, the work does not: failed deals stay in the trigger stage and unsynced opportunities keep their old watermark, so the next --live run retries them (details in the log file and the deals' status note)"
    );
  return lines;
};
