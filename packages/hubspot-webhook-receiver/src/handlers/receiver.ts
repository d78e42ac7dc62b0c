// Composition root of the HubSpot webhook receiver (HTTP API `POST /hubspot/webhooks`): config, clients and the
// core are built once per execution environment; each request only runs the core (makeReceiveWebhook).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  awsOptionsFromEnv,
  createLogger,
  createMetrics,
  documentClient,
  type HttpResponse,
  makeSecretsStore,
  secretsManagerClient,
  snsClient,
  sqsClient,
  toHttpErrorResponse,
} from '@govwin-ace/shared-core';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { loadReceiverConfig } from '../config';
import { makeReceiveWebhook } from '../receive-webhook';
import { makeDynamoReplayGuard } from '../replay-guard';
import { makeSigningSecretsLoader } from '../signing-secrets';

const SERVICE = 'hubspot-webhook-receiver';
const config = loadReceiverConfig(process.env); // fails the cold start, naming every bad variable
const logger = createLogger({ serviceName: SERVICE });
const metrics = createMetrics({ serviceName: SERVICE });
const awsOptions = awsOptionsFromEnv(process.env);

const receive = makeReceiveWebhook({
  config,
  loadSigningSecrets: makeSigningSecretsLoader({
    secrets: makeSecretsStore({ client: secretsManagerClient(awsOptions) }),
    secretArn: config.signingSecretArn,
  }),
  replay: makeDynamoReplayGuard({
    doc: documentClient(awsOptions),
    tableName: config.entityMappingsTable,
  }),
  sqs: sqsClient(awsOptions),
  sns: snsClient(awsOptions),
  logger,
  metrics,
});

type Event = APIGatewayProxyEventV2;

/** Flushes the invocation's EMF metrics (one stdout line) whatever the outcome. */
const flushMetrics: MiddlewareObj<Event, HttpResponse> = {
  after: () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
  onError: () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
};

/** Last resort: the core never throws, so this only maps a failure of the middleware chain itself. */
const generic500: MiddlewareObj<Event, HttpResponse, Error, Context> = {
  onError: (request) => {
    logger.error('webhook handler failed', { errorName: request.error?.name ?? 'Error' });
    request.response = toHttpErrorResponse(request.error, request.context.awsRequestId);
  },
};

export const handler = middy<Event, HttpResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics)
  .use(generic500)
  .handler((event, context) => receive(event, context));
