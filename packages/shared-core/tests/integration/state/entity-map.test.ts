import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeEntityMapRepo, ValidationError } from '../../../src/index';
import { createTestTables, type TestDynamo } from '../../../src/testing/index';

describe('makeEntityMapRepo (DynamoDB)', () => {
  let ddb: TestDynamo;
  beforeAll(async () => {
    ddb = await createTestTables();
  });
  afterAll(async () => ddb.cleanup());

  const repo = () =>
    makeEntityMapRepo({
      doc: ddb.doc,
      tableName: ddb.tables.syncState,
      now: () => 1_700_000_000_000,
    });

  it('stores and reads company mappings, omitting unmapped ids', async () => {
    // Arrange
    const map = repo();
    // Act
    await map.putCompanies({ '4512': '1001', '4513': 1002 });
    const found = await map.getCompanies([4512, '4513', '4514']);
    // Assert
    expect(found).toEqual({ '4512': '1001', '4513': '1002' });
  });

  it('keeps companies and contacts apart even for the same GovWin id', async () => {
    // Arrange
    const map = repo();
    // Act
    await map.putCompanies({ '77': '500' });
    await map.putContacts({ '77': '600' });
    // Assert
    expect(await map.getCompanies(['77'])).toEqual({ '77': '500' });
    expect(await map.getContacts(['77'])).toEqual({ '77': '600' });
  });

  it('writes and reads more than one batch (BatchWrite 25, BatchGet 100)', async () => {
    // Arrange
    const map = repo();
    const mapping = Object.fromEntries(
      Array.from({ length: 140 }, (_, i) => [String(90_000 + i), String(10_000 + i)])
    );
    // Act
    await map.putContacts(mapping);
    const found = await map.getContacts(Object.keys(mapping));
    // Assert
    expect(found).toEqual(mapping);
  });

  it('replaces a mapping when GovWin reports a new HubSpot id', async () => {
    // Arrange
    const map = repo();
    await map.putCompanies({ '88': '1' });
    // Act
    await map.putCompanies({ '88': '2' });
    // Assert
    expect(await map.getCompanies(['88'])).toEqual({ '88': '2' });
  });

  it('does nothing for empty input', async () => {
    // Act & Assert
    await expect(repo().putCompanies({})).resolves.toBeUndefined();
    await expect(repo().getCompanies([])).resolves.toEqual({});
  });

  it.each([
    {
      name: 'a non-numeric GovWin id',
      call: () => repo().putCompanies({ abc: '1' }),
      error: /^GovWin entity id is invalid/,
    },
    {
      name: 'a bad HubSpot id',
      call: () => repo().putContacts({ '1': '01' }),
      error: /^HubSpot contact id is invalid/,
    },
    {
      name: 'a non-array id list',
      call: () => repo().getCompanies('1' as unknown as string[]),
      error: /must be an array/,
    },
    {
      name: 'a bad contact id in a read',
      call: () => repo().getContacts(['1', '-2']),
      error: /^GovWin contact id is invalid/,
    },
  ])('rejects $name with a one-line ValidationError', async ({ call, error }) => {
    // Act & Assert
    await expect(call()).rejects.toThrow(error);
    await expect(call()).rejects.toBeInstanceOf(ValidationError);
  });
});
