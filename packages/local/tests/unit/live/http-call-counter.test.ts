import { describe, expect, it } from '@jest/globals';
import { countHttpCalls } from '../../../src/live/http-call-counter';

describe('countHttpCalls', () => {
  it('counts requests per system by host, passes them through, and restores fetch', async () => {
    const seen: string[] = [];
    const original: typeof fetch = async (input) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return new Response('{}');
    };
    const target = { fetch: original };
    const counter = countHttpCalls(
      { 'api.hubapi.com': 'hubspot', '127.0.0.1:4100': 'govwin' },
      target
    );
    await target.fetch('https://api.hubapi.com/crm/v3/objects/deals');
    await target.fetch(new URL('http://127.0.0.1:4100/neo-ws/opportunities'));
    await target.fetch(new Request('https://api.hubapi.com/crm/v3/pipelines/deals'));
    await target.fetch('https://elsewhere.example.test/');
    expect(counter.counts()).toEqual({ hubspot: 2, govwin: 1, other: 1 });
    expect(seen).toHaveLength(4);
    counter.restore();
    expect(target.fetch).toBe(original);
  });
});
