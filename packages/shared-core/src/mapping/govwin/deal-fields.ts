// The GovWin opportunity -> HubSpot deal field table. Each row is both the code that maps the field
// and the documentation of it: docs/field-mapping.md is rendered from these rows, so they cannot drift.
import { thousandsToDollars } from './amount';
import { utcMidnight } from './dates';
import type { FieldReader } from './field-reader';
import { industryForNaics, NO_NAICS_INDUSTRY } from './naics-industry';
import { SET_ASIDE_RULES, type SetAside, setAsideForTitle } from './set-aside';
import { type GovWinStageKey, stageForStatus, UNMAPPED_STATUS_STAGE } from './status-stage';
import { capText, htmlToText } from './text';

/** Where deals go: the configured pipeline and the stage id of every GovWin stage key. */
export interface PipelineTarget {
  pipelineId: string;
  stageIds: Readonly<Record<GovWinStageKey, string>>;
}

/** What the mapping needs besides the record. */
export interface DealMappingContext {
  /** When absent, `pipeline` and `dealstage` are left out (documentation, dry runs without HubSpot). */
  pipeline?: PipelineTarget;
}

/** Facts a row can record for the caller (metrics, stage protection). */
export interface DealFacts {
  stage?: GovWinStageKey;
  unmappedNaics?: string;
  unmappedStatus?: boolean;
}

/** One row of the deal table. `map` returns the HubSpot value (a string) or undefined to omit it. */
export interface DealFieldRule {
  property: string;
  source: string;
  rule: string;
  map: (r: FieldReader, ctx: DealMappingContext, facts: DealFacts) => string | undefined;
}

/** GovWin opportunity `type` codes and their HubSpot option labels (`govwin_opp_type`). */
export const OPP_TYPE_OPTIONS = [
  { value: 'trackedopp', label: 'Tracked Opportunity' },
  { value: 'toon', label: 'Task Order (TOON)' },
  { value: 'bid', label: 'Bid/Lead' },
  { value: 'fbo', label: 'SAM Notice' },
  { value: 'opn', label: 'Other Procurement' },
  { value: 'top', label: 'Opportunity Manager' },
] as const;

const STRING_MAX = 65_536;
const text =
  (field: string, max = STRING_MAX) =>
  (r: FieldReader) => {
    const value = r.text(field);
    return value === undefined ? undefined : capText(value, max);
  };
const epochMs = (field: string) => (r: FieldReader) => {
  const d = r.date(field);
  return d === undefined ? undefined : String(d.epochMs);
};
const titles = (r: FieldReader, field: string): string[] =>
  r.list(field).flatMap((item) => item.text('title') ?? []);
const httpUrl = (value: string | undefined, r: FieldReader, field: string) => {
  if (value === undefined) return undefined;
  if (/^https?:\/\/[^\s]+$/i.test(value) && value.length <= 1024) return value;
  r.report(field, 'not an http(s) URL');
  return undefined;
};
const SET_ASIDE_PRIORITY = SET_ASIDE_RULES.map((rule) => rule.setAside);

