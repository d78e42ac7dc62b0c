import type { Catalog } from '@govwin-ace/shared-core';

/** Secrets the stack stores in local Secrets Manager (Terraform creates the same, empty, per environment). */
export const LOCAL_SECRETS = [
  'hubspot-signing',
  'hubspot-token',
  'govwin-credentials',
  'govwin-token',
] as const;
export type LocalSecretName = (typeof LOCAL_SECRETS)[number];

/** Everything the local stack created that Lambda environments refer to. */
export interface LocalInfrastructure {
  catalog: Catalog;
  dynamodbEndpoint: string;
  /** Local SQS / SNS / Secrets Manager endpoint. */
  awsEndpoint: string;
  partnerCentralEndpoint: string;
  govwinBaseUrl: string;
  hubspotBaseUrl: string;
  /** The local HTTP API (stands in for the API Gateway invoke URL). */
  apiUrl: string;
  tables: { syncState: string; entityMappings: string; audit: string };
  queueUrls: Record<string, string>;
  alertsTopicArn: string;
  secretArns: Partial<Record<LocalSecretName, string>>;
  hubspot: { appId: string; portalId: string };
  pipeline: LocalPipeline;
}

/** Stage labels of the local deal pipeline (src/fixtures/hubspot-fixtures.ts) that Lambda config points at. */
export const LOCAL_STAGE_LABELS = {
  trigger: 'Submit to AWS',
  referral: 'AWS Referral',
  submitted: 'Submitted to AWS',
  inReview: 'Under AWS Review',
  approved: 'Approved by AWS',
  actionRequired: 'Action Required',
  closedLost: 'Closed Lost',
  closedWon: 'Closed Won',
} as const;
export type LocalStageKey = keyof typeof LOCAL_STAGE_LABELS;

/** The deal pipeline as HubSpot reports it: its id and the stage id of each labelled stage. */
export interface LocalPipeline {
  pipelineId: string;
  stageIds: Record<LocalStageKey, string>;
}

/** Reads the deal pipeline from HubSpot (the simulator) and resolves the configured stage labels to ids. */
export const resolveLocalPipeline = async (
  hubspotUrl: string,
  token: string,
  label: string
): Promise<LocalPipeline> => {
  const res = await fetch(`${hubspotUrl}/crm/v3/pipelines/deals`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`local pipeline lookup failed with HTTP ${res.status}`);
  const body = (await res.json()) as {
    results: { id: string; label: string; stages: { id: string; label: string }[] }[];
  };
  const pipeline = body.results.find((p) => p.label === label);
  if (!pipeline) throw new Error(`local HubSpot has no pipeline labelled ${label}`);
  const stageIds = {} as Record<LocalStageKey, string>;
  for (const [key, stageLabel] of Object.entries(LOCAL_STAGE_LABELS) as [LocalStageKey, string][]) {
    const stage = pipeline.stages.find((st) => st.label === stageLabel);
    if (!stage) throw new Error(`local pipeline has no stage labelled ${stageLabel}`);
    stageIds[key] = stage.id;
  }
  return { pipelineId: pipeline.id, stageIds };
};

/** The secret values for a local run (simulator credentials; nothing real). */
export const localSecretValues = (sims: {
  hubspotClientSecret: string;
  hubspotAccessToken: string;
  govwin: { clientId: string; clientSecret: string; username: string; password: string };
}): Record<LocalSecretName, string> => ({
  'hubspot-signing': JSON.stringify({ current: sims.hubspotClientSecret }),
  'hubspot-token': JSON.stringify({ private_app_token: sims.hubspotAccessToken }),
  'govwin-credentials': JSON.stringify({
    client_id: sims.govwin.clientId,
    client_secret: sims.govwin.clientSecret,
    username: sims.govwin.username,
    password: sims.govwin.password,
  }),
  'govwin-token': JSON.stringify({}),
});

const required = (value: string | undefined, what: string): string => {
  if (!value) throw new Error(`local environment: ${what} is not set up`);
  return value;
};

