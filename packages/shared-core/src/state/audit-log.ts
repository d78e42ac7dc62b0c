import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../errors/common-errors';
import { assertId, normaliseHubSpotId } from '../keys/ids';
import { KEY_PREFIX, keys } from '../keys/keys';
import { normaliseIsoInstant } from './dates';
import {
  backoffDelay,
  describeValue,
  type Item,
  isConditionalCheckFailed,
  isoOf,
  resolveDeps,
  type StateRepoDeps,
  send,
} from './dynamo-support';

/** Outcome of an audited external write. */
export type AuditOutcome = 'success' | 'failure' | 'refused';

/** What a caller records: ids and field names only, never field values. */
export interface AuditEntry {
  dealId: string | number;
  /** Who caused the write, e.g. `system:ace-submitter` or `hubspot-user:123`. */
  actor: string;
  /** The external operation, e.g. `partnercentral:CreateOpportunity`. */
  operation: string;
  /** Ids involved, e.g. `{ aceOpportunityId: 'O123', hubspotDealId: '42' }`. */
  ids: Readonly<Record<string, string>>;
  /** Names of the fields written (HubSpot property names or ACE field paths). */
  fieldNames: readonly string[];
  outcome: AuditOutcome;
  correlationId?: string;
}

/** One stored audit row: the entry plus its position and links in the deal's hash chain. */
export interface AuditRow {
  dealId: string;
  /** 1, 2, 3, … per deal. */
  seq: number;
  /** ISO time of the append. */
  at: string;
  actor: string;
  operation: string;
  ids: Record<string, string>;
  fieldNames: string[];
  outcome: AuditOutcome;
  correlationId?: string;
  /** `hash` of the previous row of the same deal; GENESIS_HASH for seq 1. */
  prevHash: string;
  /** SHA-256 (hex) of the canonical JSON of every other field of this row. */
  hash: string;
}

/** Result of `verifyChain`. */
export type ChainVerdict =
  | { ok: true }
  | { ok: false; brokenAt: { dealId: string; seq: number }; reason: string };

/** Append-only audit log with a per-deal hash chain (audit table). */
export interface AuditLog {
  append(entry: AuditEntry): Promise<AuditRow>;
  /** Every row of one deal, in seq order. */
  listByDeal(dealId: string | number): Promise<AuditRow[]>;
  /** Rows appended in [fromIso, toIso), in no particular order (paginated Scan). */
  scanRange(fromIso: string, toIso: string): AsyncIterable<AuditRow>;
}

/** The `prevHash` of a deal's first row. */
export const GENESIS_HASH = '0'.repeat(64);

