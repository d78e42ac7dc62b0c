// Public surface of the local protocol simulators: named re-exports only.
export type { AdminRoutesOptions } from './common/admin-routes';
export { handleAdminRoute, SIM_ROUTE_PREFIX } from './common/admin-routes';
export { applyFault } from './common/apply-fault';
export type { CallCounter } from './common/call-counter';
export { makeCallCounter } from './common/call-counter';
export type {
  FaultAction,
  FaultConfig,
  FaultCounters,
  FaultDecision,
  FaultInjector,
  OperationFaults,
} from './common/fault-injector';
export { makeFaultInjector, validateFaultConfig } from './common/fault-injector';
export type {
  RunningHttpSimulator,
  SimHandler,
  SimHang,
  SimRequest,
  SimResponse,
  StartHttpSimulatorOptions,
} from './common/http-simulator';
export { HANG, parseJsonBody, sleep, startHttpSimulator } from './common/http-simulator';
export type { Rng } from './common/rng';
export { makeRng } from './common/rng';
export type { RollingWindow } from './common/rolling-window';
export { makeRollingWindow } from './common/rolling-window';
export type { RouteDefinition, RouteHandler, RouteMatch } from './common/router';
export { makeRouter } from './common/router';
export type { SimClock, SimClockOptions } from './common/sim-clock';
export { makeSimClock } from './common/sim-clock';
export type {
  GovWinAccountState,
  GovWinInspection,
  GovWinSimulator,
  GovWinSimulatorOptions,
} from './govwin/govwin-simulator';
export {
  DEFAULT_GOVWIN_CREDENTIALS,
  GOVWIN_BASE_PATH,
  startGovWinSimulator,
} from './govwin/govwin-simulator';
export type { GovWinCredentials } from './govwin/oauth';
export type {
  HubSpotInspection,
  HubSpotSimulator,
  HubSpotSimulatorOptions,
  UserEditInput,
} from './hubspot/hubspot-simulator';
export {
  DEFAULT_HUBSPOT_TOKEN,
  DEFAULT_WEBHOOK_SUBSCRIPTIONS,
  startHubSpotSimulator,
} from './hubspot/hubspot-simulator';
export type { PipelineInput, StageInput } from './hubspot/pipelines';
export { signV1, signV3 } from './hubspot/signature-v3';
export type {
  DeliveryRecord,
  WebhookEvent,
  WebhookSettings,
  WebhookStats,
  WebhookSubscription,
} from './hubspot/webhook-dispatcher';
export type {
  InvitationSeed,
  PartnerCentralCounters,
  PartnerCentralEvent,
  PartnerCentralSimulator,
  PartnerCentralSimulatorOptions,
  PartnerCentralSnapshot,
  ReviewStep,
} from './partner-central/index';
export { startPartnerCentralSimulator } from './partner-central/index';
