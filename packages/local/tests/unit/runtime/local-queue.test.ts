import { describe, expect, it } from '@jest/globals';
import { LocalQueue } from '../../../src/runtime/local-queue';
import { makeQueueConsumer } from '../../../src/runtime/queue-consumer';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('LocalQueue', () => {
  describe('visibility timeout', () => {
    it('hides a received message until the timeout passes, then hands it out again with a higher count', () => {
      // Arrange
      const c = clock();
      const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 30_000, now: c.now });
      q.send('{"a":1}');
      // Act
      const first = q.receive(10);
      const hidden = q.receive(10);
      c.advance(30_000);
      const again = q.receive(10);
      // Assert
      expect(first).toHaveLength(1);
      expect(hidden).toHaveLength(0);
      expect(again).toHaveLength(1);
      expect(again[0]?.attributes.ApproximateReceiveCount).toBe('2');
      expect(q.depth()).toEqual({ visible: 0, inFlight: 1, total: 1 });
    });

    it('ignores a delete with a superseded receipt handle', () => {
      const c = clock();
      const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 10, now: c.now });
      q.send('x');
      const [old] = q.receive();
      c.advance(10);
      const [fresh] = q.receive();
      expect(q.delete(old?.receiptHandle ?? '')).toBe(false);
      expect(q.delete(fresh?.receiptHandle ?? '')).toBe(true);
      expect(q.depth().total).toBe(0);
    });
  });

  describe('redrive', () => {
    it('moves a message to the DLQ on the receive after maxReceiveCount, keeping its body and source', () => {
      // Arrange
      const c = clock();
      const dlq = new LocalQueue({ name: 'q-dlq', now: c.now });
      const q = new LocalQueue({
        name: 'q',
        visibilityTimeoutMs: 5,
        maxReceiveCount: 3,
        deadLetterQueue: dlq,
        now: c.now,
      });
      q.send('poison');
      // Act: three failed receives
      for (let i = 0; i < 3; i += 1) {
        expect(q.receive()).toHaveLength(1);
        c.advance(5);
      }
      const fourth = q.receive();
      // Assert
      expect(fourth).toHaveLength(0);
      expect(q.depth().total).toBe(0);
      const [dead] = dlq.peekAll();
      expect(dead?.body).toBe('poison');
      expect(dead?.deadLetterSourceQueue).toBe(q.arn);
      expect(q.stats().redriven).toBe(1);
    });
  });

  describe('bad input', () => {
    it.each([
      { name: 'empty body', call: () => new LocalQueue({ name: 'q' }).send('') },
      {
        name: 'oversized body',
        call: () => new LocalQueue({ name: 'q' }).send('x'.repeat(262_145)),
      },
      { name: 'bad queue name', call: () => new LocalQueue({ name: 'no spaces allowed' }) },
      { name: 'bad max', call: () => new LocalQueue({ name: 'q' }).receive(11) },
      {
        name: 'bad maxReceiveCount',
        call: () => new LocalQueue({ name: 'q', maxReceiveCount: 0 }),
      },
    ])('rejects $name with a one-line error', ({ call }) => {
      expect(call).toThrow(/^[^\n]+$/);
    });
  });
});

describe('makeQueueConsumer', () => {
  it('deletes successes and keeps exactly the reported batch item failures', async () => {
    // Arrange
    const c = clock();
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, now: c.now });
    const ids = ['a', 'b', 'c'].map((b) => q.send(b).messageId);
    const consumer = makeQueueConsumer({
      queue: q,
      invoke: async () => ({ batchItemFailures: [{ itemIdentifier: ids[1] }] }),
    });
    // Act
    const result = await consumer.pollOnce();
    // Assert
    expect(result).toEqual({ received: 3, deleted: 2, failed: 1 });
    c.advance(100);
    expect(q.receive().map((m) => m.body)).toEqual(['b']);
  });

  it('keeps the whole batch when the invocation throws', async () => {
    const c = clock();
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, now: c.now });
    q.send('a');
    q.send('b');
    const consumer = makeQueueConsumer({
      queue: q,
      invoke: async () => {
        throw new Error('crash');
      },
    });
    const result = await consumer.pollOnce();
    expect(result.deleted).toBe(0);
    expect(result.invocationError).toBeInstanceOf(Error);
    c.advance(100);
    expect(q.receive()).toHaveLength(2);
  });

  it('fails the whole batch when a reported id is not in the batch (Lambda semantics)', async () => {
    const q = new LocalQueue({ name: 'q' });
    q.send('a');
    const consumer = makeQueueConsumer({
      queue: q,
      invoke: async () => ({ batchItemFailures: [{ itemIdentifier: '' }] }),
    });
    expect(await consumer.pollOnce()).toEqual({ received: 1, deleted: 0, failed: 1 });
  });

  it('builds SQS event records with the queue ARN and receive count', async () => {
    const q = new LocalQueue({ name: 'orders', accountId: '123456789012' });
    q.send('{"v":1}');
    let seen: unknown;
    const consumer = makeQueueConsumer({
      queue: q,
      invoke: async (event) => {
        seen = event.Records[0];
        return undefined;
      },
    });
    await consumer.pollOnce();
    expect(seen).toMatchObject({
      body: '{"v":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
      attributes: { ApproximateReceiveCount: '1' },
    });
  });
});
