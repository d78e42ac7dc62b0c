import { AppError, type AppErrorOptions } from '../errors/app-error';

type Opts = Omit<AppErrorOptions, 'code'> & { code?: string };

/**
 * An outbound request was refused before it was sent: the URL is not absolute, not https (http
 * only on loopback), carries credentials, or names a host outside the egress allow-list.
 */
export class EgressDeniedError extends AppError {
  public constructor(message: string, options: Opts = {}) {
    super(message, { ...options, code: options.code ?? 'EGRESS_DENIED', retryable: false });
    this.name = 'EgressDeniedError';
  }
}

/**
 * An upstream answered in a way retrying will not fix: a 4xx other than 429, an unexpected
 * redirect, a success body that is not JSON, or a body over the size cap. `status` is the upstream
 * status; `upstreamCode` the vendor's error category when its body named one (e.g. HubSpot
 * `VALIDATION_ERROR`). At our own HTTP edges it maps to 502: the fault is upstream, not the caller's.
 */
export class HttpError extends AppError {
  public readonly status: number;
  public readonly upstreamCode: string | undefined;
  public constructor(
    message: string,
    options: Opts & { status: number; upstreamCode?: string | undefined }
  ) {
    const { status, upstreamCode, ...rest } = options;
    super(message, {
      httpStatus: 502,
      ...rest,
      code: rest.code ?? `HTTP_${status}`,
      retryable: false,
    });
    this.name = 'HttpError';
    this.status = status;
    this.upstreamCode = upstreamCode;
  }
}
