import { randomUUID } from 'node:crypto';
import { PublishCommand } from '@aws-sdk/client-sns';
import {
  AppError,
  bodyByteLength,
  getHeader,
  getRawBody,
  type HttpResponse,
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  METRIC,
  replayFingerprint,
  toHttpErrorResponse,
  verifyHubSpotV3,
} from '@govwin-ace/shared-core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AuditAlert, SnsPublisher } from './audit-alert';
import type { ReceiverConfig } from './config';
import { type EnqueueDeps, makeEnqueue, type SqsBatchSender } from './enqueue';
import {
  HandOffError,
  MalformedBodyError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  SignatureError,
  SigningSecretUnavailableError,
  UnsupportedMediaTypeError,
} from './errors';
import { planDelivery } from './plan-delivery';
import { isEscapeFreeJson } from './queue-message-format';
import type { ReplayGuard } from './replay-guard';
import { makeRoutingPolicy } from './route-event';

/** Body cap (DESIGN §5): 1 MiB, checked on the decoded byte length before anything parses it. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** HubSpot batches at most 100 events per delivery; more is not a genuine delivery. */
export const MAX_EVENTS = 100;

/** The logger slice the core uses (the shared-core Powertools logger satisfies it). */
export interface ReceiverLogger {
  debug(message: string, attributes: Record<string, unknown>): void;
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

/** The metrics slice the core uses (Powertools Metrics satisfies it). */
export interface ReceiverMetrics {
  addMetric(name: string, unit: 'Count', value: number): void;
}

export interface ReceiveWebhookDeps {
  config: Pick<
    ReceiverConfig,
    | 'publicWebhookUrl'
    | 'submitQueueUrl'
    | 'updateQueueUrl'
    | 'alertsTopicArn'
    | 'appId'
    | 'triggerStageIds'
    | 'catalog'
  >;
  /** The signing secrets, current first (previous during a rotation). Cached by the caller. */
  loadSigningSecrets: () => Promise<readonly string[]>;
  replay: ReplayGuard;
  sqs: SqsBatchSender;
  sns: SnsPublisher;
  logger: ReceiverLogger;
  metrics?: ReceiverMetrics;
  /** Epoch milliseconds. */
  now?: () => number;
  newCorrelationId?: () => string;
  /** Retry tuning for SendMessageBatch (tests inject a no-op sleep). */
  enqueueRetry?: Omit<EnqueueDeps, 'sqs'>;
}

/** The receiver as a function of an API Gateway v2 event: always resolves to an HTTP response. */
export type ReceiveWebhook = (
  event: APIGatewayProxyEventV2,
  invocation?: { awsRequestId?: string }
) => Promise<HttpResponse>;

const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Per-event outcomes per log line: the shared redacting logger keeps at most 50 items of an array, so a
 * 100-event delivery logs its outcomes on two lines instead of losing half of them.
 */
export const EVENTS_PER_LOG_LINE = 50;

const requestMethod = (event: APIGatewayProxyEventV2): string | undefined =>
  event?.requestContext?.http?.method ??
  (event as unknown as { httpMethod?: string } | undefined)?.httpMethod;

const ok = (body: Record<string, unknown>, correlationId: string): HttpResponse => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
  body: JSON.stringify(body),
});

/** Parses the verified body into the array of raw events (400 / 413 on failure). */
const parseDelivery = (rawBody: string): unknown[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch (err) {
    throw new MalformedBodyError('webhook body is not JSON', { cause: err });
  }
  if (!Array.isArray(parsed)) throw new MalformedBodyError('webhook body is not a JSON array');
  if (parsed.length > MAX_EVENTS)
    throw new PayloadTooLargeError(
      `webhook delivery holds ${parsed.length} events (max ${MAX_EVENTS})`,
      `too many events (max ${MAX_EVENTS})`
    );
  return parsed;
};

