// doctor's lines for the on-failure queues of the asynchronously invoked functions (mocked SQS), and the
// fix it names for each kind of DLQ depth alarm.
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { alarmFix, checkAsyncQueues } from '../../../src/commands/doctor-checks';
import { makeOpsRuntime } from '../../../src/ops/ops-runtime';
import { EVENTS_FUNCTION, PREFIX, queueUrlOf } from '../../helpers/async-failure-records';

const sqs = mockClient(SQSClient);

const ALL_SET = {
  AWS_REGION: 'us-east-1',
  GOVWIN_ORCHESTRATOR_ASYNC_DLQ_URL: queueUrlOf(`${PREFIX}-govwin-poller-orchestrator`),
  ACE_EVENTS_ASYNC_DLQ_URL: queueUrlOf(EVENTS_FUNCTION),
  ACE_RECONCILE_ASYNC_DLQ_URL: queueUrlOf(`${PREFIX}-ace-submitter-reconcile`),
  DRIFT_REPORT_ASYNC_DLQ_URL: queueUrlOf(`${PREFIX}-cli-drift-report`),
};

const check = async (env: Record<string, string>) => {
  const rt = makeOpsRuntime(env, { maxAttempts: 1 });
  try {
    return await checkAsyncQueues(rt);
  } finally {
    rt.close();
  }
};

describe('checkAsyncQueues', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' },
    });
  });

  it('passes every queue that holds no record, naming its function', async () => {
    const lines = await check(ALL_SET);
    expect(lines.map((l) => [l.name, l.status, l.detail])).toEqual([
      [
        'queue govwin-orchestrator-async',
        'ok',
        `no failed runs of ${PREFIX}-govwin-poller-orchestrator`,
      ],
      ['queue ace-events-async', 'ok', `no failed runs of ${EVENTS_FUNCTION}`],
      ['queue ace-reconcile-async', 'ok', `no failed runs of ${PREFIX}-ace-submitter-reconcile`],
      ['queue drift-report-async', 'ok', `no failed runs of ${PREFIX}-cli-drift-report`],
    ]);
    expect(sqs).toHaveReceivedCommandWith(GetQueueAttributesCommand, {
      QueueUrl: queueUrlOf(EVENTS_FUNCTION),
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    });
  });

  it('fails the line of a queue holding records (waiting or held by a reader), with the dlq command', async () => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: queueUrlOf(EVENTS_FUNCTION) }).resolves({
      Attributes: { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '1' },
    });
    const lines = await check(ALL_SET);
    expect(lines.find((l) => l.name === 'queue ace-events-async')).toEqual({
      name: 'queue ace-events-async',
      status: 'fail',
      detail: `3 failed run(s) of ${EVENTS_FUNCTION} kept`,
      fix: 'govwin-ace dlq list --queue events (docs/operations.md#failed-asynchronous-runs)',
    });
    expect(lines.filter((l) => l.status === 'ok')).toHaveLength(3);
  });

  it('warns about unset variables against a deployed stack', async () => {
    const lines = await check({ AWS_REGION: 'us-east-1' });
    expect(lines[1]).toEqual({
      name: 'queue ace-events-async',
      status: 'warn',
      detail:
        'ACE_EVENTS_ASYNC_DLQ_URL not set: failed runs of ace-submitter-events are not checked',
      fix: "export the stack's operator_environment again (docs/operations.md#configuration)",
    });
    expect(lines.map((l) => l.status)).toEqual(['warn', 'warn', 'warn', 'warn']);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('skips unset variables on the local runtime, which has no such queues', async () => {
    const lines = await check({
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566',
    });
    expect(lines.map((l) => [l.status, l.detail])).toEqual([
      ['skip', 'GOVWIN_ORCHESTRATOR_ASYNC_DLQ_URL not configured'],
      ['skip', 'ACE_EVENTS_ASYNC_DLQ_URL not configured'],
      ['skip', 'ACE_RECONCILE_ASYNC_DLQ_URL not configured'],
      ['skip', 'DRIFT_REPORT_ASYNC_DLQ_URL not configured'],
    ]);
  });

  it('fails a malformed variable by name without calling SQS for it', async () => {
    const lines = await check({
      ...ALL_SET,
      DRIFT_REPORT_ASYNC_DLQ_URL: queueUrlOf(`${PREFIX}-cli-drift-report-dlq`),
    });
    const line = lines.find((l) => l.name === 'queue drift-report-async');
    expect(line?.status).toBe('fail');
    expect(line?.detail).toContain(
      'DRIFT_REPORT_ASYNC_DLQ_URL must be the URL of the queue <prefix>-cli-drift-report-async-dlq'
    );
    expect(sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 3);
  });
});

describe('alarmFix', () => {
  it.each([
    [
      `${PREFIX}-ace-submitter-events-async-dlq-depth`,
      'govwin-ace dlq list --queue events (docs/operations.md#failed-asynchronous-runs)',
    ],
    [
      `${PREFIX}-cli-drift-report-async-dlq-depth`,
      'govwin-ace dlq list --queue drift-report (docs/operations.md#failed-asynchronous-runs)',
    ],
    [`${PREFIX}-ace-events-dlq-depth`, 'docs/operations.md#undeliverable-events-and-ticks'],
    [`${PREFIX}-drift-report-dlq-depth`, 'docs/operations.md#undeliverable-events-and-ticks'],
    [
      `${PREFIX}-ace-submit-dlq-depth`,
      'govwin-ace dlq list (docs/operations.md#dead-letter-queues)',
    ],
    [
      `${PREFIX}-ace-reconcile-sweeps-stopped-early`,
      'docs/operations.md#reconcile-sweep-stopped-early',
    ],
    [`${PREFIX}-govwin-sync-audit-failures`, 'docs/operations.md#govwin-sync-audit-failures'],
  ])('%s -> %s', (alarm, fix) => {
    expect(alarmFix(alarm)).toBe(fix);
  });
});
