import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keys } from '../../src/index';
import { createTestTables, type TestDynamo } from '../../src/testing/index';

describe('local DynamoDB harness', () => {
  let ddb: TestDynamo;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  it('runs a real conditional put: the second writer of the same key loses', async () => {
    // Arrange
    const item = { ...keys.webhook('b'.repeat(64)), seen_at: 1 };
    const put = () =>
      ddb.doc.send(
        new PutCommand({
          TableName: ddb.tables.entityMappings,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        })
      );
    // Act
    await put();
    // Assert
    await expect(put()).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const got = await ddb.doc.send(
      new GetCommand({ TableName: ddb.tables.entityMappings, Key: keys.webhook('b'.repeat(64)) })
    );
    expect(got.Item?.seen_at).toBe(1);
    expect(['dynamodb-local', 'dynalite']).toContain(ddb.engine);
  });
});
