// Composition root of the reads Lambda (GET /ui-extension/{config,solutions,aws-products}).
import {
  awsOptionsFromEnv,
  createLogger,
  documentClient,
  makeCardHandler,
  makeCardReplayGuard,
  makeCardRequestGate,
  makeSecretsStore,
  parseRotatingSecret,
  partnerCentralClient,
  secretsInOrder,
  secretsManagerClient,
} from '@govwin-ace/shared-core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { loadReadsConfig } from '../config';
import { makeReadRoutes } from '../reads';
import { READ_ROUTES } from '../routes';
import { makeSolutionsSource } from '../solutions';

const config = loadReadsConfig(process.env);
const logger = createLogger({ serviceName: 'ui-ext-reads' });
const awsOptions = awsOptionsFromEnv(process.env);
const secrets = makeSecretsStore({ client: secretsManagerClient(awsOptions) });
const replay = makeCardReplayGuard({
  doc: documentClient(awsOptions),
  tableName: config.entityMappingsTable,
});

const core = makeCardHandler({
  gate: makeCardRequestGate({
    routes: READ_ROUTES,
    publicBaseUrl: config.publicUiBaseUrl,
    appId: config.appId,
    loadSigningSecrets: async () =>
      secretsInOrder(parseRotatingSecret(await secrets.getString(config.signingSecretArn))),
    replay,
  }),
  handlers: makeReadRoutes({
    config,
    solutions: makeSolutionsSource({
      client: partnerCentralClient(awsOptions),
      catalog: config.catalog,
    }),
  }),
  replay,
  logger,
});

export const handler = (event: APIGatewayProxyEventV2, context: Context) =>
  core(event, { awsRequestId: context.awsRequestId });
