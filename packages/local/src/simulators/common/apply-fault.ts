// Turns a fault decision into simulator behaviour: wait the injected latency, then hang, answer
// the injected 5xx, or let the real handler run.
import type { FaultInjector } from './fault-injector';
import { HANG, type SimHang, type SimResponse, sleep } from './http-simulator';

/**
 * Applies the configured fault for `operation`. Returns a response (or HANG) to send instead of
 * the real one, or undefined when the request should proceed normally.
 */
export const applyFault = async (
  faults: FaultInjector,
  operation: string,
  errorResponse: (status: number) => SimResponse
): Promise<SimResponse | SimHang | undefined> => {
  const decision = faults.decide(operation);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  if (decision.action === 'timeout') return HANG;
  if (decision.action === 'error') return errorResponse(decision.status ?? 500);
  return undefined;
};
