// The only reader of the environment for the four ace-submitter Lambdas (CONVENTIONS §9). A bad deploy
// fails at cold start with one line naming every bad variable.
import {
  type Catalog,
  ConfigError,
  env,
  loadEnv,
  type MirrorStageKey,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

/** Environment variable names (Terraform sets them; see README). */
export const ENV = {
  catalog: 'ACE_CATALOG',
  entityMappingsTable: 'ENTITY_MAPPINGS_TABLE',
  syncStateTable: 'SYNC_STATE_TABLE',
  auditTable: 'AUDIT_TABLE',
  alertsTopicArn: 'ALERTS_TOPIC_ARN',
  hubspotTokenSecretArn: 'HUBSPOT_TOKEN_SECRET_ARN',
  pipelineId: 'PIPELINE_ID',
  referralStageId: 'REFERRAL_STAGE_ID',
  submitStageIds: 'SUBMIT_STAGE_IDS',
  awsAccountId: 'AWS_ACCOUNT_ID_FOR_ACE',
  solutionId: 'ACE_SOLUTION_ID',
  involvementType: 'ACE_INVOLVEMENT_TYPE',
  visibility: 'ACE_VISIBILITY',
  maxReceiveCount: 'MAX_RECEIVE_COUNT',
  hubspotBaseUrl: 'HUBSPOT_BASE_URL',
  updateQueueUrl: 'UPDATE_QUEUE_URL',
  submitQueueUrl: 'SUBMIT_QUEUE_URL',
  hubspotPortalId: 'HUBSPOT_PORTAL_ID',
  hubspotAppId: 'HUBSPOT_APP_ID',
  eventLeaseSeconds: 'EVENT_LEASE_SECONDS',
  eventsFailureQueueUrl: 'ACE_EVENTS_ASYNC_DLQ_URL',
} as const;

/** Env var of each mirrored deal stage id. */
export const STAGE_ENV: Readonly<Record<MirrorStageKey, string>> = {
  submitted: 'STAGE_ID_SUBMITTED',
  inReview: 'STAGE_ID_IN_REVIEW',
  approved: 'STAGE_ID_APPROVED',
  actionRequired: 'STAGE_ID_ACTION_REQUIRED',
  closedLost: 'STAGE_ID_CLOSED_LOST',
  closedWon: 'STAGE_ID_CLOSED_WON',
};

const stageId = () =>
  z
    .string({ error: 'is required (a HubSpot pipeline stage id)' })
    .check(z.trim(), z.regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a HubSpot pipeline stage id'));

const schema = z.object({
  [ENV.catalog]: env.catalog(),
  [ENV.entityMappingsTable]: env.string(),
  [ENV.syncStateTable]: env.string(),
  [ENV.auditTable]: env.string(),
  [ENV.alertsTopicArn]: env.arn(),
  [ENV.hubspotTokenSecretArn]: env.arn(),
  [ENV.pipelineId]: stageId(),
  [ENV.referralStageId]: stageId(),
  [ENV.submitStageIds]: env
    .list()
    .check(
      z.refine((ids) => ids.every((id) => /^[A-Za-z0-9_-]{1,100}$/.test(id)), 'must list stage ids')
    ),
  [ENV.awsAccountId]: z
    .string({ error: 'is required (the 12-digit AWS account linked to Partner Central)' })
    .check(z.regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id')),
  [ENV.solutionId]: z.optional(
    z.string().check(z.regex(/^S-[0-9]{1,19}$/, 'must be a Partner Central solution id (S-digits)'))
  ),
  [ENV.involvementType]: z._default(
    z.enum(['Co-Sell', 'For Visibility Only'], { error: 'must be Co-Sell or For Visibility Only' }),
    'Co-Sell'
  ),
  [ENV.visibility]: z._default(
    z.enum(['Full', 'Limited'], { error: 'must be Full or Limited' }),
    'Full'
  ),
  [ENV.maxReceiveCount]: z._default(env.int(1, 1000), 5),
  [ENV.hubspotBaseUrl]: z._default(env.url(), 'https://api.hubapi.com'),
  [ENV.updateQueueUrl]: z.optional(env.queueUrl()),
  [ENV.submitQueueUrl]: z.optional(env.queueUrl()),
  [ENV.hubspotPortalId]: z.optional(
    z
      .string()
      .check(z.trim(), z.regex(/^[1-9][0-9]{0,19}$/, 'must be the numeric HubSpot account id'))
  ),
  [ENV.hubspotAppId]: z.optional(
    z.string().check(z.trim(), z.regex(/^[1-9][0-9]{0,19}$/, 'must be the numeric HubSpot app id'))
  ),
  [ENV.eventLeaseSeconds]: z._default(env.int(5, 900), 90),
  [ENV.eventsFailureQueueUrl]: z.optional(env.asyncFailureQueueUrl('ace-submitter-events')),
  ...Object.fromEntries(Object.values(STAGE_ENV).map((name) => [name, stageId()])),
});

/** Typed configuration of the submitter. */
export interface SubmitterConfig {
  catalog: Catalog;
  tables: { entityMappings: string; syncState: string; audit: string };
  alertsTopicArn: string;
  hubspotTokenSecretArn: string;
  pipelineId: string;
  referralStageId: string;
  submitStageIds: readonly string[];
  stageIds: Readonly<Record<MirrorStageKey, string>>;
  /** The partner's AWS account (linked to Partner Central); events from other accounts are refused. */
  awsAccountId: string;
  defaultSolutionId: string | undefined;
  involvementType: 'Co-Sell' | 'For Visibility Only';
  visibility: 'Full' | 'Limited';
  /** The queues' maxReceiveCount: a message failing this often goes to the DLQ. */
  maxReceiveCount: number;
  /** HubSpot API origin (the simulator's URL in the local runtime). */
  hubspotBaseUrl: string;
  /** The update queue; only the events handler needs it (see {@link requireUpdateQueueUrl}). */
  updateQueueUrl: string | undefined;
  /**
   * The submit queue and the HubSpot account id: only reconcile needs them, to re-queue trigger-stage deals
   * whose webhook was lost (see {@link requeueTarget}).
   */
  submitQueueUrl: string | undefined;
  hubspotPortalId: string | undefined;
  /**
   * The integration's HubSpot app id: only reconcile needs it, to tell a rep's edit from the integration's own
   * write in a deal's property history (the lost-edit sweep is off without it).
   */
  hubspotAppId: string | undefined;
  /**
   * How long an event's in-progress lease lasts. It must cover one invocation (the function timeout) and end
   * well before Lambda's last async retry (about 3 minutes after the first attempt), or a crashed
   * invocation's retries all find the event "in progress" and it is lost: 90 s for the 60 s function.
   */
  eventLeaseSeconds: number;
  /**
   * The events function's on-failure queue: only reconcile needs it, to run events that failed all their
   * Lambda attempts through the events use case again (the sweep is off without it).
   */
  eventsFailureQueueUrl: string | undefined;
}

/**
 * Reads and validates the environment once.
 * @example const config = loadConfig(process.env);
 */
export const loadConfig = (
  source: Readonly<Record<string, string | undefined>>
): Readonly<SubmitterConfig> => {
  const e = loadEnv(schema, source, 'ace-submitter') as Record<string, unknown>;
  const str = (name: string) => e[name] as string;
  const stageIds = Object.fromEntries(
    Object.entries(STAGE_ENV).map(([key, name]) => [key, str(name)])
  ) as Record<MirrorStageKey, string>;
  return Object.freeze({
    catalog: e[ENV.catalog] as Catalog,
    tables: {
      entityMappings: str(ENV.entityMappingsTable),
      syncState: str(ENV.syncStateTable),
      audit: str(ENV.auditTable),
    },
    alertsTopicArn: str(ENV.alertsTopicArn),
    hubspotTokenSecretArn: str(ENV.hubspotTokenSecretArn),
    pipelineId: str(ENV.pipelineId),
    referralStageId: str(ENV.referralStageId),
    submitStageIds: e[ENV.submitStageIds] as string[],
    stageIds,
    awsAccountId: str(ENV.awsAccountId),
    defaultSolutionId: e[ENV.solutionId] as string | undefined,
    involvementType: e[ENV.involvementType] as SubmitterConfig['involvementType'],
    visibility: e[ENV.visibility] as SubmitterConfig['visibility'],
    maxReceiveCount: e[ENV.maxReceiveCount] as number,
    hubspotBaseUrl: str(ENV.hubspotBaseUrl),
    updateQueueUrl: e[ENV.updateQueueUrl] as string | undefined,
    submitQueueUrl: e[ENV.submitQueueUrl] as string | undefined,
    hubspotPortalId: e[ENV.hubspotPortalId] as string | undefined,
    hubspotAppId: e[ENV.hubspotAppId] as string | undefined,
    eventLeaseSeconds: e[ENV.eventLeaseSeconds] as number,
    eventsFailureQueueUrl: e[ENV.eventsFailureQueueUrl] as string | undefined,
  });
};

/**
 * The update queue URL, which the events handler needs to hand review-exit replays to the update handler;
 * fails at cold start (ConfigError) when the deployment did not set it.
 * @example const queueUrl = requireUpdateQueueUrl(loadConfig(process.env));
 */
export const requireUpdateQueueUrl = (config: Pick<SubmitterConfig, 'updateQueueUrl'>): string => {
  if (config.updateQueueUrl) return config.updateQueueUrl;
  throw new ConfigError(
    `ace-submitter: invalid environment: ${ENV.updateQueueUrl} is required by the events handler (a queue URL)`
  );
};

/**
 * Where reconcile sends re-queued submit messages: the submit queue and the HubSpot account id the message
 * names (docs/queue-messages.md), or undefined when the deployment did not set both (the sweep then does
 * not run and reconcile logs why).
 * @example const target = requeueTarget(loadConfig(process.env));
 */
export const requeueTarget = (
  config: Pick<SubmitterConfig, 'submitQueueUrl' | 'hubspotPortalId'>
): { queueUrl: string; portalId: string } | undefined =>
  config.submitQueueUrl && config.hubspotPortalId
    ? { queueUrl: config.submitQueueUrl, portalId: config.hubspotPortalId }
    : undefined;
