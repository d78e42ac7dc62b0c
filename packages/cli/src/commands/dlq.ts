// `govwin-ace dlq list | replay | purge`: dead-lettered work with a decoded reason per message, replay of
// selected messages to their source queue after a fix, and purge only with confirmation.
import type { AuditRow } from '@govwin-ace/shared-core';
import { type Command, type CommandIo, UsageError } from '../command';
import { defaultOpsRuntime, type OpsRuntime } from '../ops/ops-runtime';
import { intFlag, parseCommandArgs } from '../ops/parse-args';
import { type ResolvedQueue, resolveQueue, selectQueues } from '../ops/queues';
import { CliError, withService } from '../output/cli-failure';
import { type Confirm, terminalConfirm } from '../output/confirm';
import { EXIT_CODE, EXIT_CODES_HELP, type ExitCode } from '../output/exit-codes';
import { type Output, runOperatorCommand } from '../output/output';
import { renderTable } from '../output/render';
import { type DecodedMessage, decodeMessage, reasonFor } from './dlq-decode';
import {
  type DlqMessage,
  deleteMessage,
  peekDlq,
  releaseMessages,
  replayMessage,
} from './dlq-store';

export const DLQ_USAGE = `Usage: govwin-ace dlq <list | replay | purge> [message-id ...] [options]

Dead-letter queues of govwin-sync, ace-submit and ace-update (found from each queue's redrive policy).
  list                        every DLQ message: its deal or GovWin ids and the decoded reason
  replay <message-id ...>     send the selected messages back to their source queue (after a fix);
                              bodies the consumer rejects outright are skipped, not replayed
  purge <message-id ...>      delete the selected messages for good; asks on a terminal, and
                              refuses without one unless --yes is given

Options:
  --queue sync|submit|update|all   which DLQs (default: all)
  --deal ID     select the messages of one HubSpot deal (replay, purge)
  --all         select every message (replay, purge)
  --limit N     read at most N messages per DLQ (default 1000)
  --yes         confirm a purge without a prompt (scripts)
  --json        machine-readable output

Examples:
  govwin-ace dlq list --queue submit
  govwin-ace dlq replay --queue submit --deal 4242
  govwin-ace dlq purge 6f1c2d9e-8a51-4c55-9d0e-2f0a3b1c4d5e --yes

Environment: GOVWIN_SYNC_QUEUE_URL, SUBMIT_QUEUE_URL, UPDATE_QUEUE_URL, ACE_CATALOG, AUDIT_TABLE
(optional: reasons then include the last audited failure of the deal), AWS credentials/region.
${EXIT_CODES_HELP}
(list: 0 even when messages wait; replay/purge: 3 when a given message id is not in the DLQ,
1 when a selected message was skipped.)`;

/** One message as shown. */
interface Row {
  queue: string;
  message: DlqMessage;
  decoded: DecodedMessage;
  reason: string;
}

const subjectOf = (d: DecodedMessage): string => {
  if (d.dealId) return `deal ${d.dealId}${d.propertyName ? ` (${d.propertyName})` : ''}`;
  if (d.govwinIds?.length)
    return `GovWin ${d.govwinIds.slice(0, 3).join(',')}${d.govwinIds.length > 3 ? ` +${d.govwinIds.length - 3}` : ''}`;
  return 'unreadable body';
};

const rowJson = (r: Row) => ({
  queue: r.queue,
  messageId: r.message.messageId,
  sentAt: r.message.sentAt,
  dlqReceiveCount: r.message.dlqReceiveCount,
  valid: r.decoded.valid,
  kind: r.decoded.kind,
  ...(r.decoded.dealId ? { dealId: r.decoded.dealId } : {}),
  ...(r.decoded.govwinIds ? { govwinIds: r.decoded.govwinIds } : {}),
  ...(r.decoded.propertyName ? { propertyName: r.decoded.propertyName } : {}),
  ...(r.decoded.receivedAt ? { receivedAt: r.decoded.receivedAt } : {}),
  ...(r.decoded.correlationId ? { correlationId: r.decoded.correlationId } : {}),
  reason: r.reason,
});

interface Held {
  queue: ResolvedQueue;
  rows: Row[];
  depth: number;
  complete: boolean;
}

