import { AceMappingError, EVENT_ID } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { conditionId } from '../../src/alert-once';
import { EngagementTaskFailedError, OwnershipRefusedError } from '../../src/errors';
import { failureNote } from '../../src/failure-note';
import { referralProperties } from '../../src/referrals';

describe('conditionId', () => {
  it('is a stable UUID-shaped id per condition name', () => {
    // Act & Assert
    expect(conditionId('orphan:O1')).toMatch(EVENT_ID);
    expect(conditionId('orphan:O1')).toBe(conditionId('orphan:O1'));
    expect(conditionId('orphan:O1')).not.toBe(conditionId('orphan:O2'));
  });
});

describe('failureNote', () => {
  it.each([
    [
      new AceMappingError({ closedate: 'must not be in the past' }),
      'ACE submission blocked: closedate must not be in the past',
    ],
    [
      new OwnershipRefusedError('x', 'foreign-partner-id'),
      'ACE submission refused: the AWS co-sell id on this deal does not belong to it (foreign-partner-id); an operator was alerted',
    ],
    [
      new EngagementTaskFailedError('x', 'OpportunityValidationFailed'),
      'AWS did not accept the submission (OpportunityValidationFailed); fix the deal and submit again',
    ],
    [
      new Error('Canary Widgets leaked?'),
      'ACE submission failed (INTERNAL_ERROR); an operator was alerted',
    ],
  ])('describes %p without free text', (err, note) => {
    // Act & Assert
    expect(failureNote('submission', err)).toBe(note);
  });
});

describe('referralProperties', () => {
  it('maps the invitation to deal properties, annualising the monthly spend', () => {
    // Act
    const props = referralProperties({
      $metadata: {},
      Catalog: 'Sandbox',
      Id: 'engi-abcdefghij123',
      Status: 'PENDING',
      EngagementId: 'eng-abcdefghij1234',
      SenderCompanyName: 'Amazon Web Services',
      ExpirationDate: new Date('2026-12-08T00:00:00Z'),
      Payload: {
        OpportunityInvitation: {
          ReceiverResponsibilities: ['Services Partner'],
          Customer: {
            CompanyName: 'Fictional',
            Industry: 'Education',
            WebsiteUrl: 'https://f.example.edu',
            CountryCode: 'US',
          },
          Project: {
            Title: 'Fictional referral',
            BusinessProblem: 'A fictional business problem of enough length.',
            TargetCompletionDate: '2027-01-31',
            ExpectedCustomerSpend: [
              {
                Amount: '1000.50',
                CurrencyCode: 'USD',
                Frequency: 'Monthly',
                TargetCompany: 'AWS',
              },
            ],
          },
        },
      },
    });

    // Assert
    expect(props).toEqual({
      dealname: 'Fictional referral',
      description: 'A fictional business problem of enough length.',
      closedate: String(Date.parse('2027-01-31T00:00:00Z')),
      amount: '12006.00',
      govwin_ace_invitation_id: 'engi-abcdefghij123',
      govwin_ace_invitation_status: 'PENDING',
      govwin_ace_invitation_expires_at: String(Date.parse('2026-12-08T00:00:00Z')),
      govwin_ace_invitation_sender: 'Amazon Web Services',
      govwin_ace_engagement_id: 'eng-abcdefghij1234',
      govwin_ace_referral_customer: 'Fictional',
      govwin_ace_referral_industry: 'Education',
      govwin_ace_referral_country: 'US',
      govwin_ace_referral_website: 'https://f.example.edu',
      govwin_industry: 'Education',
    });
  });
});
