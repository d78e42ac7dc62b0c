// The accept core's edges that the simulator cannot stage on demand (a conflict between the pending check
// and the call, a transient fault, a permanent one), and the submit queue's routing of acceptReferral.
import { AceApiError } from '@govwin-ace/shared-core';
import { describe, expect, it, jest } from '@jest/globals';
import { makeAcceptReferral } from '../../src/accept-referral';
import type { SubmitterDeps } from '../../src/context';
import { runSqsBatch } from '../../src/sqs-batch';
import { makeFakeDealStore } from '../helpers/fake-deal-store';
import { aSubmitMessage, sqsEvent, sqsRecord } from '../helpers/messages';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
} from '../helpers/recorders';
import { anAcceptMessage } from '../helpers/referrals';

const INV = 'engi-0123456789abc';
const DEAL = '77';
const NOW = Date.parse('2026-11-23T12:00:00Z');

const aceError = (kind: 'conflict' | 'internal' | 'access-denied', awsName: string) =>
  new AceApiError({
    kind,
    operation: 'StartEngagementByAcceptingInvitationTask',
    awsName,
    awsMessage: 'Customer Canary Agency cannot be referred',
  });

const setup = (
  start: (invitationId: string, token: string) => Promise<never>,
  statusAfterConflict = 'EXPIRED'
) => {
  const deals = makeFakeDealStore();
  deals.deals.set(DEAL, {
    dealstage: 's-referral',
    govwin_ace_invitation_id: INV,
    govwin_ace_invitation_status: 'ACCEPTING',
  });
  let gets = 0;
  const ace = {
    listAcceptTasksForInvitation: jest.fn(async () => []),
    getEngagementInvitation: jest.fn(async () => {
      gets += 1;
      return {
        Id: INV,
        Catalog: 'Sandbox',
        Status: gets === 1 ? 'PENDING' : statusAfterConflict,
        ExpirationDate: new Date(NOW + 86_400_000),
      };
    }),
    startEngagementByAcceptingInvitationTask: jest.fn(start),
  };
  const repo = {
    findDealByInvitation: jest.fn(async () => DEAL),
    get: jest.fn(async () => ({ dealId: DEAL, invitationId: INV, clientTokens: {}, steps: {} })),
    reserveClientToken: jest.fn(async () => 'tok-1'),
    update: jest.fn(async () => undefined),
  };
  const alerts = makeRecordingAlerts();
  const auditRows: { operation: string; outcome: string }[] = [];
  const deps = {
    ace,
    repo,
    deals,
    audit: { append: async (e: { operation: string; outcome: string }) => auditRows.push(e) },
    alerts,
    logger: makeRecordingLogger(),
    metrics: makeRecordingMetrics(),
    settings: {
      catalog: 'Sandbox',
      referralStageId: 's-referral',
      stageIds: { closedLost: 'closedlost' },
    },
    now: () => NOW,
    newToken: () => 'tok-new',
  } as unknown as SubmitterDeps;
  return { accept: makeAcceptReferral(deps), ace, deals, alerts, auditRows };
};