/** Reads every selected DLQ, holding its messages; the caller releases what it does not consume. */
const holdAll = async (
  rt: OpsRuntime,
  out: Output,
  queueFlag: string | undefined,
  limit: number
): Promise<Held[]> => {
  const sqs = rt.sqs();
  const held: Held[] = [];
  const auditCache = new Map<string, AuditRow[]>();
  const auditTable = rt.env.get('AUDIT_TABLE');
  try {
    for (const spec of selectQueues(queueFlag)) {
      const queue = await withService('SQS', () => resolveQueue(sqs, rt.env, spec));
      if (!queue.dlq) {
        out.note(`${spec.name}: no redrive policy, so no DLQ`);
        held.push({ queue, rows: [], depth: 0, complete: true });
        continue;
      }
      let bar: ReturnType<Output['progress']> | undefined;
      let shown = 0;
      const peek = await withService('SQS', () =>
        peekDlq(sqs, queue, {
          max: limit,
          holdSeconds: 120,
          onProgress: (seen, depth) => {
            bar ??= depth > 20 ? out.progress(depth, `${spec.name}-dlq messages`) : undefined;
            bar?.advance(seen - shown);
            shown = seen;
          },
        })
      );
      bar?.done();
      const entry: Held = { queue, rows: [], depth: peek.depth, complete: peek.complete };
      held.push(entry);
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
        entry.rows.push({
          queue: spec.name,
          message,
          decoded,
          reason: reasonFor(decoded, rows ? { rows } : undefined, queue.maxReceiveCount),
        });
      }
    }
    return held;
  } catch (err) {
    await releaseAll(rt, held);
    throw err;
  }
};

const releaseAll = async (rt: OpsRuntime, held: readonly Held[], keep?: ReadonlySet<string>) => {
  for (const h of held)
    await releaseMessages(
      rt.sqs(),
      h.queue,
      h.rows.filter((r) => !keep?.has(r.message.messageId)).map((r) => r.message)
    );
};

const list = async (rt: OpsRuntime, out: Output, queueFlag: string | undefined, limit: number) => {
  const held = await holdAll(rt, out, queueFlag, limit);
  await releaseAll(rt, held);
  const rows = held.flatMap((h) => h.rows);
  out.emit({
    ok: true,
    queues: held.map((h) => ({
      name: h.queue.spec.name,
      dlq: h.queue.dlq ? `${h.queue.spec.name}-dlq` : null,
      depth: h.depth,
      complete: h.complete,
      messages: h.rows.map(rowJson),
    })),
  });
  for (const h of held)
    out.line(
      `${out.colours.bold(`${h.queue.spec.name} DLQ`)}: ${h.depth} message(s)${h.complete ? '' : ` (showing ${h.rows.length}; raise --limit or retry when in-flight messages settle)`}`
    );
  if (rows.length > 0) {
    out.line();
    for (const l of renderTable(
      ['QUEUE', 'MESSAGE ID', 'SENT', 'SUBJECT', 'REASON'],
      rows.map((r) => [
        r.queue,
        r.message.messageId,
        r.message.sentAt?.slice(0, 19).replace('T', ' ') ?? '?',
        subjectOf(r.decoded),
        r.reason,
      ]),
      out.colours
    ))
      out.line(l);
    out.line();
    out.line(
      out.colours.dim(
        'Next: govwin-ace trace <deal-id> for the whole story; after a fix, govwin-ace dlq replay <message-id>'
      )
    );
  }
  return EXIT_CODE.ok;
};

interface Selection {
  ids: ReadonlySet<string>;
  deal: string | undefined;
  all: boolean;
}

const selected = (sel: Selection, r: Row) =>
  sel.all ||
  sel.ids.has(r.message.messageId) ||
  (sel.deal !== undefined && r.decoded.dealId === sel.deal);

