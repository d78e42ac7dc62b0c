import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, jest } from '@jest/globals';
import {
  ConfigError,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeDynamoReplayStore,
  makeEntityMapRepo,
  makeEventDedup,
  makeInvitationClaims,
  makeWatermarkRepo,
  ValidationError,
} from '../../../src/index';

const fakeDoc = () => ({ send: jest.fn() }) as unknown as DynamoDBDocumentClient;

const factories = [
  { name: 'makeDynamoReplayStore', make: makeDynamoReplayStore },
  { name: 'makeWatermarkRepo', make: makeWatermarkRepo },
  { name: 'makeEntityMapRepo', make: makeEntityMapRepo },
  { name: 'makeAceSubmissionRepo', make: makeAceSubmissionRepo },
  { name: 'makeEventDedup', make: makeEventDedup },
  { name: 'makeInvitationClaims', make: makeInvitationClaims },
  { name: 'makeAuditLog', make: makeAuditLog },
];

describe('state repository factories', () => {
  it.each(factories)(
    '$name rejects a malformed table name with a one-line ConfigError',
    ({ make }) => {
      // Act & Assert
      expect(() => make({ doc: fakeDoc(), tableName: 'bad table!' })).toThrow(ConfigError);
      expect(() => make({ doc: fakeDoc(), tableName: '' })).toThrow(/table name is invalid/);
    }
  );

  it.each(factories)('$name rejects a missing document client', ({ make }) => {
    // Act & Assert
    expect(() =>
      make({ doc: undefined as unknown as DynamoDBDocumentClient, tableName: 'x-entity-mappings' })
    ).toThrow(/a DynamoDB document client is required/);
  });

  it.each([
    { name: 'leaseSeconds 0', options: { leaseSeconds: 0 } },
    { name: 'doneTtlSeconds -1', options: { doneTtlSeconds: -1 } },
  ])('makeEventDedup rejects $name', ({ options }) => {
    // Act & Assert
    expect(() =>
      makeEventDedup({ doc: fakeDoc(), tableName: 'x-entity-mappings', ...options })
    ).toThrow(ValidationError);
  });

  it('never calls DynamoDB when an id is invalid', async () => {
    // Arrange
    const doc = fakeDoc();
    const repo = makeAceSubmissionRepo({ doc, tableName: 'x-entity-mappings' });
    // Act & Assert
    await expect(repo.get('12a')).rejects.toThrow(/^HubSpot deal id is invalid/);
    await expect(repo.findDealByAceId('O12; DROP')).rejects.toThrow(
      /^ACE opportunity id is invalid/
    );
    expect(doc.send).not.toHaveBeenCalled();
  });
});
