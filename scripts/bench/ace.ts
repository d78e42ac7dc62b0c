// Purpose: ACE write pacing (issue 6). 100 submissions drained by 4 concurrent consumers through the real
//          submit core, the real AWS SDK and the Partner Central simulator's 1 write/s quota, with the shared
//          DynamoDB token buckets (DynamoDB Local) pacing every call. Reports the achieved write rate as a
//          ratio of the quota, the throttles AWS answered, and ThrottlingExceptions that reached the DLQ.
// Usage:   npx tsx scripts/bench/ace.ts [--quick] [--time-scale=N]     (or `pnpm bench --only=ace`)
// Clock:   time-compressed. The simulator measures its quota on a simulated clock running N times faster
//          than real time (default N = 2), and the token buckets and every back-off sleep use that same
//          clock, so "1 write/s" is 1 write per simulated second: 100 submissions (~400 writes) take ~3.5 min
//          of real time instead of ~7. Network, DynamoDB and event-loop latency are real, so their jitter
//          weighs N times more in simulated time than in production (each edge throttle wastes a write slot):
//          the ratio is a lower bound, and it drops as N grows (x4 ~0.86, x10 ~0.76 on a loaded 2-core box).
// Inputs:  none (fictional deals; DynamoDB Local, or dynalite without Java, on a free loopback port).
// Output:  BenchRow[] (printed as a table when run standalone).
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  ACE_PACING,
  type DealProperties,
  type DealRecord,
  type DealStore,
  makeSubmitOpportunity,
  type SubmitterDeps,
} from '../../packages/ace-submitter/src/index';
import type { QueueMessageV1 } from '../../packages/hubspot-webhook-receiver/src/index';
import {
  makeSimClock,
  startPartnerCentralSimulator,
} from '../../packages/local/src/simulators/index';
import {
  makeAceClient,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeAwsClients,
  makeQuotaLimiter,
  tableDefinition,
} from '../../packages/shared-core/src/index';
import { startLocalDynamo } from '../../packages/shared-core/src/testing/index';
import type { BenchRow } from './types';

const WRITE_OPS = [
  'CreateOpportunity',
  'UpdateOpportunity',
  'AssociateOpportunity',
  'DisassociateOpportunity',
  'StartEngagementFromOpportunityTask',
];
const CONSUMERS = 4;
const MAX_RECEIVES = 5;
const SUBMIT_STAGE = 'bench-submit';
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A minimal in-memory HubSpot: fictional deals with a company each. */
const makeDeals = (n: number): DealStore => {
  const deals = new Map<string, DealProperties>();
  for (let i = 0; i < n; i++)
    deals.set(String(50_001 + i), {
      dealname: `Fictional bench opportunity ${i}`,
      amount: '60000',
      closedate: '2027-06-30',
      description: 'A fictional agency needs its records platform moved to the cloud.',
      dealstage: SUBMIT_STAGE,
      govwin_industry: 'Government',
      govwin_ace_partner_need: 'Deal Support',
      govwin_ace_delivery_model: 'Professional Services',
      govwin_ace_aws_products: 'AmazonS3',
    });
  const pick = (all: DealProperties, names: readonly string[]): DealProperties =>
    Object.fromEntries(names.map((k) => [k, all[k] ?? null]));
  return {
    getDeal: async (id, props) => {
      const d = deals.get(id);
      return d ? { id, properties: pick(d, props) } : undefined;
    },
    updateDeal: async (id, props) => {
      Object.assign(deals.get(id) ?? {}, props);
    },
    createDeal: async () => ({ id: '1' }),
    listDealsInStages: async ({ stageIds, properties, limit }) => ({
      deals: [...deals.entries()]
        .filter(([, d]) => stageIds.includes(d.dealstage ?? ''))
        .slice(0, limit)
        .map(([id, d]) => ({ id, properties: pick(d, properties) })),
    }),
    listSubmittedDealsModifiedSince: async () => ({ deals: [] }),
    readPropertyHistory: async () => new Map(),
    findDealByProperty: async () => undefined,
    getAssociatedCompany: async (id): Promise<DealRecord> => ({
      id: `c${id}`,
      properties: {
        name: 'Fictional Agency',
        website: 'https://agency.example.gov',
        country: 'US',
      },
    }),
    getAssociatedContacts: async () => [],
    getOwner: async () => undefined,
  };
};

const message = (dealId: string, i: number): QueueMessageV1 => ({
  v: 1,
  kind: 'submit',
  dealId,
  portalId: '123456',
  eventId: String(i + 1),
  occurredAt: 1_790_000_000_000 + i,
  propertyName: 'dealstage',
  propertyValue: SUBMIT_STAGE,
  catalog: 'Sandbox',
  receivedAt: '2026-11-23T12:00:00.000Z',
  correlationId: `bench-${i}`,
});

