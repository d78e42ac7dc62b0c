import {
  GovWinBudgetError,
  type GovWinClient,
  HttpError,
  type RawRecord,
} from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { fetchBundles } from '../../src/fetch-bundles';

const rejected = () =>
  new HttpError('GET services.govwin.com/neo-ws/opportunities answered 422', { status: 422 });

const client = (behaviour: {
  noAccess?: string[];
  missing?: string[];
  contactsFail?: Record<string, Error>;
}) => {
  const calls: string[] = [];
  const govwin = {
    getOpportunities: async (ids: readonly string[]) => {
      calls.push(`opps:${ids.join(',')}`);
      if (ids.some((id) => behaviour.noAccess?.includes(id))) throw rejected();
      return new Map<string, RawRecord>(
        ids.filter((id) => !behaviour.missing?.includes(id)).map((id) => [id, { id }])
      );
    },
    getContacts: async (id: string) => {
      calls.push(`contacts:${id}`);
      const err = behaviour.contactsFail?.[id];
      if (err) throw err;
      return [{ contactId: 1 }];
    },
  } as unknown as GovWinClient;
  return { govwin, calls };
};

const ids = (n: number) => Array.from({ length: n }, (_, i) => `OPP${i + 1}`);

describe('fetchBundles', () => {
  it('fetches 10 ids per call plus contacts, and reports ids GovWin does not return as not found', async () => {
    const { govwin, calls } = client({ missing: ['OPP3'] });
    const out = await fetchBundles(govwin, ids(12));
    expect(calls.filter((c) => c.startsWith('opps:'))).toEqual([
      `opps:${ids(10).join(',')}`,
      'opps:OPP11,OPP12',
    ]);
    expect(out.bundles.size).toBe(11);
    expect(out.notFound).toEqual(['OPP3']);
    expect(out.failed.size).toBe(0);
  });

  it('asks one by one when GovWin refuses a multi-id request, so one inaccessible id does not block the others', async () => {
    const { govwin } = client({ noAccess: ['OPP4'] });
    const out = await fetchBundles(govwin, ids(5));
    expect([...out.bundles.keys()]).toEqual(['OPP1', 'OPP2', 'OPP3', 'OPP5']);
    expect(out.notFound).toEqual(['OPP4']);
  });

  it('keeps what it fetched and defers the rest, retryably, when the budget runs out part-way', async () => {
    const { govwin } = client({ contactsFail: { OPP3: new GovWinBudgetError('budget') } });
    const out = await fetchBundles(govwin, ids(12));
    expect([...out.bundles.keys()]).toEqual(['OPP1', 'OPP2']);
    expect([...out.failed.keys()]).toEqual(ids(12).slice(2));
    expect([...out.failed.values()].every((f) => f.retryable)).toBe(true);
  });

  it('syncs an opportunity without contacts when its contacts are refused', async () => {
    const { govwin } = client({ contactsFail: { OPP2: rejected() } });
    const out = await fetchBundles(govwin, ids(3));
    expect(out.bundles.get('OPP2')?.contacts).toEqual([]);
    expect(out.bundles.size).toBe(3);
  });
});
