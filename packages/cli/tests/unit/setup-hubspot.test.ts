import type { HubSpotClient } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { EXIT } from '../../src/command';
import { makeSetupHubSpotCommand } from '../../src/commands/setup-hubspot';
import { hubspotSchema } from '../../src/hubspot-schema';

describe('setup-hubspot', () => {
  it('exits 1 and names the property when HubSpot holds one with another type', async () => {
    // Arrange: every property exists except govwin_priority, which exists as a string.
    const schema = hubspotSchema('GovWin Pipeline');
    const existing = (type: 'deals' | 'companies' | 'contacts') =>
      (schema.properties[type] ?? []).map((p) =>
        p.name === 'govwin_priority'
          ? { ...p, type: 'string' as const, fieldType: 'text' as const }
          : p
      );
    const hubspot = {
      listPropertyGroups: async (type: 'deals' | 'companies' | 'contacts') => [
        ...(schema.groups[type] ?? []),
      ],
      listProperties: async (type: 'deals' | 'companies' | 'contacts') => existing(type),
      listPipelines: async () => [
        {
          id: '1',
          label: 'GovWin Pipeline',
          displayOrder: 0,
          stages: (schema.pipeline?.stages ?? []).map((s, i) => ({
            id: String(10 + i),
            label: s.label,
            displayOrder: i,
            metadata: { probability: s.probability, isClosed: String(s.isClosed) },
          })),
        },
      ],
    } as unknown as HubSpotClient;
    const command = makeSetupHubSpotCommand(() => ({
      hubspot,
      pipelineLabel: 'GovWin Pipeline',
      calls: { govwin: 0, hubspot: 3 },
      close: () => undefined,
    }));
    const out: string[] = [];
    const err: string[] = [];
    // Act
    const code = await command.run([], {
      stdout: { write: (s) => out.push(s) },
      stderr: { write: (s) => err.push(s) },
      env: {},
    });
    // Assert
    expect(code).toBe(EXIT.problems);
    expect(out.join('')).toMatch(
      /conflict\s+property deals\.govwin_priority \(exists as string; expected number/
    );
    expect(err.join('')).toContain('cannot be changed by the API');
  });
});
