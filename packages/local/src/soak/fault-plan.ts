// Turns one fault rate into the simulators' fault settings. Every faultable unit gets the same chance of
// a fault, split across the kinds that unit can meet in production:
//  - API calls (GovWin, HubSpot, Partner Central): 5xx, a hang past the client's timeout, and throttling
//    (Partner Central ThrottlingException; HubSpot 429 from a per-10-second limit lowered by the same rate,
//    as if another integration in the portal used that share of it);
//  - HubSpot webhook delivery attempts: 5xx and timeouts (HubSpot retries them) and silent drops;
//  - Partner Central EventBridge events: dropped (the only fault an event can have).
import type { FaultConfig } from '../simulators/common/fault-injector';
import type { ThrottlingFaults } from '../simulators/partner-central/index';

/** The simulator settings of one fault rate. */
export interface FaultPlan {
  rate: number;
  govwin: FaultConfig;
  hubspot: FaultConfig;
  /** HubSpot per-10-second request limit (HubSpot's default is 100). */
  hubspotPer10s: number;
  partnerCentral: { faults: FaultConfig; throttling: ThrottlingFaults; eventDropRate: number };
  /** One line per system, for the report. */
  describe: string[];
}

/** Share of faulted calls that hang instead of answering (each costs a full client timeout). */
export const TIMEOUT_SHARE = 0.02;
/** Share of faulted Partner Central calls answered with ThrottlingException. */
export const THROTTLE_SHARE = 0.45;
/** Share of faulted webhook delivery attempts that are dropped silently (never retried). */
export const WEBHOOK_DROP_SHARE = 1 / 3;

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const pct = (n: number) => `${round(n * 100)}%`;

/**
 * Builds the simulators' fault settings for a rate in [0, 1].
 * @example const plan = faultPlan(0.2); plan.partnerCentral.throttling.default // 0.09
 */
export const faultPlan = (rate: number): FaultPlan => {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new RangeError('fault rate must be a number in 0..1');
  const timeout = round(rate * TIMEOUT_SHARE);
  const throttle = round(rate * THROTTLE_SHARE);
  const webhookDrop = round(rate * WEBHOOK_DROP_SHARE);
  const webhookTimeout = round(rate * TIMEOUT_SHARE);
  const webhookError = round(rate - webhookDrop - webhookTimeout);
  const hubspotPer10s = Math.max(10, Math.round(100 * (1 - rate)));
  const hubspotError = round(rate - timeout);
  const pcError = round(rate - timeout - throttle);
  return {
    rate,
    govwin: {
      default: { errorRate: round(rate - timeout), errorStatus: 503, timeoutRate: timeout },
    },
    hubspot: {
      default: { errorRate: hubspotError, errorStatus: 502, timeoutRate: timeout },
      operations: {
        webhookDelivery: {
          errorRate: webhookError,
          timeoutRate: webhookTimeout,
          dropRate: webhookDrop,
        },
      },
    },
    hubspotPer10s,
    partnerCentral: {
      faults: { default: { errorRate: pcError, errorStatus: 500, timeoutRate: timeout } },
      throttling: { default: throttle },
      eventDropRate: round(rate),
    },
    describe: [
      `GovWin calls: ${pct(rate - timeout)} 503, ${pct(timeout)} hang`,
      `HubSpot calls: ${pct(hubspotError)} 502, ${pct(timeout)} hang, 429 above ${hubspotPer10s} requests/10 s`,
      `HubSpot webhook attempts: ${pct(webhookError)} 5xx, ${pct(webhookTimeout)} timeout (retried), ${pct(webhookDrop)} dropped`,
      `Partner Central calls: ${pct(pcError)} 500, ${pct(throttle)} ThrottlingException, ${pct(timeout)} hang`,
      `Partner Central EventBridge events: ${pct(rate)} dropped`,
    ],
  };
};
