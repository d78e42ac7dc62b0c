import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type HubSpotSimulator,
  startHubSpotSimulator,
} from '../../../../src/simulators/hubspot/hubspot-simulator';
import { type CrmObject, createUniqueDealKey, type ErrorBody, hsCall } from './hubspot-client';

interface SearchBody {
  total: number;
  results: CrmObject[];
  paging?: { next: { after: string } };
}

describe('HubSpot simulator search and associations', () => {
  let sim: HubSpotSimulator;
  beforeAll(async () => {
    sim = await startHubSpotSimulator({ seed: 6, rateLimit: { searchPerSecond: 1000 } });
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    sim.reset();
    await createUniqueDealKey(sim);
  });

  const deal = async (properties: Record<string, string>) =>
    (await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/deals', { properties })).body.id;
  const search = (body: unknown) =>
    hsCall<SearchBody>(sim, 'POST', '/crm/v3/objects/deals/search', body);

  describe('search', () => {
    it('finds a deal by an EQ filter on its GovWin id (case-insensitive)', async () => {
      // Arrange
      const id = await deal({ dealname: 'A', govwin_opp_id: 'OPP200123' });
      await deal({ dealname: 'B', govwin_opp_id: 'OPP200124' });
      // Act
      const res = await search({
        filterGroups: [
          { filters: [{ propertyName: 'govwin_opp_id', operator: 'EQ', value: 'opp200123' }] },
        ],
        properties: ['govwin_opp_id', 'dealname', 'dealstage'],
      });
      // Assert
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.results[0]?.id).toBe(id);
      expect(res.body.results[0]?.properties).toMatchObject({
        dealname: 'A',
        dealstage: 'appointmentscheduled',
      });
    });

    it('ORs filter groups and ANDs filters, with numeric GT, IN and HAS_PROPERTY', async () => {
      // Arrange
      const big = await deal({ dealname: 'big', amount: '900' });
      const small = await deal({ dealname: 'small', amount: '10' });
      const none = await deal({ dealname: 'no amount' });
      // Act
      const gt = await search({
        filterGroups: [{ filters: [{ propertyName: 'amount', operator: 'GT', value: '100' }] }],
      });
      const either = await search({
        filterGroups: [
          { filters: [{ propertyName: 'dealname', operator: 'IN', values: ['small'] }] },
          { filters: [{ propertyName: 'amount', operator: 'NOT_HAS_PROPERTY' }] },
        ],
      });
      const both = await search({
        filterGroups: [
          {
            filters: [
              { propertyName: 'amount', operator: 'HAS_PROPERTY' },
              { propertyName: 'amount', operator: 'LT', value: '100' },
            ],
          },
        ],
      });
      // Assert
      expect(gt.body.results.map((r) => r.id)).toEqual([big]);
      expect(either.body.results.map((r) => r.id).sort()).toEqual([small, none].sort());
      expect(both.body.results.map((r) => r.id)).toEqual([small]);
    });

    it('pages with limit and after, sorted as asked', async () => {
      // Arrange
      for (const amount of ['3', '1', '2']) await deal({ dealname: `d${amount}`, amount });
      // Act
      const first = await search({
        sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }],
        limit: 2,
        properties: ['amount'],
      });
      const second = await search({
        sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }],
        limit: 2,
        after: first.body.paging?.next.after,
        properties: ['amount'],
      });
      // Assert
      expect(first.body.total).toBe(3);
      expect(first.body.results.map((r) => r.properties.amount)).toEqual(['3', '2']);
      expect(second.body.results.map((r) => r.properties.amount)).toEqual(['1']);
      expect(second.body.paging).toBeUndefined();
    });

    it.each([
      { name: 'more than 5 filter groups', body: { filterGroups: Array(6).fill({ filters: [] }) } },
      {
        name: 'more than 10 filters in a group',
        body: {
          filterGroups: [
            { filters: Array(11).fill({ propertyName: 'amount', operator: 'HAS_PROPERTY' }) },
          ],
        },
      },
      {
        name: 'more than 25 filters in total',
        body: {
          filterGroups: Array(3).fill({
            filters: Array(9).fill({ propertyName: 'amount', operator: 'HAS_PROPERTY' }),
          }),
        },
      },
      { name: 'a limit above 200', body: { limit: 201 } },
      { name: 'paging beyond 10,000 results', body: { limit: 100, after: 9950 } },
      {
        name: 'an unknown operator',
        body: { filterGroups: [{ filters: [{ propertyName: 'amount', operator: 'LIKE' }] }] },
      },
    ])('refuses $name with 400', async ({ body }) => {
      // Act
      const res = await search(body);
      // Assert
      expect(res.status).toBe(400);
      expect((res.body as unknown as ErrorBody).category).toBe('VALIDATION_ERROR');
    });
  });

  describe('associations', () => {
    const company = async () =>
      (
        await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/companies', {
          properties: { name: 'Department of Imaginary Affairs' },
        })
      ).body.id;
    const contact = async (email: string) =>
      (await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/contacts', { properties: { email } }))
        .body.id;

    it('creates a default association by id and lists it from both sides (v4 and v3)', async () => {
      // Arrange
      const dealId = await deal({ dealname: 'x' });
      const companyId = await company();
      // Act
      const put = await hsCall(
        sim,
        'PUT',
        `/crm/v4/objects/deals/${dealId}/associations/default/companies/${companyId}`,
        {}
      );
      const v4 = await hsCall<{
        results: Array<{ toObjectId: number; associationTypes: Array<{ typeId: number }> }>;
      }>(sim, 'GET', `/crm/v4/objects/deals/${dealId}/associations/companies`);
      const v3 = await hsCall<{ results: Array<{ id: string; type: string }> }>(
        sim,
        'GET',
        `/crm/v3/objects/companies/${companyId}/associations/deals`
      );
      // Assert
      expect(put.status).toBe(200);
      expect(v4.body.results).toEqual([
        {
          toObjectId: Number(companyId),
          associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 341, label: null }],
        },
      ]);
      expect(v3.body.results).toEqual([{ id: dealId, type: 'company_to_deal' }]);
    });

    it('creates typed associations in batch and reports an unknown record as a 207 error', async () => {
      // Arrange
      const dealId = await deal({ dealname: 'x' });
      const contactIds = [
        await contact('a@imaginary-affairs.example.test'),
        await contact('b@imaginary-affairs.example.test'),
      ];
      const types = [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }];
      // Act
      const res = await hsCall<{ results: unknown[]; errors?: unknown[] }>(
        sim,
        'POST',
        '/crm/v4/associations/deals/contacts/batch/create',
        {
          inputs: [
            ...contactIds.map((id) => ({ from: { id: dealId }, to: { id }, types })),
            { from: { id: dealId }, to: { id: '77' }, types },
          ],
        }
      );
      const read = await hsCall<{
        results: Array<{ from: { id: string }; to: Array<{ toObjectId: number }> }>;
      }>(sim, 'POST', '/crm/v4/associations/deals/contacts/batch/read', {
        inputs: [{ id: dealId }],
      });
      // Assert
      expect(res.status).toBe(207);
      expect(res.body.results).toHaveLength(2);
      expect(res.body.errors).toHaveLength(1);
      expect(read.body.results[0]?.to.map((t) => String(t.toObjectId)).sort()).toEqual(
        [...contactIds].sort()
      );
    });

    it('refuses an association type id that does not fit the object pair', async () => {
      // Arrange
      const dealId = await deal({ dealname: 'x' });
      const companyId = await company();
      // Act
      const res = await hsCall<ErrorBody>(
        sim,
        'PUT',
        `/crm/v4/objects/deals/${dealId}/associations/companies/${companyId}`,
        [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }]
      );
      // Assert
      expect(res.status).toBe(400);
    });

    it('creates the primary deal-to-company label together with the unlabeled type', async () => {
      // Arrange
      const dealId = await deal({ dealname: 'x' });
      const companyId = await company();
      // Act
      const res = await hsCall<{ labels: string[] }>(
        sim,
        'PUT',
        `/crm/v4/objects/deals/${dealId}/associations/companies/${companyId}`,
        [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 }]
      );
      // Assert
      expect(res.status).toBe(201);
      expect(res.body.labels).toEqual(['Primary']);
    });

    it('attaches associations given at create time and removes one with DELETE', async () => {
      // Arrange
      const companyId = await company();
      const created = await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { dealname: 'with association' },
        associations: [
          {
            to: { id: companyId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 341 }],
          },
        ],
      });
      // Act
      const withAssoc = await hsCall<{ associations: Record<string, { results: unknown[] }> }>(
        sim,
        'GET',
        `/crm/v3/objects/deals/${created.body.id}?associations=companies`
      );
      const removed = await hsCall(
        sim,
        'DELETE',
        `/crm/v4/objects/deals/${created.body.id}/associations/companies/${companyId}`
      );
      // Assert
      expect(withAssoc.body.associations.companies?.results).toEqual([
        { id: companyId, type: 'deal_to_company' },
      ]);
      expect(removed.status).toBe(204);
      expect(sim.inspect().associations).toBe(0);
    });
  });
});
