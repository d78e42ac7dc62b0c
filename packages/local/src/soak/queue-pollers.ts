// Continuous SQS event-source mappings for the soak: each queue is polled by `concurrency` pollers at
// once (Terraform's maximum_concurrency is 2 for every queue trigger), unlike the main command's
// one-at-a-time `settle()`. Also the "is anything still moving?" test the phases wait on.
import type { QueueConsumer } from '../runtime/queue-consumer';
import type { LocalStack } from '../runtime/stack';

export interface Pollers {
  stop(): Promise<void>;
  /** Polls (receive + invoke) running right now. */
  busy(): number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts `concurrency` pollers per queue consumer.
 * @example const pollers = startPollers(stack.consumers, 2); ...; await pollers.stop();
 */
export const startPollers = (
  consumers: ReadonlyMap<string, QueueConsumer>,
  concurrency: number,
  idleMs = 100
): Pollers => {
  let stopped = false;
  let busy = 0;
  const loops: Promise<void>[] = [];
  for (const consumer of consumers.values()) {
    for (let i = 0; i < concurrency; i += 1) {
      loops.push(
        (async () => {
          while (!stopped) {
            busy += 1;
            let received = 0;
            try {
              received = (await consumer.pollOnce()).received;
            } catch {
              received = 0;
            } finally {
              busy -= 1;
            }
            if (received === 0) await sleep(idleMs);
          }
        })()
      );
    }
  }
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
    busy: () => busy,
  };
};

/** Work queues (not their dead-letter queues) that still hold messages, visible or in flight. */
export const pendingQueues = (stack: LocalStack): string[] =>
  Object.entries(stack.queueDepths())
    .filter(([name, d]) => !name.endsWith('-dlq') && d.total > 0)
    .map(([name]) => name);

/** True when no message, webhook, event or invocation is pending anywhere. */
export const isQuiet = (stack: LocalStack, running: () => number): boolean => {
  if (pendingQueues(stack).length > 0 || running() > 0) return false;
  const w = stack.hubspot.inspect().webhooks;
  if (w.pending + w.inFlight + w.scheduledRetries > 0) return false;
  return stack.bus.stats().inFlight === 0;
};

/**
 * Waits until `ready()` holds on `stableChecks` consecutive checks, or the deadline passes.
 * Returns whether it became ready.
 */
export const waitUntil = async (
  ready: () => boolean,
  deadline: number,
  options: { intervalMs?: number; stableChecks?: number } = {}
): Promise<boolean> => {
  const interval = options.intervalMs ?? 250;
  const needed = options.stableChecks ?? 3;
  let stable = 0;
  while (Date.now() < deadline) {
    stable = ready() ? stable + 1 : 0;
    if (stable >= needed) return true;
    await sleep(interval);
  }
  return false;
};
