import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { handlerPath, type LambdaSpec } from './lambda-catalog';

/** A loaded Lambda handler (middy handlers take `(event, context)`). */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Counters per Lambda, for the summary. */
export interface InvocationStats {
  invocations: number;
  errors: number;
}

const contextFor = (spec: LambdaSpec, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: spec.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${spec.name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/**
 * Imports the same handler module that is bundled and deployed, and invokes it with a Lambda-like
 * context and timeout. The environment must be in `process.env` before the first import, because
 * handlers read their configuration once at module scope (cold start), as on Lambda.
 */
export const loadLambda = async (
  spec: LambdaSpec,
  options: {
    timeoutMs?: number;
    /** Loads a separate module instance (a fresh execution environment: cold start, empty caches). */
    instance?: string;
  } = {}
) => {
  const url = pathToFileURL(handlerPath(spec)).href;
  const query = options.instance ? `?instance=${encodeURIComponent(options.instance)}` : '';
  const mod = (await import(`${url}${query}`)) as { handler?: unknown };
  if (typeof mod.handler !== 'function')
    throw new Error(`${spec.name}: module does not export a handler function`);
  const fn = mod.handler as LambdaHandler;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const stats: InvocationStats = { invocations: 0, errors: 0 };
  const invoke = async (event: unknown): Promise<unknown> => {
    stats.invocations += 1;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        fn(event, contextFor(spec, timeoutMs)),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${spec.name} timed out after ${timeoutMs} ms`)),
            timeoutMs
          );
        }),
      ]);
    } catch (err) {
      stats.errors += 1;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  return { spec, invoke, stats };
};
export type LoadedLambda = Awaited<ReturnType<typeof loadLambda>>;