/** The deal table, in the order the documentation lists it. */
export const DEAL_FIELDS: readonly DealFieldRule[] = [
  {
    property: 'dealname',
    source: 'title',
    rule: 'trimmed, at most 500 characters; when missing: "GovWin opportunity {id}" (warning)',
    map: (r) => {
      const title = r.text('title');
      if (title !== undefined) return capText(title, 500);
      r.report('title', 'missing; deal named after the id');
      return `GovWin opportunity ${r.text('id') ?? ''}`.trim();
    },
  },
  {
    property: 'description',
    source: 'description',
    rule: 'HTML removed, entities decoded, whitespace tidied, at most 65,536 characters',
    map: (r) => {
      const value = r.text('description');
      return value === undefined ? undefined : htmlToText(value) || undefined;
    },
  },
  {
    property: 'amount',
    source: 'oppValue',
    rule: 'value in thousands of USD x 1,000, exact decimal arithmetic; negative or non-numeric values are left out (warning)',
    map: (r) => {
      if (r.isMissing('oppValue')) return undefined;
      const result = thousandsToDollars(r.raw.oppValue);
      if (result.ok) return result.dollars;
      r.report('oppValue', result.problem);
      return undefined;
    },
  },
  {
    property: 'closedate',
    source: 'awardDate.value, else responseDate.value',
    rule: 'the calendar date as written, at UTC midnight, epoch ms',
    map: (r) => {
      const date = r.date('awardDate') ?? r.date('responseDate');
      return date === undefined ? undefined : String(utcMidnight(date.date));
    },
  },
  {
    property: 'pipeline',
    source: '(configuration)',
    rule: 'the configured pipeline id',
    map: (_r, ctx) => ctx.pipeline?.pipelineId,
  },
  {
    property: 'dealstage',
    source: 'status',
    rule: 'status -> stage key (table below) -> configured stage id; unknown status -> "other" (warning). Only written while the deal sits in an open GovWin stage: a closed stage (won, lost, declined) or an ACE stage is never left automatically',
    map: (r, ctx, facts) => {
      const status = r.text('status');
      let stage = status === undefined ? undefined : stageForStatus(status);
      if (stage === undefined) {
        r.report(
          'status',
          status === undefined ? 'missing; stage "other"' : 'not in the status table; stage "other"'
        );
        facts.unmappedStatus = true;
        stage = UNMAPPED_STATUS_STAGE;
      }
      facts.stage = stage;
      return ctx.pipeline?.stageIds[stage];
    },
  },
  {
    property: 'govwin_opp_id',
    source: 'id',
    rule: 'the global id (upsert key, unique)',
    map: text('id'),
  },
  {
    property: 'govwin_iq_opp_id',
    source: 'iqOppId',
    rule: 'numeric id as a string',
    map: (r) => r.digits('iqOppId'),
  },
  {
    property: 'govwin_opp_type',
    source: 'type',
    rule: `lower-cased; one of ${OPP_TYPE_OPTIONS.map((o) => o.value).join(', ')}; other codes left out (warning)`,
    map: (r) => {
      const value = r.text('type')?.toLowerCase();
      if (value === undefined) return undefined;
      if (OPP_TYPE_OPTIONS.some((o) => o.value === value)) return value;
      r.report('type', 'not a known opportunity type');
      return undefined;
    },
  },
  { property: 'govwin_status', source: 'status', rule: 'as received', map: text('status', 100) },
  {
    property: 'govwin_solicitation_date',
    source: 'solicitationDate.value',
    rule: 'the calendar date as written, at UTC midnight, epoch ms',
    map: (r) => {
      const d = r.date('solicitationDate');
      return d === undefined ? undefined : String(utcMidnight(d.date));
    },
  },
  {
    property: 'govwin_solicitation_number',
    source: 'solicitationNumber',
    rule: 'as received',
    map: text('solicitationNumber', 255),
  },
  {
    property: 'govwin_source_url',
    source: 'sourceURL',
    rule: 'http(s) URLs only (warning otherwise)',
    map: (r) => httpUrl(r.text('sourceURL'), r, 'sourceURL'),
  },
  {
    property: 'govwin_iq_url',
    source: 'links.webHref.href (or links.webHref as a string)',
    rule: 'http(s) URLs only',
    map: (r) => {
      const links = r.child('links');
      if (!links) return undefined;
      const href =
        links.child('webHref')?.text('href') ??
        (typeof links.raw.webHref === 'string' ? links.text('webHref') : undefined);
      return httpUrl(href, links, 'webHref');
    },
  },
  {
    property: 'govwin_duration',
    source: 'duration',
    rule: 'as received',
    map: text('duration', 300),
  },
  {
    property: 'govwin_primary_naics',
    source: 'primaryNAICS.title',
    rule: 'as received',
    map: (r) => r.child('primaryNAICS')?.text('title'),
  },
  {
    property: 'govwin_naics_code',
    source: 'primaryNAICS.id',
    rule: '2-6 digits',
    map: (r) => naicsCode(r),
  },
  {
    property: 'govwin_industry',
    source: 'primaryNAICS.id',
    rule: `NAICS -> ACE industry (table below); no NAICS -> "${NO_NAICS_INDUSTRY}"; a code the table does not know is left out and counted as unmapped`,
    map: (r, _ctx, facts) => {
      if (!r.child('primaryNAICS') || r.child('primaryNAICS')?.isMissing('id'))
        return NO_NAICS_INDUSTRY;
      const code = naicsCode(r);
      if (code === undefined) return undefined;
      const found = industryForNaics(code);
      if (found.kind === 'mapped') return found.industry;
      facts.unmappedNaics = code;
      r.report('primaryNAICS.id', 'NAICS code not in the industry table');
      return undefined;
    },
  },
  {
    property: 'govwin_primary_requirement',
    source: 'primaryRequirement',
    rule: 'as received',
    map: text('primaryRequirement', 150),
  },
  {
    property: 'govwin_analyst_notes',
    source: 'procurement',
    rule: 'HTML removed like description',
    map: (r) => {
      const value = r.text('procurement');
      return value === undefined ? undefined : htmlToText(value) || undefined;
    },
  },
  {
    property: 'govwin_competition_type',
    source: 'competitionTypes[].title',
    rule: 'all titles joined with "; "',
    map: (r) => titles(r, 'competitionTypes').join('; ') || undefined,
  },
  {
    property: 'govwin_set_aside',
    source: 'competitionTypes[].title',
    rule: 'each title classified (set-aside table below); the most specific match wins; unclassified titles are reported',
    map: (r) => {
      const found = new Set<SetAside>();
      for (const title of titles(r, 'competitionTypes')) {
        const setAside = setAsideForTitle(title);
        if (setAside) found.add(setAside);
        else r.report('competitionTypes', 'title not in the set-aside table');
      }
      return SET_ASIDE_PRIORITY.find((s) => found.has(s));
    },
  },
  {
    property: 'govwin_contract_type',
    source: 'contractTypes[].title',
    rule: 'all titles joined with "; "',
    map: (r) => titles(r, 'contractTypes').join('; ') || undefined,
  },
  {
    property: 'govwin_type_of_award',
    source: 'typeOfAward',
    rule: 'as received',
    map: text('typeOfAward', 255),
  },
  {
    property: 'govwin_country',
    source: 'country',
    rule: 'as received (USA, CAN)',
    map: text('country', 100),
  },
  {
    property: 'govwin_created_date',
    source: 'createdDate',
    rule: 'the instant, epoch ms (no offset = UTC)',
    map: epochMs('createdDate'),
  },
  {
    property: 'govwin_update_date',
    source: 'updateDate',
    rule: 'the instant, epoch ms (no offset = UTC)',
    map: epochMs('updateDate'),
  },
  {
    property: 'govwin_cmmc_requirements',
    source: 'cmmcRequirements',
    rule: 'as received',
    map: text('cmmcRequirements'),
  },
  {
    property: 'govwin_smart_tags',
    source: 'smartTag (string or list of {title})',
    rule: 'the string, or the titles joined with "; "',
    map: (r) => {
      if (typeof r.raw.smartTag === 'string') return r.text('smartTag');
      return titles(r, 'smartTag').join('; ') || undefined;
    },
  },
  {
    property: 'govwin_agency',
    source: 'govEntity.title',
    rule: 'as received',
    map: (r) => r.child('govEntity')?.text('title'),
  },
  {
    property: 'govwin_priority',
    source: 'priority',
    rule: 'bookmark priority 1-5; other values left out (warning)',
    map: (r) => {
      const value = r.text('priority');
      if (value === undefined || value === '0') return undefined;
      if (/^[1-5]$/.test(value)) return value;
      r.report('priority', 'not 1-5');
      return undefined;
    },
  },
  {
    property: 'govwin_value_cad',
    source: 'oppValueCanada',
    rule: 'value in thousands of CAD x 1,000; kept apart from amount so currencies never mix',
    map: (r) => {
      if (r.isMissing('oppValueCanada')) return undefined;
      const result = thousandsToDollars(r.raw.oppValueCanada);
      if (result.ok) return result.dollars;
      r.report('oppValueCanada', result.problem);
      return undefined;
    },
  },
];

function naicsCode(r: FieldReader): string | undefined {
  const naics = r.child('primaryNAICS');
  const code = naics?.text('id');
  if (code === undefined || naics === undefined) return undefined;
  if (/^\d{2,6}$/.test(code)) return code;
  naics.report('id', 'not a NAICS code');
  return undefined;
}
