// The custom HubSpot deal properties the ACE flows read and write (every non-standard, non-GovWin name of
// DEAL_PROP): the BD inputs the card and the update path send to Partner Central, and the AWS state the
// integration mirrors back (co-sell id and status, referral details, the status note). `setup-hubspot`
// creates them with the GovWin ones (mapping/govwin/hubspot-schema.ts).
//
// Type rules:
// - A BD input whose ACE field is a closed SDK enum is an enumeration whose options ARE the SDK values
//   (ACE_ENUM, derived from the SDK; never hand-copied): `checkbox` (HubSpot multi-select, stored
//   `;`-joined, what splitMulti reads) when the ACE field is a list, `select` otherwise. HubSpot refuses
//   any other value, so a deal can only hold values the ACE mapping accepts.
// - AWS products are a multi-select over the card's product catalogue (ace/aws-products.ts): Partner
//   Central has no product enum.
// - Free-text ACE fields (use case, marketing use cases: the SDK types them as plain strings) are text.
// - Properties only the integration writes (co-sell id / status / products, status note, invitation and
//   referral fields) are plain text or datetime, never enumerations: a value AWS adds before the SDK
//   knows it must not make a mirror write fail. HubSpot does not let an app mark a property read-only
//   (`modificationMetadata.readOnlyValue` is HubSpot's own), so their descriptions say so instead.
import type { PropertyDefinition, PropertyGroup, PropertyOption } from '../hubspot/types';
import { AWS_PRODUCTS } from './aws-products';
import { DEAL_PROP } from './deal-properties';
import { ACE_ENUM, type AceEnumName } from './enums';
import { MAX_AWS_PRODUCTS } from './map-create';

/** The deal property group the ACE properties sit in (next to the GovWin group). */
export const ACE_PROPERTY_GROUP: PropertyGroup = {
  name: 'govwin_ace',
  label: 'AWS co-sell (ACE)',
  displayOrder: 2,
};

/** HubSpot standard deal properties in DEAL_PROP: they exist in every portal, setup leaves them alone. */
export const ACE_STANDARD_DEAL_PROPERTIES: readonly string[] = [
  DEAL_PROP.dealName,
  DEAL_PROP.amount,
  DEAL_PROP.closeDate,
  DEAL_PROP.description,
  DEAL_PROP.dealStage,
  DEAL_PROP.pipeline,
  DEAL_PROP.ownerId,
];

/** How a BD-input enumeration property maps to an SDK enum. */
export interface AceEnumProperty {
  /** The SDK enum (ACE_ENUM key) whose values are the property's options. */
  enumName: AceEnumName;
  /** True when the ACE field is a list (HubSpot multi-select). */
  multiple: boolean;
}

/** Every ACE deal property that is an enumeration over an SDK enum, and which enum. */
export const ACE_ENUM_PROPERTIES: Readonly<Record<string, AceEnumProperty>> = Object.freeze({
  [DEAL_PROP.partnerNeed]: { enumName: 'PrimaryNeedFromAws', multiple: true },
  [DEAL_PROP.deliveryModel]: { enumName: 'DeliveryModel', multiple: true },
  [DEAL_PROP.opportunityType]: { enumName: 'OpportunityType', multiple: false },
  [DEAL_PROP.marketingSource]: { enumName: 'MarketingSource', multiple: false },
  [DEAL_PROP.marketingChannel]: { enumName: 'Channel', multiple: true },
  [DEAL_PROP.marketingDevFunded]: { enumName: 'AwsFundingUsed', multiple: false },
  [DEAL_PROP.competitorName]: { enumName: 'CompetitorName', multiple: false },
  [DEAL_PROP.lifecycleStage]: { enumName: 'Stage', multiple: false },
  [DEAL_PROP.closedLostReason]: { enumName: 'ClosedLostReason', multiple: false },
  [DEAL_PROP.salesActivities]: { enumName: 'SalesActivity', multiple: true },
  [DEAL_PROP.nationalSecurity]: { enumName: 'NationalSecurity', multiple: false },
});

const G = ACE_PROPERTY_GROUP.name;
const OWNED = 'Maintained by the integration from AWS Partner Central; do not edit by hand.';

const text = (name: string, label: string, description: string): PropertyDefinition => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName: G,
  description,
});
const textarea = (name: string, label: string, description: string): PropertyDefinition => ({
  ...text(name, label, description),
  fieldType: 'textarea',
});
const owned = (name: string, label: string, description: string): PropertyDefinition =>
  text(name, label, `${description} ${OWNED}`);

const optionsOf = (values: readonly { value: string; label: string }[]): PropertyOption[] =>
  values.map((o, i) => ({ label: o.label, value: o.value, displayOrder: i }));

/** The options of an SDK enum, in the SDK's order; label = wire value (what AWS and the card show). */
export const aceEnumOptions = (enumName: AceEnumName): PropertyOption[] =>
  optionsOf(ACE_ENUM[enumName].map((value) => ({ value, label: value })));

const enumeration = (name: string, label: string, description: string): PropertyDefinition => {
  const spec = ACE_ENUM_PROPERTIES[name];
  if (!spec) throw new Error(`${name} is not an ACE enum property`);
  return {
    name,
    label,
    type: 'enumeration',
    fieldType: spec.multiple ? 'checkbox' : 'select',
    groupName: G,
    description: `${description} Values are Partner Central's ${spec.enumName} values.`,
    options: aceEnumOptions(spec.enumName),
  };
};

const P = DEAL_PROP;

