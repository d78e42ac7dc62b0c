// HubSpot deal (+ associated company, contacts, owner) -> CreateOpportunity body. Every enum is checked
// against the SDK's values and every problem is reported per HubSpot property in one AceMappingError,
// before any external write. The full table is in docs/ace-mapping.md.
import type { AceCreateBody } from './client';
import { DEAL_PROP } from './deal-properties';
import {
  checkNationalSecurity,
  FIELD_RULES,
  type OpportunityBody,
  type PropertyBag,
} from './field-rules';
import { FieldProblems } from './mapping-errors';
import {
  cleanText,
  normaliseCountry,
  normalisePhone,
  normaliseUsState,
  normaliseWebsite,
  splitMulti,
} from './normalise';
import { prune } from './scrub-for-update';

/** Maximum associations per opportunity (external-apis §1.10). */
export const MAX_AWS_PRODUCTS = 20;
export const MAX_CONTACTS = 10;
/** Placeholder option seeded into the solution picker when the partner has no solution. */
export const NO_SOLUTION_PLACEHOLDER = '_NONE_REGISTERED_';
const SOLUTION_ID = /^S-[0-9]{1,19}$/;

/** A deal as the mapping sees it. */
export interface DealView {
  id: string;
  properties: PropertyBag;
}

/** Owner of the deal (a HubSpot user). */
export interface OwnerView {
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
}

/** Everything the create mapping reads. */
export interface CreateMappingInput {
  deal: DealView;
  company?: PropertyBag | undefined;
  contacts?: readonly PropertyBag[] | undefined;
  owner?: OwnerView | undefined;
  /** Today (UTC) as `YYYY-MM-DD`. */
  today: string;
  /** Solution associated when the deal names none (configuration). */
  defaultSolutionId?: string | undefined;
}

/** The mapped submission: the Create body and what the Associate step links afterwards. */
export interface CreateMapping {
  body: AceCreateBody;
  partnerOpportunityIdentifier: string;
  solutionId: string | undefined;
  awsProducts: string[];
}

/**
 * Identifiers under which an ACE opportunity counts as this deal's: the deal id (what this system writes
 * as PartnerOpportunityIdentifier) and the GovWin ids the prior implementation used, for adoption.
 */
export const ownedPartnerIdentifiers = (deal: DealView): string[] =>
  [deal.id, deal.properties[DEAL_PROP.govwinOppId], deal.properties[DEAL_PROP.govwinIqOppId]]
    .map((v) => (v ?? '').trim())
    .filter((v, i, all) => v.length > 0 && v.length <= 64 && all.indexOf(v) === i);

