// `govwin-ace dlq` on the on-failure queues of the asynchronously invoked functions, against mocked SQS
// and Lambda: list shows the safe summary (never error messages or event values), replay re-invokes the
// function asynchronously with the original event after confirmation and deletes the record only once
// Lambda accepted it, purge deletes; anything not consumed is released.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { CommandIo } from '../../../src/command';
import { makeDlqCommand } from '../../../src/commands/dlq';
import { main } from '../../../src/main';
import { makeOpsRuntime } from '../../../src/ops/ops-runtime';
import type { Confirm } from '../../../src/output/confirm';
import {
  EVENTS_FUNCTION,
  PARTNER_CENTRAL_EVENT,
  PREFIX,
  queueUrlOf,
  retriesExhaustedRecord,
  SECRET_TEXT,
} from '../../helpers/async-failure-records';

const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);

const EVENTS_DLQ = queueUrlOf(EVENTS_FUNCTION);
const ENV = {
  AWS_REGION: 'us-east-1',
  ACE_EVENTS_ASYNC_DLQ_URL: EVENTS_DLQ,
};
const SENT = Date.UTC(2026, 2, 4, 10, 15, 43);

const sqsMessage = (id: string, body: unknown) => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: JSON.stringify(body),
  Attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(SENT) },
});

/** m1: a redrivable record (its error message quotes an e-mail); m2: a record of another function. */
const givenRecords = (
  messages = [
    sqsMessage('m1', retriesExhaustedRecord()),
    sqsMessage('m2', retriesExhaustedRecord({ functionName: `${PREFIX}-ace-submitter-submit` })),
  ]
) => {
  sqs
    .on(GetQueueAttributesCommand, { QueueUrl: EVENTS_DLQ })
    .resolves({ Attributes: { ApproximateNumberOfMessages: String(messages.length) } });
  sqs
    .on(ReceiveMessageCommand, { QueueUrl: EVENTS_DLQ })
    .resolvesOnce({ Messages: messages })
    .resolves({ Messages: [] });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
  sqs.on(DeleteMessageCommand).resolves({});
};

const run = async (
  args: string[],
  options: { confirm?: Confirm; env?: Record<string, string> } = {}
) => {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env ?? ENV,
  };
  const command = makeDlqCommand({
    runtime: (env) => makeOpsRuntime(env, { maxAttempts: 1 }),
    confirm: options.confirm ?? (async () => undefined),
  });
  const code = await command.run(args, io);
  return { code, stdout, stderr };
};

const released = () =>
  sqs
    .commandCalls(ChangeMessageVisibilityCommand)
    .map((c) => [c.args[0].input.ReceiptHandle, c.args[0].input.VisibilityTimeout]);

const expectNothingSecret = (text: string) => {
  for (const secret of Object.values(SECRET_TEXT)) expect(text).not.toContain(secret);
  expect(text).not.toContain('@');
};

