// The `/__sim/...` inspect/reset interface every simulator exposes next to its real API:
//   GET  /__sim/inspect  -> the simulator's inspect() snapshot
//   POST /__sim/reset    -> reset() (204)
//   GET  /__sim/faults   -> { config, counters }
//   PUT  /__sim/faults   -> replace the fault configuration (400 with a one-line reason if invalid)
// plus simulator-specific routes under the same prefix.
import { type FaultInjector, validateFaultConfig } from './fault-injector';
import { parseJsonBody, type SimRequest, type SimResponse } from './http-simulator';

export const SIM_ROUTE_PREFIX = '/__sim/';

export interface AdminRoutesOptions {
  inspect: () => unknown;
  reset: () => void;
  faults: FaultInjector;
  /** Extra routes keyed by `METHOD /__sim/name`, e.g. `'POST /__sim/user-edit'`. */
  extra?: Record<string, (req: SimRequest) => SimResponse | Promise<SimResponse>>;
}

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : 'invalid');

/**
 * Answers `/__sim/...` requests; returns undefined for any other path so the caller can route it
 * to the real API.
 */
export const handleAdminRoute = async (
  req: SimRequest,
  options: AdminRoutesOptions
): Promise<SimResponse | undefined> => {
  if (!req.path.startsWith(SIM_ROUTE_PREFIX)) return undefined;
  const key = `${req.method} ${req.path.replace(/\/$/, '')}`;
  switch (key) {
    case 'GET /__sim/inspect':
      return { status: 200, body: options.inspect() };
    case 'POST /__sim/reset':
      options.reset();
      return { status: 204 };
    case 'GET /__sim/faults':
      return {
        status: 200,
        body: { config: options.faults.config(), counters: options.faults.counters() },
      };
    case 'PUT /__sim/faults': {
      const parsed = parseJsonBody(req.rawBody);
      if (!parsed.ok) return { status: 400, body: { message: 'fault config must be JSON' } };
      try {
        options.faults.configure(validateFaultConfig(parsed.value));
      } catch (err) {
        return { status: 400, body: { message: errorMessage(err) } };
      }
      return { status: 200, body: { config: options.faults.config() } };
    }
    default: {
      const extra = options.extra?.[key];
      if (extra) return extra(req);
      return { status: 404, body: { message: `unknown simulator route ${key}` } };
    }
  }
};
