// Contract between the webhook receiver and the update path: every deal property the receiver routes to
// the update queue must reach ACE, or the BD's edit is silently dropped by `makeUpdateOpportunity`
// ("property does not feed ACE"). The routed list is read from the receiver's routing table, never
// copied, so adding a property there without a delta rule here fails this file.

import { ROUTING_TABLE } from '@govwin-ace/hubspot-webhook-receiver';
import {
  type AceUpdateBody,
  applyDealDelta,
  FIELD_RULES,
  isAceUpdateProperty,
  type PropertyBag,
  propertiesToRead,
  resolveAssociations,
} from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { ASSOCIATION_PROPERTIES, isAppliedProperty } from '../../src/apply-changes';

const ROUTED_TO_UPDATE = Object.entries(ROUTING_TABLE)
  .filter(([, route]) => route === 'update')
  .map(([property]) => property)
  .sort();

/**
 * Properties a field rule reacts to that the receiver deliberately does not route to the update queue,
 * with the reason. Anything a rule triggers on must be routed or listed here.
 */
const RULE_TRIGGERS_NOT_ROUTED: Readonly<Record<string, string>> = {
  govwin_primary_requirement:
    'written only by the GovWin poller (an integration write the receiver suppresses); it is the fallback text for description, which is routed',
};

const TODAY = '2026-11-23';

