import type { EventBridgeEvent } from 'aws-lambda';

/** An EventBridge event as the bus carries it. */
export type BusEvent = EventBridgeEvent<string, unknown>;

/** A rule: an event pattern over `source`, `detail-type` and top-level `detail` fields, and a target. */
export interface BusRule {
  name: string;
  pattern: { source?: string[]; 'detail-type'?: string[]; detail?: Record<string, string[]> };
  target: (event: BusEvent) => Promise<unknown>;
  /**
   * Attempts per event (default 3: Lambda's asynchronous invocation makes two retries after a function error,
   * about 1 and 2 minutes apart); after the last one the event goes to the dead-letter list.
   */
  maxAttempts?: number;
}

/**
 * The record Lambda writes to a function's on-failure destination after its last asynchronous attempt
 * failed (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html), for a
 * dead-lettered delivery to the function `functionName` of account `accountId`.
 */
export const asyncFailureRecord = (
  d: DeadLetteredEvent,
  functionName: string,
  accountId: string,
  now: number
) => ({
  version: '1.0',
  timestamp: new Date(now).toISOString(),
  requestContext: {
    requestId: crypto.randomUUID(),
    functionArn: `arn:aws:lambda:${d.event.region || 'us-east-1'}:${accountId}:function:${functionName}`,
    condition: 'RetriesExhausted',
    approximateInvokeCount: d.attempts,
  },
  requestPayload: d.event,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  // The error's type only: Lambda would keep the message too, which can quote values.
  responsePayload: { errorType: /^([A-Za-z_$][\w$.]*):/.exec(d.error)?.[1] ?? 'Error' },
});

/** A delivery that exhausted its attempts. */
export interface DeadLetteredEvent {
  rule: string;
  event: BusEvent;
  /** The last attempt's error. */
  error: string;
  /** Every attempt's error, in order (the earlier ones often explain the last). */
  errors: string[];
  attempts: number;
}

const matchesPattern = (pattern: BusRule['pattern'], event: BusEvent): boolean => {
  if (pattern.source && !pattern.source.includes(event.source)) return false;
  if (pattern['detail-type'] && !pattern['detail-type'].includes(event['detail-type']))
    return false;
  for (const [field, allowed] of Object.entries(pattern.detail ?? {})) {
    const value = (event.detail as Record<string, unknown> | null)?.[field];
    if (typeof value !== 'string' || !allowed.includes(value)) return false;
  }
  return true;
};

/**
 * A local default event bus: rules with EventBridge-style patterns, asynchronous delivery with bounded
 * retries, and a dead-letter list. `drain()` waits for every delivery in flight, so runs are deterministic.
 */
export const makeEventBus = (
  options: {
    onDeadLetter?: (d: DeadLetteredEvent) => void;
    /**
     * Wait before each retry, in real ms (default 6 s then 12 s: Lambda's ~1 and ~2 minute spacing scaled
     * down tenfold, still longer than the local runtime's event lease so a crashed attempt's lease has ended).
     */
    retryDelaysMs?: readonly number[];
  } = {}
) => {
  const retryDelaysMs = options.retryDelaysMs ?? [6_000, 12_000];
  const rules: BusRule[] = [];
  const deadLetters: DeadLetteredEvent[] = [];
  const pending = new Set<Promise<void>>();
  let published = 0;
  let delivered = 0;

  const deliver = async (rule: BusRule, event: BusEvent): Promise<void> => {
    const attempts = rule.maxAttempts ?? 3;
    const errors: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await rule.target(event);
        delivered += 1;
        return;
      } catch (err) {
        errors.push(
          err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : 'unknown error'
        );
      }
      const wait = retryDelaysMs[Math.min(attempt - 1, retryDelaysMs.length - 1)] ?? 0;
      if (attempt < attempts && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const dead = { rule: rule.name, event, error: errors.at(-1) ?? '', errors, attempts };
    deadLetters.push(dead);
    options.onDeadLetter?.(dead);
  };

  return {
    addRule: (rule: BusRule): void => {
      rules.push(rule);
    },
    /** Publishes an event; deliveries run in the background (see `drain`). */
    publish: (event: BusEvent): number => {
      published += 1;
      const targets = rules.filter((r) => matchesPattern(r.pattern, event));
      for (const rule of targets) {
        const p = deliver(rule, event).finally(() => pending.delete(p));
        pending.add(p);
      }
      return targets.length;
    },
    drain: async (): Promise<void> => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    deadLetters,
    stats: () => ({
      published,
      delivered,
      deadLettered: deadLetters.length,
      inFlight: pending.size,
    }),
  };
};
export type EventBus = ReturnType<typeof makeEventBus>;
