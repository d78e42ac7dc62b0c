import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type HubSpotSimulator,
  startHubSpotSimulator,
} from '../../../../src/simulators/hubspot/hubspot-simulator';
import { type CrmObject, createUniqueDealKey, type ErrorBody, hsCall } from './hubspot-client';

describe('HubSpot simulator CRM objects', () => {
  let sim: HubSpotSimulator;
  beforeAll(async () => {
    sim = await startHubSpotSimulator({ seed: 1 });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  describe('auth', () => {
    it('answers 401 INVALID_AUTHENTICATION without a token or with a wrong one', async () => {
      // Act
      const none = await hsCall<ErrorBody>(sim, 'GET', '/crm/v3/objects/deals', undefined, null);
      const wrong = await hsCall<ErrorBody>(
        sim,
        'GET',
        '/crm/v3/objects/deals',
        undefined,
        'pat-wrong'
      );
      // Assert
      expect(none.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
      expect(wrong.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('create, read, update, archive', () => {
    it('creates a deal in the default pipeline and first stage, and reads it back', async () => {
      // Act
      const created = await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/deals', {
        properties: {
          dealname: 'Cloud work for the Department of Imaginary Affairs',
          amount: '125000',
        },
      });
      const read = await hsCall<CrmObject>(
        sim,
        'GET',
        `/crm/v3/objects/deals/${created.body.id}?properties=dealname,amount,dealstage,pipeline`
      );
      // Assert
      expect(created.status).toBe(201);
      expect(created.body.id).toMatch(/^\d+$/);
      expect(read.status).toBe(200);
      expect(read.body.properties).toMatchObject({
        dealname: 'Cloud work for the Department of Imaginary Affairs',
        amount: '125000',
        pipeline: 'default',
        dealstage: 'appointmentscheduled',
        hs_object_id: created.body.id,
      });
    });

    it('PATCH changes only the properties sent; a null clears one', async () => {
      // Arrange
      const created = await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { dealname: 'A', amount: '10', description: 'keep' },
      });
      // Act
      const patched = await hsCall<CrmObject>(
        sim,
        'PATCH',
        `/crm/v3/objects/deals/${created.body.id}`,
        {
          properties: { amount: null, dealstage: 'qualifiedtobuy' },
        }
      );
      // Assert
      expect(patched.status).toBe(200);
      const full = sim.getObject('deals', created.body.id);
      expect(full?.properties).toMatchObject({
        dealname: 'A',
        amount: null,
        description: 'keep',
        dealstage: 'qualifiedtobuy',
      });
    });

    it('reads by a unique idProperty, and refuses a non-unique one', async () => {
      // Arrange
      await createUniqueDealKey(sim);
      const created = await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { dealname: 'Keyed', govwin_opp_id: 'OPP200001' },
      });
      // Act
      const byKey = await hsCall<CrmObject>(
        sim,
        'GET',
        '/crm/v3/objects/deals/OPP200001?idProperty=govwin_opp_id'
      );
      const byName = await hsCall<ErrorBody>(
        sim,
        'GET',
        '/crm/v3/objects/deals/Keyed?idProperty=dealname'
      );
      // Assert
      expect(byKey.body.id).toBe(created.body.id);
      expect(byName.status).toBe(400);
    });

    it('answers 404 OBJECT_NOT_FOUND for an unknown id and for an archived deal', async () => {
      // Arrange
      const created = await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { dealname: 'gone' },
      });
      const archived = await hsCall(sim, 'DELETE', `/crm/v3/objects/deals/${created.body.id}`);
      // Act
      const unknown = await hsCall<ErrorBody>(sim, 'GET', '/crm/v3/objects/deals/999');
      const afterArchive = await hsCall(sim, 'GET', `/crm/v3/objects/deals/${created.body.id}`);
      const withArchived = await hsCall<CrmObject>(
        sim,
        'GET',
        `/crm/v3/objects/deals/${created.body.id}?archived=true`
      );
      // Assert
      expect(archived.status).toBe(204);
      expect(unknown.status).toBe(404);
      expect(unknown.body.category).toBe('OBJECT_NOT_FOUND');
      expect(afterArchive.status).toBe(404);
      expect(withArchived.body.archived).toBe(true);
    });

    it('lists records with after-cursor paging', async () => {
      // Arrange
      for (let i = 0; i < 3; i += 1) {
        await hsCall(sim, 'POST', '/crm/v3/objects/companies', {
          properties: { name: `Agency ${i}` },
        });
      }
      // Act
      const first = await hsCall<{ results: CrmObject[]; paging?: { next: { after: string } } }>(
        sim,
        'GET',
        '/crm/v3/objects/companies?limit=2'
      );
      const second = await hsCall<{ results: CrmObject[]; paging?: unknown }>(
        sim,
        'GET',
        `/crm/v3/objects/companies?limit=2&after=${first.body.paging?.next.after}`
      );
      // Assert
      expect(first.body.results).toHaveLength(2);
      expect(second.body.results).toHaveLength(1);
      expect(second.body.paging).toBeUndefined();
    });
  });

  describe('validation', () => {
    it.each([
      {
        name: 'an unknown property',
        properties: { no_such_prop: 'x' },
        code: 'PROPERTY_DOESNT_EXIST',
      },
      { name: 'a non-numeric amount', properties: { amount: 'lots' }, code: 'INVALID_VALUE' },
      {
        name: 'a stage of another pipeline',
        properties: { dealstage: 'nope' },
        code: 'INVALID_OPTION',
      },
      {
        name: 'an unknown enumeration option',
        properties: { dealtype: 'imaginary' },
        code: 'INVALID_VALUE',
      },
      {
        name: 'a read-only property',
        properties: { hs_lastmodifieddate: '1' },
        code: 'READ_ONLY_VALUE',
      },
    ])('refuses $name with 400 VALIDATION_ERROR', async ({ properties, code }) => {
      // Act
      const res = await hsCall<ErrorBody>(sim, 'POST', '/crm/v3/objects/deals', { properties });
      // Assert
      expect(res.status).toBe(400);
      expect(res.body.category).toBe('VALIDATION_ERROR');
      expect(res.body.errors?.[0]?.code).toBe(code);
    });

    it('stores datetime values as ISO and refuses a date-only property value that is not midnight UTC', async () => {
      // Arrange
      await hsCall(sim, 'POST', '/crm/v3/properties/deals', {
        name: 'govwin_solicitation_date',
        label: 'Solicitation date',
        type: 'date',
        fieldType: 'date',
        groupName: 'dealinformation',
      });
      // Act
      const ok = await hsCall<CrmObject>(sim, 'POST', '/crm/v3/objects/deals', {
        properties: {
          closedate: String(Date.UTC(2025, 5, 1, 15)),
          govwin_solicitation_date: String(Date.UTC(2025, 5, 1)),
        },
      });
      const bad = await hsCall(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { govwin_solicitation_date: String(Date.UTC(2025, 5, 1, 15)) },
      });
      // Assert
      expect(ok.body.properties).toMatchObject({
        closedate: '2025-06-01T15:00:00.000Z',
        govwin_solicitation_date: '2025-06-01',
      });
      expect(bad.status).toBe(400);
    });

    it('answers 400 for a body that is not JSON', async () => {
      // Act
      const res = await fetch(`${sim.url}/crm/v3/objects/deals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sim.accessToken}`, 'content-type': 'application/json' },
        body: '{not json',
      });
      // Assert
      expect(res.status).toBe(400);
    });

    it('enforces unique values on create', async () => {
      // Arrange
      await createUniqueDealKey(sim);
      await hsCall(sim, 'POST', '/crm/v3/objects/deals', { properties: { govwin_opp_id: 'OPP1' } });
      // Act
      const dup = await hsCall<ErrorBody>(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { govwin_opp_id: 'OPP1' },
      });
      const email1 = await hsCall(sim, 'POST', '/crm/v3/objects/contacts', {
        properties: { email: 'a@x.example.test' },
      });
      const email2 = await hsCall<ErrorBody>(sim, 'POST', '/crm/v3/objects/contacts', {
        properties: { email: 'A@x.example.test' },
      });
      // Assert
      expect(dup.status).toBe(400);
      expect(dup.body.errors?.[0]?.code).toBe('DUPLICATE_UNIQUE_VALUE');
      expect(email1.status).toBe(201);
      expect(email2.status).toBe(409);
      expect(email2.body.category).toBe('CONFLICT');
    });
  });
});
