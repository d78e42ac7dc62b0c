import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTables, type TestDynamo } from '@govwin-ace/shared-core/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeDynamoReplayGuard } from '../../src/replay-guard';
import { aReceiver, bodyOf } from '../helpers/receiver';
import { aDealEvent, aDelivery, NOW } from '../helpers/webhook-request';

// Replay reservation against a real DynamoDB (DynamoDB Local from the integration globalSetup).
let ddb: TestDynamo;
let seq = 0;
const fingerprint = () => createHash('sha256').update(`fp-${Date.now()}-${seq++}`).digest('hex');

beforeAll(async () => {
  ddb = await createTestTables();
});
afterAll(async () => {
  await ddb.cleanup();
});

const guard = (now: () => number = () => NOW) =>
  makeDynamoReplayGuard({ doc: ddb.doc, tableName: ddb.tables.entityMappings, now });

describe('makeDynamoReplayGuard on DynamoDB Local', () => {
  it('reserves a fingerprint once and stores WHK#<fp> with a 300 s TTL', async () => {
    // Arrange
    const fp = fingerprint();
    const replay = guard();
    // Act
    const first = await replay.reserve(fp);
    const second = await replay.reserve(fp);
    // Assert
    expect([first, second]).toEqual([true, false]);
    const row = await ddb.doc.send(
      new GetCommand({ TableName: ddb.tables.entityMappings, Key: { pk: `WHK#${fp}`, sk: 'SEEN' } })
    );
    expect(row.Item).toMatchObject({
      pk: `WHK#${fp}`,
      sk: 'SEEN',
      ttl: Math.floor(NOW / 1000) + 300,
    });
  });

  it('lets exactly one of 25 concurrent duplicates through', async () => {
    const fp = fingerprint();
    const replay = guard();
    const results = await Promise.all(Array.from({ length: 25 }, () => replay.reserve(fp)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets concurrent different fingerprints all through', async () => {
    const replay = guard();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => replay.reserve(fingerprint()))
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it('treats a reservation whose TTL has passed as free (DynamoDB deletes lazily)', async () => {
    const fp = fingerprint();
    await guard().reserve(fp);
    expect(await guard(() => NOW + 301_000).reserve(fp)).toBe(true);
  });

  it('release frees the fingerprint for exactly one of the next concurrent reservations', async () => {
    // Arrange
    const fp = fingerprint();
    const replay = guard();
    await replay.reserve(fp);
    // Act
    await replay.release(fp);
    const results = await Promise.all(Array.from({ length: 10 }, () => replay.reserve(fp)));
    // Assert
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await replay.reserve(fp)).toBe(false);
  });

  it('refuses a malformed fingerprint before touching DynamoDB', async () => {
    await expect(guard().reserve('WHK#../ACE#1')).rejects.toThrow(/replay fingerprint is invalid/);
    await expect(guard().release('not-hex')).rejects.toThrow(/replay fingerprint is invalid/);
  });
});

describe('receiver core with the DynamoDB replay guard', () => {
  it('acknowledges a replayed delivery with 200 and enqueues it once', async () => {
    const { receive, sqs } = aReceiver({ replay: guard() });
    const req = aDelivery([aDealEvent()]);
    const first = await receive(req);
    const again = await receive(structuredClone(req));
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(bodyOf(again)).toMatchObject({ duplicate: true });
    expect(sqs.delivered).toHaveLength(1);
  });

  it('enqueues one of 8 identical deliveries arriving at the same time', async () => {
    const { receive, sqs } = aReceiver({ replay: guard() });
    const req = aDelivery([aDealEvent()]);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => receive(structuredClone(req)))
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(responses.filter((r) => bodyOf(r).duplicate === true)).toHaveLength(7);
    expect(sqs.delivered).toHaveLength(1);
  });
});
