// UpdateOpportunity replaces the whole object: anything not sent becomes null (external-apis §1.4). Every
// update therefore starts from the live GetOpportunity response reduced to a body UpdateOpportunity accepts
// (prior-art-behaviour §10.2, with the review fields sent back unchanged so AWS reviewer state survives).
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import type { AceUpdateBody } from './client';

/** Top-level members of UpdateOpportunityRequest that carry opportunity data (a test compares with the SDK). */
export const UPDATE_BODY_KEYS = [
  'PrimaryNeedsFromAws',
  'NationalSecurity',
  'PartnerOpportunityIdentifier',
  'Customer',
  'Project',
  'OpportunityType',
  'Marketing',
  'SoftwareRevenue',
  'LifeCycle',
] as const satisfies readonly (keyof AceUpdateBody)[];

/** True for a Date from any realm (the SDK's and a caller's Date constructors may differ). */
export const isDate = (value: unknown): value is Date =>
  Object.prototype.toString.call(value) === '[object Date]';

/** Removes null/undefined, empty strings, empty arrays and empty objects, recursively. Dates are kept. */
export const prune = <T>(value: T): T | undefined => {
  if (value === null || value === undefined) return undefined;
  if (isDate(value)) return value;
  if (typeof value === 'string') return (value.length > 0 ? value : undefined) as T | undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => prune(v)).filter((v) => v !== undefined);
    return (items.length > 0 ? items : undefined) as T | undefined;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return (Object.keys(out).length > 0 ? out : undefined) as T | undefined;
  }
  return value;
};

const hasText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Normalises the Marketing block: a missing Source becomes `None`; any Source other than
 * `Marketing Activity` carries no companion fields (AWS rejects them).
 */
export const normaliseMarketing = (
  marketing: AceUpdateBody['Marketing']
): NonNullable<AceUpdateBody['Marketing']> => {
  const source = hasText(marketing?.Source) ? marketing.Source : 'None';
  if (source !== 'Marketing Activity') return { Source: source };
  return prune({ ...marketing, Source: source }) ?? { Source: source };
};

/**
 * Turns a GetOpportunity response into a complete, valid UpdateOpportunity body (without Catalog,
 * Identifier and LastModifiedDate, which the client adds).
 * @example const body = scrubForUpdate(await ace.getOpportunity(id)); body.Project = { ...body.Project, Title };
 */
export const scrubForUpdate = (current: GetOpportunityCommandOutput): AceUpdateBody => {
  const picked: Record<string, unknown> = {};
  for (const key of UPDATE_BODY_KEYS) picked[key] = structuredClone(current[key]);
  const body = (prune(picked) ?? {}) as AceUpdateBody;

  if (body.Project) {
    const project = { ...body.Project };
    if (project.ExpectedCustomerSpend)
      project.ExpectedCustomerSpend = project.ExpectedCustomerSpend.filter(
        (s) =>
          hasText(s.Amount) &&
          hasText(s.CurrencyCode) &&
          hasText(s.Frequency) &&
          hasText(s.TargetCompany)
      );
    // Minimum lengths (gotcha #3): a shorter stored value would make the whole update fail.
    if (!hasText(project.AdditionalComments)) delete project.AdditionalComments;
    if ((project.CustomerBusinessProblem ?? '').length < 20) delete project.CustomerBusinessProblem;
    body.Project = prune(project);
    if (!body.Project) delete body.Project;
  }

  if (body.Customer?.Contacts) {
    const contacts = body.Customer.Contacts.filter(
      (c) => hasText(c.FirstName) && hasText(c.LastName) && hasText(c.Email)
    );
    body.Customer = prune({ ...body.Customer, Contacts: contacts });
    if (!body.Customer) delete body.Customer;
  }

  body.Marketing = normaliseMarketing(body.Marketing);
  return body;
};