describe('makeAcceptReferral', () => {
  it('turns a conflict from an invitation that expired after the check into the expired refusal', async () => {
    // Arrange
    const { accept, ace, deals } = setup(async () => {
      throw aceError('conflict', 'ConflictException');
    });

    // Act
    const outcome = await accept(anAcceptMessage(DEAL, INV), { receiveCount: 1 });

    // Assert
    expect(outcome).toEqual({ status: 'refused', reason: 'expired' });
    expect(ace.startEngagementByAcceptingInvitationTask).toHaveBeenCalledWith(INV, 'tok-1');
    expect(deals.deals.get(DEAL)).toMatchObject({
      govwin_ace_invitation_status: 'EXPIRED',
      dealstage: 'closedlost',
    });
  });

  it('rethrows a conflict while the invitation is still pending (retryable: SQS redelivers), noting nothing', async () => {
    // Arrange
    const { accept, deals, alerts } = setup(async () => {
      throw aceError('conflict', 'ConflictException');
    }, 'PENDING');

    // Act & Assert
    await expect(accept(anAcceptMessage(DEAL, INV), { receiveCount: 1 })).rejects.toMatchObject({
      code: 'ACE_CONFLICT',
      retryable: true,
    });
    expect(deals.writes).toEqual([]);
    expect(alerts.alerts).toEqual([]);
  });

  it('on a permanent failure at first delivery: alerts, reopens the referral and writes a redacted note', async () => {
    // Arrange
    const { accept, deals, alerts, auditRows } = setup(async () => {
      throw aceError('access-denied', 'AccessDeniedException');
    });

    // Act & Assert
    await expect(accept(anAcceptMessage(DEAL, INV), { receiveCount: 1 })).rejects.toMatchObject({
      code: 'ACE_ACCESS_DENIED',
    });
    expect(alerts.alerts.map((a) => a.kind)).toEqual(['referral-accept-failed']);
    const deal = deals.deals.get(DEAL);
    expect(deal?.govwin_ace_invitation_status).toBe('PENDING');
    expect(deal?.govwin_ace_status_note).toMatch(
      /^AWS StartEngagementByAcceptingInvitationTask failed \(AccessDeniedException\)/
    );
    expect(JSON.stringify([alerts.alerts, auditRows])).not.toContain('Canary');
    expect(auditRows.map((r) => [r.operation, r.outcome])).toContainEqual([
      'partnercentral:StartEngagementByAcceptingInvitationTask',
      'failure',
    ]);
  });

  it('does not note or alert again on a redelivery of a permanently failed message', async () => {
    const { accept, deals, alerts } = setup(async () => {
      throw aceError('access-denied', 'AccessDeniedException');
    });
    await expect(accept(anAcceptMessage(DEAL, INV), { receiveCount: 2 })).rejects.toMatchObject({
      code: 'ACE_ACCESS_DENIED',
    });
    expect(alerts.alerts).toEqual([]);
    expect(deals.writes).toEqual([]);
  });
});

describe('runSqsBatch routing of acceptReferral', () => {
  const deps = () => ({
    logger: makeRecordingLogger(),
    alerts: makeRecordingAlerts(),
    metrics: makeRecordingMetrics(),
    maxReceiveCount: 5,
  });

  it('hands acceptReferral to its use case and submit to the submit use case on the submit queue', async () => {
    // Arrange
    const submit = jest.fn(async () => ({ status: 'submitted' }));
    const acceptReferral = jest.fn(async (_msg: unknown, _meta: unknown) => ({
      status: 'accepting',
    }));

    // Act
    const out = await runSqsBatch(
      sqsEvent(
        sqsRecord(anAcceptMessage(DEAL, INV), 'm1', 2),
        sqsRecord(aSubmitMessage('42'), 'm2')
      ),
      submit,
      { ...deps(), queue: 'submit', acceptReferral }
    );

    // Assert
    expect(out).toEqual({ batchItemFailures: [] });
    expect(acceptReferral).toHaveBeenCalledWith(anAcceptMessage(DEAL, INV), { receiveCount: 2 });
    expect(submit).toHaveBeenCalledTimes(1);
  });

  it.each([
    { name: 'the update queue', queue: 'update' as const, withHandler: true },
    {
      name: 'a submit queue without an accept handler',
      queue: 'submit' as const,
      withHandler: false,
    },
  ])(
    'fails an acceptReferral message on $name (to the DLQ), calling nothing',
    async ({ queue, withHandler }) => {
      // Arrange
      const handle = jest.fn(async () => ({ status: 'x' }));
      const acceptReferral = jest.fn(async () => ({ status: 'x' }));
      const d = deps();

      // Act
      const out = await runSqsBatch(sqsEvent(sqsRecord(anAcceptMessage(DEAL, INV), 'm1')), handle, {
        ...d,
        queue,
        ...(withHandler ? { acceptReferral } : {}),
      });

      // Assert
      expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
      expect(handle).not.toHaveBeenCalled();
      expect(acceptReferral).not.toHaveBeenCalled();
      expect((d.logger as unknown as { text(): string }).text()).toContain('WRONG_QUEUE');
    }
  );
});
