// Reading the DLQs `govwin-ace dlq` selected: every message is held (invisible to other readers) while
// the command decides, then released, replayed or deleted by the caller. Work-queue bodies are decoded
// with the consumers' own parsers; records of failed asynchronous runs get their safe summary.
import type { AuditRow } from '@govwin-ace/shared-core';
import {
  type DlqSelection,
  isAsyncQueueConfigured,
  type ResolvedAsyncQueue,
  resolveAsyncQueue,
} from '../ops/async-queues';
import type { OpsRuntime } from '../ops/ops-runtime';
import { type ResolvedQueue, resolveQueue } from '../ops/queues';
import { withService } from '../output/cli-failure';
import type { Output } from '../output/output';
import {
  type AsyncFailureRecord,
  asyncReasonFor,
  readAsyncFailureRecord,
} from './dlq-async-record';
import { type DecodedMessage, decodeMessage, reasonFor } from './dlq-decode';
import { type DlqMessage, type DlqPeek, type DlqRef, peekDlq, releaseMessages } from './dlq-store';

/** A message of a work queue's DLQ. */
export interface WorkRow {
  type: 'work';
  queue: string;
  message: DlqMessage;
  decoded: DecodedMessage;
  reason: string;
}

/** A record of a failed asynchronous run. */
export interface AsyncRow {
  type: 'async';
  queue: string;
  message: DlqMessage;
  record: AsyncFailureRecord;
  reason: string;
}

export type Row = WorkRow | AsyncRow;

/** Where held messages came from. */
export type HeldSource =
  | { type: 'work'; queue: ResolvedQueue }
  | { type: 'async'; queue: ResolvedAsyncQueue };

/** One DLQ as read. */
export interface Held {
  source: HeldSource;
  /** `ace-submit`, `ace-events-async`. */
  name: string;
  rows: Row[];
  depth: number;
  complete: boolean;
}

/** Everything read, plus the on-failure queues skipped because their variable is unset. */
export interface Holding {
  held: Held[];
  notConfigured: string[];
}

/** The SQS name of a held DLQ (`ace-submit-dlq`, `<prefix>-ace-submitter-events-async-dlq`). */
export const dlqLabel = (h: Held): string | null =>
  h.source.type === 'async'
    ? `${h.source.queue.functionName}-async-dlq`
    : h.source.queue.dlq
      ? `${h.name}-dlq`
      : null;

/** What a row is about, for one-line output. Never a value of the body or of the event. */
export const subjectOf = (r: Row): string => {
  if (r.type === 'async')
    return `${r.record.summary.functionName ?? 'unknown function'}, ${r.record.summary.eventKind}`;
  const d = r.decoded;
  if (d.dealId) return `deal ${d.dealId}${d.propertyName ? ` (${d.propertyName})` : ''}`;
  if (d.govwinIds?.length)
    return `GovWin ${d.govwinIds.slice(0, 3).join(',')}${d.govwinIds.length > 3 ? ` +${d.govwinIds.length - 3}` : ''}`;
  return 'unreadable body';
};

const defined = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The JSON of one row (the same safe fields the table shows). */
export const rowJson = (r: Row) => {
  const base = {
    queue: r.queue,
    messageId: r.message.messageId,
    sentAt: r.message.sentAt,
    dlqReceiveCount: r.message.dlqReceiveCount,
  };
  if (r.type === 'async') {
    const s = r.record.summary;
    return {
      ...base,
      valid: s.valid,
      kind: 'asyncFailure' as const,
      ...defined({
        function: s.functionName,
        condition: s.condition,
        approximateInvokeCount: s.approximateInvokeCount,
        requestId: s.requestId,
        failedAt: s.failedAt,
        functionError: s.functionError,
        errorType: s.errorType,
      }),
      eventKind: s.eventKind,
      reason: r.reason,
    };
  }
  const d = r.decoded;
  return {
    ...base,
    valid: d.valid,
    kind: d.kind,
    ...defined({
      dealId: d.dealId,
      govwinIds: d.govwinIds,
      propertyName: d.propertyName,
      receivedAt: d.receivedAt,
      correlationId: d.correlationId,
    }),
    reason: r.reason,
  };
};

