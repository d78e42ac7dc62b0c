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
export type { RouteDefinition, RouteHandler, RouteMatch } from './common/router';
export { makeRouter } from './common/router';
export type { SimClock, SimClockOptions } from './common/sim-clock';
export { makeSimClock } from './common/sim-clock';
