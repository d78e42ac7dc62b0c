// Service errors in the AWS JSON 1.0 shape: `__type` (namespace#Name), `message` and `Message`,
// plus the modelled members (Reason, ErrorList), with the HTTP status the SDK's error schema
// declares. Errors the service model does not declare (protocol-level ones) carry their own status.
import type {
  ValidationExceptionErrorCode,
  ValidationExceptionReason,
} from '@aws-sdk/client-partnercentral-selling';
import type { SimResponse } from '../common/http-simulator';
import type { SellingModel } from './sdk-model';
import type { FieldError } from './validate';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Modelled service errors. */
export type ModelledErrorName =
  | 'AccessDeniedException'
  | 'ConflictException'
  | 'InternalServerException'
  | 'ResourceNotFoundException'
  | 'ServiceQuotaExceededException'
  | 'ThrottlingException'
  | 'ValidationException';

/** Protocol-level errors every AWS JSON service answers (not in the service model). */
const PROTOCOL_ERRORS = {
  UnknownOperationException: 400,
  SerializationException: 400,
  MissingAuthenticationTokenException: 403,
} as const;
export type ProtocolErrorName = keyof typeof PROTOCOL_ERRORS;

/** An error the simulator answers with; `fields` are extra modelled members (Reason, ErrorList). */
export class SellingError extends Error {
  public readonly errorName: ModelledErrorName | ProtocolErrorName;
  public readonly fields: Readonly<Record<string, unknown>>;
  /** Overrides the status (used for injected 5xx faults). */
  public readonly status: number | undefined;

  public constructor(
    errorName: ModelledErrorName | ProtocolErrorName,
    message: string,
    fields: Readonly<Record<string, unknown>> = {},
    status?: number
  ) {
    super(message);
    this.name = 'SellingError';
    this.errorName = errorName;
    this.fields = fields;
    this.status = status;
  }
}

/** A ValidationException with per-field errors. */
export const validationError = (
  reason: ValidationExceptionReason,
  errors: readonly FieldError[],
  message = 'The request failed validation; see ErrorList.'
): SellingError =>
  new SellingError('ValidationException', message, { Reason: reason, ErrorList: errors });

/** A single-field business-rule ValidationException. */
export const businessError = (
  FieldName: string,
  Code: ValidationExceptionErrorCode,
  Message: string
): SellingError =>
  validationError('BUSINESS_VALIDATION_FAILED', [{ FieldName, Code, Message }], Message);

export const notFound = (what: string): SellingError =>
  new SellingError('ResourceNotFoundException', `${what} was not found in this catalog.`);

export const conflict = (message: string): SellingError =>
  new SellingError('ConflictException', message);

/** Renders an error as the wire response. */
export const errorResponse = (
  model: SellingModel,
  err: SellingError,
  requestId: string
): SimResponse => {
  const protocolStatus = PROTOCOL_ERRORS[err.errorName as ProtocolErrorName];
  const modelled = protocolStatus === undefined ? model.error(err.errorName) : undefined;
  const type = modelled?.type ?? err.errorName;
  return {
    status: err.status ?? modelled?.status ?? protocolStatus ?? 400,
    headers: {
      'content-type': JSON_CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': err.errorName,
    },
    body: { __type: type, message: err.message, Message: err.message, ...err.fields },
  };
};