/** The ACE deal properties (BD inputs first, then the ones the integration maintains). */
export const ACE_DEAL_PROPERTIES: readonly PropertyDefinition[] = [
  enumeration(
    P.partnerNeed,
    'ACE Partner Need from AWS',
    'What the partner needs from AWS (PrimaryNeedsFromAws); at least one.'
  ),
  enumeration(
    P.deliveryModel,
    'ACE Delivery Models',
    'How the solution is delivered (Project.DeliveryModels); at least one.'
  ),
  text(
    P.solutionId,
    'ACE Solution ID',
    'Partner Central solution to associate (S- followed by digits); chosen in the AWS co-sell card.'
  ),
  text(
    P.useCase,
    'ACE Customer Use Case',
    'Customer use case (Project.CustomerUseCase) (max 255 characters).'
  ),
  textarea(
    P.otherSolutionDescription,
    'ACE Other Solution Description',
    'Offered solution when no Partner Central solution is associated (max 255 characters); defaults to the deal name.'
  ),
  enumeration(
    P.opportunityType,
    'ACE Opportunity Type',
    'OpportunityType; Net New Business when empty.'
  ),
  enumeration(P.marketingSource, 'ACE Marketing Source', 'Marketing.Source; None when empty.'),
  text(
    P.marketingCampaignName,
    'ACE Marketing Campaign Name',
    'Marketing.CampaignName (when the source is Marketing Activity) (max 255 characters).'
  ),
  text(
    P.marketingUseCases,
    'ACE Marketing Use Cases',
    'Marketing.UseCases: up to 10 use cases, each at most 80 characters, separated by ";" (not commas).'
  ),
  enumeration(P.marketingChannel, 'ACE Marketing Channels', 'Marketing.Channels.'),
  enumeration(
    P.marketingDevFunded,
    'ACE Marketing AWS Funding Used',
    'Marketing.AwsFundingUsed (marketing development funds).'
  ),
  enumeration(P.competitorName, 'ACE Competitor', 'Project.CompetitorName.'),
  text(
    P.otherCompetitorNames,
    'ACE Other Competitors',
    'Project.OtherCompetitorNames (max 255 characters); sent only when the competitor is *Other.'
  ),
  textarea(
    P.additionalComments,
    'ACE Additional Comments',
    'Project.AdditionalComments (max 255 characters).'
  ),
  text(
    P.awsAccountId,
    'ACE Customer AWS Account ID',
    "The customer's 12-digit AWS account id (Customer.Account.AwsAccountId)."
  ),
  textarea(
    P.nextSteps,
    'ACE Next Steps',
    'LifeCycle.NextSteps (max 255 characters). System messages go to ACE Status Note, never here.'
  ),
  text(
    P.relatedOpportunityId,
    'ACE Related Opportunity ID',
    'An earlier ACE opportunity (O followed by digits): Project.RelatedOpportunityIdentifier.'
  ),
  enumeration(
    P.lifecycleStage,
    'ACE Lifecycle Stage',
    'LifeCycle.Stage: set by BD, then mirrored from AWS; Qualified when empty at submission.'
  ),
  enumeration(
    P.closedLostReason,
    'ACE Closed Lost Reason',
    'LifeCycle.ClosedLostReason; required when the lifecycle stage is Closed Lost.'
  ),
  enumeration(P.salesActivities, 'ACE Sales Activities', 'Project.SalesActivities.'),
  enumeration(
    P.nationalSecurity,
    'ACE National Security',
    'NationalSecurity; Yes only for Government customers.'
  ),
  {
    name: P.awsProducts,
    label: 'ACE AWS Products',
    type: 'enumeration',
    fieldType: 'checkbox',
    groupName: G,
    description: `AWS products to associate with the opportunity, at most ${MAX_AWS_PRODUCTS} (Other is never sent); chosen in the AWS co-sell card.`,
    options: optionsOf(AWS_PRODUCTS.map((p) => ({ value: p.id, label: p.name }))),
  },
  owned(
    P.cosellId,
    'AWS Co-Sell Opportunity ID',
    'The ACE opportunity id (O followed by digits); a hand edit raises an audit alert.'
  ),
  owned(
    P.cosellStatus,
    'AWS Co-Sell Review Status',
    "The opportunity's LifeCycle.ReviewStatus in Partner Central."
  ),
  owned(
    P.cosellProducts,
    'AWS Co-Sell Products',
    'AWS products associated in Partner Central, ";"-separated.'
  ),
  textarea(
    P.statusNote,
    'ACE Status Note',
    'Why the last submission or update did not reach AWS, or was parked; empty when all is well. Written by the integration; do not edit.'
  ),
  {
    ...owned(
      P.invitationId,
      'AWS Referral Invitation ID',
      'The engagement invitation AWS sent (referral); unique, the integration finds the deal by it.'
    ),
    hasUniqueValue: true,
  },
  owned(
    P.invitationStatus,
    'AWS Referral Invitation Status',
    'Invitation status: PENDING, ACCEPTING (the rep accepted it; AWS is creating the opportunity), ACCEPTED, REJECTED or EXPIRED.'
  ),
  {
    name: P.invitationExpiresAt,
    label: 'AWS Referral Expires At',
    type: 'datetime',
    fieldType: 'date',
    groupName: G,
    description: `When the referral invitation expires unanswered. ${OWNED}`,
  },
  owned(P.invitationSender, 'AWS Referral Sender', 'Company that sent the referral invitation.'),
  owned(
    P.invitationEngagementId,
    'AWS Referral Engagement ID',
    'The engagement the invitation belongs to.'
  ),
  owned(P.invitationCustomer, 'AWS Referral Customer', 'Customer company named in the referral.'),
  owned(P.invitationIndustry, 'AWS Referral Industry', 'Customer industry named in the referral.'),
  owned(
    P.invitationCountry,
    'AWS Referral Country',
    'Customer country code named in the referral.'
  ),
  owned(P.invitationWebsite, 'AWS Referral Website', 'Customer website named in the referral.'),
];
