// Renders docs/field-mapping.md from the mapping tables themselves, so the published table is the
// code. `scripts/generate-field-mapping.ts` writes the file; a unit test fails when it drifts.
import type { PropertyDefinition } from '../../hubspot/types';
import { COMPANY_FIELDS, CONTACT_FIELDS, type SimpleFieldRule } from './company-contact-fields';
import { DEAL_FIELDS } from './deal-fields';
import {
  GOVWIN_COMPANY_PROPERTIES,
  GOVWIN_CONTACT_PROPERTIES,
  GOVWIN_DEAL_PROPERTIES,
  GOVWIN_PROPERTY_GROUP,
} from './hubspot-properties';
import { NAICS_INDUSTRY_TABLE, NO_NAICS_INDUSTRY } from './naics-industry';
import { SET_ASIDE_OPTIONS, SET_ASIDE_RULES } from './set-aside';
import { GOVWIN_STAGES, STATUS_STAGE_TABLE, UNMAPPED_STATUS_STAGE } from './status-stage';

const cell = (value: string): string => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

const typeOf = (defs: readonly PropertyDefinition[], name: string): string => {
  const def = defs.find((d) => d.name === name);
  if (!def) return 'standard';
  return `${def.type}/${def.fieldType}${def.hasUniqueValue ? ', unique' : ''}`;
};

const fieldTable = (
  rows: readonly Pick<SimpleFieldRule, 'property' | 'source' | 'rule'>[],
  defs: readonly PropertyDefinition[]
): string =>
  table(
    ['HubSpot property', 'Type', 'GovWin source', 'Rule'],
    rows.map((r) => [`\`${r.property}\``, typeOf(defs, r.property), r.source, r.rule])
  );

/** The full markdown document. Deterministic: same code, same bytes. */
export const renderFieldMappingDoc = (): string =>
  [
    '# GovWin IQ -> HubSpot field mapping',
    '',
    '<!-- Generated from packages/shared-core/src/mapping/govwin by scripts/generate-field-mapping.ts.',
    '     Do not edit by hand: change the mapping tables and run `npx tsx scripts/generate-field-mapping.ts`. -->',
    '',
    `Every custom property sits in the property group \`${GOVWIN_PROPERTY_GROUP.name}\` ("${GOVWIN_PROPERTY_GROUP.label}").`,
    'Values are written as strings; a field that is missing or fails its rule is left out of the write',
    '(the HubSpot value stays as it was) and reported as a warning naming the field, never its value.',
    '',
    '## Records that are rejected',
    '',
    'A rejected record is not written; the sync reports the GovWin id (when there is one) and the reason,',
    'and the rest of the batch carries on.',
    '',
    '- Opportunity: `id` missing or not a GovWin global id (`OPP`, `TNS`, `BID`, `FBO`, `OPN`, `TOP` + digits).',
    '- Opportunity: `updateDate` missing or unparseable (changes could not be tracked).',
    '- Agency: `govEntity.id` missing or not numeric (the deal is still written, without a company).',
    '- Contact: neither a valid e-mail nor a numeric `contactId` (it could not be upserted idempotently).',
    '',
    '## Deal (one per opportunity, upserted by `govwin_opp_id`)',
    '',
    fieldTable(DEAL_FIELDS, GOVWIN_DEAL_PROPERTIES),
    '',
    'Dates: GovWin date-times without an offset are read as UTC. `date` properties get the calendar date',
    'as written, at UTC midnight (what HubSpot requires).',
    '',
    '## Company (the buying agency, upserted by `govwin_entity_id`)',
    '',
    fieldTable(COMPANY_FIELDS, GOVWIN_COMPANY_PROPERTIES),
    '',
    '## Contact (from `GET /opportunities/{id}/contacts`)',
    '',
    'Upserted by `email` when the contact has a valid one (HubSpot contacts are unique by e-mail), otherwise',
    'by `govwin_contact_id`. Deals are associated with their company and contacts by HubSpot id.',
    '',
    fieldTable(CONTACT_FIELDS, GOVWIN_CONTACT_PROPERTIES),
    '',
    '## GovWin status -> deal stage',
    '',
    'Stage ids are per portal: they come from configuration or are resolved by label from the configured',
    `pipeline. Statuses are compared case-insensitively. Any other status goes to "${
      GOVWIN_STAGES.find((s) => s.key === UNMAPPED_STATUS_STAGE)?.label
    }" with a warning.`,
    'The sync moves a deal only while it sits in an open GovWin stage; closed stages (won, lost, declined)',
    'and stages the ACE flow owns are never left automatically.',
    '',
    table(
      ['Stage key', 'Stage label', 'GovWin statuses'],
      GOVWIN_STAGES.map((s) => [`\`${s.key}\``, s.label, STATUS_STAGE_TABLE[s.key].join(', ')])
    ),
    '',
    '## NAICS -> industry (`govwin_industry`, Partner Central values)',
    '',
    `The longest matching prefix wins. No NAICS code at all -> "${NO_NAICS_INDUSTRY}". A code that matches no`,
    'row is not defaulted: the property is left out, the code is counted (metric `UnmappedNaicsCodes`) and',
    'reported in the sync result.',
    '',
    table(
      ['NAICS prefix', 'Sector', 'Industry'],
      [...NAICS_INDUSTRY_TABLE]
        .sort((a, b) => a.prefix.localeCompare(b.prefix))
        .map((r) => [r.prefix, r.sector, r.industry])
    ),
    '',
    '## Competition type -> set-aside (`govwin_set_aside`)',
    '',
    'Each `competitionTypes[].title` is classified by the first matching rule; with several titles the',
    'earliest rule in this list wins. Unclassified titles are reported.',
    '',
    table(
      ['Option', 'Label', 'Titles matching'],
      SET_ASIDE_RULES.map((r) => [
        `\`${r.setAside}\``,
        SET_ASIDE_OPTIONS.find((o) => o.value === r.setAside)?.label ?? r.setAside,
        r.matches,
      ])
    ),
    '',
  ].join('\n');
