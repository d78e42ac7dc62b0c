// The setup-hubspot schema (GovWin + ACE properties, groups, pipeline) applied through the real HubSpot
// client to the HubSpot simulator, which validates property definitions and every written value the way
// HubSpot does (enumeration options, unique values, datetime formats).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type HubSpotSimulator,
  startHubSpotSimulator,
} from '../../../../local/src/simulators/index';
import { ACE_DEAL_PROPERTIES, ACE_PROPERTY_GROUP } from '../../../src/ace/ace-hubspot-properties';
import { DEAL_PROP } from '../../../src/ace/deal-properties';
import { makeHttpClient } from '../../../src/http/http-client';
import { ensureHubSpotSchema, type SchemaResult } from '../../../src/hubspot/ensure-schema';
import { HubSpotError } from '../../../src/hubspot/errors';
import { type HubSpotClient, makeHubSpotClient } from '../../../src/hubspot/hubspot-client';
import type { PropertyDefinition } from '../../../src/hubspot/types';
import { govwinHubSpotSchema } from '../../../src/mapping/govwin/hubspot-schema';

const PIPELINE = 'GovWin Pipeline';
const spec = govwinHubSpotSchema(PIPELINE);

let sim: HubSpotSimulator;
let hubspot: HubSpotClient;
let first: SchemaResult;
let second: SchemaResult;

beforeAll(async () => {
  sim = await startHubSpotSimulator({ rateLimit: { max: 10_000 } });
  hubspot = makeHubSpotClient({
    http: makeHttpClient({ allowedHosts: ['127.0.0.1'], maxRetries: 0 }),
    baseUrl: sim.url,
    accessToken: async () => sim.accessToken,
  });
  first = await ensureHubSpotSchema(hubspot, spec);
  second = await ensureHubSpotSchema(hubspot, spec);
});
afterAll(async () => {
  await sim?.stop();
});

const option = (def: PropertyDefinition, i: number): string => {
  const value = def.options?.[i]?.value;
  if (value === undefined) throw new Error(`${def.name} has no option ${i}`);
  return value;
};
const def = (name: string): PropertyDefinition => {
  const d = ACE_DEAL_PROPERTIES.find((p) => p.name === name);
  if (!d) throw new Error(`no definition for ${name}`);
  return d;
};

/** One fictional value per ACE property, in the formats the card and the submitter write. */
const aceValues = (invitationId: string): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const p of ACE_DEAL_PROPERTIES) {
    if (p.type === 'enumeration')
      values[p.name] =
        p.fieldType === 'checkbox' ? `${option(p, 0)};${option(p, 1)}` : option(p, 0);
    else if (p.type === 'datetime') values[p.name] = String(Date.parse('2027-01-15T12:30:00Z'));
    else values[p.name] = `fictional ${p.name}`;
  }
  values[DEAL_PROP.invitationId] = invitationId;
  return values;
};

describe('setup-hubspot schema against the HubSpot simulator', () => {
  it('creates the ACE group and every ACE property on a fresh portal, without conflicts', () => {
    // Assert
    expect(first.changes.filter((c) => c.action === 'conflict')).toEqual([]);
    expect(first.changes).toContainEqual({
      kind: 'group',
      action: 'create',
      objectType: 'deals',
      name: ACE_PROPERTY_GROUP.name,
    });
    const created = first.changes
      .filter((c) => c.kind === 'property' && c.action === 'create' && c.objectType === 'deals')
      .map((c) => c.name);
    expect(created).toEqual(expect.arrayContaining(ACE_DEAL_PROPERTIES.map((p) => p.name)));
  });

  it('changes nothing on a second run', () => {
    // Assert
    expect(second.changes).toEqual([]);
    expect(second.pipeline?.id).toBe(first.pipeline?.id);
  });

  it('leaves HubSpot holding each ACE property as defined (type, field type, group, uniqueness, options)', async () => {
    // Act
    const stored = new Map((await hubspot.listProperties('deals')).map((p) => [p.name, p]));
    // Assert
    for (const want of ACE_DEAL_PROPERTIES) {
      const have = stored.get(want.name);
      expect({
        name: have?.name,
        type: have?.type,
        fieldType: have?.fieldType,
        groupName: have?.groupName,
        unique: have?.hasUniqueValue === true,
        options: (have?.options ?? []).map((o) => o.value),
      }).toEqual({
        name: want.name,
        type: want.type,
        fieldType: want.fieldType,
        groupName: ACE_PROPERTY_GROUP.name,
        unique: want.hasUniqueValue === true,
        options: (want.options ?? []).map((o) => o.value),
      });
    }
  });

  it('stores a deal carrying every ACE property in the formats the card and the submitter write', async () => {
    // Arrange
    const values = aceValues('engi-00000000000a1');
    // Act
    const deal = await hubspot.createDeal({ dealname: 'Fictional deal', ...values });
    const read = await hubspot.getDeal(deal.id, Object.keys(values));
    // Assert
    for (const [name, value] of Object.entries(values)) {
      const got = read?.properties[name] ?? '';
      if (name === DEAL_PROP.invitationExpiresAt) expect(Date.parse(got)).toBe(Number(value));
      else expect(got).toBe(value);
    }
  });

  it('refuses a value outside the SDK enum and accepts the same deal without it', async () => {
    // Arrange
    const valid = option(def(DEAL_PROP.partnerNeed), 0);
    // Act
    const bad = await hubspot
      .createDeal({
        dealname: 'Fictional deal with a bad need',
        [DEAL_PROP.partnerNeed]: `${valid};Moral Support`,
      })
      .catch((err: unknown) => err);
    const good = await hubspot.createDeal({
      dealname: 'Fictional deal with a good need',
      [DEAL_PROP.partnerNeed]: valid,
    });
    // Assert
    expect(bad).toBeInstanceOf(HubSpotError);
    expect(bad).toMatchObject({ status: 400, category: 'VALIDATION_ERROR' });
    expect(good.properties[DEAL_PROP.partnerNeed]).toBe(valid);
  });

  it('refuses a second deal with the same invitation id', async () => {
    // Arrange
    const invitationId = 'engi-00000000000b2';
    await hubspot.createDeal({
      dealname: 'Fictional referral',
      [DEAL_PROP.invitationId]: invitationId,
    });
    // Act
    const duplicate = await hubspot
      .createDeal({ dealname: 'Fictional referral copy', [DEAL_PROP.invitationId]: invitationId })
      .catch((err: unknown) => err);
    // Assert
    expect(duplicate).toBeInstanceOf(HubSpotError);
    expect(duplicate).toMatchObject({ status: 400 });
    await expect(
      hubspot.getObject('deals', invitationId, {
        properties: [DEAL_PROP.invitationId],
        idProperty: DEAL_PROP.invitationId,
      })
    ).resolves.toMatchObject({ properties: { [DEAL_PROP.invitationId]: invitationId } });
  });
});
