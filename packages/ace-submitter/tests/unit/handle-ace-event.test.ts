import { AceApiError, type DedupState } from '@govwin-ace/shared-core';
import { describe, expect, it, jest } from '@jest/globals';
import { makeAceEventHandler } from '../../src/handle-ace-event';
import type { ReferralDeps } from '../../src/referrals';
import type { ReplayRequester } from '../../src/replay-request';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
  type RecordingLogger,
} from '../helpers/recorders';

const EVENT = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Opportunity Updated',
  source: 'aws.partnercentral-selling',
  account: '111122223333',
  time: '2026-11-23T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    schemaVersion: '1',
    catalog: 'Sandbox',
    opportunity: { identifier: 'O1234', url: 'x' },
  },
};

const setup = (state: DedupState, getOpportunity: () => Promise<never>) => {
  const dedup = {
    begin: jest.fn(async (_id: string) => state),
    complete: jest.fn(async (_id: string) => undefined),
    release: jest.fn(async (_id: string) => undefined),
  };
  const alerts = makeRecordingAlerts();
  const deps = {
    ace: { getOpportunity },
    dedup,
    alerts,
    logger: makeRecordingLogger(),
    metrics: makeRecordingMetrics(),
    settings: { catalog: 'Sandbox', awsAccountId: '111122223333' },
    replays: { request: jest.fn(async () => undefined) },
  } as unknown as ReferralDeps & { dedup: typeof dedup; replays: ReplayRequester };
  return {
    handle: makeAceEventHandler(deps),
    dedup,
    alerts,
    logger: deps.logger as RecordingLogger,
  };
};

const never = async (): Promise<never> => {
  throw new Error('not called');
};

describe('makeAceEventHandler', () => {
  it('ignores input that is not a Partner Central event, without touching the dedup table', async () => {
    // Arrange
    const { handle, dedup } = setup('acquired', never);

    // Act & Assert
    expect(await handle({ ...EVENT, source: 'aws.ec2' })).toEqual({
      status: 'ignored',
      reason: 'invalid event',
    });
    expect(await handle({ ...EVENT, id: 'not-a-uuid' })).toMatchObject({ status: 'ignored' });
    expect(dedup.begin).not.toHaveBeenCalled();
  });

  it('answers a processed event as a duplicate and retries one another invocation holds', async () => {
    // Act & Assert
    expect(await setup('done', never).handle(EVENT)).toEqual({ status: 'duplicate' });
    const held = setup('in-progress', never);
    await expect(held.handle(EVENT)).rejects.toMatchObject({
      code: 'EVENT_IN_PROGRESS',
      retryable: true,
    });
    expect(held.logger.text()).toContain('"event will be retried"');
    expect(held.logger.text()).toContain('"code":"EVENT_IN_PROGRESS"');
  });

  it('releases the lease and throws on a retryable failure (EventBridge retries, then the DLQ)', async () => {
    // Arrange
    const throttled = new AceApiError({
      kind: 'throttling',
      operation: 'GetOpportunity',
      awsName: 'ThrottlingException',
    });
    const { handle, dedup, logger } = setup('acquired', async () => {
      throw throttled;
    });

    // Act & Assert
    await expect(handle(EVENT)).rejects.toBe(throttled);
    expect(dedup.release).toHaveBeenCalledWith(EVENT.id);
    expect(dedup.complete).not.toHaveBeenCalled();
    const warned = logger.lines.map((l) => JSON.parse(l) as { level: string; args: unknown[] });
    expect(warned).toContainEqual({
      level: 'warn',
      args: [
        'event will be retried',
        { eventId: EVENT.id, type: 'Opportunity Updated', code: throttled.code },
      ],
    });
  });

  it('alerts, marks done and reports failed on a permanent failure', async () => {
    // Arrange
    const { handle, dedup, alerts } = setup('acquired', async () => {
      throw new AceApiError({
        kind: 'access-denied',
        operation: 'GetOpportunity',
        awsName: 'AccessDeniedException',
      });
    });

    // Act
    const out = await handle(EVENT);

    // Assert
    expect(out).toEqual({ status: 'failed', reason: 'ACE_ACCESS_DENIED' });
    expect(dedup.complete).toHaveBeenCalledWith(EVENT.id);
    expect(alerts.alerts).toEqual([
      {
        kind: 'event-failed',
        subject: `ACE event could not be applied: ${EVENT.id}`,
        message: `eventId: ${EVENT.id}\ntype: Opportunity Updated\ncode: ACE_ACCESS_DENIED`,
      },
    ]);
  });
});
