// Property: whatever a caller changes in a validly signed card request (body, path, query, method,
// timestamp, signature), the handler core answers a 4xx — never a 2xx, never a 5xx, never a throw.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { makeCardHandler } from '../../../src/card/card-handler';
import { makeCardRequestGate } from '../../../src/card/card-request';
import { signCardRequest } from '../../../src/card/sign-card-request';
import { makeInMemoryReplayStore } from '../../../src/state/replay-store';

const NOW = 1_760_000_000_000;
const SECRET = 'fuzz-secret';
const BASE = 'https://api.example.com/ui-extension';

const handler = () =>
  makeCardHandler({
    gate: makeCardRequestGate({
      routes: { submit: { method: 'POST', path: '/submit' } },
      publicBaseUrl: BASE,
      appId: '1234',
      loadSigningSecrets: async () => [SECRET],
      replay: makeInMemoryReplayStore({ now: () => NOW }),
      now: () => NOW,
    }),
    handlers: { submit: async () => ({ status: 202, body: { ok: true } }) },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });

const base = () =>
  signCardRequest({
    method: 'POST',
    path: '/submit',
    body: { dealId: '42', properties: { amount: 1 } },
    query: { dealId: '42' },
    caller: { userId: '7001', portalId: '99', appId: '1234' },
    publicBaseUrl: BASE,
    secret: SECRET,
    timestamp: NOW,
  });

const flip = (s: string, at: number, ch: string) => {
  const i = s.length === 0 ? 0 : at % s.length;
  const next = s.slice(0, i) + ch + s.slice(i + 1);
  return next === s ? `${s}${ch}` : next;
};

describe('card gate (property)', () => {
  it('the untouched request is accepted', async () => {
    expect((await handler()(base())).statusCode).toBe(202);
  });

  it('any single change to a signed part is refused with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('body', 'rawQueryString', 'timestamp', 'signature', 'method', 'path'),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        async (part, at, ch) => {
          const event = base();
          if (part === 'body') event.body = flip(event.body, at, ch);
          if (part === 'rawQueryString') event.rawQueryString = flip(event.rawQueryString, at, ch);
          if (part === 'timestamp') {
            const ts = event.headers['x-hubspot-request-timestamp'] ?? '';
            event.headers['x-hubspot-request-timestamp'] = flip(ts, at, ch);
          }
          if (part === 'signature') {
            const sig = event.headers['x-hubspot-signature-v3'] ?? '';
            event.headers['x-hubspot-signature-v3'] = flip(sig, at, ch);
          }
          if (part === 'method')
            event.requestContext = {
              http: { method: ['GET', 'PUT', 'OPTIONS'][at % 3] ?? 'GET', path: event.rawPath },
            };
          if (part === 'path') {
            const path = flip(event.rawPath, at, ch);
            event.rawPath = path;
            event.requestContext = { http: { method: 'POST', path } };
          }
          const res = await handler()(event);
          return res.statusCode >= 400 && res.statusCode < 500;
        }
      ),
      { numRuns: 300 }
    );
  });
});