const ACTOR = /^[a-z][a-z0-9-]{0,31}:[A-Za-z0-9._-]{1,64}$/;
const OPERATION = /^[a-z][a-z0-9-]{0,31}:[A-Za-z][A-Za-z0-9]{0,63}$/;
const ID_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const ID_VALUE = /^[A-Za-z0-9._:#/-]{1,128}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.[\]]{0,127}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const OUTCOMES: ReadonlySet<string> = new Set(['success', 'failure', 'refused']);
const MAX_IDS = 20;
const MAX_FIELDS = 200;
const MAX_APPEND_ATTEMPTS = 20;
/** The attributes a row consists of; the hash covers all but `hash` itself. */
const HASHED_FIELDS: ReadonlySet<string> = new Set([
  'dealId',
  'seq',
  'at',
  'actor',
  'operation',
  'ids',
  'fieldNames',
  'outcome',
  'correlationId',
  'prevHash',
]);
const STORED_FIELDS: ReadonlySet<string> = new Set([...HASHED_FIELDS, 'hash']);

/** JSON with object keys sorted at every level: one byte sequence per value, so hashes are stable. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** SHA-256 (hex) over the canonical JSON of a row without its own `hash` (prevHash included). */
export const hashAuditRow = (row: Omit<AuditRow, 'hash'> & { hash?: string }): string => {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (HASHED_FIELDS.has(k)) content[k] = v;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
};

const validateEntry = (entry: unknown): Omit<AuditRow, 'seq' | 'at' | 'prevHash' | 'hash'> => {
  if (typeof entry !== 'object' || entry === null)
    throw new ValidationError(`audit entry must be an object, got ${describeValue(entry)}`);
  const e = entry as Partial<Record<keyof AuditEntry, unknown>>;
  const dealId = normaliseHubSpotId(e.dealId, 'HubSpot deal id');
  const actor = assertId(e.actor, ACTOR, 'audit actor');
  const operation = assertId(e.operation, OPERATION, 'audit operation');
  if (typeof e.outcome !== 'string' || !OUTCOMES.has(e.outcome))
    throw new ValidationError(
      `audit outcome is invalid: expected success, failure or refused, got ${describeValue(e.outcome)}`
    );
  if (typeof e.ids !== 'object' || e.ids === null || Array.isArray(e.ids))
    throw new ValidationError(`audit ids must be an object, got ${describeValue(e.ids)}`);
  const idEntries = Object.entries(e.ids as Record<string, unknown>);
  if (idEntries.length > MAX_IDS)
    throw new ValidationError(`audit ids: at most ${MAX_IDS} entries, got ${idEntries.length}`);
  const ids: Record<string, string> = {};
  for (const [name, value] of idEntries)
    ids[assertId(name, ID_NAME, 'audit id name')] = assertId(value, ID_VALUE, 'audit id value');
  if (!Array.isArray(e.fieldNames))
    throw new ValidationError(
      `audit fieldNames must be an array, got ${describeValue(e.fieldNames)}`
    );
  if (e.fieldNames.length > MAX_FIELDS)
    throw new ValidationError(
      `audit fieldNames: at most ${MAX_FIELDS} names, got ${e.fieldNames.length}`
    );
  const fieldNames = [
    ...new Set(e.fieldNames.map((f) => assertId(f, FIELD_NAME, 'audit field name'))),
  ].sort();
  const row: Omit<AuditRow, 'seq' | 'at' | 'prevHash' | 'hash'> = {
    dealId,
    actor,
    operation,
    ids,
    fieldNames,
    outcome: e.outcome as AuditOutcome,
  };
  if (e.correlationId !== undefined)
    row.correlationId = assertId(e.correlationId, CORRELATION_ID, 'correlation id');
  return row;
};

/**
 * Reads a stored item back as a row. Deliberately lenient: a mangled row must still reach `verifyChain`
 * (which then reports it) rather than vanish. Attributes outside the row shape are ignored.
 */
const toAuditRow = (item: Item): AuditRow => {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (STORED_FIELDS.has(k)) row[k] = v;
  return {
    ...row,
    dealId: String(row.dealId ?? ''),
    seq: typeof row.seq === 'number' ? row.seq : Number.NaN,
    hash: String(row.hash ?? ''),
    prevHash: String(row.prevHash ?? ''),
  } as AuditRow;
};

/**
 * Checks per-deal hash chains: each deal's rows must run 1, 2, 3, … without gaps or duplicates, each
 * `prevHash` must equal the previous row's `hash` (GENESIS_HASH for seq 1), and each `hash` must match the
 * row's content. Pure. With `{ partial: true }` a chain may start after seq 1 (an exported time range); its
 * first row's `prevHash` is then taken on trust.
 * @example verifyChain(await audit.listByDeal('42')) // { ok: true }
 */
export const verifyChain = (
  rows: readonly AuditRow[],
  options: { partial?: boolean } = {}
): ChainVerdict => {
  const byDeal = new Map<string, AuditRow[]>();
  for (const row of rows) {
    const list = byDeal.get(row.dealId) ?? [];
    list.push(row);
    byDeal.set(row.dealId, list);
  }
  const broken = (row: AuditRow, reason: string): ChainVerdict => ({
    ok: false,
    brokenAt: { dealId: row.dealId, seq: row.seq },
    reason,
  });
  for (const dealId of [...byDeal.keys()].sort()) {
    const chain = [...(byDeal.get(dealId) ?? [])].sort((a, b) => a.seq - b.seq);
    let prev: AuditRow | undefined;
    for (const row of chain) {
      if (!Number.isSafeInteger(row.seq) || row.seq < 1)
        return broken(row, 'sequence number is not a positive integer');
      if (hashAuditRow(row) !== row.hash) return broken(row, 'hash does not match the row content');
      if (prev === undefined) {
        if (row.seq !== 1 && !options.partial) return broken(row, 'chain does not start at seq 1');
        if (row.seq === 1 && row.prevHash !== GENESIS_HASH)
          return broken(row, 'first row does not link to the genesis hash');
      } else {
        if (row.seq === prev.seq) return broken(row, 'duplicate sequence number');
        if (row.seq !== prev.seq + 1) return broken(row, `sequence gap after seq ${prev.seq}`);
        if (row.prevHash !== prev.hash)
          return broken(row, 'prevHash does not match the previous row');
      }
      prev = row;
    }
  }
  return { ok: true };
};

/**
 * Audit rows `AUDIT#<dealId>` / `SEQ#<seq>` in the audit table, written only by a conditional PutItem
 * (`attribute_not_exists(pk)`): the runtime roles have no Update/Delete on this table. `append` reads the
 * deal's last row, links to its hash and writes seq + 1; when a concurrent append took that seq, it reads
 * again and retries, so the chain never forks.
 * @example await audit.append({ dealId: '42', actor: 'system:ace-submitter',
 *   operation: 'partnercentral:CreateOpportunity', ids: { aceOpportunityId: 'O1' },
 *   fieldNames: ['Customer.Account.CompanyName'], outcome: 'success', correlationId });
 */
export const makeAuditLog = (deps: StateRepoDeps): AuditLog => {
  const d = resolveDeps(deps, 'audit log');

  const lastRow = async (dealId: string): Promise<AuditRow | undefined> => {
    const res = await send('Query', d.tableName, () =>
      d.doc.send(
        new QueryCommand({
          TableName: d.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': `${KEY_PREFIX.audit}${dealId}` },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        })
      )
    );
    const item = res.Items?.[0];
    return item ? toAuditRow(item) : undefined;
  };

  return {
    append: async (entry) => {
      const base = validateEntry(entry);
      for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
        if (attempt > 0) await d.sleep(backoffDelay(attempt, d.random, 10, 500));
        const last = await lastRow(base.dealId);
        const seq = last ? last.seq + 1 : 1;
        if (!Number.isSafeInteger(seq))
          throw new ConflictError(`audit chain of deal ${base.dealId} has an unreadable last row`, {
            code: 'AUDIT_CHAIN_CORRUPT',
          });
        const unhashed: Omit<AuditRow, 'hash'> = {
          ...base,
          seq,
          at: isoOf(d.now()),
          prevHash: last ? last.hash : GENESIS_HASH,
        };
        const row: AuditRow = { ...unhashed, hash: hashAuditRow(unhashed) };
        try {
          await send('PutItem', d.tableName, () =>
            d.doc.send(
              new PutCommand({
                TableName: d.tableName,
                Item: { ...keys.audit(base.dealId, seq), ...row },
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': 'pk' },
              })
            )
          );
          return row;
        } catch (err) {
          if (!isConditionalCheckFailed(err)) throw err;
        }
      }
      throw new ConflictError(
        `audit append for deal ${base.dealId} lost ${MAX_APPEND_ATTEMPTS} races in a row`,
        { code: 'AUDIT_APPEND_CONTENDED', retryable: true }
      );
    },
    listByDeal: async (dealIdInput) => {
      const dealId = normaliseHubSpotId(dealIdInput, 'HubSpot deal id');
      const rows: AuditRow[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const exclusive = startKey;
        const res = await send('Query', d.tableName, () =>
          d.doc.send(
            new QueryCommand({
              TableName: d.tableName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': 'pk' },
              ExpressionAttributeValues: { ':pk': `${KEY_PREFIX.audit}${dealId}` },
              ConsistentRead: true,
              ...(exclusive ? { ExclusiveStartKey: exclusive } : {}),
            })
          )
        );
        for (const item of res.Items ?? []) rows.push(toAuditRow(item));
        startKey = res.LastEvaluatedKey;
      } while (startKey);
      return rows;
    },
    scanRange: (fromIso, toIso) => {
      const from = normaliseIsoInstant(fromIso, 'audit range start');
      const to = normaliseIsoInstant(toIso, 'audit range end');
      if (from >= to) throw new ValidationError('audit range is empty: start must be before end');
      return (async function* () {
        let startKey: Record<string, unknown> | undefined;
        do {
          const exclusive = startKey;
          const res = await send('Scan', d.tableName, () =>
            d.doc.send(
              new ScanCommand({
                TableName: d.tableName,
                FilterExpression: 'begins_with(#pk, :prefix) AND #at >= :from AND #at < :to',
                ExpressionAttributeNames: { '#pk': 'pk', '#at': 'at' },
                ExpressionAttributeValues: {
                  ':prefix': KEY_PREFIX.audit,
                  ':from': from,
                  ':to': to,
                },
                ...(exclusive ? { ExclusiveStartKey: exclusive } : {}),
              })
            )
          );
          for (const item of res.Items ?? []) yield toAuditRow(item);
          startKey = res.LastEvaluatedKey;
        } while (startKey);
      })();
    },
  };
};
