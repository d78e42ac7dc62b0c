// Public surface of @govwin-ace/cli (for tests and for commands added by other packages).
export { parseFlags, positiveInt } from './args';
export type { Command, CommandIo, OutputStream } from './command';
export { EXIT, UsageError } from './command';
export { COMMANDS } from './commands/index';
export { makeSetupHubSpotCommand, setupHubSpotCommand } from './commands/setup-hubspot';
export { makeSyncCommand, syncCommand } from './commands/sync';
export { ACE_PIPELINE_STAGES, hubspotSchema } from './hubspot-schema';
export { main } from './main';
export type { Progress } from './progress';
export { makeProgress } from './progress';
export type { CallCounts, HubSpotSetupRuntime, SyncRuntime } from './runtime';
export { hubspotSetupRuntime, syncRuntime } from './runtime';
export type { SyncOnceOptions, SyncOnceSummary } from './sync-once';
export { runSyncOnce } from './sync-once';
