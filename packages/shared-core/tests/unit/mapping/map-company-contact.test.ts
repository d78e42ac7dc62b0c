import { describe, expect, it } from '@jest/globals';
import {
  mapGovEntityToCompany,
  mapGovWinContact,
} from '../../../src/mapping/govwin/map-company-contact';

describe('mapGovEntityToCompany', () => {
  it('maps an agency with its parent', () => {
    const out = mapGovEntityToCompany({
      id: 4512,
      title: 'Department of Examples',
      parentHierarchy: [{ title: 'Federal Examples' }],
    });
    expect(out).toEqual({
      ok: true,
      value: {
        govEntityId: '4512',
        properties: {
          name: 'Department of Examples',
          industry: 'GOVERNMENT_ADMINISTRATION',
          govwin_entity_id: '4512',
          govwin_parent_agency: 'Federal Examples',
        },
        warnings: [],
      },
    });
  });

  it('names an agency without a title after its id, with a warning', () => {
    const out = mapGovEntityToCompany({ id: '77' });
    expect(out.ok && out.value.properties.name).toBe('GovWin agency 77');
    expect(out.ok && out.value.warnings).toEqual([
      { field: 'govEntity.title', problem: 'missing; company named after the id' },
    ]);
  });

  it('rejects an agency without a numeric id', () => {
    expect(mapGovEntityToCompany({ id: 'abc', title: 'X' })).toMatchObject({
      ok: false,
      reason: 'govEntity.id is missing or not numeric',
    });
  });
});

describe('mapGovWinContact', () => {
  it('keys a contact with an e-mail by e-mail (lower-cased) and keeps the GovWin id', () => {
    const out = mapGovWinContact({
      contactId: 700123,
      firstName: 'Avery',
      lastName: 'Example',
      email: 'Avery.Example@Agency.Example.Gov',
      phone: '202-555-0100',
      title: 'Contracting Officer',
      address1: '1 Example Way',
      city: 'Sampleton',
      state: 'EX',
      zip: '00001',
      govEntityLevel1: 'Federal Examples',
      govEntityLevel2: 'Department of Examples',
    });
    expect(out).toEqual({
      ok: true,
      value: {
        govwinContactId: '700123',
        idProperty: 'email',
        key: 'avery.example@agency.example.gov',
        properties: {
          email: 'avery.example@agency.example.gov',
          firstname: 'Avery',
          lastname: 'Example',
          phone: '202-555-0100',
          jobtitle: 'Contracting Officer',
          address: '1 Example Way',
          city: 'Sampleton',
          state: 'EX',
          zip: '00001',
          govwin_contact_id: '700123',
          govwin_entity_level1: 'Federal Examples',
          govwin_entity_level2: 'Department of Examples',
        },
        warnings: [],
      },
    });
  });

  it('keys a contact without e-mail by its GovWin contact id', () => {
    const out = mapGovWinContact({ contactId: '42', lastName: 'Example', email: 'not-an-email' });
    expect(out).toMatchObject({ ok: true, value: { idProperty: 'govwin_contact_id', key: '42' } });
    expect(out.ok && out.value.warnings).toEqual([
      { field: 'contact.email', problem: 'not a valid e-mail address' },
    ]);
  });

  it('splits a task-order primaryContact blob into name, title and e-mail', () => {
    const out = mapGovWinContact({
      primaryContact: 'Jordan Q Sample, Contracting Officer, jordan.sample@agency.example.gov',
    });
    expect(out).toMatchObject({
      ok: true,
      value: {
        idProperty: 'email',
        key: 'jordan.sample@agency.example.gov',
        properties: { firstname: 'Jordan Q', lastname: 'Sample', jobtitle: 'Contracting Officer' },
      },
    });
  });

  it('rejects a contact with neither e-mail nor id', () => {
    expect(mapGovWinContact({ firstName: 'No', lastName: 'Key' })).toMatchObject({
      ok: false,
      reason: 'contact has neither a valid e-mail nor a numeric contactId',
    });
  });
});
