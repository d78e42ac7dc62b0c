// The deployed handler modules (src/handlers/*.ts, through their real middy chains and configuration)
// run by the local runtime: EventBridge Scheduler stand-in, SQS with visibility timeouts, receive
// counts and redrive to the DLQ, local Secrets Manager and SNS, DynamoDB Local, and the simulators.

import { govwinHubSpotSchema } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type LocalStack, startLocalStack } from '../../../local/src/runtime/stack';

jest.setTimeout(120_000);

/** What `govwin-ace setup-hubspot` creates, seeded into the HubSpot simulator. */
const seededSchema = () => {
  const spec = govwinHubSpotSchema('GovWin Pipeline');
  return Object.fromEntries(
    (['deals', 'companies', 'contacts'] as const).map((t) => [
      t,
      { groups: spec.groups[t] ?? [], properties: [...(spec.properties[t] ?? [])] },
    ])
  );
};

describe('govwin-poller handlers in the local runtime', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({
      opportunityCount: 20,
      visibilityTimeoutMs: 50,
      simulators: { hubspot: { schema: seededSchema() } },
      warn: () => undefined,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('the scheduled orchestrator and the SQS worker sync every marked opportunity', async () => {
    // Act
    await stack.runScheduled('govwin-poller-orchestrator');
    await stack.settle();
    // Assert
    const marked = stack.govwin.inspect().marked['2.2'] ?? [];
    const synced = stack.hubspot.listObjects('deals').map((d) => d.properties.govwin_opp_id);
    expect(marked.length).toBeGreaterThan(0);
    expect([...synced].sort()).toEqual([...marked].sort());
    expect(stack.queueDepths()['govwin-sync-dlq']?.total ?? 0).toBe(0);
  });

  it('a poison message reaches the DLQ after 5 receives instead of being consumed', async () => {
    // Arrange
    const queue = stack.aws.queue('govwin-sync');
    const before = stack.queueDepths()['govwin-sync-dlq']?.total ?? 0;
    // Act
    queue.send('{"opportunity_batch":[]}');
    await stack.settle({ maxWaitMs: 20_000 });
    // Assert
    expect((stack.queueDepths()['govwin-sync-dlq']?.total ?? 0) - before).toBe(1);
    expect(stack.queueDepths()['govwin-sync']?.total).toBe(0);
  });
});
