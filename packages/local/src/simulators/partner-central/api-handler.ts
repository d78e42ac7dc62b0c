// The AWS JSON 1.0 front door: `POST /` with `X-Amz-Target: AWSPartnerCentralSelling.<Op>`.
// Order per call: protocol checks (target, content type, Authorization present — signatures are
// not verified), due simulated work, injected faults, throttling (injected, then quotas), body
// parsing, validation against the SDK model, catalog checks, then the operation.
import { randomUUID } from 'node:crypto';
import type { Catalog } from '@govwin-ace/shared-core';
import { applyFault } from '../common/apply-fault';
import type { CallCounter } from '../common/call-counter';
import type { FaultInjector } from '../common/fault-injector';
import type { SimHang, SimRequest, SimResponse } from '../common/http-simulator';
import type { OperationHandler, SimContext } from './context';
import { errorResponse, JSON_CONTENT_TYPE, SellingError, validationError } from './errors';
import { type QuotaTracker, quotaGroupOf } from './quotas';
import { project, validateInput } from './validate';

const TARGET = /^AWSPartnerCentralSelling\.(\w+)$/;
const CREDENTIAL = /Credential=([^/,\s]+)\//;

export interface ThrottleStats {
  quota: number;
  injected: number;
  byOperation: Record<string, number>;
}

export interface ApiDeps {
  ctx: SimContext;
  handlers: Readonly<Record<string, OperationHandler>>;
  now(): number;
  tick(): void;
  calls: CallCounter;
  faults(): FaultInjector;
  quotas: QuotaTracker;
  /** True when an extra ThrottlingException should be injected for this operation. */
  injectThrottle(operation: string): boolean;
  throttles: ThrottleStats;
  errors: Map<string, number>;
}

const catalogOf = (deps: ApiDeps, value: unknown): Catalog => {
  if (value !== 'AWS' && value !== 'Sandbox') {
    throw validationError('REQUEST_VALIDATION_FAILED', [
      { FieldName: 'Catalog', Code: 'INVALID_VALUE', Message: 'Catalog must be AWS or Sandbox' },
    ]);
  }
  if (!deps.ctx.options.catalogs.has(value)) {
    throw new SellingError(
      'AccessDeniedException',
      `This partner may not use the ${value} catalog.`
    );
  }
  return value;
};

const throttled = (deps: ApiDeps, operation: string, kind: 'quota' | 'injected') => {
  deps.throttles[kind] += 1;
  deps.throttles.byOperation[operation] = (deps.throttles.byOperation[operation] ?? 0) + 1;
  return new SellingError('ThrottlingException', 'Rate exceeded');
};

const parseBody = (raw: string): unknown => {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new SellingError('SerializationException', 'The request body is not valid JSON.');
  }
};

const serve = async (
  deps: ApiDeps,
  req: SimRequest,
  requestId: string
): Promise<SimResponse | SimHang> => {
  const { ctx } = deps;
  if (req.method !== 'POST' || req.path !== '/') {
    throw new SellingError('UnknownOperationException', 'Only POST / is served.');
  }
  const name = TARGET.exec(req.header('x-amz-target') ?? '')?.[1];
  const op = name ? ctx.model.operation(name) : undefined;
  if (!op) throw new SellingError('UnknownOperationException', 'Unknown X-Amz-Target.');
  if (!(req.header('content-type') ?? '').startsWith(JSON_CONTENT_TYPE)) {
    throw new SellingError('SerializationException', `Content-Type must be ${JSON_CONTENT_TYPE}.`);
  }
  const authorization = req.header('authorization');
  if (!authorization) {
    throw new SellingError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const accessKey = CREDENTIAL.exec(authorization)?.[1] ?? '';
  const account = ctx.options.accessKeyAccounts[accessKey] ?? ctx.options.accountId;
  deps.calls.record(op.name);
  const handler = deps.handlers[op.name];
  if (!handler) {
    throw new SellingError('UnknownOperationException', `${op.name} is not simulated.`);
  }
  const fault = await applyFault(deps.faults(), op.name, (status) =>
    errorResponse(
      ctx.model,
      new SellingError('InternalServerException', 'Injected internal error.', {}, status),
      requestId
    )
  );
  if (fault) return fault;
  deps.tick();
  const now = deps.now();
  if (deps.injectThrottle(op.name)) throw throttled(deps, op.name, 'injected');
  if (deps.quotas.take(account, quotaGroupOf(op.name), now) !== 'ok') {
    throw throttled(deps, op.name, 'quota');
  }
  const { value, errors } = validateInput(op.input, parseBody(req.rawBody));
  if (errors.length > 0) throw validationError('REQUEST_VALIDATION_FAILED', errors);
  const catalog = ctx.catalog(catalogOf(deps, value.Catalog));
  const out = handler(ctx, { operation: op.name, catalog, input: value, now, account });
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: project(op.output, out),
  };
};

/** Builds the request handler for the simulator's HTTP server. */
export const makeApiHandler =
  (deps: ApiDeps) =>
  async (req: SimRequest): Promise<SimResponse | SimHang> => {
    const requestId = randomUUID();
    try {
      return await serve(deps, req, requestId);
    } catch (err) {
      const error =
        err instanceof SellingError
          ? err
          : new SellingError(
              'InternalServerException',
              'The simulator failed to handle the request.'
            );
      deps.errors.set(error.errorName, (deps.errors.get(error.errorName) ?? 0) + 1);
      return errorResponse(deps.ctx.model, error, requestId);
    }
  };
