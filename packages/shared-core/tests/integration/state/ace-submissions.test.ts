import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type AceSubmission,
  ConflictError,
  keys,
  makeAceSubmissionRepo,
  ValidationError,
} from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('makeAceSubmissionRepo (DynamoDB)', () => {
  let ddb: TestDynamo;
  let now = T0;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  const repo = () =>
    makeAceSubmissionRepo({
      doc: ddb.doc,
      tableName: ddb.tables.entityMappings,
      now: () => now,
      sleep: async () => undefined,
    });
  const raw = async (key: { pk: string; sk: string }) =>
    (await ddb.doc.send(new GetCommand({ TableName: ddb.tables.entityMappings, Key: key }))).Item;

  describe('reserveClientToken', () => {
    it('gives every concurrent caller the first writer’s token', async () => {
      // Arrange
      const subs = repo();
      const candidates = Array.from({ length: 20 }, (_, i) => `token-${i}`);
      // Act
      const winners = await Promise.all(
        candidates.map((c) => subs.reserveClientToken('1001', 'create', c))
      );
      // Assert
      const stored = (await subs.get('1001'))?.clientTokens.create;
      expect(candidates).toContain(stored);
      expect(new Set(winners)).toEqual(new Set([stored]));
    });

    it('returns the stored token to a later caller with a different candidate', async () => {
      // Arrange
      const subs = repo();
      await subs.reserveClientToken(1002, 'create', 'first');
      // Act
      const second = await subs.reserveClientToken('1002', 'create', 'second');
      // Assert
      expect(second).toBe('first');
    });

    it('keeps every attribute of a pre-existing row (no whole-item overwrite)', async () => {
      // Arrange: a row written earlier by someone else, without a token
      await ddb.doc.send(
        new UpdateCommand({
          TableName: ddb.tables.entityMappings,
          Key: keys.aceSubmission('1003'),
          UpdateExpression: 'SET #g = :g, #r = :r, #b = :b, #d = :d',
          ExpressionAttributeNames: {
            '#g': 'govwinId',
            '#r': 'reviewStatus',
            '#b': 'backfilledBy',
            '#d': 'dealId',
          },
          ExpressionAttributeValues: {
            ':g': 'OPP55',
            ':r': 'Submitted',
            ':b': 'ops',
            ':d': '1003',
          },
        })
      );
      // Act
      const token = await repo().reserveClientToken('1003', 'create', 'tok-1003');
      // Assert
      expect(token).toBe('tok-1003');
      expect(await raw(keys.aceSubmission('1003'))).toMatchObject({
        govwinId: 'OPP55',
        reviewStatus: 'Submitted',
        backfilledBy: 'ops',
        createClientToken: 'tok-1003',
      });
    });

    it('keeps the create and engagement tokens independent', async () => {
      // Arrange
      const subs = repo();
      // Act
      await subs.reserveClientToken('1004', 'create', 'c-1');
      await subs.reserveClientToken('1004', 'engagement', 'e-1');
      await subs.reserveClientToken('1004', 'engagement', 'e-2');
      // Assert
      expect((await subs.get('1004'))?.clientTokens).toEqual({ create: 'c-1', engagement: 'e-1' });
    });

    it('reserves the referral accept token once and records the accept task id', async () => {
      // Arrange
      const subs = repo();
      // Act
      const first = await subs.reserveClientToken('1005', 'accept', 'a-1');
      const second = await subs.reserveClientToken('1005', 'accept', 'a-2');
      await subs.update('1005', { acceptTaskId: 'task-0123456789abc' });
      // Assert
      expect([first, second]).toEqual(['a-1', 'a-1']);
      expect(await subs.get('1005')).toMatchObject({
        clientTokens: { accept: 'a-1' },
        acceptTaskId: 'task-0123456789abc',
      });
      await expect(subs.update('1005', { acceptTaskId: 'not a task' })).rejects.toThrow(
        /^accept invitation task id is invalid/
      );
    });

    it.each([
      { name: 'a bad deal id', args: ['0', 'create', 'x'], error: /^HubSpot deal id is invalid/ },
      {
        name: 'an unknown kind',
        args: ['1', 'delete', 'x'],
        error: /^client token kind is invalid/,
      },
      {
        name: 'a token with spaces',
        args: ['1', 'create', 'a b'],
        error: /^client token is invalid/,
      },
      { name: 'an empty token', args: ['1', 'create', ''], error: /^client token is invalid/ },
    ])('rejects $name', async ({ args, error }) => {
      // Act & Assert
      const [dealId, kind, candidate] = args as [string, 'create', string];
      await expect(repo().reserveClientToken(dealId, kind, candidate)).rejects.toThrow(error);
      await expect(repo().reserveClientToken(dealId, kind, candidate)).rejects.toBeInstanceOf(
        ValidationError
      );
    });
  });

  describe('markStep', () => {
    it('records steps in place, keeps the first completion time, and writes the ACE reverse row', async () => {
      // Arrange
      const subs = repo();
      await subs.reserveClientToken('2001', 'create', 'tok-2001');
      // Act
      now = T0 + 1_000;
      await subs.markStep('2001', 'created', {
        aceOpportunityId: 'O7001',
        lastModifiedDate: '2026-03-01T09:00:01.500Z',
      });
      now = T0 + 2_000;
      await subs.markStep('2001', 'associated');
      now = T0 + 3_000;
      await subs.markStep('2001', 'created', { aceOpportunityId: 'O7001' });
      // Assert
      const expected: AceSubmission = {
        dealId: '2001',
        aceOpportunityId: 'O7001',
        clientTokens: { create: 'tok-2001' },
        steps: { created: iso(T0 + 1_000), associated: iso(T0 + 2_000) },
        lastModifiedDate: '2026-03-01T09:00:01.500Z',
        parkedEdits: [],
        updatedAt: iso(T0 + 3_000),
      };
      expect(await subs.get('2001')).toEqual(expected);
      expect(await subs.findDealByAceId('O7001')).toBe('2001');
    });

    it('refuses to bind a deal to a second ACE opportunity, and writes nothing', async () => {
      // Arrange
      const subs = repo();
      await subs.markStep('2002', 'created', { aceOpportunityId: 'O7002' });
      // Act
      const attempt = subs.markStep('2002', 'created', { aceOpportunityId: 'O7999' });
      // Assert
      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      await expect(subs.markStep('2002', 'created', { aceOpportunityId: 'O7999' })).rejects.toThrow(
        'deal 2002 is already bound to a different ACE opportunity'
      );
      expect((await subs.get('2002'))?.aceOpportunityId).toBe('O7002');
      expect(await subs.findDealByAceId('O7999')).toBeUndefined();
    });

    it('refuses to map an ACE opportunity already mapped to another deal, and writes nothing', async () => {
      // Arrange
      const subs = repo();
      await subs.markStep('2003', 'created', { aceOpportunityId: 'O7003' });
      // Act
      const attempt = subs.update('2004', { aceOpportunityId: 'O7003', reviewStatus: 'Approved' });
      // Assert
      await expect(attempt).rejects.toThrow(
        'ACE opportunity O7003 is already mapped to another deal'
      );
      expect(await subs.get('2004')).toBeUndefined();
      expect(await subs.findDealByAceId('O7003')).toBe('2003');
    });

    it('rejects an unknown step and unknown fields', async () => {
      // Act & Assert
      await expect(repo().markStep('2005', 'deleted' as 'created')).rejects.toThrow(
        /^submit step is invalid/
      );
      await expect(
        repo().markStep('2005', 'created', { reviewStatus: 'Approved' } as never)
      ).rejects.toThrow(/unknown field "reviewStatus"/);
      expect(await repo().get('2005')).toBeUndefined();
    });
  });

  describe('update', () => {
    it('sets only the given fields and maintains the invitation reverse row', async () => {
      // Arrange
      const subs = repo();
      await subs.reserveClientToken('3001', 'create', 'tok-3001');
      await subs.addParkedEdits('3001', ['amount']);
      // Act
      await subs.update('3001', {
        govwinId: 'OPP3001',
        invitationId: 'engi-0123456789abc',
        reviewStatus: 'In review',
        lifecycleStage: 'Qualified',
        engagementTaskId: 'oit-0123456789abc',
        lastModifiedDate: '2026-03-01T10:00:00+01:00',
      });
      await subs.update('3001', { reviewStatus: 'Approved' });
      // Assert
      const row = await subs.get('3001');
      expect(row).toMatchObject({
        dealId: '3001',
        govwinId: 'OPP3001',
        invitationId: 'engi-0123456789abc',
        reviewStatus: 'Approved',
        lifecycleStage: 'Qualified',
        engagementTaskId: 'oit-0123456789abc',
        lastModifiedDate: '2026-03-01T09:00:00.000Z',
        clientTokens: { create: 'tok-3001' },
        parkedEdits: ['amount'],
      });
      expect(await subs.findDealByInvitation('engi-0123456789abc')).toBe('3001');
      expect(await subs.findDealByInvitation('engi-zzzzzzzzzzzzz')).toBeUndefined();
    });

    it('does not write at all when no field is given', async () => {
      // Act
      await repo().update('3002', {});
      // Assert
      expect(await repo().get('3002')).toBeUndefined();
    });

    it.each([
      {
        name: 'a review status outside the ACE enum',
        fields: { reviewStatus: 'In Review' },
        error: /^ACE review status is invalid/,
      },
      {
        name: 'a lifecycle stage outside the ACE enum',
        fields: { lifecycleStage: 'Won' },
        error: /^ACE lifecycle stage is invalid/,
      },
      {
        name: 'a LastModifiedDate without a zone',
        fields: { lastModifiedDate: '2026-03-01T10:00:00' },
        error: /^ACE LastModifiedDate is invalid/,
      },
      {
        name: 'a bad ACE id',
        fields: { aceOpportunityId: 'o1' },
        error: /^ACE opportunity id is invalid/,
      },
      {
        name: 'a bad invitation id',
        fields: { invitationId: 'engi-1' },
        error: /^engagement invitation id is invalid/,
      },
      {
        name: 'a bad GovWin id',
        fields: { govwinId: '123' },
        error: /^GovWin opportunity id is invalid/,
      },
      {
        name: 'a bad task id',
        fields: { engagementTaskId: 'task-!' },
        error: /^engagement task id is invalid/,
      },
      { name: 'an unknown field', fields: { dealId: '1' }, error: /unknown field "dealId"/ },
    ])('rejects $name and writes nothing', async ({ fields, error }) => {
      // Act & Assert
      await expect(repo().update('3003', fields as never)).rejects.toThrow(error);
      expect(await repo().get('3003')).toBeUndefined();
    });
  });

  describe('parked edits', () => {
    it('adds as a set union, clears exactly the named properties, and lists rows with parked edits', async () => {
      // Arrange
      const subs = repo();
      await subs.markStep('4001', 'created', { aceOpportunityId: 'O4001' });
      await subs.markStep('4002', 'created', { aceOpportunityId: 'O4002' });
      // Act
      await Promise.all([
        subs.addParkedEdits('4001', ['amount', 'closedate']),
        subs.addParkedEdits('4001', ['closedate', 'dealname']),
      ]);
      await subs.addParkedEdits('4002', ['amount']);
      await subs.clearParkedEdits('4002', ['amount']);
      await subs.clearParkedEdits('4001', ['closedate']);
      // Assert
      expect((await subs.get('4001'))?.parkedEdits).toEqual(['amount', 'dealname']);
      expect((await subs.get('4002'))?.parkedEdits).toEqual([]);
      const parked = await collect(subs.listWithParkedEdits());
      const parkedIds = parked.map((p) => p.dealId);
      expect(parkedIds).toContain('4001');
      expect(parkedIds).not.toContain('4002');
      expect(parked.every((p) => p.parkedEdits.length > 0)).toBe(true);
    });

    it('treats clearing a deal without a row as done and creates no row', async () => {
      // Act
      await repo().clearParkedEdits('4003', ['amount']);
      // Assert
      expect(await raw(keys.aceSubmission('4003'))).toBeUndefined();
    });

    it('rejects property names that are not HubSpot internal names', async () => {
      // Act & Assert
      await expect(repo().addParkedEdits('4004', ['Deal Name'])).rejects.toThrow(
        /^HubSpot property name is invalid/
      );
      await expect(repo().addParkedEdits('4004', 'amount' as never)).rejects.toThrow(
        /^parked edits must be an array/
      );
    });
  });

  describe('listAll', () => {
    it('yields submission rows only (no reverse, webhook or other rows)', async () => {
      // Arrange
      const subs = repo();
      await subs.markStep('5001', 'created', { aceOpportunityId: 'O5001' });
      // Act
      const all = await collect(subs.listAll());
      // Assert
      // The reverse row ACE#O5001 also carries dealId 5001: only the DEAL# row may come back.
      expect(all.filter((s) => s.dealId === '5001')).toHaveLength(1);
      expect(new Set(all.map((s) => s.dealId)).size).toBe(all.length);
      expect(await raw(keys.aceOpportunity('O5001'))).toMatchObject({ dealId: '5001' });
    });
  });
});
