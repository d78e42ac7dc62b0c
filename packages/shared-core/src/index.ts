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
export type {
  AceClient,
  AceClientDeps,
  AceCreateBody,
  AceRateGates,
  AceRelatedEntityType,
  AceRetryInfo,
  AceRetryPolicy,
  AceUpdateBody,
} from './ace/client';
export { makeAceClient } from './ace/client';
export { COMPANY_PROPS, CONTACT_PROPS, CREATE_DEAL_PROPS, DEAL_PROP } from './ace/deal-properties';
export type { AceEnumName, AceEnumValue } from './ace/enums';
export { ACE_ENUM, isAceEnumValue } from './ace/enums';
export type { AceApiErrorOptions, AceErrorKind, AceFieldError } from './ace/errors';
export { AceApiError, classifyAceError, crossCatalogError } from './ace/errors';
export type { FieldRule, OpportunityBody, PropertyBag, RuleContext } from './ace/field-rules';
export { AWS_ACCOUNT_ID_FIELD, FIELD_RULES, ruleFor } from './ace/field-rules';
export type { MirrorStageKey, MirrorTarget } from './ace/lifecycle';
export {
  CREATE_DEFAULT_STAGE,
  MIRROR_STAGE_KEYS,
  mirrorTarget,
  PARKABLE_STATUSES,
  REPLAY_ALLOWED_STATUSES,
  REVIEW_LOCKED_STATUSES,
  REVIEW_STATUS_TARGET,
  SUBMITTABLE_STAGES,
  TERMINAL_STAGE_TARGET,
} from './ace/lifecycle';
export type { CreateMapping, CreateMappingInput, DealView, OwnerView } from './ace/map-create';
export {
  MAX_AWS_PRODUCTS,
  MAX_CONTACTS,
  mapDealToCreate,
  NO_SOLUTION_PLACEHOLDER,
  ownedPartnerIdentifiers,
} from './ace/map-create';
export type { DeltaResult } from './ace/map-delta';
export { applyDealDelta, isAceUpdateProperty, propertiesToRead, sameBody } from './ace/map-delta';
export { AceMappingError, FieldProblems } from './ace/mapping-errors';
export {
  normaliseCountry,
  normalisePartnerNeed,
  normalisePartnerNeeds,
  normalisePhone,
  normaliseUsState,
  normaliseWebsite,
} from './ace/normalise';
export {
  AWS_MESSAGE_MAX,
  AWS_NOTE_MAX,
  describeAceErrorForDeal,
  isSensitiveField,
  SENSITIVE_FIELD_PREFIXES,
  scrubAwsText,
  sensitiveValuesOf,
} from './ace/redact-aws-error';
export { normaliseMarketing, scrubForUpdate, UPDATE_BODY_KEYS } from './ace/scrub-for-update';
