import type { ReplayParkedInput } from '@govwin-ace/hubspot-webhook-receiver';
import type { DedupState } from '@govwin-ace/shared-core';
import { describe, expect, it, jest } from '@jest/globals';
import { conditionId } from '../../src/alert-once';
import { makeAceEventHandler } from '../../src/handle-ace-event';
import type { ReferralDeps } from '../../src/referrals';
import { ReplayRequestError, type ReplayRequester } from '../../src/replay-request';
import { makeFakeDealStore } from '../helpers/fake-deal-store';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
} from '../helpers/recorders';

const NOW = Date.parse('2026-11-23T12:00:30.000Z');
const VERSION = '2026-11-23T11:59:30.000Z';
const EVENT_ID = '6a7e8feb-b491-4cf7-a9f1-bf3703467718';
const EVENT = {
  version: '0',
  id: EVENT_ID,
  'detail-type': 'Opportunity Updated',
  source: 'aws.partnercentral-selling',
  account: '111122223333',
  time: '2026-11-23T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { schemaVersion: '1', catalog: 'Sandbox', opportunity: { identifier: 'O1234' } },
};
const STAGES = {
  submitted: 's-sub',
  inReview: 's-rev',
  approved: 's-app',
  actionRequired: 's-act',
  closedLost: 'closedlost',
  closedWon: 'closedwon',
};

const setup = (
  reviewStatus: string,
  parked: string[],
  request?: ReplayRequester['request'],
  requestState: DedupState = 'acquired'
) => {
  const dedup = {
    // The event itself is new; the replay request's once-key answers `requestState`.
    begin: jest.fn(
      async (id: string): Promise<DedupState> => (id === EVENT_ID ? 'acquired' : requestState)
    ),
    complete: jest.fn(async (_id: string) => undefined),
    release: jest.fn(async (_id: string) => undefined),
  };
  const writes = {
    createOpportunity: jest.fn(),
    updateOpportunity: jest.fn(),
    associate: jest.fn(),
    disassociate: jest.fn(),
    startEngagementFromOpportunityTask: jest.fn(),
    startEngagementByAcceptingInvitationTask: jest.fn(),
  };
  const deals = makeFakeDealStore();
  deals.deals.set('42', { dealstage: STAGES.submitted, govwin_aws_cosell_id: 'O1234' });
  const replays = { request: jest.fn(request ?? (async (_: ReplayParkedInput) => undefined)) };
  const deps = {
    ace: {
      ...writes,
      getOpportunity: async () => ({
        Id: 'O1234',
        Catalog: 'Sandbox',
        LastModifiedDate: new Date(VERSION),
        LifeCycle: { ReviewStatus: reviewStatus },
      }),
    },
    repo: {
      findDealByAceId: async (id: string) => (id === 'O1234' ? '42' : undefined),
      get: async () => ({ dealId: '42', aceOpportunityId: 'O1234', parkedEdits: parked }),
      update: jest.fn(async () => undefined),
    },
    deals,
    audit: { append: jest.fn(async () => undefined) },
    dedup,
    replays,
    alerts: makeRecordingAlerts(),
    logger: makeRecordingLogger(),
    metrics: makeRecordingMetrics(),
    settings: { catalog: 'Sandbox', awsAccountId: '111122223333', stageIds: STAGES },
    now: () => NOW,
  } as unknown as ReferralDeps & { dedup: typeof dedup; replays: ReplayRequester };
  return { handle: makeAceEventHandler(deps), dedup, replays, writes, deals };
};

describe('makeAceEventHandler › review exit with parked edits', () => {
  it.each(['Approved', 'Action Required'])(
    'hands the replay to the update queue (one request) and writes nothing to Partner Central when AWS reports %s',
    async (status) => {
      // Arrange
      const { handle, replays, writes, deals } = setup(status, ['closedate', 'dealname']);

      // Act
      const out = await handle(EVENT);

      // Assert
      expect(out).toEqual({ status: 'mirrored', dealId: '42', replayRequested: true });
      expect(replays.request).toHaveBeenCalledTimes(1);
      expect(replays.request).toHaveBeenCalledWith({
        dealId: '42',
        aceOpportunityId: 'O1234',
        catalog: 'Sandbox',
        requestedAt: '2026-11-23T12:00:30.000Z',
        correlationId: EVENT_ID,
      });
      for (const write of Object.values(writes)) expect(write).not.toHaveBeenCalled();
      expect(deals.deals.get('42')?.govwin_aws_cosell_status).toBe(status);
    }
  );

  it.each([
    { name: 'the review is still running', status: 'In review', parked: ['dealname'] },
    { name: 'nothing is parked', status: 'Approved', parked: [] },
  ])('requests no replay when $name', async ({ status, parked }) => {
    // Arrange
    const { handle, replays } = setup(status, parked);

    // Act
    const out = await handle(EVENT);

    // Assert
    expect(out).toEqual({ status: 'mirrored', dealId: '42' });
    expect(replays.request).not.toHaveBeenCalled();
  });

  it('requests once per opportunity version: another event of the same review end sends nothing', async () => {
    // Arrange: the once-key of this opportunity version was completed by an earlier event.
    const { handle, replays, dedup } = setup('Approved', ['dealname'], undefined, 'done');

    // Act
    const out = await handle(EVENT);

    // Assert
    expect(out).toEqual({ status: 'mirrored', dealId: '42' });
    expect(replays.request).not.toHaveBeenCalled();
    expect(dedup.begin).toHaveBeenCalledWith(conditionId(`replay:42:O1234:${VERSION}`));
  });

  it('releases the lease and throws (EventBridge redelivers) when the request cannot be queued', async () => {
    // Arrange
    const { handle, dedup } = setup('Approved', ['dealname'], async () => {
      throw new ReplayRequestError(
        'replay request for deal 42 not queued (KMS.ThrottlingException)'
      );
    });

    // Act & Assert
    await expect(handle(EVENT)).rejects.toMatchObject({
      code: 'REPLAY_REQUEST_NOT_QUEUED',
      retryable: true,
    });
    expect(dedup.release).toHaveBeenCalledWith(EVENT_ID);
    expect(dedup.release).toHaveBeenCalledWith(conditionId(`replay:42:O1234:${VERSION}`));
    expect(dedup.complete).not.toHaveBeenCalled();
  });
});
