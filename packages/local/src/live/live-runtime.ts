// The part of the local runtime a live run needs once it is confirmed: local SQS/SNS/Secrets Manager with
// the secrets seeded from the environment, the Lambda environment Terraform would set (pointing GovWin,
// HubSpot and Partner Central at the real endpoints), and the four deployed handler modules a live run
// drives: the GovWin orchestrator and worker, the ACE submit consumer and reconcile.
import { randomUUID } from 'node:crypto';
import { makeEnqueue } from '@govwin-ace/hubspot-webhook-receiver';
import { makeAwsClients } from '@govwin-ace/shared-core';
import {
  isAvailable,
  LAMBDAS,
  type LambdaSpec,
  MAX_RECEIVE_COUNT,
} from '../runtime/lambda-catalog';
import { type LoadedLambda, loadLambda } from '../runtime/lambda-invoker';
import { LocalAws } from '../runtime/local-aws-server';
import {
  buildLocalEnvironment,
  type LocalInfrastructure,
  type LocalPipeline,
  type LocalSecretName,
  localSecretValues,
} from '../runtime/local-environment';
import { makeQueueConsumer, type QueueConsumer } from '../runtime/queue-consumer';
import type { LiveConfig } from './live-config';
import { LiveSetupError } from './live-discovery';
import type { LiveState } from './live-state';

/** The handlers a live run loads, with the timeouts terraform/stack/lambdas.tf gives them. */
export const LIVE_LAMBDAS = {
  orchestrator: { name: 'govwin-poller-orchestrator', timeoutMs: 600_000 },
  worker: { name: 'govwin-poller-worker', timeoutMs: 300_000 },
  submit: { name: 'ace-submitter-submit', timeoutMs: 120_000 },
  reconcile: { name: 'ace-submitter-reconcile', timeoutMs: 300_000 },
} as const;

/** The queues a live run drains. */
export type LiveQueue = 'govwin-sync' | 'ace-submit';

/** Short enough that a failing message reaches its DLQ within seconds, not minutes. */
const VISIBILITY_TIMEOUT_MS = 2_000;

/** What draining a queue did. */
export interface DrainResult {
  received: number;
  failed: number;
  /** Invocations that threw (the whole batch was retried). */
  invocationErrors: number;
}

/** The running pieces. */
export interface LiveRuntime {
  env: Readonly<Record<string, string>>;
  aws: LocalAws;
  runScheduled: (which: 'orchestrator' | 'reconcile') => Promise<unknown>;
  /** Polls the queue until it is empty (failures retried, then dead-lettered, as SQS does). */
  drain: (queue: LiveQueue) => Promise<DrainResult>;
  /** Sends submit messages the way the webhook receiver does (SendMessageBatch through the SQS API). */
  enqueueSubmit: (bodies: readonly string[]) => Promise<number>;
  /** Messages sitting in the dead-letter queues. */
  dlqDepth: () => number;
  stop: () => Promise<void>;
}

/**
 * The Lambda environment of a live run: the deployed variable names (buildLocalEnvironment), with no
 * static AWS credentials (the caller's chain signs Partner Central calls; the local stand-ins accept any),
 * and Partner Central on the SDK's default endpoint unless an override was configured.
 */
export const buildLiveEnvironment = (
  config: LiveConfig,
  infra: LocalInfrastructure
): Record<string, string> => {
  const env = buildLocalEnvironment(infra);
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  if (!config.partnerCentral.endpoint) delete env.AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING;
  // Neither the webhook receiver nor the card backends run in a live run.
  delete env.PUBLIC_WEBHOOK_URL;
  delete env.PUBLIC_UI_BASE_URL;
  if (!config.hubspot.appId) delete env.HUBSPOT_APP_ID;
  env.AWS_ACCOUNT_ID_FOR_ACE = config.partnerCentral.accountId;
  env.HUBSPOT_PIPELINE_LABEL = config.hubspot.pipelineLabel;
  env.LOG_LEVEL = 'INFO';
  env.POWERTOOLS_LOG_LEVEL = 'INFO';
  return env;
};

/** Polls until the queue is empty; terminates because every message is received at most
 * MAX_RECEIVE_COUNT times before it moves to its DLQ. */
const drainQueue = async (consumer: QueueConsumer): Promise<DrainResult> => {
  const result: DrainResult = { received: 0, failed: 0, invocationErrors: 0 };
  while (consumer.queue.depth().total > 0) {
    const r = await consumer.pollOnce();
    result.received += r.received;
    result.failed += r.failed;
    if (r.invocationError !== undefined) result.invocationErrors += 1;
    if (r.received === 0) {
      const wait = consumer.queue.nextVisibleInMs() ?? 50;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, wait + 1)));
    }
  }
  return result;
};

