import { parseAnyQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import { DEAL_PROP } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import {
  ACCOUNT,
  bodyOf,
  NOW,
  REFERRAL,
  SUBMIT_QUEUE_URL,
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
  it('marks the deal ACCEPTING and queues one acceptReferral message, never calling Accept itself', async () => {
    // Arrange: an earlier accept failed and left a note.
    const app = writesApp();
    seedReferral(app);
    const deal = app.deals.deals.get('77');
    if (deal) deal[DEAL_PROP.statusNote] = 'AWS could not accept the referral (InternalError)';

    // Act
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: INV })
    );

    // Assert
    expect(res.statusCode).toBe(202);
    expect(bodyOf(res)).toMatchObject({ status: 'accepting', dealId: '77', invitationId: INV });
    expect(app.pc.names()).toEqual(['GetEngagementInvitation']);
    expect(app.deals.deals.get('77')).toMatchObject({
      [DEAL_PROP.invitationStatus]: 'ACCEPTING',
      [DEAL_PROP.statusNote]: '',
    });
    expect(app.queued).toHaveLength(1);
    const sent = app.queued[0];
    expect(sent?.QueueUrl).toBe(SUBMIT_QUEUE_URL);
    expect(sent?.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'acceptReferral' },
      v: { DataType: 'Number', StringValue: '1' },
    });
    expect(parseAnyQueueMessage(sent?.MessageBody ?? '')).toEqual({
      v: 1,
      kind: 'acceptReferral',
      dealId: '77',
      invitationId: INV,
      catalog: 'Sandbox',
      requestedBy: 'hubspot-user:7001',
      requestedAt: new Date(NOW).toISOString(),
      correlationId: bodyOf(res).correlationId,
    });
    expect(
      app.audit.map((a) => [a.actor, a.operation, a.outcome, a.ids.invitationId ?? ''])
    ).toEqual([
      ['hubspot-user:7001', 'hubspot:UpdateDeal', 'success', ''],
      ['hubspot-user:7001', 'ui-ext-writes:QueueReferralAccept', 'success', INV],
    ]);
  });

  it('queues again when the rep accepts twice (ace-submitter starts one task for both)', async () => {
    const app = writesApp();
    seedReferral(app);
    for (let i = 0; i < 2; i++)
      expect(
        (await app.handler(signedPost('/referral/accept', { dealId: '77', invitationId: INV })))
          .statusCode
      ).toBe(202);
    expect(app.queued).toHaveLength(2);
    expect(app.pc.names()).not.toContain('AcceptEngagementInvitation');
  });

  it('answers 502 and puts the referral back to PENDING when the queue refuses the message', async () => {
    // Arrange
    const app = writesApp();
    seedReferral(app);
    app.failQueue(1);

    // Act
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: INV })
    );

    // Assert
    expect(res.statusCode).toBe(502);
    expect(bodyOf(res).message).toBe('internal error; quote the correlation id');
    expect(res.body).not.toContain('Canary');
    expect(JSON.stringify(app.logger.error.mock.calls)).toContain('ACCEPT_QUEUE_UNAVAILABLE');
    expect(JSON.stringify(app.logger.error.mock.calls)).not.toContain('Canary');
    expect(app.queued).toEqual([]);
    expect(app.deals.deals.get('77')?.[DEAL_PROP.invitationStatus]).toBe('PENDING');
    expect(app.audit.map((a) => [a.operation, a.outcome])).toContainEqual([
      'ui-ext-writes:QueueReferralAccept',
      'failure',
    ]);
  });

  it.each([
    { name: 'already answered', over: { Status: 'ACCEPTED' } },
    { name: 'expired', over: { ExpirationDate: new Date(NOW - 1) } },
  ])('409s an invitation that is $name, queueing nothing', async ({ over }) => {
    const app = writesApp();
    seedReferral(app, over);
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: INV })
    );
    expect(res.statusCode).toBe(409);
    expect(bodyOf(res)).toMatchObject({ fields: { reason: 'referral-answered' } });
    expect(app.pc.names()).toEqual(['GetEngagementInvitation']);
    expect(app.queued).toEqual([]);
    expect(app.deals.writes).toEqual([]);
  });

  it('409s an invitation addressed to another AWS account', async () => {
    const app = writesApp();
    seedReferral(app, { Receiver: { Account: { AwsAccountId: '999999999999' } } });
    const res = await app.handler(
      signedPost('/referral/accept', { dealId: '77', invitationId: INV })
    );
    expect(bodyOf(res)).toMatchObject({ fields: { reason: 'not-ours' } });
    expect(app.queued).toEqual([]);
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
    expect(app.queued).toEqual([]);
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
    expect(app.queued).toEqual([]);
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
