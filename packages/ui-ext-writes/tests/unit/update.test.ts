import { DEAL_PROP } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { awsError } from '../helpers/fake-partner-central';
import {
  bodyOf,
  NOW,
  seedReadyDeal,
  seedSubmittedDeal,
  signedPost,
  USER_ID,
  writesApp,
} from '../helpers/writes-app';

const update = (properties: Record<string, unknown>, dealId = '42', timestamp?: number) =>
  signedPost('/update', { dealId, properties }, timestamp);

describe('POST /ui-extension/update', () => {
  describe('happy path', () => {
    it('updates AWS first (full scrubbed body with LastModifiedDate), then HubSpot, auditing the rep', async () => {
      // Arrange
      const app = writesApp();
      seedSubmittedDeal(app);
      // Act
      const res = await app.handler(
        update({ [DEAL_PROP.nextSteps]: 'Workshop with the CIO', [DEAL_PROP.amount]: 240000 })
      );
      // Assert
      expect(res.statusCode).toBe(200);
      expect(bodyOf(res)).toMatchObject({ status: 'updated', aceOpportunityId: 'O1000001' });
      expect(app.pc.names()).toEqual(['GetOpportunity', 'UpdateOpportunity']);
      const sent = app.pc.calls[1]?.input as Record<string, never>;
      expect(sent).toMatchObject({
        Catalog: 'Sandbox',
        Identifier: 'O1000001',
        LastModifiedDate: new Date('2026-01-01T00:00:00Z'),
        LifeCycle: { NextSteps: 'Workshop with the CIO', Stage: 'Qualified' },
        Project: { Title: 'Cloud migration' },
        Customer: { Account: { CompanyName: 'Department of Examples' } },
      });
      expect(sent.Project).toMatchObject({
        ExpectedCustomerSpend: [expect.objectContaining({ Amount: '20000.00' })],
      });
      expect(app.deals.writes.map((w) => w.properties)).toEqual([
        { [DEAL_PROP.nextSteps]: 'Workshop with the CIO', [DEAL_PROP.amount]: '240000' },
      ]);
      expect(app.audit.map((a) => [a.actor, a.operation])).toEqual([
        [`hubspot-user:${USER_ID}`, 'partnercentral:UpdateOpportunity'],
        [`hubspot-user:${USER_ID}`, 'hubspot:UpdateDeal'],
      ]);
    });

    it('answers no-change without calling AWS when nothing differs', async () => {
      const app = writesApp();
      seedSubmittedDeal(app);
      const res = await app.handler(update({ [DEAL_PROP.amount]: 120000 }));
      expect(bodyOf(res)).toMatchObject({ status: 'no-change' });
      expect(app.pc.calls).toEqual([]);
    });

    it('parks the edit while AWS reviews the opportunity and still records it on the deal', async () => {
      const app = writesApp();
      seedSubmittedDeal(app, '42', 'O1000001', {
        LifeCycle: { Stage: 'Qualified', ReviewStatus: 'In review' },
      });
      const res = await app.handler(update({ [DEAL_PROP.nextSteps]: 'Send the SOW' }));
      expect(res.statusCode).toBe(200);
      expect(bodyOf(res)).toMatchObject({ status: 'parked', parked: [DEAL_PROP.nextSteps] });
      expect(app.pc.names()).toEqual(['GetOpportunity']);
      expect(app.rows.get('42')?.parkedEdits).toEqual([DEAL_PROP.nextSteps]);
      expect(app.deals.deals.get('42')?.[DEAL_PROP.nextSteps]).toBe('Send the SOW');
    });

    it('retries a LastModifiedDate conflict on a fresh read', async () => {
      const app = writesApp();
      seedSubmittedDeal(app);
      app.pc.failNext('UpdateOpportunity', awsError('ConflictException'));
      const res = await app.handler(update({ [DEAL_PROP.nextSteps]: 'Kick-off' }));
      expect(res.statusCode).toBe(200);
      expect(app.pc.names()).toEqual([
        'GetOpportunity',
        'UpdateOpportunity',
        'GetOpportunity',
        'UpdateOpportunity',
      ]);
    });
  });

  describe('bad inputs', () => {
    it('422s an unknown lifecycle stage, naming the field, before any AWS call', async () => {
      const app = writesApp();
      seedSubmittedDeal(app);
      const res = await app.handler(update({ [DEAL_PROP.lifecycleStage]: 'Almost there' }));
      expect(res.statusCode).toBe(422);
      expect(Object.keys(bodyOf(res).fields as object)).toEqual([DEAL_PROP.lifecycleStage]);
      expect(app.pc.calls).toEqual([]);
    });

    it('422s Closed Lost without a reason (an ACE rule), even while AWS reviews', async () => {
      const app = writesApp();
      seedSubmittedDeal(app, '42', 'O1000001', {
        LifeCycle: { Stage: 'Qualified', ReviewStatus: 'In review' },
      });
      const res = await app.handler(update({ [DEAL_PROP.lifecycleStage]: 'Closed Lost' }));
      expect(res.statusCode).toBe(422);
      expect(bodyOf(res).fields).toHaveProperty(DEAL_PROP.closedLostReason);
      expect(app.deals.writes).toEqual([]);
    });

    it('422s an empty change set', async () => {
      const app = writesApp();
      seedSubmittedDeal(app);
      const res = await app.handler(update({}));
      expect(res.statusCode).toBe(422);
      expect(bodyOf(res).fields).toHaveProperty('properties');
    });

    it('401s a stale request and 409s a replay', async () => {
      const app = writesApp();
      seedSubmittedDeal(app);
      expect(
        (await app.handler(update({ [DEAL_PROP.nextSteps]: 'x' }, '42', NOW - 400_000))).statusCode
      ).toBe(401);
      const event = update({ [DEAL_PROP.nextSteps]: 'y' });
      expect((await app.handler(event)).statusCode).toBe(200);
      expect((await app.handler(event)).statusCode).toBe(409);
    });

    it('409s a deal that has no AWS opportunity yet', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const res = await app.handler(update({ [DEAL_PROP.nextSteps]: 'x' }));
      expect(res.statusCode).toBe(409);
      expect(bodyOf(res)).toMatchObject({ fields: { reason: 'not-submitted' } });
    });

    it('409s a closed opportunity', async () => {
      const app = writesApp();
      seedSubmittedDeal(app);
      const row = app.rows.get('42');
      if (row) row.lifecycleStage = 'Launched';
      const res = await app.handler(update({ [DEAL_PROP.nextSteps]: 'x' }));
      expect(bodyOf(res)).toMatchObject({ fields: { reason: 'closed' } });
    });

    it('refuses (409) and alerts when the AWS record names another deal', async () => {
      const app = writesApp();
      seedSubmittedDeal(app, '42', 'O1000001', { PartnerOpportunityIdentifier: '99999' });
      const res = await app.handler(update({ [DEAL_PROP.nextSteps]: 'x' }));
      expect(res.statusCode).toBe(409);
      expect(bodyOf(res)).toMatchObject({ fields: { reason: 'not-ours' } });
      expect(app.pc.names()).toEqual(['GetOpportunity']);
      expect(app.alerts.alerts.map((a: { kind: string }) => a.kind)).toEqual(['self-heal-refused']);
    });

    it('maps an AWS validation refusal to 422 with AWS field paths and no AWS text', async () => {
      const app = writesApp();
      seedSubmittedDeal(app);
      app.pc.failNext(
        'UpdateOpportunity',
        awsError('ValidationException', {
          Message: 'Customer Jane Roe at jane@example.gov is invalid',
          ErrorList: [
            { FieldName: 'Customer.Account.WebsiteUrl', Code: 'INVALID_VALUE', Message: 'jane' },
          ],
        })
      );
      const res = await app.handler(update({ [DEAL_PROP.nextSteps]: 'x' }));
      expect(res.statusCode).toBe(422);
      expect(bodyOf(res).fields).toEqual({ 'Customer.Account.WebsiteUrl': 'INVALID_VALUE' });
      expect(res.body).not.toMatch(/jane/i);
      expect(app.deals.writes).toEqual([]);
    });
  });
});

