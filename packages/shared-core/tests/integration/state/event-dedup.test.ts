import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keys, makeEventDedup, ValidationError } from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

const T0 = Date.UTC(2026, 3, 1, 0, 0, 0);
let counter = 0;
const newEventId = () => `5e6f7a8b-1c2d-4e3f-9a0b-${String(++counter).padStart(12, '0')}`;

describe('makeEventDedup (DynamoDB)', () => {
  let ddb: TestDynamo;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  /** One "invocation": its own instance, sharing the table and a controllable clock. */
  const invocation = (clock: { now: number }) =>
    makeEventDedup({
      doc: ddb.doc,
      tableName: ddb.tables.entityMappings,
      now: () => clock.now,
      leaseSeconds: 300,
      doneTtlSeconds: 7 * 86_400,
    });

  it('acquires a new event, reports it in progress to others, and done after complete', async () => {
    // Arrange
    const clock = { now: T0 };
    const id = newEventId();
    const first = invocation(clock);
    // Act
    const a = await first.begin(id);
    const b = await invocation(clock).begin(id);
    await first.complete(id);
    const c = await invocation(clock).begin(id);
    // Assert
    expect([a, b, c]).toEqual(['acquired', 'in-progress', 'done']);
    const row = await ddb.doc.send(
      new GetCommand({ TableName: ddb.tables.entityMappings, Key: keys.event(id) })
    );
    expect(row.Item).toMatchObject({ status: 'done', ttl: T0 / 1000 + 7 * 86_400 });
    expect(row.Item).not.toHaveProperty('leaseUntil');
  });

  it('lets exactly one of 10 concurrent deliveries acquire', async () => {
    // Arrange
    const clock = { now: T0 };
    const id = newEventId();
    // Act
    const states = await Promise.all(Array.from({ length: 10 }, () => invocation(clock).begin(id)));
    // Assert
    expect(states.filter((s) => s === 'acquired')).toHaveLength(1);
    expect(states.filter((s) => s === 'in-progress')).toHaveLength(9);
  });

  it('reprocesses after a crash between begin and complete once the lease has expired', async () => {
    // Arrange: the first invocation takes the lease and dies without complete or release
    const clock = { now: T0 };
    const id = newEventId();
    await invocation(clock).begin(id);
    // Act
    clock.now = T0 + 299_999;
    const duringLease = await invocation(clock).begin(id);
    clock.now = T0 + 300_000;
    const retry = invocation(clock);
    const afterLease = await retry.begin(id);
    await retry.complete(id);
    const afterSuccess = await invocation(clock).begin(id);
    // Assert
    expect([duringLease, afterLease, afterSuccess]).toEqual(['in-progress', 'acquired', 'done']);
  });

  it('lets the retry process at once after release on failure', async () => {
    // Arrange
    const clock = { now: T0 };
    const id = newEventId();
    const failing = invocation(clock);
    await failing.begin(id);
    // Act
    await failing.release(id);
    const retried = await invocation(clock).begin(id);
    // Assert
    expect(retried).toBe('acquired');
  });

  it('does not let a stale holder release a lease another invocation took over', async () => {
    // Arrange: A's lease expires, B takes over, then A fails and releases
    const clock = { now: T0 };
    const id = newEventId();
    const a = invocation(clock);
    await a.begin(id);
    clock.now = T0 + 301_000;
    const b = invocation(clock);
    await b.begin(id);
    // Act
    await a.release(id);
    const third = await invocation(clock).begin(id);
    // Assert
    expect(third).toBe('in-progress');
  });

  it('never un-does a completed event through release', async () => {
    // Arrange
    const clock = { now: T0 };
    const id = newEventId();
    const worker = invocation(clock);
    await worker.begin(id);
    await worker.complete(id);
    // Act
    await worker.release(id);
    // Assert
    expect(await invocation(clock).begin(id)).toBe('done');
  });

  it('treats a done row whose TTL has passed as new', async () => {
    // Arrange
    const clock = { now: T0 };
    const id = newEventId();
    const worker = invocation(clock);
    await worker.begin(id);
    await worker.complete(id);
    // Act
    clock.now = T0 + 7 * 86_400_000 + 1_000;
    const state = await invocation(clock).begin(id);
    // Assert
    expect(state).toBe('acquired');
  });

  it('rejects an event id that is not a UUID', async () => {
    // Act & Assert
    await expect(invocation({ now: T0 }).begin('EVT#1')).rejects.toBeInstanceOf(ValidationError);
    await expect(invocation({ now: T0 }).complete('')).rejects.toThrow(
      /^EventBridge event id is invalid/
    );
  });
});
