import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { govwinPipelineFixture } from '../../../../src/fixtures/hubspot-fixtures';
import {
  type HubSpotSimulator,
  startHubSpotSimulator,
} from '../../../../src/simulators/hubspot/hubspot-simulator';
import { type ErrorBody, hsCall } from './hubspot-client';

interface Stage {
  id: string;
  label: string;
  metadata: Record<string, string>;
}
interface Pipeline {
  id: string;
  label: string;
  stages: Stage[];
}

describe('HubSpot simulator properties, groups, pipelines and owners', () => {
  let sim: HubSpotSimulator;
  beforeAll(async () => {
    sim = await startHubSpotSimulator({ seed: 8, pipelines: [govwinPipelineFixture()] });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  describe('property groups and properties', () => {
    it('creates a group, then a property in it; a second create answers 409', async () => {
      // Act
      const group = await hsCall(sim, 'POST', '/crm/v3/properties/deals/groups', {
        name: 'govwin',
        label: 'GovWin IQ',
        displayOrder: 1,
      });
      const again = await hsCall(sim, 'POST', '/crm/v3/properties/deals/groups', {
        name: 'govwin',
        label: 'GovWin IQ',
      });
      const prop = await hsCall(sim, 'POST', '/crm/v3/properties/deals', {
        name: 'govwin_opp_type',
        label: 'GovWin type',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'govwin',
        options: [{ label: 'Tracked Opportunity', value: 'trackedopp', hidden: false }],
      });
      const dup = await hsCall<ErrorBody>(sim, 'POST', '/crm/v3/properties/deals', {
        name: 'govwin_opp_type',
        label: 'x',
        type: 'string',
        fieldType: 'text',
        groupName: 'govwin',
      });
      // Assert
      expect(group.status).toBe(201);
      expect(again.status).toBe(409);
      expect(prop.status).toBe(201);
      expect(prop.body).toMatchObject({
        name: 'govwin_opp_type',
        groupName: 'govwin',
        hasUniqueValue: false,
      });
      expect(dup.status).toBe(409);
    });

    it('reads and patches a custom property; the new option becomes writable', async () => {
      // Arrange
      await hsCall(sim, 'POST', '/crm/v3/properties/deals', {
        name: 'govwin_market',
        label: 'Market',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'dealinformation',
        options: [{ label: 'Federal', value: 'Federal' }],
      });
      // Act
      const before = await hsCall(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { govwin_market: 'SLED' },
      });
      const patch = await hsCall(sim, 'PATCH', '/crm/v3/properties/deals/govwin_market', {
        options: [
          { label: 'Federal', value: 'Federal' },
          { label: 'SLED', value: 'SLED' },
        ],
      });
      const after = await hsCall(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { govwin_market: 'SLED' },
      });
      const read = await hsCall<{ options: unknown[] }>(
        sim,
        'GET',
        '/crm/v3/properties/deals/govwin_market'
      );
      // Assert
      expect(before.status).toBe(400);
      expect(patch.status).toBe(200);
      expect(after.status).toBe(201);
      expect(read.body.options).toHaveLength(2);
    });

    it.each([
      { name: 'a bad type/fieldType pair', body: { type: 'number', fieldType: 'text' } },
      { name: 'an unknown group', body: { groupName: 'nope' } },
      { name: 'an upper-case name', body: { name: 'GovWin' } },
      {
        name: 'an enumeration without options',
        body: { type: 'enumeration', fieldType: 'select' },
      },
    ])('refuses $name', async ({ body }) => {
      // Act
      const res = await hsCall(sim, 'POST', '/crm/v3/properties/deals', {
        name: 'some_prop',
        label: 'Some',
        type: 'string',
        fieldType: 'text',
        groupName: 'dealinformation',
        ...body,
      });
      // Assert
      expect(res.status).toBe(400);
    });

    it('caps unique-value properties at 10 per object and refuses changing hasUniqueValue', async () => {
      // Arrange
      const make = (i: number) =>
        hsCall(sim, 'POST', '/crm/v3/properties/companies', {
          name: `key_${i}`,
          label: `Key ${i}`,
          type: 'string',
          fieldType: 'text',
          groupName: 'companyinformation',
          hasUniqueValue: true,
        });
      for (let i = 0; i < 10; i += 1) await make(i);
      // Act
      const eleventh = await make(10);
      const patch = await hsCall(sim, 'PATCH', '/crm/v3/properties/companies/key_0', {
        hasUniqueValue: false,
      });
      // Assert
      expect(eleventh.status).toBe(400);
      expect(patch.status).toBe(400);
    });

    it('refuses to archive a HubSpot-defined property', async () => {
      // Act
      const res = await hsCall(sim, 'DELETE', '/crm/v3/properties/deals/dealname');
      // Assert
      expect(res.status).toBe(400);
    });
  });

  describe('pipelines and stages', () => {
    it('lists the default pipeline and the seeded GovWin pipeline with numeric stage ids', async () => {
      // Act
      const res = await hsCall<{ results: Pipeline[] }>(sim, 'GET', '/crm/v3/pipelines/deals');
      // Assert
      const labels = res.body.results.map((p) => p.label);
      expect(labels).toEqual(['Sales Pipeline', 'GovWin Pipeline']);
      const govwin = res.body.results[1] as Pipeline;
      expect(govwin.id).toMatch(/^\d+$/);
      expect(govwin.stages.map((s) => s.label)).toContain('Submit to AWS');
      expect(govwin.stages.every((s) => /^\d+$/.test(s.id))).toBe(true);
    });

    it('accepts a deal in a seeded pipeline stage and refuses the stage of another pipeline', async () => {
      // Arrange
      const list = await hsCall<{ results: Pipeline[] }>(sim, 'GET', '/crm/v3/pipelines/deals');
      const govwin = list.body.results[1] as Pipeline;
      const submit = govwin.stages.find((s) => s.label === 'Submit to AWS') as Stage;
      // Act
      const ok = await hsCall(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { pipeline: govwin.id, dealstage: submit.id },
      });
      const wrong = await hsCall(sim, 'POST', '/crm/v3/objects/deals', {
        properties: { pipeline: govwin.id, dealstage: 'closedwon' },
      });
      // Assert
      expect(ok.status).toBe(201);
      expect(wrong.status).toBe(400);
    });

    it('creates a pipeline and a stage; deal stages need metadata.probability', async () => {
      // Act
      const bad = await hsCall(sim, 'POST', '/crm/v3/pipelines/deals', {
        label: 'P',
        stages: [{ label: 'S', metadata: {} }],
      });
      const created = await hsCall<Pipeline>(sim, 'POST', '/crm/v3/pipelines/deals', {
        label: 'Referrals',
        displayOrder: 3,
        stages: [{ label: 'New referral', displayOrder: 0, metadata: { probability: '0.1' } }],
      });
      const stage = await hsCall<Stage>(
        sim,
        'POST',
        `/crm/v3/pipelines/deals/${created.body.id}/stages`,
        {
          label: 'Accepted',
          metadata: { probability: '0.5', isClosed: 'false' },
        }
      );
      const stages = await hsCall<{ results: Stage[] }>(
        sim,
        'GET',
        `/crm/v3/pipelines/deals/${created.body.id}/stages`
      );
      // Assert
      expect(bad.status).toBe(400);
      expect(created.status).toBe(201);
      expect(stage.status).toBe(201);
      expect(stages.body.results.map((s) => s.label)).toEqual(['New referral', 'Accepted']);
    });

    it('answers 404 for an unknown pipeline', async () => {
      // Act
      const res = await hsCall<ErrorBody>(sim, 'GET', '/crm/v3/pipelines/deals/123');
      // Assert
      expect(res.status).toBe(404);
      expect(res.body.category).toBe('OBJECT_NOT_FOUND');
    });
  });

  describe('owners', () => {
    it('reads fictional owners', async () => {
      // Act
      const res = await hsCall<{ email: string }>(sim, 'GET', '/crm/v3/owners/70001');
      const missing = await hsCall(sim, 'GET', '/crm/v3/owners/1');
      // Assert
      expect(res.body.email).toBe('rep.one@partner.example.test');
      expect(missing.status).toBe(404);
    });
  });
});
