// Catalog pinning end to end: a proxy in front of the simulator rewrites the Catalog in GetOpportunity
// responses, as a mis-routed or cross-catalog answer would look. The real SDK parses it; the ACE client
// must refuse it (CrossCatalogResponse) and the update must never write.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeAceClient, makeAwsClients } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeUpdateOpportunity } from '../../src/update-opportunity';
import { seedDeal } from '../helpers/deals';
import { type Harness, startHarness } from '../helpers/harness';
import { anUpdateMessage, aSubmitMessage } from '../helpers/messages';

let h: Harness;
let proxy: Server;
let proxyUrl = '';

beforeAll(async () => {
  h = await startHarness();
  const target = new URL(h.sim.endpoint);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            let text = Buffer.concat(body).toString('utf8');
            if (String(req.headers['x-amz-target']).endsWith('.GetOpportunity'))
              text = text.replace('"Catalog":"Sandbox"', '"Catalog":"AWS"');
            const headers = { ...up.headers, 'content-length': String(Buffer.byteLength(text)) };
            res.writeHead(up.statusCode ?? 500, headers);
            res.end(text);
          });
        }
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await h.cleanup();
});

describe('catalog echo check', () => {
  it('refuses a GetOpportunity answer from another catalog and writes nothing', async () => {
    // Arrange: a submitted deal, then a client whose reads come back labelled Catalog=AWS.
    const dealId = seedDeal(h.deals, '9501');
    const out = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
    expect(out.status).toBe('submitted');
    while (h.sim.advanceReview({ catalog: 'Sandbox' }) > 0);
    const pc = makeAwsClients({
      endpoints: { partnercentral: proxyUrl },
      credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
      maxAttempts: 1,
    }).partnerCentral();
    const ace = makeAceClient({
      client: pc,
      catalog: 'Sandbox',
      gates: { read: async () => undefined, write: async () => undefined },
    });
    const update = makeUpdateOpportunity({ ...h.deps, ace });
    h.deals.deals.set(dealId, { ...h.deals.deals.get(dealId), dealname: 'Must not be written' });
    const updates = h.sim.counters().calls.UpdateOpportunity ?? 0;

    // Act
    const err = await update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 }).catch(
      (e) => e
    );

    // Assert
    expect(err).toMatchObject({
      code: 'CrossCatalogResponse',
      kind: 'cross-catalog',
      retryable: false,
    });
    expect(h.sim.counters().calls.UpdateOpportunity ?? 0).toBe(updates);
    expect(h.alerts.alerts.at(-1)).toMatchObject({ kind: 'update-rejected' });
    pc.destroy();
  });
});
