/**
 * Powertools Metrics (CloudWatch EMF) for the counts operators alarm on (DESIGN §6). Metrics are
 * written as one JSON line to stdout per flush; nothing is sent over the network.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { ConfigError } from '../errors/common-errors';

export type { Metrics } from '@aws-lambda-powertools/metrics';
export { MetricUnit } from '@aws-lambda-powertools/metrics';

/** The namespace every govwin-ace metric lives in. */
export const DEFAULT_METRICS_NAMESPACE = 'GovwinAce';

/**
 * Metric names operators alarm on. Use these constants, never string literals, so dashboards,
 * Terraform alarms and code agree.
 */
export const METRIC = {
  /** Events handed to a downstream queue (webhook receiver, poller). */
  EventsRouted: 'EventsRouted',
  /** Events deliberately dropped (duplicates, echoes of our own writes, irrelevant stages). */
  EventsDropped: 'EventsDropped',
  /** Events rejected as malformed or failing schema validation. */
  EventsInvalid: 'EventsInvalid',
  /** GovWin NAICS codes with no mapping to an ACE industry. */
  UnmappedNaicsCodes: 'UnmappedNaicsCodes',
  /** Upstream throttles seen (HubSpot 429, GovWin 403 budget, ACE ThrottlingException). */
  Throttles: 'Throttles',
  /** UI edits parked because ACE was locked for review or in conflict. */
  ParkedEdits: 'ParkedEdits',
  /** Signed requests refused as replays within the 300 s window. */
  ReplaysRejected: 'ReplaysRejected',
  /** Signed requests refused for a missing, stale or mismatched signature. */
  SignaturesRejected: 'SignaturesRejected',
  /** Operator alerts published (SNS). */
  AlertsRaised: 'AlertsRaised',
  /** Messages a consumer gave up on (moved to a DLQ or reported as poison). */
  DlqMessages: 'DlqMessages',
  /** Upstream calls that failed after retries (5xx, timeouts, network). */
  UpstreamErrors: 'UpstreamErrors',
  /** Outbound requests refused by the egress allow-list (should always be 0). */
  EgressDenied: 'EgressDenied',
  /** GovWin opportunities fetched by the poller. */
  OpportunitiesFetched: 'OpportunitiesFetched',
  /** HubSpot deals created or updated by the sync. */
  DealsUpserted: 'DealsUpserted',
  /** Opportunities created in ACE. */
  OpportunitiesSubmitted: 'OpportunitiesSubmitted',
  /** ACE submissions that failed permanently (validation, access). */
  SubmissionsFailed: 'SubmissionsFailed',
  /** Audit-log hash-chain breaks detected. */
  AuditChainBreaks: 'AuditChainBreaks',
} as const;

/** One of the {@link METRIC} names. */
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Options for {@link createMetrics}. */
export interface CreateMetricsOptions {
  /** CloudWatch namespace. Default `GovwinAce`. */
  namespace?: string;
  /** The `service` dimension, e.g. `hubspot-webhook-receiver`. */
  serviceName: string;
  /** Extra dimensions on every metric (keep the set small: each combination is a new metric). */
  defaultDimensions?: Record<string, string>;
}

const NAMESPACE = /^[A-Za-z0-9 ._\-/#:]{1,255}$/;

/**
 * Powertools Metrics whose flush is silent when the invocation recorded nothing: Powertools would log
 * "No application metrics to publish" on every such flush (most webhook and card calls count nothing),
 * which is noise in CloudWatch and in the local runtime. With metrics stored it publishes exactly as
 * Powertools does; `throwOnEmptyMetrics()` keeps its meaning (an empty flush then throws).
 */
class FlushWhenRecorded extends Metrics {
  #throwOnEmpty = false;

  public override throwOnEmptyMetrics(): void {
    this.#throwOnEmpty = true;
    super.throwOnEmptyMetrics();
  }

  public override publishStoredMetrics(): this {
    if (this.#throwOnEmpty || this.hasStoredMetrics()) return super.publishStoredMetrics();
    // Nothing to publish: still reset what a publish resets, so per-invocation dimensions and
    // metadata never leak into the next invocation.
    this.clearDimensions();
    this.clearMetadata();
    return this;
  }
}

/**
 * Builds a Powertools `Metrics` instance. Add metrics with {@link countMetric} (or `addMetric`) and
 * flush with `publishStoredMetrics()` at the end of the invocation (or use Powertools'
 * `logMetrics` middy middleware). `POWERTOOLS_METRICS_DISABLED=true` silences it (the test default).
 * A flush with nothing recorded writes nothing and warns nothing (see FlushWhenRecorded).
 * @example
 * const metrics = createMetrics({ serviceName: 'hubspot-webhook-receiver' });
 * countMetric(metrics, METRIC.EventsRouted, routed);
 * metrics.publishStoredMetrics();
 */
export const createMetrics = ({
  namespace = DEFAULT_METRICS_NAMESPACE,
  serviceName,
  defaultDimensions,
}: CreateMetricsOptions): Metrics => {
  if (typeof serviceName !== 'string' || serviceName.trim() === '') {
    throw new ConfigError('createMetrics: serviceName must be a non-empty string');
  }
  if (!NAMESPACE.test(namespace)) {
    throw new ConfigError(
      'createMetrics: namespace must be 1-255 characters of letters, digits, space and . _ - / # :'
    );
  }
  return new FlushWhenRecorded({
    namespace,
    serviceName,
    ...(defaultDimensions ? { defaultDimensions } : {}),
  });
};

/**
 * Adds a count (default 1) for one of the {@link METRIC} names. Zero and negative counts are not
 * recorded (EMF counts are summed; a 0 would only add noise).
 */
export const countMetric = (metrics: Metrics, name: MetricName, value = 1): void => {
  if (Number.isFinite(value) && value > 0) metrics.addMetric(name, MetricUnit.Count, value);
};
