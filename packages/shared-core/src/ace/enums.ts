// Closed value sets of the Partner Central Selling API, derived at load time from the SDK's own exported
// enum objects so they can never drift from the wire model (external-apis §1.7). Never hand-copy values.
import {
  AwsFundingUsed,
  Channel,
  ClosedLostReason,
  CompetitorName,
  CountryCode,
  CurrencyCode,
  DeliveryModel,
  Industry,
  MarketingSource,
  NationalSecurity,
  OpportunityOrigin,
  OpportunityType,
  PrimaryNeedFromAws,
  RelatedEntityType,
  ReviewStatus,
  SalesActivity,
  SalesInvolvementType,
  Stage,
  Visibility,
} from '@aws-sdk/client-partnercentral-selling';

const valuesOf = <T extends Record<string, string>>(o: T): readonly T[keyof T][] =>
  Object.freeze(Object.values(o) as T[keyof T][]);

/** Every closed enum the mapper validates, keyed by the SDK's shape name. */
export const ACE_ENUM = {
  AwsFundingUsed: valuesOf(AwsFundingUsed),
  Channel: valuesOf(Channel),
  ClosedLostReason: valuesOf(ClosedLostReason),
  CompetitorName: valuesOf(CompetitorName),
  CountryCode: valuesOf(CountryCode),
  CurrencyCode: valuesOf(CurrencyCode),
  DeliveryModel: valuesOf(DeliveryModel),
  Industry: valuesOf(Industry),
  MarketingSource: valuesOf(MarketingSource),
  NationalSecurity: valuesOf(NationalSecurity),
  OpportunityOrigin: valuesOf(OpportunityOrigin),
  OpportunityType: valuesOf(OpportunityType),
  PrimaryNeedFromAws: valuesOf(PrimaryNeedFromAws),
  RelatedEntityType: valuesOf(RelatedEntityType),
  ReviewStatus: valuesOf(ReviewStatus),
  SalesActivity: valuesOf(SalesActivity),
  SalesInvolvementType: valuesOf(SalesInvolvementType),
  Stage: valuesOf(Stage),
  Visibility: valuesOf(Visibility),
} as const;

/** Name of one of the validated enums. */
export type AceEnumName = keyof typeof ACE_ENUM;
/** The wire-value union of one enum. */
export type AceEnumValue<N extends AceEnumName> = (typeof ACE_ENUM)[N][number];

/**
 * True when `value` is exactly one of the enum's wire values (case and spacing matter: `In review`).
 * @example isAceEnumValue('Stage', 'Qualified') // true
 */
export const isAceEnumValue = <N extends AceEnumName>(
  name: N,
  value: unknown
): value is AceEnumValue<N> =>
  typeof value === 'string' && (ACE_ENUM[name] as readonly string[]).includes(value);

/** The wire values the SDK uses for review status and stage, named for readability in code. */
export const REVIEW_STATUS = ReviewStatus;
export const STAGE = Stage;
