import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeCardReplayGuard } from '../../../src/card/card-replay';
import { createTestTables, type TestDynamo } from '../../../src/testing/dynamo-tables';

let ddb: TestDynamo;
const NOW = 1_760_000_000_000;
const fp = (s: string) => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  ddb = await createTestTables();
});
afterAll(async () => {
  await ddb.cleanup();
});

describe('makeCardReplayGuard on DynamoDB Local', () => {
  it('reserves once, refuses the replay, and accepts it again after a release', async () => {
    // Arrange
    const guard = makeCardReplayGuard({
      doc: ddb.doc,
      tableName: ddb.tables.entityMappings,
      now: () => NOW,
    });
    const key = fp('card-request-1');
    // Act
    const first = await guard.reserve(key);
    const replay = await guard.reserve(key);
    await guard.release(key);
    const retried = await guard.reserve(key);
    const again = await guard.reserve(key);
    // Assert
    expect([first, replay, retried, again]).toEqual([true, false, true, false]);
    const row = await ddb.doc.send(
      new GetCommand({
        TableName: ddb.tables.entityMappings,
        Key: { pk: `WHK#${key}`, sk: 'SEEN' },
      })
    );
    expect(row.Item?.ttl).toBe(Math.floor(NOW / 1000) + 300);
  });

  it('refuses a malformed fingerprint before touching the table', async () => {
    const guard = makeCardReplayGuard({ doc: ddb.doc, tableName: ddb.tables.entityMappings });
    await expect(guard.release('WHK#../x')).rejects.toThrow(/replay fingerprint/);
  });
});