describe('govwin-ace dlq on failed asynchronous runs', () => {
  beforeEach(() => {
    sqs.reset();
    lambda.reset();
  });

  describe('list', () => {
    it('shows function, condition, attempts, error type and event kind, then releases every record', async () => {
      // Arrange
      givenRecords();
      // Act
      const r = await run(['list', '--queue', 'events', '--json']);
      // Assert
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as { queues: Record<string, unknown>[] };
      expect(json.queues).toEqual([
        {
          name: 'ace-events-async',
          dlq: `${EVENTS_FUNCTION}-async-dlq`,
          function: EVENTS_FUNCTION,
          depth: 2,
          complete: true,
          messages: [
            {
              queue: 'ace-events-async',
              messageId: 'm1',
              sentAt: new Date(SENT).toISOString(),
              dlqReceiveCount: 1,
              valid: true,
              kind: 'asyncFailure',
              function: EVENTS_FUNCTION,
              condition: 'RetriesExhausted',
              approximateInvokeCount: 3,
              requestId: '7d0c2f0e-5b9a-4c47-9a55-3c1f1e2d4b6a',
              failedAt: '2026-03-04T10:15:42.113Z',
              functionError: 'Unhandled',
              errorType: 'UpstreamError',
              eventKind: 'EventBridge "Opportunity Updated" (aws.partnercentral-selling)',
              reason: 'failed 3 attempts (UpstreamError)',
            },
            expect.objectContaining({
              messageId: 'm2',
              valid: false,
              reason: `cannot redrive: a record of ${PREFIX}-ace-submitter-submit, not of ${EVENTS_FUNCTION}`,
            }),
          ],
        },
      ]);
      expectNothingSecret(r.stdout + r.stderr);
      expect(released()).toEqual([
        ['rh-m1', 0],
        ['rh-m2', 0],
      ]);
      expect(sqs).toHaveReceivedCommandWith(ReceiveMessageCommand, {
        QueueUrl: EVENTS_DLQ,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 120,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        MessageAttributeNames: ['All'],
      });
      expect(sqs).toHaveReceivedCommandTimes(DeleteMessageCommand, 0);
      expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0);
    });

    it('prints a table of the summary on a terminal-less stdout, never the error message', async () => {
      givenRecords();
      const r = await run(['list', '--queue', 'ace-events-async']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('ace-events-async DLQ: 2 message(s)');
      const row = r.stdout.split('\n').find((l) => l.startsWith('ace-events-async  m1')) ?? '';
      for (const cell of [
        '2026-03-04 10:15:42',
        EVENTS_FUNCTION,
        'RetriesExhausted',
        ' 3 ',
        'UpstreamError',
        'EventBridge "Opportunity Updated" (aws.partnercentral-selling)',
      ])
        expect([cell, row.includes(cell)]).toEqual([cell, true]);
      expect(r.stdout).toContain(
        `m2: cannot redrive: a record of ${PREFIX}-ace-submitter-submit, not of ${EVENTS_FUNCTION}`
      );
      expectNothingSecret(r.stdout + r.stderr);
    });

    it('with --queue all, skips an on-failure queue whose variable is unset and names it', async () => {
      // Arrange: the work queues have no redrive policy here (nothing to read); one async queue is set.
      const work = {
        GOVWIN_SYNC_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/p-govwin-sync',
        SUBMIT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/p-ace-submit',
        UPDATE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/p-ace-update',
      };
      givenRecords([sqsMessage('m1', retriesExhaustedRecord())]);
      sqs
        .on(GetQueueAttributesCommand, { AttributeNames: ['QueueArn', 'RedrivePolicy'] })
        .resolves({
          Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:111122223333:p-x' },
        });
      // Act
      const r = await run(['list', '--json'], { env: { ...ENV, ...work } });
      // Assert
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as {
        queues: { name: string; depth: number }[];
        notConfigured: string[];
      };
      expect(json.queues.map((q) => [q.name, q.depth])).toEqual([
        ['govwin-sync', 0],
        ['ace-submit', 0],
        ['ace-update', 0],
        ['ace-events-async', 1],
      ]);
      expect(json.notConfigured).toEqual([
        'govwin-orchestrator-async',
        'ace-reconcile-async',
        'drift-report-async',
      ]);
    });

    it('answers exit 4 with one line when a named queue is not configured', async () => {
      const r = await run(['list', '--queue', 'reconcile']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(
        /^govwin-ace dlq: the ace-reconcile-async queue needs configuration: ACE_RECONCILE_ASYNC_DLQ_URL is required.*\n$/
      );
      expect(sqs).toHaveReceivedCommandTimes(ReceiveMessageCommand, 0);
    });

    it("answers exit 4 when the variable is another function's queue (a redrive must not reach it)", async () => {
      const r = await run(['list', '--queue', 'events'], {
        env: { ...ENV, ACE_EVENTS_ASYNC_DLQ_URL: queueUrlOf(`${PREFIX}-ace-submitter-submit`) },
      });
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(
        'govwin-ace dlq: the ace-events-async queue needs configuration: ACE_EVENTS_ASYNC_DLQ_URL must be the URL of the queue <prefix>-ace-submitter-events-async-dlq [CONFIG_INVALID]\n'
      );
      expect(sqs).toHaveReceivedCommandTimes(ReceiveMessageCommand, 0);
    });
  });

  describe('replay (redrive)', () => {
    it('re-invokes the function asynchronously with the original event, then deletes only that record', async () => {
      // Arrange
      givenRecords();
      lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
      const confirm = jest.fn<Confirm>(async () => true);
      // Act
      const r = await run(['replay', 'm1', '--queue', 'events'], { confirm });
      // Assert
      expect(r.code).toBe(0);
      expect(confirm).toHaveBeenCalledWith(
        `Re-invoke ${EVENTS_FUNCTION} (1) asynchronously with the original event of 1 failed run(s)?`
      );
      expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 1);
      expect(lambda).toHaveReceivedCommandWith(InvokeCommand, {
        FunctionName: EVENTS_FUNCTION,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(PARTNER_CENTRAL_EVENT)),
      });
      const sent = lambda.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array;
      expect(JSON.parse(new TextDecoder().decode(sent))).toEqual(PARTNER_CENTRAL_EVENT);
      expect(sqs).toHaveReceivedCommandTimes(DeleteMessageCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(DeleteMessageCommand, {
        QueueUrl: EVENTS_DLQ,
        ReceiptHandle: 'rh-m1',
      });
      const invoke = lambda.commandCalls(InvokeCommand)[0];
      const remove = sqs.commandCalls(DeleteMessageCommand)[0];
      expect(invoke && remove && invoke.calledBefore(remove)).toBe(true);
      expect(released()).toEqual([['rh-m2', 0]]);
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 0);
      expect(r.stdout).toContain(
        `replayed m1 (ace-events-async, ${EVENTS_FUNCTION}, EventBridge "Opportunity Updated" (aws.partnercentral-selling)) -> ${EVENTS_FUNCTION} invoked asynchronously (accepted)`
      );
      expectNothingSecret(r.stdout + r.stderr);
    });

    it('refuses without a terminal and without --yes: nothing invoked, nothing deleted, all released', async () => {
      givenRecords();
      const r = await run(['replay', '--all', '--queue', 'events'], {
        confirm: async () => undefined,
      });
      expect(r.code).toBe(6);
      expect(r.stderr).toBe(
        'govwin-ace dlq: refusing to redrive without a terminal to confirm on; pass --yes to confirm in a script\n'
      );
      expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0);
      expect(sqs).toHaveReceivedCommandTimes(DeleteMessageCommand, 0);
      expect(released()).toEqual([
        ['rh-m1', 0],
        ['rh-m2', 0],
      ]);
    });

    it('stops when the operator answers no', async () => {
      givenRecords();
      const r = await run(['replay', 'm1', '--queue', 'events'], { confirm: async () => false });
      expect(r.code).toBe(6);
      expect(r.stderr).toBe('govwin-ace dlq: redrive not confirmed; nothing replayed\n');
      expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0);
    });

    it('with --yes asks nothing, redrives the valid record and skips the one of another function', async () => {
      givenRecords();
      lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
      const confirm = jest.fn<Confirm>(async () => false);
      const r = await run(['replay', '--all', '--queue', 'events', '--yes', '--json'], { confirm });
      expect(r.code).toBe(1);
      expect(confirm).not.toHaveBeenCalled();
      expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 1);
      const json = JSON.parse(r.stdout) as {
        ok: boolean;
        replayed: { messageId: string; invoked: string }[];
        skipped: { messageId: string; why: string }[];
      };
      expect(json.ok).toBe(false);
      expect(json.replayed.map((d) => [d.messageId, d.invoked])).toEqual([['m1', EVENTS_FUNCTION]]);
      expect(json.skipped.map((s) => s.messageId)).toEqual(['m2']);
      expect(released()).toEqual([['rh-m2', 0]]);
      expectNothingSecret(r.stdout + r.stderr);
    });

    it('keeps the record when Lambda refuses the invoke (one line, no AWS error text)', async () => {
      givenRecords();
      lambda.on(InvokeCommand).rejects(
        Object.assign(new Error(`User is not authorized; ${SECRET_TEXT.email}`), {
          name: 'AccessDeniedException',
        })
      );
      const r = await run(['replay', 'm1', '--queue', 'events', '--yes']);
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(
        'govwin-ace dlq: Lambda: credentials missing or rejected (AccessDeniedException)\n'
      );
      expect(sqs).toHaveReceivedCommandTimes(DeleteMessageCommand, 0);
      expect(released()).toEqual([
        ['rh-m1', 0],
        ['rh-m2', 0],
      ]);
    });

    it('keeps the record when Lambda answers anything but 202', async () => {
      givenRecords();
      lambda.on(InvokeCommand).resolves({ StatusCode: 200 });
      const r = await run(['replay', 'm1', '--queue', 'events', '--yes']);
      expect(r.code).toBe(5);
      expect(r.stderr).toBe(
        `govwin-ace dlq: Lambda did not accept the event for ${EVENTS_FUNCTION} (status 200); record m1 stays in ace-events-async\n`
      );
      expect(sqs).toHaveReceivedCommandTimes(DeleteMessageCommand, 0);
    });

    it('says how to remove the record when the delete fails after an accepted invoke', async () => {
      givenRecords();
      lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
      sqs
        .on(DeleteMessageCommand)
        .rejects(Object.assign(new Error('internal'), { name: 'InternalError', $fault: 'server' }));
      const r = await run(['replay', 'm1', '--queue', 'events', '--yes']);
      expect(r.code).toBe(5);
      expect(r.stderr).toBe(
        `govwin-ace dlq: ${EVENTS_FUNCTION} accepted the event again, but record m1 could not be deleted (SQS: InternalError (service failure)); remove it with: govwin-ace dlq purge m1 --queue events\n`
      );
    });
  });

  describe('purge', () => {
    it('deletes the selected record without invoking anything', async () => {
      givenRecords();
      const r = await run(['purge', 'm2', '--queue', 'events', '--yes']);
      expect(r.code).toBe(0);
      expect(sqs).toHaveReceivedCommandTimes(DeleteMessageCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(DeleteMessageCommand, {
        QueueUrl: EVENTS_DLQ,
        ReceiptHandle: 'rh-m2',
      });
      expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0);
      expect(released()).toEqual([['rh-m1', 0]]);
    });

    it('names the real queue when asking', async () => {
      givenRecords();
      const confirm = jest.fn<Confirm>(async () => false);
      const r = await run(['purge', 'm1', '--queue', 'events'], { confirm });
      expect(r.code).toBe(6);
      expect(confirm).toHaveBeenCalledWith(
        `Delete 1 message(s) from ${EVENTS_FUNCTION}-async-dlq for good?`
      );
      expect(sqs).toHaveReceivedCommandTimes(DeleteMessageCommand, 0);
    });
  });

  describe('arguments', () => {
    it.each([
      {
        name: 'an unknown queue',
        args: ['list', '--queue', 'nope'],
        text: '--queue must be one of sync, submit, update, orchestrator, events, reconcile, drift-report, work, async, all',
      },
      {
        name: '--deal with only on-failure queues',
        args: ['replay', '--deal', '42', '--queue', 'async'],
        text: '--deal selects work-queue messages; records of failed runs have no deal',
      },
    ])('rejects $name with exit 2 before reading anything', async ({ args, text }) => {
      let stderr = '';
      const io: CommandIo = {
        stdout: { write: () => true },
        stderr: { write: (t: string) => (stderr += t) },
        env: ENV,
      };
      const code = await main(['dlq', ...args], io);
      expect(code).toBe(2);
      expect(stderr).toContain(text);
      expect(sqs.calls()).toHaveLength(0);
    });
  });
});
