// Purpose: cost per request of the HubSpot webhook receiver core (packages/hubspot-webhook-receiver), in process:
//          signature v3 + replay reservation + JSON parse + per-event schema + routing + queue message build,
//          with fake SQS/SNS that answer at once (their network time is not ours to measure here).
// Usage:   npx tsx scripts/bench/receiver.ts [--quick]     (or through `pnpm bench --only=receiver`)
// Inputs:  none; starts DynamoDB Local (Java) or dynalite for the DynamoDB rows, on a free loopback port.
// Output:  rows of median / p99 per scenario (1 and 100 events; in-memory and local DynamoDB replay store; 100
//          events with the production redacting logger, its lines discarded) and peak RSS. Figures only: nothing
//          here asserts, targets are printed for the reader (issue 5).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  makeDynamoReplayGuard,
  makeInMemoryReplayGuard,
  makeReceiveWebhook,
  type ReceiverConfig,
  type ReceiverLogger,
  type ReplayGuard,
  type SnsPublisher,
  type SqsBatchSender,
  SUBSCRIBED_PROPERTIES,
} from '../../packages/hubspot-webhook-receiver/src/index';
import {
  createLogger,
  makeAwsClients,
  signHubSpotV3,
  tableDefinition,
} from '../../packages/shared-core/src/index';
import { startLocalDynamo } from '../../packages/shared-core/src/testing/index';
import { type BenchRow, percentiles } from './types';

const URL_ = 'https://hooks.example.com/hubspot/webhooks';
const SECRET = 'bench-client-secret';
const CONFIG: ReceiverConfig = {
  publicWebhookUrl: URL_,
  signingSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
  entityMappingsTable: 'bench-entity-mappings',
  submitQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-submit',
  updateQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-update',
  alertsTopicArn: 'arn:aws:sns:us-east-1:123456789012:bench-alerts',
  appId: '3061842',
  triggerStageIds: ['1172538401'],
  catalog: 'Sandbox',
};

const sqs: SqsBatchSender = {
  send: async (c) => ({
    Successful: (c.input.Entries ?? []).map((e) => ({
      Id: e.Id,
      MessageId: 'm',
      MD5OfMessageBody: 'x',
    })),
    Failed: [],
    $metadata: {},
  }),
};
const sns: SnsPublisher = { send: async () => ({ $metadata: {} }) };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A realistic delivery: `n` deal property changes, ~450 bytes each (100 events ~ 45 KB). */
const deliveryBody = (n: number, seed: number): string =>
  JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      eventId: seed * 1000 + i,
      subscriptionId: 2462575,
      portalId: 24156720,
      appId: 3061842,
      occurredAt: 1_795_435_200_000 + i,
      subscriptionType: 'object.propertyChange',
      attemptNumber: 0,
      objectId: 18_923_456_701 + i,
      objectTypeId: '0-3',
      propertyName: SUBSCRIBED_PROPERTIES[1 + (i % (SUBSCRIBED_PROPERTIES.length - 2))],
      propertyValue: `Value ${i} `.repeat(18),
      changeSource: 'CRM_UI',
      sourceId: 'userId:88120345',
      isSensitive: false,
    }))
  );

const request = (body: string, timestamp: string): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /hubspot/webhooks',
    rawPath: '/hubspot/webhooks',
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-request-timestamp': timestamp,
      'x-hubspot-signature-v3': signHubSpotV3(
        { method: 'POST', uri: URL_, body, timestamp },
        SECRET
      ),
    },
    requestContext: { http: { method: 'POST', path: '/hubspot/webhooks' } },
    body,
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

/** Times `iterations` distinct signed deliveries (signing happens outside the timed section). */
const measure = async (
  replay: ReplayGuard,
  events: number,
  iterations: number,
  warmup: number,
  logger: ReceiverLogger = quiet
): Promise<{ samples: number[]; cpuMeanUs: number }> => {
  const now = 1_795_435_200_000;
  const receive = makeReceiveWebhook({
    config: CONFIG,
    loadSigningSecrets: async () => [SECRET],
    replay,
    sqs,
    sns,
    logger,
    now: () => now,
  });
  const samples: number[] = [];
  const body = deliveryBody(events, 1);
  const invocation = { awsRequestId: 'c0ffee00-0000-4000-8000-000000000001' };
  let cpuUs = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    // A distinct timestamp per request, so no request is a replay of another.
    const req = request(body, String(now - 200_000 + i));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const res = await receive(req, invocation);
    const elapsed = Number(process.hrtime.bigint() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    if (res.statusCode !== 200) throw new Error(`bench request answered ${res.statusCode}`);
    if (i >= warmup) {
      samples.push(elapsed);
      cpuUs += cpu.user + cpu.system;
    }
  }
  // CPU time is less distorted than wall time when other processes share the cores.
  return { samples, cpuMeanUs: cpuUs / iterations };
};

