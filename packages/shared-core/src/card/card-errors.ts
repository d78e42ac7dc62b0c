// The error family of the signed card routes (`/ui-extension/*`, DESIGN §5). Each maps to one HTTP status
// at the card edge; public messages are fixed strings, never request or upstream text.
import { AppError, type AppErrorOptions } from '../errors/app-error';

type Opts = Omit<AppErrorOptions, 'code' | 'httpStatus' | 'publicMessage'>;

/** The path is not on the Lambda's route allow-list (checked before anything else). */
export class CardRouteNotFoundError extends AppError {
  public constructor(options: Opts = {}) {
    super('card request path is not on the route allow-list', {
      ...options,
      code: 'ROUTE_NOT_FOUND',
      httpStatus: 404,
      publicMessage: 'not found',
    });
    this.name = 'CardRouteNotFoundError';
  }
}

/** The path exists but not for this method (OPTIONS included: `hubspot.fetch` is server-side, no CORS). */
export class CardMethodNotAllowedError extends AppError {
  /** The one method the route accepts, for the `Allow` header. */
  public readonly allow: string;
  public constructor(allow: string, options: Opts = {}) {
    super(`card request method is not ${allow}`, {
      ...options,
      code: 'METHOD_NOT_ALLOWED',
      httpStatus: 405,
      publicMessage: `method not allowed; use ${allow}`,
    });
    this.name = 'CardMethodNotAllowedError';
    this.allow = allow;
  }
}

/** The body is over the card cap (64 KiB). */
export class CardPayloadTooLargeError extends AppError {
  public constructor(bytes: number, max: number, options: Opts = {}) {
    super(`card request body is ${bytes} bytes (max ${max})`, {
      ...options,
      code: 'PAYLOAD_TOO_LARGE',
      httpStatus: 413,
      publicMessage: `payload too large (max ${Math.floor(max / 1024)} KiB)`,
    });
    this.name = 'CardPayloadTooLargeError';
  }
}

/** The v3 signature (or the caller identity it covers) is missing, malformed, stale or wrong. */
export class CardSignatureError extends AppError {
  /** Why verification failed; logged, never returned to the caller. */
  public readonly reason: string;
  public constructor(reason: string, options: Opts = {}) {
    super(`card request signature rejected: ${reason}`, {
      ...options,
      code: reason === 'missing' ? 'HUBSPOT_SIGNATURE_MISSING' : 'HUBSPOT_SIGNATURE_INVALID',
      httpStatus: 401,
      publicMessage: reason === 'missing' ? 'missing signature' : 'invalid signature',
    });
    this.name = 'CardSignatureError';
    this.reason = reason;
  }
}

/** The signing secret could not be loaded or is malformed (a deployment fault). */
export class CardSecretUnavailableError extends AppError {
  public constructor(options: Opts = {}) {
    super('card signing secret unavailable or malformed', {
      ...options,
      code: 'SIGNING_SECRET_UNAVAILABLE',
      httpStatus: 500,
      retryable: true,
    });
    this.name = 'CardSecretUnavailableError';
  }
}

/** The same signed request was seen within the replay window. */
export class CardReplayError extends AppError {
  public constructor(options: Opts = {}) {
    super('card request replayed within the replay window', {
      ...options,
      code: 'REPLAY_DETECTED',
      httpStatus: 409,
      publicMessage: 'request was already received; ignored',
    });
    this.name = 'CardReplayError';
  }
}

/** The replay reservation could not be made (DynamoDB unavailable): the request is not processed. */
export class CardReplayStoreError extends AppError {
  public constructor(options: Opts = {}) {
    super('card replay reservation failed', {
      ...options,
      code: 'REPLAY_STORE_UNAVAILABLE',
      httpStatus: 503,
      retryable: true,
    });
    this.name = 'CardReplayStoreError';
  }
}

/** The signed body is not a JSON object. */
export class CardMalformedBodyError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, {
      ...options,
      code: 'INVALID_JSON',
      httpStatus: 400,
      publicMessage: 'body must be a JSON object',
    });
    this.name = 'CardMalformedBodyError';
  }
}