const act = async (
  rt: OpsRuntime,
  out: Output,
  action: 'replay' | 'purge',
  sel: Selection,
  queueFlag: string | undefined,
  limit: number,
  confirm: Confirm,
  yes: boolean
): Promise<ExitCode> => {
  const held = await holdAll(rt, out, queueFlag, limit);
  const done = new Set<string>();
  try {
    const chosen = held.flatMap((h) =>
      h.rows.filter((r) => selected(sel, r)).map((r) => ({ h, r }))
    );
    const seenIds = new Set(held.flatMap((h) => h.rows.map((r) => r.message.messageId)));
    const missing = [...sel.ids].filter((id) => !seenIds.has(id));
    const skipped: { row: Row; why: string }[] = [];
    const doneRows: { row: Row; newMessageId?: string }[] = [];
    if (action === 'purge' && chosen.length > 0 && !yes) {
      const answer = await confirm(
        `Delete ${chosen.length} message(s) from ${[...new Set(chosen.map((c) => `${c.r.queue}-dlq`))].join(', ')} for good?`
      );
      if (answer === undefined)
        throw new CliError(
          'refusing to purge without a terminal to confirm on; pass --yes to confirm in a script',
          EXIT_CODE.refused
        );
      if (!answer) throw new CliError('purge not confirmed; nothing deleted', EXIT_CODE.refused);
    }
    const bar =
      chosen.length > 10 ? out.progress(chosen.length, `messages (${action})`) : undefined;
    for (const { h, r } of chosen) {
      if (action === 'replay' && !r.decoded.valid) {
        skipped.push({ row: r, why: r.reason });
      } else if (action === 'replay') {
        const sent = await withService('SQS', () => replayMessage(rt.sqs(), h.queue, r.message));
        done.add(r.message.messageId);
        doneRows.push({
          row: r,
          ...(sent.newMessageId ? { newMessageId: sent.newMessageId } : {}),
        });
      } else {
        await withService('SQS', () => deleteMessage(rt.sqs(), h.queue, r.message));
        done.add(r.message.messageId);
        doneRows.push({ row: r });
      }
      bar?.advance(1);
    }
    bar?.done();
    const verb = action === 'replay' ? 'replayed' : 'deleted';
    out.emit({
      ok: missing.length === 0 && skipped.length === 0,
      [verb]: doneRows.map((d) => ({
        ...rowJson(d.row),
        ...(d.newMessageId ? { newMessageId: d.newMessageId } : {}),
      })),
      skipped: skipped.map((s) => ({ ...rowJson(s.row), why: s.why })),
      notFound: missing,
    });
    for (const d of doneRows)
      out.line(
        `${out.colours.green(verb)} ${d.row.message.messageId} (${d.row.queue}, ${subjectOf(d.row.decoded)})${d.newMessageId ? ` -> ${d.row.queue} as ${d.newMessageId}` : ''}`
      );
    for (const s of skipped)
      out.line(`${out.colours.yellow('skipped')} ${s.row.message.messageId}: ${s.why}`);
    for (const id of missing) out.line(`${out.colours.red('not in the DLQ')} ${id}`);
    out.line(`${doneRows.length} ${verb}, ${skipped.length} skipped, ${missing.length} not found`);
    if (missing.length > 0) return EXIT_CODE.notFound;
    return skipped.length > 0 ? EXIT_CODE.problems : EXIT_CODE.ok;
  } finally {
    await releaseAll(rt, held, done);
  }
};

const MESSAGE_ID = /^[A-Za-z0-9-]{1,100}$/;

/** Builds the command; the runtime and the confirmation prompt are injectable for tests. */
export const makeDlqCommand = (
  deps: { runtime?: (env: CommandIo['env']) => OpsRuntime; confirm?: Confirm } = {}
): Command => ({
  name: 'dlq',
  summary: 'list dead-lettered messages with a decoded reason; replay or purge selected ones',
  usage: DLQ_USAGE,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, {
      queue: { type: 'string' },
      deal: { type: 'string' },
      all: { type: 'boolean' },
      limit: { type: 'string' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const [sub, ...ids] = positionals;
    if (sub !== 'list' && sub !== 'replay' && sub !== 'purge')
      throw new UsageError(
        sub === undefined
          ? 'missing subcommand: list, replay or purge'
          : 'unknown subcommand (expected list, replay or purge)'
      );
    const limit = intFlag(values.limit, '--limit') ?? 1000;
    selectQueues(values.queue);
    for (const id of ids)
      if (!MESSAGE_ID.test(id))
        throw new UsageError('message ids are SQS message ids (letters, digits, -)');
    if (values.deal !== undefined && !/^[1-9][0-9]{0,19}$/.test(values.deal))
      throw new UsageError('--deal must be a HubSpot deal id (digits)');
    if (sub === 'list' && (ids.length > 0 || values.all || values.deal || values.yes))
      throw new UsageError('list takes only --queue, --limit and --json');
    if (sub !== 'list' && ids.length === 0 && !values.all && values.deal === undefined)
      throw new UsageError(`${sub} needs message ids, --deal ID or --all`);
    const json = values.json === true;
    return runOperatorCommand('dlq', io, json, async (out) => {
      const rt = (deps.runtime ?? defaultOpsRuntime)(io.env);
      try {
        if (sub === 'list') return await list(rt, out, values.queue, limit);
        return await act(
          rt,
          out,
          sub,
          { ids: new Set(ids), deal: values.deal, all: values.all === true },
          values.queue,
          limit,
          deps.confirm ?? terminalConfirm,
          values.yes === true
        );
      } finally {
        rt.close();
      }
    });
  },
});

export const dlqCommand = makeDlqCommand();
