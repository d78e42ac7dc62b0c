// `govwin-ace audit export`: writes the append-only audit rows (DESIGN §4) as JSON lines, for one
// deal or a time range, and verifies every exported deal's hash chain over its whole length.
// Rows hold ids and field names only (never values), so the export is safe to hand to a reviewer.
import { closeSync, openSync, writeSync } from 'node:fs';
import {
  type AuditLog,
  type AuditRow,
  awsOptionsFromEnv,
  type ChainVerdict,
  makeAuditLog,
  makeAwsClients,
  verifyChain,
} from '@govwin-ace/shared-core';
import { parseFlags } from '../args';
import { type CommandIo, EXIT, UsageError } from '../command';

/** Exit codes of `audit export` (0 / 1 / 2 as every command; 3 is this command's own). */
export const AUDIT_EXIT = {
  /** Rows written; every chain intact. */
  ok: EXIT.ok,
  /** Rows written, but a hash chain is broken; the first broken link is printed. */
  chainBroken: EXIT.problems,
  /** Bad arguments or configuration (dates, deal id, table name, existing output file). */
  usage: EXIT.usage,
  /** The audit table could not be read, or the output could not be written. */
  unavailable: 3,
} as const;

export const AUDIT_EXPORT_USAGE = `Usage: govwin-ace audit export (--deal <id> | --from <time> --to <time>) [--out <file>] [--table <name>]

Writes the audit rows (one JSON object per line: dealId, seq, at, actor, operation, ids, fieldNames,
outcome, correlationId, prevHash, hash — ids and field names only, never values) and verifies the
hash chain of every deal it exports, over the deal's whole chain.
  --deal <id>      every row of one HubSpot deal (numeric id), in sequence order
  --from <time>    rows appended at or after this instant, and
  --to <time>      before this one; ISO 8601 with Z or an offset (2026-11-01T00:00:00Z) or a date
                   (2026-11-01 = midnight UTC). Rows are ordered by time, deal, sequence.
  --out <file>     write the rows to this new file (mode 600; an existing file is never overwritten)
                   instead of stdout
  --table <name>   the audit table (default: $AUDIT_TABLE)

Environment: AUDIT_TABLE, AWS_REGION and the default AWS credential chain (read-only use:
dynamodb:Query and dynamodb:Scan on the audit table); AWS_ENDPOINT_URL_DYNAMODB for a local table.
Exit codes: 0 exported, every chain intact; 1 a chain is broken (first broken link on stderr);
2 bad arguments or configuration; 3 the table could not be read or the output not written.`;

const DEAL_ID = /^[1-9]\d{0,19}$/;
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses `--from` / `--to` to epoch ms; one-line UsageError (the value is not echoed back). */
export const parseInstant = (value: string, flag: string): number => {
  const bad = () =>
    new UsageError(
      `${flag} must be an ISO 8601 date-time with Z or an offset (2026-11-01T00:00:00Z) or a date (2026-11-01)`
    );
  const d = DATE_ONLY.exec(value);
  if (d) {
    const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    if (new Date(ms).toISOString().slice(0, 10) !== value) throw bad();
    return ms;
  }
  if (!DATE_TIME.test(value)) throw bad();
  const ms = Date.parse(value);
  // Date.parse rolls 2026-02-30 over; compare the calendar date it produced with the one given.
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(value)?.[1] ?? 'Z';
  const shift =
    offset === 'Z'
      ? 0
      : (offset.startsWith('-') ? -1 : 1) *
        (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) *
        60_000;
  if (Number.isNaN(ms) || new Date(ms + shift).toISOString().slice(0, 10) !== value.slice(0, 10))
    throw bad();
  return ms;
};

/** What the export was asked for, validated. */
export type AuditExportRequest =
  | { kind: 'deal'; dealId: string; table: string; out?: string }
  | { kind: 'range'; fromIso: string; toIso: string; table: string; out?: string };

/** Validates flags and environment into a request; throws UsageError with one line. */
export const parseAuditExportArgs = (
  args: readonly string[],
  env: CommandIo['env']
): AuditExportRequest => {
  const flags = parseFlags(args, {
    deal: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    table: { type: 'string' },
  });
  const table = flags.table ?? env.AUDIT_TABLE;
  if (table === undefined || table.trim() === '')
    throw new UsageError('no audit table: pass --table <name> or set AUDIT_TABLE');
  if (!TABLE.test(table))
    throw new UsageError('the audit table name must be 3-255 letters, digits, "_", "-" or "."');
  const out = flags.out !== undefined ? { out: flags.out } : {};
  if (flags.out !== undefined && flags.out.trim() === '')
    throw new UsageError('--out needs a file name');
  const range = flags.from !== undefined || flags.to !== undefined;
  if (flags.deal !== undefined && range)
    throw new UsageError('give either --deal or --from/--to, not both');
  if (flags.deal !== undefined) {
    if (!DEAL_ID.test(flags.deal))
      throw new UsageError('--deal must be a HubSpot deal id (digits, no leading zero)');
    return { kind: 'deal', dealId: flags.deal, table, ...out };
  }
  if (!range) throw new UsageError('give --deal <id>, or --from <time> and --to <time>');
  if (flags.from === undefined || flags.to === undefined)
    throw new UsageError('a time range needs both --from and --to');
  const from = parseInstant(flags.from, '--from');
  const to = parseInstant(flags.to, '--to');
  if (from >= to) throw new UsageError('--from must be before --to');
  return {
    kind: 'range',
    fromIso: new Date(from).toISOString(),
    toIso: new Date(to).toISOString(),
    table,
    ...out,
  };
};

