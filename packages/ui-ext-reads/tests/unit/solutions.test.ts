import type { ListSolutionsCommand } from '@aws-sdk/client-partnercentral-selling';
import { AceApiError } from '@govwin-ace/shared-core';
import { describe, expect, it, jest } from '@jest/globals';
import { makeSolutionsSource } from '../../src/solutions';

type Page = { SolutionSummaries?: unknown[]; NextToken?: string };
const solution = (id: string, extra: Record<string, unknown> = {}) => ({
  Id: id,
  Name: `Solution ${id}`,
  Category: 'Software Product',
  Status: 'Active',
  Catalog: 'Sandbox',
  ...extra,
});
const awsError = (name: string) => Object.assign(new Error('x'), { name, $fault: 'client' });

const fakeClient = (responses: (Page | Error)[]) => {
  const inputs: unknown[] = [];
  const send = jest.fn(async (cmd: unknown) => {
    inputs.push((cmd as ListSolutionsCommand).input);
    const next = responses.shift();
    if (next === undefined) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  });
  return { client: { send } as never, inputs, send };
};

describe('makeSolutionsSource', () => {
  it('lists Active solutions of the configured catalog, sorted by name, across pages', async () => {
    // Arrange
    const { client, inputs } = fakeClient([
      { SolutionSummaries: [solution('S-1')], NextToken: 'p2' },
      { SolutionSummaries: [solution('S-2'), solution('S-3', { Status: 'Inactive' })] },
    ]);
    const source = makeSolutionsSource({ client, catalog: 'Sandbox', now: () => 0 });
    // Act
    const list = await source.list();
    // Assert
    expect(list.solutions.map((s) => s.id)).toEqual(['S-1', 'S-2']);
    expect(list.stale).toBe(false);
    expect(inputs[0]).toEqual({
      Catalog: 'Sandbox',
      Status: ['Active'],
      MaxResults: 100,
      Sort: { SortBy: 'Name', SortOrder: 'ASCENDING' },
    });
    expect(inputs[1]).toMatchObject({ NextToken: 'p2' });
  });

  it('serves the cached list for 300 s, then asks AWS again', async () => {
    let now = 0;
    const { client, send } = fakeClient([
      { SolutionSummaries: [solution('S-1')] },
      { SolutionSummaries: [solution('S-2')] },
    ]);
    const source = makeSolutionsSource({ client, catalog: 'Sandbox', now: () => now });
    await source.list();
    now = 299_999;
    expect((await source.list()).solutions[0]?.id).toBe('S-1');
    now = 300_000;
    expect((await source.list()).solutions[0]?.id).toBe('S-2');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('never caches an empty list', async () => {
    const { client, send } = fakeClient([
      { SolutionSummaries: [] },
      { SolutionSummaries: [solution('S-9')] },
    ]);
    const source = makeSolutionsSource({ client, catalog: 'Sandbox', now: () => 0 });
    expect((await source.list()).solutions).toEqual([]);
    expect((await source.list()).solutions[0]?.id).toBe('S-9');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('retries throttling, then succeeds', async () => {
    const sleep = jest.fn(async (_ms: number) => undefined);
    const { client, send } = fakeClient([
      awsError('ThrottlingException'),
      { SolutionSummaries: [solution('S-1')] },
    ]);
    const source = makeSolutionsSource({ client, catalog: 'Sandbox', sleep, now: () => 0 });
    expect((await source.list()).solutions).toHaveLength(1);
    expect(send).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('serves a list younger than an hour as stale when AWS fails, and throws when there is none', async () => {
    let now = 0;
    const { client } = fakeClient([
      { SolutionSummaries: [solution('S-1')] },
      awsError('AccessDeniedException'),
      awsError('AccessDeniedException'),
    ]);
    const source = makeSolutionsSource({ client, catalog: 'Sandbox', now: () => now });
    await source.list();
    now = 600_000;
    await expect(source.list()).resolves.toMatchObject({ stale: true, solutions: [{ id: 'S-1' }] });
    now = 3_600_001;
    await expect(source.list()).rejects.toBeInstanceOf(AceApiError);
  });

  it('refuses a response from another catalog', async () => {
    const { client } = fakeClient([{ SolutionSummaries: [solution('S-1', { Catalog: 'AWS' })] }]);
    const source = makeSolutionsSource({ client, catalog: 'Sandbox', now: () => 0 });
    await expect(source.list()).rejects.toMatchObject({ kind: 'cross-catalog' });
  });

  it('stops after the page bound even if AWS keeps returning tokens', async () => {
    const pages = Array.from({ length: 10 }, (_, i) => ({
      SolutionSummaries: [solution(`S-${i + 1}`)],
      NextToken: `t${i}`,
    }));
    const { client, send } = fakeClient(pages);
    const source = makeSolutionsSource({ client, catalog: 'Sandbox', now: () => 0 });
    expect((await source.list()).solutions).toHaveLength(5);
    expect(send).toHaveBeenCalledTimes(5);
  });
});
