import { type Catalog, env, HUBSPOT_ID, loadEnv } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

/** Environment variable names the receiver reads (Terraform sets them; see README). */
export const ENV = {
  publicWebhookUrl: 'PUBLIC_WEBHOOK_URL',
  signingSecretArn: 'HUBSPOT_SIGNING_SECRET_ARN',
  entityMappingsTable: 'ENTITY_MAPPINGS_TABLE',
  submitQueueUrl: 'SUBMIT_QUEUE_URL',
  updateQueueUrl: 'UPDATE_QUEUE_URL',
  alertsTopicArn: 'ALERTS_TOPIC_ARN',
  appId: 'HUBSPOT_APP_ID',
  triggerStageIds: 'TRIGGER_STAGE_ID',
  catalog: 'ACE_CATALOG',
} as const;

/** HubSpot pipeline stage ids: numeric for custom pipelines, slugs such as `closedwon` for the default one. */
const STAGE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

const schema = z.object({
  [ENV.publicWebhookUrl]: env.url(),
  [ENV.signingSecretArn]: env.arn(),
  [ENV.entityMappingsTable]: env
    .string()
    .check(z.regex(TABLE_NAME, 'must be a DynamoDB table name')),
  [ENV.submitQueueUrl]: env.queueUrl(),
  [ENV.updateQueueUrl]: env.queueUrl(),
  [ENV.alertsTopicArn]: env.arn(),
  [ENV.appId]: env.string().check(z.regex(HUBSPOT_ID, 'must be a numeric HubSpot app id')),
  [ENV.triggerStageIds]: env
    .list()
    .check(
      z.refine(
        (ids) => ids.every((id) => STAGE_ID.test(id)),
        'must be a comma-separated list of HubSpot stage ids ([A-Za-z0-9_-], at most 100 chars each)'
      )
    ),
  [ENV.catalog]: env.catalog(),
});

/** The receiver's validated configuration. */
export interface ReceiverConfig {
  /** The exact URL HubSpot calls (signature v3 covers it); never taken from request headers. */
  publicWebhookUrl: string;
  signingSecretArn: string;
  entityMappingsTable: string;
  submitQueueUrl: string;
  updateQueueUrl: string;
  alertsTopicArn: string;
  /** The integration's HubSpot app id: `sourceId` of its own writes. */
  appId: string;
  /** Stage ids whose `dealstage` changes start a submission. */
  triggerStageIds: readonly string[];
  catalog: Catalog;
}

/**
 * Reads and validates the receiver's environment once (module scope in the handler). Throws one ConfigError
 * naming every bad variable, so a bad deploy fails at cold start rather than mid-request.
 */
export const loadReceiverConfig = (
  source: Readonly<Record<string, string | undefined>>
): Readonly<ReceiverConfig> => {
  const e = loadEnv(schema, source, 'hubspot-webhook-receiver');
  return Object.freeze({
    publicWebhookUrl: e[ENV.publicWebhookUrl],
    signingSecretArn: e[ENV.signingSecretArn],
    entityMappingsTable: e[ENV.entityMappingsTable],
    submitQueueUrl: e[ENV.submitQueueUrl],
    updateQueueUrl: e[ENV.updateQueueUrl],
    alertsTopicArn: e[ENV.alertsTopicArn],
    appId: e[ENV.appId],
    triggerStageIds: Object.freeze([...e[ENV.triggerStageIds]]),
    catalog: e[ENV.catalog],
  });
};
