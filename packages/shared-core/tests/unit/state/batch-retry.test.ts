import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  keys,
  makeAwsClients,
  makeEntityMapRepo,
  makeWatermarkRepo,
  ThrottledError,
  UpstreamError,
} from '../../../src/index';

const TABLE = 'test-sync-state';
const ddbMock = mockClient(DynamoDBDocumentClient);
const doc = makeAwsClients({ region: 'us-east-1' }).documentClient();
const sleeps: number[] = [];
const deps = {
  doc,
  tableName: TABLE,
  now: () => 0,
  sleep: async (ms: number) => {
    sleeps.push(ms);
  },
  random: () => 0.5,
};

describe('batch reads and writes', () => {
  beforeEach(() => {
    ddbMock.reset();
    sleeps.length = 0;
  });
  afterAll(() => doc.destroy());

  it('requests UnprocessedKeys again, with back-off, until every key is read', async () => {
    // Arrange
    const k1 = keys.opp('OPP1');
    const k2 = keys.opp('OPP2');
    ddbMock
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: {
          [TABLE]: [{ ...k1, govwinId: 'OPP1', updateDate: '2024-01-01T00:00:00.000Z' }],
        },
        UnprocessedKeys: { [TABLE]: { Keys: [k2] } },
      })
      .resolvesOnce({
        Responses: {
          [TABLE]: [{ ...k2, govwinId: 'OPP2', updateDate: '2024-01-02T00:00:00.000Z' }],
        },
      });
    // Act
    const found = await makeWatermarkRepo(deps).getMany(['OPP1', 'OPP2']);
    // Assert
    expect([...found.keys()].sort()).toEqual(['OPP1', 'OPP2']);
    expect(ddbMock).toHaveReceivedCommandTimes(BatchGetCommand, 2);
    expect(ddbMock.commandCalls(BatchGetCommand)[1]?.args[0].input).toEqual({
      RequestItems: { [TABLE]: { Keys: [k2], ConsistentRead: true } },
    });
    expect(sleeps).toHaveLength(1);
  });

  it('fails with a retryable ThrottledError instead of a partial result when keys stay unprocessed', async () => {
    // Arrange
    ddbMock
      .on(BatchGetCommand)
      .resolves({ UnprocessedKeys: { [TABLE]: { Keys: [keys.opp('OPP1')] } } });
    // Act & Assert
    await expect(makeWatermarkRepo(deps).getMany(['OPP1'])).rejects.toBeInstanceOf(ThrottledError);
    expect(ddbMock).toHaveReceivedCommandTimes(BatchGetCommand, 8);
  });

  it('sends UnprocessedItems again until every mapping is written', async () => {
    // Arrange
    const item = {
      ...keys.govEntity('5'),
      govwinId: '5',
      hubspotId: '50',
      updatedAt: new Date(0).toISOString(),
    };
    ddbMock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [{ PutRequest: { Item: item } }] } })
      .resolvesOnce({});
    // Act
    await makeEntityMapRepo(deps).putCompanies({ '5': '50', '6': '60' });
    // Assert
    expect(ddbMock).toHaveReceivedCommandTimes(BatchWriteCommand, 2);
    expect(ddbMock.commandCalls(BatchWriteCommand)[1]?.args[0].input).toEqual({
      RequestItems: { [TABLE]: [{ PutRequest: { Item: item } }] },
    });
  });

  it('splits writes into BatchWrite calls of at most 25 items', async () => {
    // Arrange
    ddbMock.on(BatchWriteCommand).resolves({});
    const mapping = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [String(i + 1), String(i + 100)])
    );
    // Act
    await makeEntityMapRepo(deps).putContacts(mapping);
    // Assert
    const sizes = ddbMock
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems?.[TABLE]?.length);
    expect(sizes).toEqual([25, 25, 10]);
  });
});

describe('DynamoDB failures', () => {
  beforeEach(() => {
    ddbMock.reset();
  });

  it('are wrapped in a retryable UpstreamError naming operation, table and error name, not the AWS text', async () => {
    // Arrange
    const awsError = Object.assign(new Error('Throughput exceeded for customer Jane Doe'), {
      name: 'ProvisionedThroughputExceededException',
    });
    ddbMock.on(GetCommand).rejects(awsError);
    // Act
    const failure = makeWatermarkRepo(deps).get('OPP1');
    // Assert
    await expect(failure).rejects.toBeInstanceOf(UpstreamError);
    await expect(makeWatermarkRepo(deps).get('OPP1')).rejects.toMatchObject({
      message: `DynamoDB GetItem on ${TABLE} failed (ProvisionedThroughputExceededException)`,
      retryable: true,
      code: 'STATE_STORE_FAILED',
      cause: awsError,
    });
  });

  it('are not retryable when DynamoDB rejects the request itself', async () => {
    // Arrange
    ddbMock
      .on(GetCommand)
      .rejects(Object.assign(new Error('bad'), { name: 'ValidationException' }));
    // Act & Assert
    await expect(makeWatermarkRepo(deps).get('OPP1')).rejects.toMatchObject({ retryable: false });
  });
});
