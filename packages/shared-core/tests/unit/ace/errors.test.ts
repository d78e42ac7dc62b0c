import {
  ConflictException,
  InternalServerException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import { AceApiError, classifyAceError } from '../../../src/ace/errors';

const meta = { $metadata: { requestId: 'req-1' } };
const SECRET_TEXT = 'CompanyName Canary Widgets Agency is invalid';

describe('classifyAceError', () => {
  it.each([
    ['ThrottlingException', 'throttling', true, 'ACE_THROTTLED'],
    ['ServiceQuotaExceededException', 'quota-exceeded', true, 'ACE_QUOTA_EXCEEDED'],
    ['ConflictException', 'conflict', true, 'ACE_CONFLICT'],
    ['ResourceNotFoundException', 'not-found', false, 'ACE_NOT_FOUND'],
    ['AccessDeniedException', 'access-denied', false, 'ACE_ACCESS_DENIED'],
    ['InternalServerException', 'internal', true, 'ACE_INTERNAL_ERROR'],
  ])('classifies %s as %s (retryable %s)', (name, kind, retryable, code) => {
    // Act
    const err = classifyAceError({ name, message: SECRET_TEXT, ...meta }, 'GetOpportunity');

    // Assert
    expect(err).toBeInstanceOf(AceApiError);
    expect(err.kind).toBe(kind);
    expect(err.retryable).toBe(retryable);
    expect(err.code).toBe(code);
    expect(err.message).toBe(`GetOpportunity failed: ${name}`);
  });

  it('keeps per-field reasons of a ValidationException and never puts AWS text in message or JSON', () => {
    // Arrange
    const sdkErr = new ValidationException({
      message: SECRET_TEXT,
      Message: SECRET_TEXT,
      Reason: 'REQUEST_VALIDATION_FAILED',
      ErrorList: [
        { FieldName: 'Customer.Account.CompanyName', Code: 'INVALID_VALUE', Message: SECRET_TEXT },
        {
          FieldName: 'Project.Title',
          Code: 'REQUIRED_FIELD_MISSING',
          Message: 'Title is required',
        },
      ],
      $metadata: {},
    });

    // Act
    const err = classifyAceError(sdkErr, 'CreateOpportunity');

    // Assert
    expect(err.kind).toBe('validation');
    expect(err.retryable).toBe(false);
    expect(err.fields).toEqual({
      'Customer.Account.CompanyName': 'INVALID_VALUE',
      'Project.Title': 'REQUIRED_FIELD_MISSING',
    });
    expect(err.message).toBe(
      'CreateOpportunity failed: ValidationException/REQUEST_VALIDATION_FAILED (Customer.Account.CompanyName INVALID_VALUE, Project.Title REQUIRED_FIELD_MISSING)'
    );
    expect(err.awsMessage).toBe(SECRET_TEXT);
    expect(JSON.stringify(err)).not.toContain('Canary');
    expect(String(err.cause)).not.toContain('Canary');
  });

  it('recognises the review lock (ACTION_NOT_PERMITTED) as its own kind', () => {
    // Arrange
    const sdkErr = new ValidationException({
      message: 'locked',
      Message: 'locked',
      Reason: 'BUSINESS_VALIDATION_FAILED',
      ErrorList: [
        { FieldName: 'LifeCycle.ReviewStatus', Code: 'ACTION_NOT_PERMITTED', Message: 'x' },
      ],
      $metadata: {},
    });

    // Act
    const err = classifyAceError(sdkErr, 'UpdateOpportunity');

    // Assert
    expect(err.kind).toBe('review-locked');
    expect(err.code).toBe('ACE_REVIEW_LOCKED');
    expect(err.retryable).toBe(false);
  });

  it('treats network failures as retryable unavailability', () => {
    // Act
    const err = classifyAceError(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      'GetOpportunity'
    );

    // Assert
    expect(err.kind).toBe('unavailable');
    expect(err.awsName).toBe('NetworkError');
    expect(err.retryable).toBe(true);
  });

  it('passes an AceApiError through unchanged and accepts SDK exception instances', () => {
    // Arrange
    const first = classifyAceError(
      new ConflictException({ message: 'x', $metadata: {} }),
      'UpdateOpportunity'
    );

    // Act & Assert
    expect(classifyAceError(first, 'Other')).toBe(first);
    expect(
      classifyAceError(new ThrottlingException({ message: 'x', $metadata: {} }), 'A').kind
    ).toBe('throttling');
    expect(
      classifyAceError(new InternalServerException({ message: 'x', $metadata: {} }), 'A').kind
    ).toBe('internal');
  });
});
