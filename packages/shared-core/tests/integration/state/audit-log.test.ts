import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type AuditEntry,
  type AuditRow,
  GENESIS_HASH,
  keys,
  makeAuditLog,
  ValidationError,
  verifyChain,
} from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);

const entry = (dealId: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  dealId,
  actor: 'system:ace-submitter',
  operation: 'partnercentral:CreateOpportunity',
  ids: { hubspotDealId: dealId, aceOpportunityId: 'O42' },
  fieldNames: ['Project.Title', 'Customer.Account.CompanyName'],
  outcome: 'success',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  ...overrides,
});

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('makeAuditLog (DynamoDB)', () => {
  let ddb: TestDynamo;
  let now = T0;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  const audit = () =>
    makeAuditLog({
      doc: ddb.doc,
      tableName: ddb.tables.audit,
      now: () => now,
      sleep: async () => undefined,
    });

  describe('append', () => {
    it('chains rows per deal: seq 1 links to genesis, seq 2 to seq 1', async () => {
      // Arrange
      const log = audit();
      // Act
      const first = await log.append(entry('101'));
      const second = await log.append(
        entry('101', { operation: 'partnercentral:AssociateOpportunity', fieldNames: [] })
      );
      // Assert
      expect(first).toMatchObject({ dealId: '101', seq: 1, prevHash: GENESIS_HASH });
      expect(second).toMatchObject({ dealId: '101', seq: 2, prevHash: first.hash });
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(verifyChain(await log.listByDeal('101'))).toEqual({ ok: true });
    });

    it('gives two concurrent appends for one deal seq 1 and 2 and a chain that verifies', async () => {
      // Arrange
      const [a, b] = [audit(), audit()];
      // Act
      const rows = await Promise.all([
        a.append(entry('102', { actor: 'hubspot-user:7' })),
        b.append(entry('102', { actor: 'hubspot-user:8' })),
      ]);
      // Assert
      expect(rows.map((r) => r.seq).sort()).toEqual([1, 2]);
      const stored = await audit().listByDeal('102');
      expect(stored.map((r) => r.seq)).toEqual([1, 2]);
      expect(verifyChain(stored)).toEqual({ ok: true });
    });

    it('keeps the chain linear under heavier contention (8 concurrent appends)', async () => {
      // Act
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => audit().append(entry('103', { ids: { n: String(i) } })))
      );
      // Assert
      const stored = await audit().listByDeal('103');
      expect(stored.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(verifyChain(stored)).toEqual({ ok: true });
    });

    it('stores ids and field names only, never anything else the caller passes', async () => {
      // Arrange
      const withExtra = {
        ...entry('104'),
        values: { 'Project.Title': 'Secret Project' },
      } as AuditEntry;
      // Act
      await audit().append(withExtra);
      // Assert
      const res = await ddb.doc.send(
        new QueryCommand({
          TableName: ddb.tables.audit,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': 'AUDIT#104' },
        })
      );
      const item = res.Items?.[0] ?? {};
      expect(Object.keys(item).sort()).toEqual(
        [
          'actor',
          'at',
          'correlationId',
          'dealId',
          'fieldNames',
          'hash',
          'ids',
          'operation',
          'outcome',
          'pk',
          'prevHash',
          'seq',
          'sk',
        ].sort()
      );
      expect(JSON.stringify(item)).not.toContain('Secret Project');
    });

    it.each([
      { name: 'a bad deal id', overrides: { dealId: 'abc' }, error: /^HubSpot deal id is invalid/ },
      {
        name: 'a free-text actor',
        overrides: { actor: 'Jane Doe' },
        error: /^audit actor is invalid/,
      },
      {
        name: 'a bad operation',
        overrides: { operation: 'CreateOpportunity' },
        error: /^audit operation is invalid/,
      },
      {
        name: 'an unknown outcome',
        overrides: { outcome: 'ok' as 'success' },
        error: /^audit outcome is invalid/,
      },
      {
        name: 'an id value with spaces',
        overrides: { ids: { company: 'Acme Corp' } },
        error: /^audit id value is invalid/,
      },
      {
        name: 'a field value instead of a name',
        overrides: { fieldNames: ['Title: Secret'] },
        error: /^audit field name is invalid/,
      },
      {
        name: 'a bad correlation id',
        overrides: { correlationId: 'a b' },
        error: /^correlation id is invalid/,
      },
    ])('rejects $name and writes nothing', async ({ overrides, error }) => {
      // Act & Assert
      await expect(audit().append(entry('105', overrides as Partial<AuditEntry>))).rejects.toThrow(
        error
      );
      await expect(
        audit().append(entry('105', overrides as Partial<AuditEntry>))
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await audit().listByDeal('105')).toEqual([]);
    });
  });

  describe('verifyChain over stored rows', () => {
    it('reports a row tampered with in the table', async () => {
      // Arrange
      const log = audit();
      await log.append(entry('201'));
      const second = await log.append(entry('201', { outcome: 'failure' }));
      await log.append(entry('201'));
      // Act: someone with table access rewrites row 2's outcome
      await ddb.doc.send(
        new PutCommand({
          TableName: ddb.tables.audit,
          Item: { ...keys.audit('201', 2), ...second, outcome: 'success' },
        })
      );
      // Assert
      expect(verifyChain(await log.listByDeal('201'))).toEqual({
        ok: false,
        brokenAt: { dealId: '201', seq: 2 },
        reason: 'hash does not match the row content',
      });
    });
  });

  describe('scanRange', () => {
    it('returns the rows appended within [from, to) across deals', async () => {
      // Arrange
      const log = audit();
      now = Date.UTC(2030, 0, 1, 0, 0, 0);
      const inside: AuditRow[] = [await log.append(entry('301')), await log.append(entry('302'))];
      now = Date.UTC(2030, 0, 2, 0, 0, 0);
      await log.append(entry('301'));
      now = T0;
      // Act
      const rows = await collect(log.scanRange('2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z'));
      // Assert
      expect(rows.map((r) => `${r.dealId}/${r.seq}`).sort()).toEqual(
        inside.map((r) => `${r.dealId}/${r.seq}`).sort()
      );
      expect(verifyChain(rows, { partial: true })).toEqual({ ok: true });
    });

    it.each([
      {
        name: 'an empty range',
        from: '2030-01-02T00:00:00Z',
        to: '2030-01-01T00:00:00Z',
        error: /^audit range is empty/,
      },
      {
        name: 'a bound without a zone',
        from: '2030-01-01T00:00:00',
        to: '2030-01-02T00:00:00Z',
        error: /^audit range start is invalid/,
      },
    ])('rejects $name', ({ from, to, error }) => {
      // Act & Assert
      expect(() => audit().scanRange(from, to)).toThrow(error);
    });
  });
});
