import type { AuditEntry, AuditLog, AuditRow } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import {
  type AcceptedDealWrite,
  auditEntryOf,
  makeSyncAudit,
  SYNC_AUDIT_ACTOR,
} from '../../src/audit-sync-writes';

const write = (over: Partial<AcceptedDealWrite> = {}): AcceptedDealWrite => ({
  govwinId: 'OPP101',
  dealId: '9001',
  action: 'update',
  properties: ['dealname', 'amount', 'govwin_opp_id'],
  contacts: [],
  ...over,
});

/** An audit log that records entries, fails for the given deal ids and tracks concurrent appends. */
const fakeAudit = (failFor: ReadonlySet<string> = new Set()) => {
  const entries: AuditEntry[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const audit: Pick<AuditLog, 'append'> = {
    append: async (entry) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      if (failFor.has(String(entry.dealId))) throw new Error('ProvisionedThroughputExceeded');
      entries.push(entry);
      return { ...entry, dealId: String(entry.dealId) } as unknown as AuditRow;
    },
  };
  return { audit, entries, maxInFlight: () => maxInFlight };
};

describe('auditEntryOf', () => {
  it('records a created deal as hubspot:CreateDeal by the worker, with ids and sorted field names', () => {
    // Act
    const entry = auditEntryOf(write({ action: 'create' }), SYNC_AUDIT_ACTOR, 'req-1');
    // Assert
    expect(entry).toEqual({
      dealId: '9001',
      actor: 'system:govwin-poller-worker',
      operation: 'hubspot:CreateDeal',
      ids: { hubspotDealId: '9001', govwinOppId: 'OPP101' },
      fieldNames: ['amount', 'dealname', 'govwin_opp_id'],
      outcome: 'success',
      correlationId: 'req-1',
    });
  });

  it('records an updated deal as hubspot:UpdateDeal and names the company and contact writes it carried', () => {
    // Arrange
    const w = write({
      company: {
        id: '501',
        associated: true,
        written: { id: '501', properties: ['name', 'govwin_entity_id'] },
      },
      contacts: [
        {
          id: '601',
          associated: true,
          written: { id: '601', properties: ['email', 'firstname'] },
        },
        { id: '602', associated: true },
      ],
    });
    // Act
    const entry = auditEntryOf(w, SYNC_AUDIT_ACTOR);
    // Assert
    expect(entry.operation).toBe('hubspot:UpdateDeal');
    expect(entry.ids).toEqual({
      hubspotDealId: '9001',
      govwinOppId: 'OPP101',
      hubspotCompanyId: '501',
      hubspotContactId: '601',
      hubspotContactId2: '602',
    });
    expect(entry.fieldNames).toEqual([
      'amount',
      'associations.company',
      'associations.contact',
      'company.govwin_entity_id',
      'company.name',
      'contact.email',
      'contact.firstname',
      'dealname',
      'govwin_opp_id',
    ]);
    expect(entry).not.toHaveProperty('correlationId');
  });

  it('leaves out association markers for records that were written but not associated', () => {
    // Act
    const entry = auditEntryOf(
      write({
        company: { id: '501', associated: false, written: { id: '501', properties: ['name'] } },
      }),
      SYNC_AUDIT_ACTOR
    );
    // Assert
    expect(entry.fieldNames).toContain('company.name');
    expect(entry.fieldNames).not.toContain('associations.company');
  });

  it('keeps within the audit log limit of 20 ids when a deal has very many contacts', () => {
    // Arrange
    const contacts = Array.from({ length: 30 }, (_, i) => ({
      id: String(700 + i),
      associated: true,
    }));
    // Act
    const entry = auditEntryOf(write({ contacts }), SYNC_AUDIT_ACTOR);
    // Assert
    expect(Object.keys(entry.ids)).toHaveLength(19);
    expect(entry.ids.hubspotContactId16).toBe('715');
    expect(entry.ids.moreHubspotContacts).toBe('14');
  });

  it('drops a correlation id the audit log would refuse instead of failing the row', () => {
    // Act
    const entry = auditEntryOf(write(), SYNC_AUDIT_ACTOR, 'not a valid id!');
    // Assert
    expect(entry).not.toHaveProperty('correlationId');
  });
});

describe('makeSyncAudit', () => {
  it('appends one entry per accepted deal write, under the given actor', async () => {
    // Arrange
    const fake = fakeAudit();
    const audit = makeSyncAudit({ audit: fake.audit, actor: 'operator:govwin-ace-cli' });
    // Act
    const failed = await audit(
      [write({ govwinId: 'OPP1', dealId: '1' }), write({ govwinId: 'OPP2', dealId: '2' })],
      'req-9'
    );
    // Assert
    expect(failed.size).toBe(0);
    expect(fake.entries.map((e) => [e.dealId, e.actor, e.correlationId]).sort()).toEqual([
      ['1', 'operator:govwin-ace-cli', 'req-9'],
      ['2', 'operator:govwin-ace-cli', 'req-9'],
    ]);
  });

  it('reports the writes whose row failed by GovWin id and still appends the others', async () => {
    // Arrange
    const fake = fakeAudit(new Set(['2']));
    const audit = makeSyncAudit({ audit: fake.audit });
    const writes = [1, 2, 3].map((n) => write({ govwinId: `OPP${n}`, dealId: String(n) }));
    // Act
    const failed = await audit(writes);
    // Assert
    expect([...failed.keys()]).toEqual(['OPP2']);
    expect(fake.entries.map((e) => e.dealId).sort()).toEqual(['1', '3']);
  });

  it('runs at most `concurrency` appends at once', async () => {
    // Arrange
    const fake = fakeAudit();
    const audit = makeSyncAudit({ audit: fake.audit, concurrency: 3 });
    const writes = Array.from({ length: 20 }, (_, n) =>
      write({ govwinId: `OPP${n}`, dealId: String(n + 1) })
    );
    // Act
    await audit(writes);
    // Assert
    expect(fake.entries).toHaveLength(20);
    expect(fake.maxInFlight()).toBe(3);
  });

  it('writes nothing for an empty run', async () => {
    // Arrange
    const fake = fakeAudit();
    // Act
    const failed = await makeSyncAudit({ audit: fake.audit })([]);
    // Assert
    expect(failed.size).toBe(0);
    expect(fake.entries).toEqual([]);
  });
});
