// Quotas in real time: the simulator allows 1 write/s per account, as AWS does. No timing is asserted;
// the simulator's own throttle counters and the outcomes are.
import { afterEach, describe, expect, it } from '@jest/globals';
import { seedDeal } from '../helpers/deals';
import { type Harness, startHarness } from '../helpers/harness';
import { aSubmitMessage } from '../helpers/messages';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

describe('ACE write quota (1 write/s)', () => {
  it('paces writes through the shared DynamoDB bucket, and retries any edge throttle', async () => {
    // Arrange
    h = await startHarness({ realClock: true, pacing: true });
    const dealId = seedDeal(h.deals, '9101', { govwin_ace_aws_products: 'AmazonS3' });

    // Act
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });

    // Assert
    expect(outcome.status).toBe('submitted');
    expect(h.sim.counters().calls.CreateOpportunity).toBe(1);
    // Every throttle AWS answered was seen and retried (the pacing itself is measured by the bench).
    expect(h.metrics.counts.Throttles ?? 0).toBe(h.sim.counters().throttles.quota);
    const bucket = await h.deps.repo.get(dealId);
    expect(bucket?.steps.engagementStarted).toBeDefined();
  }, 60_000);

  it('retries ThrottlingException with back-off when writes are not paced, and still finishes', async () => {
    // Arrange
    h = await startHarness({ realClock: true, pacing: false, retryBaseDelayMs: 300 });
    const dealId = seedDeal(h.deals, '9102', { govwin_ace_aws_products: 'AmazonS3' });

    // Act
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });

    // Assert
    expect(outcome.status).toBe('submitted');
    expect(h.sim.counters().throttles.quota).toBeGreaterThan(0);
    expect(h.metrics.counts.Throttles).toBe(h.sim.counters().throttles.quota);
    const opps = h
      .opportunities()
      .filter(
        (o) =>
          (o as { PartnerOpportunityIdentifier?: string }).PartnerOpportunityIdentifier === dealId
      );
    expect(opps).toHaveLength(1);
  }, 60_000);

  it('retries injected throttles on every operation and never duplicates the opportunity', async () => {
    // Arrange: half of all calls are throttled on top of the quota.
    h = await startHarness({
      sim: { throttling: { default: 0.5 }, seed: 7 },
      retryBaseDelayMs: 5,
    });
    const dealId = seedDeal(h.deals, '9103');

    // Act
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });

    // Assert
    expect(outcome.status).toBe('submitted');
    expect(h.sim.counters().throttles.injected).toBeGreaterThan(0);
    expect(
      h
        .opportunities()
        .filter(
          (o) =>
            (o as { PartnerOpportunityIdentifier?: string }).PartnerOpportunityIdentifier === dealId
        )
    ).toHaveLength(1);
  });
});
