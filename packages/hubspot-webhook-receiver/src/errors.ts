import { AppError, type AppErrorOptions } from '@govwin-ace/shared-core';

type Opts = Omit<AppErrorOptions, 'code' | 'httpStatus' | 'publicMessage'>;

/** The request used a method other than POST. */
export class MethodNotAllowedError extends AppError {
  public constructor(options: Opts = {}) {
    super('webhook request method is not POST', {
      ...options,
      code: 'METHOD_NOT_ALLOWED',
      httpStatus: 405,
      publicMessage: 'method not allowed; use POST',
    });
    this.name = 'MethodNotAllowedError';
  }
}

/** The request body is not declared as `application/json`. */
export class UnsupportedMediaTypeError extends AppError {
  public constructor(options: Opts = {}) {
    super('webhook content type is not application/json', {
      ...options,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      httpStatus: 415,
      publicMessage: 'content type must be application/json',
    });
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** The body is over the byte cap, or the delivery holds more events than the cap. */
export class PayloadTooLargeError extends AppError {
  public constructor(message: string, publicMessage: string, options: Opts = {}) {
    super(message, { ...options, code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, publicMessage });
    this.name = 'PayloadTooLargeError';
  }
}

/** The v3 signature is missing, malformed, stale, future-dated or does not match. */
export class SignatureError extends AppError {
  /** Why verification failed; logged, never returned to the caller. */
  public readonly reason: string;
  public constructor(reason: string, options: Opts = {}) {
    super(`webhook signature rejected: ${reason}`, {
      ...options,
      code: reason === 'missing' ? 'HUBSPOT_SIGNATURE_MISSING' : 'HUBSPOT_SIGNATURE_INVALID',
      httpStatus: 401,
      publicMessage: reason === 'missing' ? 'missing signature' : 'invalid signature',
    });
    this.name = 'SignatureError';
    this.reason = reason;
  }
}

/** The signed body is not a JSON array. */
export class MalformedBodyError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, {
      ...options,
      code: 'INVALID_JSON',
      httpStatus: 400,
      publicMessage: 'body must be a JSON array of events',
    });
    this.name = 'MalformedBodyError';
  }
}

/** The signing secret could not be loaded or is malformed (misconfiguration: HubSpot retries 5xx). */
export class SigningSecretUnavailableError extends AppError {
  public constructor(options: Opts = {}) {
    super('webhook signing secret unavailable or malformed', {
      ...options,
      code: 'SIGNING_SECRET_UNAVAILABLE',
      httpStatus: 500,
      retryable: true,
    });
    this.name = 'SigningSecretUnavailableError';
  }
}

/**
 * A durable hand-off (replay reservation, SQS enqueue, SNS audit alert) failed after retries. Answered with 503
 * so HubSpot redelivers the whole batch; consumers are idempotent, so events that did get through are harmless
 * duplicates.
 */
export class HandOffError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, { ...options, code: 'HAND_OFF_FAILED', httpStatus: 503, retryable: true });
    this.name = 'HandOffError';
  }
}
