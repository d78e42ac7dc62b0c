import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  type Catalog,
  ensureHubSpotSchema,
  govwinHubSpotSchema,
  makeAwsClients,
  makeHttpClient,
  makeHubSpotClient,
  TABLES,
  tableDefinition,
} from '@govwin-ace/shared-core';
import { type LocalDynamo, startLocalDynamo } from '@govwin-ace/shared-core/testing';
import { GOVWIN_PIPELINE_LABEL } from '../fixtures/index';
import type { FaultConfig } from '../simulators/common/fault-injector';
import { makeSimClock, type SimClock } from '../simulators/common/sim-clock';
import {
  type GovWinSimulator,
  type GovWinSimulatorOptions,
  startGovWinSimulator,
} from '../simulators/govwin/govwin-simulator';
import {
  type HubSpotSimulator,
  type HubSpotSimulatorOptions,
  startHubSpotSimulator,
} from '../simulators/hubspot/hubspot-simulator';
import {
  type PartnerCentralSimulator,
  type PartnerCentralSimulatorOptions,
  startPartnerCentralSimulator,
} from '../simulators/partner-central/index';
import { asyncFailureRecord, type BusEvent, type EventBus, makeEventBus } from './event-bus';
import { type GatewayRoute, startHttpGateway } from './http-gateway';
import {
  asyncFailureQueueName,
  isAvailable,
  LAMBDAS,
  type LambdaSpec,
  LOCAL_PREFIX,
  LOCAL_QUEUES,
  type LocalQueueName,
  MAX_RECEIVE_COUNT,
} from './lambda-catalog';
import { type LoadedLambda, loadLambda } from './lambda-invoker';
import { LocalAws } from './local-aws-server';
import {
  buildLocalEnvironment,
  type LocalInfrastructure,
  type LocalSecretName,
  localSecretValues,
  resolveLocalPipeline,
} from './local-environment';
import { makeQueueConsumer, type QueueConsumer } from './queue-consumer';

/** Faults the simulators inject (see each simulator's FaultConfig). */
export interface StackFaults {
  govwin?: FaultConfig;
  hubspot?: FaultConfig;
  partnerCentral?: FaultConfig;
  /** Probability that a Partner Central EventBridge event is lost. */
  eventDropRate?: number;
}

export interface LocalStackOptions {
  seed?: number;
  /** Opportunities GovWin holds (default 12). */
  opportunityCount?: number;
  catalog?: Catalog;
  faults?: StackFaults;
  /** Port of the local HTTP API (default: a free one). */
  apiPort?: number;
  /** Visibility timeout of the local queues, one for all or per queue (default 500 ms so retries show up quickly). */
  visibilityTimeoutMs?: number | Partial<Record<LocalQueueName, number>>;
  /** Simulated time per real time for the simulators' quotas and reviews (default 1). */
  timeScale?: number;
  preferDynalite?: boolean;
  warn?: (message: string) => void;
  /** Extra simulator options (a review script, rate limits, ...); the stack's own settings win. */
  simulators?: {
    govwin?: Partial<GovWinSimulatorOptions>;
    hubspot?: Partial<HubSpotSimulatorOptions>;
    partnerCentral?: Partial<PartnerCentralSimulatorOptions>;
  };
  /** Extra or overriding Lambda environment variables (e.g. `LOG_LEVEL` for a soak's log scan). */
  env?: Readonly<Record<string, string>>;
  /** The event bus's waits before each retry of a failed delivery, in real ms (default 6 s, then 12 s). */
  eventRetryDelaysMs?: readonly number[];
  /** Wraps every Lambda invocation (the soak's crash injection); used by every trigger and runScheduled. */
  wrapInvoke?: (spec: LambdaSpec, invoke: LambdaInvoke) => LambdaInvoke;
}

/** Invokes one loaded Lambda with an event. */
export type LambdaInvoke = (event: unknown) => Promise<unknown>;

