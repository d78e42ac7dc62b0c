// Applies proposed repairs through the normal paths, never around them: GovWin re-syncs, submissions and
// updates become versioned queue messages that the running consumers validate, audit and retry like any
// other; ACE -> HubSpot repairs (a direction without a queue) run the events handler's own mirror step,
// whose HubSpot write is audited. Repairs are de-duplicated: one message per deal and property, one
// mirror per deal, sync messages batched.
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { encodeSyncMessage, MAX_OPPORTUNITIES_PER_MESSAGE } from '@govwin-ace/govwin-poller';
import {
  type QueueMessageV1,
  QueueMessageV1Schema,
  serialiseQueueMessage,
} from '@govwin-ace/hubspot-webhook-receiver';
import type { Catalog } from '@govwin-ace/shared-core';
import type { DriftFinding } from './types';

/** What happened to one finding's repair. */
export interface RepairResult {
  id: string;
  status: 'enqueued' | 'mirrored' | 'not-repairable' | 'failed';
  detail: string;
}

/** Where and how repairs are applied. */
export interface RepairDeps {
  sqs: Pick<SQSClient, 'send'>;
  queueUrls: {
    sync?: string | undefined;
    submit?: string | undefined;
    update?: string | undefined;
  };
  catalog: Catalog;
  /** The HubSpot account id (required by the deal queue message). */
  portalId: string | undefined;
  /** Mirrors one opportunity onto its deal; resolves the properties written. */
  mirror: (dealId: string, aceId: string, correlationId: string) => Promise<string[] | undefined>;
  now?: () => number;
  newId?: () => string;
}

/** A HubSpot-event-shaped id for messages the CLI builds (digits, unique enough per run). */
const eventIdOf = (now: number, n: number): string => `${now}${String(n).padStart(4, '0')}`;

/**
 * Applies the repairs of `findings` (already selected by the caller).
 * @example const results = await applyRepairs(selected, { sqs, queueUrls, catalog, portalId, mirror });
 */
export const applyRepairs = async (
  findings: readonly DriftFinding[],
  deps: RepairDeps
): Promise<RepairResult[]> => {
  const now = deps.now ?? Date.now;
  const correlationId = `cli-drift-${(deps.newId ?? randomUUID)()}`;
  const results: RepairResult[] = [];
  const done = new Map<string, RepairResult>();
  let seq = 0;

  const send = async (url: string | undefined, what: string, body: string): Promise<string> => {
    if (!url) throw new Error(`the ${what} queue URL is not configured`);
    const out = await deps.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    return out.MessageId ?? '?';
  };

  const dealMessage = (
    kind: 'submit' | 'update',
    dealId: string,
    property: string,
    value?: string
  ): string => {
    if (!deps.portalId)
      throw new Error(
        'HUBSPOT_PORTAL_ID is not set (the queue message needs the HubSpot account id)'
      );
    const at = now();
    const msg: QueueMessageV1 = QueueMessageV1Schema.parse({
      v: 1,
      kind,
      dealId,
      portalId: deps.portalId,
      eventId: eventIdOf(at, ++seq),
      occurredAt: at,
      propertyName: property,
      ...(value !== undefined ? { propertyValue: value } : {}),
      changeSource: 'OPERATOR_CLI',
      sourceId: 'govwin-ace drift --repair',
      catalog: deps.catalog,
      receivedAt: new Date(at).toISOString(),
      correlationId,
    });
    return serialiseQueueMessage(msg);
  };

  // GovWin re-syncs go out batched, after the loop.
  const syncs = new Map<string, { id: string; updateDate: string; findings: string[] }>();
  for (const f of findings) {
    const r = f.repair;
    if (r.kind === 'none') {
      results.push({ id: f.id, status: 'not-repairable', detail: r.advice });
      continue;
    }
    if (r.kind === 'enqueue-sync') {
      const entry = syncs.get(r.govwinId) ?? {
        id: r.govwinId,
        updateDate: r.updateDate,
        findings: [],
      };
      entry.findings.push(f.id);
      syncs.set(r.govwinId, entry);
      continue;
    }
    const key =
      r.kind === 'mirror'
        ? `mirror:${r.dealId}`
        : r.kind === 'enqueue-submit'
          ? `submit:${r.dealId}`
          : `update:${r.dealId}:${r.property}`;
    const earlier = done.get(key);
    if (earlier) {
      results.push({ ...earlier, id: f.id });
      continue;
    }
    let result: RepairResult;
    try {
      if (r.kind === 'enqueue-submit') {
        const id = await send(
          deps.queueUrls.submit,
          'submit',
          dealMessage('submit', r.dealId, 'dealstage', r.stageId)
        );
        result = {
          id: f.id,
          status: 'enqueued',
          detail: `submit message ${id} for deal ${r.dealId}`,
        };
      } else if (r.kind === 'enqueue-update') {
        const id = await send(
          deps.queueUrls.update,
          'update',
          dealMessage('update', r.dealId, r.property)
        );
        result = {
          id: f.id,
          status: 'enqueued',
          detail: `update message ${id} for deal ${r.dealId} (${r.property})`,
        };
      } else {
        const written = await deps.mirror(r.dealId, r.aceId, correlationId);
        result =
          written === undefined
            ? { id: f.id, status: 'failed', detail: `deal ${r.dealId} not found` }
            : {
                id: f.id,
                status: 'mirrored',
                detail: written.length
                  ? `wrote ${written.join(', ')} on deal ${r.dealId}`
                  : `deal ${r.dealId} already up to date`,
              };
      }
    } catch (err) {
      result = {
        id: f.id,
        status: 'failed',
        detail: err instanceof Error ? (err.message.split('\n')[0] ?? 'failed') : 'failed',
      };
    }
    done.set(key, result);
    results.push(result);
  }
  const refs = [...syncs.values()];
  for (let i = 0; i < refs.length; i += MAX_OPPORTUNITIES_PER_MESSAGE) {
    const part = refs.slice(i, i + MAX_OPPORTUNITIES_PER_MESSAGE);
    try {
      const id = await send(
        deps.queueUrls.sync,
        'govwin-sync',
        encodeSyncMessage(part.map((p) => ({ id: p.id, updateDate: p.updateDate })))
      );
      for (const p of part)
        for (const fid of p.findings)
          results.push({
            id: fid,
            status: 'enqueued',
            detail: `govwin-sync message ${id} (${p.id})`,
          });
    } catch (err) {
      for (const p of part)
        for (const fid of p.findings)
          results.push({
            id: fid,
            status: 'failed',
            detail: err instanceof Error ? (err.message.split('\n')[0] ?? 'failed') : 'failed',
          });
    }
  }
  return results;
};
