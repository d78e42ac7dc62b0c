import { describe, expect, it } from '@jest/globals';
import type { PipelineTarget } from '../../../src/mapping/govwin/deal-fields';
import { mapOpportunityToDeal } from '../../../src/mapping/govwin/map-deal';
import { GOVWIN_STAGES } from '../../../src/mapping/govwin/status-stage';

const pipeline: PipelineTarget = {
  pipelineId: '777',
  stageIds: Object.fromEntries(
    GOVWIN_STAGES.map((s, i) => [s.key, String(1000 + i)])
  ) as PipelineTarget['stageIds'],
};

/** A realistic tracked opportunity (fictional values). */
const anOpportunity = (overrides: Record<string, unknown> = {}) => ({
  id: 'OPP12345',
  iqOppId: 12345,
  type: 'trackedopp',
  title: '  Cloud Migration Support Services ',
  description:
    '<p>The agency seeks <b>cloud</b> migration &amp; ops support.</p><p>Second&nbsp;paragraph</p>',
  status: 'RFP Released',
  govEntity: {
    id: 4512,
    title: 'Department of Examples',
    parentHierarchy: [{ id: 1, title: 'Federal Examples' }],
  },
  oppValue: '178000',
  primaryNAICS: { id: '541512', title: 'Computer Systems Design Services' },
  competitionTypes: [
    { id: 1, title: 'Full and Open / Unrestricted' },
    { id: 2, title: 'Total Small Business Set-Aside' },
  ],
  contractTypes: [{ id: 1, title: 'Firm Fixed Price' }],
  typeOfAward: 'Task / Delivery Order',
  solicitationNumber: 'EX-25-R-0001',
  solicitationDate: { value: '2025-06-16T00:00:00.000', deltekEstimate: 'false' },
  awardDate: { value: '2025-12-01T00:00:00.000' },
  responseDate: { value: '2025-08-01T00:00:00.000' },
  createdDate: '2025-01-02T10:00:00-05:00',
  updateDate: '2025-06-01T09:30:00-04:00',
  duration: '1 base year + 4 option years',
  country: 'USA',
  procurement: '<p>Analyst note: industry day held.</p>',
  primaryRequirement: 'IT Services',
  priority: 3,
  sourceURL: 'https://sam.example.gov/opp/1',
  smartTag: [{ title: 'Cloud' }, { title: 'Migration' }],
  links: { webHref: { href: 'https://iq.govwin.com/neo/opportunity/view/12345' } },
  ...overrides,
});

