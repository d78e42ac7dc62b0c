import { describe, expect, it } from '@jest/globals';
import { mapDealToCreate, ownedPartnerIdentifiers } from '../../../src/ace/map-create';
import { AceMappingError } from '../../../src/ace/mapping-errors';
import { aDeal, CANARY, TODAY } from './fixtures';

const mappingError = (fn: () => unknown): AceMappingError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AceMappingError) return err;
    throw err;
  }
  throw new Error('expected an AceMappingError');
};

describe('mapDealToCreate', () => {
  describe('a complete deal', () => {
    it('maps every field to the CreateOpportunity body with exact wire values', () => {
      // Act
      const out = mapDealToCreate(aDeal());

      // Assert
      expect(out.body).toEqual({
        PartnerOpportunityIdentifier: '4242',
        Origin: 'Partner Referral',
        OpportunityType: 'Net New Business',
        PrimaryNeedsFromAws: [
          'Co-Sell - Architectural Validation',
          'Co-Sell - Competitive Information',
        ],
        Customer: {
          Account: {
            CompanyName: CANARY.company,
            Industry: 'Government',
            WebsiteUrl: CANARY.website,
            Address: {
              CountryCode: 'US',
              StateOrRegion: 'Virginia',
              City: 'Arlington',
              PostalCode: '22201',
              StreetAddress: '1 Example Plaza',
            },
          },
          Contacts: [
            {
              FirstName: CANARY.contactFirst,
              LastName: CANARY.contactLast,
              Email: CANARY.contactEmail,
              BusinessTitle: 'Program Manager',
              Phone: '+12025550191',
            },
          ],
        },
        Project: {
          Title: CANARY.title,
          CustomerBusinessProblem: CANARY.problem,
          ExpectedCustomerSpend: [
            { Amount: '10000.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
          ],
          CustomerUseCase: 'Migration / Database Migration',
          DeliveryModels: ['SaaS or PaaS', 'Professional Services'],
        },
        LifeCycle: { TargetCloseDate: '2027-03-31', Stage: 'Qualified' },
        Marketing: { Source: 'None' },
        OpportunityTeam: [
          {
            FirstName: 'Olive',
            LastName: 'Owner',
            Email: 'olive.owner@partner.example',
            BusinessTitle: 'OpportunityOwner',
          },
        ],
      });
      expect(out.solutionId).toBe('S-0000001');
      expect(out.awsProducts).toEqual(['AmazonS3', 'AmazonTextract']);
    });

    it('sends OpportunityType, SalesActivities, NationalSecurity, competitor and lifecycle when set', () => {
      // Arrange
      const input = aDeal({
        govwin_ace_opportunity_type: 'Expansion',
        govwin_ace_sales_activities: 'Conducted POC / Demo;SOW Signed',
        govwin_ace_national_security: 'Yes',
        govwin_ace_competitor_name: '*Other',
        govwin_ace_other_competitor_names: 'Example Cloud Co',
        govwin_ace_lifecycle_stage: 'Committed',
        govwin_ace_aws_account_id: '123456789012',
        govwin_ace_next_steps: 'Schedule architecture review',
        govwin_ace_additional_comments: 'Fictional comment',
        govwin_ace_related_opportunity_id: 'O7654321',
      });

      // Act
      const { body } = mapDealToCreate(input);

      // Assert
      expect(body.OpportunityType).toBe('Expansion');
      expect(body.NationalSecurity).toBe('Yes');
      expect(body.Project?.SalesActivities).toEqual(['Conducted POC / Demo', 'SOW Signed']);
      expect(body.Project?.CompetitorName).toBe('*Other');
      expect(body.Project?.OtherCompetitorNames).toBe('Example Cloud Co');
      expect(body.Project?.AdditionalComments).toBe('Fictional comment');
      expect(body.Project?.RelatedOpportunityIdentifier).toBe('O7654321');
      expect(body.LifeCycle?.Stage).toBe('Committed');
      expect(body.LifeCycle?.NextSteps).toBe('Schedule architecture review');
      expect(body.Customer?.Account?.AwsAccountId).toBe('123456789012');
      expect(JSON.stringify(body)).not.toContain('CustomerAwsAccountId');
    });

    it('describes the solution in OtherSolutionDescription when no solution is associated', () => {
      // Act
      const out = mapDealToCreate(aDeal({ govwin_ace_solution_id: '_NONE_REGISTERED_' }));

      // Assert
      expect(out.solutionId).toBeUndefined();
      expect(out.body.Project?.OtherSolutionDescription).toBe(CANARY.title);
    });

    it('uses the configured default solution when the deal names none', () => {
      // Act
      const out = mapDealToCreate({
        ...aDeal({ govwin_ace_solution_id: null }),
        defaultSolutionId: 'S-0000009',
      });

      // Assert
      expect(out.solutionId).toBe('S-0000009');
      expect(out.body.Project?.OtherSolutionDescription).toBeUndefined();
    });

    it('builds the full Marketing block only for Marketing Activity', () => {
      // Act
      const { body } = mapDealToCreate(
        aDeal({
          govwin_ace_marketing_source: 'Marketing Activity',
          govwin_ace_marketing_campaign_name: 'Fictional Campaign',
          govwin_ace_marketing_channel: 'Email;Live Event',
          govwin_ace_marketing_dev_funded: 'Yes',
          govwin_ace_marketing_use_cases: 'Analytics;Storage',
        })
      );

      // Assert
      expect(body.Marketing).toEqual({
        Source: 'Marketing Activity',
        CampaignName: 'Fictional Campaign',
        Channels: ['Email', 'Live Event'],
        AwsFundingUsed: 'Yes',
        UseCases: ['Analytics', 'Storage'],
      });
    });

    it('maps an unknown industry to Other with OtherIndustry', () => {
      // Act
      const { body } = mapDealToCreate(aDeal({ govwin_industry: 'Space Agencies' }));

      // Assert
      expect(body.Customer?.Account?.Industry).toBe('Other');
      expect(body.Customer?.Account?.OtherIndustry).toBe('Space Agencies');
    });
  });

  describe('validation', () => {
    it('reports every bad property at once, per field, without echoing values', () => {
      // Arrange
      const input = aDeal({
        govwin_ace_partner_need: 'Free Lunch',
        govwin_ace_delivery_model: 'Telepathy',
        govwin_ace_opportunity_type: 'Renewal-ish',
        govwin_ace_competitor_name: 'Other Cloud',
        govwin_ace_sales_activities: 'Golf',
        closedate: '2020-01-01',
        govwin_ace_aws_account_id: '12345',
        govwin_ace_lifecycle_stage: 'Prospect',
      });

      // Act
      const err = mappingError(() => mapDealToCreate(input));

      // Assert
      expect(Object.keys(err.fields ?? {}).sort()).toEqual([
        'closedate',
        'govwin_ace_aws_account_id',
        'govwin_ace_competitor_name',
        'govwin_ace_delivery_model',
        'govwin_ace_lifecycle_stage',
        'govwin_ace_opportunity_type',
        'govwin_ace_partner_need',
        'govwin_ace_sales_activities',
      ]);
      expect(err.fields?.govwin_ace_opportunity_type).toBe(
        'has a value that is not a valid OpportunityType: one of Expansion | Flat Renewal | Net New Business'
      );
      expect(err.fields?.closedate).toBe('must not be in the past');
      for (const bad of ['Free Lunch', 'Telepathy', 'Renewal-ish', 'Other Cloud', 'Golf', '12345'])
        expect(err.message).not.toContain(bad);
      expect(err.code).toBe('ACE_MAPPING_INVALID');
      expect(err.retryable).toBe(false);
    });

    it.each([
      { name: 'missing title', props: { dealname: '' }, field: 'dealname' },
      {
        name: 'short problem without title',
        props: { description: 'short', dealname: 'x' },
        field: 'description',
      },
      {
        name: 'missing partner need',
        props: { govwin_ace_partner_need: null },
        field: 'govwin_ace_partner_need',
      },
      {
        name: 'missing delivery model',
        props: { govwin_ace_delivery_model: '' },
        field: 'govwin_ace_delivery_model',
      },
      { name: 'missing close date', props: { closedate: null }, field: 'closedate' },
      { name: 'missing amount', props: { amount: '0' }, field: 'amount' },
      {
        name: 'closed lost on create',
        props: { govwin_ace_lifecycle_stage: 'Closed Lost' },
        field: 'govwin_ace_lifecycle_stage',
      },
      {
        name: 'bad solution id',
        props: { govwin_ace_solution_id: 'solution-1' },
        field: 'govwin_ace_solution_id',
      },
      {
        name: 'national security outside government',
        props: { govwin_ace_national_security: 'Yes', govwin_industry: 'Retail' },
        field: 'govwin_ace_national_security',
      },
      {
        name: 'too many products',
        props: { govwin_ace_aws_products: Array.from({ length: 21 }, (_, i) => `P${i}`).join(';') },
        field: 'govwin_ace_aws_products',
      },
    ])('rejects a deal with $name', ({ props, field }) => {
      // Act
      const err = mappingError(() => mapDealToCreate(aDeal(props)));

      // Assert
      expect(Object.keys(err.fields ?? {})).toContain(field);
    });

    it('requires a customer company and website', () => {
      // Act
      const err = mappingError(() => mapDealToCreate({ ...aDeal(), company: { country: 'US' } }));

      // Assert
      expect(err.fields?.company).toMatch(/associate the customer company/);
    });

    it('prefixes a short description with the title to reach 20 characters', () => {
      // Act
      const { body } = mapDealToCreate(
        aDeal({ description: 'Scan it', dealname: 'Archive project' })
      );

      // Assert
      expect(body.Project?.CustomerBusinessProblem).toBe('Archive project: Scan it');
    });

    it('accepts a close date of today', () => {
      // Act
      const { body } = mapDealToCreate(aDeal({ closedate: TODAY }));

      // Assert
      expect(body.LifeCycle?.TargetCloseDate).toBe(TODAY);
    });
  });
});

describe('ownedPartnerIdentifiers', () => {
  it('lists the deal id first, then the legacy GovWin ids, without duplicates', () => {
    // Act & Assert
    expect(
      ownedPartnerIdentifiers({
        id: '77',
        properties: { govwin_opp_id: 'OPP1', govwin_iq_opp_id: 'OPP1' },
      })
    ).toEqual(['77', 'OPP1']);
  });
});
