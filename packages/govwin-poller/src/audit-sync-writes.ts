// Audit rows for the HubSpot writes of the GovWin sync. The audit table keeps one hash chain per deal and
// accepts only conditional single-row PutItems (BatchWriteItem cannot carry the `attribute_not_exists`
// condition that keeps the chain from forking, and the runtime boundary denies it on that table), so a
// batch of up to 100 deals becomes one row per deal HubSpot accepted, appended with bounded concurrency:
// one PutItem per accepted deal, next to the one watermark write per deal the sync already makes.
// Each row names the deal, the GovWin opportunity, the agency company and contacts the write touched,
// and the property names written — never a value.
import type { AuditEntry, AuditLog } from '@govwin-ace/shared-core';

/** The actor of every row the sync worker appends. */
export const SYNC_AUDIT_ACTOR = 'system:govwin-poller-worker';

/** A company or contact record HubSpot accepted in this run for the deal. */
export interface AcceptedEntityWrite {
  id: string;
  /** Property names sent (the values are never recorded). */
  properties: readonly string[];
}

/** Everything HubSpot accepted for one deal in one sync run. */
export interface AcceptedDealWrite {
  govwinId: string;
  dealId: string;
  action: 'create' | 'update';
  /** Deal property names sent in the accepted create or upsert. */
  properties: readonly string[];
  /** The agency company, when it was written or associated in this run. */
  company?: { id: string; associated: boolean; written?: AcceptedEntityWrite };
  /** Contacts written or associated in this run. */
  contacts: readonly { id: string; associated: boolean; written?: AcceptedEntityWrite }[];
}

/** Appends the rows of one run; resolves the govwinIds whose row could not be written, with the error. */
export type SyncAudit = (
  writes: readonly AcceptedDealWrite[],
  correlationId?: string
) => Promise<Map<string, unknown>>;

/** Ids an audit row may carry besides the deal and the opportunity (the log's limit is 20 in all). */
const MAX_CONTACT_IDS = 16;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The audit entry of one accepted deal write: operation `hubspot:CreateDeal` or `hubspot:UpdateDeal`,
 * field names as written (`company.<name>` / `contact.<name>` for the entity records the run upserted for
 * this deal, `associations.company` / `associations.contact` for the associations it created).
 * @example auditEntryOf(write, SYNC_AUDIT_ACTOR, 'req-1').operation // 'hubspot:UpdateDeal'
 */
export const auditEntryOf = (
  write: AcceptedDealWrite,
  actor: string,
  correlationId?: string
): AuditEntry => {
  const ids: Record<string, string> = { hubspotDealId: write.dealId, govwinOppId: write.govwinId };
  const fieldNames = new Set(write.properties);
  if (write.company) {
    ids.hubspotCompanyId = write.company.id;
    if (write.company.associated) fieldNames.add('associations.company');
    for (const p of write.company.written?.properties ?? []) fieldNames.add(`company.${p}`);
  }
  const contactIds = [...new Set(write.contacts.map((c) => c.id))];
  contactIds.slice(0, MAX_CONTACT_IDS).forEach((id, i) => {
    ids[i === 0 ? 'hubspotContactId' : `hubspotContactId${i + 1}`] = id;
  });
  if (contactIds.length > MAX_CONTACT_IDS)
    ids.moreHubspotContacts = String(contactIds.length - MAX_CONTACT_IDS);
  for (const c of write.contacts) {
    if (c.associated) fieldNames.add('associations.contact');
    for (const p of c.written?.properties ?? []) fieldNames.add(`contact.${p}`);
  }
  return {
    dealId: write.dealId,
    actor,
    operation: write.action === 'create' ? 'hubspot:CreateDeal' : 'hubspot:UpdateDeal',
    ids,
    fieldNames: [...fieldNames].sort(),
    outcome: 'success',
    ...(correlationId && CORRELATION_ID.test(correlationId) ? { correlationId } : {}),
  };
};

/**
 * Creates the sync's audit writer. Rows of different deals go to different partitions, so up to
 * `concurrency` appends run at once; rows of one deal are chained by the audit log itself (a concurrent
 * append — a redelivered message processed twice — retries on the next sequence number, never forks).
 * @example const audit = makeSyncAudit({ audit: makeAuditLog({ doc, tableName }) });
 *          const failed = await audit(writes, context.awsRequestId);
 */
export const makeSyncAudit = (deps: {
  audit: Pick<AuditLog, 'append'>;
  actor?: string;
  concurrency?: number;
}): SyncAudit => {
  const actor = deps.actor ?? SYNC_AUDIT_ACTOR;
  const concurrency = Math.max(1, Math.min(deps.concurrency ?? 8, 25));
  return async (writes, correlationId) => {
    const failed = new Map<string, unknown>();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < writes.length) {
        const write = writes[next++] as AcceptedDealWrite;
        try {
          await deps.audit.append(auditEntryOf(write, actor, correlationId));
        } catch (err) {
          failed.set(write.govwinId, err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, writes.length) }, lane));
    return failed;
  };
};
