// Public surface of @govwin-ace/shared-core: named re-exports only.
export type { AwsClientOptions, AwsClients, AwsService } from './aws/clients';
export { awsOptionsFromEnv, makeAwsClients, PARTNER_CENTRAL_REGION } from './aws/clients';
export type { Catalog } from './config/env';
export { CATALOGS, env, loadEnv } from './config/env';
export type { AppErrorOptions } from './errors/app-error';
export { AppError, isRetryable } from './errors/app-error';
export {
  ConfigError,
  ConflictError,
  NotFoundError,
  ThrottledError,
  UpstreamError,
  ValidationError,
} from './errors/common-errors';
export type { BatchResponse, HttpResponse, RecordOutcome } from './errors/error-mapping';
export {
  shouldRethrowForRetry,
  toBatchResponse,
  toHttpErrorResponse,
} from './errors/error-mapping';
export {
  ACE_INVITATION_ID,
  ACE_OPPORTUNITY_ID,
  assertId,
  BUCKET_NAME,
  EVENT_ID,
  GOVWIN_ENTITY_ID,
  GOVWIN_OPP_ID,
  HUBSPOT_ID,
  normaliseHubSpotId,
  SHA256_HEX,
} from './keys/ids';
export type { Key } from './keys/keys';
export { KEY_PREFIX, keys } from './keys/keys';
export type { TableName } from './state/tables';
export { TABLES, TTL_ATTRIBUTE, tableDefinition } from './state/tables';
export type { CreateLoggerOptions, Logger } from './log/create-logger';
export { createLogger, RedactingLogFormatter } from './log/create-logger';
export type { KeyClass, RedactOptions } from './log/redact';
export { classifyKey, maskText, REDACTED, redact, redactText } from './log/redact';
export type { SignatureVerdict, SignedRequest, SignedRequestParts } from './signature/hubspot-v3';
export {
  buildSignedUri,
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  MAX_REQUEST_AGE_MS,
  replayFingerprint,
  signHubSpotV3,
  verifyHubSpotV3,
} from './signature/hubspot-v3';