/**
 * Builds the receiver core: the gate ladder of DESIGN §5 / issue 5, then routing and the durable hand-off.
 *
 * Ladder (each rejection is one warn line with ids and a reason, never payload text):
 * method (405) -> content type (415) -> body > 1 MiB (413) -> signature/timestamp headers (401) -> signing
 * secret (500) -> signature v3 on the raw body with current + previous secret, |age| <= 300 s (401) -> replay
 * reservation (duplicate: 200, nothing enqueued) -> JSON array (400) -> <= 100 events (413) -> per-event schema
 * (invalid events dropped and counted) -> route -> SQS / SNS. If the hand-off fails the reservation is released
 * and the answer is 503, so HubSpot redelivers and nothing is lost.
 */
export const makeReceiveWebhook = (deps: ReceiveWebhookDeps): ReceiveWebhook => {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const newCorrelationId = deps.newCorrelationId ?? randomUUID;
  const policy = makeRoutingPolicy(config);
  const enqueue = makeEnqueue({ sqs: deps.sqs, ...deps.enqueueRetry });
  const count = (name: string, value: number) => {
    if (value > 0) deps.metrics?.addMetric(name, 'Count', value);
  };

  const publishAlerts = async (alerts: readonly AuditAlert[]): Promise<number> => {
    if (alerts.length === 0) return 0;
    const results = await Promise.allSettled(
      alerts.map((a) =>
        deps.sns.send(new PublishCommand({ TopicArn: config.alertsTopicArn, ...a }))
      )
    );
    return results.filter((r) => r.status === 'rejected').length;
  };

  const receive = async (
    event: APIGatewayProxyEventV2,
    correlationId: string
  ): Promise<HttpResponse> => {
    // 1. Method and content type.
    if (requestMethod(event) !== 'POST') throw new MethodNotAllowedError();
    if (!JSON_CONTENT_TYPE.test(getHeader(event, 'content-type') ?? ''))
      throw new UnsupportedMediaTypeError();
    // 2. Size, before anything decodes or parses the body. A UTF-16 unit is at most 3 UTF-8 bytes, so a plain
    // body under a third of the cap needs no byte count.
    const { body } = event;
    const bytes =
      !event.isBase64Encoded && typeof body === 'string' && body.length * 3 <= MAX_BODY_BYTES
        ? 0
        : bodyByteLength(event);
    if (bytes > MAX_BODY_BYTES)
      throw new PayloadTooLargeError(
        `webhook body is ${bytes} bytes (max ${MAX_BODY_BYTES})`,
        'payload too large (max 1 MiB)'
      );
    // 3. Signature headers present.
    const signature = getHeader(event, HUBSPOT_SIGNATURE_HEADER);
    const timestamp = getHeader(event, HUBSPOT_TIMESTAMP_HEADER);
    if (!signature || !timestamp) throw new SignatureError('missing');
    // 4. Secrets (misconfiguration or Secrets Manager outage -> 500, HubSpot retries).
    let secrets: readonly string[];
    try {
      secrets = await deps.loadSigningSecrets();
    } catch (err) {
      throw new SigningSecretUnavailableError({ cause: err });
    }
    // 5. Signature v3 over the raw body against the configured public URL; freshness both ways.
    const rawBody = getRawBody(event);
    const receivedAt = now();
    let verdict: ReturnType<typeof verifyHubSpotV3>;
    try {
      verdict = verifyHubSpotV3(
        { method: 'POST', uri: config.publicWebhookUrl, body: rawBody, timestamp, signature },
        secrets,
        receivedAt
      );
    } catch (err) {
      throw new SigningSecretUnavailableError({ cause: err });
    }
    if (!verdict.ok) throw new SignatureError(verdict.reason);
    if (verdict.secretIndex > 0)
      logger.info('webhook signed with the previous secret', { correlationId });
    // 6. Replay reservation: a duplicate is acknowledged, never enqueued twice.
    const fingerprint = replayFingerprint(signature, timestamp);
    let fresh: boolean;
    try {
      fresh = await deps.replay.reserve(fingerprint);
    } catch (err) {
      throw new HandOffError('replay reservation failed', { cause: err });
    }
    if (!fresh) {
      count(METRIC.ReplaysRejected, 1);
      logger.warn('webhook replay acknowledged, not enqueued', {
        reason: 'replay',
        status: 200,
        correlationId,
        fingerprintPrefix: fingerprint.slice(0, 12),
      });
      return ok({ correlationId, duplicate: true }, correlationId);
    }
    // 7-8. JSON array of at most 100 events.
    const rawEvents = parseDelivery(rawBody);
    return handOff(rawEvents, {
      correlationId,
      fingerprint,
      receivedAt,
      escapeFreeSource: isEscapeFreeJson(rawBody),
    });
  };

  const handOff = async (
    rawEvents: readonly unknown[],
    ctx: {
      correlationId: string;
      fingerprint: string;
      receivedAt: number;
      escapeFreeSource: boolean;
    }
  ): Promise<HttpResponse> => {
    const { correlationId } = ctx;
    const { counts, submitBodies, updateBodies, alerts, invalid, trace } = planDelivery(rawEvents, {
      policy,
      appId: config.appId,
      catalog: config.catalog,
      receivedAt: new Date(ctx.receivedAt).toISOString(),
      correlationId,
      escapeFreeSource: ctx.escapeFreeSource,
    });
    if (invalid.length > 0) {
      logger.warn('webhook events rejected by schema', {
        reason: 'invalid-event',
        correlationId,
        invalid: invalid.slice(0, 20),
        invalidCount: invalid.length,
      });
    }
    // 10. Durable hand-off: both queues and the alert topic in parallel.
    const [submit, update, alertFailures] = await Promise.all([
      enqueue(config.submitQueueUrl, 'submit', submitBodies),
      enqueue(config.updateQueueUrl, 'update', updateBodies),
      publishAlerts(alerts),
    ]);
    // Report what actually got through (what was planned, when everything succeeded).
    counts.submit = submit.sent;
    counts.update = update.sent;
    counts.audit = alerts.length - alertFailures;
    count(METRIC.EventsRouted, counts.submit + counts.update);
    count(METRIC.AlertsRaised, counts.audit);
    count(METRIC.EventsDropped, counts.dropped + counts.loopSuppressed);
    count(METRIC.EventsInvalid, counts.invalid);
    if (submit.failed > 0 || update.failed > 0 || alertFailures > 0) {
      try {
        await deps.replay.release(ctx.fingerprint);
      } catch (err) {
        logger.error('replay reservation not released', {
          correlationId,
          errorName: err instanceof Error ? err.name : 'UnknownError',
        });
      }
      throw new HandOffError(
        `hand-off failed: submit ${submit.failed}, update ${update.failed}, alerts ${alertFailures} not delivered (${[...submit.failureCodes, ...update.failureCodes].slice(0, 5).join(',') || 'sns'})`
      );
    }
    logger.info('webhook delivery accepted', {
      correlationId,
      ...counts,
      events: trace.slice(0, EVENTS_PER_LOG_LINE),
    });
    for (let from = EVENTS_PER_LOG_LINE; from < trace.length; from += EVENTS_PER_LOG_LINE)
      logger.info('webhook delivery accepted (more events)', {
        correlationId,
        firstEvent: from + 1,
        events: trace.slice(from, from + EVENTS_PER_LOG_LINE),
      });
    return ok({ correlationId, ...counts }, correlationId);
  };

  return async (event, invocation) => {
    const correlationId = invocation?.awsRequestId || newCorrelationId();
    try {
      return await receive(event, correlationId);
    } catch (err) {
      const response = toHttpErrorResponse(err, correlationId);
      const attributes = {
        reason:
          err instanceof SignatureError
            ? err.reason
            : err instanceof AppError
              ? err.code
              : 'unexpected',
        status: response.statusCode,
        correlationId,
        ...(err instanceof AppError
          ? { check: err.message }
          : { errorName: err instanceof Error ? err.name : typeof err }),
      };
      if (err instanceof SignatureError) count(METRIC.SignaturesRejected, 1);
      if (response.statusCode >= 500) logger.error('webhook not accepted', attributes);
      else logger.warn('webhook rejected', attributes);
      if (err instanceof MethodNotAllowedError) response.headers.allow = 'POST';
      return response;
    }
  };
};
