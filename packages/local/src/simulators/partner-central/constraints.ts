// Length, range and pattern constraints. The JS SDK's runtime schemas drop Smithy's @length,
// @range and @pattern traits, so these come from the same model as published by botocore and
// recorded in shared/spec/reference/external-apis.md §1.4-§1.6. Required members and enum values are
// NOT listed here: they are read from the SDK itself (sdk-model.ts).

export interface Constraint {
  /** Whole-value pattern (anchored when applied). */
  pattern?: RegExp;
  /** Strings: min/max length; lists: min/max items (and `pattern` per item); numbers: value. */
  min?: number;
  max?: number;
}

const OPPORTUNITY_ID = /O[0-9]{1,19}/;
const INVITATION_ID = /arn:.*|engi-[0-9a-z]{13}/;
const ENGAGEMENT_ID = /arn:.*|eng-[0-9a-z]{14}/;
const TASK_ID = /.*task-[0-9a-z]{13}/;
const DATE = /[1-9][0-9]{3}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])/;
const AMOUNT = /(0|([1-9][0-9]{0,30}))(\.[0-9]{0,2})?/;
const EMAIL =
  /(?=.{0,80}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?/;

/** Constraints on any structure's member of that name. */
const ANY: Readonly<Record<string, Constraint>> = {
  Catalog: { pattern: /[a-zA-Z]+/ },
  ClientToken: { min: 1, max: 255 },
  Tags: { min: 1, max: 200 },
};

/** Constraints keyed `Structure.Member`. */
const BY_MEMBER: Readonly<Record<string, Constraint>> = {
  'CreateOpportunityRequest.PartnerOpportunityIdentifier': { max: 64 },
  'CreateOpportunityRequest.OpportunityTeam': { max: 10 },
  'UpdateOpportunityRequest.PartnerOpportunityIdentifier': { max: 64 },
  'UpdateOpportunityRequest.Identifier': { pattern: OPPORTUNITY_ID },
  'GetOpportunityRequest.Identifier': { pattern: OPPORTUNITY_ID },
  'SubmitOpportunityRequest.Identifier': { pattern: OPPORTUNITY_ID },
  'AssignOpportunityRequest.Identifier': { pattern: OPPORTUNITY_ID },
  'AssociateOpportunityRequest.OpportunityIdentifier': { pattern: OPPORTUNITY_ID },
  'AssociateOpportunityRequest.RelatedEntityIdentifier': { min: 1, max: 255 },
  'DisassociateOpportunityRequest.OpportunityIdentifier': { pattern: OPPORTUNITY_ID },
  'DisassociateOpportunityRequest.RelatedEntityIdentifier': { min: 1, max: 255 },
  'GetAwsOpportunitySummaryRequest.RelatedOpportunityIdentifier': { pattern: OPPORTUNITY_ID },
  'StartEngagementFromOpportunityTaskRequest.Identifier': { pattern: OPPORTUNITY_ID },
  'ListOpportunitiesRequest.MaxResults': { min: 1, max: 100 },
  'ListOpportunitiesRequest.Identifier': { pattern: OPPORTUNITY_ID, max: 20 },
  'ListOpportunitiesRequest.LifeCycleStage': { max: 10 },
  'ListOpportunitiesRequest.LifeCycleReviewStatus': { max: 10 },
  'ListOpportunitiesRequest.CustomerCompanyName': { max: 10 },
  'ListSolutionsRequest.MaxResults': { min: 1, max: 100 },
  'ListSolutionsRequest.Identifier': { max: 20 },
  'ListEngagementInvitationsRequest.MaxResults': { min: 1, max: 100 },
  'ListEngagementInvitationsRequest.Status': { min: 1, max: 10 },
  'ListEngagementInvitationsRequest.EngagementIdentifier': {
    pattern: ENGAGEMENT_ID,
    min: 1,
    max: 10,
  },
  'ListEngagementFromOpportunityTasksRequest.MaxResults': { min: 1, max: 1000 },
  'ListEngagementFromOpportunityTasksRequest.TaskStatus': { min: 1, max: 3 },
  'ListEngagementFromOpportunityTasksRequest.TaskIdentifier': { pattern: TASK_ID, max: 10 },
  'ListEngagementFromOpportunityTasksRequest.OpportunityIdentifier': {
    pattern: OPPORTUNITY_ID,
    max: 10,
  },
  'ListEngagementFromOpportunityTasksRequest.EngagementIdentifier': {
    pattern: ENGAGEMENT_ID,
    max: 10,
  },
  'ListEngagementByAcceptingInvitationTasksRequest.MaxResults': { min: 1, max: 1000 },
  'GetEngagementInvitationRequest.Identifier': { pattern: INVITATION_ID, min: 1, max: 255 },
  'AcceptEngagementInvitationRequest.Identifier': { pattern: INVITATION_ID, min: 1, max: 255 },
  'RejectEngagementInvitationRequest.Identifier': { pattern: INVITATION_ID, min: 1, max: 255 },
  'RejectEngagementInvitationRequest.RejectionReason': { min: 1, max: 80 },
  'StartEngagementByAcceptingInvitationTaskRequest.Identifier': {
    pattern: INVITATION_ID,
    min: 1,
    max: 255,
  },
  'Account.CompanyName': { max: 120 },
  'Account.OtherIndustry': { max: 255 },
  'Account.WebsiteUrl': { min: 4, max: 255 },
  'Account.AwsAccountId': { pattern: /[0-9]{12}|\w{1,12}/ },
  'Account.Duns': { pattern: /[0-9]{9}/ },
  'Address.City': { max: 255 },
  'Address.PostalCode': { max: 20 },
  'Address.StreetAddress': { max: 255 },
  'Contact.Email': { pattern: EMAIL, max: 80 },
  'Contact.FirstName': { max: 80 },
  'Contact.LastName': { max: 80 },
  'Contact.BusinessTitle': { max: 80 },
  'Contact.Phone': { pattern: /\+[1-9]\d{1,14}/ },
  'AssigneeContact.Email': { pattern: EMAIL, max: 80 },
  'AssigneeContact.Phone': { pattern: /\+[1-9]\d{1,14}/ },
  'Project.Title': { max: 255 },
  'Project.CustomerBusinessProblem': { min: 20, max: 2000 },
  'Project.AdditionalComments': { min: 1, max: 255 },
  'Project.OtherCompetitorNames': { max: 255 },
  'Project.OtherSolutionDescription': { max: 255 },
  'Project.ExpectedCustomerSpend': { max: 10 },
  'Project.RelatedOpportunityIdentifier': { pattern: OPPORTUNITY_ID },
  'ExpectedCustomerSpend.Amount': { pattern: new RegExp(`(${AMOUNT.source})?`) },
  'ExpectedCustomerSpend.TargetCompany': { min: 1, max: 80 },
  'ExpectedCustomerSpend.EstimationUrl': {
    pattern:
      /https:\/\/(calculator\.aws|pricing\.calculator\.aws\.eu)\/#\/estimate\?id=[a-f0-9]{32,64}/,
  },
  'LifeCycle.TargetCloseDate': { pattern: DATE },
  'LifeCycle.NextSteps': { max: 255 },
  'LifeCycle.NextStepsHistory': { max: 50 },
  'SoftwareRevenue.EffectiveDate': { pattern: DATE },
  'SoftwareRevenue.ExpirationDate': { pattern: DATE },
  'MonetaryValue.Amount': { pattern: AMOUNT },
  'Tag.Key': { min: 1, max: 128 },
  'Tag.Value': { max: 256 },
  'ProjectDetails.BusinessProblem': { min: 20, max: 2000 },
  'ProjectDetails.Title': { min: 1, max: 255 },
  'ProjectDetails.TargetCompletionDate': { pattern: DATE },
  'EngagementCustomer.CompanyName': { min: 1, max: 120 },
  'OpportunityInvitationPayload.SenderContacts': { min: 1, max: 3 },
};

export const ID_PATTERNS = {
  opportunity: OPPORTUNITY_ID,
  invitation: INVITATION_ID,
  engagement: ENGAGEMENT_ID,
  task: TASK_ID,
} as const;

const anchored = new Map<RegExp, RegExp>();

/** Tests `value` against the whole of `pattern`. */
export const matchesWhole = (pattern: RegExp, value: string): boolean => {
  let re = anchored.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern.source})$`, pattern.flags);
    anchored.set(pattern, re);
  }
  return re.test(value);
};

/** The constraint for `member` of `structure`, if any. */
export const constraintFor = (structure: string, member: string): Constraint | undefined =>
  BY_MEMBER[`${structure}.${member}`] ?? ANY[member];
