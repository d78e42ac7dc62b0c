// Update an opportunity AWS already has: lifecycle stage (with the Closed Lost reason), next steps, amount,
// close date, and the solution / AWS products (applied directly with Associate / Disassociate).
import {
  Button,
  ButtonRow,
  Divider,
  Flex,
  Heading,
  Input,
  Select,
  Text,
} from '@hubspot/ui-extensions';
import type { AwsProduct, SolutionOption } from '../lib/card-api';
import type { CardConfig } from '../lib/card-config';
import type { UpdateForm } from '../lib/update-form';
import { type Loaded, ProductsPicker, SolutionPicker } from './pickers';

export interface UpdateFormViewProps {
  config: CardConfig;
  form: UpdateForm;
  errors: Partial<Record<keyof UpdateForm, string>>;
  generalErrors: string[];
  solutions: Loaded<SolutionOption>;
  products: Loaded<AwsProduct>;
  busy: boolean;
  inReview: boolean;
  onChange: (patch: Partial<UpdateForm>) => void;
  onSave: () => void;
  onCancel: () => void;
}

export const UpdateFormView = (p: UpdateFormViewProps) => {
  const { form, errors } = p;
  const err = (field: keyof UpdateForm) =>
    errors[field] ? { error: true, validationMessage: errors[field] } : {};
  return (
    <Flex direction="column" gap="sm">
      <Heading>Update the opportunity in AWS</Heading>
      {p.inReview && (
        <Text variant="microcopy">
          AWS is reviewing this opportunity: your changes are saved on the deal and sent to AWS when
          the review ends.
        </Text>
      )}
      {p.generalErrors.length > 0 && <Text variant="microcopy">{p.generalErrors.join(' · ')}</Text>}
      <Select
        label="Stage"
        name="lifecycleStage"
        value={form.lifecycleStage}
        options={p.config.enums.lifecycleStage}
        onChange={(v) => p.onChange({ lifecycleStage: String(v) })}
        {...err('lifecycleStage')}
      />
      {form.lifecycleStage === 'Closed Lost' && (
        <Select
          label="Why was it lost?"
          name="closedLostReason"
          required
          value={form.closedLostReason}
          options={p.config.enums.closedLostReason}
          onChange={(v) => p.onChange({ closedLostReason: String(v) })}
          {...err('closedLostReason')}
        />
      )}
      <Input
        label="Next steps"
        name="nextSteps"
        value={form.nextSteps}
        onChange={(v) => p.onChange({ nextSteps: v })}
        {...err('nextSteps')}
      />
      <Input
        label="Deal amount (USD)"
        name="amount"
        value={form.amount}
        onChange={(v) => p.onChange({ amount: v })}
        {...err('amount')}
      />
      <Input
        label="Target close date (YYYY-MM-DD)"
        name="closeDate"
        value={form.closeDate}
        onChange={(v) => p.onChange({ closeDate: v })}
        {...err('closeDate')}
      />
      <Divider />
      <SolutionPicker
        list={p.solutions}
        value={form.solutionId}
        required={p.config.catalog === 'AWS'}
        error={errors.solutionId}
        onChange={(solutionId) => p.onChange({ solutionId })}
      />
      <ProductsPicker
        list={p.products}
        value={form.awsProducts}
        max={p.config.limits.maxAwsProducts}
        error={errors.awsProducts}
        onChange={(awsProducts) => p.onChange({ awsProducts })}
      />
      <ButtonRow>
        <Button variant="primary" disabled={p.busy} onClick={p.onSave}>
          {p.busy ? 'Saving…' : 'Save to AWS'}
        </Button>
        <Button variant="secondary" disabled={p.busy} onClick={p.onCancel}>
          Cancel
        </Button>
      </ButtonRow>
    </Flex>
  );
};
