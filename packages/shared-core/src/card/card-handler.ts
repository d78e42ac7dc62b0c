// Turns a card gate plus a route table into an API Gateway v2 handler core. The one place card errors
// become HTTP responses: AppErrors below 500 expose their fixed public message (and per-field reasons),
// everything else is one generic message; every response carries the correlation id.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error';
import { type HttpResponse, toHttpErrorResponse } from '../errors/error-mapping';
import { CardMethodNotAllowedError, CardSignatureError } from './card-errors';
import type { CardEvent, CardReplay, CardRequest, CardRequestGate } from './card-request';

/** What a route returns: a status (2xx) and a JSON object body. */
export interface CardResult {
  status: number;
  body: Record<string, unknown>;
}

/** A route's implementation. */
export type CardRouteHandler<K extends string> = (
  request: CardRequest<K>,
  ctx: { correlationId: string }
) => Promise<CardResult>;

/** The logger slice the card edge uses (the shared-core Powertools logger satisfies it). */
export interface CardLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

/** Dependencies of {@link makeCardHandler}. */
export interface CardHandlerDeps<K extends string> {
  gate: CardRequestGate<K>;
  handlers: Readonly<Record<K, CardRouteHandler<K>>>;
  /** The replay store the gate reserves in; used to free a reservation whose request failed with a 5xx. */
  replay?: CardReplay;
  logger: CardLogger;
  newCorrelationId?: () => string;
}

/** The handler core: always resolves to an HTTP response. */
export type CardHandler = (
  event: CardEvent,
  invocation?: { awsRequestId?: string }
) => Promise<HttpResponse>;

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const json = (status: number, body: Record<string, unknown>, correlationId: string) => ({
  statusCode: status,
  headers: {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'x-correlation-id': correlationId,
  },
  body: JSON.stringify({ ...body, correlationId }),
});

/**
 * Builds the card handler core: gate, dispatch by route key, error mapping, logging (ids, route, status
 * and reason only — never bodies, signatures or e-mail addresses).
 * @example export const handler = makeCardHandler({ gate, handlers: { solutions, config }, logger });
 */
export const makeCardHandler = <K extends string>(deps: CardHandlerDeps<K>): CardHandler => {
  const newCorrelationId = deps.newCorrelationId ?? randomUUID;
  return async (event, invocation) => {
    const requestId = invocation?.awsRequestId;
    const correlationId =
      requestId && CORRELATION_ID.test(requestId) ? requestId : newCorrelationId();
    let request: CardRequest<K> | undefined;
    try {
      request = await deps.gate(event);
      const result = await deps.handlers[request.route](request, { correlationId });
      deps.logger.info('card request served', {
        route: request.route,
        status: result.status,
        userId: request.caller.userId,
        correlationId,
      });
      return json(result.status, result.body, correlationId);
    } catch (err) {
      const response = toHttpErrorResponse(err, correlationId);
      response.headers['cache-control'] = 'no-store';
      if (err instanceof CardMethodNotAllowedError) response.headers.allow = err.allow;
      const attributes: Record<string, unknown> = {
        route: request?.route,
        status: response.statusCode,
        reason:
          err instanceof CardSignatureError
            ? err.reason
            : err instanceof AppError
              ? err.code
              : 'unexpected',
        correlationId,
        ...(request ? { userId: request.caller.userId } : {}),
        ...(err instanceof AppError && response.statusCode >= 500
          ? { detail: err.message }
          : { errorName: err instanceof Error ? err.name : typeof err }),
      };
      if (response.statusCode >= 500) {
        deps.logger.error('card request failed', attributes);
        // HubSpot retries a 5xx once; the retry must not be refused as a replay.
        if (request && deps.replay?.release)
          await deps.replay.release(request.fingerprint).catch((releaseErr: unknown) =>
            deps.logger.error('card replay reservation not released', {
              correlationId,
              errorName: releaseErr instanceof Error ? releaseErr.name : 'UnknownError',
            })
          );
      } else deps.logger.warn('card request rejected', attributes);
      return response;
    }
  };
};
