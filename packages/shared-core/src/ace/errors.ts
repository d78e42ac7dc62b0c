// Partner Central errors, classified once (external-apis §1.8). Exceptions are told apart by `name`, never by
// HTTP status. AWS error text can echo customer data, so it is kept off `message`/`cause` (which reach logs)
// and stored as a non-enumerable property that only the HubSpot write-back reads, after redaction.
import { AppError } from '../errors/app-error';

/** What went wrong, as the consumers branch on it. */
export type AceErrorKind =
  | 'throttling'
  | 'quota-exceeded'
  | 'conflict'
  | 'validation'
  | 'review-locked'
  | 'not-found'
  | 'access-denied'
  | 'internal'
  | 'unavailable'
  | 'cross-catalog';

const KIND_CODE: Record<AceErrorKind, string> = {
  throttling: 'ACE_THROTTLED',
  'quota-exceeded': 'ACE_QUOTA_EXCEEDED',
  conflict: 'ACE_CONFLICT',
  validation: 'ACE_VALIDATION_FAILED',
  'review-locked': 'ACE_REVIEW_LOCKED',
  'not-found': 'ACE_NOT_FOUND',
  'access-denied': 'ACE_ACCESS_DENIED',
  internal: 'ACE_INTERNAL_ERROR',
  unavailable: 'ACE_UNAVAILABLE',
  'cross-catalog': 'CrossCatalogResponse',
};

const RETRYABLE: ReadonlySet<AceErrorKind> = new Set([
  'throttling',
  'quota-exceeded',
  'conflict',
  'internal',
  'unavailable',
]);

/** One entry of a ValidationException's `ErrorList`. `message` is AWS text: redact before showing it. */
export interface AceFieldError {
  readonly fieldName: string | undefined;
  readonly code: string | undefined;
  readonly message: string | undefined;
}

/** Options for {@link AceApiError}. */
export interface AceApiErrorOptions {
  kind: AceErrorKind;
  operation: string;
  /** SDK exception name (`ValidationException`, …) or `NetworkError`. */
  awsName: string;
  reason?: string | undefined;
  requestId?: string | undefined;
  fieldErrors?: readonly AceFieldError[];
  /** The raw AWS message; never logged. */
  awsMessage?: string | undefined;
}

/**
 * A Partner Central call failed. `kind` drives handling (retry, park, refuse); `fieldErrors` carry the
 * per-field reasons of a ValidationException. `message` holds only the operation, exception name, reason and
 * field paths/codes, so it is safe to log.
 */
export class AceApiError extends AppError {
  public readonly kind: AceErrorKind;
  public readonly operation: string;
  public readonly awsName: string;
  public readonly reason: string | undefined;
  public readonly requestId: string | undefined;
  /** Per-field errors, AWS messages included (non-enumerable: not serialised by loggers). */
  declare public readonly fieldErrors: readonly AceFieldError[];
  /** Raw AWS message (non-enumerable: not serialised by loggers). Redact before any use. */
  declare public readonly awsMessage: string | undefined;

  public constructor(o: AceApiErrorOptions) {
    const fieldErrors = o.fieldErrors ?? [];
    const fields: Record<string, string> = {};
    for (const f of fieldErrors) fields[f.fieldName ?? '(request)'] = f.code ?? 'INVALID';
    const fieldText = Object.entries(fields)
      .slice(0, 10)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const summary = `${o.operation} failed: ${o.awsName}${o.reason ? `/${o.reason}` : ''}`;
    super(fieldText ? `${summary} (${fieldText})` : summary, {
      code: KIND_CODE[o.kind],
      retryable: RETRYABLE.has(o.kind),
      httpStatus: o.kind === 'validation' ? 422 : o.kind === 'not-found' ? 404 : 502,
      ...(fieldErrors.length > 0 ? { fields } : {}),
      ...(o.requestId ? { cause: new Error(`AWS request id ${o.requestId}`) } : {}),
    });
    this.name = 'AceApiError';
    this.kind = o.kind;
    this.operation = o.operation;
    this.awsName = o.awsName;
    this.reason = o.reason;
    this.requestId = o.requestId;
    Object.defineProperty(this, 'fieldErrors', { value: fieldErrors, enumerable: false });
    Object.defineProperty(this, 'awsMessage', { value: o.awsMessage, enumerable: false });
  }
}

