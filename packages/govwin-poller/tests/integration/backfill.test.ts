import type { CrmObject } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type Harness, markedFixtures, startHarness } from './helpers/harness';

jest.setTimeout(120_000);

describe('GovWin -> HubSpot sync against the simulators', () => {
  let h: Harness;
  const fixtures = markedFixtures(150, 'backfill');

  beforeAll(async () => {
    h = await startHarness({ govwin: { fixtures }, hubspot: { shuffleBatchResults: true } });
    await h.setupHubSpot();
  });
  afterAll(async () => {
    await h.stop();
  });

  describe('a backfill of 150 marked opportunities', () => {
    let deals: Map<string, CrmObject>;
    let responses: Awaited<ReturnType<Harness['drain']>>;

    beforeAll(async () => {
      const result = await h.orchestrate();
      expect(result).toMatchObject({
        discovered: 150,
        changed: 150,
        messages: 2,
        failedMessages: 0,
      });
      responses = await h.drain();
      deals = new Map(
        h.hubspotSim
          .listObjects('deals')
          .map((d) => [d.properties.govwin_opp_id ?? '', { id: d.id, properties: d.properties }])
      );
    });

    it('reports no batch item failures', () => {
      expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
    });

    it('creates exactly one deal per opportunity, keyed by govwin_opp_id', () => {
      expect(deals.size).toBe(150);
      expect([...deals.keys()].sort()).toEqual(
        fixtures.opportunities.map((o) => String(o.opportunity.id)).sort()
      );
    });

    it('associates every deal with its own agency and contacts by id, although HubSpot shuffles batch results', async () => {
      const companies = new Map(
        h.hubspotSim.listObjects('companies').map((c) => [c.id, c.properties])
      );
      const contacts = new Map(
        h.hubspotSim.listObjects('contacts').map((c) => [c.id, c.properties])
      );
      const dealIds = [...deals.values()].map((d) => d.id);
      const toCompanies = await h.reader.batchReadAssociations('deals', 'companies', dealIds);
      const toContacts = await h.reader.batchReadAssociations('deals', 'contacts', dealIds);
      expect([toCompanies.errors, toContacts.errors]).toEqual([[], []]);
      const companiesOf = new Map(toCompanies.results.map((r) => [r.fromId, r.toIds]));
      const contactsOf = new Map(toContacts.results.map((r) => [r.fromId, r.toIds]));
      for (const record of fixtures.opportunities) {
        const opp = record.opportunity as { id: string; govEntity?: { id: number } };
        const deal = deals.get(opp.id);
        expect(deal).toBeDefined();
        const companyIds = companiesOf.get(deal?.id ?? '') ?? [];
        const agencies = companyIds.map((id) => companies.get(id)?.govwin_entity_id);
        expect(agencies).toEqual(opp.govEntity ? [String(opp.govEntity.id)] : []);
        // Contacts are keyed by e-mail (one HubSpot contact per person, shared by deals), else by GovWin id.
        const contactIds = contactsOf.get(deal?.id ?? '') ?? [];
        const expected = [
          ...new Set(
            (record.subResources.contacts ?? []).map((c) => {
              const raw = c as { email?: string; contactId?: unknown; primaryContact?: string };
              const email = raw.email ?? /\S+@\S+/.exec(raw.primaryContact ?? '')?.[0];
              return email ? `email:${email.toLowerCase()}` : `id:${String(raw.contactId)}`;
            })
          ),
        ].sort();
        const actual = contactIds
          .map((id) => {
            const c = contacts.get(id);
            return c?.email ? `email:${c.email}` : `id:${c?.govwin_contact_id}`;
          })
          .sort();
        expect(actual).toEqual(expected);
      }
    });

    it('never sends more than 100 inputs in one batch call', () => {
      const batches = h.hubspotRequests.filter((r) => r.inputs !== undefined);
      expect(batches.length).toBeGreaterThan(0);
      expect(Math.max(...batches.map((r) => r.inputs ?? 0))).toBeLessThanOrEqual(100);
    });

    it('maps a record with a missing title, an unknown NAICS code and an unmapped status instead of dropping it', () => {
      for (const record of fixtures.opportunities.filter((o) => o.oddity)) {
        const deal = deals.get(String(record.opportunity.id));
        expect(deal).toBeDefined();
        if (record.oddity === 'missing-title-and-description')
          expect(deal?.properties.dealname).toMatch(/^GovWin opportunity /);
        if (record.oddity === 'unknown-naics')
          expect(deal?.properties.govwin_industry ?? null).toBeNull();
      }
      expect(h.metrics.snapshot().UnmappedNaicsCodes ?? 0).toBe(
        fixtures.opportunities.filter((o) => o.oddity === 'unknown-naics').length
      );
    });

    it('spends about 1.1 GovWin calls per opportunity (10 ids per detail call + contacts)', () => {
      const detail = h.govwinCalls.filter((c) => c === 'getOpportunities').length;
      const contacts = h.govwinCalls.filter((c) => c === 'getContacts').length;
      expect(detail).toBe(15);
      expect(contacts).toBe(150);
    });
  });

  describe('the next runs', () => {
    it('skips unchanged opportunities: nothing is enqueued and HubSpot is not called', async () => {
      const before = h.hubspotRequests.length;
      const result = await h.orchestrate();
      expect(result).toMatchObject({ discovered: 150, changed: 0, messages: 0 });
      expect(h.hubspotRequests.length).toBe(before);
    });

    it('re-syncs an opportunity after an analyst update, updating the same deal', async () => {
      // Arrange
      const id = String(fixtures.opportunities[3]?.opportunity.id);
      const dealBefore = h.hubspotSim
        .listObjects('deals')
        .find((d) => d.properties.govwin_opp_id === id);
      h.clock.advance(60_000);
      h.govwinSim.analystUpdate(id, {
        title: 'Renamed by the analyst',
        status: 'Proposal Submitted',
      });
      // Act
      const result = await h.orchestrate();
      const responses = await h.drain();
      // Assert
      expect(result).toMatchObject({ changed: 1, messages: 1 });
      expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
      const deals = h.hubspotSim
        .listObjects('deals')
        .filter((d) => d.properties.govwin_opp_id === id);
      expect(deals).toHaveLength(1);
      expect(deals[0]?.id).toBe(dealBefore?.id);
      expect(deals[0]?.properties.dealname).toBe('Renamed by the analyst');
      expect(h.hubspotSim.listObjects('deals')).toHaveLength(150);
    });

    it('does not move a deal out of a stage the sync does not manage', async () => {
      // Arrange: a rep (or the ACE flow) moved the deal to a stage outside the GovWin open stages.
      const id = String(fixtures.opportunities[5]?.opportunity.id);
      const deal = h.hubspotSim.listObjects('deals').find((d) => d.properties.govwin_opp_id === id);
      const pipeline = (await h.hubspot.listPipelines()).find((p) => p.label === 'GovWin Pipeline');
      const closedWon = pipeline?.stages.find((s) => s.label === 'Closed Won')?.id ?? '';
      h.hubspotSim.userEdit({ objectId: deal?.id ?? '', properties: { dealstage: closedWon } });
      h.clock.advance(60_000);
      h.govwinSim.analystUpdate(id, { status: 'RFP Released', title: 'Still changing' });
      // Act
      await h.orchestrate();
      await h.drain();
      // Assert
      const after = h.hubspotSim.getObject('deals', deal?.id ?? '');
      expect(after?.properties.dealname).toBe('Still changing');
      expect(after?.properties.dealstage).toBe(closedWon);
    });
  });
});