/** One JSON line per row, keys in a fixed order so exports of the same rows are byte-identical. */
export const auditRowLine = (row: AuditRow): string =>
  `${JSON.stringify({
    dealId: row.dealId,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    operation: row.operation,
    ids: row.ids,
    fieldNames: row.fieldNames,
    outcome: row.outcome,
    ...(row.correlationId !== undefined ? { correlationId: row.correlationId } : {}),
    prevHash: row.prevHash,
    hash: row.hash,
  })}\n`;

const byTimeDealSeq = (a: AuditRow, b: AuditRow): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.dealId.localeCompare(b.dealId) || a.seq - b.seq;

/** Outcome of one export. */
export interface AuditExportResult {
  rows: number;
  deals: number;
  verdict: ChainVerdict;
}

/**
 * Reads the requested rows, writes them through `write`, then verifies the chain of every deal seen
 * (the whole chain from seq 1, re-read with `listByDeal`, so a range export also catches tampering
 * before the range). Pure of I/O apart from the injected audit log and writer.
 */
export const exportAudit = async (
  audit: AuditLog,
  request: AuditExportRequest,
  write: (line: string) => void
): Promise<AuditExportResult> => {
  const chains = new Map<string, AuditRow[]>();
  let rows: AuditRow[];
  if (request.kind === 'deal') {
    rows = (await audit.listByDeal(request.dealId)).sort((a, b) => a.seq - b.seq);
    chains.set(request.dealId, rows);
  } else {
    rows = [];
    for await (const row of audit.scanRange(request.fromIso, request.toIso)) rows.push(row);
    rows.sort(byTimeDealSeq);
  }
  for (const row of rows) write(auditRowLine(row));
  const deals = [...new Set(rows.map((r) => r.dealId))].sort();
  let verdict: ChainVerdict = { ok: true };
  for (const dealId of deals) {
    const chain = chains.get(dealId) ?? (await audit.listByDeal(dealId));
    verdict = verifyChain(chain);
    if (!verdict.ok) break;
  }
  return { rows: rows.length, deals: deals.length, verdict };
};

/** Collaborators of the command (tests inject a table on DynamoDB Local). */
export interface AuditExportDeps {
  makeAudit: (table: string, env: CommandIo['env']) => { audit: AuditLog; close: () => void };
}

/** Production wiring: the document client from the one AWS client factory. */
export const defaultAuditExportDeps: AuditExportDeps = {
  makeAudit: (table, env) => {
    const doc = makeAwsClients(awsOptionsFromEnv(env)).documentClient();
    return { audit: makeAuditLog({ doc, tableName: table }), close: () => doc.destroy() };
  },
};

/**
 * The AWS error's name and HTTP status only (its message can echo request data), taken from the
 * innermost `cause`: the state repositories wrap SDK errors in an UpstreamError.
 */
export const describeAwsFailure = (err: unknown): string => {
  let e = err as { name?: unknown; cause?: unknown; $metadata?: { httpStatusCode?: unknown } };
  for (let depth = 0; depth < 5 && e?.cause && typeof e.cause === 'object'; depth++)
    e = e.cause as typeof e;
  const name =
    typeof e?.name === 'string' && /^[A-Za-z0-9_.]{1,80}$/.test(e.name) ? e.name : 'Error';
  const status =
    typeof e?.$metadata?.httpStatusCode === 'number' ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
  return `${name}${status}`;
};

/** Runs `audit export` with parsed arguments; resolves the exit code. */
export const runAuditExport = async (
  args: readonly string[],
  io: CommandIo,
  deps: AuditExportDeps = defaultAuditExportDeps
): Promise<number> => {
  const request = parseAuditExportArgs(args, io.env);
  let fd: number | undefined;
  if (request.out !== undefined) {
    try {
      fd = openSync(request.out, 'wx', 0o600);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'EEXIST')
        throw new UsageError('--out names an existing file; choose a new file name');
      io.stderr.write(
        `govwin-ace audit export: cannot create the output file (${code ?? 'error'})\n`
      );
      return AUDIT_EXIT.unavailable;
    }
  }
  const out = fd;
  const write =
    out === undefined
      ? (line: string) => void io.stdout.write(line)
      : (line: string) => void writeSync(out, line);
  const { audit, close } = deps.makeAudit(request.table, io.env);
  let result: AuditExportResult;
  try {
    result = await exportAudit(audit, request, write);
  } catch (err) {
    io.stderr.write(
      `govwin-ace audit export: could not read audit table ${request.table}: ${describeAwsFailure(err)}\n`
    );
    return AUDIT_EXIT.unavailable;
  } finally {
    close();
    if (out !== undefined) closeSync(out);
  }
  const where = request.out !== undefined ? ` to ${request.out}` : '';
  if (!result.verdict.ok) {
    const { dealId, seq } = result.verdict.brokenAt;
    io.stderr.write(
      `govwin-ace audit export: ${result.rows} row(s) of ${result.deals} deal(s) written${where}; hash chain BROKEN at deal ${dealId} seq ${seq}: ${result.verdict.reason}\n`
    );
    return AUDIT_EXIT.chainBroken;
  }
  io.stderr.write(
    `govwin-ace audit export: ${result.rows} row(s) of ${result.deals} deal(s) written${where}; hash chains intact\n`
  );
  return AUDIT_EXIT.ok;
};
