// Public surface of @govwin-ace/govwin-poller (used by the CLI, the local runtime and the benchmark).
export { makeSnsAlert } from './alerts';
export type { AcceptedDealWrite, AcceptedEntityWrite, SyncAudit } from './audit-sync-writes';
export { auditEntryOf, makeSyncAudit, SYNC_AUDIT_ACTOR } from './audit-sync-writes';
export type { DiscoveryConfig, OrchestratorConfig, SharedConfig, WorkerConfig } from './config';
export {
  DEFAULTS,
  ENV,
  loadDiscoveryConfig,
  loadOrchestratorConfig,
  loadWorkerConfig,
  parseStageIds,
} from './config';
export type { Discovery, DiscoveryMode } from './discover';
export { discover, govwinDay } from './discover';
export type { FetchResult, OpportunityBundle } from './fetch-bundles';
export { fetchBundles } from './fetch-bundles';
export type { Enqueue, OrchestrateDeps, OrchestrateResult } from './orchestrate';
export { makeOrchestrate, toMessages } from './orchestrate';
export type { ContactRef, DealPlan, Rejection, WritePlan } from './plan-writes';
export { planWrites } from './plan-writes';
export type { LogPort, MetricName, MetricsPort } from './ports';
export { makeCountingMetrics, makePowertoolsMetrics, SYNC_METRIC, silentLog } from './ports';
export type { ProcessSyncBatchDeps } from './process-sync-batch';
export { makeProcessSyncBatch } from './process-sync-batch';
export type { PipelineConfig, ResolvedPipeline } from './resolve-pipeline';
export { makePipelineResolver } from './resolve-pipeline';
export type { GovWinRuntime, GovWinRuntimeDeps, HubSpotRuntimeDeps } from './runtime';
export { hostOf, makeGovWinRuntime, makeHubSpotRuntime, makeSecretTokenCache } from './runtime';
export { makeSqsEnqueue } from './sqs-enqueue';
export type { OpportunityRef, SyncMessage } from './sync-message';
export { encodeSyncMessage, MAX_OPPORTUNITIES_PER_MESSAGE, parseSyncMessage } from './sync-message';
export type { OpportunityOutcome, SyncDeps, SyncReport } from './sync-opportunities';
export { dedupeRefs, makeSyncOpportunities } from './sync-opportunities';
export type { DealWriteOutcome, WriteDeps } from './write-hubspot';
export { writePlan } from './write-hubspot';
