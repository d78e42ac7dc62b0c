import { describe, expect, it } from '@jest/globals';
import { makeFaultInjector } from '../../../src/simulators/common/fault-injector';
import { makeRng } from '../../../src/simulators/common/rng';
import { faultPlan } from '../../../src/soak/fault-plan';

const CALLS = 20_000;

/** Share of calls the simulator's own fault injector faults under a plan's configuration. */
const faultedShare = (config: Parameters<typeof makeFaultInjector>[0], operation: string) => {
  const injector = makeFaultInjector(config, makeRng('plan-test'));
  let faulted = 0;
  for (let i = 0; i < CALLS; i += 1) if (injector.decide(operation).action !== 'none') faulted += 1;
  return faulted / CALLS;
};

describe('faultPlan', () => {
  it('faults each kind of call at about the given rate in the real simulators', () => {
    // Arrange
    const plan = faultPlan(0.2);
    // Act & Assert (binomial, 20,000 draws: +-0.015 is over 5 standard deviations)
    expect(faultedShare(plan.govwin, 'opportunities')).toBeCloseTo(0.2, 1);
    expect(Math.abs(faultedShare(plan.govwin, 'opportunities') - 0.2)).toBeLessThan(0.015);
    expect(Math.abs(faultedShare(plan.hubspot, 'batchUpsert') - 0.2)).toBeLessThan(0.015);
    expect(Math.abs(faultedShare(plan.hubspot, 'webhookDelivery') - 0.2)).toBeLessThan(0.015);
    // Partner Central: 5xx and hangs through the injector, throttles on top of them.
    const pc = faultedShare(plan.partnerCentral.faults, 'CreateOpportunity');
    expect(pc + (plan.partnerCentral.throttling.default ?? 0)).toBeCloseTo(0.2, 1);
    expect(plan.partnerCentral.eventDropRate).toBe(0.2);
  });

  it('drops a third of the faulted webhook attempts and lowers the HubSpot limit by the rate', () => {
    // Act
    const plan = faultPlan(0.3);
    // Assert
    expect(plan.hubspot.operations?.webhookDelivery?.dropRate).toBeCloseTo(0.1, 4);
    expect(plan.hubspotPer10s).toBe(70);
  });

  it('injects nothing at rate 0', () => {
    // Act
    const plan = faultPlan(0);
    // Assert
    expect(faultedShare(plan.govwin, 'x')).toBe(0);
    expect(faultedShare(plan.hubspot, 'webhookDelivery')).toBe(0);
    expect(plan.partnerCentral.throttling.default).toBe(0);
    expect(plan.partnerCentral.eventDropRate).toBe(0);
    expect(plan.hubspotPer10s).toBe(100);
  });

  it('refuses a rate outside 0..1', () => {
    // Act & Assert
    expect(() => faultPlan(1.2)).toThrow('fault rate must be a number in 0..1');
    expect(() => faultPlan(Number.NaN)).toThrow('fault rate must be a number in 0..1');
  });
});
