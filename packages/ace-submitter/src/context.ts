// What every core of the submitter is built from, plus the two side effects they all share: audited
// HubSpot writes and operator alerts. Cores never read process.env or construct clients (DESIGN §3).
import {
  type AceClient,
  type AceSubmissionRepo,
  type AuditLog,
  type AuditOutcome,
  METRIC,
  type MirrorStageKey,
} from '@govwin-ace/shared-core';
import type { SubmitterConfig } from './config';
import type { AlertPublisher, DealProperties, DealStore, LoggerPort, MetricsPort } from './ports';

/** The configuration the cores read. */
export type SubmitterSettings = Pick<
  SubmitterConfig,
  | 'catalog'
  | 'pipelineId'
  | 'referralStageId'
  | 'submitStageIds'
  | 'stageIds'
  | 'awsAccountId'
  | 'defaultSolutionId'
  | 'involvementType'
  | 'visibility'
>;

/** Dependencies of the submit, update, events and reconcile cores. */
export interface SubmitterDeps {
  ace: AceClient;
  repo: AceSubmissionRepo;
  deals: DealStore;
  audit: AuditLog;
  alerts: AlertPublisher;
  logger: LoggerPort;
  metrics: MetricsPort;
  settings: SubmitterSettings;
  /** Epoch ms. */
  now: () => number;
  /** New ClientToken candidates (UUIDs). */
  newToken: () => string;
}

/** Who the audit log names as the writer. */
export const ACTOR = 'system:ace-submitter';

/** Metric names this package emits (CloudWatch, via the metrics port). */
export const METRICS = {
  submitted: METRIC.OpportunitiesSubmitted,
  failed: METRIC.SubmissionsFailed,
  parked: METRIC.ParkedEdits,
  throttles: METRIC.Throttles,
  alerts: METRIC.AlertsRaised,
  deadLettered: METRIC.DlqMessages,
  adopted: 'AceAdoptions',
  updated: 'AceUpdates',
  replayed: 'ReplayedEdits',
  referrals: 'AceReferralDeals',
  referralsAccepted: 'AceReferralAcceptTasks',
  /** A reconcile sweep stopped before the end of its list (deadline, page cap or re-queue cap). */
  sweepStoppedEarly: 'ReconcileSweepsStoppedEarly',
} as const;

/**
 * The shared buckets that pace Partner Central calls. AWS allows 1 write/s and 10 reads/s per account and
 * measures on arrival, so tokens are issued 5% slower than that: two calls paced exactly 1 s apart can
 * arrive closer together after network jitter. The rare throttle that still happens is retried.
 */
export const ACE_PACING = {
  write: { capacity: 1, refillPerSecond: 0.95 },
  read: { capacity: 10, refillPerSecond: 9.5 },
} as const;

/** Today (UTC) as YYYY-MM-DD. */
export const todayOf = (now: number): string => new Date(now).toISOString().slice(0, 10);

/** Appends one audit row; a failing audit write fails the step (the step is then retried). */
export const audit = async (
  deps: Pick<SubmitterDeps, 'audit'>,
  entry: {
    dealId: string;
    operation: string;
    ids?: Record<string, string | undefined>;
    fieldNames?: readonly string[];
    outcome?: AuditOutcome;
    correlationId?: string | undefined;
  }
): Promise<void> => {
  const ids: Record<string, string> = { hubspotDealId: entry.dealId };
  for (const [k, v] of Object.entries(entry.ids ?? {})) if (v) ids[k] = v;
  await deps.audit.append({
    dealId: entry.dealId,
    actor: ACTOR,
    operation: entry.operation,
    ids,
    fieldNames: [...(entry.fieldNames ?? [])],
    outcome: entry.outcome ?? 'success',
    ...(entry.correlationId && /^[A-Za-z0-9._:-]{1,128}$/.test(entry.correlationId)
      ? { correlationId: entry.correlationId }
      : {}),
  });
};

/**
 * Records an external write AWS refused (a permanent failure; retryable ones are retried, not audited) and
 * attaches the payload that was sent to the error, so the deal note can scrub its values from AWS's text.
 * Never throws: the original error is what the caller reports.
 */
export const auditRefusal = async (
  deps: Pick<SubmitterDeps, 'audit' | 'logger'>,
  err: unknown,
  entry: {
    dealId: string;
    operation: string;
    ids?: Record<string, string | undefined>;
    fieldNames?: readonly string[];
    correlationId?: string | undefined;
    sentPayload?: unknown;
  }
): Promise<void> => {
  if (entry.sentPayload !== undefined && err instanceof Error && !Object.hasOwn(err, 'sentPayload'))
    Object.defineProperty(err, 'sentPayload', { value: entry.sentPayload });
  if ((err as { retryable?: unknown })?.retryable !== false) return;
  try {
    await audit(deps, { ...entry, outcome: 'failure' });
  } catch (auditErr) {
    deps.logger.warn('audit of a refused write failed', {
      dealId: entry.dealId,
      error: (auditErr as Error)?.name,
    });
  }
};

/** Writes deal properties to HubSpot and audits the write (field names only). */
export const writeDeal = async (
  deps: Pick<SubmitterDeps, 'deals' | 'audit'>,
  dealId: string,
  properties: DealProperties,
  correlationId?: string
): Promise<void> => {
  const fieldNames = Object.keys(properties).sort();
  if (fieldNames.length === 0) return;
  await deps.deals.updateDeal(dealId, properties);
  await audit(deps, { dealId, operation: 'hubspot:UpdateDeal', fieldNames, correlationId });
};

/**
 * Publishes an operator alert made of ids and codes only. Alert failures are logged, never thrown: an alert
 * must not turn a handled failure into a retry loop (the DLQ and the error metrics still catch it).
 */
export const raiseAlert = async (
  deps: Pick<SubmitterDeps, 'alerts' | 'logger' | 'metrics'>,
  kind: string,
  subject: string,
  details: Record<string, string | number | undefined>
): Promise<void> => {
  const lines = Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${v}`);
  try {
    await deps.alerts.publish({ kind, subject: subject.slice(0, 100), message: lines.join('\n') });
    deps.metrics.count(METRICS.alerts);
  } catch (err) {
    deps.logger.error('alert publish failed', { kind, error: (err as Error)?.name });
  }
};

/** Stage id for a mirror key. */
export const stageIdFor = (settings: SubmitterSettings, key: MirrorStageKey): string =>
  settings.stageIds[key];
