/** Options shared by every error in the project. */
export interface AppErrorOptions extends ErrorOptions {
  /** Stable, greppable code, e.g. `HUBSPOT_SIGNATURE_INVALID`. */
  code: string;
  /** True when the same input may succeed later (throttle, 5xx, timeout). Read by queue consumers. */
  retryable?: boolean;
  /** HTTP status this error maps to at an HTTP edge. Defaults to 500. */
  httpStatus?: number;
  /**
   * A message that is safe to show to the caller (no internal detail, no payload text).
   * Only errors with `httpStatus < 500` expose it; everything else becomes a generic message.
   */
  publicMessage?: string;
  /** Per-field problems for validation errors (field name -> one-line reason). */
  fields?: Readonly<Record<string, string>>;
}

/**
 * Base of every error the project throws on purpose. Carries a stable `code`, a `retryable` flag,
 * the HTTP status for HTTP edges, and the original `cause`.
 * @example throw new AppError('GovWin answered 503', { code: 'GOVWIN_UNAVAILABLE', retryable: true, cause: err });
 */
export class AppError extends Error {
  public readonly code: string;
  public readonly retryable: boolean;
  public readonly httpStatus: number;
  public readonly publicMessage: string | undefined;
  public readonly fields: Readonly<Record<string, string>> | undefined;

  public constructor(
    message: string,
    {
      code,
      retryable = false,
      httpStatus = 500,
      publicMessage,
      fields,
      ...options
    }: AppErrorOptions
  ) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.retryable = retryable;
    this.httpStatus = httpStatus;
    this.publicMessage = publicMessage;
    this.fields = fields;
  }
}

/** True for an AppError marked retryable; unknown errors are treated as retryable (fail safe: retry, then DLQ). */
export const isRetryable = (err: unknown): boolean =>
  err instanceof AppError ? err.retryable : true;
