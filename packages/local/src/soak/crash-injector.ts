// Crashes Lambda invocations the way a dying execution environment does. Each invocation runs in its own
// async context; every outbound call it makes (fetch for GovWin/HubSpot, node:http for the AWS SDK:
// DynamoDB, SQS, SNS, Secrets Manager, Partner Central) is counted. An invocation armed with "crash after
// call k" lets call k reach the server (its side effect happens), then loses the response; from then on
// the invocation is dead: the caller (queue, API, event bus, scheduler) sees a failed invocation at once,
// and any further call the abandoned code attempts fails before leaving the process. The same happens at
// the Lambda timeout. The next invocation gets a fresh module instance (cold start, empty caches), as AWS
// replaces a crashed or timed-out environment. Which invocations crash, and where, is a pure function of
// (seed, Lambda, invocation number), so a seed reproduces the same crash sequence.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { Socket } from 'node:net';
import { handlerPath, type LambdaSpec } from '../runtime/lambda-catalog';
import { loadLambda } from '../runtime/lambda-invoker';
import type { LambdaInvoke } from '../runtime/stack';
import { makeRng } from '../simulators/common/rng';

/** What a crashed (or timed-out) invocation's caller and its abandoned code see. */
export class SimulatedCrash extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'SimulatedCrash';
  }
}

/** Lambda timeouts of terraform/stack/lambdas.tf, in seconds. */
export const PRODUCTION_TIMEOUTS_S: Readonly<Record<string, number>> = {
  'govwin-poller-orchestrator': 600,
  'govwin-poller-worker': 300,
  'hubspot-webhook-receiver-receiver': 9,
  'ace-submitter-submit': 120,
  'ace-submitter-update': 60,
  'ace-submitter-events': 60,
  'ace-submitter-reconcile': 300,
  'ui-ext-reads-reads': 9,
  'ui-ext-writes-writes': 28,
};

/** Compressed timeouts for the short soak in the test suite (still above a normal invocation's length). */
export const SHORT_TIMEOUTS_S: Readonly<Record<string, number>> = {
  'govwin-poller-orchestrator': 30,
  'govwin-poller-worker': 20,
  'hubspot-webhook-receiver-receiver': 9,
  'ace-submitter-submit': 15,
  'ace-submitter-update': 15,
  'ace-submitter-events': 15,
  'ace-submitter-reconcile': 30,
  'ui-ext-reads-reads': 9,
  'ui-ext-writes-writes': 15,
};

/**
 * Highest outbound call a crash is armed after, per Lambda: roughly the calls a normal invocation makes, so
 * armed crashes land anywhere from the first call to the last. An invocation that makes fewer calls than
 * its armed index simply completes (counted as armed, not fired).
 */
export const CRASH_WINDOW: Readonly<Record<string, number>> = {
  'govwin-poller-orchestrator': 8,
  'govwin-poller-worker': 14,
  'hubspot-webhook-receiver-receiver': 3,
  'ace-submitter-submit': 20,
  'ace-submitter-update': 12,
  'ace-submitter-events': 8,
  'ace-submitter-reconcile': 16,
  'ui-ext-reads-reads': 3,
  'ui-ext-writes-writes': 8,
};

/**
 * The call after which the n-th invocation of a Lambda crashes, or undefined when it runs normally.
 * @example crashPointFor({ seed: 1, lambda: 'ace-submitter-submit', invocation: 3, killRate: 0.05 })
 */
export const crashPointFor = (input: {
  seed: number;
  lambda: string;
  invocation: number;
  killRate: number;
}): number | undefined => {
  const rng = makeRng(`${input.seed}:crash:${input.lambda}:${input.invocation}`);
  if (!rng.chance(input.killRate)) return undefined;
  return rng.int(1, CRASH_WINDOW[input.lambda] ?? 8);
};

interface Invocation {
  lambda: string;
  crashAfter: number | undefined;
  calls: number;
  dead: boolean;
  crash: (why: 'crash' | 'timeout') => void;
}

