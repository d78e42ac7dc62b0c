// Public surface of the Partner Central Selling simulator: named re-exports only.
export type { AdminControl } from './admin';
export type {
  EventListener,
  EventStats,
  InvitationEventDetail,
  OpportunityEventDetail,
  PartnerCentralDetailType,
  PartnerCentralEvent,
} from './events';
export { EVENT_SOURCE } from './events';
export type { CatalogSnapshot, PartnerCentralCounters, PartnerCentralSnapshot } from './inspect';
export type {
  InvitationSeed,
  PartnerCentralSimulatorOptions,
  SolutionSeed,
  ThrottlingFaults,
} from './options';
export { DEFAULT_SOLUTIONS } from './options';
export type { QuotaLimits } from './quotas';
export { DEFAULT_QUOTAS } from './quotas';
export type { ReviewContext, ReviewScript, ReviewStep } from './review-script';
export { DEFAULT_REVIEW_SCRIPT } from './review-script';
export type { SellingModel } from './sdk-model';
export { sellingModel } from './sdk-model';
export type { PartnerCentralSimulator, SimulatorFaultSettings } from './simulator';
export { startPartnerCentralSimulator } from './simulator';