describe('POST /ui-extension/associations', () => {
  const associations = (body: Record<string, unknown>) =>
    signedPost('/associations', { dealId: '42', ...body });

  it('associates new products and disassociates removed ones directly, then records them on the deal', async () => {
    const app = writesApp();
    seedSubmittedDeal(app);
    const res = await app.handler(
      associations({ solutionId: 'S-100', awsProducts: ['AmazonS3', 'AWSLambda'] })
    );
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({ status: 'updated' });
    const writes = app.pc.calls.filter((c) => c.name.endsWith('ssociateOpportunity'));
    expect(writes.map((c) => [c.name, c.input.RelatedEntityIdentifier])).toEqual([
      ['AssociateOpportunity', 'AmazonS3'],
      ['AssociateOpportunity', 'AWSLambda'],
      ['DisassociateOpportunity', 'AmazonEC2'],
    ]);
    expect(app.pc.opportunities.get('O1000001')?.RelatedEntityIdentifiers).toEqual({
      Solutions: ['S-100'],
      AwsProducts: ['AmazonS3', 'AWSLambda'],
    });
    expect(app.deals.writes.map((w) => w.properties)).toEqual([
      { [DEAL_PROP.awsProducts]: 'AmazonS3;AWSLambda' },
    ]);
    expect(app.audit.filter((a) => a.operation.includes('ssociate')).map((a) => a.actor)).toEqual([
      'hubspot-user:7001',
      'hubspot-user:7001',
      'hubspot-user:7001',
    ]);
  });

  it('422s more than 20 products and a malformed solution id, naming both fields', async () => {
    const app = writesApp();
    seedSubmittedDeal(app);
    const products = Array.from({ length: 21 }, (_, i) => `Product${i}`);
    const res = await app.handler(
      associations({ solutionId: 'solution-1', awsProducts: products })
    );
    expect(res.statusCode).toBe(422);
    expect(Object.keys(bodyOf(res).fields as object).sort()).toEqual(['awsProducts', 'solutionId']);
    expect(app.pc.calls).toEqual([]);
  });

  it('409s a deal without an AWS opportunity', async () => {
    const app = writesApp();
    seedReadyDeal(app);
    const res = await app.handler(associations({ solutionId: '', awsProducts: ['AmazonS3'] }));
    expect(res.statusCode).toBe(409);
  });
});