/** Per-Lambda counters of what the injector did. */
export interface CrashStats {
  invocations: number;
  armed: number;
  crashed: number;
  timedOut: number;
  /** Invocations that failed on their own (threw or returned an error to the trigger). */
  failed: number;
  coldStarts: number;
  /**
   * Crashes after which the previous environment was reused instead of a fresh one, because the handler's
   * source file changed on disk during the run (a fresh instance re-reads that file but shares the modules
   * already loaded, which would mix two versions) or failed to load. A checkout nobody edits has none.
   */
  reloadFailures: number;
  /** Median and longest invocation, in ms (crashed and timed-out ones included). */
  medianMs: number;
  maxMs: number;
}

/** Last failure seen for a queue message, by SQS message id (for naming DLQ entries). */
export interface MessageFailure {
  messageId: string;
  lambda: string;
  kind: 'crash' | 'timeout' | 'threw' | 'batch-item-failure';
  detail: string;
}

export interface CrashInjector {
  /** Patches fetch and node:http; must run before the stack loads any handler. */
  install(): void;
  uninstall(): void;
  /** The stack's `wrapInvoke` hook. */
  wrap: (spec: LambdaSpec, invoke: LambdaInvoke) => LambdaInvoke;
  stats(): Record<string, CrashStats>;
  /**
   * Waits (at most `maxMs`) for the code of crashed and timed-out invocations to stop: it keeps running in
   * this process (its calls fail) and may still log, which must land in the captured output before it is
   * scanned. Returns how many are still running.
   */
  settleAbandoned(maxMs: number): Promise<number>;
  /** Last failure per message body (a dead-lettered copy carries the body, not the original id). */
  messageFailures(): ReadonlyMap<string, MessageFailure>;
  /** Invocations running right now, per Lambda. */
  inFlight(): Record<string, number>;
}

