// The Submit form, pre-filled from the deal. Option lists come from the backend configuration.
import {
  Alert,
  Button,
  ButtonRow,
  Divider,
  Flex,
  Heading,
  Input,
  MultiSelect,
  Select,
  TextArea,
} from '@hubspot/ui-extensions';
import type { AwsProduct, SolutionOption } from '../lib/card-api';
import type { CardConfig, CardEnumName } from '../lib/card-config';
import type { SubmitForm } from '../lib/submit-form';
import { type Loaded, ProductsPicker, SolutionPicker } from './pickers';

export interface SubmitFormViewProps {
  config: CardConfig;
  form: SubmitForm;
  errors: Partial<Record<keyof SubmitForm, string>>;
  generalErrors: string[];
  solutions: Loaded<SolutionOption>;
  products: Loaded<AwsProduct>;
  busy: boolean;
  previousFailure: string | undefined;
  onChange: (patch: Partial<SubmitForm>) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

export const SubmitFormView = (p: SubmitFormViewProps) => {
  const { config, form, errors } = p;
  const options = (name: CardEnumName) => p.config.enums[name];
  const err = (field: keyof SubmitForm) =>
    errors[field] ? { error: true, validationMessage: errors[field] } : {};
  const text = (field: keyof SubmitForm, label: string, required = false) => (
    <Input
      label={label}
      name={field}
      required={required}
      value={String(form[field])}
      onChange={(v) => p.onChange({ [field]: v })}
      {...err(field)}
    />
  );
  return (
    <Flex direction="column" gap="sm">
      <Heading>Submit to AWS Partner Central ({config.catalog})</Heading>
      {p.previousFailure && (
        <Alert title="The last submission did not go through" variant="warning">
          {p.previousFailure}
        </Alert>
      )}
      {p.generalErrors.length > 0 && (
        <Alert title="Fix these before submitting" variant="danger">
          {p.generalErrors.join(' · ')}
        </Alert>
      )}
      {text('dealName', 'Opportunity title', true)}
      <TextArea
        label="Customer business problem"
        name="description"
        required
        value={form.description}
        maxLength={config.limits.descriptionMaxLength}
        onChange={(v) => p.onChange({ description: v })}
        {...err('description')}
      />
      {text('amount', 'Deal amount (USD, annualised)', true)}
      {text('closeDate', 'Target close date (YYYY-MM-DD)', true)}
      <Divider />
      <MultiSelect
        label="What do you need from AWS?"
        name="partnerNeed"
        required
        value={form.partnerNeed}
        options={options('partnerNeed')}
        onChange={(v) => p.onChange({ partnerNeed: v.map(String) })}
        {...err('partnerNeed')}
      />
      <MultiSelect
        label="Delivery model"
        name="deliveryModel"
        required
        value={form.deliveryModel}
        options={options('deliveryModel')}
        onChange={(v) => p.onChange({ deliveryModel: v.map(String) })}
        {...err('deliveryModel')}
      />
      {text('useCase', 'Customer use case')}
      <Select
        label="Opportunity type"
        name="opportunityType"
        value={form.opportunityType}
        options={options('opportunityType')}
        onChange={(v) => p.onChange({ opportunityType: String(v) })}
        {...err('opportunityType')}
      />
      <MultiSelect
        label="Sales activities so far"
        name="salesActivities"
        value={form.salesActivities}
        options={options('salesActivity')}
        onChange={(v) => p.onChange({ salesActivities: v.map(String) })}
        {...err('salesActivities')}
      />
      <Select
        label="Main competitor"
        name="competitorName"
        value={form.competitorName}
        options={[{ value: '', label: '(none)' }, ...options('competitorName')]}
        onChange={(v) => p.onChange({ competitorName: String(v) })}
        {...err('competitorName')}
      />
      {form.competitorName === '*Other' && text('otherCompetitorNames', 'Other competitors', true)}
      <Divider />
      {text('industry', 'Customer industry')}
      {text('awsAccountId', "Customer's AWS account id (12 digits, if known)")}
      {form.industry === 'Government' && (
        <Select
          label="National security"
          name="nationalSecurity"
          value={form.nationalSecurity}
          options={[{ value: '', label: '(not set)' }, ...options('nationalSecurity')]}
          onChange={(v) => p.onChange({ nationalSecurity: String(v) })}
          {...err('nationalSecurity')}
        />
      )}
      <SolutionPicker
        list={p.solutions}
        value={form.solutionId}
        required={config.catalog === 'AWS'}
        error={errors.solutionId}
        onChange={(solutionId) => p.onChange({ solutionId })}
      />
      <ProductsPicker
        list={p.products}
        value={form.awsProducts}
        max={config.limits.maxAwsProducts}
        error={errors.awsProducts}
        onChange={(awsProducts) => p.onChange({ awsProducts })}
      />
      <Divider />
      {text('additionalComments', 'Additional comments for AWS')}
      {text('nextSteps', 'Next steps')}
      <ButtonRow>
        <Button variant="primary" disabled={p.busy} onClick={p.onSubmit}>
          {p.busy ? 'Submitting…' : 'Submit to AWS'}
        </Button>
        <Button variant="secondary" disabled={p.busy} onClick={p.onCancel}>
          Cancel
        </Button>
      </ButtonRow>
    </Flex>
  );
};