/** A scrubbed echo of a live opportunity, as `scrubForUpdate` returns it. */
const echo = (): AceUpdateBody => ({
  PartnerOpportunityIdentifier: '4242',
  PrimaryNeedsFromAws: ['Co-Sell - Deal Support'],
  OpportunityType: 'Net New Business',
  Customer: { Account: { CompanyName: 'Example Agency', Industry: 'Government' } },
  Project: {
    Title: 'Records modernisation',
    CustomerBusinessProblem: 'The agency needs its paper records digitised and searchable.',
    DeliveryModels: ['SaaS or PaaS'],
    ExpectedCustomerSpend: [
      { Amount: '1000.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
    ],
  },
  LifeCycle: { Stage: 'Qualified', ReviewStatus: 'Approved', TargetCloseDate: '2027-01-31' },
  Marketing: { Source: 'None' },
});

interface FieldSample {
  /** Deal properties (beyond the changed one's own value) as HubSpot returns them. */
  props: PropertyBag;
  /** The part of the outgoing UpdateOpportunity body this edit must produce. */
  expected: Partial<AceUpdateBody>;
}

/** One realistic BD edit per routed field property and where it must land in the body. */
const FIELD_SAMPLES: Readonly<Record<string, FieldSample>> = {
  amount: {
    props: { amount: '240000' },
    expected: {
      Project: {
        ExpectedCustomerSpend: [
          { Amount: '20000.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
        ],
      },
    },
  },
  closedate: {
    props: { closedate: '2027-06-30T00:00:00.000Z' },
    expected: { LifeCycle: { TargetCloseDate: '2027-06-30' } },
  },
  dealname: {
    props: { dealname: 'Records modernisation, phase 2' },
    expected: { Project: { Title: 'Records modernisation, phase 2' } },
  },
  description: {
    props: { description: 'The agency must retire a mainframe records system by next year.' },
    expected: {
      Project: {
        CustomerBusinessProblem: 'The agency must retire a mainframe records system by next year.',
      },
    },
  },
  govwin_ace_additional_comments: {
    props: { govwin_ace_additional_comments: 'Incumbent contract ends in Q3.' },
    expected: { Project: { AdditionalComments: 'Incumbent contract ends in Q3.' } },
  },
  govwin_ace_aws_account_id: {
    props: { govwin_ace_aws_account_id: '1234-5678-9012' },
    expected: {
      Customer: { Account: { CompanyName: 'Example Agency', AwsAccountId: '123456789012' } },
    },
  },
  govwin_ace_closed_lost_reason: {
    props: {
      govwin_ace_lifecycle_stage: 'Closed Lost',
      govwin_ace_closed_lost_reason: 'No Opportunity',
    },
    expected: { LifeCycle: { Stage: 'Closed Lost', ClosedLostReason: 'No Opportunity' } },
  },
  govwin_ace_competitor_name: {
    props: { govwin_ace_competitor_name: 'Microsoft Azure' },
    expected: { Project: { CompetitorName: 'Microsoft Azure' } },
  },
  govwin_ace_delivery_model: {
    props: { govwin_ace_delivery_model: 'SaaS or PaaS;Professional Services' },
    expected: { Project: { DeliveryModels: ['SaaS or PaaS', 'Professional Services'] } },
  },
  govwin_ace_lifecycle_stage: {
    props: { govwin_ace_lifecycle_stage: 'Technical Validation' },
    expected: { LifeCycle: { Stage: 'Technical Validation' } },
  },
  govwin_ace_marketing_campaign_name: {
    props: {
      govwin_ace_marketing_source: 'Marketing Activity',
      govwin_ace_marketing_campaign_name: 'Public sector summit',
    },
    expected: { Marketing: { Source: 'Marketing Activity', CampaignName: 'Public sector summit' } },
  },
  govwin_ace_marketing_channel: {
    props: {
      govwin_ace_marketing_source: 'Marketing Activity',
      govwin_ace_marketing_channel: 'Email;Live Event',
    },
    expected: { Marketing: { Source: 'Marketing Activity', Channels: ['Email', 'Live Event'] } },
  },
  govwin_ace_marketing_dev_funded: {
    props: {
      govwin_ace_marketing_source: 'Marketing Activity',
      govwin_ace_marketing_dev_funded: 'Yes',
    },
    expected: { Marketing: { Source: 'Marketing Activity', AwsFundingUsed: 'Yes' } },
  },
  govwin_ace_marketing_source: {
    props: { govwin_ace_marketing_source: 'Marketing Activity' },
    expected: { Marketing: { Source: 'Marketing Activity' } },
  },
  govwin_ace_marketing_use_cases: {
    props: {
      govwin_ace_marketing_source: 'Marketing Activity',
      govwin_ace_marketing_dev_funded: 'Yes',
      govwin_ace_marketing_use_cases: 'Migration',
    },
    expected: { Marketing: { Source: 'Marketing Activity', UseCases: ['Migration'] } },
  },
  govwin_ace_national_security: {
    props: { govwin_ace_national_security: 'Yes' },
    expected: { NationalSecurity: 'Yes' },
  },
  govwin_ace_next_steps: {
    props: { govwin_ace_next_steps: 'Schedule the architecture review.' },
    expected: { LifeCycle: { NextSteps: 'Schedule the architecture review.' } },
  },
  govwin_ace_opportunity_type: {
    props: { govwin_ace_opportunity_type: 'Expansion' },
    expected: { OpportunityType: 'Expansion' },
  },
  govwin_ace_other_competitor_names: {
    props: {
      govwin_ace_competitor_name: '*Other',
      govwin_ace_other_competitor_names: 'Regional hosting provider',
    },
    expected: {
      Project: { CompetitorName: '*Other', OtherCompetitorNames: 'Regional hosting provider' },
    },
  },
  govwin_ace_partner_need: {
    props: { govwin_ace_partner_need: 'Pricing Assistance' },
    expected: { PrimaryNeedsFromAws: ['Co-Sell - Pricing Assistance'] },
  },
  govwin_ace_related_opportunity_id: {
    props: { govwin_ace_related_opportunity_id: 'O1234567' },
    expected: { Project: { RelatedOpportunityIdentifier: 'O1234567' } },
  },
  govwin_ace_sales_activities: {
    props: { govwin_ace_sales_activities: 'Conducted POC / Demo' },
    expected: { Project: { SalesActivities: ['Conducted POC / Demo'] } },
  },
  govwin_ace_use_case: {
    props: { govwin_ace_use_case: 'Migration / Database Migration' },
    expected: { Project: { CustomerUseCase: 'Migration / Database Migration' } },
  },
  govwin_industry: {
    props: { govwin_industry: 'Healthcare' },
    expected: { Customer: { Account: { CompanyName: 'Example Agency', Industry: 'Healthcare' } } },
  },
};

const routedFieldProperties = ROUTED_TO_UPDATE.filter((p) => !ASSOCIATION_PROPERTIES.includes(p));

describe('update whitelist (receiver routing table -> ace-submitter update path)', () => {
  it('the receiver routes at least the properties this file knows about', () => {
    // Guards against the routed list being read as empty (which would make every loop below vacuous).
    expect(ROUTED_TO_UPDATE.length).toBeGreaterThanOrEqual(
      Object.keys(FIELD_SAMPLES).length + ASSOCIATION_PROPERTIES.length
    );
  });

  it.each(ROUTED_TO_UPDATE)('%s, routed to the update queue, is applied to ACE', (property) => {
    expect(isAppliedProperty(property)).toBe(true);
  });

  it.each(routedFieldProperties)(
    '%s has an UpdateOpportunity delta rule with a sample edit here',
    (property) => {
      expect(isAceUpdateProperty(property)).toBe(true);
      expect(Object.keys(FIELD_SAMPLES)).toContain(property);
    }
  );

  it.each(routedFieldProperties.filter((p) => FIELD_SAMPLES[p] !== undefined))(
    'an edit to %s changes the UpdateOpportunity body where ACE expects it',
    (property) => {
      // Arrange
      const sample = FIELD_SAMPLES[property] as FieldSample;
      // The update path reads exactly these deal properties before applying the delta.
      const reads = propertiesToRead([property]);
      for (const p of Object.keys(sample.props)) expect(reads).toContain(p);
      // Act
      const out = applyDealDelta(echo(), [property], sample.props, TODAY);
      // Assert
      expect(out.applied).toEqual([property]);
      expect(out.changed).toBe(true);
      expect(out.body).toMatchObject(sample.expected);
    }
  );

  it.each(ASSOCIATION_PROPERTIES)(
    '%s is applied through Associate/DisassociateOpportunity, not UpdateOpportunity',
    (property) => {
      // Arrange
      const props: PropertyBag = {
        govwin_ace_solution_id: 'S-0000123',
        govwin_ace_aws_products: 'AmazonS3;AmazonTextract',
      };
      // Act
      const plan = resolveAssociations({ deal: { id: '4242', properties: props } });
      const withoutIt = resolveAssociations({
        deal: { id: '4242', properties: { ...props, [property]: '' } },
      });
      // Assert
      expect(isAceUpdateProperty(property)).toBe(false);
      expect(ROUTED_TO_UPDATE).toContain(property);
      expect(plan).not.toEqual(withoutIt);
    }
  );

  it('every property a field rule reacts to is routed to the update queue or documented as not routed', () => {
    // Arrange
    const triggers = [...new Set(FIELD_RULES.flatMap((r) => r.triggers))].sort();
    // Act
    const unrouted = triggers.filter(
      (p) => ROUTING_TABLE[p] !== 'update' && RULE_TRIGGERS_NOT_ROUTED[p] === undefined
    );
    // Assert
    expect(unrouted).toEqual([]);
    for (const p of Object.keys(RULE_TRIGGERS_NOT_ROUTED)) expect(ROUTING_TABLE[p]).toBeUndefined();
  });
});
