// GovWin government entity (agency) -> HubSpot company, and GovWin contact -> HubSpot contact.
// Like the deal table, each row is both code and documentation.
import type { FieldReader } from './field-reader';
import { capText } from './text';

/** One row of the company or contact table. */
export interface SimpleFieldRule {
  property: string;
  source: string;
  rule: string;
  map: (r: FieldReader) => string | undefined;
}

/** HubSpot's standard company industry value for public bodies. */
export const AGENCY_COMPANY_INDUSTRY = 'GOVERNMENT_ADMINISTRATION';

const text =
  (field: string, max = 255) =>
  (r: FieldReader) => {
    const value = r.text(field);
    return value === undefined ? undefined : capText(value, max);
  };

/** Company properties from `govEntity` (an object inside the opportunity). */
export const COMPANY_FIELDS: readonly SimpleFieldRule[] = [
  {
    property: 'name',
    source: 'govEntity.title',
    rule: 'as received; when missing: "GovWin agency {id}" (warning)',
    map: (r) => {
      const title = r.text('title');
      if (title !== undefined) return capText(title, 255);
      r.report('title', 'missing; company named after the id');
      return `GovWin agency ${r.digits('id') ?? ''}`.trim();
    },
  },
  {
    property: 'industry',
    source: '(constant)',
    rule: `always ${AGENCY_COMPANY_INDUSTRY}`,
    map: () => AGENCY_COMPANY_INDUSTRY,
  },
  {
    property: 'govwin_entity_id',
    source: 'govEntity.id',
    rule: 'integer id as a string (upsert key, unique)',
    map: (r) => r.digits('id'),
  },
  {
    property: 'govwin_parent_agency',
    source: 'govEntity.parentHierarchy[0].title',
    rule: 'the first parent title',
    map: (r) => r.list('parentHierarchy')[0]?.text('title'),
  },
];

const EMAIL =
  /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Contact properties from one item of `GET /opportunities/{id}/contacts`. */
export const CONTACT_FIELDS: readonly SimpleFieldRule[] = [
  {
    property: 'email',
    source: 'email',
    rule: 'lower-cased; invalid addresses left out (warning)',
    map: (r) => {
      const value = r.text('email')?.toLowerCase();
      if (value === undefined) return undefined;
      if (value.length <= 254 && EMAIL.test(value)) return value;
      r.report('email', 'not a valid e-mail address');
      return undefined;
    },
  },
  { property: 'firstname', source: 'firstName', rule: 'as received', map: text('firstName', 100) },
  { property: 'lastname', source: 'lastName', rule: 'as received', map: text('lastName', 100) },
  { property: 'phone', source: 'phone', rule: 'as received', map: text('phone', 50) },
  { property: 'jobtitle', source: 'title', rule: 'as received', map: text('title') },
  { property: 'address', source: 'address1', rule: 'as received', map: text('address1') },
  { property: 'city', source: 'city', rule: 'as received', map: text('city', 100) },
  { property: 'state', source: 'state', rule: 'as received', map: text('state', 100) },
  { property: 'zip', source: 'zip', rule: 'as received', map: text('zip', 20) },
  { property: 'country', source: 'country', rule: 'as received', map: text('country', 100) },
  {
    property: 'govwin_contact_id',
    source: 'contactId',
    rule: 'integer id as a string (unique; upsert key when there is no e-mail)',
    map: (r) => r.digits('contactId'),
  },
  {
    property: 'govwin_entity_level1',
    source: 'govEntityLevel1',
    rule: 'as received',
    map: text('govEntityLevel1'),
  },
  {
    property: 'govwin_entity_level2',
    source: 'govEntityLevel2',
    rule: 'as received',
    map: text('govEntityLevel2'),
  },
];
