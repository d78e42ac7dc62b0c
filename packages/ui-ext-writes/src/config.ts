// The only reader of the environment for the writes Lambda (CONVENTIONS §9). A bad deploy fails at cold
// start with one line naming every bad variable.
import {
  type Catalog,
  env,
  HUBSPOT_API_BASE_URL,
  HUBSPOT_ID,
  loadEnv,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

/** Environment variable names (Terraform sets them; see README). */
export const ENV = {
  catalog: 'ACE_CATALOG',
  entityMappingsTable: 'ENTITY_MAPPINGS_TABLE',
  syncStateTable: 'SYNC_STATE_TABLE',
  auditTable: 'AUDIT_TABLE',
  alertsTopicArn: 'ALERTS_TOPIC_ARN',
  signingSecretArn: 'HUBSPOT_SIGNING_SECRET_ARN',
  hubspotTokenSecretArn: 'HUBSPOT_TOKEN_SECRET_ARN',
  hubspotBaseUrl: 'HUBSPOT_BASE_URL',
  publicUiBaseUrl: 'PUBLIC_UI_BASE_URL',
  appId: 'HUBSPOT_APP_ID',
  pipelineId: 'PIPELINE_ID',
  triggerStageIds: 'TRIGGER_STAGE_ID',
  referralStageId: 'REFERRAL_STAGE_ID',
  awsAccountId: 'AWS_ACCOUNT_ID_FOR_ACE',
  solutionId: 'ACE_SOLUTION_ID',
  submitQueueUrl: 'SUBMIT_QUEUE_URL',
} as const;

const STAGE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const table = () => env.string().check(z.regex(TABLE_NAME, 'must be a DynamoDB table name'));
const stageId = () =>
  env.string().check(z.regex(STAGE_ID, 'must be a HubSpot pipeline or stage id'));

const schema = z.object({
  [ENV.catalog]: env.catalog(),
  [ENV.entityMappingsTable]: table(),
  [ENV.syncStateTable]: table(),
  [ENV.auditTable]: table(),
  [ENV.alertsTopicArn]: env.arn(),
  [ENV.signingSecretArn]: env.arn(),
  [ENV.hubspotTokenSecretArn]: env.arn(),
  [ENV.hubspotBaseUrl]: z._default(env.url(), HUBSPOT_API_BASE_URL),
  [ENV.publicUiBaseUrl]: env.url(),
  [ENV.appId]: env.string().check(z.regex(HUBSPOT_ID, 'must be a numeric HubSpot app id')),
  [ENV.pipelineId]: stageId(),
  [ENV.triggerStageIds]: env
    .list()
    .check(z.refine((ids) => ids.every((id) => STAGE_ID.test(id)), 'must list HubSpot stage ids')),
  [ENV.referralStageId]: stageId(),
  [ENV.awsAccountId]: z
    .string({ error: 'is required (the 12-digit AWS account linked to Partner Central)' })
    .check(z.regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id')),
  [ENV.solutionId]: z.optional(
    z.string().check(z.regex(/^S-[0-9]{1,19}$/, 'must be a Partner Central solution id (S-digits)'))
  ),
  [ENV.submitQueueUrl]: env.queueUrl(),
});

/** The writes Lambda's validated configuration. */
export interface WritesConfig {
  catalog: Catalog;
  tables: { entityMappings: string; syncState: string; audit: string };
  alertsTopicArn: string;
  signingSecretArn: string;
  hubspotTokenSecretArn: string;
  hubspotBaseUrl: string;
  /** Public URL prefix HubSpot calls, e.g. `https://api.example.com/ui-extension`. */
  publicUiBaseUrl: string;
  appId: string;
  pipelineId: string;
  /** The first id is the stage Submit moves a deal to; all of them count as "submitting". */
  triggerStageIds: readonly string[];
  referralStageId: string;
  /** The partner's AWS account: a referral addressed to another account is refused. */
  awsAccountId: string;
  defaultSolutionId: string | undefined;
  /** The submit queue: an accepted referral is handed to ace-submitter there (ADR 0007). */
  submitQueueUrl: string;
}

/**
 * Reads and validates the environment once (module scope in the handler).
 * @example const config = loadWritesConfig(process.env);
 */
export const loadWritesConfig = (
  source: Readonly<Record<string, string | undefined>>
): Readonly<WritesConfig> => {
  const e = loadEnv(schema, source, 'ui-ext-writes');
  return Object.freeze({
    catalog: e[ENV.catalog],
    tables: {
      entityMappings: e[ENV.entityMappingsTable],
      syncState: e[ENV.syncStateTable],
      audit: e[ENV.auditTable],
    },
    alertsTopicArn: e[ENV.alertsTopicArn],
    signingSecretArn: e[ENV.signingSecretArn],
    hubspotTokenSecretArn: e[ENV.hubspotTokenSecretArn],
    hubspotBaseUrl: e[ENV.hubspotBaseUrl],
    publicUiBaseUrl: e[ENV.publicUiBaseUrl],
    appId: e[ENV.appId],
    pipelineId: e[ENV.pipelineId],
    triggerStageIds: Object.freeze([...e[ENV.triggerStageIds]]),
    referralStageId: e[ENV.referralStageId],
    awsAccountId: e[ENV.awsAccountId],
    defaultSolutionId: e[ENV.solutionId],
    submitQueueUrl: e[ENV.submitQueueUrl],
  });
};
