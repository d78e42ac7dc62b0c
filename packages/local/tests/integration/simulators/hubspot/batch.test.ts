import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type HubSpotSimulator,
  startHubSpotSimulator,
} from '../../../../src/simulators/hubspot/hubspot-simulator';
import { type BatchBody, createUniqueDealKey, type ErrorBody, hsCall } from './hubspot-client';

const upsertInputs = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    idProperty: 'govwin_opp_id',
    id: `OPP${200000 + from + i}`,
    objectWriteTraceId: `trace-${from + i}`,
    properties: { dealname: `Fictional opportunity ${from + i}` },
  }));

describe('HubSpot simulator batch endpoints', () => {
  let sim: HubSpotSimulator;
  let ordered: HubSpotSimulator;
  beforeAll(async () => {
    sim = await startHubSpotSimulator({ seed: 4 });
    ordered = await startHubSpotSimulator({ seed: 4, shuffleBatchResults: false });
  });
  afterAll(async () => {
    await sim.stop();
    await ordered.stop();
  });
  beforeEach(async () => {
    sim.reset();
    ordered.reset();
    await createUniqueDealKey(sim);
    await createUniqueDealKey(ordered);
  });

  const upsert = (s: HubSpotSimulator, inputs: unknown[]) =>
    hsCall<BatchBody>(s, 'POST', '/crm/v3/objects/deals/batch/upsert', { inputs });

  describe('batch upsert', () => {
    it('creates on first sight (new: true) and updates on the second (new: false), keyed by idProperty', async () => {
      // Act
      const first = await upsert(sim, upsertInputs(3));
      const second = await upsert(
        sim,
        upsertInputs(3).map((i) => ({ ...i, properties: { amount: '5' } }))
      );
      // Assert
      expect(first.status).toBe(200);
      expect(first.body.status).toBe('COMPLETE');
      expect(first.body.results.every((r) => r.new === true)).toBe(true);
      expect(second.body.results.every((r) => r.new === false)).toBe(true);
      const byKey = new Map(first.body.results.map((r) => [r.properties.govwin_opp_id, r.id]));
      for (const r of second.body.results) expect(byKey.get(r.properties.govwin_opp_id)).toBe(r.id);
      expect(sim.inspect().objects.deals).toBe(3);
    });

    it('returns results in an order other than the input order, echoing objectWriteTraceId for pairing', async () => {
      // Arrange
      const inputs = upsertInputs(20);
      // Act
      const res = await upsert(sim, inputs);
      // Assert
      const keys = res.body.results.map((r) => r.properties.govwin_opp_id);
      expect(keys).not.toEqual(inputs.map((i) => i.id));
      expect([...keys].sort()).toEqual(inputs.map((i) => i.id).sort());
      for (const r of res.body.results) {
        expect(r.objectWriteTraceId).toBe(
          `trace-${Number(r.properties.govwin_opp_id?.slice(3)) - 200000}`
        );
      }
    });

    it('keeps input order when shuffleBatchResults is false', async () => {
      // Arrange
      const inputs = upsertInputs(20);
      // Act
      const res = await upsert(ordered, inputs);
      // Assert
      expect(res.body.results.map((r) => r.properties.govwin_opp_id)).toEqual(
        inputs.map((i) => i.id)
      );
    });

    it('accepts 100 inputs and refuses 101', async () => {
      // Act
      const hundred = await upsert(sim, upsertInputs(100));
      const tooMany = await upsert(sim, upsertInputs(101, 1000));
      // Assert
      expect(hundred.status).toBe(200);
      expect(hundred.body.results).toHaveLength(100);
      expect(tooMany.status).toBe(400);
      expect((tooMany.body as unknown as ErrorBody).category).toBe('VALIDATION_ERROR');
    });

    it('refuses an idProperty without hasUniqueValue, and duplicate ids in one batch', async () => {
      // Act
      const notUnique = await upsert(sim, [{ idProperty: 'dealname', id: 'x', properties: {} }]);
      const duplicate = await upsert(sim, [...upsertInputs(1), ...upsertInputs(1)]);
      // Assert
      expect(notUnique.status).toBe(400);
      expect((notUnique.body as unknown as ErrorBody).message).toContain(
        'not a unique-value property'
      );
      expect(duplicate.status).toBe(400);
      expect((duplicate.body as unknown as ErrorBody).message).toContain('Duplicate IDs');
      expect(sim.inspect().objects.deals).toBe(0);
    });

    it('upserts contacts by email case-insensitively', async () => {
      // Act
      const first = await hsCall<BatchBody>(sim, 'POST', '/crm/v3/objects/contacts/batch/upsert', {
        inputs: [
          {
            idProperty: 'email',
            id: 'casey.demo@imaginary-affairs.example.test',
            properties: { firstname: 'Casey' },
          },
        ],
      });
      const second = await hsCall<BatchBody>(sim, 'POST', '/crm/v3/objects/contacts/batch/upsert', {
        inputs: [
          {
            idProperty: 'email',
            id: 'Casey.Demo@imaginary-affairs.example.test',
            properties: { lastname: 'Demo' },
          },
        ],
      });
      // Assert
      expect(first.body.results[0]?.new).toBe(true);
      expect(second.body.results[0]?.new).toBe(false);
      expect(second.body.results[0]?.id).toBe(first.body.results[0]?.id);
    });

    it('reports invalid inputs as a 207 partial failure while the others succeed', async () => {
      // Arrange
      const inputs = [
        ...upsertInputs(2),
        {
          idProperty: 'govwin_opp_id',
          id: 'OPP9',
          objectWriteTraceId: 'bad',
          properties: { amount: 'NaN-ish' },
        },
      ];
      // Act
      const res = await upsert(sim, inputs);
      // Assert
      expect(res.status).toBe(207);
      expect(res.body.results).toHaveLength(2);
      expect(res.body.numErrors).toBe(1);
      expect(res.body.errors?.[0]).toMatchObject({
        status: 'error',
        category: 'VALIDATION_ERROR',
        objectWriteTraceId: 'bad',
      });
    });
  });

  describe('batch read, update, create, archive', () => {
    it('reads by id and reports unknown ids as a 207 OBJECT_NOT_FOUND error', async () => {
      // Arrange
      const created = await upsert(sim, upsertInputs(2));
      const ids = created.body.results.map((r) => r.id);
      // Act
      const res = await hsCall<BatchBody>(sim, 'POST', '/crm/v3/objects/deals/batch/read', {
        inputs: [...ids.map((id) => ({ id })), { id: '1' }],
        properties: ['dealname'],
      });
      // Assert
      expect(res.status).toBe(207);
      expect(res.body.results.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(res.body.errors?.[0]).toMatchObject({
        category: 'OBJECT_NOT_FOUND',
        context: { ids: ['1'] },
      });
    });

    it('reads by a unique idProperty', async () => {
      // Arrange
      await upsert(sim, upsertInputs(2));
      // Act
      const res = await hsCall<BatchBody>(sim, 'POST', '/crm/v3/objects/deals/batch/read', {
        idProperty: 'govwin_opp_id',
        inputs: [{ id: 'OPP200000' }, { id: 'OPP200001' }],
        properties: ['govwin_opp_id'],
      });
      // Assert
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => r.properties.govwin_opp_id).sort()).toEqual([
        'OPP200000',
        'OPP200001',
      ]);
    });

    it('updates by id and reports a missing record without failing the others', async () => {
      // Arrange
      const created = await upsert(sim, upsertInputs(1));
      const id = created.body.results[0]?.id as string;
      // Act
      const res = await hsCall<BatchBody>(sim, 'POST', '/crm/v3/objects/deals/batch/update', {
        inputs: [
          { id, properties: { amount: '42' } },
          { id: '5', properties: { amount: '1' } },
        ],
      });
      // Assert
      expect(res.status).toBe(207);
      expect(res.body.results[0]?.properties.amount).toBe('42');
      expect(res.body.errors?.[0]?.category).toBe('OBJECT_NOT_FOUND');
    });

    it('creates in batch with 201 and archives in batch with 204', async () => {
      // Act
      const created = await hsCall<BatchBody>(
        sim,
        'POST',
        '/crm/v3/objects/companies/batch/create',
        {
          inputs: [
            { properties: { name: 'Bureau of Hypothetical Logistics' } },
            { properties: { name: 'Office of Fictional Standards' } },
          ],
        }
      );
      const archived = await hsCall(sim, 'POST', '/crm/v3/objects/companies/batch/archive', {
        inputs: created.body.results.map((r) => ({ id: r.id })),
      });
      // Assert
      expect(created.status).toBe(201);
      expect(created.body.results).toHaveLength(2);
      expect(archived.status).toBe(204);
      expect(sim.inspect().objects.companies).toBe(0);
    });
  });
});
