// The only reader of the environment for the reads Lambda (CONVENTIONS §9). A bad deploy fails at cold
// start with one line naming every bad variable.
import { type Catalog, env, HUBSPOT_ID, loadEnv } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

/** Environment variable names (Terraform sets them; see README). */
export const ENV = {
  catalog: 'ACE_CATALOG',
  signingSecretArn: 'HUBSPOT_SIGNING_SECRET_ARN',
  entityMappingsTable: 'ENTITY_MAPPINGS_TABLE',
  publicUiBaseUrl: 'PUBLIC_UI_BASE_URL',
  appId: 'HUBSPOT_APP_ID',
  pipelineId: 'PIPELINE_ID',
  triggerStageIds: 'TRIGGER_STAGE_ID',
  referralStageId: 'REFERRAL_STAGE_ID',
} as const;

/** HubSpot pipeline and stage ids: numeric for custom pipelines, slugs such as `default` otherwise. */
export const STAGE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

const stageId = () =>
  env.string().check(z.regex(STAGE_ID, 'must be a HubSpot pipeline or stage id'));

const schema = z.object({
  [ENV.catalog]: env.catalog(),
  [ENV.signingSecretArn]: env.arn(),
  [ENV.entityMappingsTable]: env
    .string()
    .check(z.regex(TABLE_NAME, 'must be a DynamoDB table name')),
  [ENV.publicUiBaseUrl]: env.url(),
  [ENV.appId]: env.string().check(z.regex(HUBSPOT_ID, 'must be a numeric HubSpot app id')),
  [ENV.pipelineId]: stageId(),
  [ENV.triggerStageIds]: env
    .list()
    .check(z.refine((ids) => ids.every((id) => STAGE_ID.test(id)), 'must list HubSpot stage ids')),
  [ENV.referralStageId]: stageId(),
});

/** The reads Lambda's validated configuration. */
export interface ReadsConfig {
  catalog: Catalog;
  signingSecretArn: string;
  /** Only `WHK#` replay rows are written there (the role allows nothing else). */
  entityMappingsTable: string;
  /** Public URL prefix HubSpot calls, e.g. `https://api.example.com/ui-extension`. */
  publicUiBaseUrl: string;
  appId: string;
  pipelineId: string;
  /** The first id is the stage the card moves a deal to on submit. */
  triggerStageIds: readonly string[];
  referralStageId: string;
}

/**
 * Reads and validates the environment once (module scope in the handler).
 * @example const config = loadReadsConfig(process.env);
 */
export const loadReadsConfig = (
  source: Readonly<Record<string, string | undefined>>
): Readonly<ReadsConfig> => {
  const e = loadEnv(schema, source, 'ui-ext-reads');
  return Object.freeze({
    catalog: e[ENV.catalog],
    signingSecretArn: e[ENV.signingSecretArn],
    entityMappingsTable: e[ENV.entityMappingsTable],
    publicUiBaseUrl: e[ENV.publicUiBaseUrl],
    appId: e[ENV.appId],
    pipelineId: e[ENV.pipelineId],
    triggerStageIds: Object.freeze([...e[ENV.triggerStageIds]]),
    referralStageId: e[ENV.referralStageId],
  });
};
