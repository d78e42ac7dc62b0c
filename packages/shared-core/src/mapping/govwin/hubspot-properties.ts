// The custom HubSpot properties the GovWin sync writes (prior-art §6.1 and §6.4, minus the quirks of
// §22: no declared-but-never-written properties (Q20), `govwin_contact_id` unique so it can be an
// upsert key (Q19), industry restricted to ACE values (Q18)). `setup-hubspot` creates them; a unit
// test checks that every property a mapper writes is declared here or is a HubSpot standard property.
import type { PropertyDefinition, PropertyGroup } from '../../hubspot/types';
import { OPP_TYPE_OPTIONS } from './deal-fields';
import { ACE_INDUSTRIES } from './naics-industry';
import { SET_ASIDE_OPTIONS } from './set-aside';

/** The property group every GovWin property sits in, on deals, companies and contacts. */
export const GOVWIN_PROPERTY_GROUP: PropertyGroup = {
  name: 'govwin',
  label: 'GovWin IQ',
  displayOrder: 1,
};

const G = GOVWIN_PROPERTY_GROUP.name;
const text = (name: string, label: string, description: string): PropertyDefinition => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName: G,
  description,
});
const textarea = (name: string, label: string, description: string): PropertyDefinition => ({
  ...text(name, label, description),
  fieldType: 'textarea',
});
const date = (name: string, label: string, description: string): PropertyDefinition => ({
  name,
  label,
  type: 'date',
  fieldType: 'date',
  groupName: G,
  description,
});
const datetime = (name: string, label: string, description: string): PropertyDefinition => ({
  name,
  label,
  type: 'datetime',
  fieldType: 'date',
  groupName: G,
  description,
});
const select = (
  name: string,
  label: string,
  description: string,
  options: readonly { value: string; label: string }[]
): PropertyDefinition => ({
  name,
  label,
  type: 'enumeration',
  fieldType: 'select',
  groupName: G,
  description,
  options: options.map((o, i) => ({ label: o.label, value: o.value, displayOrder: i })),
});

/** Deal properties written by the GovWin sync. */
export const GOVWIN_DEAL_PROPERTIES: readonly PropertyDefinition[] = [
  {
    ...text(
      'govwin_opp_id',
      'GovWin Opportunity ID',
      'GovWin global opportunity id; the sync upserts deals by it.'
    ),
    hasUniqueValue: true,
  },
  text(
    'govwin_iq_opp_id',
    'GovWin IQ Opportunity Number',
    'Numeric GovWin IQ id (the number in IQ web links).'
  ),
  select(
    'govwin_opp_type',
    'GovWin Opportunity Type',
    'GovWin opportunity type code.',
    OPP_TYPE_OPTIONS
  ),
  text('govwin_status', 'GovWin Status', 'Acquisition status as GovWin reports it.'),
  date('govwin_solicitation_date', 'GovWin Solicitation Date', 'Solicitation date (GovWin).'),
  text('govwin_solicitation_number', 'GovWin Solicitation Number', 'Solicitation number (GovWin).'),
  text('govwin_source_url', 'GovWin Source URL', 'Government source page of the opportunity.'),
  text('govwin_iq_url', 'GovWin IQ URL', 'Link to the opportunity in GovWin IQ.'),
  text('govwin_duration', 'GovWin Duration', 'Contract duration, base plus options (GovWin).'),
  text('govwin_primary_naics', 'GovWin Primary NAICS', 'Title of the primary NAICS code.'),
  text('govwin_naics_code', 'GovWin NAICS Code', 'Primary NAICS code.'),
  select(
    'govwin_industry',
    'GovWin Industry (ACE)',
    'Partner Central industry derived from the NAICS code; editable by BD.',
    ACE_INDUSTRIES.map((value) => ({ value, label: value }))
  ),
  text('govwin_primary_requirement', 'GovWin Primary Requirement', 'Primary requirement (GovWin).'),
  textarea(
    'govwin_analyst_notes',
    'GovWin Analyst Notes',
    'GovWin analyst procurement notes, as plain text.'
  ),
  text('govwin_competition_type', 'GovWin Competition Type', 'Competition types, "; "-separated.'),
  select(
    'govwin_set_aside',
    'GovWin Set-Aside',
    'Set-aside classified from the GovWin competition types.',
    SET_ASIDE_OPTIONS
  ),
  text('govwin_contract_type', 'GovWin Contract Type', 'Contract (pricing) types, "; "-separated.'),
  text('govwin_type_of_award', 'GovWin Type of Award', 'Type of award (GovWin).'),
  text('govwin_country', 'GovWin Country', 'Country of the opportunity (USA, CAN).'),
  datetime('govwin_created_date', 'GovWin Created Date', 'When GovWin created the opportunity.'),
  datetime(
    'govwin_update_date',
    'GovWin Update Date',
    'Last GovWin analyst update; drives change detection.'
  ),
  text('govwin_cmmc_requirements', 'GovWin CMMC Requirements', 'CMMC requirements (GovWin).'),
  text('govwin_smart_tags', 'GovWin Smart Tags', 'GovWin smart tags, "; "-separated.'),
  text('govwin_agency', 'GovWin Agency', 'Buying agency (GovWin government entity).'),
  {
    name: 'govwin_priority',
    label: 'GovWin Priority',
    type: 'number',
    fieldType: 'number',
    groupName: G,
    description: 'Bookmark priority 1-5 (GovWin).',
  },
  text(
    'govwin_value_cad',
    'GovWin Value (CAD)',
    'Estimated value in Canadian dollars (not in amount).'
  ),
];

/** Company properties written by the GovWin sync. */
export const GOVWIN_COMPANY_PROPERTIES: readonly PropertyDefinition[] = [
  {
    ...text(
      'govwin_entity_id',
      'GovWin Entity ID',
      'GovWin government entity id; the sync upserts agencies by it.'
    ),
    hasUniqueValue: true,
  },
  text('govwin_parent_agency', 'GovWin Parent Agency', 'Parent agency (GovWin hierarchy).'),
];

/** Contact properties written by the GovWin sync. */
export const GOVWIN_CONTACT_PROPERTIES: readonly PropertyDefinition[] = [
  {
    ...text(
      'govwin_contact_id',
      'GovWin Contact ID',
      'GovWin contact id; upsert key of contacts without e-mail.'
    ),
    hasUniqueValue: true,
  },
  text('govwin_entity_level1', 'GovWin Entity Level 1', 'Agency level 1 of the contact (GovWin).'),
  text('govwin_entity_level2', 'GovWin Entity Level 2', 'Agency level 2 of the contact (GovWin).'),
];

/** HubSpot standard properties the mappers write (they exist in every portal; setup leaves them alone). */
export const HUBSPOT_STANDARD_PROPERTIES = {
  deals: ['dealname', 'description', 'amount', 'closedate', 'pipeline', 'dealstage'],
  companies: ['name', 'industry'],
  contacts: [
    'email',
    'firstname',
    'lastname',
    'phone',
    'jobtitle',
    'address',
    'city',
    'state',
    'zip',
    'country',
  ],
} as const;
