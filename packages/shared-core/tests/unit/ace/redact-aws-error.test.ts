import { ValidationException } from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classifyAceError } from '../../../src/ace/errors';
import { mapDealToCreate } from '../../../src/ace/map-create';
import {
  AWS_MESSAGE_MAX,
  describeAceErrorForDeal,
  isSensitiveField,
  scrubAwsText,
  sensitiveValuesOf,
} from '../../../src/ace/redact-aws-error';
import { aDeal, CANARY } from './fixtures';

const validation = (
  errors: { FieldName?: string; Code: string; Message: string }[],
  message = 'bad'
) =>
  classifyAceError(
    new ValidationException({
      message,
      Message: message,
      Reason: 'REQUEST_VALIDATION_FAILED',
      ErrorList: errors as never,
      $metadata: {},
    }),
    'CreateOpportunity'
  );

describe('isSensitiveField', () => {
  it.each([
    ['Customer.Account.WebsiteUrl', true],
    ['Customer.Contacts[0].Email', true],
    ['Project.ExpectedCustomerSpend[0].Amount', true],
    ['OpportunityTeam[0].FirstName', true],
    ['Project.DeliveryModels', false],
    ['LifeCycle.TargetCloseDate', false],
    [undefined, false],
  ])('isSensitiveField(%p) is %s', (path, expected) => {
    // Act & Assert
    expect(isSensitiveField(path)).toBe(expected);
  });
});

describe('describeAceErrorForDeal', () => {
  const payload = mapDealToCreate(aDeal()).body;

  it('redacts messages about customer, contact and value fields entirely', () => {
    // Arrange
    const err = validation([
      {
        FieldName: 'Customer.Account.CompanyName',
        Code: 'INVALID_VALUE',
        Message: `${CANARY.company} is not allowed`,
      },
      {
        FieldName: 'Customer.Contacts[0].Email',
        Code: 'INVALID_STRING_FORMAT',
        Message: 'anything at all',
      },
      {
        FieldName: 'Project.DeliveryModels',
        Code: 'INVALID_ENUM_VALUE',
        Message: 'Value Foo is not valid',
      },
    ]);

    // Act
    const note = describeAceErrorForDeal(err, payload);

    // Assert
    expect(note).toBe(
      'AWS CreateOpportunity failed (ValidationException, REQUEST_VALIDATION_FAILED): Customer.Account.CompanyName INVALID_VALUE: [REDACTED]; Customer.Contacts[0].Email INVALID_STRING_FORMAT: [REDACTED]; Project.DeliveryModels INVALID_ENUM_VALUE: Value Foo is not valid'
    );
  });

  it('scrubs values we sent from messages of other fields and the top-level message', () => {
    // Arrange
    const err = validation(
      [],
      `Opportunity for ${CANARY.company} at ${CANARY.website} (contact ${CANARY.contactEmail}, ${CANARY.phone}) rejected`
    );

    // Act
    const note = describeAceErrorForDeal(err, payload);

    // Assert
    for (const canary of [
      CANARY.company,
      CANARY.website,
      CANARY.contactEmail,
      CANARY.phone,
      'canary',
    ])
      expect(note.toLowerCase()).not.toContain(canary.toLowerCase());
    expect(note).toContain('rejected');
  });

  it('collects the sensitive leaves of a payload, longest first', () => {
    // Act
    const values = sensitiveValuesOf(payload);

    // Assert
    expect(values).toEqual(
      expect.arrayContaining([CANARY.company, CANARY.contactEmail, CANARY.title])
    );
    expect(values).not.toContain('SaaS or PaaS');
    expect(values[0]?.length).toBeGreaterThanOrEqual(values.at(-1)?.length ?? 0);
  });
});

describe('scrubAwsText', () => {
  it('never exceeds the cap and never contains a sent value (property)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 3, maxLength: 30 })
          .filter((s) => s.trim().length >= 3 && !/\s/.test(s)),
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        (secret, before, after) => {
          const out = scrubAwsText(`${before}${secret}${after}`, [secret]);
          return out.length <= AWS_MESSAGE_MAX && !out.includes(secret);
        }
      )
    );
  });
});