/** A running local pipeline: infrastructure, simulators, and the deployed handler modules wired to triggers. */
export interface LocalStack {
  env: Readonly<Record<string, string>>;
  infra: LocalInfrastructure;
  aws: LocalAws;
  dynamo: LocalDynamo;
  govwin: GovWinSimulator;
  hubspot: HubSpotSimulator;
  partnerCentral: PartnerCentralSimulator;
  bus: EventBus;
  clock: SimClock;
  apiUrl: string;
  lambdas: ReadonlyMap<string, LoadedLambda>;
  unavailable: readonly LambdaSpec[];
  /** The SQS event-source mappings by Lambda name (for callers that poll with their own concurrency). */
  consumers: ReadonlyMap<string, QueueConsumer>;
  /** Invokes a scheduled Lambda once (EventBridge Scheduler stand-in). Undefined when not available. */
  runScheduled: (name: string) => Promise<unknown>;
  /** Polls queues, waits for webhooks and events, until nothing moves (or `maxRounds`). */
  settle: (options?: { maxRounds?: number; maxWaitMs?: number }) => Promise<void>;
  queueDepths: () => Record<string, { visible: number; inFlight: number; total: number }>;
  stop: () => Promise<void>;
}

const scheduledEvent = (spec: LambdaSpec, now: number): BusEvent => ({
  version: '0',
  id: crypto.randomUUID(),
  source: 'aws.scheduler',
  'detail-type': 'Scheduled Event',
  account: '000000000000',
  time: new Date(now).toISOString(),
  region: 'us-east-1',
  resources: [`arn:aws:scheduler:us-east-1:000000000000:schedule/default/${spec.name}`],
  detail: {},
});

/** The app's webhook subscription manifest (what installing the HubSpot app subscribes to). */
const WEBHOOK_MANIFEST = new URL(
  '../../../hubspot-app/src/app/webhooks/webhooks-hsmeta.json',
  import.meta.url
);

/**
 * The manifest's deal property subscriptions, activated (the manifest ships them inactive; an operator turns them
 * on after install), in the simulator's subscription shape.
 */
export const installedWebhookSubscriptions = async () => {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(WEBHOOK_MANIFEST, 'utf8')) as {
    config: {
      subscriptions: {
        crmObjects: { subscriptionType: string; objectType: string; propertyName?: string }[];
      };
    };
  };
  return manifest.config.subscriptions.crmObjects
    .filter(
      (s) =>
        s.subscriptionType === 'object.propertyChange' && s.objectType === 'deal' && s.propertyName
    )
    .map((s, i) => ({
      id: 2000 + i,
      subscriptionType: 'deal.propertyChange',
      propertyName: s.propertyName as string,
      active: true,
    }));
};

/**
 * Prepares the simulated portal exactly as an operator's `govwin-ace setup-hubspot` does (same schema, same
 * client), then resolves the stage ids the Lambdas are configured with.
 */
const setUpHubSpot = async (hubspot: HubSpotSimulator) => {
  const client = makeHubSpotClient({
    http: makeHttpClient({ allowedHosts: [new URL(hubspot.url).hostname] }),
    baseUrl: hubspot.url,
    accessToken: async () => hubspot.accessToken,
  });
  await ensureHubSpotSchema(client, govwinHubSpotSchema(GOVWIN_PIPELINE_LABEL));
  return resolveLocalPipeline(hubspot.url, hubspot.accessToken, GOVWIN_PIPELINE_LABEL);
};

/**
 * Starts the whole pipeline on this machine: DynamoDB Local with the real table definitions, local
 * SQS/SNS/Secrets Manager, the three protocol simulators, the HTTP API, the event bus, and every
 * handler module that exists, configured through the same environment variables Terraform sets.
 */