export async function run(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const submissions = options.quick ? 20 : 100;
  const scaleArg = process.argv.find((a) => a.startsWith('--time-scale='));
  const timeScale = scaleArg ? Number(scaleArg.slice(13)) : 2;
  const realSleep = (simMs: number) =>
    new Promise<void>((r) => setTimeout(r, Math.max(0, simMs / timeScale)));
  const clock = makeSimClock({ timeScale, start: Date.parse('2026-11-23T12:00:00Z') });
  const sim = await startPartnerCentralSimulator({ clock, taskDurationMs: 0, seed: 'bench' });
  const ddb = await startLocalDynamo({ warn: () => undefined });
  try {
    const aws = makeAwsClients({
      region: 'us-east-1',
      endpoints: { dynamodb: ddb.endpoint, partnercentral: sim.endpoint },
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
      maxAttempts: 1,
    });
    const raw = aws.dynamodb();
    for (const name of ['bench-sync-state', 'bench-entity-mappings', 'bench-audit'])
      await raw.send(new CreateTableCommand(tableDefinition(name)));
    const doc = aws.documentClient();
    const pacing = { doc, tableName: 'bench-sync-state', now: () => clock.now(), sleep: realSleep };
    const write = makeQuotaLimiter('aceWrite', {
      ...pacing,
      spec: ACE_PACING.write,
      maxWaitMs: 120_000,
    });
    const read = makeQuotaLimiter('aceRead', {
      ...pacing,
      spec: ACE_PACING.read,
      maxWaitMs: 120_000,
    });
    const solution = sim
      .inspect()
      .catalogs.Sandbox.solutions.find((s) => (s as { Status?: string }).Status === 'Active') as {
      Id: string;
    };
    const deps: SubmitterDeps = {
      ace: makeAceClient({
        client: aws.partnerCentral(),
        catalog: 'Sandbox',
        gates: { read: () => read.acquire(), write: () => write.acquire() },
        sleep: realSleep,
      }),
      repo: makeAceSubmissionRepo({
        doc,
        tableName: 'bench-entity-mappings',
        now: () => clock.now(),
      }),
      deals: makeDeals(submissions),
      audit: makeAuditLog({ doc, tableName: 'bench-audit' }),
      alerts: { publish: async () => undefined },
      logger: quiet,
      metrics: { count: () => undefined },
      settings: {
        catalog: 'Sandbox',
        pipelineId: 'bench',
        referralStageId: 'bench-referral',
        submitStageIds: [SUBMIT_STAGE],
        stageIds: {
          submitted: 's1',
          inReview: 's2',
          approved: 's3',
          actionRequired: 's4',
          closedLost: 's5',
          closedWon: 's6',
        },
        awsAccountId: '111122223333',
        defaultSolutionId: solution.Id,
        involvementType: 'Co-Sell',
        visibility: 'Full',
      },
      now: () => clock.now(),
      newToken: randomUUID,
    };
    const submit = makeSubmitOpportunity(deps);
    const queue = Array.from({ length: submissions }, (_, i) => ({
      msg: message(String(50_001 + i), i),
      receives: 0,
    }));
    const dlq: { code: string }[] = [];
    let submitted = 0;
    const simStart = clock.now();
    const realStart = performance.now();
    const consumer = async () => {
      for (;;) {
        const item = queue.shift();
        if (!item) return;
        item.receives += 1;
        try {
          const out = await submit(item.msg, { receiveCount: item.receives });
          if (out.status === 'submitted' || out.status === 'already-submitted') submitted += 1;
        } catch (err) {
          const code = (err as { code?: string }).code ?? (err as Error).name;
          if (item.receives >= MAX_RECEIVES) dlq.push({ code });
          else queue.push(item);
        }
      }
    };
    await Promise.all(Array.from({ length: CONSUMERS }, consumer));
    const simSeconds = (clock.now() - simStart) / 1000;
    const realSeconds = (performance.now() - realStart) / 1000;
    const counters = sim.counters();
    const accepted = WRITE_OPS.reduce(
      (n, op) => n + (counters.calls[op] ?? 0) - (counters.throttles.byOperation[op] ?? 0),
      0
    );
    const ratio = accepted / simSeconds;
    const dlqThrottles = dlq.filter(
      (d) => d.code === 'ACE_THROTTLED' || d.code === 'THROTTLED'
    ).length;
    raw.destroy();
    doc.destroy();
    return [
      {
        name: `ace submit: ${submissions} submissions, ${CONSUMERS} consumers, writes/s vs 1/s quota`,
        value: Math.round(ratio * 1000) / 1000,
        unit: 'ratio',
        target: '>= 0.9',
        pass: ratio >= 0.9,
        note: `${accepted} writes in ${simSeconds.toFixed(1)} simulated s (${realSeconds.toFixed(1)} s real, time x${timeScale})`,
      },
      {
        name: 'ace submit: ThrottlingExceptions that reached the DLQ',
        value: dlqThrottles,
        unit: 'messages',
        target: '0',
        pass: dlqThrottles === 0,
        note: `${dlq.length} message(s) dead-lettered in total; ${submitted}/${submissions} submitted`,
      },
      {
        name: 'ace submit: ThrottlingExceptions answered by AWS (retried)',
        value: counters.throttles.quota + counters.throttles.injected,
        unit: 'responses',
        note: 'edge throttles from latency jitter, amplified by the time compression',
      },
      {
        name: 'ace submit: peak RSS',
        value: Math.round(process.resourceUsage().maxRSS / 1024),
        unit: 'MiB',
      },
    ];
  } finally {
    await sim.stop();
    await ddb.stop();
  }
}

const isMain = process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  run({ quick: process.argv.includes('--quick') }).then(
    (rows) => {
      for (const r of rows)
        process.stdout.write(
          `${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}${r.pass === false ? ', MISS' : ''})` : ''}${r.note ? ` - ${r.note}` : ''}\n`
        );
    },
    (err: Error) => {
      process.stderr.write(`bench ace: ${err.message}\n`);
      process.exit(1);
    }
  );
}