const rows = (
  label: string,
  { samples, cpuMeanUs }: { samples: number[]; cpuMeanUs: number },
  target?: number,
  unit = 'us'
): BenchRow[] => {
  const p = percentiles(samples);
  const scale = unit === 'ms' ? 1000 : 1;
  const round = (v: number) => Math.round((v / scale) * 100) / 100;
  return [
    {
      name: `${label} (median)`,
      value: round(p.median),
      unit,
      ...(target !== undefined
        ? { target: `<= ${target} ${unit}`, pass: p.median / scale <= target }
        : {}),
      note: `${samples.length} requests`,
    },
    { name: `${label} (p99)`, value: round(p.p99), unit },
    {
      name: `${label} (mean CPU time)`,
      value: round(cpuMeanUs),
      unit,
      note: 'user+system of this process; less sensitive to a busy machine',
    },
  ];
};

/** Runs every receiver scenario and returns the figures. */
export async function run(options: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const n = options.quick ? 0.2 : 1;
  const out: BenchRow[] = [];
  const memory = () =>
    makeInMemoryReplayGuard({ now: () => 1_795_435_200_000, maxEntries: 1_000_000 });
  out.push(
    ...rows(
      'receiver verify+route, 1 event, in-memory store',
      await measure(memory(), 1, 20_000 * n, 2_000),
      15
    ),
    ...rows(
      'receiver verify+route, 100 events, in-memory store',
      await measure(memory(), 100, 2_000 * n, 200),
      200
    )
  );
  // The same with the Lambda's logger (shared-core createLogger: Powertools + redaction). Its cost is the
  // accepted line, which lists every event's ids and outcome; the lines are discarded, not written.
  const write = process.stdout.write;
  let production: Awaited<ReturnType<typeof measure>>;
  try {
    process.stdout.write = (() => true) as typeof process.stdout.write;
    const logger = createLogger({ serviceName: 'hubspot-webhook-receiver', level: 'INFO' });
    production = await measure(memory(), 100, 500 * n, 100, logger);
  } finally {
    process.stdout.write = write;
  }
  out.push(
    ...rows('receiver verify+route, 100 events, in-memory store, redacting logger', production)
  );

  const ddb = await startLocalDynamo({ warn: () => {} });
  try {
    const aws = makeAwsClients({
      region: 'us-east-1',
      endpoints: { dynamodb: ddb.endpoint },
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const tableName = 'bench-entity-mappings';
    const admin = aws.dynamodb();
    await admin.send(new CreateTableCommand(tableDefinition(tableName)));
    admin.destroy();
    const doc = aws.documentClient();
    const dynamo = () => makeDynamoReplayGuard({ doc, tableName, now: () => 1_795_435_200_000 });
    const note = ` (${ddb.engine})`;
    const one = rows(
      `receiver end to end, 1 event, local DynamoDB${note}`,
      await measure(dynamo(), 1, 500 * n, 300),
      undefined,
      'ms'
    );
    const hundred = rows(
      `receiver end to end, 100 events, local DynamoDB${note}`,
      await measure(dynamo(), 100, 300 * n, 50),
      5,
      'ms'
    );
    out.push(...one, ...hundred);
    doc.destroy();
  } finally {
    await ddb.stop();
  }
  out.push({
    name: 'receiver bench peak RSS',
    value: Math.round(process.resourceUsage().maxRSS / 1024),
    unit: 'MiB',
  });
  return out;
}

const invokedDirectly =
  process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === import.meta.url;
if (invokedDirectly) {
  run({ quick: process.argv.includes('--quick') }).then(
    (result) => {
      for (const r of result)
        process.stdout.write(
          `${r.name.padEnd(72)} ${String(r.value).padStart(9)} ${r.unit.padEnd(4)} ${r.target ?? ''} ${r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS'}\n`
        );
    },
    (err: Error) => {
      process.stderr.write(`receiver bench: ${err.message}\n`);
      process.exit(1);
    }
  );
}
