import { describe, expect, it } from '@jest/globals';
import type { AceUpdateBody } from '../../../src/ace/client';
import { applyDealDelta, isAceUpdateProperty, propertiesToRead } from '../../../src/ace/map-delta';
import { AceMappingError } from '../../../src/ace/mapping-errors';
import { TODAY } from './fixtures';

const scrubbed = (): AceUpdateBody => ({
  PartnerOpportunityIdentifier: '4242',
  PrimaryNeedsFromAws: ['Co-Sell - Deal Support'],
  OpportunityType: 'Net New Business',
  Customer: { Account: { CompanyName: 'Example Agency', Industry: 'Government' } },
  Project: {
    Title: 'Example',
    CustomerBusinessProblem: 'A problem statement of enough length.',
    DeliveryModels: ['SaaS or PaaS'],
  },
  LifeCycle: { Stage: 'Qualified', ReviewStatus: 'Approved', TargetCloseDate: '2027-01-31' },
  Marketing: { Source: 'None' },
});

describe('applyDealDelta', () => {
  it('normalises partner-need short labels on the update path too', () => {
    // Act
    const out = applyDealDelta(
      scrubbed(),
      ['govwin_ace_partner_need'],
      { govwin_ace_partner_need: 'Pricing Assistance;Support for Public Tender' },
      TODAY
    );

    // Assert
    expect(out.body.PrimaryNeedsFromAws).toEqual([
      'Co-Sell - Pricing Assistance',
      'Co-Sell - Support for Public Tender / RFx',
    ]);
    expect(out.changed).toBe(true);
    expect(out.applied).toEqual(['govwin_ace_partner_need']);
  });

  it('puts the AWS account id in Customer.Account.AwsAccountId, as create does', () => {
    // Act
    const out = applyDealDelta(
      scrubbed(),
      ['govwin_ace_aws_account_id'],
      { govwin_ace_aws_account_id: '123456789012' },
      TODAY
    );

    // Assert
    expect(out.body.Customer?.Account).toEqual({
      CompanyName: 'Example Agency',
      Industry: 'Government',
      AwsAccountId: '123456789012',
    });
    expect(out.body.Project).not.toHaveProperty('CustomerAwsAccountId');
  });

  it('keeps everything it did not change (the API replaces the whole object)', () => {
    // Act
    const out = applyDealDelta(scrubbed(), ['dealname'], { dealname: 'New title' }, TODAY);

    // Assert
    expect(out.body).toEqual({
      ...scrubbed(),
      Project: { ...scrubbed().Project, Title: 'New title' },
    });
  });

  it('reports no change when the value already matches (breaks webhook echo loops)', () => {
    // Act
    const out = applyDealDelta(
      scrubbed(),
      ['govwin_ace_lifecycle_stage'],
      { govwin_ace_lifecycle_stage: 'Qualified' },
      TODAY
    );

    // Assert
    expect(out.changed).toBe(false);
  });

  it('sets Closed Lost with its reason, and drops an orphan reason for other stages', () => {
    // Act
    const lost = applyDealDelta(
      scrubbed(),
      ['govwin_ace_lifecycle_stage'],
      { govwin_ace_lifecycle_stage: 'Closed Lost', govwin_ace_closed_lost_reason: 'Price' },
      TODAY
    );
    const back = applyDealDelta(
      lost.body,
      ['govwin_ace_closed_lost_reason'],
      { govwin_ace_lifecycle_stage: 'Committed', govwin_ace_closed_lost_reason: 'Price' },
      TODAY
    );

    // Assert
    expect(lost.body.LifeCycle).toMatchObject({ Stage: 'Closed Lost', ClosedLostReason: 'Price' });
    expect(back.body.LifeCycle?.Stage).toBe('Committed');
    expect(back.body.LifeCycle).not.toHaveProperty('ClosedLostReason');
  });

  it('refuses Closed Lost without a reason, per field', () => {
    // Act & Assert
    expect(() =>
      applyDealDelta(
        scrubbed(),
        ['govwin_ace_lifecycle_stage'],
        { govwin_ace_lifecycle_stage: 'Closed Lost' },
        TODAY
      )
    ).toThrow(AceMappingError);
  });

  it('rejects an enum value that is not in the SDK, naming the property', () => {
    // Act
    let fields: Readonly<Record<string, string>> | undefined;
    try {
      applyDealDelta(
        scrubbed(),
        ['govwin_ace_opportunity_type'],
        { govwin_ace_opportunity_type: 'Upsell' },
        TODAY
      );
    } catch (err) {
      fields = (err as AceMappingError).fields;
    }

    // Assert
    expect(Object.keys(fields ?? {})).toEqual(['govwin_ace_opportunity_type']);
  });

  it('clears optional fields when the deal value is cleared', () => {
    // Arrange
    const start = { ...scrubbed(), Project: { ...scrubbed().Project, AdditionalComments: 'old' } };

    // Act
    const out = applyDealDelta(
      start,
      ['govwin_ace_additional_comments'],
      { govwin_ace_additional_comments: '' },
      TODAY
    );

    // Assert
    expect(out.body.Project).not.toHaveProperty('AdditionalComments');
  });

  it('sets a monthly spend estimate and refuses to clear it (AWS needs one)', () => {
    // Act
    const set = applyDealDelta(scrubbed(), ['amount'], { amount: '24000' }, TODAY);

    // Assert
    expect(set.body.Project?.ExpectedCustomerSpend).toEqual([
      { Amount: '2000.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
    ]);
    expect(() => applyDealDelta(set.body, ['amount'], { amount: '' }, TODAY)).toThrow(
      AceMappingError
    );
  });

  it('ignores properties that do not feed ACE', () => {
    // Act
    const out = applyDealDelta(scrubbed(), ['hs_priority'], { hs_priority: 'high' }, TODAY);

    // Assert
    expect(out.applied).toEqual([]);
    expect(out.changed).toBe(false);
  });
});

describe('isAceUpdateProperty / propertiesToRead', () => {
  it('knows the update properties and what each rule reads', () => {
    // Act & Assert
    expect(isAceUpdateProperty('description')).toBe(true);
    expect(isAceUpdateProperty('dealstage')).toBe(false);
    expect(propertiesToRead(['description', 'govwin_ace_closed_lost_reason'])).toEqual([
      'dealname',
      'description',
      'govwin_ace_closed_lost_reason',
      'govwin_ace_lifecycle_stage',
      'govwin_primary_requirement',
    ]);
  });
});
