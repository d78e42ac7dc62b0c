import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keys, makeWatermarkRepo, ValidationError } from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('makeWatermarkRepo (DynamoDB)', () => {
  let ddb: TestDynamo;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  const repo = () =>
    makeWatermarkRepo({ doc: ddb.doc, tableName: ddb.tables.syncState, now: () => NOW });
  const rawRow = async (govwinId: string) =>
    (
      await ddb.doc.send(
        new GetCommand({ TableName: ddb.tables.syncState, Key: keys.opp(govwinId) })
      )
    ).Item;

  describe('advance', () => {
    it('creates the watermark with a normalised date and no TTL', async () => {
      // Act
      const moved = await repo().advance('OPP100', {
        updateDate: '2014-08-04T13:51:44-04:00',
        hubspotDealId: '9001',
      });
      // Assert
      expect(moved).toBe(true);
      expect(await repo().get('OPP100')).toEqual({
        govwinId: 'OPP100',
        updateDate: '2014-08-04T17:51:44.000Z',
        hubspotDealId: '9001',
        syncedAt: new Date(NOW).toISOString(),
      });
      expect(await rawRow('OPP100')).not.toHaveProperty('ttl');
    });

    it('only moves forward: an older or equal date is a no-op that returns false', async () => {
      // Arrange
      const wm = repo();
      await wm.advance('OPP101', { updateDate: '2024-05-01T10:00:00Z', hubspotDealId: '1' });
      // Act
      const older = await wm.advance('OPP101', { updateDate: '2024-04-30T10:00:00Z' });
      const equalOtherOffset = await wm.advance('OPP101', {
        updateDate: '2024-05-01T06:00:00-04:00',
        hubspotDealId: '2',
      });
      const newer = await wm.advance('OPP101', { updateDate: '2024-05-01T10:00:00.001Z' });
      // Assert
      expect([older, equalOtherOffset, newer]).toEqual([false, false, true]);
      expect(await wm.get('OPP101')).toMatchObject({
        updateDate: '2024-05-01T10:00:00.001Z',
        hubspotDealId: '1',
      });
    });

    it('lets exactly one of several concurrent advances to the same date win', async () => {
      // Arrange
      const wm = repo();
      // Act
      const results = await Promise.all(
        Array.from({ length: 10 }, () => wm.advance('OPP102', { updateDate: '2025-01-01' }))
      );
      // Assert
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('removes the TTL a legacy (prior-art) row carried, so it never expires into a re-sync', async () => {
      // Arrange
      await ddb.doc.send(
        new PutCommand({
          TableName: ddb.tables.syncState,
          Item: { ...keys.opp('OPP103'), govwin_update_date: '2020-01-01', ttl: NOW / 1000 + 60 },
        })
      );
      // Act
      const moved = await repo().advance('OPP103', { updateDate: '2021-01-01T00:00:00Z' });
      // Assert
      expect(moved).toBe(true);
      expect(await rawRow('OPP103')).not.toHaveProperty('ttl');
    });

    it.each([
      {
        name: 'an unparseable date',
        id: 'OPP104',
        next: { updateDate: 'yesterday' },
        error: /^GovWin updateDate is invalid/,
      },
      {
        name: 'a bad GovWin id',
        id: 'opp-1',
        next: { updateDate: '2024-01-01' },
        error: /^GovWin opportunity id is invalid/,
      },
      {
        name: 'a bad HubSpot deal id',
        id: 'OPP104',
        next: { updateDate: '2024-01-01', hubspotDealId: 'x1' },
        error: /^HubSpot deal id is invalid/,
      },
    ])('rejects $name with a ValidationError and writes nothing', async ({ id, next, error }) => {
      // Act & Assert
      await expect(repo().advance(id, next)).rejects.toThrow(error);
      await expect(repo().advance(id, next)).rejects.toBeInstanceOf(ValidationError);
      expect(await rawRow('OPP104')).toBeUndefined();
    });
  });

  describe('isChanged and filterChanged', () => {
    it('reports unknown and strictly newer dates as changed', async () => {
      // Arrange
      const wm = repo();
      await wm.advance('OPP200', { updateDate: '2024-06-01T00:00:00Z' });
      // Act
      const verdicts = [
        await wm.isChanged('OPP200', '2024-05-31T23:59:59Z'),
        await wm.isChanged('OPP200', '05/31/2024 20:00:00'),
        await wm.isChanged('OPP200', '2024-06-01T00:00:00.001Z'),
        await wm.isChanged('OPP299', '2000-01-01'),
      ];
      // Assert
      expect(verdicts).toEqual([false, false, true, true]);
    });

    it('filters a discovered batch down to the changed opportunities', async () => {
      // Arrange
      const wm = repo();
      await wm.advance('OPP201', { updateDate: '2024-06-01T00:00:00Z' });
      await wm.advance('OPP202', { updateDate: '2024-06-01T00:00:00Z' });
      const batch = [
        { id: 'OPP201', updateDate: '2024-06-01T00:00:00Z', extra: 'a' },
        { id: 'OPP202', updateDate: '2024-06-02T00:00:00Z', extra: 'b' },
        { id: 'OPP203', updateDate: '2024-01-01T00:00:00Z', extra: 'c' },
      ];
      // Act
      const changed = await wm.filterChanged(batch);
      // Assert
      expect(changed.map((c) => c.extra)).toEqual(['b', 'c']);
    });

    it('rejects a bad date in isChanged', async () => {
      // Act & Assert
      await expect(repo().isChanged('OPP200', '2024-13-01')).rejects.toThrow(ValidationError);
    });
  });

  describe('getMany', () => {
    it('reads more than 100 watermarks (several BatchGet calls), ignoring duplicates and missing ids', async () => {
      // Arrange
      const wm = repo();
      const ids = Array.from({ length: 130 }, (_, i) => `TNS${5000 + i}`);
      for (const id of ids.filter((_, i) => i % 2 === 0))
        await wm.advance(id, { updateDate: '2024-01-01T00:00:00Z' });
      // Act
      const found = await wm.getMany([...ids, ...ids.slice(0, 10)]);
      // Assert
      expect(found.size).toBe(65);
      expect(found.get('TNS5000')?.updateDate).toBe('2024-01-01T00:00:00.000Z');
      expect(found.has('TNS5001')).toBe(false);
    });

    it('rejects a list with a bad id', async () => {
      // Act & Assert
      await expect(repo().getMany(['OPP1', 'DROP TABLE'])).rejects.toThrow(
        /^GovWin opportunity id is invalid/
      );
    });
  });

  describe('cursor', () => {
    it('is undefined until set, then returns the normalised value', async () => {
      // Arrange
      const wm = repo();
      const before = await wm.getCursor();
      // Act
      await wm.setCursor('01/31/2026');
      // Assert
      expect(before).toBeUndefined();
      expect(await wm.getCursor()).toBe('2026-01-31T00:00:00.000Z');
    });

    it('rejects an unparseable cursor', async () => {
      // Act & Assert
      await expect(repo().setCursor('31/01/2026')).rejects.toThrow(/^sync cursor is invalid/);
    });
  });
});
