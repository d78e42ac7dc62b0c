import { DEFAULTS } from '@govwin-ace/govwin-poller';
import { ACE_DEAL_PROPERTIES } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  type Harness,
  markedFixtures,
  PIPELINE_LABEL,
  startHarness,
} from '../../../govwin-poller/tests/integration/helpers/harness';
import type { CommandIo } from '../../src/command';
import { makeSetupHubSpotCommand } from '../../src/commands/setup-hubspot';
import { makeSyncCommand } from '../../src/commands/sync';
import { main } from '../../src/main';
import type { SyncRuntime } from '../../src/runtime';

jest.setTimeout(60_000);

const io = (): CommandIo & { out: () => string; err: () => string } => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: {},
    out: () => out.join(''),
    err: () => err.join(''),
  };
};

describe('govwin-ace CLI against the simulators', () => {
  let h: Harness;
  const calls = { govwin: 0, hubspot: 0 };
  const setup = () =>
    makeSetupHubSpotCommand(() => ({
      hubspot: h.hubspot,
      pipelineLabel: PIPELINE_LABEL,
      calls,
      close: () => undefined,
    }));
  const sync = () =>
    makeSyncCommand(
      (): SyncRuntime => ({
        govwin: h.govwin,
        hubspot: h.hubspot,
        pipeline: { label: PIPELINE_LABEL },
        discovery: {
          mode: { kind: 'marked', markedVersion: '2.2' },
          oppType: 'ALL',
          batchSize: DEFAULTS.batchSize,
        },
        audit: h.syncAudit,
        calls,
        close: () => undefined,
      })
    );

  beforeAll(async () => {
    h = await startHarness({ govwin: { fixtures: markedFixtures(12, 'cli') } });
  });
  afterAll(async () => {
    await h.stop();
  });

  describe('setup-hubspot', () => {
    it('creates the groups, properties and pipeline, then a second run changes nothing', async () => {
      // Act
      const first = io();
      const firstCode = await main(['setup-hubspot', '--json'], first, [setup()]);
      const second = io();
      const secondCode = await main(['setup-hubspot'], second, [setup()]);
      // Assert
      expect([firstCode, secondCode]).toEqual([0, 0]);
      const report = JSON.parse(first.out()) as {
        changes: { kind: string; action: string; objectType?: string; name: string }[];
        pipeline: { stages: Record<string, string> };
      };
      expect(
        report.changes.filter((c) => c.kind === 'group').map((c) => `${c.objectType}.${c.name}`)
      ).toEqual(['deals.govwin', 'deals.govwin_ace', 'companies.govwin', 'contacts.govwin']);
      const created = report.changes
        .filter((c) => c.kind === 'property' && c.action === 'create')
        .map((c) => c.name);
      expect(created.length).toBeGreaterThanOrEqual(30);
      expect(created).toEqual(expect.arrayContaining(ACE_DEAL_PROPERTIES.map((p) => p.name)));
      expect(report.changes.filter((c) => c.action === 'conflict')).toEqual([]);
      expect(report.changes.filter((c) => c.kind === 'pipeline')).toEqual([
        { kind: 'pipeline', action: 'create', name: PIPELINE_LABEL, detail: '14 stages' },
      ]);
      expect(Object.keys(report.pipeline.stages)).toEqual(
        expect.arrayContaining(['Reviewing Requirements', 'Submit to AWS', 'Approved by AWS'])
      );
      expect(second.out()).toContain('changed: nothing (no changes)');
    });

    it('updates a property a user changed and keeps the options users added', async () => {
      // Arrange: a BD admin relabelled a property and added an option.
      await h.hubspot.updateProperty('deals', 'govwin_set_aside', {
        label: 'Set aside (edited)',
        options: [{ label: 'Local option', value: 'local', displayOrder: 0 }],
      });
      // Act
      const run = io();
      const code = await main(['setup-hubspot'], run, [setup()]);
      // Assert
      expect(code).toBe(0);
      expect(run.out()).toMatch(/update\s+property deals\.govwin_set_aside \(label, options\)/);
      const property = (await h.hubspot.listProperties('deals')).find(
        (p) => p.name === 'govwin_set_aside'
      );
      expect(property?.label).toBe('GovWin Set-Aside');
      expect(property?.options?.map((o) => o.value)).toContain('local');
      expect(property?.options?.map((o) => o.value)).toContain('8a');
    });
  });

  describe('sync', () => {
    it('--dry-run shows what would be written and writes nothing', async () => {
      // Act
      const run = io();
      const code = await main(['sync', '--dry-run', '--json'], run, [sync()]);
      // Assert
      expect(code).toBe(0);
      const out = JSON.parse(run.out()) as {
        counts: Record<string, number>;
        plan: {
          deals: { action: string; properties: Record<string, string> }[];
          contacts: { key: string }[];
        };
      };
      expect(out.counts.planned).toBe(12);
      expect(out.plan.deals).toHaveLength(12);
      expect(out.plan.deals.every((d) => d.action === 'create' && d.properties.govwin_opp_id)).toBe(
        true
      );
      expect(
        out.plan.contacts.every(
          (c) => !/@partner|@.*\.example\.test/.test(c.key) || c.key.includes('[EMAIL]')
        )
      ).toBe(true);
      expect(h.hubspotSim.listObjects('deals')).toHaveLength(0);
      expect(h.hubspotSim.listObjects('contacts')).toHaveLength(0);
    });

    it('--once syncs everything, and a second --once finds nothing changed', async () => {
      // Act
      const first = io();
      const firstCode = await main(['sync', '--once'], first, [sync()]);
      const second = io();
      const secondCode = await main(['sync', '--once', '--json'], second, [sync()]);
      // Assert
      expect([firstCode, secondCode]).toEqual([0, 0]);
      expect(first.out()).toContain('synced 12');
      expect(h.hubspotSim.listObjects('deals')).toHaveLength(12);
      expect(JSON.parse(second.out())).toMatchObject({ discovered: 12, changed: 0, considered: 0 });
    });

    it('--limit bounds the run', async () => {
      h.clock.advance(60_000);
      for (const id of (h.govwinSim.inspect().marked['2.2'] ?? []).slice(0, 3))
        h.govwinSim.analystUpdate(id, { title: `changed ${id}` });
      const run = io();
      expect(await main(['sync', '--once', '--limit', '2', '--json'], run, [sync()])).toBe(0);
      expect(JSON.parse(run.out())).toMatchObject({
        changed: 3,
        considered: 2,
        counts: { synced: 2 },
      });
    });
  });
});
