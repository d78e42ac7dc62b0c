import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keys, makeDynamoReplayStore, ValidationError } from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const fp = (c: string) => c.repeat(64);

describe('makeDynamoReplayStore (DynamoDB)', () => {
  let ddb: TestDynamo;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  const store = (now = () => NOW) =>
    makeDynamoReplayStore({ doc: ddb.doc, tableName: ddb.tables.entityMappings, now });

  describe('reserve', () => {
    it('lets exactly one of 20 concurrent reservations of the same fingerprint win', async () => {
      // Arrange
      const replay = store();
      // Act
      const results = await Promise.all(Array.from({ length: 20 }, () => replay.reserve(fp('1'))));
      // Assert
      expect(results.filter((r) => r)).toHaveLength(1);
      expect(results.filter((r) => !r)).toHaveLength(19);
    });

    it('writes the row with a 300 s TTL attribute', async () => {
      // Arrange
      const replay = store();
      // Act
      await replay.reserve(fp('2'));
      // Assert
      const row = await ddb.doc.send(
        new GetCommand({ TableName: ddb.tables.entityMappings, Key: keys.webhook(fp('2')) })
      );
      expect(row.Item).toEqual({
        ...keys.webhook(fp('2')),
        seenAt: new Date(NOW).toISOString(),
        ttl: NOW / 1000 + 300,
      });
    });

    it('treats a row whose TTL has passed (not yet deleted by DynamoDB) as free', async () => {
      // Arrange
      await ddb.doc.send(
        new PutCommand({
          TableName: ddb.tables.entityMappings,
          Item: { ...keys.webhook(fp('3')), seenAt: 'earlier', ttl: NOW / 1000 - 1 },
        })
      );
      // Act
      const first = await store().reserve(fp('3'));
      const replay = await store().reserve(fp('3'));
      // Assert
      expect(first).toBe(true);
      expect(replay).toBe(false);
    });

    it('still refuses a replay one second before the TTL and accepts it at the TTL', async () => {
      // Arrange
      let now = NOW;
      const replay = store(() => now);
      await replay.reserve(fp('4'));
      // Act
      now = NOW + 299_000;
      const beforeExpiry = await replay.reserve(fp('4'));
      now = NOW + 300_000;
      const atExpiry = await replay.reserve(fp('4'));
      // Assert
      expect(beforeExpiry).toBe(false);
      expect(atExpiry).toBe(true);
    });

    it('keeps fingerprints independent', async () => {
      // Act
      const results = [await store().reserve(fp('5')), await store().reserve(fp('6'))];
      // Assert
      expect(results).toEqual([true, true]);
    });

    it('rejects a malformed fingerprint before touching DynamoDB', async () => {
      // Act & Assert
      await expect(store().reserve('../../etc')).rejects.toBeInstanceOf(ValidationError);
    });
  });

  it('rejects a TTL outside 1..86400 s', () => {
    // Act & Assert
    expect(() =>
      makeDynamoReplayStore({ doc: ddb.doc, tableName: ddb.tables.entityMappings, ttlSeconds: 0 })
    ).toThrow(/^replay TTL must be/);
  });
});
