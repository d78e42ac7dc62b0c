import { describe, expect, it } from '@jest/globals';
import { makeEnqueue, planBatches } from '../../src/enqueue';
import { fakeSqs, noSleep } from '../helpers/fakes';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/govwin-ace-dev-ace-update';
const bodies = (n: number, size = 20) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(size) }));
const attrs = {
  kind: { DataType: 'String', StringValue: 'update' },
  v: { DataType: 'Number', StringValue: '1' },
};

describe('planBatches', () => {
  it('splits by at most 10 entries', () => {
    expect(planBatches(bodies(23)).map((b) => b.length)).toEqual([10, 10, 3]);
  });

  it('splits by the 256 KiB batch limit before reaching 10 entries', () => {
    // Arrange: 100 KiB bodies, so only two fit in one batch.
    const big = bodies(5, 100 * 1024);
    // Act
    const plan = planBatches(big);
    // Assert
    expect(plan.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(plan.flat()).toEqual(big);
  });

  it('plans nothing for no bodies', () => {
    expect(planBatches([])).toEqual([]);
  });
});

describe('makeEnqueue', () => {
  it('sends chunks of 10 with index ids, the body verbatim and the kind/version attributes', async () => {
    // Arrange
    const sqs = fakeSqs();
    const enqueue = makeEnqueue({ sqs, sleep: noSleep });
    const input = bodies(12);
    // Act
    const result = await enqueue(QUEUE, 'update', input);
    // Assert
    expect(result).toEqual({ sent: 12, failed: 0, failureCodes: [] });
    expect(sqs.calls).toEqual([
      {
        QueueUrl: QUEUE,
        Entries: input
          .slice(0, 10)
          .map((MessageBody, i) => ({ Id: String(i), MessageBody, MessageAttributes: attrs })),
      },
      {
        QueueUrl: QUEUE,
        Entries: input
          .slice(10)
          .map((MessageBody, i) => ({ Id: String(i), MessageBody, MessageAttributes: attrs })),
      },
    ]);
  });

  it('makes no call for an empty list', async () => {
    const sqs = fakeSqs();
    expect(await makeEnqueue({ sqs })(QUEUE, 'update', [])).toEqual({
      sent: 0,
      failed: 0,
      failureCodes: [],
    });
    expect(sqs.calls).toHaveLength(0);
  });

  it('retries only the entries that failed without sender fault', async () => {
    // Arrange: first call fails entries 1 and 3 (service side); the retry succeeds.
    const sqs = fakeSqs((input, call) => {
      const entries = input.Entries ?? [];
      const failing = call === 1 ? new Set(['1', '3']) : new Set<string>();
      return {
        Successful: entries
          .filter((e) => !failing.has(e.Id ?? ''))
          .map((e) => ({ Id: e.Id, MessageId: 'm', MD5OfMessageBody: 'x' })),
        Failed: entries
          .filter((e) => failing.has(e.Id ?? ''))
          .map((e) => ({ Id: e.Id, SenderFault: false, Code: 'InternalError' })),
        $metadata: {},
      };
    });
    const sleeps: number[] = [];
    const enqueue = makeEnqueue({
      sqs,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    });
    const input = bodies(4);
    // Act
    const result = await enqueue(QUEUE, 'update', input);
    // Assert
    expect(result).toEqual({ sent: 4, failed: 0, failureCodes: [] });
    expect(sqs.calls[1]?.Entries?.map((e) => [e.Id, e.MessageBody])).toEqual([
      ['1', input[1]],
      ['3', input[3]],
    ]);
    expect(sqs.delivered.map((d) => d.entry.MessageBody).sort()).toEqual([...input].sort());
    expect(sleeps).toEqual([50]);
  });

  it('does not retry sender-fault entries and reports them failed by code', async () => {
    const sqs = fakeSqs((input) => ({
      Successful: (input.Entries ?? [])
        .slice(1)
        .map((e) => ({ Id: e.Id, MessageId: 'm', MD5OfMessageBody: 'x' })),
      Failed: [
        {
          Id: '0',
          SenderFault: true,
          Code: 'InvalidMessageContents',
          Message: 'bad text from AWS',
        },
      ],
      $metadata: {},
    }));
    const result = await makeEnqueue({ sqs, sleep: noSleep })(QUEUE, 'update', bodies(3));
    expect(result).toEqual({ sent: 2, failed: 1, failureCodes: ['InvalidMessageContents'] });
    expect(sqs.calls).toHaveLength(1);
  });

  it('gives up after maxAttempts when SQS keeps failing entries', async () => {
    const sqs = fakeSqs((input) => ({
      Successful: [],
      Failed: (input.Entries ?? []).map((e) => ({
        Id: e.Id,
        SenderFault: false,
        Code: 'KMS.ThrottlingException',
      })),
      $metadata: {},
    }));
    const result = await makeEnqueue({ sqs, sleep: noSleep, maxAttempts: 3 })(
      QUEUE,
      'update',
      bodies(2)
    );
    expect(result).toEqual({
      sent: 0,
      failed: 2,
      failureCodes: ['KMS.ThrottlingException', 'KMS.ThrottlingException'],
    });
    expect(sqs.calls).toHaveLength(3);
  });

  it('retries a call that throws and succeeds on the next attempt', async () => {
    const sqs = fakeSqs((input, call) =>
      call === 1
        ? Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })
        : {
            Successful: (input.Entries ?? []).map((e) => ({
              Id: e.Id,
              MessageId: 'm',
              MD5OfMessageBody: 'x',
            })),
            Failed: [],
            $metadata: {},
          }
    );
    const result = await makeEnqueue({ sqs, sleep: noSleep })(QUEUE, 'submit', bodies(2));
    expect(result).toEqual({ sent: 2, failed: 0, failureCodes: [] });
    expect(sqs.calls).toHaveLength(2);
  });

  it('reports the error name, never its message, when every attempt throws', async () => {
    const sqs = fakeSqs(() =>
      Object.assign(new Error('User: arn:aws:sts::1:assumed-role/x is not authorized'), {
        name: 'AccessDenied',
      })
    );
    const result = await makeEnqueue({ sqs, sleep: noSleep, maxAttempts: 2 })(
      QUEUE,
      'submit',
      bodies(11)
    );
    expect(result).toEqual({ sent: 0, failed: 11, failureCodes: ['AccessDenied', 'AccessDenied'] });
    expect(sqs.calls).toHaveLength(4);
  });

  it('retries entries SQS neither acknowledged nor refused', async () => {
    const sqs = fakeSqs((input, call) => ({
      Successful: (input.Entries ?? [])
        .filter((e) => call > 1 || e.Id === '0')
        .map((e) => ({ Id: e.Id, MessageId: 'm', MD5OfMessageBody: 'x' })),
      Failed: [],
      $metadata: {},
    }));
    const result = await makeEnqueue({ sqs, sleep: noSleep })(QUEUE, 'update', bodies(2));
    expect(result).toEqual({ sent: 2, failed: 0, failureCodes: [] });
    expect(sqs.calls[1]?.Entries?.map((e) => e.Id)).toEqual(['1']);
  });
});