const LEAD_STAGES = new Set([
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
]);
const EMAIL =
  /^(?=.{0,80}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const mapContacts = (contacts: readonly PropertyBag[]) =>
  contacts
    .filter((c) => c.hs_lead_status !== 'HYPERSCALER_CONTACT')
    .filter((c) => !c.lifecyclestage || LEAD_STAGES.has(c.lifecyclestage))
    .map((c) => ({
      FirstName: cleanText(c.firstname, 80),
      LastName: cleanText(c.lastname, 80),
      Email: cleanText(c.email, 80)?.toLowerCase(),
      BusinessTitle: cleanText(c.jobtitle, 80),
      Phone: normalisePhone(c.phone),
    }))
    .filter((c) => c.FirstName && c.LastName && c.Email && EMAIL.test(c.Email))
    .slice(0, MAX_CONTACTS);

const mapAccount = (input: CreateMappingInput, body: OpportunityBody, problems: FieldProblems) => {
  const deal = input.deal.properties;
  const company = input.company ?? {};
  const name = cleanText(company.name, 120) ?? cleanText(deal[DEAL_PROP.agency], 120);
  if (!name)
    problems.add('company', 'is required: associate the customer company (or set govwin_agency)');
  const website = normaliseWebsite(company.website) ?? normaliseWebsite(company.domain);
  // AWS matches the customer by website; only national-security opportunities may omit it.
  if (!website && body.NationalSecurity !== 'Yes')
    problems.add('company', 'needs a website or domain (AWS matches the customer by it)');
  const rawCountry =
    cleanText(company.country, 80) ?? cleanText(deal[DEAL_PROP.country], 80) ?? 'US';
  const country = normaliseCountry(rawCountry);
  if (!country) problems.add('company', 'has a country Partner Central does not accept');
  const state = country === 'US' ? normaliseUsState(company.state) : cleanText(company.state, 255);
  const b = body;
  b.Customer ??= {};
  b.Customer.Account = {
    ...b.Customer.Account,
    CompanyName: name,
    WebsiteUrl: website,
    Address: prune({
      CountryCode: country,
      StateOrRegion: state,
      City: cleanText(company.city, 255),
      PostalCode: cleanText(company.zip, 20),
      StreetAddress: cleanText(company.address, 255),
    }),
  };
};

const resolveSolution = (
  input: Pick<CreateMappingInput, 'deal' | 'defaultSolutionId'>,
  problems: FieldProblems
) => {
  const raw = cleanText(input.deal.properties[DEAL_PROP.solutionId], 40);
  if (raw && raw !== NO_SOLUTION_PLACEHOLDER) {
    if (SOLUTION_ID.test(raw)) return raw;
    problems.add(
      DEAL_PROP.solutionId,
      'must be a Partner Central solution id (S- followed by digits)'
    );
    return undefined;
  }
  return input.defaultSolutionId && SOLUTION_ID.test(input.defaultSolutionId)
    ? input.defaultSolutionId
    : undefined;
};

const resolveProducts = (input: Pick<CreateMappingInput, 'deal'>, problems: FieldProblems) => {
  const products = splitMulti(input.deal.properties[DEAL_PROP.awsProducts]).filter(
    (p) => p !== 'Other'
  );
  if (products.length > MAX_AWS_PRODUCTS)
    problems.add(DEAL_PROP.awsProducts, `allows at most ${MAX_AWS_PRODUCTS} AWS products`);
  if (products.some((p) => p.length > 255 || !/^[\w.:/+-]+$/.test(p)))
    problems.add(DEAL_PROP.awsProducts, 'has a value that is not an AWS product code');
  return products.slice(0, MAX_AWS_PRODUCTS);
};

/**
 * The solution and AWS products a deal asks to be associated with (deal values, else the configured
 * default solution), or one AceMappingError naming the bad properties.
 */
export const resolveAssociations = (
  input: Pick<CreateMappingInput, 'deal' | 'defaultSolutionId'>
): { solutionId: string | undefined; awsProducts: string[] } => {
  const problems = new FieldProblems();
  const solutionId = resolveSolution(input, problems);
  const awsProducts = resolveProducts(input, problems);
  problems.throwIfAny();
  return { solutionId, awsProducts };
};

/**
 * Maps a deal to a CreateOpportunity body, or throws one AceMappingError naming every bad property.
 * @example const { body, solutionId, awsProducts } = mapDealToCreate({ deal, company, contacts, owner, today });
 */
export const mapDealToCreate = (input: CreateMappingInput): CreateMapping => {
  const problems = new FieldProblems();
  const body: OpportunityBody = {};
  const ctx = { mode: 'create' as const, today: input.today };
  for (const rule of FIELD_RULES) rule.apply(body, input.deal.properties, problems, ctx);
  mapAccount(input, body, problems);
  checkNationalSecurity(body, problems);
  const contacts = mapContacts(input.contacts ?? []);
  if (contacts.length > 0 && body.Customer) body.Customer.Contacts = contacts;
  const solutionId = resolveSolution(input, problems);
  const awsProducts = resolveProducts(input, problems);
  problems.throwIfAny();

  const partnerOpportunityIdentifier = input.deal.id;
  const owner = input.owner;
  const ownerEmail = cleanText(owner?.email, 80)?.toLowerCase();
  const team =
    owner?.firstName && owner.lastName && ownerEmail && EMAIL.test(ownerEmail)
      ? [
          {
            FirstName: cleanText(owner.firstName, 80),
            LastName: cleanText(owner.lastName, 80),
            Email: ownerEmail,
            BusinessTitle: 'OpportunityOwner',
          },
        ]
      : undefined;
  const project = body.Project ?? {};
  if (!solutionId)
    project.OtherSolutionDescription =
      cleanText(input.deal.properties[DEAL_PROP.otherSolutionDescription], 255) ?? project.Title;
  const create: AceCreateBody = {
    ...body,
    Project: project,
    PartnerOpportunityIdentifier: partnerOpportunityIdentifier,
    // With Catalog=AWS only Partner Referral is allowed (external-apis §1.5).
    Origin: 'Partner Referral',
    ...(team ? { OpportunityTeam: team } : {}),
  };
  create.Marketing ??= { Source: 'None' };
  return {
    body: prune(create) ?? create,
    partnerOpportunityIdentifier,
    solutionId,
    awsProducts,
  };
};
