// The Update form's model: the lifecycle fields a rep moves during co-sell, pre-filled from the deal.
import type { CardConfig } from './card-config';
import { CARD_PROP, type DealProps, prop, propList } from './deal-props';
import { closeDateOf } from './submit-form';

export interface UpdateForm {
  lifecycleStage: string;
  closedLostReason: string;
  nextSteps: string;
  amount: string;
  closeDate: string;
  solutionId: string;
  awsProducts: string[];
}

export const initialUpdateForm = (props: DealProps): UpdateForm => ({
  lifecycleStage: prop(props, CARD_PROP.lifecycleStage),
  closedLostReason: prop(props, CARD_PROP.closedLostReason),
  nextSteps: prop(props, CARD_PROP.nextSteps),
  amount: prop(props, CARD_PROP.amount),
  closeDate: closeDateOf(prop(props, CARD_PROP.closeDate)),
  solutionId: prop(props, CARD_PROP.solutionId),
  awsProducts: propList(props, CARD_PROP.awsProducts),
});

/** Field checks before sending (the backend applies the full ACE rules). */
export const validateUpdateForm = (
  form: UpdateForm,
  config: CardConfig
): Partial<Record<keyof UpdateForm, string>> => {
  const errors: Partial<Record<keyof UpdateForm, string>> = {};
  if (form.lifecycleStage === 'Closed Lost' && !form.closedLostReason)
    errors.closedLostReason = 'Choose why the opportunity was lost.';
  if (form.amount && !(Number(form.amount) > 0)) errors.amount = 'Enter a positive amount.';
  if (form.closeDate && !/^\d{4}-\d{2}-\d{2}$/.test(form.closeDate))
    errors.closeDate = 'Use YYYY-MM-DD.';
  if (form.awsProducts.length > config.limits.maxAwsProducts)
    errors.awsProducts = `Choose at most ${config.limits.maxAwsProducts} AWS products.`;
  return errors;
};

/** The update request's `properties`: only the lifecycle fields that differ from the deal. */
export const toUpdateProperties = (
  form: UpdateForm,
  initial: UpdateForm
): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  if (form.lifecycleStage && form.lifecycleStage !== initial.lifecycleStage)
    out[CARD_PROP.lifecycleStage] = form.lifecycleStage;
  if (form.lifecycleStage === 'Closed Lost' && form.closedLostReason !== initial.closedLostReason)
    out[CARD_PROP.closedLostReason] = form.closedLostReason;
  if (form.nextSteps.trim() !== initial.nextSteps) out[CARD_PROP.nextSteps] = form.nextSteps.trim();
  if (form.amount && form.amount !== initial.amount) out[CARD_PROP.amount] = Number(form.amount);
  if (form.closeDate && form.closeDate !== initial.closeDate)
    out[CARD_PROP.closeDate] = form.closeDate;
  return out;
};

/** True when the solution or the product list differs from the deal. */
export const associationsChanged = (form: UpdateForm, initial: UpdateForm): boolean =>
  form.solutionId !== initial.solutionId ||
  [...form.awsProducts].sort().join(';') !== [...initial.awsProducts].sort().join(';');
