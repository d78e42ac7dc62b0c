// Builds the real collaborators from configuration: the egress-guarded HTTP client, the GovWin
// OAuth token cache in Secrets Manager, the shared DynamoDB quota buckets, and the GovWin and HubSpot
// clients. Used by both handlers, the CLI and the benchmark, so every path runs the same wiring.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type GovWinAlert,
  type GovWinAuth,
  type GovWinClient,
  type HttpClient,
  type HubSpotClient,
  hubspotQuota,
  makeEntityMapRepo,
  makeGovWinAuth,
  makeGovWinClient,
  makeHttpClient,
  makeHubSpotClient,
  makeQuotaLimiter,
  makeSecretTokenCache,
  makeWatermarkRepo,
  parseHubSpotTokenSecret,
  type RateLimiter,
  type SecretsStore,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

const credentialsSchema = z.object({
  client_id: z.string().check(z.minLength(1)),
  client_secret: z.string().check(z.minLength(1)),
  username: z.string().check(z.minLength(1)),
  password: z.string().check(z.minLength(1)),
});

/** Re-exported: the GovWin token cache now lives next to the GovWin auth in shared-core. */
export { makeSecretTokenCache };

/** Host name of a base URL, for the egress allow-list. */
export const hostOf = (url: string): string => new URL(url).hostname.toLowerCase();

/** Inputs of {@link makeGovWinRuntime}. */
export interface GovWinRuntimeDeps {
  govwinBaseUrl: string;
  credentialsSecret: string;
  tokenSecret: string;
  syncStateTable: string;
  doc: DynamoDBDocumentClient;
  /** Secrets for credentials (cached). */
  secrets: SecretsStore;
  /** Secrets for the token cache (no caching: other invocations write it). */
  tokenSecrets: SecretsStore;
  alert: GovWinAlert;
  http?: HttpClient;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Override of the shared GovWin bucket (tests, benchmarks). */
  budget?: RateLimiter;
  budgetBackoffMs?: number;
  maxBudgetWaitMs?: number;
  onGovWinCall?: (operation: string) => void;
  /** A GovWin 403 budget answer (before the back-off). */
  onGovWinThrottle?: () => void;
}

/** GovWin side: auth, client, state repositories. */
export interface GovWinRuntime {
  http: HttpClient;
  auth: GovWinAuth;
  govwin: GovWinClient;
  watermarks: ReturnType<typeof makeWatermarkRepo>;
  entityMap: ReturnType<typeof makeEntityMapRepo>;
}

/** Builds the GovWin half. */
export const makeGovWinRuntime = (deps: GovWinRuntimeDeps): GovWinRuntime => {
  const http =
    deps.http ??
    makeHttpClient({
      allowedHosts: [hostOf(deps.govwinBaseUrl)],
      timeoutMs: 30_000,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  const auth = makeGovWinAuth({
    http,
    baseUrl: deps.govwinBaseUrl,
    loadCredentials: () => deps.secrets.getJson(deps.credentialsSecret, credentialsSchema),
    tokenCache: makeSecretTokenCache(deps.tokenSecrets, deps.tokenSecret),
    alert: deps.alert,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const budget =
    deps.budget ??
    makeQuotaLimiter('govwin', {
      doc: deps.doc,
      tableName: deps.syncStateTable,
      maxWaitMs: 60_000,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  const govwin = makeGovWinClient({
    http,
    baseUrl: deps.govwinBaseUrl,
    auth,
    budget,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.budgetBackoffMs !== undefined ? { budgetBackoffMs: deps.budgetBackoffMs } : {}),
    ...(deps.maxBudgetWaitMs !== undefined ? { maxBudgetWaitMs: deps.maxBudgetWaitMs } : {}),
    ...(deps.onGovWinCall ? { onCall: deps.onGovWinCall } : {}),
    ...(deps.onGovWinThrottle ? { onThrottle: deps.onGovWinThrottle } : {}),
  });
  const state = {
    doc: deps.doc,
    tableName: deps.syncStateTable,
    ...(deps.now ? { now: deps.now } : {}),
  };
  return {
    http,
    auth,
    govwin,
    watermarks: makeWatermarkRepo(state),
    entityMap: makeEntityMapRepo(state),
  };
};

/** Inputs of {@link makeHubSpotRuntime}. */
export interface HubSpotRuntimeDeps {
  hubspotBaseUrl: string;
  tokenSecret: string;
  secrets: SecretsStore;
  syncStateTable: string;
  doc: DynamoDBDocumentClient;
  per10s: number;
  http?: HttpClient;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  limiter?: RateLimiter;
  onRequest?: (operation: string) => void;
  /** A HubSpot 429 about to be waited out (the Throttles metric). */
  onThrottle?: () => void;
}

/** Builds the HubSpot client with the shared per-10-second bucket. */
export const makeHubSpotRuntime = (deps: HubSpotRuntimeDeps): HubSpotClient => {
  const http =
    deps.http ??
    makeHttpClient({
      allowedHosts: [hostOf(deps.hubspotBaseUrl)],
      timeoutMs: 30_000,
      maxRetries: 4,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      onRetry: (info) => {
        if (info.reason === 'throttled') deps.onThrottle?.();
      },
    });
  const limiter =
    deps.limiter ??
    makeQuotaLimiter('hubspot', {
      doc: deps.doc,
      tableName: deps.syncStateTable,
      spec: hubspotQuota(deps.per10s),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  return makeHubSpotClient({
    http,
    baseUrl: deps.hubspotBaseUrl,
    accessToken: async () =>
      parseHubSpotTokenSecret(await deps.secrets.getString(deps.tokenSecret)),
    limiter,
    ...(deps.onRequest ? { onRequest: deps.onRequest } : {}),
  });
};