/** Peeks one DLQ with a progress bar for long ones. */
const peekShowing = async (
  rt: OpsRuntime,
  out: Output,
  label: string,
  ref: DlqRef,
  limit: number
): Promise<DlqPeek> => {
  let bar: ReturnType<Output['progress']> | undefined;
  let shown = 0;
  const peek = await withService('SQS', () =>
    peekDlq(rt.sqs(), ref, {
      max: limit,
      holdSeconds: 120,
      onProgress: (seen, depth) => {
        bar ??= depth > 20 ? out.progress(depth, `${label} messages`) : undefined;
        bar?.advance(seen - shown);
        shown = seen;
      },
    })
  );
  bar?.done();
  return peek;
};

const holdWork = async (
  rt: OpsRuntime,
  out: Output,
  queue: ResolvedQueue,
  limit: number,
  auditCache: Map<string, AuditRow[]>
): Promise<Held> => {
  const spec = queue.spec;
  if (!queue.dlq) {
    out.note(`${spec.name}: no redrive policy, so no DLQ`);
    return { source: { type: 'work', queue }, name: spec.name, rows: [], depth: 0, complete: true };
  }
  const peek = await peekShowing(rt, out, `${spec.name}-dlq`, queue, limit);
  const held: Held = {
    source: { type: 'work', queue },
    name: spec.name,
    rows: [],
    depth: peek.depth,
    complete: peek.complete,
  };
  const auditTable = rt.env.get('AUDIT_TABLE');
  for (const message of peek.messages) {
    const decoded = decodeMessage(spec.kind, message.body, rt.env.catalog);
    let rows: AuditRow[] | undefined;
    if (decoded.valid && decoded.dealId && auditTable) {
      rows = auditCache.get(decoded.dealId);
      if (!rows && auditCache.size < 200) {
        const dealId = decoded.dealId;
        rows = await withService('DynamoDB', () => rt.audit().listByDeal(dealId));
        auditCache.set(dealId, rows);
      }
    }
    held.rows.push({
      type: 'work',
      queue: spec.name,
      message,
      decoded,
      reason: reasonFor(decoded, rows ? { rows } : undefined, queue.maxReceiveCount),
    });
  }
  return held;
};

const holdAsync = async (
  rt: OpsRuntime,
  out: Output,
  queue: ResolvedAsyncQueue,
  limit: number
): Promise<Held> => {
  const peek = await peekShowing(rt, out, `${queue.functionName}-async-dlq`, queue, limit);
  return {
    source: { type: 'async', queue },
    name: queue.spec.name,
    depth: peek.depth,
    complete: peek.complete,
    rows: peek.messages.map((message) => {
      const record = readAsyncFailureRecord(message.body, queue.functionName, queue.spec.trigger);
      return {
        type: 'async',
        queue: queue.spec.name,
        message,
        record,
        reason: asyncReasonFor(record.summary),
      };
    }),
  };
};

/**
 * Reads every selected DLQ, holding its messages; the caller releases what it does not consume. With
 * `--queue all`, an on-failure queue whose variable is unset is skipped with a note; named explicitly,
 * it is a configuration error (exit 4), as is a malformed variable either way.
 */
export const holdAll = async (
  rt: OpsRuntime,
  out: Output,
  selection: DlqSelection,
  limit: number
): Promise<Holding> => {
  const held: Held[] = [];
  const notConfigured: string[] = [];
  const auditCache = new Map<string, AuditRow[]>();
  try {
    for (const spec of selection.work) {
      const queue = await withService('SQS', () => resolveQueue(rt.sqs(), rt.env, spec));
      held.push(await holdWork(rt, out, queue, limit, auditCache));
    }
    for (const spec of selection.async) {
      if (!selection.explicit && !isAsyncQueueConfigured(rt.env, spec)) {
        notConfigured.push(spec.name);
        out.note(`${spec.name}: ${spec.envVar} is not set, skipped (export operator_environment)`);
        continue;
      }
      held.push(await holdAsync(rt, out, resolveAsyncQueue(rt.env, spec), limit));
    }
    return { held, notConfigured };
  } catch (err) {
    await releaseAll(rt, held);
    throw err;
  }
};

/** Makes every held message visible again, except those in `keep` (already consumed). */
export const releaseAll = async (
  rt: OpsRuntime,
  held: readonly Held[],
  keep?: ReadonlySet<string>
): Promise<void> => {
  for (const h of held)
    await releaseMessages(
      rt.sqs(),
      h.source.queue,
      h.rows.filter((r) => !keep?.has(r.message.messageId)).map((r) => r.message)
    );
};
