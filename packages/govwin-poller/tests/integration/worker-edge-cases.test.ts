import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { encodeSyncMessage } from '../../src/sync-message';
import { type Harness, markedFixtures, startHarness } from './helpers/harness';

jest.setTimeout(60_000);

describe('govwin-poller worker edge cases, against the simulators', () => {
  let h: Harness;
  const fixtures = markedFixtures(9, 'edge');
  const ids = fixtures.opportunities.map((o) => String(o.opportunity.id));

  beforeAll(async () => {
    h = await startHarness({ govwin: { fixtures } });
    await h.setupHubSpot();
  });
  afterAll(async () => {
    await h.stop();
  });

  describe('poison messages', () => {
    it.each([
      { name: 'not JSON', body: 'opportunity_batch=OPP1' },
      {
        name: 'the prior art shape',
        body: JSON.stringify({ opportunity_batch: [{ id: 'OPP1', updateDate: '2025-01-01' }] }),
      },
      { name: 'an empty batch', body: JSON.stringify({ version: 1, opportunities: [] }) },
      {
        name: 'a malformed id',
        body: JSON.stringify({
          version: 1,
          opportunities: [{ id: '../x', updateDate: '2025-01-01' }],
        }),
      },
      {
        name: 'an unparseable date',
        body: JSON.stringify({ version: 1, opportunities: [{ id: 'OPP1', updateDate: 'soon' }] }),
      },
      {
        name: 'an unknown version',
        body: JSON.stringify({
          version: 2,
          opportunities: [{ id: 'OPP1', updateDate: '2025-01-01' }],
        }),
      },
    ])(
      'reports a message with $name as a batch item failure (so it reaches the DLQ), not as consumed',
      async ({ body }) => {
        // Arrange: the poison message shares the batch with a good one.
        const good = encodeSyncMessage([
          { id: ids[0] as string, updateDate: '2025-06-01T10:00:00Z' },
        ]);
        const event = h.sqsEvent([body, good]);
        // Act
        const response = await h.processBatch(event);
        // Assert
        expect(response.batchItemFailures).toEqual([
          { itemIdentifier: event.Records[0]?.messageId },
        ]);
      }
    );

    it('fails every redelivery of the poison message, so SQS moves it to the DLQ after maxReceiveCount', async () => {
      const body = '{"version":1,"opportunities":"all"}';
      for (let receive = 1; receive <= 5; receive += 1) {
        const event = h.sqsEvent([body]);
        expect((await h.processBatch(event)).batchItemFailures).toHaveLength(1);
      }
    });
  });

  describe('bad GovWin records', () => {
    it('rejects an opportunity whose stored updateDate is garbage, with a reason, and syncs the rest', async () => {
      // Arrange
      const [bad, good1, good2] = [ids[1], ids[2], ids[3]] as [string, string, string];
      h.clock.advance(60_000);
      h.govwinSim.analystUpdate(bad, {});
      const record = h.govwinSim.getOpportunity(bad) ?? {};
      h.govwinSim.putOpportunity({
        ...(fixtures.opportunities[1] as (typeof fixtures.opportunities)[number]),
        opportunity: { ...record, updateDate: '31/31/2025 25:61' },
      });
      const refs = [bad, good1, good2].map((id) => ({ id, updateDate: '2025-06-02T12:00:00Z' }));
      // Act
      const report = await h.sync(refs);
      const response = await h.processBatch(h.sqsEvent([encodeSyncMessage(refs)]));
      // Assert
      expect(report.outcomes.get(bad)).toEqual({
        status: 'rejected',
        reason: 'updateDate is missing or unparseable, so changes cannot be tracked',
      });
      expect(report.outcomes.get(good1)?.status).toBe('synced');
      expect(report.outcomes.get(good2)?.status).toBe('synced');
      expect(response.batchItemFailures).toEqual([]);
      expect(
        h.hubspotSim.listObjects('deals').map((d) => d.properties.govwin_opp_id)
      ).not.toContain(bad);
    });

    it('maps odd dates, a string value and a missing agency, naming the dropped fields', async () => {
      // Arrange
      const id = ids[4] as string;
      h.clock.advance(60_000);
      h.govwinSim.analystUpdate(id, {
        solicitationDate: { value: 'TBD' },
        awardDate: { value: '2026-02-30T00:00:00' },
        responseDate: '09/15/2025',
        oppValue: '1,250.5',
        govEntity: null,
        createdDate: '03/04/2025',
      });
      const updateDate = String(h.govwinSim.getOpportunity(id)?.updateDate);
      // Act
      const dry = await h.sync([{ id, updateDate }], { dryRun: true });
      const report = await h.sync([{ id, updateDate }]);
      // Assert
      const warnings = dry.plan?.deals.find((d) => d.govwinId === id)?.warnings.map((w) => w.field);
      expect(warnings?.sort()).toEqual(['awardDate', 'govEntity', 'solicitationDate']);
      const outcome = report.outcomes.get(id);
      expect(outcome?.status).toBe('synced');
      const deal = h.hubspotSim.listObjects('deals').find((d) => d.properties.govwin_opp_id === id);
      expect(deal?.properties).toMatchObject({
        amount: '1250500',
        // datetime properties come back from HubSpot as ISO strings
        closedate: '2025-09-15T00:00:00.000Z',
        govwin_created_date: '2025-03-04T00:00:00.000Z',
      });
      expect(deal?.properties.govwin_solicitation_date ?? null).toBeNull();
    });

    it('reports an id GovWin no longer returns as not found, without failing the message', async () => {
      const refs = [{ id: 'OPP999999999', updateDate: '2025-06-02T12:00:00Z' }];
      const report = await h.sync(refs);
      const response = await h.processBatch(h.sqsEvent([encodeSyncMessage(refs)]));
      expect(report.outcomes.get('OPP999999999')).toEqual({ status: 'not_found' });
      expect(response.batchItemFailures).toEqual([]);
    });
  });

  describe('redelivery', () => {
    it('is idempotent: the same message twice creates no second deal and skips the work the second time', async () => {
      // Arrange
      const id = ids[5] as string;
      const message = encodeSyncMessage([
        { id, updateDate: String(h.govwinSim.getOpportunity(id)?.updateDate) },
      ]);
      // Act
      const first = await h.processBatch(h.sqsEvent([message]));
      const callsBefore = h.govwinCalls.length;
      const second = await h.sync([
        { id, updateDate: String(h.govwinSim.getOpportunity(id)?.updateDate) },
      ]);
      // Assert
      expect(first.batchItemFailures).toEqual([]);
      expect(second.outcomes.get(id)).toEqual({ status: 'skipped', reason: 'unchanged' });
      expect(h.govwinCalls.length).toBe(callsBefore);
      expect(
        h.hubspotSim.listObjects('deals').filter((d) => d.properties.govwin_opp_id === id)
      ).toHaveLength(1);
    });

    it('adopts a deal that exists although its watermark was lost (crash between create and watermark)', async () => {
      // Arrange: the deal exists in HubSpot, but sync-state knows nothing (a new table, for example).
      const id = ids[6] as string;
      const existing = await h.hubspot.createDeal({
        dealname: 'made before the crash',
        govwin_opp_id: id,
      });
      // Act
      const report = await h.sync([
        { id, updateDate: String(h.govwinSim.getOpportunity(id)?.updateDate) },
      ]);
      // Assert
      expect(report.outcomes.get(id)).toMatchObject({
        status: 'synced',
        dealId: existing.id,
        created: false,
      });
      expect(
        h.hubspotSim.listObjects('deals').filter((d) => d.properties.govwin_opp_id === id)
      ).toHaveLength(1);
      const companies = await h.reader.listAssociations('deals', existing.id, 'companies');
      expect(companies).toHaveLength(1);
    });
  });

  describe('deals deleted in HubSpot', () => {
    it('creates the deal again when the one the watermark knows was deleted', async () => {
      // Arrange
      const id = ids[3] as string;
      const old =
        h.hubspotSim.listObjects('deals').find((d) => d.properties.govwin_opp_id === id)?.id ?? '';
      const del = await fetch(`${h.hubspotSim.url}/crm/v3/objects/deals/${old}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${h.hubspotSim.accessToken}` },
      });
      expect(del.status).toBe(204);
      h.clock.advance(60_000);
      h.govwinSim.analystUpdate(id, { title: 'Back after deletion' });
      // Act
      const report = await h.sync([
        { id, updateDate: String(h.govwinSim.getOpportunity(id)?.updateDate) },
      ]);
      // Assert
      const outcome = report.outcomes.get(id);
      expect(outcome).toMatchObject({ status: 'synced', created: true });
      expect(outcome?.status === 'synced' && outcome.dealId).not.toBe(old);
      expect((await h.govwin.watermarks.get(id))?.hubspotDealId).toBe(
        outcome?.status === 'synced' ? outcome.dealId : ''
      );
    });
  });

  describe('stale company mappings', () => {
    it('re-upserts an agency deleted in HubSpot and associates again, for a changed and for a new deal', async () => {
      // Arrange: opportunity 2 is synced; its agency company is then deleted in HubSpot by a user.
      const synced = ids[2] as string;
      const fresh = ids[8] as string;
      const agency = h.govwinSim.getOpportunity(synced)?.govEntity as { id: number; title: string };
      const dealId =
        h.hubspotSim.listObjects('deals').find((d) => d.properties.govwin_opp_id === synced)?.id ??
        '';
      const [oldCompany] = await h.reader.listAssociations('deals', dealId, 'companies');
      const del = await fetch(`${h.hubspotSim.url}/crm/v3/objects/companies/${oldCompany}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${h.hubspotSim.accessToken}` },
      });
      expect(del.status).toBe(204);
      h.clock.advance(60_000);
      h.govwinSim.analystUpdate(synced, { title: 'Changed after the agency was deleted' });
      h.govwinSim.analystUpdate(fresh, { govEntity: agency });
      const refs = [synced, fresh].map((id) => ({
        id,
        updateDate: String(h.govwinSim.getOpportunity(id)?.updateDate),
      }));
      // Act
      const report = await h.sync(refs);
      // Assert
      expect(report.outcomes.get(synced)?.status).toBe('synced');
      expect(report.outcomes.get(fresh)?.status).toBe('synced');
      const freshDealId =
        h.hubspotSim.listObjects('deals').find((d) => d.properties.govwin_opp_id === fresh)?.id ??
        '';
      const [a] = await h.reader
        .listAssociations('deals', dealId, 'companies')
        .then((x) => x.filter((id) => id !== oldCompany));
      const [b] = await h.reader.listAssociations('deals', freshDealId, 'companies');
      expect(a).toBeDefined();
      expect(a).toBe(b);
      expect(h.hubspotSim.getObject('companies', a ?? '')?.properties.govwin_entity_id).toBe(
        String(agency.id)
      );
    });
  });
});
