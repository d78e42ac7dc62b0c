import { AppError, type AppErrorOptions } from './app-error';

type Opts = Omit<AppErrorOptions, 'code'> & { code?: string };

/** Input failed validation (bad id, bad enum, missing field). Not retryable; 400/422 at HTTP edges. */
export class ValidationError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, {
      httpStatus: 422,
      publicMessage: message,
      ...options,
      code: options.code ?? 'VALIDATION_FAILED',
      retryable: false,
    });
    this.name = 'ValidationError';
  }
}

/** Configuration (environment) is missing or malformed; thrown at cold start. */
export class ConfigError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, { ...options, code: options.code ?? 'CONFIG_INVALID', retryable: false });
    this.name = 'ConfigError';
  }
}

/** An upstream system (GovWin, HubSpot, AWS) failed in a way that may pass on retry. */
export class UpstreamError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, {
      httpStatus: 502,
      retryable: true,
      ...options,
      code: options.code ?? 'UPSTREAM_FAILED',
    });
    this.name = 'UpstreamError';
  }
}

/** A quota was hit (429, ThrottlingException, GovWin 403 budget). Always retryable. */
export class ThrottledError extends AppError {
  /** Milliseconds the caller was asked to wait, when known. */
  public readonly retryAfterMs: number | undefined;
  public constructor(message: string, options: Opts & { retryAfterMs?: number } = {}) {
    const { retryAfterMs, ...rest } = options;
    super(message, { httpStatus: 503, ...rest, code: rest.code ?? 'THROTTLED', retryable: true });
    this.name = 'ThrottledError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** A thing the caller named does not exist (or is not ours). Not retryable. */
export class NotFoundError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, {
      httpStatus: 404,
      publicMessage: 'not found',
      ...options,
      code: options.code ?? 'NOT_FOUND',
      retryable: false,
    });
    this.name = 'NotFoundError';
  }
}

/** A conditional write or version check lost a race; the caller decides whether to retry. */
export class ConflictError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, {
      httpStatus: 409,
      publicMessage: 'conflict',
      ...options,
      code: options.code ?? 'CONFLICT',
    });
    this.name = 'ConflictError';
  }
}
