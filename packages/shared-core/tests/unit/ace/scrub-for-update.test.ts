import { runInNewContext } from 'node:vm';
import {
  type GetOpportunityCommandOutput,
  UpdateOpportunityRequest$,
} from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import { scrubForUpdate, UPDATE_BODY_KEYS } from '../../../src/ace/scrub-for-update';

const live = (
  overrides: Partial<GetOpportunityCommandOutput> = {}
): GetOpportunityCommandOutput => ({
  $metadata: {},
  Catalog: 'Sandbox',
  Id: 'O100',
  Arn: 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/opportunity/O100',
  CreatedDate: new Date('2026-11-01T00:00:00Z'),
  LastModifiedDate: new Date('2026-11-02T00:00:00Z'),
  RelatedEntityIdentifiers: { Solutions: ['S-1'], AwsProducts: ['AmazonS3'] },
  PartnerOpportunityIdentifier: '4242',
  PrimaryNeedsFromAws: ['Co-Sell - Deal Support'],
  OpportunityType: 'Net New Business',
  Customer: {
    Account: {
      CompanyName: 'Example Agency',
      Industry: 'Government',
      WebsiteUrl: 'https://a.example.gov',
    },
    Contacts: [
      { FirstName: 'Ann', LastName: 'Example', Email: 'ann@example.gov' },
      { FirstName: 'No', Email: 'no-last-name@example.gov' },
    ],
  },
  Project: {
    Title: 'Example',
    CustomerBusinessProblem: 'A problem statement of enough length.',
    AdditionalComments: '',
    DeliveryModels: ['SaaS or PaaS'],
    SalesActivities: [],
    ExpectedCustomerSpend: [
      { Amount: '100.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
      { Amount: '', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
    ],
  },
  LifeCycle: {
    Stage: 'Qualified',
    ReviewStatus: 'Action Required',
    ReviewComments: 'Please add the website',
    ReviewStatusReason: 'Missing info',
    TargetCloseDate: '2027-01-31',
  },
  Marketing: { Source: 'None', CampaignName: 'leftover', Channels: ['Email'] },
  OpportunityTeam: [{ FirstName: 'Olive', LastName: 'Owner', Email: 'o@partner.example' }],
  ...overrides,
});

describe('scrubForUpdate', () => {
  it('keeps exactly the data members of UpdateOpportunityRequest in the SDK model', () => {
    // Arrange: the SDK's runtime schema lists the request members by name.
    const members = (UpdateOpportunityRequest$ as unknown as unknown[])[4] as string[];

    // Act & Assert
    expect([...UPDATE_BODY_KEYS].sort()).toEqual(
      members.filter((m) => !['Catalog', 'Identifier', 'LastModifiedDate'].includes(m)).sort()
    );
  });

  it('turns a GetOpportunity response into a valid full update body', () => {
    // Act
    const body = scrubForUpdate(live());

    // Assert
    expect(body).toEqual({
      PartnerOpportunityIdentifier: '4242',
      PrimaryNeedsFromAws: ['Co-Sell - Deal Support'],
      OpportunityType: 'Net New Business',
      Customer: {
        Account: {
          CompanyName: 'Example Agency',
          Industry: 'Government',
          WebsiteUrl: 'https://a.example.gov',
        },
        Contacts: [{ FirstName: 'Ann', LastName: 'Example', Email: 'ann@example.gov' }],
      },
      Project: {
        Title: 'Example',
        CustomerBusinessProblem: 'A problem statement of enough length.',
        DeliveryModels: ['SaaS or PaaS'],
        ExpectedCustomerSpend: [
          { Amount: '100.00', CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
        ],
      },
      // Review fields go back unchanged so the reviewer's state survives the update.
      LifeCycle: {
        Stage: 'Qualified',
        ReviewStatus: 'Action Required',
        ReviewComments: 'Please add the website',
        ReviewStatusReason: 'Missing info',
        TargetCloseDate: '2027-01-31',
      },
      Marketing: { Source: 'None' },
    });
  });

  it('adds Marketing.Source None when AWS returned no marketing block', () => {
    // Act
    const body = scrubForUpdate(live({ Marketing: undefined }));

    // Assert
    expect(body.Marketing).toEqual({ Source: 'None' });
  });

  it('keeps the companion fields of a Marketing Activity block', () => {
    // Act
    const body = scrubForUpdate(
      live({ Marketing: { Source: 'Marketing Activity', CampaignName: 'C1', Channels: ['Email'] } })
    );

    // Assert
    expect(body.Marketing).toEqual({
      Source: 'Marketing Activity',
      CampaignName: 'C1',
      Channels: ['Email'],
    });
  });

  it('drops a stored business problem shorter than the 20-character minimum', () => {
    // Act
    const body = scrubForUpdate(
      live({ Project: { Title: 'T', CustomerBusinessProblem: 'too short' } })
    );

    // Assert
    expect(body.Project).toEqual({ Title: 'T' });
  });

  it('keeps timestamps, including Dates from another realm (NextStepsHistory survives the echo)', () => {
    // Arrange
    const foreignDate = runInNewContext('new Date(Date.UTC(2026, 10, 20))') as Date;

    // Act
    const body = scrubForUpdate(
      live({ LifeCycle: { NextSteps: 'x', NextStepsHistory: [{ Value: 'x', Time: foreignDate }] } })
    );

    // Assert
    expect(body.LifeCycle?.NextStepsHistory?.[0]?.Time?.toISOString()).toBe(
      '2026-11-20T00:00:00.000Z'
    );
  });

  it('does not mutate its input', () => {
    // Arrange
    const input = live();
    const before = JSON.stringify(input);

    // Act
    scrubForUpdate(input);

    // Assert
    expect(JSON.stringify(input)).toBe(before);
  });
});
