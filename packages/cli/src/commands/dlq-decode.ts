// Decodes a dead-lettered message body into what an operator needs: which deal or GovWin records it is
// about, and why it cannot or did not go through. Uses the consumers' own parsers, so "malformed" here
// means exactly what the consumer saw. Property values are never shown (they can be personal data).
import { parseSyncMessage } from '@govwin-ace/govwin-poller';
import { parseAnyQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import type { AuditRow, Catalog } from '@govwin-ace/shared-core';
import type { QueueKind } from '../ops/queues';
import { oneLine } from '../output/cli-failure';

/** A decoded DLQ message body. */
export interface DecodedMessage {
  /** False when the consumer would reject the body outright (replaying it cannot help). */
  valid: boolean;
  kind: QueueKind | 'unknown';
  dealId?: string;
  govwinIds?: string[];
  propertyName?: string;
  catalog?: Catalog;
  /** When the receiver accepted the HubSpot delivery (ISO). */
  receivedAt?: string;
  correlationId?: string;
  /** The message kind when it differs from the queue's (`acceptReferral`, `replayParked`). */
  messageKind?: string;
  /** Why the consumer rejects it, for invalid ones. */
  problem?: string;
}

/** The queue each v1 message kind travels on. */
const QUEUE_OF_KIND: Readonly<Record<string, QueueKind>> = {
  submit: 'submit',
  acceptReferral: 'submit',
  update: 'update',
  replayParked: 'update',
};

const messageOf = (err: unknown): string =>
  oneLine(err instanceof Error ? err.message : 'unreadable', 160);

/**
 * Decodes one body taken from the DLQ of a `queueKind` queue.
 * @example decodeMessage('submit', body, 'Sandbox') // { valid: true, kind: 'submit', dealId: '42', ... }
 */
export const decodeMessage = (
  queueKind: QueueKind,
  body: string,
  catalog: Catalog
): DecodedMessage => {
  if (queueKind === 'sync') {
    try {
      const msg = parseSyncMessage(body);
      return { valid: true, kind: 'sync', govwinIds: msg.opportunities.map((o) => o.id) };
    } catch (err) {
      return { valid: false, kind: 'unknown', problem: messageOf(err) };
    }
  }
  try {
    const msg = parseAnyQueueMessage(body);
    const queueOfMessage = QUEUE_OF_KIND[msg.kind] ?? 'unknown';
    const decoded: DecodedMessage = {
      valid: true,
      kind: queueOfMessage,
      dealId: msg.dealId,
      catalog: msg.catalog,
      correlationId: msg.correlationId,
      ...('propertyName' in msg && msg.propertyName !== undefined
        ? { propertyName: msg.propertyName }
        : {}),
      ...('receivedAt' in msg && typeof msg.receivedAt === 'string'
        ? { receivedAt: msg.receivedAt }
        : {}),
      ...(msg.kind !== queueOfMessage ? { messageKind: msg.kind } : {}),
    };
    if (queueOfMessage !== queueKind)
      return {
        ...decoded,
        valid: false,
        problem: `a ${msg.kind} message on the ${queueKind} queue`,
      };
    if (msg.catalog !== catalog)
      return {
        ...decoded,
        valid: false,
        problem: `built for catalog ${msg.catalog}, this deployment is ${catalog}`,
      };
    return decoded;
  } catch (err) {
    return { valid: false, kind: 'unknown', problem: messageOf(err) };
  }
};

/** The most recent failed or refused audit row of a deal at or after `since`. */
export const lastFailure = (rows: readonly AuditRow[], since?: string): AuditRow | undefined =>
  [...rows]
    .filter((r) => r.outcome !== 'success' && (since === undefined || r.at >= since))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];

/**
 * The reason shown for a DLQ message: the decode problem, else the last audited failure of its deal,
 * else what that absence means.
 */
export const reasonFor = (
  decoded: DecodedMessage,
  audit: { rows: readonly AuditRow[] } | undefined,
  maxReceiveCount: number | undefined
): string => {
  if (!decoded.valid) return `rejected by the consumer: ${decoded.problem ?? 'malformed'}`;
  const tries = maxReceiveCount ? `failed ${maxReceiveCount} deliveries` : 'failed every delivery';
  if (decoded.kind === 'sync')
    return `${tries} (GovWin or HubSpot kept failing for ${decoded.govwinIds?.length ?? 0} opportunit${decoded.govwinIds?.length === 1 ? 'y' : 'ies'})`;
  const failure = audit ? lastFailure(audit.rows, decoded.receivedAt) : undefined;
  if (failure)
    return `${tries}; last audited ${failure.outcome}: ${failure.operation} at ${failure.at}`;
  return `${tries}; no external write was attempted (mapping, validation, ownership or an unreachable service stopped it first)`;
};
