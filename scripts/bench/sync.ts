// Purpose: the GovWin -> HubSpot backfill benchmark (issue 4): 1,000 marked opportunities synced from the
//          GovWin simulator to the HubSpot simulator through the real orchestrator and worker use cases,
//          the real clients, the shared DynamoDB quota buckets (QUOTAS: GovWin 300 burst + 1/s, HubSpot
//          100/10 s) and the simulators' real quotas (GovWin 4,000/h with 403, HubSpot 100/10 s with 429),
//          time-compressed: one simulated clock runs `SCALE` times faster than real time and every sleep
//          (bucket waits, back-offs, Retry-After) is divided by it.
// Usage:   npx tsx scripts/bench/sync.ts [--quick]         (or `pnpm bench --only=sync`)
// Inputs:  none; starts DynamoDB Local (Java) or dynalite, and both simulators on free loopback ports.
// Output:  rows: GovWin calls per opportunity, HubSpot calls per 100 opportunities, wall time as a ratio of
//          the GovWin budget bound, lost records, peak RSS. Figures only; nothing asserts.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import {
  makeCountingMetrics,
  makeGovWinRuntime,
  makeHubSpotRuntime,
  makeOrchestrate,
  makePipelineResolver,
  makeProcessSyncBatch,
  makeSyncAudit,
  makeSyncOpportunities,
  silentLog,
} from '../../packages/govwin-poller/src/index';
import { generateGovWinFixtures } from '../../packages/local/src/fixtures/govwin-fixtures';
import { makeSimClock } from '../../packages/local/src/simulators/common/sim-clock';
import {
  DEFAULT_GOVWIN_CREDENTIALS,
  startGovWinSimulator,
} from '../../packages/local/src/simulators/govwin/govwin-simulator';
import {
  DEFAULT_HUBSPOT_TOKEN,
  startHubSpotSimulator,
} from '../../packages/local/src/simulators/hubspot/hubspot-simulator';
import {
  ensureHubSpotSchema,
  govwinHubSpotSchema,
  makeAuditLog,
  makeAwsClients,
  makeHttpClient,
  QUOTAS,
  SecretNotSetError,
  type SecretsStore,
  tableDefinition,
} from '../../packages/shared-core/src/index';
import { startLocalDynamo } from '../../packages/shared-core/src/testing/index';
import type { BenchRow } from './types';

const PIPELINE = 'GovWin Pipeline';

/** Secrets held in memory (the benchmark measures the sync, not Secrets Manager). */
const memorySecrets = (values: Record<string, string>): SecretsStore => {
  const store: SecretsStore = {
    getString: async (id) => {
      const v = values[id];
      // Like Secrets Manager for a secret Terraform created empty (the GovWin token cache starts so).
      if (!v) throw new SecretNotSetError(`secrets: secret '${id}' has no value yet`);
      return v;
    },
    getJson: async <T>(id: string) => JSON.parse(await store.getString(id)) as T,
    put: async (id, value) => {
      values[id] = typeof value === 'string' ? value : JSON.stringify(value);
    },
    clear: () => undefined,
  };
  return store;
};

const sqsEvent = (body: string, n: number): SQSEvent => ({
  Records: [
    {
      messageId: `m${n}`,
      body,
      attributes: { ApproximateReceiveCount: '1' },
    } as unknown as SQSRecord,
  ],
});

