import * as sdk from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import { ACE_ENUM, type AceEnumName, isAceEnumValue } from '../../../src/ace/enums';

describe('ACE_ENUM', () => {
  it.each(Object.keys(ACE_ENUM) as AceEnumName[])(
    '%s holds exactly the values of the SDK enum object of the same name',
    (name) => {
      // Arrange
      const sdkObject = (sdk as unknown as Record<string, Record<string, string>>)[name];

      // Act & Assert
      expect(sdkObject).toBeDefined();
      expect([...ACE_ENUM[name]].sort()).toEqual(Object.values(sdkObject ?? {}).sort());
    }
  );

  it('keeps the wire spellings the docs warn about', () => {
    // Assert (external-apis §1.11)
    expect(ACE_ENUM.ReviewStatus).toContain('In review');
    expect(ACE_ENUM.CompetitorName).toContain('*Other');
    expect(ACE_ENUM.Industry).toHaveLength(28);
    expect(ACE_ENUM.Industry).not.toContain('Energy');
    expect(ACE_ENUM.CountryCode).not.toContain('KP');
  });
});

describe('isAceEnumValue', () => {
  it.each([
    ['Stage', 'Qualified', true],
    ['Stage', 'qualified', false],
    ['ReviewStatus', 'In Review', false],
    ['OpportunityType', 'Net New Business', true],
    ['OpportunityType', 42, false],
  ] as const)('isAceEnumValue(%s, %p) is %s', (name, value, expected) => {
    // Act & Assert
    expect(isAceEnumValue(name, value)).toBe(expected);
  });
});
