// Public surface of @govwin-ace/hubspot-webhook-receiver: named re-exports only. Queue consumers
// (ace-submitter) import the queue message format from here.
export type { AuditAlert, SnsPublisher } from './audit-alert';
export { auditAlertSubject, buildAuditAlert } from './audit-alert';
export type { ReceiverConfig } from './config';
export { ENV as RECEIVER_ENV, loadReceiverConfig } from './config';
export type { EnqueueDeps, EnqueueResult, SqsBatchSender } from './enqueue';
export { makeEnqueue, planBatches, SQS_BATCH_MAX_BYTES, SQS_BATCH_MAX_ENTRIES } from './enqueue';
export {
  HandOffError,
  MalformedBodyError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  SignatureError,
  SigningSecretUnavailableError,
  UnsupportedMediaTypeError,
} from './errors';
export type { DeliveryCounts, DeliveryPlan, PlanContext } from './plan-delivery';
export { planDelivery } from './plan-delivery';
export type { QueueMessageContext, QueueMessageKind, QueueMessageV1 } from './queue-message';
export {
  MAX_QUEUE_MESSAGE_BYTES,
  parseQueueMessage,
  QUEUE_MESSAGE_KINDS,
  QUEUE_MESSAGE_VERSION,
  QueueMessageV1Schema,
  serialiseQueueMessage,
  toQueueMessage,
} from './queue-message';
export type {
  AcceptReferralInput,
  AcceptReferralMessageV1,
  AnyQueueMessageV1,
} from './queue-message-referral';
export {
  ACCEPT_REFERRAL_KIND,
  AcceptReferralMessageV1Schema,
  parseAnyQueueMessage,
  serialiseAcceptReferralMessage,
} from './queue-message-referral';
export type { ReplayParkedInput, ReplayParkedMessageV1 } from './queue-message-replay';
export {
  REPLAY_PARKED_KIND,
  ReplayParkedMessageV1Schema,
  serialiseReplayParkedMessage,
} from './queue-message-replay';
export type {
  ReceiverLogger,
  ReceiverMetrics,
  ReceiveWebhook,
  ReceiveWebhookDeps,
} from './receive-webhook';
export { MAX_BODY_BYTES, MAX_EVENTS, makeReceiveWebhook } from './receive-webhook';
export type { ReplayGuard } from './replay-guard';
export { makeDynamoReplayGuard, makeInMemoryReplayGuard } from './replay-guard';
export type { AuditAlertKind, DropReason, RouteDecision, RoutingPolicy } from './route-event';
export {
  AUDIT_ALERT_KINDS,
  DROP_REASONS,
  isIntegrationSource,
  isOwnWrite,
  makeRoutingPolicy,
  routeEvent,
} from './route-event';
export type { RouteKind } from './routing-table';
export {
  AUDIT_ONLY_PROPERTIES,
  INTEGRATION_CHANGE_SOURCES,
  ROUTE_KINDS,
  ROUTING_TABLE,
  routeForProperty,
  SUBMIT_TRIGGER_PROPERTY,
  SUBSCRIBED_PROPERTIES,
  UPDATE_TRIGGER_PROPERTIES,
} from './routing-table';
export type { SqsMessageSender } from './send-queue-message';
export { sendQueueMessage } from './send-queue-message';
export type { EventValidation, HubSpotWebhookEvent, SubscriptionType } from './webhook-event';
export {
  DEAL_OBJECT_TYPE_ID,
  hubSpotWebhookEventSchema,
  KNOWN_SUBSCRIPTION_TYPES,
  MAX_PROPERTY_VALUE_LENGTH,
  validateWebhookEvent,
} from './webhook-event';
