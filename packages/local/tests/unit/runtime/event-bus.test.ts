import { describe, expect, it } from '@jest/globals';
import { type BusEvent, makeEventBus } from '../../../src/runtime/event-bus';

const anEvent = (overrides: Partial<BusEvent> = {}): BusEvent => ({
  version: '0',
  id: '5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b',
  source: 'aws.partnercentral-selling',
  'detail-type': 'Opportunity Updated',
  account: '123456789012',
  time: '2026-11-23T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { catalog: 'Sandbox', opportunity: { identifier: 'O1' } },
  ...overrides,
});

describe('makeEventBus', () => {
  it('delivers only events matching source, detail-type and detail fields', async () => {
    // Arrange
    const bus = makeEventBus();
    const seen: string[] = [];
    bus.addRule({
      name: 'ace',
      pattern: { source: ['aws.partnercentral-selling'], detail: { catalog: ['Sandbox'] } },
      target: async (e) => void seen.push(e['detail-type']),
    });
    // Act
    bus.publish(anEvent());
    bus.publish(anEvent({ detail: { catalog: 'AWS' } }));
    bus.publish(anEvent({ source: 'aws.other' }));
    await bus.drain();
    // Assert
    expect(seen).toEqual(['Opportunity Updated']);
    expect(bus.stats()).toMatchObject({ published: 3, delivered: 1, deadLettered: 0 });
  });

  it('retries a failing target and dead-letters the event after maxAttempts', async () => {
    const bus = makeEventBus({ retryDelaysMs: [0] });
    let calls = 0;
    bus.addRule({
      name: 'flaky',
      pattern: {},
      maxAttempts: 3,
      target: async () => {
        calls += 1;
        throw new Error(calls === 3 ? 'boom' : `busy ${calls}`);
      },
    });
    bus.publish(anEvent());
    await bus.drain();
    expect(calls).toBe(3);
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]).toMatchObject({
      rule: 'flaky',
      attempts: 3,
      error: 'Error: boom',
      errors: ['Error: busy 1', 'Error: busy 2', 'Error: boom'],
    });
  });

  it('succeeds on a later attempt without dead-lettering', async () => {
    const bus = makeEventBus({ retryDelaysMs: [0] });
    let calls = 0;
    bus.addRule({
      name: 'second-time-lucky',
      pattern: {},
      target: async () => {
        calls += 1;
        if (calls === 1) throw new Error('transient');
      },
    });
    bus.publish(anEvent());
    await bus.drain();
    expect(bus.stats()).toMatchObject({ delivered: 1, deadLettered: 0 });
  });

  it('waits between attempts, so the lease of a crashed attempt can end before the retry', async () => {
    // Arrange
    const bus = makeEventBus({ retryDelaysMs: [30, 60] });
    const at: number[] = [];
    bus.addRule({
      name: 'spaced',
      pattern: {},
      target: async () => {
        at.push(performance.now());
        throw new Error('in progress');
      },
    });
    // Act
    bus.publish(anEvent());
    await bus.drain();
    // Assert: ordering of waits, not timings (the gaps are at least the configured delays)
    expect(at).toHaveLength(3);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(29);
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(59);
  });
});
