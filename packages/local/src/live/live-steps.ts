// The three steps of a confirmed live run. Each returns whether it worked, one line for the progress
// display, and the facts the summary prints; outcomes come from durable evidence (submission rows, audit
// rows, the dead-letter queue), not from what a handler said it did.
import { randomUUID } from 'node:crypto';
import type { AceSubmission, AuditRow } from '@govwin-ace/shared-core';
import type { LiveConfig } from './live-config';
import type { PlannedSubmission } from './live-discovery';
import {
  classifySubmissions,
  deadLetteredDeals,
  type SubmitOutcome,
  writesBySystem,
} from './live-outcome';
import type { LiveRuntime } from './live-runtime';
import type { LiveState } from './live-state';
import { buildSubmitMessage } from './submit-messages';

/** What one step reports. */
export interface StepReport<F> {
  ok: boolean;
  detail: string;
  facts: F;
}

/** GovWin discovery and upsert counts. */
export interface SyncFacts {
  discovered: number;
  changed: number;
  batches: number;
}

/** Runs the orchestrator once, then the worker until the sync queue is empty. */
export const runSyncStep = async (runtime: LiveRuntime): Promise<StepReport<SyncFacts>> => {
  const r = (await runtime.runScheduled('orchestrator')) as {
    discovered?: number;
    changed?: number;
    messages?: number;
    failedMessages?: number;
  };
  const d = await runtime.drain('govwin-sync');
  const facts = { discovered: r.discovered ?? 0, changed: r.changed ?? 0, batches: d.received };
  const deadLettered = runtime.aws.queue('govwin-sync-dlq').depth().total;
  return {
    ok: (r.failedMessages ?? 0) === 0 && deadLettered === 0,
    detail: `${facts.discovered} discovered, ${facts.changed} new or changed, ${r.messages ?? 0} batch(es) to the worker${deadLettered > 0 ? `, ${deadLettered} dead-lettered` : ''}`,
    facts,
  };
};

/** Audited operations of one deal since `sinceIso` (successful ones). */
const operationsSince = async (state: LiveState, dealId: string, sinceIso: string) =>
  (await state.audit.listByDeal(dealId))
    .filter((row) => row.at >= sinceIso && row.outcome === 'success')
    .map((row) => row.operation);

/**
 * Enqueues one submit message per planned deal (the receiver's format), runs the submit consumer until the
 * queue is empty, and classifies each deal from its row, its audit rows and the DLQ.
 */
export const runSubmitStep = async (
  input: {
    config: LiveConfig;
    state: LiveState;
    runtime: LiveRuntime;
    planned: readonly PlannedSubmission[];
    triggerStageId: string;
    startedAt: number;
  },
  newId: () => string = randomUUID
): Promise<StepReport<SubmitOutcome & { queued: number }>> => {
  const { config, state, runtime, planned } = input;
  const ctx = {
    portalId: config.hubspot.portalId,
    triggerStageId: input.triggerStageId,
    catalog: config.catalog,
    at: input.startedAt,
    correlationId: `live-${newId()}`,
  };
  const queued = await runtime.enqueueSubmit(
    planned.map((p, i) => buildSubmitMessage(p.dealId, i, ctx))
  );
  await runtime.drain('ace-submit');
  const sinceIso = new Date(input.startedAt).toISOString();
  const rows = new Map<string, AceSubmission | undefined>();
  const ops = new Map<string, string[]>();
  for (const p of planned) {
    rows.set(p.dealId, await state.submissions.get(p.dealId));
    ops.set(p.dealId, await operationsSince(state, p.dealId, sinceIso));
  }
  const o = classifySubmissions(planned, {
    rowAfter: (id) => rows.get(id),
    operationsDuringRun: (id) => ops.get(id) ?? [],
    deadLettered: deadLetteredDeals(
      runtime.aws
        .queue('ace-submit-dlq')
        .peekAll()
        .map((m) => m.body)
    ),
  });
  return {
    ok: o.failed === 0,
    detail: `${queued} queued: ${o.created} AWS opportunit${o.created === 1 ? 'y' : 'ies'} created, ${o.adopted} adopted, ${o.resumed} resumed, ${o.alreadyDone} already submitted, ${o.failed} failed, ${o.skipped} skipped`,
    facts: { ...o, queued },
  };
};

/** Reconcile's counters. */
export interface ReconcileFacts {
  checked: number;
  reMirrored: number;
  replayed: number;
  errors: number;
}

/** Runs reconcile once: the stand-in for the EventBridge events a laptop cannot receive. */
export const runReconcileStep = async (
  runtime: LiveRuntime
): Promise<StepReport<ReconcileFacts>> => {
  const r = (await runtime.runScheduled('reconcile')) as Partial<ReconcileFacts>;
  const facts = {
    checked: r.checked ?? 0,
    reMirrored: r.reMirrored ?? 0,
    replayed: r.replayed ?? 0,
    errors: r.errors ?? 0,
  };
  return {
    ok: facts.errors === 0,
    detail: `${facts.checked} checked, ${facts.reMirrored} re-mirrored, ${facts.replayed} parked edits replayed, ${facts.errors} errors`,
    facts,
  };
};

/** Successful audited writes per system since `startedAt`. */
export const auditedWritesSince = async (
  state: LiveState,
  startedAt: number,
  now: () => number = Date.now
): Promise<Record<string, number>> => {
  const rows: AuditRow[] = [];
  for await (const row of state.audit.scanRange(
    new Date(startedAt).toISOString(),
    new Date(now() + 1000).toISOString()
  ))
    rows.push(row);
  return writesBySystem(rows);
};
