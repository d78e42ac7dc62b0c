// What a live run did, worked out from durable evidence rather than from the handlers' return values: the
// submission rows (steps) after the run, the audit rows written during it, and the dead-letter queue.
import type { AceSubmission, AuditRow } from '@govwin-ace/shared-core';
import type { PlannedSubmission } from './live-discovery';

/** Per-deal outcome counts of the submit step. */
export interface SubmitOutcome {
  created: number;
  adopted: number;
  resumed: number;
  alreadyDone: number;
  /** Dead-lettered after every retry (the deal's status note says why). */
  failed: number;
  /** Not submitted and not failed: the deal left the trigger stage or was deleted after the plan. */
  skipped: number;
}

/**
 * Classifies each planned deal.
 * @example classifySubmissions(planned, { rowAfter, operationsDuringRun, deadLettered });
 */
export const classifySubmissions = (
  planned: readonly PlannedSubmission[],
  evidence: {
    rowAfter: (dealId: string) => AceSubmission | undefined;
    /** Audited operations (successful ones) of the deal during this run. */
    operationsDuringRun: (dealId: string) => readonly string[];
    deadLettered: ReadonlySet<string>;
  }
): SubmitOutcome => {
  const out: SubmitOutcome = {
    created: 0,
    adopted: 0,
    resumed: 0,
    alreadyDone: 0,
    failed: 0,
    skipped: 0,
  };
  for (const p of planned) {
    if (evidence.deadLettered.has(p.dealId)) out.failed += 1;
    else if (!evidence.rowAfter(p.dealId)?.steps.writtenBack) out.skipped += 1;
    else if (p.kind === 'done') out.alreadyDone += 1;
    else {
      const ops = evidence.operationsDuringRun(p.dealId);
      if (ops.includes('partnercentral:CreateOpportunity')) out.created += 1;
      else if (ops.includes('ace-submitter:AdoptOpportunity')) out.adopted += 1;
      else out.resumed += 1;
    }
  }
  return out;
};

/** Successful audited writes per system (the part of the operation name before `:`). */
export const writesBySystem = (rows: Iterable<AuditRow>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const row of rows) {
    if (row.outcome !== 'success') continue;
    const system = row.operation.split(':')[0] ?? 'other';
    out[system] = (out[system] ?? 0) + 1;
  }
  return out;
};

/** Deal ids of the submit messages in a dead-letter queue (bodies that do not parse are ignored). */
export const deadLetteredDeals = (bodies: Iterable<string>): Set<string> => {
  const ids = new Set<string>();
  for (const body of bodies) {
    try {
      const dealId = (JSON.parse(body) as { dealId?: unknown }).dealId;
      if (typeof dealId === 'string') ids.add(dealId);
    } catch {
      // Not a submit message: counted in the DLQ depth, not per deal.
    }
  }
  return ids;
};