/** The event EventBridge Scheduler sends a scheduled Lambda. */
const scheduledEvent = (name: string, account: string) => ({
  version: '0',
  id: randomUUID(),
  source: 'aws.scheduler',
  'detail-type': 'Scheduled Event',
  account,
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: [`arn:aws:scheduler:us-east-1:${account}:schedule/default/${name}`],
  detail: {},
});

/** Seeds the local Secrets Manager in the shapes the handlers parse; returns the ARNs. */
const seedSecrets = (aws: LocalAws, config: LiveConfig): LocalInfrastructure['secretArns'] => {
  const secretArns: LocalInfrastructure['secretArns'] = {};
  const secrets = localSecretValues({
    hubspotClientSecret: config.hubspot.clientSecret?.reveal() ?? '',
    hubspotAccessToken: config.hubspot.accessToken.reveal(),
    govwin: {
      clientId: config.govwin.clientId.reveal(),
      clientSecret: config.govwin.clientSecret.reveal(),
      username: config.govwin.username.reveal(),
      password: config.govwin.password.reveal(),
    },
  });
  for (const [name, value] of Object.entries(secrets) as [LocalSecretName, string][])
    secretArns[name] = aws.putSecret(`live-${name}`, value);
  return secretArns;
};

const specOf = (name: string): LambdaSpec => {
  const spec = LAMBDAS.find((s) => s.name === name);
  if (!spec || !isAvailable(spec))
    throw new LiveSetupError(`the ${name} handler is not available in this version`);
  return spec;
};

/**
 * Starts the local stand-ins, seeds the secrets, sets the Lambda environment in `process.env` (handlers
 * read it once, at import) and loads the handlers.
 */
export const startLiveRuntime = async (
  config: LiveConfig,
  state: LiveState,
  pipeline: LocalPipeline
): Promise<LiveRuntime> => {
  const aws = new LocalAws({ accountId: config.partnerCentral.accountId });
  await aws.start();
  try {
    const queueUrls: Record<string, string> = {};
    for (const q of ['govwin-sync', 'ace-submit', 'ace-update'] as const) {
      queueUrls[`${q}-dlq`] = aws.createQueue(`${q}-dlq`);
      queueUrls[q] = aws.createQueue(q, {
        visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS,
        maxReceiveCount: MAX_RECEIVE_COUNT,
        dlq: `${q}-dlq`,
      });
    }
    const env = buildLiveEnvironment(config, {
      catalog: config.catalog,
      dynamodbEndpoint: state.endpoint,
      awsEndpoint: aws.url,
      partnerCentralEndpoint: config.partnerCentral.endpoint ?? '',
      govwinBaseUrl: config.govwin.baseUrl,
      hubspotBaseUrl: config.hubspot.baseUrl,
      apiUrl: 'http://127.0.0.1',
      tables: state.tables,
      queueUrls,
      alertsTopicArn: aws.createTopic('live-alerts'),
      secretArns: seedSecrets(aws, config),
      hubspot: { appId: config.hubspot.appId ?? '', portalId: config.hubspot.portalId },
      pipeline,
    });
    Object.assign(process.env, env);

    const loaded = new Map<string, LoadedLambda>();
    for (const { name, timeoutMs } of Object.values(LIVE_LAMBDAS))
      loaded.set(name, await loadLambda(specOf(name), { timeoutMs }));
    const lambda = (name: string) => loaded.get(name) as LoadedLambda;
    const consumers: Record<LiveQueue, QueueConsumer> = {
      'govwin-sync': makeQueueConsumer({
        queue: aws.queue('govwin-sync'),
        invoke: lambda(LIVE_LAMBDAS.worker.name).invoke,
        batchSize: 1,
      }),
      'ace-submit': makeQueueConsumer({
        queue: aws.queue('ace-submit'),
        invoke: lambda(LIVE_LAMBDAS.submit.name).invoke,
        batchSize: 1,
      }),
    };
    const sqs = makeAwsClients({
      region: 'us-east-1',
      endpoints: { sqs: aws.url },
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    }).sqs();
    const enqueue = makeEnqueue({ sqs });

    return {
      env,
      aws,
      runScheduled: async (which) => {
        const { name } = LIVE_LAMBDAS[which];
        return lambda(name).invoke(scheduledEvent(name, config.partnerCentral.accountId));
      },
      drain: (queue) => drainQueue(consumers[queue]),
      enqueueSubmit: async (bodies) => {
        const out = await enqueue(queueUrls['ace-submit'] as string, 'submit', bodies);
        if (out.failed > 0)
          throw new Error(`${out.failed} submit message(s) could not be queued locally`);
        return out.sent;
      },
      dlqDepth: () =>
        [...aws.queues.entries()]
          .filter(([name]) => name.endsWith('-dlq'))
          .reduce((n, [, q]) => n + q.depth().total, 0),
      stop: async () => {
        sqs.destroy();
        await aws.stop();
      },
    };
  } catch (err) {
    await aws.stop();
    throw err;
  }
};