describe('mapOpportunityToDeal', () => {
  describe('a complete record', () => {
    it('maps every field of the table', () => {
      // Act
      const out = mapOpportunityToDeal(anOpportunity(), { pipeline });
      // Assert
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      expect(out.value.properties).toEqual({
        dealname: 'Cloud Migration Support Services',
        description: 'The agency seeks cloud migration & ops support.\nSecond paragraph',
        amount: '178000000',
        closedate: String(Date.UTC(2025, 11, 1)),
        pipeline: '777',
        dealstage: '1001',
        govwin_opp_id: 'OPP12345',
        govwin_iq_opp_id: '12345',
        govwin_opp_type: 'trackedopp',
        govwin_status: 'RFP Released',
        govwin_solicitation_date: String(Date.UTC(2025, 5, 16)),
        govwin_solicitation_number: 'EX-25-R-0001',
        govwin_source_url: 'https://sam.example.gov/opp/1',
        govwin_iq_url: 'https://iq.govwin.com/neo/opportunity/view/12345',
        govwin_duration: '1 base year + 4 option years',
        govwin_primary_naics: 'Computer Systems Design Services',
        govwin_naics_code: '541512',
        govwin_industry: 'Professional Services',
        govwin_primary_requirement: 'IT Services',
        govwin_analyst_notes: 'Analyst note: industry day held.',
        govwin_competition_type: 'Full and Open / Unrestricted; Total Small Business Set-Aside',
        govwin_set_aside: 'small_business',
        govwin_contract_type: 'Firm Fixed Price',
        govwin_type_of_award: 'Task / Delivery Order',
        govwin_country: 'USA',
        govwin_created_date: String(Date.parse('2025-01-02T15:00:00Z')),
        govwin_update_date: String(Date.parse('2025-06-01T13:30:00Z')),
        govwin_smart_tags: 'Cloud; Migration',
        govwin_agency: 'Department of Examples',
        govwin_priority: '3',
      });
      expect(out.value.stage).toBe('reviewing_requirements');
      expect(out.value.govEntityId).toBe('4512');
      expect(out.value.warnings).toEqual([]);
      expect(new Date(out.value.updateDate.epochMs).toISOString()).toBe('2025-06-01T13:30:00.000Z');
    });

    it('leaves pipeline and stage out when no pipeline is configured', () => {
      const out = mapOpportunityToDeal(anOpportunity());
      expect(out.ok && out.value.properties.pipeline).toBeUndefined();
      expect(out.ok && out.value.properties.dealstage).toBeUndefined();
      expect(out.ok && out.value.stage).toBe('reviewing_requirements');
    });
  });

  describe('bad records', () => {
    it.each([
      {
        name: 'no id',
        record: anOpportunity({ id: undefined }),
        reason: 'id is missing or not a GovWin opportunity id',
      },
      {
        name: 'a malformed id',
        record: anOpportunity({ id: 'OPP-1; DROP' }),
        reason: 'id is missing or not a GovWin opportunity id',
      },
      {
        name: 'a numeric id',
        record: anOpportunity({ id: 12345 }),
        reason: 'id is missing or not a GovWin opportunity id',
      },
      {
        name: 'no updateDate',
        record: anOpportunity({ updateDate: undefined }),
        reason: 'updateDate is missing or unparseable, so changes cannot be tracked',
      },
      {
        name: 'an odd updateDate',
        record: anOpportunity({ updateDate: '31/31/2025' }),
        reason: 'updateDate is missing or unparseable, so changes cannot be tracked',
      },
    ])('rejects a record with $name, with a clear reason', ({ record, reason }) => {
      const out = mapOpportunityToDeal(record, { pipeline });
      expect(out).toMatchObject({ ok: false, reason });
    });

    it('rejects something that is not an object', () => {
      expect(mapOpportunityToDeal('OPP1')).toEqual({
        ok: false,
        reason: 'record is not an object',
        warnings: [],
      });
    });

    it('maps a record with odd fields, dropping only those fields and naming them in warnings', () => {
      // Arrange
      const record = anOpportunity({
        title: undefined,
        oppValue: 'TBD',
        solicitationDate: { value: '02/30/2025' },
        awardDate: 'soon',
        responseDate: { value: '2025-08-01' },
        type: 'mystery',
        priority: 9,
        sourceURL: 'javascript:alert(1)',
        status: 'Status Under Review (simulated)',
        primaryNAICS: { id: '999999', title: 'Unclassified' },
        competitionTypes: [{ title: 'Something New' }, 'not an object'],
        smartTag: 'Cloud',
      });
      // Act
      const out = mapOpportunityToDeal(record, { pipeline });
      // Assert
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      const p = out.value.properties;
      expect(p.dealname).toBe('GovWin opportunity OPP12345');
      expect(p.amount).toBeUndefined();
      expect(p.govwin_solicitation_date).toBeUndefined();
      expect(p.closedate).toBe(String(Date.UTC(2025, 7, 1)));
      expect(p.govwin_opp_type).toBeUndefined();
      expect(p.govwin_priority).toBeUndefined();
      expect(p.govwin_source_url).toBeUndefined();
      expect(p.dealstage).toBe('1007');
      expect(p.govwin_industry).toBeUndefined();
      expect(p.govwin_smart_tags).toBe('Cloud');
      expect(out.value.unmappedNaics).toBe('999999');
      expect(out.value.stage).toBe('other');
      expect(out.value.warnings.map((w) => w.field).sort()).toEqual(
        [
          'awardDate',
          'competitionTypes',
          'competitionTypes[1]',
          'oppValue',
          'primaryNAICS.id',
          'priority',
          'solicitationDate',
          'sourceURL',
          'status',
          'title',
          'type',
        ].sort()
      );
      expect(JSON.stringify(out.value.warnings)).not.toContain('TBD');
    });

    it('uses Government when there is no NAICS code at all', () => {
      const out = mapOpportunityToDeal(anOpportunity({ primaryNAICS: undefined }), { pipeline });
      expect(out.ok && out.value.properties.govwin_industry).toBe('Government');
      expect(out.ok && out.value.unmappedNaics).toBeUndefined();
    });

    it('keeps Canadian values out of amount', () => {
      const out = mapOpportunityToDeal(anOpportunity({ oppValue: null, oppValueCanada: '250' }), {
        pipeline,
      });
      expect(out.ok && out.value.properties.amount).toBeUndefined();
      expect(out.ok && out.value.properties.govwin_value_cad).toBe('250000');
    });

    it('maps a zero value to "0" (not left out)', () => {
      const out = mapOpportunityToDeal(anOpportunity({ oppValue: 0 }), { pipeline });
      expect(out.ok && out.value.properties.amount).toBe('0');
    });

    it('caps a long description at 65,536 characters', () => {
      const out = mapOpportunityToDeal(
        anOpportunity({ description: `<p>${'x'.repeat(70_000)}</p>` })
      );
      expect(out.ok && out.value.properties.description?.length).toBe(65_536);
    });
  });
});
