import { DEAL_PROP } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import {
  aSubmitForm,
  bodyOf,
  NOW,
  READY,
  seedReadyDeal,
  signedPost,
  TRIGGER,
  USER_ID,
  writesApp,
} from '../helpers/writes-app';

const submit = (body: unknown, timestamp?: number) => signedPost('/submit', body, timestamp);

describe('POST /ui-extension/submit', () => {
  describe('happy path', () => {
    it('writes the form to the deal, then moves it to the trigger stage, auditing the rep', async () => {
      // Arrange
      const app = writesApp();
      seedReadyDeal(app);
      // Act
      const res = await app.handler(submit({ dealId: '42', properties: aSubmitForm() }));
      // Assert
      expect(res.statusCode).toBe(202);
      expect(bodyOf(res)).toMatchObject({ status: 'queued', dealId: '42', resubmitted: false });
      const writes = app.deals.writes.map((w) => w.properties);
      expect(writes).toHaveLength(2);
      expect(writes[0]).toMatchObject({
        [DEAL_PROP.partnerNeed]: 'Co-Sell - Deal Support',
        [DEAL_PROP.deliveryModel]: 'Professional Services',
        [DEAL_PROP.awsProducts]: 'AmazonEC2;AmazonS3',
      });
      // The close date did not change (same calendar day), so it is not rewritten.
      expect(writes[0]).not.toHaveProperty(DEAL_PROP.closeDate);
      expect(writes[1]).toEqual({ [DEAL_PROP.dealStage]: TRIGGER });
      expect(app.audit.map((a) => [a.actor, a.operation, a.outcome])).toEqual([
        [`hubspot-user:${USER_ID}`, 'hubspot:UpdateDeal', 'success'],
        [`hubspot-user:${USER_ID}`, 'hubspot:UpdateDeal', 'success'],
      ]);
      expect(app.audit[1]?.fieldNames).toEqual([DEAL_PROP.dealStage]);
      // The card never talks to AWS on submit.
      expect(app.pc.calls).toEqual([]);
    });

    it('resubmits a deal whose submission failed by stepping back one stage and forward again', async () => {
      const app = writesApp();
      seedReadyDeal(app, '42', {
        [DEAL_PROP.dealStage]: TRIGGER,
        [DEAL_PROP.statusNote]: 'ACE submission blocked: amount is required',
      });
      const res = await app.handler(submit({ dealId: '42', properties: aSubmitForm() }));
      expect(res.statusCode).toBe(202);
      expect(bodyOf(res)).toMatchObject({ resubmitted: true });
      const stageWrites = app.deals.writes
        .map((w) => w.properties[DEAL_PROP.dealStage])
        .filter(Boolean);
      expect(stageWrites).toEqual([READY, TRIGGER]);
      expect(app.deals.writes[0]?.properties[DEAL_PROP.statusNote]).toBeNull();
    });
  });

  describe('bad inputs', () => {
    it('401s an unsigned request and writes nothing', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const event = submit({ dealId: '42', properties: aSubmitForm() });
      event.headers = { 'content-type': 'application/json' };
      expect((await app.handler(event)).statusCode).toBe(401);
      expect(app.deals.writes).toEqual([]);
    });

    it('401s a stale request', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const res = await app.handler(
        submit({ dealId: '42', properties: aSubmitForm() }, NOW - 301_000)
      );
      expect(res.statusCode).toBe(401);
    });

    it('409s a replayed request and writes only once', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const event = submit({ dealId: '42', properties: aSubmitForm() });
      expect((await app.handler(event)).statusCode).toBe(202);
      const again = await app.handler(event);
      expect(again.statusCode).toBe(409);
      expect(bodyOf(again)).toMatchObject({ error: 'REPLAY_DETECTED' });
      expect(app.deals.writes).toHaveLength(2);
    });

    it('413s an oversized body', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const res = await app.handler(
        submit({
          dealId: '42',
          properties: aSubmitForm({ [DEAL_PROP.additionalComments]: 'x'.repeat(70_000) }),
        })
      );
      expect(res.statusCode).toBe(413);
    });

    it('422s wrong types, naming each field', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const res = await app.handler(
        submit({
          dealId: 42,
          properties: aSubmitForm({
            [DEAL_PROP.amount]: 'a lot',
            [DEAL_PROP.deliveryModel]: 'Professional Services',
          }),
        })
      );
      expect(res.statusCode).toBe(422);
      expect(bodyOf(res).fields).toEqual({
        dealId: 'must be a string',
        [DEAL_PROP.amount]: 'must be a number',
        [DEAL_PROP.deliveryModel]: 'must be a list',
      });
      expect(app.deals.writes).toEqual([]);
    });

    it('422s an unknown enum value with the field named and never echoes the value', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const res = await app.handler(
        submit({
          dealId: '42',
          properties: aSubmitForm({ [DEAL_PROP.deliveryModel]: ['Teleportation <script>'] }),
        })
      );
      expect(res.statusCode).toBe(422);
      const fields = bodyOf(res).fields as Record<string, string>;
      expect(Object.keys(fields)).toEqual([DEAL_PROP.deliveryModel]);
      expect(res.body).not.toContain('Teleportation');
    });

    it('422s what the ACE mapping refuses, per field (close date in the past, company without website)', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      app.deals.companies.set('42', { name: 'Department of Examples' });
      const res = await app.handler(
        submit({ dealId: '42', properties: aSubmitForm({ [DEAL_PROP.closeDate]: '2020-01-01' }) })
      );
      expect(res.statusCode).toBe(422);
      expect(bodyOf(res).fields).toMatchObject({
        [DEAL_PROP.closeDate]: 'must not be in the past',
        company: expect.stringContaining('website'),
      });
      expect(app.deals.writes).toEqual([]);
    });

    it('422s a missing required ACE field that the deal does not hold either', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      const { [DEAL_PROP.deliveryModel]: _omit, ...form } = aSubmitForm();
      const res = await app.handler(submit({ dealId: '42', properties: form }));
      expect(res.statusCode).toBe(422);
      expect(bodyOf(res).fields).toHaveProperty(DEAL_PROP.deliveryModel);
    });

    it.each([
      {
        name: 'outside the co-sell pipeline',
        over: { [DEAL_PROP.pipeline]: 'default' },
        reason: 'not-in-pipeline',
      },
      {
        name: 'already submitted',
        over: { [DEAL_PROP.cosellId]: 'O123' },
        reason: 'already-submitted',
      },
      {
        name: 'an AWS referral',
        over: { [DEAL_PROP.dealStage]: 's-referral' },
        reason: 'referral',
      },
      {
        name: 'already queued in the trigger stage',
        over: { [DEAL_PROP.dealStage]: TRIGGER },
        reason: 'in-flight',
      },
    ])('409s a deal that is $name', async ({ over, reason }) => {
      const app = writesApp();
      seedReadyDeal(app, '42', over);
      const res = await app.handler(submit({ dealId: '42', properties: aSubmitForm() }));
      expect(res.statusCode).toBe(409);
      expect(bodyOf(res)).toMatchObject({ error: 'DEAL_NOT_ELIGIBLE', fields: { reason } });
      expect(app.deals.writes).toEqual([]);
    });

    it('404s a deal that does not exist', async () => {
      const app = writesApp();
      const res = await app.handler(submit({ dealId: '404', properties: aSubmitForm() }));
      expect(res.statusCode).toBe(404);
    });

    it('answers a generic 502 with a correlation id when HubSpot fails, auditing the failure', async () => {
      const app = writesApp();
      seedReadyDeal(app);
      app.deals.failUpdates(1);
      const res = await app.handler(submit({ dealId: '42', properties: aSubmitForm() }));
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(bodyOf(res)).toMatchObject({ error: 'INTERNAL_ERROR' });
      expect(bodyOf(res).correlationId).toBe(res.headers['x-correlation-id']);
      expect(app.audit.map((a) => a.outcome)).toEqual(['failure']);
    });
  });
});