const errorSummary = (err: unknown): string => {
  if (!(err instanceof Error)) return 'non-error thrown';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${err.name} (${code})` : err.name;
};

const sqsRecords = (event: unknown): { messageId: string; body: string }[] => {
  const records = (event as { Records?: unknown })?.Records;
  if (!Array.isArray(records)) return [];
  return records.flatMap((r) => {
    const { messageId, body } = r as { messageId?: unknown; body?: unknown };
    return typeof messageId === 'string' && typeof body === 'string' ? [{ messageId, body }] : [];
  });
};

const batchFailures = (result: unknown): string[] => {
  const list = (result as { batchItemFailures?: unknown })?.batchItemFailures;
  if (!Array.isArray(list)) return [];
  return list
    .map((f) => (f as { itemIdentifier?: unknown }).itemIdentifier)
    .filter((id): id is string => typeof id === 'string');
};

/** Hash of a handler's source file (a fresh environment is only loaded while it is unchanged). */
const sourceHash = (spec: LambdaSpec): string => {
  try {
    return createHash('sha256')
      .update(readFileSync(handlerPath(spec)))
      .digest('hex');
  } catch {
    return 'unreadable';
  }
};

/** A socket that fails before connecting: a dead environment's call never reaches the network. */
const deadSocket = (): Socket => {
  const socket = new Socket();
  process.nextTick(() => socket.destroy(new SimulatedCrash('execution environment is gone')));
  return socket;
};

/**
 * Builds the injector.
 * @example const crashes = makeCrashInjector({ seed: 1, killRate: 0.05, timeoutsS: PRODUCTION_TIMEOUTS_S });
 */
export const makeCrashInjector = (options: {
  seed: number;
  killRate: number;
  timeoutsS: Readonly<Record<string, number>>;
}): CrashInjector => {
  const als = new AsyncLocalStorage<Invocation>();
  const stats: Record<string, CrashStats> = {};
  const failures = new Map<string, MessageFailure>();
  const running: Record<string, number> = {};
  // The code of crashed and timed-out invocations, still running until its calls have all failed.
  const abandoned = new Set<Promise<unknown>>();
  let realFetch: typeof fetch | undefined;
  let realRequest: typeof http.request | undefined;
  let installed = false;

  const durations: Record<string, number[]> = {};
  const statsFor = (lambda: string): CrashStats => {
    stats[lambda] ??= {
      invocations: 0,
      armed: 0,
      crashed: 0,
      timedOut: 0,
      failed: 0,
      coldStarts: 0,
      reloadFailures: 0,
      medianMs: 0,
      maxMs: 0,
    };
    return stats[lambda];
  };

  const lostResponse = (inv: Invocation) =>
    new SimulatedCrash(`${inv.lambda}: crashed after outbound call ${inv.calls}`);

  const patchedFetch = async (
    input: Parameters<typeof fetch>[0],
    init?: Parameters<typeof fetch>[1]
  ): Promise<Response> => {
    const original = realFetch as typeof fetch;
    const inv = als.getStore();
    if (!inv) return original(input, init);
    if (inv.dead) throw new SimulatedCrash(`${inv.lambda}: execution environment is gone`);
    inv.calls += 1;
    const call = inv.calls;
    const res = await original(input, init);
    if (inv.crashAfter === call || inv.dead) {
      await res.arrayBuffer().catch(() => undefined);
      if (!inv.dead) inv.crash('crash');
      throw lostResponse(inv);
    }
    return res;
  };

  function patchedRequest(this: unknown, ...args: unknown[]): ClientRequest {
    const original = realRequest as (...a: unknown[]) => ClientRequest;
    const inv = als.getStore();
    const [first, second] = args;
    if (!inv || typeof first !== 'object' || first === null || first instanceof URL)
      return original.apply(http, args);
    if (inv.dead) {
      return original.call(
        http,
        // No agent, so Node uses createConnection (agent: false would make a fresh Agent instead).
        { ...(first as RequestOptions), agent: undefined, createConnection: deadSocket },
        second
      );
    }
    inv.calls += 1;
    const call = inv.calls;
    const req = original.apply(http, args);
    const target = req as unknown as { emit: (event: string, ...rest: unknown[]) => boolean };
    const emit = target.emit.bind(req);
    target.emit = (event: string, ...rest: unknown[]) => {
      if (event === 'response' && (inv.crashAfter === call || inv.dead)) {
        (rest[0] as IncomingMessage).resume();
        if (!inv.dead) inv.crash('crash');
        return emit('error', lostResponse(inv));
      }
      return emit(event, ...rest);
    };
    return req;
  }

  const wrap = (spec: LambdaSpec, _stackInvoke: LambdaInvoke): LambdaInvoke => {
    const timeoutMs = (options.timeoutsS[spec.name] ?? 30) * 1000;
    const source = sourceHash(spec);
    let invocations = 0;
    let instances = 0;
    let current: Promise<LambdaInvoke> | undefined;
    let lastGood: LambdaInvoke | undefined;
    const environment = (): Promise<LambdaInvoke> => {
      if (current) return current;
      if (lastGood && sourceHash(spec) !== source) {
        statsFor(spec.name).reloadFailures += 1;
        current = Promise.resolve(lastGood);
        return current;
      }
      instances += 1;
      statsFor(spec.name).coldStarts += 1;
      // The loader's own timeout is a backstop behind ours.
      const loading = loadLambda(spec, {
        timeoutMs: timeoutMs + 5_000,
        instance: `soak-${instances}`,
      }).then(
        (l) => {
          lastGood = l.invoke;
          return l.invoke;
        },
        (err: unknown) => {
          if (!lastGood) throw err;
          statsFor(spec.name).reloadFailures += 1;
          return lastGood;
        }
      );
      current = loading;
      loading.catch(() => {
        if (current === loading) current = undefined;
      });
      return loading;
    };
    // The first environment loads now, while the stack starts, so it matches the modules the stack loaded.
    environment().catch(() => undefined);

    return async (event: unknown): Promise<unknown> => {
      invocations += 1;
      const s = statsFor(spec.name);
      s.invocations += 1;
      const crashAfter = crashPointFor({
        seed: options.seed,
        lambda: spec.name,
        invocation: invocations,
        killRate: options.killRate,
      });
      if (crashAfter !== undefined) s.armed += 1;
      const invoke = await environment();
      const mine = current;
      let reject: (err: Error) => void = () => undefined;
      const crashed = new Promise<never>((_, rej) => {
        reject = rej;
      });
      const inv: Invocation = {
        lambda: spec.name,
        crashAfter,
        calls: 0,
        dead: false,
        crash: (why) => {
          if (inv.dead) return;
          inv.dead = true;
          if (why === 'crash') s.crashed += 1;
          else s.timedOut += 1;
          // AWS replaces the environment of a crashed or timed-out invocation.
          if (current === mine) current = undefined;
          reject(
            new SimulatedCrash(
              why === 'crash'
                ? `${spec.name}: crashed after outbound call ${inv.calls}`
                : `${spec.name}: timed out after ${timeoutMs} ms`
            )
          );
        },
      };
      const timer = setTimeout(() => inv.crash('timeout'), timeoutMs);
      const work = als.run(inv, () => invoke(event));
      const t0 = Date.now();
      running[spec.name] = (running[spec.name] ?? 0) + 1;
      const records = sqsRecords(event);
      try {
        const result = await Promise.race([work, crashed]);
        const failedIds = batchFailures(result);
        if (failedIds.length > 0) s.failed += 1;
        for (const r of records)
          if (failedIds.includes(r.messageId))
            failures.set(r.body, {
              messageId: r.messageId,
              lambda: spec.name,
              kind: 'batch-item-failure',
              detail: 'reported in batchItemFailures',
            });
        return result;
      } catch (err) {
        if (err instanceof SimulatedCrash) {
          const left: Promise<unknown> = work.then(
            () => abandoned.delete(left),
            () => abandoned.delete(left)
          );
          abandoned.add(left);
        }
        const kind: MessageFailure['kind'] =
          err instanceof SimulatedCrash
            ? err.message.includes('timed out')
              ? 'timeout'
              : 'crash'
            : 'threw';
        if (kind === 'threw') s.failed += 1;
        for (const r of records)
          failures.set(r.body, {
            messageId: r.messageId,
            lambda: spec.name,
            kind,
            detail: errorSummary(err),
          });
        throw err;
      } finally {
        clearTimeout(timer);
        inv.dead = true;
        durations[spec.name] ??= [];
        durations[spec.name]?.push(Date.now() - t0);
        running[spec.name] = (running[spec.name] ?? 1) - 1;
      }
    };
  };

  return {
    install: () => {
      if (installed) return;
      installed = true;
      realFetch = globalThis.fetch;
      realRequest = http.request;
      globalThis.fetch = patchedFetch as typeof fetch;
      http.request = patchedRequest as typeof http.request;
      syncBuiltinESMExports();
    },
    // Code that captured the patched functions keeps working: outside an invocation they pass through.
    uninstall: () => {
      if (!installed || !realFetch || !realRequest) return;
      installed = false;
      globalThis.fetch = realFetch;
      http.request = realRequest;
      syncBuiltinESMExports();
    },
    wrap,
    stats: () => {
      const out = structuredClone(stats);
      for (const [name, list] of Object.entries(durations)) {
        const sorted = [...list].sort((a, b) => a - b);
        const s = out[name];
        if (!s || sorted.length === 0) continue;
        s.medianMs = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
        s.maxMs = sorted[sorted.length - 1] ?? 0;
      }
      return out;
    },
    messageFailures: () => failures,
    inFlight: () => ({ ...running }),
    settleAbandoned: async (maxMs) => {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, maxMs);
      });
      await Promise.race([Promise.allSettled([...abandoned]), limit]);
      clearTimeout(timer);
      return abandoned.size;
    },
  };
};
