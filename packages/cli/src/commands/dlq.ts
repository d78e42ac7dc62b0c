// `govwin-ace dlq list | replay | purge`: dead-lettered work and records of failed asynchronous runs, with
// a decoded reason (or a safe summary) per message; replay of selected messages after a fix (to their
// source queue, or, for a failed run, by re-invoking its function asynchronously with the original
// event, after confirmation); purge only with confirmation.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { lambdaClient } from '@govwin-ace/shared-core';
import { type Command, type CommandIo, UsageError } from '../command';
import { selectDlqs } from '../ops/async-queues';
import { defaultOpsRuntime, type OpsRuntime } from '../ops/ops-runtime';
import { intFlag, parseCommandArgs } from '../ops/parse-args';
import { CliError, withService } from '../output/cli-failure';
import { type Confirm, terminalConfirm } from '../output/confirm';
import { EXIT_CODE, EXIT_CODES_HELP, type ExitCode } from '../output/exit-codes';
import { type Output, runOperatorCommand } from '../output/output';
import { renderTable } from '../output/render';
import {
  type AsyncRow,
  dlqLabel,
  type Held,
  holdAll,
  type Row,
  releaseAll,
  rowJson,
  subjectOf,
  type WorkRow,
} from './dlq-hold';
import { redriveRecord } from './dlq-redrive';
import { deleteMessage, replayMessage } from './dlq-store';

export const DLQ_USAGE = `Usage: govwin-ace dlq <list | replay | purge> [message-id ...] [options]

Dead-letter queues:
  work queues     govwin-sync, ace-submit, ace-update (each DLQ found from its queue's redrive policy)
  failed runs     <prefix>-<function>-async-dlq of govwin-poller-orchestrator, ace-submitter-events,
                  ace-submitter-reconcile and cli-drift-report: the record Lambda keeps when a run
                  failed after its retries or expired waiting. Shown: function, condition, attempts,
                  error type and the kind of event - never error messages or event values.

  list                        every DLQ message: its deal or GovWin ids and the decoded reason, or
                              the failed run's summary
  replay <message-id ...>     send the selected messages back to their source queue (after a fix);
                              a failed run's record instead re-invokes its function asynchronously
                              with the original event and is deleted once Lambda accepted it (asks on
                              a terminal, like purge); bodies the consumer rejects outright and
                              records that cannot be redriven are skipped, not replayed
  purge <message-id ...>      delete the selected messages for good; asks on a terminal, and
                              refuses without one unless --yes is given

Options:
  --queue Q     which DLQs (default: all): sync, submit, update (work queues); orchestrator, events,
                reconcile, drift-report (failed runs); work; async; all; or a full name
  --deal ID     select the messages of one HubSpot deal (replay, purge; work queues)
  --all         select every message (replay, purge)
  --limit N     read at most N messages per DLQ (default 1000)
  --yes         confirm a purge, or the redrive of failed runs, without a prompt (scripts)
  --json        machine-readable output

Examples:
  govwin-ace dlq list --queue submit
  govwin-ace dlq list --queue async
  govwin-ace dlq replay --queue submit --deal 4242
  govwin-ace dlq replay 0c9e4b7a-1f2d-4e6a-9b3c-5d8e7f6a1b2c --queue events
  govwin-ace dlq purge 6f1c2d9e-8a51-4c55-9d0e-2f0a3b1c4d5e --yes

Environment: GOVWIN_SYNC_QUEUE_URL, SUBMIT_QUEUE_URL, UPDATE_QUEUE_URL; GOVWIN_ORCHESTRATOR_ASYNC_DLQ_URL,
ACE_EVENTS_ASYNC_DLQ_URL, ACE_RECONCILE_ASYNC_DLQ_URL, DRIFT_REPORT_ASYNC_DLQ_URL (terraform output
operator_environment; with --queue all an unset one is skipped with a note), ACE_CATALOG, AUDIT_TABLE
(optional: reasons then include the last audited failure of the deal), AWS credentials/region.
${EXIT_CODES_HELP}
(list: 0 even when messages wait; replay/purge: 3 when a given message id is not in the DLQ,
1 when a selected message was skipped, 6 when a purge or a redrive was not confirmed.)`;

const when = (iso: string | undefined) => iso?.slice(0, 19).replace('T', ' ') ?? '?';

const listWork = (out: Output, rows: readonly WorkRow[]) => {
  out.line();
  for (const l of renderTable(
    ['QUEUE', 'MESSAGE ID', 'SENT', 'SUBJECT', 'REASON'],
    rows.map((r) => [r.queue, r.message.messageId, when(r.message.sentAt), subjectOf(r), r.reason]),
    out.colours
  ))
    out.line(l);
  out.line();
  out.line(
    out.colours.dim(
      'Next: govwin-ace trace <deal-id> for the whole story; after a fix, govwin-ace dlq replay <message-id>'
    )
  );
};

