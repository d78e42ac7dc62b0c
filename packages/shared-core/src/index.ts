// Public surface of @govwin-ace/shared-core: named re-exports only.

export type { AceEnumProperty } from './ace/ace-hubspot-properties';
export {
  ACE_DEAL_PROPERTIES,
  ACE_ENUM_PROPERTIES,
  ACE_PROPERTY_GROUP,
  ACE_STANDARD_DEAL_PROPERTIES,
  aceEnumOptions,
} from './ace/ace-hubspot-properties';
export type { AwsProduct } from './ace/aws-products';
export { AWS_PRODUCTS, AWS_PRODUCTS_VERSION, OTHER_AWS_PRODUCT } from './ace/aws-products';
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
  resolveAssociations,
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
export type { AwsClientOptions, AwsClients, AwsService } from './aws/clients';
export {
  awsOptionsFromEnv,
  cloudWatchClient,
  documentClient,
  dynamoDbClient,
  lambdaClient,
  makeAwsClients,
  PARTNER_CENTRAL_REGION,
  partnerCentralClient,
  secretsManagerClient,
  snsClient,
  sqsClient,
} from './aws/clients';
// --- Signed card routes (ui-ext-reads / ui-ext-writes): gate, handler core, body validation, replay ---
export { fieldReasons, parseCardBody } from './card/card-body';
export {
  CardMalformedBodyError,
  CardMethodNotAllowedError,
  CardPayloadTooLargeError,
  CardReplayError,
  CardReplayStoreError,
  CardRouteNotFoundError,
  CardSecretUnavailableError,
  CardSignatureError,
} from './card/card-errors';
export type {
  CardHandler,
  CardHandlerDeps,
  CardLogger,
  CardResult,
  CardRouteHandler,
} from './card/card-handler';
export { makeCardHandler } from './card/card-handler';
export { makeCardReplayGuard } from './card/card-replay';
export type {
  CardCaller,
  CardEvent,
  CardGateDeps,
  CardReplay,
  CardRequest,
  CardRequestGate,
  CardRouteSpec,
} from './card/card-request';
export {
  CARD_MAX_BODY_BYTES,
  CARD_ROUTE_PREFIX,
  HUBSPOT_PROXY_PARAMS,
  makeCardRequestGate,
} from './card/card-request';
export type { CardRequestToSign } from './card/sign-card-request';
export { signCardRequest } from './card/sign-card-request';
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
// --- GovWin -> HubSpot sync: GovWin client, HubSpot client, GovWin mapping ---
export {
  GovWinAccessError,
  GovWinAuthError,
  GovWinBudgetError,
  GovWinLockoutGuardError,
} from './govwin/errors';
export type {
  CachedGovWinTokens,
  GovWinAlert,
  GovWinAuth,
  GovWinAuthDeps,
  GovWinCredentials,
  GovWinTokenCache,
} from './govwin/govwin-auth';
export { credentialsFingerprint, makeGovWinAuth } from './govwin/govwin-auth';
export type {
  GovWinClient,
  GovWinClientDeps,
  GovWinList,
  GovWinSearchParams,
} from './govwin/govwin-client';
export {
  GOVWIN_IDS_PER_CALL,
  GOVWIN_MAX_OFFSET,
  GOVWIN_PAGE_SIZE,
  makeGovWinClient,
} from './govwin/govwin-client';
export { makeSecretTokenCache } from './govwin/govwin-token-cache';
export type { ApiGatewayEventLike } from './http/api-gateway';
export { bodyByteLength, getHeader, getRawBody } from './http/api-gateway';
export { EgressDeniedError, HttpError } from './http/errors';
export type {
  HttpClient,
  HttpClientOptions,
  HttpClientRequest,
  HttpClientResponse,
  RetryInfo,
} from './http/http-client';
export { makeHttpClient } from './http/http-client';
export type { HubSpotRateLimitHint } from './http/retry-policy';
export { fullJitterDelay, hubspotRateLimitHint, parseRetryAfter } from './http/retry-policy';
export { HUBSPOT_BATCH_SIZE } from './hubspot/batch';
export type { SchemaChange, SchemaResult, SchemaSpec, StageSpec } from './hubspot/ensure-schema';
export { ensureHubSpotSchema, mergeOptions } from './hubspot/ensure-schema';
export { HubSpotError } from './hubspot/errors';
export type { HubSpotClient, HubSpotClientDeps } from './hubspot/hubspot-client';
export { HUBSPOT_ID_PROPERTY, makeHubSpotClient } from './hubspot/hubspot-client';
export { parseHubSpotTokenSecret } from './hubspot/token-secret';
export { HUBSPOT_API_BASE_URL } from './hubspot/transport';
export type {
  AssociationPair,
  BatchItemError,
  BatchOutcome,
  CreateInput,
  CrmObject,
  CrmObjectType,
  NewAssociation,
  Pipeline,
  PipelineInput,
  PipelineStage,
  PipelineStageInput,
  PropertyDefinition,
  PropertyFieldType,
  PropertyGroup,
  PropertyOption,
  PropertyType,
  PropertyValues,
  PropertyVersion,
  SearchFilter,
  SearchPage,
  SearchRequest,
  UpdateInput,
  UpsertInput,
  UpsertResult,
} from './hubspot/types';
export { ASSOCIATION_TYPE, CRM_OBJECT_TYPES } from './hubspot/types';
export {
  ACE_INVITATION_ID,
  ACE_OPPORTUNITY_ID,
  assertId,
  BUCKET_NAME,
  EVENT_ID,
  GOVWIN_ENTITY_ID,
  GOVWIN_OPP_ID,
  HUBSPOT_ID,
  LAMBDA_FUNCTION_ARN,
  normaliseHubSpotId,
  SHA256_HEX,
} from './keys/ids';
export type { Key } from './keys/keys';
export { KEY_PREFIX, keys } from './keys/keys';
export type { KeyClass } from './log/classify-key';
export { classifyKey } from './log/classify-key';
export type { CreateLoggerOptions, Logger } from './log/create-logger';
export { createLogger, RedactingLogFormatter } from './log/create-logger';
export { maskText, REDACTED } from './log/mask-text';
export type { RedactOptions } from './log/redact';
export { redact, redactText } from './log/redact';
export type { AmountResult } from './mapping/govwin/amount';
export { thousandsToDollars } from './mapping/govwin/amount';
export type { CalendarDate, ParsedDate } from './mapping/govwin/dates';
export { formatCalendarDate, readGovWinDate, utcMidnight } from './mapping/govwin/dates';
export type { DealMappingContext, PipelineTarget } from './mapping/govwin/deal-fields';
export { DEAL_FIELDS, OPP_TYPE_OPTIONS } from './mapping/govwin/deal-fields';
export { renderFieldMappingDoc } from './mapping/govwin/field-mapping-doc';
export type { MappingIssue, RawRecord } from './mapping/govwin/field-reader';
export { isRawRecord } from './mapping/govwin/field-reader';
export {
  GOVWIN_COMPANY_PROPERTIES,
  GOVWIN_CONTACT_PROPERTIES,
  GOVWIN_DEAL_PROPERTIES,
  GOVWIN_PROPERTY_GROUP,
  HUBSPOT_STANDARD_PROPERTIES,
} from './mapping/govwin/hubspot-properties';
export { ACE_PIPELINE_STAGES, govwinHubSpotSchema } from './mapping/govwin/hubspot-schema';
export type { MappedCompany, MappedContact } from './mapping/govwin/map-company-contact';
export {
  expandPrimaryContact,
  mapGovEntityToCompany,
  mapGovWinContact,
} from './mapping/govwin/map-company-contact';
export type { HubSpotProperties, MapOutcome, MappedDeal } from './mapping/govwin/map-deal';
export { mapOpportunityToDeal } from './mapping/govwin/map-deal';
export type { AceIndustry, NaicsLookup } from './mapping/govwin/naics-industry';
export {
  ACE_INDUSTRIES,
  industryForNaics,
  NAICS_INDUSTRY_TABLE,
} from './mapping/govwin/naics-industry';
export type { SetAside } from './mapping/govwin/set-aside';
export { SET_ASIDE_OPTIONS, setAsideForTitle } from './mapping/govwin/set-aside';
export type { GovWinStageKey } from './mapping/govwin/status-stage';
export {
  GOVWIN_STAGES,
  isGovWinStageKey,
  STATUS_STAGE_TABLE,
  stageForStatus,
} from './mapping/govwin/status-stage';
export type { CreateMetricsOptions, MetricName, Metrics } from './metrics/metrics';
export {
  countMetric,
  createMetrics,
  DEFAULT_METRICS_NAMESPACE,
  METRIC,
  MetricUnit,
} from './metrics/metrics';
export type { DynamoTokenBucketOptions } from './ratelimit/dynamo-token-bucket';
export { makeDynamoTokenBucket } from './ratelimit/dynamo-token-bucket';
export type { QuotaName } from './ratelimit/quotas';
export {
  hubspotQuota,
  makeQuotaLimiter,
  QUOTA_BUCKETS,
  QUOTAS,
  rollingWindowQuota,
} from './ratelimit/quotas';
export type { BucketSpec, BucketState, RateLimiter } from './ratelimit/token-bucket';
export { makeTokenBucket, refillBucket, takeTokens } from './ratelimit/token-bucket';
export type { RotatingSecret, SecretsStore, SecretsStoreDeps } from './secrets/secrets';
export {
  isSecretNotSet,
  makeSecretsStore,
  parseRotatingSecret,
  SecretNotSetError,
  secretLabel,
  secretsInOrder,
} from './secrets/secrets';
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
  AceStepFields,
  AceSubmission,
  AceSubmissionFields,
  AceSubmissionRepo,
  ClientTokenKind,
  SubmitStep,
} from './state/ace-submissions';
export { makeAceSubmissionRepo, SUBMIT_STEPS } from './state/ace-submissions';
export type { AuditEntry, AuditLog, AuditOutcome, AuditRow, ChainVerdict } from './state/audit-log';
export {
  canonicalJson,
  GENESIS_HASH,
  hashAuditRow,
  makeAuditLog,
  verifyChain,
} from './state/audit-log';
export { normaliseGovWinDate, normaliseIsoInstant, parseGovWinDate } from './state/dates';
export type { StateRepoDeps } from './state/dynamo-support';
export type { EntityMapRepo } from './state/entity-map';
export { makeEntityMapRepo } from './state/entity-map';
export type { DedupState, EventDedup } from './state/event-dedup';
export { makeEventDedup } from './state/event-dedup';
export type { InvitationClaim, InvitationClaims } from './state/invitation-claims';
export { makeInvitationClaims } from './state/invitation-claims';
export type { ReplayStore } from './state/replay-store';
export {
  makeDynamoReplayStore,
  makeInMemoryReplayStore,
  REPLAY_TTL_SECONDS,
} from './state/replay-store';
export type { TableName } from './state/tables';
export { TABLES, TTL_ATTRIBUTE, tableDefinition } from './state/tables';
export type { Watermark, WatermarkRepo } from './state/watermarks';
export { makeWatermarkRepo } from './state/watermarks';
export { useEnglishZodMessages } from './validation/zod-english';
