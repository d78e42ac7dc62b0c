// createReferralDeal creates a referral deal only under the invitation's claim: the branches the DynamoDB
// race test cannot stage on demand (claim lost while stalled, a create that failed after it was sent, an
// invitation that is not a referral) and how the events handler reports a claim held elsewhere.
import { isRetryable } from '@govwin-ace/shared-core';
import { describe, expect, it, jest } from '@jest/globals';
import { ReferralInProgressError } from '../../src/errors';
import { makeAceEventHandler } from '../../src/handle-ace-event';
import { createReferralDeal, type ReferralDeps } from '../../src/referrals';
import { makeFakeDealStore } from '../helpers/fake-deal-store';
import {
  aPendingInvitation,
  makeMemoryClaims,
  makeMemoryRepo,
  PARTNER,
  REFERRAL_STAGE,
  T0,
} from '../helpers/reconcile-fakes';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
} from '../helpers/recorders';

const INV = 'engi-claimtest0001';

const setup = (invitation = aPendingInvitation(INV)) => {
  let now = T0;
  const repo = makeMemoryRepo();
  const claims = makeMemoryClaims(repo, () => now, 120_000);
  const deals = makeFakeDealStore();
  const ace = { getEngagementInvitation: jest.fn(async (_id: string) => invitation) };
  const deps = {
    ace,
    repo,
    deals,
    invitationClaims: claims,
    audit: { append: async () => undefined },
    alerts: makeRecordingAlerts(),
    logger: makeRecordingLogger(),
    metrics: makeRecordingMetrics(),
    settings: {
      pipelineId: 'govwin-pipeline',
      referralStageId: REFERRAL_STAGE,
      awsAccountId: PARTNER,
    },
    now: () => now,
  } as unknown as ReferralDeps;
  const creates = () => deals.writes.filter((w) => w.op === 'create');
  return { deps, repo, claims, deals, ace, creates, advance: (ms: number) => (now += ms) };
};