/**
 * The environment every local Lambda gets: the same variable names and meanings Terraform sets
 * (terraform/modules/*), pointing at the local infrastructure instead of AWS.
 */
export const buildLocalEnvironment = (infra: LocalInfrastructure): Record<string, string> => ({
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: infra.dynamodbEndpoint,
  AWS_ENDPOINT_URL_SQS: infra.awsEndpoint,
  AWS_ENDPOINT_URL_SNS: infra.awsEndpoint,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: infra.awsEndpoint,
  AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: infra.partnerCentralEndpoint,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_METRICS_DISABLED: 'true',
  ACE_CATALOG: infra.catalog,
  SYNC_STATE_TABLE: infra.tables.syncState,
  ENTITY_MAPPINGS_TABLE: infra.tables.entityMappings,
  AUDIT_TABLE: infra.tables.audit,
  GOVWIN_SYNC_QUEUE_URL: required(infra.queueUrls['govwin-sync'], 'govwin-sync queue'),
  SUBMIT_QUEUE_URL: required(infra.queueUrls['ace-submit'], 'ace-submit queue'),
  UPDATE_QUEUE_URL: required(infra.queueUrls['ace-update'], 'ace-update queue'),
  // The events function's on-failure queue, which reconcile re-drives (a live run has no event bus).
  ...(infra.queueUrls['ace-submitter-events-async-dlq']
    ? { ACE_EVENTS_ASYNC_DLQ_URL: infra.queueUrls['ace-submitter-events-async-dlq'] }
    : {}),
  ALERTS_TOPIC_ARN: infra.alertsTopicArn,
  HUBSPOT_SIGNING_SECRET_ARN: required(
    infra.secretArns['hubspot-signing'],
    'hubspot-signing secret'
  ),
  HUBSPOT_TOKEN_SECRET_ARN: required(infra.secretArns['hubspot-token'], 'hubspot-token secret'),
  GOVWIN_CREDENTIALS_SECRET_ARN: required(
    infra.secretArns['govwin-credentials'],
    'govwin-credentials secret'
  ),
  GOVWIN_TOKEN_SECRET_ARN: required(infra.secretArns['govwin-token'], 'govwin-token secret'),
  HUBSPOT_APP_ID: infra.hubspot.appId,
  HUBSPOT_PORTAL_ID: infra.hubspot.portalId,
  HUBSPOT_BASE_URL: infra.hubspotBaseUrl,
  GOVWIN_BASE_URL: infra.govwinBaseUrl,
  PUBLIC_WEBHOOK_URL: `${infra.apiUrl}/hubspot/webhooks`,
  PUBLIC_UI_BASE_URL: `${infra.apiUrl}/ui-extension`,
  PIPELINE_ID: infra.pipeline.pipelineId,
  TRIGGER_STAGE_ID: infra.pipeline.stageIds.trigger,
  SUBMIT_STAGE_IDS: infra.pipeline.stageIds.trigger,
  REFERRAL_STAGE_ID: infra.pipeline.stageIds.referral,
  STAGE_ID_SUBMITTED: infra.pipeline.stageIds.submitted,
  STAGE_ID_IN_REVIEW: infra.pipeline.stageIds.inReview,
  STAGE_ID_APPROVED: infra.pipeline.stageIds.approved,
  STAGE_ID_ACTION_REQUIRED: infra.pipeline.stageIds.actionRequired,
  STAGE_ID_CLOSED_LOST: infra.pipeline.stageIds.closedLost,
  STAGE_ID_CLOSED_WON: infra.pipeline.stageIds.closedWon,
  AWS_ACCOUNT_ID_FOR_ACE: '000000000000',
  MAX_RECEIVE_COUNT: '5',
  // Shorter than the event bus's first retry delay (6 s), as 90 s is shorter than Lambda's in AWS.
  EVENT_LEASE_SECONDS: '5',
  LOG_LEVEL: 'WARN',
  POWERTOOLS_LOG_LEVEL: 'WARN',
});