/** The response's Catalog differs from the configured one: refuse to act on another catalog's data. */
export const crossCatalogError = (operation: string, got: unknown, expected: string) =>
  new AceApiError({
    kind: 'cross-catalog',
    operation,
    awsName: 'CrossCatalogResponse',
    reason: `expected catalog ${expected}, got ${typeof got === 'string' && /^[A-Za-z]{1,20}$/.test(got) ? got : 'none'}`,
  });

interface SdkLikeError {
  name?: unknown;
  message?: unknown;
  Message?: unknown;
  Reason?: unknown;
  ErrorList?: unknown;
  $metadata?: { requestId?: unknown };
  $fault?: unknown;
  code?: unknown;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const fieldErrorsOf = (list: unknown): AceFieldError[] =>
  Array.isArray(list)
    ? list.map((e: Record<string, unknown>) => ({
        fieldName: asString(e?.FieldName),
        code: asString(e?.Code),
        message: asString(e?.Message),
      }))
    : [];

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/**
 * True when a ValidationException means "not editable right now" (AWS review lock): ACTION_NOT_PERMITTED
 * on any field, or INVALID_RESOURCE_STATE on the review status itself.
 */
const isReviewLock = (fieldErrors: readonly AceFieldError[], message: string | undefined) =>
  fieldErrors.some(
    (f) =>
      f.code === 'ACTION_NOT_PERMITTED' ||
      (f.code === 'INVALID_RESOURCE_STATE' &&
        (f.fieldName ?? '').startsWith('LifeCycle.ReviewStatus'))
  ) || (message ?? '').includes('ACTION_NOT_PERMITTED');

/**
 * Turns anything a Partner Central call threw into an {@link AceApiError}. Errors that are already
 * AceApiErrors pass through unchanged.
 * @example try { await send() } catch (e) { throw classifyAceError(e, 'CreateOpportunity') }
 */
export const classifyAceError = (err: unknown, operation: string): AceApiError => {
  if (err instanceof AceApiError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkLikeError;
  const name = asString(e.name) ?? 'Error';
  const awsMessage = asString(e.Message) ?? asString(e.message);
  const requestId = asString(e.$metadata?.requestId);
  const fieldErrors = fieldErrorsOf(e.ErrorList);
  const base = { operation, awsName: name, awsMessage, requestId, fieldErrors };
  switch (name) {
    case 'ThrottlingException':
      return new AceApiError({ ...base, kind: 'throttling' });
    case 'ServiceQuotaExceededException':
      return new AceApiError({ ...base, kind: 'quota-exceeded' });
    case 'ConflictException':
      return new AceApiError({ ...base, kind: 'conflict' });
    case 'ValidationException':
      return new AceApiError({
        ...base,
        kind: isReviewLock(fieldErrors, awsMessage) ? 'review-locked' : 'validation',
        reason: asString(e.Reason),
      });
    case 'ResourceNotFoundException':
      return new AceApiError({ ...base, kind: 'not-found' });
    case 'AccessDeniedException':
      return new AceApiError({ ...base, kind: 'access-denied', reason: asString(e.Reason) });
    case 'InternalServerException':
      return new AceApiError({ ...base, kind: 'internal' });
    default: {
      const code = asString(e.code);
      const serverFault = e.$fault === 'server';
      const network =
        (code !== undefined && NETWORK_CODES.has(code)) ||
        name === 'TimeoutError' ||
        name === 'AbortError';
      // Unknown client faults are not retried: a malformed request stays malformed.
      const kind: AceErrorKind =
        serverFault || network || e.$fault === undefined ? 'unavailable' : 'validation';
      return new AceApiError({ ...base, awsName: network ? 'NetworkError' : name, kind });
    }
  }
};