describe('createReferralDeal › the invitation claim', () => {
  it('creates and binds the deal when it holds the claim', async () => {
    // Arrange
    const { deps, repo, creates } = setup();
    // Act
    const out = await createReferralDeal(deps, INV, 'evt-1');
    // Assert
    expect(out).toEqual({ status: 'referral-created', dealId: creates()[0]?.dealId });
    expect(repo.invitations.get(INV)).toBe(out.dealId);
  });

  it('throws a retryable in-progress error, and reads nothing from AWS, while another caller holds it', async () => {
    // Arrange
    const { deps, claims, ace, creates } = setup();
    expect((await claims.claim(INV)).status).toBe('acquired');
    // Act & Assert
    const err = await createReferralDeal(deps, INV, 'evt-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReferralInProgressError);
    expect(isRetryable(err)).toBe(true);
    expect(ace.getEngagementInvitation).not.toHaveBeenCalled();
    expect(creates()).toEqual([]);
  });

  it('answers duplicate when the deal got bound between its first look and its claim', async () => {
    // Arrange: the reverse row is bound by the time the claim is attempted.
    const { deps, repo, creates } = setup();
    const firstLook = repo.findDealByInvitation;
    repo.findDealByInvitation = async (id: string) => {
      const seen = await firstLook(id);
      repo.invitations.set(INV, '4242');
      return seen;
    };
    // Act
    const out = await createReferralDeal(deps, INV, 'evt-1');
    // Assert
    expect(out).toEqual({ status: 'duplicate', dealId: '4242' });
    expect(creates()).toEqual([]);
  });

  it('does not create when its claim expired and was taken over while it stalled', async () => {
    // Arrange: this caller stalls in the HubSpot lookup past its lease; another caller claims meanwhile.
    const { deps, deals, claims, advance, creates } = setup();
    const lookup = deals.findDealByProperty;
    deals.findDealByProperty = async (property, value) => {
      advance(121_000);
      expect((await claims.claim(INV)).status).toBe('acquired');
      return lookup(property, value);
    };
    // Act & Assert
    await expect(createReferralDeal(deps, INV, 'evt-1')).rejects.toBeInstanceOf(
      ReferralInProgressError
    );
    expect(creates()).toEqual([]);
  });

  it('gives the claim back when the invitation is not a pending referral', async () => {
    // Arrange
    const { deps, claims, creates } = setup({ ...aPendingInvitation(INV), Status: 'EXPIRED' });
    // Act
    const out = await createReferralDeal(deps, INV, 'evt-1');
    // Assert
    expect(out).toEqual({ status: 'ignored', reason: 'invitation EXPIRED' });
    expect(creates()).toEqual([]);
    expect(claims.log).toEqual([`claim:${INV}`, `release:${INV}`]);
    expect((await claims.claim(INV)).status).toBe('acquired');
  });

  it('keeps the claim after a create that failed once sent, and the next holder binds that deal', async () => {
    // Arrange: HubSpot made the deal but the answer was lost (a timeout after the write).
    const { deps, deals, claims, advance, creates } = setup();
    const create = deals.createDeal;
    deals.createDeal = async (input) => {
      await create(input);
      throw Object.assign(new Error('HubSpot timed out'), { retryable: true });
    };
    await expect(createReferralDeal(deps, INV, 'evt-1')).rejects.toThrow('HubSpot timed out');
    deals.createDeal = create;

    // Act & Assert: still held right after the failure ...
    await expect(createReferralDeal(deps, INV, 'evt-2')).rejects.toBeInstanceOf(
      ReferralInProgressError
    );
    expect(claims.log).not.toContain(`release:${INV}`);
    // ... and once the lease ran out the next holder finds the deal instead of making a second one.
    advance(120_000);
    const out = await createReferralDeal(deps, INV, 'evt-3');
    expect(creates()).toHaveLength(1);
    expect(out).toEqual({ status: 'referral-created', dealId: creates()[0]?.dealId });
  });
});

/** The events handler over `setup()`'s deps, with a recording event lease. */
const eventHandler = (deps: ReferralDeps) => {
  const dedup = {
    begin: jest.fn(async (_id: string) => 'acquired' as const),
    complete: jest.fn(async (_id: string) => undefined),
    release: jest.fn(async (_id: string) => undefined),
  };
  const handle = makeAceEventHandler({
    ...deps,
    dedup,
    replays: { request: async () => undefined },
    settings: { ...deps.settings, catalog: 'Sandbox' },
  } as unknown as Parameters<typeof makeAceEventHandler>[0]);
  return { dedup, handle };
};

/** An `Engagement Invitation Created` event for INV. */
const invitationCreated = (id: string) => ({
  version: '0',
  id,
  'detail-type': 'Engagement Invitation Created',
  source: 'aws.partnercentral-selling',
  account: PARTNER,
  time: '2026-11-23T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { schemaVersion: '1', catalog: 'Sandbox', engagementInvitation: { id: INV } },
});

describe('makeAceEventHandler › Engagement Invitation Created after its own attempt crashed', () => {
  it('resumes the claim the crashed attempt held and binds the deal that attempt created', async () => {
    // Arrange: the first attempt claimed as this event, created the deal, and died before binding it.
    const { deps, claims, deals, repo, creates } = setup();
    const eventId = '0c2d6e0a-5f7b-4d3e-8a91-6b2c4f1e9d70';
    expect((await claims.claim(INV, `event:${eventId}`)).status).toBe('acquired');
    const orphan = await deals.createDeal({
      properties: { govwin_ace_invitation_id: INV, dealname: 'Referral' },
      pipelineId: 'govwin-pipeline',
      stageId: REFERRAL_STAGE,
    });
    const { dedup, handle } = eventHandler(deps);

    // Act: Lambda's retry of the same event, long before the claim's lease would run out.
    const out = await handle(invitationCreated(eventId));

    // Assert: no second deal; the orphan is bound; the event is done.
    expect(out).toMatchObject({ dealId: orphan.id });
    expect(creates()).toHaveLength(1);
    expect(repo.invitations.get(INV)).toBe(orphan.id);
    expect(dedup.complete).toHaveBeenCalledWith(eventId);
  });
});

describe('makeAceEventHandler › Engagement Invitation Created while the claim is held', () => {
  it('releases the event lease and throws, so the event is retried instead of lost', async () => {
    // Arrange
    const { deps, claims } = setup();
    await claims.claim(INV);
    const { dedup, handle } = eventHandler(deps);
    const event = invitationCreated('6a7e8feb-b491-4cf7-a9f1-bf3703467719');
    // Act & Assert
    await expect(handle(event)).rejects.toBeInstanceOf(ReferralInProgressError);
    expect(dedup.release).toHaveBeenCalledWith(event.id);
    expect(dedup.complete).not.toHaveBeenCalled();
  });
});
