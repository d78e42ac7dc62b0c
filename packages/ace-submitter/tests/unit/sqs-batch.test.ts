import { ValidationError } from '@govwin-ace/shared-core';
import { describe, expect, it, jest } from '@jest/globals';
import { runSqsBatch } from '../../src/sqs-batch';
import { anUpdateMessage, aSubmitMessage, sqsEvent, sqsRecord } from '../helpers/messages';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
} from '../helpers/recorders';

const setup = (maxReceiveCount = 5) => {
  const alerts = makeRecordingAlerts();
  const metrics = makeRecordingMetrics();
  return {
    alerts,
    metrics,
    deps: {
      logger: makeRecordingLogger(),
      alerts,
      metrics,
      queue: 'submit' as const,
      maxReceiveCount,
    },
  };
};

describe('runSqsBatch', () => {
  it('reports exactly the failed records, retryable or not, so nothing is consumed silently', async () => {
    // Arrange
    const { deps } = setup();
    const handle = jest.fn(async (msg: { dealId: string }, _meta: { receiveCount: number }) => {
      if (msg.dealId === '2') throw new ValidationError('bad deal');
      if (msg.dealId === '3') throw new Error('socket hang up');
      return { status: 'submitted' };
    });

    // Act
    const out = await runSqsBatch(
      sqsEvent(
        sqsRecord(aSubmitMessage('1'), 'm1'),
        sqsRecord(aSubmitMessage('2'), 'm2'),
        sqsRecord(aSubmitMessage('3'), 'm3')
      ),
      handle as never,
      deps
    );

    // Assert
    expect(out).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }],
    });
    expect(handle.mock.calls.map(([m]) => m.dealId)).toEqual(['1', '2', '3']);
    expect(handle.mock.calls[0]?.[1]).toEqual({ receiveCount: 1 });
  });

  it('fails a malformed body and a message for the other queue without calling the use case', async () => {
    // Arrange
    const { deps, alerts } = setup();
    const handle = jest.fn(async () => ({ status: 'x' }));

    // Act
    const out = await runSqsBatch(
      sqsEvent(sqsRecord('{not json', 'bad'), sqsRecord(anUpdateMessage('4', 'dealname'), 'wrong')),
      handle,
      deps
    );

    // Assert
    expect(out.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['bad', 'wrong']);
    expect(handle).not.toHaveBeenCalled();
    expect(alerts.alerts.map((a) => a.kind)).toEqual(['malformed-message']);
  });

  it('alerts when a record fails on its last delivery (it is about to reach the DLQ)', async () => {
    // Arrange
    const { deps, alerts, metrics } = setup(5);
    const handle = jest.fn(async () => {
      throw Object.assign(new Error('throttled'), { code: 'ACE_THROTTLED', retryable: true });
    });

    // Act
    await runSqsBatch(sqsEvent(sqsRecord(aSubmitMessage('9'), 'm9', 5)), handle, deps);

    // Assert
    expect(alerts.alerts).toEqual([
      {
        kind: 'dead-lettered',
        subject: 'ACE submit message moved to the DLQ',
        message: 'queue: submit\nmessageId: m9\ndealId: 9\ncode: ACE_THROTTLED',
      },
    ]);
    expect(metrics.counts).toEqual({ Throttles: 1, DlqMessages: 1, AlertsRaised: 1 });
  });
});
