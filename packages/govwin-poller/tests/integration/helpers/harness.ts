// Wires the real govwin-poller use cases to the GovWin and HubSpot simulators, DynamoDB Local and an
// in-memory secrets store, on one simulated clock: "sleeping" (back-offs, Retry-After, the quota
// buckets) advances that clock instead of waiting, so quota behaviour is exercised in milliseconds.

import {
  ensureHubSpotSchema,
  type GovWinClient,
  govwinHubSpotSchema,
  type HubSpotClient,
  makeAuditLog,
  makeHttpClient,
  makeHubSpotClient,
  makeTokenBucket,
  QUOTAS,
} from '@govwin-ace/shared-core';
import { createTestTables, type TestDynamo } from '@govwin-ace/shared-core/testing';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import {
  type GovWinOpportunityRecord,
  generateGovWinFixtures,
} from '../../../../local/src/fixtures/govwin-fixtures';
import { makeSimClock } from '../../../../local/src/simulators/common/sim-clock';
import {
  DEFAULT_GOVWIN_CREDENTIALS,
  type GovWinSimulator,
  type GovWinSimulatorOptions,
  startGovWinSimulator,
} from '../../../../local/src/simulators/govwin/govwin-simulator';
import {
  DEFAULT_HUBSPOT_TOKEN,
  type HubSpotSimulator,
  type HubSpotSimulatorOptions,
  startHubSpotSimulator,
} from '../../../../local/src/simulators/hubspot/hubspot-simulator';
import { makeSnsAlert } from '../../../src/alerts';
import { makeSyncAudit } from '../../../src/audit-sync-writes';
import type { DiscoveryMode } from '../../../src/discover';
import { makeOrchestrate } from '../../../src/orchestrate';
import { makeCountingMetrics, silentLog } from '../../../src/ports';
import { makeProcessSyncBatch } from '../../../src/process-sync-batch';
import { makePipelineResolver } from '../../../src/resolve-pipeline';
import { makeGovWinRuntime, makeHubSpotRuntime } from '../../../src/runtime';
import { makeSyncOpportunities } from '../../../src/sync-opportunities';
import { makeMemorySecrets } from './memory-secrets';

export const SECRET = {
  govwinCredentials: 'test/govwin-credentials',
  govwinToken: 'test/govwin-token',
  hubspotToken: 'test/hubspot-token',
} as const;
export const PIPELINE_LABEL = 'GovWin Pipeline';

/** Fixtures with every opportunity marked for Web Services download. */
export const markedFixtures = (count: number, seed: number | string = 7) => {
  const set = generateGovWinFixtures({ seed, count });
  for (const o of set.opportunities) o.marks['2.2'] ??= '2025-06-01T10:00:00-04:00';
  return set;
};

export interface HarnessOptions {
  govwin?: GovWinSimulatorOptions;
  hubspot?: HubSpotSimulatorOptions;
  mode?: DiscoveryMode;
  batchSize?: number;
  /** Wrong GovWin password in the credentials secret. */
  badPassword?: boolean;
  budgetBackoffMs?: number;
  maxBudgetWaitMs?: number;
  /**
   * Use the shared DynamoDB token buckets (as deployed). Off by default: in-process buckets of the same
   * shape keep the other test files fast; one test asserts the DynamoDB bucket itself.
   */
  sharedBuckets?: boolean;
}

export interface RecordedHubSpotRequest {
  method: string;
  path: string;
  inputs?: number;
  status: number;
}

