// The Submit form's model: defaults pre-filled from the deal, client-side checks that mirror the backend's
// (the backend re-validates everything and names each field it refuses), and the request payload.
import type { CardConfig } from './card-config';
import { CARD_PROP, type DealProps, prop, propList } from './deal-props';

/** What the rep edits. Lists hold wire values from the backend's option lists. */
export interface SubmitForm {
  dealName: string;
  description: string;
  amount: string;
  closeDate: string;
  industry: string;
  partnerNeed: string[];
  deliveryModel: string[];
  useCase: string;
  opportunityType: string;
  salesActivities: string[];
  competitorName: string;
  otherCompetitorNames: string;
  awsAccountId: string;
  nationalSecurity: string;
  solutionId: string;
  awsProducts: string[];
  additionalComments: string;
  nextSteps: string;
}

/** Form field -> the HubSpot property it is written to (and that server errors are keyed by). */
export const FORM_PROPERTY: Readonly<Record<keyof SubmitForm, string>> = {
  dealName: CARD_PROP.dealName,
  description: CARD_PROP.description,
  amount: CARD_PROP.amount,
  closeDate: CARD_PROP.closeDate,
  industry: CARD_PROP.industry,
  partnerNeed: CARD_PROP.partnerNeed,
  deliveryModel: CARD_PROP.deliveryModel,
  useCase: CARD_PROP.useCase,
  opportunityType: CARD_PROP.opportunityType,
  salesActivities: CARD_PROP.salesActivities,
  competitorName: CARD_PROP.competitorName,
  otherCompetitorNames: CARD_PROP.otherCompetitorNames,
  awsAccountId: CARD_PROP.awsAccountId,
  nationalSecurity: CARD_PROP.nationalSecurity,
  solutionId: CARD_PROP.solutionId,
  awsProducts: CARD_PROP.awsProducts,
  additionalComments: CARD_PROP.additionalComments,
  nextSteps: CARD_PROP.nextSteps,
};

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The deal's close date as YYYY-MM-DD (HubSpot gives an ISO instant or epoch ms). */
export const closeDateOf = (value: string): string => {
  if (/^\d{10,16}$/.test(value))
    return isoDay(Number(value) < 1e12 ? Number(value) * 1000 : Number(value));
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
};

const known = (config: CardConfig, name: keyof CardConfig['enums'], values: string[]) => {
  const allowed = new Set(config.enums[name].map((o) => o.value));
  return values.filter((v) => allowed.has(v));
};
const firstKnown = (config: CardConfig, name: keyof CardConfig['enums'], wanted: string[]) =>
  known(config, name, wanted)[0] ?? '';

/**
 * The form pre-filled from the deal; empty fields take the prior art's defaults (Deal Support, Net New
 * Business, "Initialized discussions", Government, close date in 180 days) when the backend offers them.
 * Values the backend no longer offers are dropped rather than sent back.
 */
export const initialForm = (props: DealProps, config: CardConfig, now: number): SubmitForm => {
  const needs = propList(props, CARD_PROP.partnerNeed);
  const activities = propList(props, CARD_PROP.salesActivities);
  return {
    dealName: prop(props, CARD_PROP.dealName),
    description: prop(props, CARD_PROP.description),
    amount: prop(props, CARD_PROP.amount),
    closeDate: closeDateOf(prop(props, CARD_PROP.closeDate)) || isoDay(now + 180 * DAY_MS),
    industry: prop(props, CARD_PROP.industry) || 'Government',
    partnerNeed: known(
      config,
      'partnerNeed',
      needs.length > 0 ? needs : ['Co-Sell - Deal Support']
    ),
    deliveryModel: known(config, 'deliveryModel', propList(props, CARD_PROP.deliveryModel)),
    useCase: prop(props, CARD_PROP.useCase),
    opportunityType: firstKnown(config, 'opportunityType', [
      prop(props, CARD_PROP.opportunityType),
      'Net New Business',
    ]),
    salesActivities: known(
      config,
      'salesActivity',
      activities.length > 0 ? activities : ['Initialized discussions with customer']
    ),
    competitorName: firstKnown(config, 'competitorName', [prop(props, CARD_PROP.competitorName)]),
    otherCompetitorNames: prop(props, CARD_PROP.otherCompetitorNames),
    awsAccountId: prop(props, CARD_PROP.awsAccountId),
    nationalSecurity: firstKnown(config, 'nationalSecurity', [
      prop(props, CARD_PROP.nationalSecurity),
    ]),
    solutionId: prop(props, CARD_PROP.solutionId),
    awsProducts: propList(props, CARD_PROP.awsProducts),
    additionalComments: prop(props, CARD_PROP.additionalComments),
    nextSteps: prop(props, CARD_PROP.nextSteps),
  };
};

/** Client-side checks (the backend repeats them and more); field -> one-line reason. */
export const validateForm = (
  form: SubmitForm,
  config: CardConfig,
  now: number
): Partial<Record<keyof SubmitForm, string>> => {
  const errors: Partial<Record<keyof SubmitForm, string>> = {};
  if (!form.dealName.trim()) errors.dealName = 'Enter the opportunity title.';
  const min = config.limits.descriptionMinLength;
  if (form.description.trim().length < min)
    errors.description = `Describe the customer's problem in at least ${min} characters.`;
  if (!(Number(form.amount) > 0)) errors.amount = 'Enter the deal amount in USD.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.closeDate)) errors.closeDate = 'Use YYYY-MM-DD.';
  else if (form.closeDate < isoDay(now))
    errors.closeDate = 'The close date must not be in the past.';
  if (form.partnerNeed.length === 0) errors.partnerNeed = 'Choose at least one co-sell need.';
  if (form.deliveryModel.length === 0) errors.deliveryModel = 'Choose at least one delivery model.';
  if (form.awsAccountId && !/^\d{12}$/.test(form.awsAccountId))
    errors.awsAccountId = 'An AWS account id is 12 digits.';
  if (form.nationalSecurity === 'Yes' && form.industry !== 'Government')
    errors.nationalSecurity = 'National security applies to Government customers only.';
  if (form.competitorName === '*Other' && !form.otherCompetitorNames.trim())
    errors.otherCompetitorNames = 'Name the competitors.';
  if (form.awsProducts.length > config.limits.maxAwsProducts)
    errors.awsProducts = `Choose at most ${config.limits.maxAwsProducts} AWS products.`;
  return errors;
};

/** The submit request's `properties`: HubSpot property names, blanks left out, the amount as a number. */
export const toSubmitProperties = (form: SubmitForm): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [field, property] of Object.entries(FORM_PROPERTY) as [keyof SubmitForm, string][]) {
    const value = form[field];
    if (Array.isArray(value)) {
      if (value.length > 0) out[property] = [...value];
    } else if (value.trim() !== '')
      out[property] = field === 'amount' ? Number(value) : value.trim();
  }
  return out;
};

/** Server field errors (keyed by property name) mapped back onto form fields; the rest are general. */
export const mapServerErrors = (
  fields: Readonly<Record<string, string>>
): { byField: Partial<Record<keyof SubmitForm, string>>; general: string[] } => {
  const byField: Partial<Record<keyof SubmitForm, string>> = {};
  const general: string[] = [];
  const fieldOf = new Map(
    Object.entries(FORM_PROPERTY).map(([f, p]) => [p, f as keyof SubmitForm])
  );
  for (const [name, reason] of Object.entries(fields)) {
    const field = fieldOf.get(name.replace(/^properties\./, ''));
    if (field) byField[field] = reason;
    else general.push(`${name} ${reason}`);
  }
  return { byField, general };
};
