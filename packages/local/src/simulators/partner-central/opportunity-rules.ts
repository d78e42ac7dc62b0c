// Business rules on opportunities: what a create/update may contain, what is locked while AWS
// reviews it, and what a submission needs (external-apis §1.4-§1.6).
import type { ReviewStatus } from '@aws-sdk/client-partnercentral-selling';
import { isoDay } from './context';
import { businessError, type SellingError, validationError } from './errors';
import type { ResolvedOptions } from './options';
import type { OpportunityEntry, OpportunityRecord } from './state';
import { fingerprint } from './support';
import type { FieldError, Json } from './validate';

/** LifeCycle members the service owns; partner input for them is ignored. */
export const SERVICE_LIFECYCLE = ['ReviewStatus', 'ReviewComments', 'ReviewStatusReason'] as const;

/** Under review: nothing may change. */
const LOCKED: ReadonlySet<ReviewStatus | undefined> = new Set<ReviewStatus>([
  'Submitted',
  'In review',
  'Rejected',
]);

/** While `Action Required`, only these may change (an update sends the record back to review). */
export const ACTION_REQUIRED_EDITABLE: readonly string[] = [
  'Customer.Account.Address.City',
  'Customer.Account.Address.CountryCode',
  'Customer.Account.Address.PostalCode',
  'Customer.Account.Address.StateOrRegion',
  'Customer.Account.Address.StreetAddress',
  'Customer.Account.WebsiteUrl',
  'LifeCycle.TargetCloseDate',
  'Project.ExpectedCustomerSpend',
  'Project.CustomerBusinessProblem',
  'PartnerOpportunityIdentifier',
];

const SUBMITTABLE_STAGES: ReadonlySet<unknown> = new Set([
  'Qualified',
  'Technical Validation',
  'Business Validation',
  'Committed',
  'Launched',
]);

const get = (record: Json, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), record);

/** Rules shared by CreateOpportunity and UpdateOpportunity. */
export const contentProblems = (
  record: Json,
  catalog: string,
  now: number,
  options: ResolvedOptions
): SellingError | undefined => {
  const errors: FieldError[] = [];
  if (record.Origin === 'AWS Referral' && catalog === 'AWS') {
    errors.push({
      FieldName: 'Origin',
      Code: 'INVALID_VALUE',
      Message: 'Origin AWS Referral is only accepted in the Sandbox catalog',
    });
  }
  if (
    record.NationalSecurity === 'Yes' &&
    get(record, 'Customer.Account.Industry') !== 'Government'
  ) {
    errors.push({
      FieldName: 'NationalSecurity',
      Code: 'INVALID_VALUE',
      Message: 'NationalSecurity Yes needs Customer.Account.Industry Government',
    });
  }
  const life = (record.LifeCycle ?? {}) as Json;
  if (life.Stage === 'Closed Lost' && life.ClosedLostReason === undefined) {
    errors.push({
      FieldName: 'LifeCycle.ClosedLostReason',
      Code: 'REQUIRED_FIELD_MISSING',
      Message: 'LifeCycle.ClosedLostReason is required when Stage is Closed Lost',
    });
  }
  const close = life.TargetCloseDate;
  if (options.rejectPastTargetCloseDate && typeof close === 'string' && close < isoDay(now)) {
    errors.push({
      FieldName: 'LifeCycle.TargetCloseDate',
      Code: 'INVALID_VALUE',
      Message: 'LifeCycle.TargetCloseDate must not be in the past',
    });
  }
  return errors.length > 0 ? validationError('BUSINESS_VALIDATION_FAILED', errors) : undefined;
};

/** Refuses any change while AWS reviews the opportunity. */
export const assertEditable = (entry: OpportunityEntry): void => {
  const status = entry.record.LifeCycle.ReviewStatus;
  if (LOCKED.has(status)) {
    throw businessError(
      'LifeCycle.ReviewStatus',
      'INVALID_RESOURCE_STATE',
      `The opportunity cannot be changed while its review status is ${status}.`
    );
  }
};

const diffPaths = (a: unknown, b: unknown, prefix: string, out: string[]): void => {
  const objA = a && typeof a === 'object' && !Array.isArray(a);
  const objB = b && typeof b === 'object' && !Array.isArray(b);
  if (objA && objB) {
    const keys = new Set([...Object.keys(a as Json), ...Object.keys(b as Json)]);
    for (const k of keys) {
      diffPaths((a as Json)[k], (b as Json)[k], prefix ? `${prefix}.${k}` : k, out);
    }
    return;
  }
  if (fingerprint(a ?? null) !== fingerprint(b ?? null)) out.push(prefix);
};

/** In `Action Required`, lists the changed members that are not on the editable list. */
export const lockedChanges = (before: Json, after: Json): FieldError[] => {
  const changed: string[] = [];
  diffPaths(before, after, '', changed);
  return changed
    .filter((path) => !ACTION_REQUIRED_EDITABLE.some((e) => path === e || path.startsWith(`${e}.`)))
    .map((FieldName) => ({
      FieldName,
      Code: 'ACTION_NOT_PERMITTED' as const,
      Message: `${FieldName} cannot be changed while the review status is Action Required`,
    }));
};

const required = (FieldName: string): FieldError => ({
  FieldName,
  Code: 'REQUIRED_FIELD_MISSING',
  Message: `${FieldName} is required for submission`,
});

/** What stops an opportunity from being submitted to AWS. */
export const submissionProblems = (
  record: OpportunityRecord,
  options: ResolvedOptions
): FieldError[] => {
  const errors: FieldError[] = [];
  const mustHave = [
    'Customer.Account.CompanyName',
    'Customer.Account.Industry',
    'Customer.Account.Address.CountryCode',
    'Project.Title',
    'Project.CustomerBusinessProblem',
    'LifeCycle.TargetCloseDate',
  ];
  if (record.NationalSecurity !== 'Yes') mustHave.push('Customer.Account.WebsiteUrl');
  for (const path of mustHave) if (get(record, path) === undefined) errors.push(required(path));
  const spend = get(record, 'Project.ExpectedCustomerSpend');
  if (!Array.isArray(spend) || spend.length === 0) {
    errors.push(required('Project.ExpectedCustomerSpend'));
  }
  if (!SUBMITTABLE_STAGES.has(record.LifeCycle.Stage)) {
    errors.push({
      FieldName: 'LifeCycle.Stage',
      Code: 'INVALID_VALUE',
      Message: 'LifeCycle.Stage must be Qualified or later (and not Closed Lost) to submit',
    });
  }
  if (options.requireSolutionForSubmission && !record.RelatedEntityIdentifiers.Solutions?.length) {
    errors.push(required('RelatedEntityIdentifiers.Solutions'));
  }
  return errors;
};