const listAsync = (out: Output, rows: readonly AsyncRow[]) => {
  out.line();
  for (const l of renderTable(
    ['QUEUE', 'MESSAGE ID', 'FAILED', 'FUNCTION', 'CONDITION', 'ATTEMPTS', 'ERROR TYPE', 'EVENT'],
    rows.map((r) => {
      const s = r.record.summary;
      return [
        r.queue,
        r.message.messageId,
        when(s.failedAt ?? r.message.sentAt),
        s.functionName ?? '?',
        s.condition ?? '?',
        s.approximateInvokeCount === undefined ? '?' : String(s.approximateInvokeCount),
        s.errorType ?? '-',
        s.eventKind,
      ];
    }),
    out.colours
  ))
    out.line(l);
  for (const r of rows)
    if (!r.record.summary.valid)
      out.line(`${out.colours.yellow(r.message.messageId)}: ${r.reason}`);
  out.line();
  out.line(
    out.colours.dim(
      "Next: find the cause (the run's log lines: --json shows each requestId; govwin-ace doctor); then govwin-ace dlq replay <message-id> re-invokes the function with the original event"
    )
  );
};

const list = async (rt: OpsRuntime, out: Output, queueFlag: string | undefined, limit: number) => {
  const { held, notConfigured } = await holdAll(rt, out, selectDlqs(queueFlag), limit);
  await releaseAll(rt, held);
  out.emit({
    ok: true,
    queues: held.map((h) => ({
      name: h.name,
      dlq: dlqLabel(h),
      ...(h.source.type === 'async' ? { function: h.source.queue.functionName } : {}),
      depth: h.depth,
      complete: h.complete,
      messages: h.rows.map(rowJson),
    })),
    ...(notConfigured.length > 0 ? { notConfigured } : {}),
  });
  for (const h of held)
    out.line(
      `${out.colours.bold(`${h.name} DLQ`)}: ${h.depth} message(s)${h.complete ? '' : ` (showing ${h.rows.length}; raise --limit or retry when in-flight messages settle)`}`
    );
  const rows = held.flatMap((h) => h.rows);
  const work = rows.filter((r): r is WorkRow => r.type === 'work');
  const failed = rows.filter((r): r is AsyncRow => r.type === 'async');
  if (work.length > 0) listWork(out, work);
  if (failed.length > 0) listAsync(out, failed);
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
  (sel.deal !== undefined && r.type === 'work' && r.decoded.dealId === sel.deal);

const redrivable = (r: Row): r is AsyncRow => r.type === 'async' && r.record.payload !== undefined;

/** Asks before anything destructive: a purge, or re-running functions with old events. */
const confirmAction = async (
  action: 'replay' | 'purge',
  chosen: readonly { h: Held; r: Row }[],
  confirm: Confirm
): Promise<void> => {
  let question: string;
  let what: string;
  if (action === 'purge') {
    if (chosen.length === 0) return;
    const queues = [...new Set(chosen.map((c) => dlqLabel(c.h)))].join(', ');
    question = `Delete ${chosen.length} message(s) from ${queues} for good?`;
    what = 'purge';
  } else {
    const runs = chosen.map((c) => c.r).filter(redrivable);
    if (runs.length === 0) return;
    const counts = new Map<string, number>();
    for (const r of runs) {
      const fn = r.record.summary.functionName ?? '?';
      counts.set(fn, (counts.get(fn) ?? 0) + 1);
    }
    const list = [...counts].map(([fn, n]) => `${fn} (${n})`).join(', ');
    question = `Re-invoke ${list} asynchronously with the original event of ${runs.length} failed run(s)?`;
    what = 'redrive';
  }
  const answer = await confirm(question);
  if (answer === undefined)
    throw new CliError(
      `refusing to ${what} without a terminal to confirm on; pass --yes to confirm in a script`,
      EXIT_CODE.refused
    );
  if (!answer)
    throw new CliError(
      what === 'purge'
        ? 'purge not confirmed; nothing deleted'
        : 'redrive not confirmed; nothing replayed',
      EXIT_CODE.refused
    );
};

interface Done {
  row: Row;
  newMessageId?: string;
  invoked?: string;
}

/** The runtime plus the Lambda client a redrive needs (built on first use, from the same options). */
interface DlqClients {
  rt: OpsRuntime;
  lambda: () => LambdaClient;
}

/** Replays or deletes one held message; undefined when a replay must skip it. */
const actOne = async (
  { rt, lambda }: DlqClients,
  action: 'replay' | 'purge',
  h: Held,
  r: Row
): Promise<Done | undefined> => {
  if (action === 'purge') {
    await withService('SQS', () => deleteMessage(rt.sqs(), h.source.queue, r.message));
    return { row: r };
  }
  if (r.type === 'work' && h.source.type === 'work') {
    if (!r.decoded.valid) return undefined;
    const queue = h.source.queue;
    const sent = await withService('SQS', () => replayMessage(rt.sqs(), queue, r.message));
    return { row: r, ...(sent.newMessageId ? { newMessageId: sent.newMessageId } : {}) };
  }
  if (r.type === 'async' && h.source.type === 'async' && r.record.payload !== undefined) {
    const queue = h.source.queue;
    await redriveRecord({ lambda: lambda(), sqs: rt.sqs() }, queue, r.message, r.record.payload);
    return { row: r, invoked: queue.functionName };
  }
  return undefined;
};

const act = async (
  clients: DlqClients,
  out: Output,
  action: 'replay' | 'purge',
  sel: Selection,
  queueFlag: string | undefined,
  limit: number,
  confirm: Confirm,
  yes: boolean
): Promise<ExitCode> => {
  const rt = clients.rt;
  const { held } = await holdAll(rt, out, selectDlqs(queueFlag), limit);
  const done = new Set<string>();
  try {
    const chosen = held.flatMap((h) =>
      h.rows.filter((r) => selected(sel, r)).map((r) => ({ h, r }))
    );
    const seenIds = new Set(held.flatMap((h) => h.rows.map((r) => r.message.messageId)));
    const missing = [...sel.ids].filter((id) => !seenIds.has(id));
    const skipped: { row: Row; why: string }[] = [];
    const doneRows: Done[] = [];
    if (!yes) await confirmAction(action, chosen, confirm);
    const bar =
      chosen.length > 10 ? out.progress(chosen.length, `messages (${action})`) : undefined;
    for (const { h, r } of chosen) {
      const result = await actOne(clients, action, h, r);
      if (result) {
        done.add(r.message.messageId);
        doneRows.push(result);
      } else skipped.push({ row: r, why: r.reason });
      bar?.advance(1);
    }
    bar?.done();
    const verb = action === 'replay' ? 'replayed' : 'deleted';
    out.emit({
      ok: missing.length === 0 && skipped.length === 0,
      [verb]: doneRows.map((d) => ({
        ...rowJson(d.row),
        ...(d.newMessageId ? { newMessageId: d.newMessageId } : {}),
        ...(d.invoked ? { invoked: d.invoked } : {}),
      })),
      skipped: skipped.map((s) => ({ ...rowJson(s.row), why: s.why })),
      notFound: missing,
    });
    for (const d of doneRows)
      out.line(
        `${out.colours.green(verb)} ${d.row.message.messageId} (${d.row.queue}, ${subjectOf(d.row)})${d.newMessageId ? ` -> ${d.row.queue} as ${d.newMessageId}` : ''}${d.invoked ? ` -> ${d.invoked} invoked asynchronously (accepted)` : ''}`
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
  summary:
    'list dead-lettered messages and failed asynchronous runs; replay (redrive) or purge selected ones',
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
    const selection = selectDlqs(values.queue);
    for (const id of ids)
      if (!MESSAGE_ID.test(id))
        throw new UsageError('message ids are SQS message ids (letters, digits, -)');
    if (values.deal !== undefined && !/^[1-9][0-9]{0,19}$/.test(values.deal))
      throw new UsageError('--deal must be a HubSpot deal id (digits)');
    if (values.deal !== undefined && selection.work.length === 0)
      throw new UsageError(
        '--deal selects work-queue messages; records of failed runs have no deal'
      );
    if (sub === 'list' && (ids.length > 0 || values.all || values.deal || values.yes))
      throw new UsageError('list takes only --queue, --limit and --json');
    if (sub !== 'list' && ids.length === 0 && !values.all && values.deal === undefined)
      throw new UsageError(`${sub} needs message ids, --deal ID or --all`);
    const json = values.json === true;
    return runOperatorCommand('dlq', io, json, async (out) => {
      const rt = (deps.runtime ?? defaultOpsRuntime)(io.env);
      let lambda: LambdaClient | undefined;
      try {
        if (sub === 'list') return await list(rt, out, values.queue, limit);
        return await act(
          {
            rt,
            lambda: () => {
              lambda ??= lambdaClient(rt.awsOptions);
              return lambda;
            },
          },
          out,
          sub,
          { ids: new Set(ids), deal: values.deal, all: values.all === true },
          values.queue,
          limit,
          deps.confirm ?? terminalConfirm,
          values.yes === true
        );
      } finally {
        lambda?.destroy();
        rt.close();
      }
    });
  },
});

export const dlqCommand = makeDlqCommand();