/** Starts everything; call `stop()` in afterEach/afterAll. */
export const startHarness = async (options: HarnessOptions = {}) => {
  const clock = makeSimClock({ start: Date.UTC(2025, 5, 2, 12, 0, 0) });
  const govwinSim: GovWinSimulator = await startGovWinSimulator({ clock, ...options.govwin });
  const hubspotSim: HubSpotSimulator = await startHubSpotSimulator({ clock, ...options.hubspot });
  const dynamo: TestDynamo = await createTestTables();
  const secrets = makeMemorySecrets({
    [SECRET.govwinCredentials]: {
      client_id: DEFAULT_GOVWIN_CREDENTIALS.clientId,
      client_secret: DEFAULT_GOVWIN_CREDENTIALS.clientSecret,
      username: DEFAULT_GOVWIN_CREDENTIALS.username,
      password: options.badPassword ? 'wrong-password' : DEFAULT_GOVWIN_CREDENTIALS.password,
    },
    [SECRET.hubspotToken]: { private_app_token: DEFAULT_HUBSPOT_TOKEN },
  });
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(Math.max(0, Math.ceil(ms)));
  };
  const now = () => clock.now();
  const hubspotRequests: RecordedHubSpotRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = new URL(String(input));
    let inputs: number | undefined;
    if (typeof init?.body === 'string' && init.body.startsWith('{')) {
      const body = JSON.parse(init.body) as { inputs?: unknown[] };
      inputs = Array.isArray(body.inputs) ? body.inputs.length : undefined;
    }
    hubspotRequests.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      status: res.status,
      ...(inputs !== undefined ? { inputs } : {}),
    });
    return res;
  };
  const buckets = options.sharedBuckets
    ? {}
    : {
        govwin: makeTokenBucket({ ...QUOTAS.govwin, now, sleep, name: 'govwin' }),
        hubspot: makeTokenBucket({ ...QUOTAS.hubspot, now, sleep, name: 'hubspot' }),
      };
  const alerts: { subject: string; detail: Record<string, string> }[] = [];
  const alert = makeSnsAlert({ log: silentLog });
  const govwinCalls: string[] = [];
  const buildGovWin = () =>
    makeGovWinRuntime({
      govwinBaseUrl: govwinSim.baseUrl,
      credentialsSecret: SECRET.govwinCredentials,
      tokenSecret: SECRET.govwinToken,
      syncStateTable: dynamo.tables.syncState,
      doc: dynamo.doc,
      secrets: secrets.store,
      tokenSecrets: secrets.store,
      alert: async (a) => {
        alerts.push(a);
        await alert(a);
      },
      http: makeHttpClient({ allowedHosts: ['127.0.0.1'], sleep, random: () => 0 }),
      now,
      sleep,
      ...(options.budgetBackoffMs !== undefined
        ? { budgetBackoffMs: options.budgetBackoffMs }
        : {}),
      ...(options.maxBudgetWaitMs !== undefined
        ? { maxBudgetWaitMs: options.maxBudgetWaitMs }
        : {}),
      onGovWinCall: (op) => govwinCalls.push(op),
      ...(buckets.govwin ? { budget: buckets.govwin } : {}),
    });
  const govwin = buildGovWin();
  const hubspot: HubSpotClient = makeHubSpotRuntime({
    hubspotBaseUrl: hubspotSim.url,
    tokenSecret: SECRET.hubspotToken,
    secrets: secrets.store,
    syncStateTable: dynamo.tables.syncState,
    doc: dynamo.doc,
    per10s: 100,
    http: makeHttpClient({
      allowedHosts: ['127.0.0.1'],
      fetch: recordingFetch,
      sleep,
      random: () => 0,
      maxRetries: 6,
    }),
    now,
    sleep,
    ...(buckets.hubspot ? { limiter: buckets.hubspot } : {}),
  });
  /** A client without the rate limiter, for assertions that read a lot. */
  const reader = makeHubSpotClient({
    http: makeHttpClient({ allowedHosts: ['127.0.0.1'] }),
    baseUrl: hubspotSim.url,
    accessToken: async () => DEFAULT_HUBSPOT_TOKEN,
  });
  const metrics = makeCountingMetrics();
  /** The audit log the worker appends to (the real one, on DynamoDB Local). */
  const audit = makeAuditLog({ doc: dynamo.doc, tableName: dynamo.tables.audit, now, sleep });
  const syncAudit = makeSyncAudit({ audit });
  const enqueued: string[] = [];
  const orchestrateWith = (g: { auth: typeof govwin.auth; govwin: GovWinClient }) =>
    makeOrchestrate({
      auth: g.auth,
      govwin: g.govwin,
      watermarks: govwin.watermarks,
      enqueue: async (bodies) => {
        enqueued.push(...bodies);
        return { failed: 0 };
      },
      mode: options.mode ?? { kind: 'marked', markedVersion: '2.2' },
      batchSize: options.batchSize ?? 100,
      log: silentLog,
      metrics,
      now,
    });
  const sync = makeSyncOpportunities({
    govwin: govwin.govwin,
    hubspot,
    watermarks: govwin.watermarks,
    entityMap: govwin.entityMap,
    pipeline: makePipelineResolver({ hubspot, config: { label: PIPELINE_LABEL } }),
    log: silentLog,
    metrics,
    audit: syncAudit,
  });
  const processBatch = makeProcessSyncBatch({
    sync: (refs, opts) => sync(refs, opts),
    log: silentLog,
    metrics,
  });

  let messageSeq = 0;
  /** An SQS event carrying `bodies`, as Lambda would deliver it. */
  const sqsEvent = (bodies: readonly string[]): SQSEvent => ({
    Records: bodies.map(
      (body) =>
        ({
          messageId: `msg-${++messageSeq}`,
          receiptHandle: `rh-${messageSeq}`,
          body,
          attributes: { ApproximateReceiveCount: '1' },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:test-govwin-sync',
          awsRegion: 'us-east-1',
        }) as unknown as SQSRecord
    ),
  });

  return {
    clock,
    govwinSim,
    hubspotSim,
    dynamo,
    secrets,
    sleeps,
    alerts,
    govwinCalls,
    hubspotRequests,
    metrics,
    enqueued,
    govwin,
    buildGovWin,
    hubspot,
    reader,
    audit,
    syncAudit,
    sync,
    processBatch,
    sqsEvent,
    orchestrate: () => orchestrateWith(govwin)(),
    orchestrateWith,
    /** Creates the properties and the pipeline, as `govwin-ace setup-hubspot` does. */
    setupHubSpot: () => ensureHubSpotSchema(hubspot, govwinHubSpotSchema(PIPELINE_LABEL)),
    /** Drains what the orchestrator enqueued through the worker; returns the batch responses. */
    drain: async () => {
      const bodies = enqueued.splice(0);
      const responses = [];
      for (const body of bodies) responses.push(await processBatch(sqsEvent([body])));
      return responses;
    },
    marked: (): GovWinOpportunityRecord['opportunity'][] =>
      govwinSim.inspect().marked['2.2']?.map((id) => govwinSim.getOpportunity(id) ?? {}) ?? [],
    stop: async () => {
      await Promise.all([govwinSim.stop(), hubspotSim.stop()]);
      await dynamo.cleanup();
    },
  };
};

export type Harness = Awaited<ReturnType<typeof startHarness>>;
