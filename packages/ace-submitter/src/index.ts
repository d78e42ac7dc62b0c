// Public surface of @govwin-ace/ace-submitter: named re-exports only (the local runtime and the bench
// drive the cores with their own dependencies; Lambda entry points live in src/handlers/).

export type { AcceptOutcome, AcceptReferral, AcceptRefusal } from './accept-referral';
export { makeAcceptReferral } from './accept-referral';
export type { AcceptTask } from './accept-task';
export { noteAcceptFailure, settleAcceptTask } from './accept-task';
export { alertOnce, conditionId } from './alert-once';
export type { ApplyOutcome } from './apply-changes';
export {
  ASSOCIATION_PROPERTIES,
  applyChanges,
  isAppliedProperty,
  MAX_CONFLICT_ATTEMPTS,
} from './apply-changes';
export type { AssociationPlan, AssociationResult } from './associations';
export { syncAssociations } from './associations';
export type { SubmitterConfig } from './config';
export { ENV as SUBMITTER_ENV, loadConfig, requireUpdateQueueUrl, STAGE_ENV } from './config';
export type { SubmitterDeps, SubmitterSettings } from './context';
export { ACE_PACING, ACTOR, METRICS } from './context';
export {
  AcceptTaskFailedError,
  CatalogMismatchError,
  EngagementTaskFailedError,
  OwnershipRefusedError,
  ReferralInProgressError,
  ReferralNotBoundError,
  SubmissionInFlightError,
} from './errors';
export { failureNote } from './failure-note';
export type { AceEventHandler, EventOutcome } from './handle-ace-event';
export { ACE_EVENT_SOURCE, makeAceEventHandler } from './handle-ace-event';
export { makeHubSpotDealStore } from './hubspot-deal-store';
export type { OpportunityState } from './mirror';
export { MIRROR_READ_PROPS, mirrorProperties, mirrorToDeal, stateOf } from './mirror';
export type {
  Alert,
  AlertPublisher,
  DealOwner,
  DealPage,
  DealProperties,
  DealRecord,
  DealStageQuery,
  DealStore,
  LoggerPort,
  MetricsPort,
} from './ports';
export { noMetrics } from './ports';
export type { Reconcile } from './reconcile';
export { makeReconcile, RECONCILE_SAFETY_MS } from './reconcile';
export type { ReconcileLimits, ReconcileStats } from './reconcile-run';
export { RECONCILE_LIMITS } from './reconcile-run';
export type { ReferralDeps, ReferralOutcome } from './referrals';
export {
  createReferralDeal,
  REFERRAL_CLAIM_SECONDS,
  referralProperties,
  referralStatusProperties,
  updateReferralDeal,
} from './referrals';
export type { ReplayOutcome } from './replay-parked';
export { replayParkedEdits } from './replay-parked';
export type { ReplayRequester } from './replay-request';
export { makeSqsReplayRequester, ReplayRequestError } from './replay-request';
export type { ReplayRequestOutcome } from './replay-requested';
export { makeReplayParked } from './replay-requested';
export { AceCallNotPermittedError, EVENTS_ACE_CALLS, restrictAceClient } from './restrict-ace';
export { makeSnsAlerts } from './sns-alerts';
export type { AcceptReferralHandler, RecordHandler, ReplayParkedHandler } from './sqs-batch';
export { runSqsBatch } from './sqs-batch';
export type { DeliveryMeta, SubmitOpportunity, SubmitOutcome } from './submit-opportunity';
export { DUPLICATE_SCAN_PAGES, makeSubmitOpportunity } from './submit-opportunity';
export type { UpdateOpportunity, UpdateOutcome } from './update-opportunity';
export { makeUpdateOpportunity, readDealFor } from './update-opportunity';
export { verifyOwnership } from './verify-ownership';
export type { SubmitterRuntime } from './wiring';
export { buildReplayRequester, buildRuntime } from './wiring';
