import { DEAL_PROP } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import {
  ACCOUNT,
  bodyOf,
  NOW,
  REFERRAL,
  signedPost,
  type WritesApp,
  writesApp,
} from '../helpers/writes-app';

const INV = 'engi-0000000000abc';

const seedReferral = (app: WritesApp, over: Record<string, unknown> = {}) => {
  app.deals.deals.set('77', {
    [DEAL_PROP.dealName]: 'AWS referral: data lake',
    [DEAL_PROP.pipeline]: 'govwin-pipeline',
    [DEAL_PROP.dealStage]: REFERRAL,
    [DEAL_PROP.invitationId]: INV,
    [DEAL_PROP.invitationStatus]: 'PENDING',
  });
  app.rows.set('77', {
    dealId: '77',
    invitationId: INV,
    clientTokens: {},
    steps: {},
    parkedEdits: [],
    updatedAt: '',
  });
  app.pc.invitations.set(INV, {
    Id: INV,
    Catalog: 'Sandbox',
    Status: 'PENDING',
    ExpirationDate: new Date(NOW + 5 * 86_400_000),
    Receiver: { Account: { AwsAccountId: ACCOUNT } },
    ...over,
  });
};

describe('POST /ui-extension/referral/accept', () => {
  it('accepts the pending invitation bound to the deal and records it, auditing the rep', async () => {
    const app = writesApp();
    seedReferral(app);
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: INV })
    );
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({ status: 'accepted', invitationId: INV });
    expect(app.pc.names()).toEqual(['GetEngagementInvitation', 'AcceptEngagementInvitation']);
    expect(app.pc.calls[1]?.input).toEqual({ Catalog: 'Sandbox', Identifier: INV });
    expect(app.deals.deals.get('77')?.[DEAL_PROP.invitationStatus]).toBe('ACCEPTED');
    expect(app.audit.map((a) => [a.actor, a.operation, a.ids.invitationId ?? ''])).toEqual([
      ['hubspot-user:7001', 'partnercentral:AcceptEngagementInvitation', INV],
      ['hubspot-user:7001', 'hubspot:UpdateDeal', ''],
    ]);
  });

  it.each([
    { name: 'already answered', over: { Status: 'ACCEPTED' } },
    { name: 'expired', over: { ExpirationDate: new Date(NOW - 1) } },
  ])('409s an invitation that is $name, without calling Accept', async ({ over }) => {
    const app = writesApp();
    seedReferral(app, over);
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: INV })
    );
    expect(res.statusCode).toBe(409);
    expect(bodyOf(res)).toMatchObject({ fields: { reason: 'referral-answered' } });
    expect(app.pc.names()).toEqual(['GetEngagementInvitation']);
  });

  it('409s an invitation addressed to another AWS account', async () => {
    const app = writesApp();
    seedReferral(app, { Receiver: { Account: { AwsAccountId: '999999999999' } } });
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: INV })
    );
    expect(bodyOf(res)).toMatchObject({ fields: { reason: 'not-ours' } });
    expect(app.pc.names()).not.toContain('AcceptEngagementInvitation');
  });

  it('409s an invitation that is bound to another deal', async () => {
    const app = writesApp();
    seedReferral(app);
    app.deals.deals.set('78', { [DEAL_PROP.invitationId]: INV });
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '78', invitationId: INV })
    );
    expect(bodyOf(res)).toMatchObject({ fields: { reason: 'not-a-referral' } });
    expect(app.pc.calls).toEqual([]);
  });

  it('422s a malformed invitation id', async () => {
    const app = writesApp();
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: 'engi-../../x' })
    );
    expect(res.statusCode).toBe(422);
    expect(Object.keys(bodyOf(res).fields as object)).toEqual(['invitationId']);
  });
});

describe('POST /ui-extension/referral/reject', () => {
  it('rejects with the reason and records it on the deal', async () => {
    const app = writesApp();
    seedReferral(app);
    const res = await app.handler(
      signedPost('/referral/reject', {
        dealId: '77',
        invitationId: INV,
        reason: 'No capacity this quarter',
      })
    );
    expect(res.statusCode).toBe(200);
    expect(app.pc.calls[1]).toEqual({
      name: 'RejectEngagementInvitation',
      input: { Catalog: 'Sandbox', Identifier: INV, RejectionReason: 'No capacity this quarter' },
    });
    expect(app.deals.deals.get('77')?.[DEAL_PROP.invitationStatus]).toBe('REJECTED');
    expect(app.audit[0]).toMatchObject({
      operation: 'partnercentral:RejectEngagementInvitation',
      fieldNames: ['RejectionReason'],
      outcome: 'success',
    });
  });

  it.each([
    { name: 'missing', reason: undefined },
    { name: 'empty', reason: '   ' },
    { name: 'longer than 80 characters', reason: 'x'.repeat(81) },
    { name: 'not printable', reason: 'line\nbreak' },
  ])('422s a reason that is $name, naming the field', async ({ reason }) => {
    const app = writesApp();
    seedReferral(app);
    const res = await app.handler(
      signedPost('/referral/reject', { dealId: '77', invitationId: INV, reason })
    );
    expect(res.statusCode).toBe(422);
    expect(Object.keys(bodyOf(res).fields as object)).toEqual(['reason']);
    expect(app.pc.calls).toEqual([]);
  });
});
