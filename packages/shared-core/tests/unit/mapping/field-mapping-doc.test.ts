import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { COMPANY_FIELDS, CONTACT_FIELDS } from '../../../src/mapping/govwin/company-contact-fields';
import { DEAL_FIELDS } from '../../../src/mapping/govwin/deal-fields';
import { renderFieldMappingDoc } from '../../../src/mapping/govwin/field-mapping-doc';
import {
  GOVWIN_COMPANY_PROPERTIES,
  GOVWIN_CONTACT_PROPERTIES,
  GOVWIN_DEAL_PROPERTIES,
  HUBSPOT_STANDARD_PROPERTIES,
} from '../../../src/mapping/govwin/hubspot-properties';

const docPath = new URL('../../../../../docs/field-mapping.md', import.meta.url);

describe('docs/field-mapping.md', () => {
  it('is exactly what the mapping tables render (run `npx tsx scripts/generate-field-mapping.ts` after a change)', () => {
    expect(readFileSync(docPath, 'utf8')).toBe(renderFieldMappingDoc());
  });
});

describe('HubSpot property definitions', () => {
  it.each([
    {
      object: 'deals',
      rows: DEAL_FIELDS,
      defs: GOVWIN_DEAL_PROPERTIES,
      standard: HUBSPOT_STANDARD_PROPERTIES.deals,
    },
    {
      object: 'companies',
      rows: COMPANY_FIELDS,
      defs: GOVWIN_COMPANY_PROPERTIES,
      standard: HUBSPOT_STANDARD_PROPERTIES.companies,
    },
    {
      object: 'contacts',
      rows: CONTACT_FIELDS,
      defs: GOVWIN_CONTACT_PROPERTIES,
      standard: HUBSPOT_STANDARD_PROPERTIES.contacts,
    },
  ])(
    'declares every $object property a mapper writes, and nothing it never writes',
    ({ rows, defs, standard }) => {
      const written = rows.map((r) => r.property).sort();
      const declared = [...defs.map((d) => d.name), ...standard].sort();
      expect(declared).toEqual(written);
    }
  );

  it('makes every upsert key a unique-value property', () => {
    const unique = [
      ...GOVWIN_DEAL_PROPERTIES,
      ...GOVWIN_COMPANY_PROPERTIES,
      ...GOVWIN_CONTACT_PROPERTIES,
    ]
      .filter((d) => d.hasUniqueValue)
      .map((d) => d.name)
      .sort();
    expect(unique).toEqual(['govwin_contact_id', 'govwin_entity_id', 'govwin_opp_id']);
  });

  it('uses only valid type/fieldType pairs and lower-case names', () => {
    const valid: Record<string, string[]> = {
      string: ['text', 'textarea'],
      number: ['number'],
      date: ['date'],
      datetime: ['date'],
      enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
    };
    for (const d of [
      ...GOVWIN_DEAL_PROPERTIES,
      ...GOVWIN_COMPANY_PROPERTIES,
      ...GOVWIN_CONTACT_PROPERTIES,
    ]) {
      expect(valid[d.type]).toContain(d.fieldType);
      expect(d.name).toMatch(/^[a-z][a-z0-9_]*$/);
      if (d.type === 'enumeration') expect(d.options?.length).toBeGreaterThan(0);
    }
  });
});
