import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type GovWinSimulator,
  startGovWinSimulator,
} from '../../../../src/simulators/govwin/govwin-simulator';
import { type ApiErrorBody, apiGet, getJson, type Listing, login } from './govwin-client';

const EVERYTHING = 'oppSelectionDateFrom=01/01/1900';

describe('GovWin simulator opportunity listings', () => {
  let sim: GovWinSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startGovWinSimulator({ seed: 11, opportunityCount: 250 });
    token = (await login(sim)).access_token;
  });
  afterAll(() => sim.stop());

  const list = (query: string) => getJson<Listing>(sim, `/opportunities?${query}`, token);
  const error422 = async (query: string) => {
    const res = await apiGet(sim, `/opportunities?${query}`, token);
    expect(res.status).toBe(422);
    return ((await res.json()) as ApiErrorBody).errors[0]?.message;
  };

  describe('search', () => {
    it('defaults to opportunities selected in the last 24 hours, 10 per page', async () => {
      // Act
      const recent = await list('');
      const all = await list(EVERYTHING);
      // Assert
      expect(recent.meta.paging).toMatchObject({
        max: 10,
        offset: 0,
        sort: 'relevancy',
        order: 'desc',
      });
      expect(recent.meta.paging.totalCount).toBeGreaterThan(0);
      expect(recent.meta.paging.totalCount).toBeLessThan(all.meta.paging.totalCount);
    });

    it('pages through every opportunity with max=100 without gaps or repeats', async () => {
      // Arrange
      const ids: string[] = [];
      let offset = 0;
      let total = Number.POSITIVE_INFINITY;
      // Act
      while (offset < total) {
        const page = await list(
          `${EVERYTHING}&sort=updatedDate&order=desc&max=100&offset=${offset}`
        );
        total = page.meta.paging.totalCount;
        if (page.opportunities.length === 0) break;
        ids.push(...page.opportunities.map((o) => o.id));
        offset += 100;
      }
      // Assert
      expect(total).toBe(250);
      expect(new Set(ids).size).toBe(250);
    });

    it('filters by oppType, market, NAICS prefix and keyword (AND-combined)', async () => {
      // Act
      const bids = await list(`${EVERYTHING}&oppType=BID&max=100`);
      const sled = await list(`${EVERYTHING}&market=SLED&naics=5415&max=100`);
      const keyword = await list(`${EVERYTHING}&q=Modernisation&max=100`);
      // Assert
      expect(bids.opportunities.length).toBeGreaterThan(0);
      expect(bids.opportunities.every((o) => o.id.startsWith('BID'))).toBe(true);
      expect(sled.opportunities.length).toBeGreaterThan(0);
      for (const o of sled.opportunities) {
        const codes = [o.primaryNAICS, ...(o.additionalNaics as unknown[])].map(
          (n) => (n as { id: string }).id
        );
        expect(codes.some((c) => c.startsWith('5415'))).toBe(true);
      }
      expect(keyword.opportunities.length).toBeGreaterThan(0);
      expect(keyword.opportunities.every((o) => String(o.title).includes('Modernisation'))).toBe(
        true
      );
    });

    it('sorts by title ascending by default for the title column', async () => {
      // Act
      const page = await list(`${EVERYTHING}&sort=title&max=50`);
      // Assert
      const titles = page.opportunities
        .map((o) => o.title)
        .filter((t): t is string => typeof t === 'string');
      expect(page.meta.paging.order).toBe('asc');
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
    });

    it('adds links to each opportunity, pointing at the simulator', async () => {
      // Act
      const page = await list(`${EVERYTHING}&max=1`);
      // Assert
      const links = page.opportunities[0]?.links as Record<string, { href: string }>;
      expect(links.contacts?.href).toBe(
        `${sim.baseUrl}/opportunities/${page.opportunities[0]?.id}/contacts`
      );
    });

    it.each([
      { name: 'max above 100', query: 'max=101', message: 'Invalid range' },
      {
        name: 'offset + max above 10,000',
        query: 'offset=9950&max=100',
        message: 'Maximum offset',
      },
      { name: 'a negative offset', query: 'offset=-1', message: 'Invalid offset' },
      { name: 'an unknown parameter', query: 'Max=10', message: 'Invalid Parameters' },
      { name: 'an unknown sort column', query: 'sort=price', message: 'Invalid sort column' },
      { name: 'an unknown oppType', query: 'oppType=XYZ', message: 'Invalid opportunity type' },
      {
        name: 'oppSelectionDateTo without oppSelectionDateFrom',
        query: 'oppSelectionDateTo=01/01/2025',
        message: 'Missing opp selection from date',
      },
      {
        name: 'a malformed date',
        query: 'oppSelectionDateFrom=2025/01/01',
        message: 'Invalid oppSelectionDateFrom date format or value',
      },
      {
        name: 'a future relative From date',
        query: 'responseDateFrom=1W',
        message: 'responseDateFrom',
      },
    ])('answers 422 for $name', async ({ query, message }) => {
      // Act & Assert
      expect(await error422(query)).toContain(message);
    });

    it('answers 415 when a Content-Type header is sent', async () => {
      // Act
      const res = await fetch(`${sim.baseUrl}/opportunities`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      // Assert
      expect(res.status).toBe(415);
    });
  });

  describe('marked for download', () => {
    it('lists opportunities marked with markedVersion=2.2, each with lastMarkedDate', async () => {
      // Act
      const page = await list('markedVersion=2.2&max=100');
      // Assert
      expect(page.meta.paging).toMatchObject({ sort: 'id', order: 'desc' });
      expect(page.opportunities.length).toBeGreaterThan(0);
      expect(page.opportunities.every((o) => typeof o.lastMarkedDate === 'string')).toBe(true);
      expect(page.meta.paging.totalCount).toBe(sim.inspect().marked['2.2']?.length);
    });

    it('refuses search-only parameters and combining markedVersion with markedOpps', async () => {
      // Act & Assert
      expect(await error422('markedVersion=2.2&oppCategory=2')).toContain('Invalid Parameters');
      expect(await error422('markedVersion=2.2&markedOpps=true')).toBe(
        'Invalid Marking Parameters'
      );
      expect(await error422('markedVersion=3')).toContain('markedVersion');
    });
  });

  describe('bookmarks and saved searches', () => {
    it('lists the calling user’s bookmarks', async () => {
      // Act
      const page = await list('markedOpps=true&max=100');
      // Assert
      expect(page.opportunities.length).toBeGreaterThan(0);
      expect(page.opportunities.every((o) => typeof o.priority === 'number')).toBe(true);
    });

    it('runs a saved search owned by the user and reports only max, offset, totalCount', async () => {
      // Act
      const page = await list('savedSearchId=4002&max=100');
      // Assert
      expect(Object.keys(page.meta.paging).sort()).toEqual(['max', 'offset', 'totalCount']);
      expect(page.opportunities.length).toBeGreaterThan(0);
    });

    it('answers "Saved search not found" for another user’s search and refuses sort', async () => {
      // Act & Assert
      expect(await error422('savedSearchId=4003')).toBe('Saved search not found');
      expect(await error422('savedSearchId=abc')).toBe('Invalid saved search ID');
      expect(await error422('savedSearchId=4001&sort=title')).toContain('Invalid Parameters');
    });
  });
});
