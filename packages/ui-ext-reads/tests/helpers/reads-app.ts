import {
  makeCardHandler,
  makeCardRequestGate,
  makeInMemoryReplayStore,
  signCardRequest,
} from '@govwin-ace/shared-core';
import { jest } from '@jest/globals';
import { makeReadRoutes } from '../../src/reads';
import { READ_ROUTES } from '../../src/routes';
import type { SolutionsSource } from '../../src/solutions';

export const NOW = 1_760_000_000_000;
export const SECRET = 'reads-signing-secret';
export const BASE = 'https://api.example.com/ui-extension';
export const APP_ID = '1234';
export const CONFIG = {
  catalog: 'Sandbox' as const,
  pipelineId: '7001',
  triggerStageIds: ['9001'],
  referralStageId: '9100',
};

/** The reads core wired as the handler wires it, with an in-memory replay store and a stub source. */
export const readsApp = (solutions: SolutionsSource) => {
  const replay = makeInMemoryReplayStore({ now: () => NOW });
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const handler = makeCardHandler({
    gate: makeCardRequestGate({
      routes: READ_ROUTES,
      publicBaseUrl: BASE,
      appId: APP_ID,
      loadSigningSecrets: async () => [SECRET],
      replay,
      now: () => NOW,
    }),
    handlers: makeReadRoutes({ config: CONFIG, solutions }),
    logger,
  });
  return { handler, logger };
};

/** A GET signed as hubspot.fetch signs it. */
export const signedGet = (path: string, timestamp = NOW) =>
  signCardRequest({
    method: 'GET',
    path,
    query: { dealId: '42' },
    caller: { userId: '7001', portalId: '99', appId: APP_ID },
    publicBaseUrl: BASE,
    secret: SECRET,
    timestamp,
  });
