// Configurable, seeded fault injection shared by the simulators. Each operation (e.g. 'search',
// 'batchUpsert', 'webhookDelivery') can get an error rate (5xx), added latency, a timeout rate (the
// server hangs past any sane client timeout) and, for outbound deliveries, a drop rate.
import type { Rng } from './rng';

/** Faults for one operation. Rates are probabilities in [0, 1]. */
export interface OperationFaults {
  /** Probability of answering with `errorStatus` instead of the real response. */
  errorRate?: number;
  /** Status used for injected errors (default 500; must be 500-599). */
  errorStatus?: number;
  /** Fixed latency added before answering, in ms. */
  latencyMs?: number;
  /** Extra random latency in [0, latencyJitterMs] ms. */
  latencyJitterMs?: number;
  /** Probability of never answering (the request hangs until the client gives up). */
  timeoutRate?: number;
  /** Probability of silently dropping an outbound delivery (webhooks). */
  dropRate?: number;
}

/** Fault configuration: `default` applies to every operation without its own entry. */
export interface FaultConfig {
  default?: OperationFaults;
  operations?: Record<string, OperationFaults>;
}

/** What the simulator must do for one call. */
export type FaultAction = 'none' | 'error' | 'timeout' | 'drop';

export interface FaultDecision {
  action: FaultAction;
  latencyMs: number;
  /** Set when `action` is 'error'. */
  status?: number;
}

/** Per-operation counters of injected faults. */
export type FaultCounters = Record<
  string,
  { error: number; timeout: number; drop: number; delayed: number }
>;

export interface FaultInjector {
  /** Decides the fault for one call of `operation` and counts it. */
  decide(operation: string): FaultDecision;
  counters(): FaultCounters;
  config(): FaultConfig;
  /** Replaces the configuration (validated); counters are kept. */
  configure(config: FaultConfig): void;
  /** Clears the counters. */
  reset(): void;
}

const RATE_KEYS = ['errorRate', 'timeoutRate', 'dropRate'] as const;
const MS_KEYS = ['latencyMs', 'latencyJitterMs'] as const;
const KNOWN_KEYS = new Set<string>([...RATE_KEYS, ...MS_KEYS, 'errorStatus']);

const validateOperation = (where: string, faults: unknown): OperationFaults => {
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) {
    throw new TypeError(`fault config ${where}: must be an object`);
  }
  const record = faults as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) throw new TypeError(`fault config ${where}: unknown key ${key}`);
  }
  for (const key of RATE_KEYS) {
    const v = record[key];
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) {
      throw new RangeError(`fault config ${where}.${key}: must be a number in [0, 1]`);
    }
  }
  for (const key of MS_KEYS) {
    const v = record[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new RangeError(`fault config ${where}.${key}: must be a number >= 0`);
    }
  }
  const status = record.errorStatus;
  if (
    status !== undefined &&
    (!Number.isInteger(status) || Number(status) < 500 || Number(status) > 599)
  ) {
    throw new RangeError(`fault config ${where}.errorStatus: must be an integer in 500-599`);
  }
  return record as OperationFaults;
};

/** Validates a fault configuration and returns a copy; throws a one-line error otherwise. */
export const validateFaultConfig = (config: unknown): FaultConfig => {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new TypeError('fault config: must be an object');
  }
  const { default: def, operations, ...rest } = config as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new TypeError(`fault config: unknown key ${extra[0]}`);
  const out: FaultConfig = {};
  if (def !== undefined) out.default = { ...validateOperation('default', def) };
  if (operations !== undefined) {
    if (typeof operations !== 'object' || operations === null || Array.isArray(operations)) {
      throw new TypeError('fault config operations: must be an object');
    }
    out.operations = {};
    for (const [name, faults] of Object.entries(operations)) {
      out.operations[name] = { ...validateOperation(name, faults) };
    }
  }
  return out;
};

/**
 * Creates a fault injector. Decisions draw from `rng`, so a seeded rng makes a run reproducible.
 * Order of checks per call: timeout, error, drop (at most one fires), then latency.
 * @example const faults = makeFaultInjector({ operations: { search: { errorRate: 0.1 } } }, makeRng(7));
 */
export const makeFaultInjector = (config: FaultConfig = {}, rng: Rng): FaultInjector => {
  let current = validateFaultConfig(config);
  let counts: FaultCounters = {};
  const counterFor = (op: string) => {
    let c = counts[op];
    if (!c) {
      c = { error: 0, timeout: 0, drop: 0, delayed: 0 };
      counts[op] = c;
    }
    return c;
  };
  return {
    decide: (operation) => {
      const faults = current.operations?.[operation] ?? current.default;
      if (!faults) return { action: 'none', latencyMs: 0 };
      const latencyMs =
        (faults.latencyMs ?? 0) +
        (faults.latencyJitterMs ? Math.floor(rng.next() * (faults.latencyJitterMs + 1)) : 0);
      if (latencyMs > 0) counterFor(operation).delayed += 1;
      if (rng.chance(faults.timeoutRate ?? 0)) {
        counterFor(operation).timeout += 1;
        return { action: 'timeout', latencyMs };
      }
      if (rng.chance(faults.errorRate ?? 0)) {
        counterFor(operation).error += 1;
        return { action: 'error', latencyMs, status: faults.errorStatus ?? 500 };
      }
      if (rng.chance(faults.dropRate ?? 0)) {
        counterFor(operation).drop += 1;
        return { action: 'drop', latencyMs };
      }
      return { action: 'none', latencyMs };
    },
    counters: () => structuredClone(counts),
    config: () => structuredClone(current),
    configure: (next) => {
      current = validateFaultConfig(next);
    },
    reset: () => {
      counts = {};
    },
  };
};