export async function run(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  // The scale keeps the simulated quota, not this machine's CPU, the bottleneck: the pipeline needs
  // refill x scale GovWin calls per real second (1/s x 10 = 10/s), well inside what one process does.
  const count = options.quick ? 600 : 1000;
  const scale = options.quick ? 15 : 10;
  const clock = makeSimClock({ timeScale: scale, start: Date.UTC(2025, 5, 2, 12, 0, 0) });
  const now = () => clock.now();
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms / scale)));
  const fixtures = generateGovWinFixtures({ seed: 'bench', count });
  for (const o of fixtures.opportunities) o.marks['2.2'] ??= '2025-06-01T10:00:00-04:00';

  const govwinSim = await startGovWinSimulator({ clock, fixtures });
  const hubspotSim = await startHubSpotSimulator({ clock });
  const ddb = await startLocalDynamo({ warn: () => undefined });
  const aws = makeAwsClients({
    region: 'us-east-1',
    endpoints: { dynamodb: ddb.endpoint },
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  const raw = aws.dynamodb();
  const doc = aws.documentClient();
  try {
    await raw.send(new CreateTableCommand(tableDefinition('bench-sync-state')));
    await raw.send(new CreateTableCommand(tableDefinition('bench-audit')));
    const secrets = memorySecrets({
      creds: JSON.stringify({
        client_id: DEFAULT_GOVWIN_CREDENTIALS.clientId,
        client_secret: DEFAULT_GOVWIN_CREDENTIALS.clientSecret,
        username: DEFAULT_GOVWIN_CREDENTIALS.username,
        password: DEFAULT_GOVWIN_CREDENTIALS.password,
      }),
      hubspot: DEFAULT_HUBSPOT_TOKEN,
    });
    let govwinCalls = 0;
    let hubspotCalls = 0;
    const hubspotOps = new Map<string, number>();
    const govwin = makeGovWinRuntime({
      govwinBaseUrl: govwinSim.baseUrl,
      credentialsSecret: 'creds',
      tokenSecret: 'tokens',
      syncStateTable: 'bench-sync-state',
      doc,
      secrets,
      tokenSecrets: secrets,
      alert: async () => undefined,
      http: makeHttpClient({ allowedHosts: ['127.0.0.1'], sleep }),
      now,
      sleep,
      onGovWinCall: () => {
        govwinCalls += 1;
      },
    });
    const hubspot = makeHubSpotRuntime({
      hubspotBaseUrl: hubspotSim.url,
      tokenSecret: 'hubspot',
      secrets,
      syncStateTable: 'bench-sync-state',
      doc,
      per10s: 100,
      http: makeHttpClient({ allowedHosts: ['127.0.0.1'], sleep, maxRetries: 6 }),
      now,
      sleep,
      onRequest: (operation) => {
        hubspotCalls += 1;
        hubspotOps.set(operation, (hubspotOps.get(operation) ?? 0) + 1);
      },
    });
    await ensureHubSpotSchema(hubspot, govwinHubSpotSchema(PIPELINE));
    hubspotCalls = 0;
    hubspotOps.clear();

    const metrics = makeCountingMetrics();
    const queue: string[] = [];
    const orchestrate = makeOrchestrate({
      auth: govwin.auth,
      govwin: govwin.govwin,
      watermarks: govwin.watermarks,
      enqueue: async (bodies) => {
        queue.push(...bodies);
        return { failed: 0 };
      },
      mode: { kind: 'marked', markedVersion: '2.2' },
      batchSize: 100,
      log: silentLog,
      metrics,
      now,
    });
    const sync = makeSyncOpportunities({
      govwin: govwin.govwin,
      hubspot,
      watermarks: govwin.watermarks,
      entityMap: govwin.entityMap,
      pipeline: makePipelineResolver({ hubspot, config: { label: PIPELINE } }),
      log: silentLog,
      metrics,
      audit: makeSyncAudit({ audit: makeAuditLog({ doc, tableName: 'bench-audit', now, sleep }) }),
    });
    const worker = makeProcessSyncBatch({ sync: (refs) => sync(refs), log: silentLog, metrics });

    // Backfill: one orchestrator run, then the worker drains the queue (SQS batch size 1, as deployed),
    // redelivering failed messages like SQS would, up to maxReceiveCount 5.
    const simStart = clock.now();
    const realStart = performance.now();
    await orchestrate();
    let n = 0;
    const receives = new Map<string, number>();
    while (queue.length > 0) {
      const body = queue.shift() as string;
      const received = (receives.get(body) ?? 0) + 1;
      receives.set(body, received);
      n += 1;
      const out = await worker(sqsEvent(body, n));
      if (out.batchItemFailures.length > 0 && received < 5) queue.push(body);
    }
    const simElapsedS = (clock.now() - simStart) / 1000;
    const realElapsedS = (performance.now() - realStart) / 1000;

    const expected = new Set(fixtures.opportunities.map((o) => String(o.opportunity.id)));
    const synced = new Set(hubspotSim.listObjects('deals').map((d) => d.properties.govwin_opp_id));
    const lost = [...expected].filter((id) => !synced.has(id)).length;
    // The budget bound: the fastest our own GovWin bucket lets these calls through (burst, then refill).
    const bound = Math.max(0, govwinCalls - QUOTAS.govwin.capacity) / QUOTAS.govwin.refillPerSecond;
    const ratio = bound > 0 ? simElapsedS / bound : Number.NaN;
    const perHundred = (hubspotCalls / count) * 100;
    return [
      {
        name: `sync backfill ${count} opps: GovWin calls per opportunity`,
        value: round(govwinCalls / count, 3),
        unit: 'calls',
        note: `${govwinCalls} calls incl. listing`,
      },
      {
        name: `sync backfill ${count} opps: HubSpot calls per 100 opportunities`,
        value: round(perHundred, 2),
        unit: 'calls',
        target: '<= 4',
        pass: perHundred <= 4,
        note: `${hubspotCalls} calls: ${[...hubspotOps].map(([op, c]) => `${op} ${c}`).join(', ')}`,
      },
      {
        name: `sync backfill ${count} opps: wall time / GovWin budget bound`,
        value: round(ratio, 3),
        unit: 'x',
        target: '<= 1.1',
        pass: ratio <= 1.1,
        note: `${round(simElapsedS, 0)} s simulated vs bound ${round(bound, 0)} s (bucket: burst ${QUOTAS.govwin.capacity} + ${QUOTAS.govwin.refillPerSecond}/s; at a flat 4,000/h it would be ${round((govwinCalls / 4000) * 3600, 0)} s); ${round(realElapsedS, 1)} s real at x${scale}`,
      },
      {
        name: `sync backfill ${count} opps: lost records`,
        value: lost,
        unit: 'records',
        target: '0',
        pass: lost === 0,
      },
      {
        name: 'sync bench peak RSS',
        value: Math.round(process.resourceUsage().maxRSS / 1024),
        unit: 'MiB',
      },
    ];
  } finally {
    doc.destroy();
    raw.destroy();
    await Promise.all([govwinSim.stop(), hubspotSim.stop()]);
    await ddb.stop();
  }
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

const invokedDirectly =
  process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === import.meta.url;
if (invokedDirectly) {
  run({ quick: process.argv.includes('--quick') }).then(
    (rows) => {
      for (const r of rows) {
        process.stdout.write(
          `${r.name.padEnd(66)} ${String(r.value).padStart(8)} ${r.unit.padEnd(8)} ${r.target ?? ''} ${r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS'}  ${r.note ?? ''}\n`
        );
      }
    },
    (err: Error) => {
      process.stderr.write(`sync bench: ${err.message}\n`);
      process.exit(1);
    }
  );
}
