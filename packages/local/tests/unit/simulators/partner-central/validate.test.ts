import { describe, expect, it } from '@jest/globals';
import { sellingModel } from '../../../../src/simulators/partner-central/sdk-model';
import { project, validateInput } from '../../../../src/simulators/partner-central/validate';

describe('validateInput', () => {
  const model = sellingModel();
  const update = model.operation('UpdateOpportunity')?.input;
  if (!update) throw new Error('UpdateOpportunity missing from the model');

  it('normalises timestamps to epoch ms and drops members the model does not have', () => {
    // Act
    const { value, errors } = validateInput(update, {
      Catalog: 'Sandbox',
      Identifier: 'O123',
      LastModifiedDate: '2026-03-02T09:00:00.250Z',
      Surprise: 'ignored',
      LifeCycle: { Stage: 'Qualified', Unknown: 1 },
    });
    // Assert
    expect(errors).toEqual([]);
    expect(value).toEqual({
      Catalog: 'Sandbox',
      Identifier: 'O123',
      LastModifiedDate: Date.parse('2026-03-02T09:00:00.250Z'),
      LifeCycle: { Stage: 'Qualified' },
    });
  });

  it('reports wrong JSON types, bad timestamps and nested paths in lists', () => {
    // Act
    const { errors } = validateInput(update, {
      Catalog: 7,
      Identifier: 'O1',
      LastModifiedDate: 'yesterday',
      Project: { ExpectedCustomerSpend: [{ CurrencyCode: 'USD', Frequency: 'Weekly' }] },
    });
    // Assert
    expect(errors.map((e) => [e.FieldName, e.Code])).toEqual([
      ['Catalog', 'INVALID_VALUE'],
      ['LastModifiedDate', 'INVALID_VALUE'],
      ['Project.ExpectedCustomerSpend[0].Frequency', 'INVALID_ENUM_VALUE'],
      ['Project.ExpectedCustomerSpend[0].TargetCompany', 'REQUIRED_FIELD_MISSING'],
    ]);
  });

  it('treats JSON null as absent', () => {
    // Act
    const { errors } = validateInput(update, {
      Catalog: null,
      Identifier: 'O1',
      LastModifiedDate: 1,
    });
    // Assert
    expect(errors).toEqual([
      { FieldName: 'Catalog', Code: 'REQUIRED_FIELD_MISSING', Message: 'Catalog is required' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    // Act
    const { errors } = validateInput(update, ['not', 'an', 'object']);
    // Assert
    expect(errors[0]?.Message).toBe('the request body must be a JSON object');
  });

  it('caps the error list', () => {
    // Arrange
    const needs = Array.from({ length: 40 }, () => 'Co-Sell - Nothing');
    // Act
    const { errors } = validateInput(update, {
      Catalog: 'AWS',
      Identifier: 'O1',
      LastModifiedDate: 1,
      PrimaryNeedsFromAws: needs,
    });
    // Assert
    expect(errors).toHaveLength(25);
  });
});

describe('project', () => {
  it('keeps only the output shape members and renders timestamps as ISO-8601', () => {
    // Arrange
    const shape = sellingModel().structure('OpportunitySummary');
    // Act
    const out = project(shape, {
      Catalog: 'Sandbox',
      Id: 'O1',
      LastModifiedDate: Date.parse('2026-03-02T09:00:00Z'),
      Origin: 'Partner Referral',
      LifeCycle: { Stage: 'Qualified', NextStepsHistory: [{ Value: 'x', Time: 0 }] },
    });
    // Assert
    expect(out).toEqual({
      Catalog: 'Sandbox',
      Id: 'O1',
      LastModifiedDate: '2026-03-02T09:00:00.000Z',
      LifeCycle: { Stage: 'Qualified' },
    });
  });
});