export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const seed = options.seed ?? 1;
  const catalog = options.catalog ?? 'Sandbox';
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  try {
    const dynamo = await startLocalDynamo({
      ...(options.preferDynalite ? { preferDynalite: true } : {}),
      ...(options.warn ? { warn: options.warn } : {}),
    });
    stoppers.push(dynamo.stop);
    const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' };
    const prefix = LOCAL_PREFIX;
    const admin = makeAwsClients({
      region: 'us-east-1',
      endpoints: { dynamodb: dynamo.endpoint },
      credentials,
    });
    const ddb = admin.dynamodb();
    const tables = {
      syncState: `${prefix}-${TABLES.syncState}`,
      entityMappings: `${prefix}-${TABLES.entityMappings}`,
      audit: `${prefix}-${TABLES.audit}`,
    };
    for (const name of Object.values(tables))
      await ddb.send(new CreateTableCommand(tableDefinition(name)));
    ddb.destroy();

    const clock = makeSimClock({ timeScale: options.timeScale ?? 1 });
    const aws = new LocalAws({ accountId: '000000000000' });
    await aws.start();
    stoppers.push(() => aws.stop());
    const visibility = options.visibilityTimeoutMs;
    const queueUrls: Record<string, string> = {};
    for (const q of LOCAL_QUEUES) {
      queueUrls[`${q}-dlq`] = aws.createQueue(`${q}-dlq`);
      queueUrls[q] = aws.createQueue(q, {
        visibilityTimeoutMs: (typeof visibility === 'number' ? visibility : visibility?.[q]) ?? 500,
        maxReceiveCount: MAX_RECEIVE_COUNT,
        dlq: `${q}-dlq`,
      });
    }
    // The on-failure destination of each function the event bus invokes (`asyncFailureRecord` after the last
    // attempt), keyed `<function>-async-dlq` as Terraform's `<prefix>-<function>-async-dlq`.
    const asyncFailureQueues = new Map<string, string>();
    for (const spec of LAMBDAS.filter((l) => l.trigger.kind === 'eventbridge')) {
      const name = asyncFailureQueueName(spec);
      queueUrls[`${spec.name}-async-dlq`] = aws.createQueue(name);
      asyncFailureQueues.set(spec.name, name);
    }
    const alertsTopicArn = aws.createTopic('local-alerts');

    const govwin = await startGovWinSimulator({
      ...options.simulators?.govwin,
      seed,
      clock,
      opportunityCount: options.opportunityCount ?? 12,
      ...(options.faults?.govwin ? { faults: options.faults.govwin } : {}),
    });
    stoppers.push(() => govwin.stop());
    const hubspot = await startHubSpotSimulator({
      ...options.simulators?.hubspot,
      seed,
      clock,
      ...(options.faults?.hubspot ? { faults: options.faults.hubspot } : {}),
    });
    stoppers.push(() => hubspot.stop());
    const partnerCentral = await startPartnerCentralSimulator({
      ...options.simulators?.partnerCentral,
      seed,
      clock,
      // The partner's account: what AWS_ACCOUNT_ID_FOR_ACE names, so the events handler accepts the events.
      accountId: aws.accountId,
      ...(options.faults?.partnerCentral ? { faults: options.faults.partnerCentral } : {}),
      ...(options.faults?.eventDropRate !== undefined
        ? { eventDropRate: options.faults.eventDropRate }
        : {}),
    });
    stoppers.push(() => partnerCentral.stop());

    const bus = makeEventBus({
      ...(options.eventRetryDelaysMs ? { retryDelaysMs: options.eventRetryDelaysMs } : {}),
      onDeadLetter: (d) => {
        const queue = asyncFailureQueues.get(d.rule);
        if (!queue) return;
        const record = asyncFailureRecord(d, `${prefix}-${d.rule}`, aws.accountId, clock.now());
        aws.queue(queue).send(JSON.stringify(record));
      },
    });
    const unsubscribe = partnerCentral.onEvent((event) => {
      bus.publish(event as unknown as BusEvent);
    });
    stoppers.push(async () => unsubscribe());

    // The API must listen before the environment is built: the webhook URL is part of it.
    const routes: GatewayRoute[] = [];
    const gateway = await startHttpGateway({
      routes,
      ...(options.apiPort !== undefined ? { port: options.apiPort } : {}),
    });
    stoppers.push(gateway.stop);

    const infra: LocalInfrastructure = {
      catalog,
      dynamodbEndpoint: dynamo.endpoint,
      awsEndpoint: aws.url,
      partnerCentralEndpoint: partnerCentral.endpoint,
      govwinBaseUrl: govwin.baseUrl,
      hubspotBaseUrl: hubspot.url,
      apiUrl: gateway.url,
      tables,
      queueUrls,
      alertsTopicArn,
      secretArns: {},
      hubspot: { appId: String(hubspot.appId), portalId: String(hubspot.portalId) },
      pipeline: await setUpHubSpot(hubspot),
    };
    const secrets = localSecretValues({
      hubspotClientSecret: hubspot.clientSecret,
      hubspotAccessToken: hubspot.accessToken,
      govwin: govwin.credentials,
    });
    for (const [name, value] of Object.entries(secrets) as [LocalSecretName, string][]) {
      infra.secretArns[name] = aws.putSecret(`local-${name}`, value);
    }
    const finalEnv = { ...buildLocalEnvironment(infra), ...options.env };
    Object.assign(process.env, finalEnv);

    // HubSpot signs the URL it calls; locally that is the gateway itself (PUBLIC_WEBHOOK_URL).
    const webhookUrl = `${gateway.url}/hubspot/webhooks`;
    hubspot.configureWebhooks({
      targetUrl: webhookUrl,
      signedUri: webhookUrl,
      subscriptions: await installedWebhookSubscriptions(),
    });

    const lambdas = new Map<string, LoadedLambda>();
    const unavailable: LambdaSpec[] = [];
    const consumers: QueueConsumer[] = [];
    const consumersByLambda = new Map<string, QueueConsumer>();
    const invokers = new Map<string, LambdaInvoke>();
    for (const spec of LAMBDAS) {
      if (!isAvailable(spec)) {
        unavailable.push(spec);
        continue;
      }
      const lambda = await loadLambda(spec);
      lambdas.set(spec.name, lambda);
      const invoke = options.wrapInvoke ? options.wrapInvoke(spec, lambda.invoke) : lambda.invoke;
      invokers.set(spec.name, invoke);
      const t = spec.trigger;
      if (t.kind === 'http') {
        for (const r of t.routes)
          routes.push({
            method: r.method,
            path: r.path,
            invoke: async (e) => invoke(e) as never,
          });
      } else if (t.kind === 'sqs') {
        const consumer = makeQueueConsumer({
          queue: aws.queue(t.queue),
          invoke,
          batchSize: t.batchSize,
        });
        consumers.push(consumer);
        consumersByLambda.set(spec.name, consumer);
      } else if (t.kind === 'eventbridge') {
        bus.addRule({
          name: spec.name,
          pattern: { source: [t.source], detail: { catalog: [catalog] } },
          target: async (event) => void (await invoke(event)),
        });
      }
    }

    const settle: LocalStack['settle'] = async ({ maxRounds = 500, maxWaitMs = 60_000 } = {}) => {
      const deadline = Date.now() + maxWaitMs;
      for (let round = 0; round < maxRounds && Date.now() < deadline; round += 1) {
        let moved = 0;
        for (const c of consumers) {
          const r = await c.pollOnce();
          moved += r.received;
        }
        await hubspot.webhooksIdle();
        partnerCentral.tick();
        await bus.drain();
        // Webhooks and events delivered just now may have enqueued work: poll again before giving up.
        if (moved > 0 || consumers.some((c) => c.queue.depth().visible > 0)) continue;
        const waits = consumers
          .map((c) => c.queue.nextVisibleInMs())
          .filter((w): w is number => w !== undefined);
        if (waits.length === 0 && bus.stats().inFlight === 0) return;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(50, ...waits.map((w) => w + 1)))
        );
      }
    };

    return {
      env: finalEnv,
      infra,
      aws,
      dynamo,
      govwin,
      hubspot,
      partnerCentral,
      bus,
      clock,
      apiUrl: gateway.url,
      lambdas,
      unavailable,
      consumers: consumersByLambda,
      runScheduled: async (name) => {
        const lambda = lambdas.get(name);
        const invoke = invokers.get(name);
        if (!lambda || !invoke) return undefined;
        return invoke(scheduledEvent(lambda.spec, clock.now()));
      },
      settle,
      queueDepths: () =>
        Object.fromEntries([...aws.queues.entries()].map(([n, q]) => [n, q.depth()])),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
};
