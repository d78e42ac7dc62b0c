// Composition root of the writes Lambda (POST /ui-extension/{submit,update,associations,referral/*}).
import {
  awsOptionsFromEnv,
  makeCardHandler,
  makeCardReplayGuard,
  makeCardRequestGate,
} from '@govwin-ace/shared-core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { loadWritesConfig } from '../config';
import { WRITE_ROUTES } from '../routes';
import { buildWritesRuntime } from '../wiring';
import { makeWriteRoutes } from '../writes';

const config = loadWritesConfig(process.env);
const runtime = buildWritesRuntime(config, awsOptionsFromEnv(process.env));
const replay = makeCardReplayGuard({ doc: runtime.doc, tableName: config.tables.entityMappings });

const core = makeCardHandler({
  gate: makeCardRequestGate({
    routes: WRITE_ROUTES,
    publicBaseUrl: config.publicUiBaseUrl,
    appId: config.appId,
    loadSigningSecrets: runtime.loadSigningSecrets,
    replay,
  }),
  handlers: makeWriteRoutes(runtime.deps),
  replay,
  logger: runtime.logger,
});

export const handler = (event: APIGatewayProxyEventV2, context: Context) =>
  core(event, { awsRequestId: context.awsRequestId });
