// Solution and AWS product pickers: presentational; the card loads their lists from the backend.
import { LoadingSpinner, MultiSelect, Select, Text } from '@hubspot/ui-extensions';
import type { AwsProduct, SolutionOption } from '../lib/card-api';

/** A list loaded from the backend. */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; correlationId: string | undefined }
  | { status: 'ready'; items: T[]; stale?: boolean };

export const SolutionPicker = (props: {
  list: Loaded<SolutionOption>;
  value: string;
  required: boolean;
  error: string | undefined;
  onChange: (id: string) => void;
}) => {
  const { list } = props;
  if (list.status === 'loading')
    return <LoadingSpinner label="Loading your solutions…" showLabel />;
  if (list.status === 'error')
    return (
      <Text variant="microcopy">
        Solutions could not be loaded ({list.correlationId ?? 'no reference'}); the deal title is
        used as the solution description.
      </Text>
    );
  if (list.items.length === 0)
    return (
      <Text variant="microcopy">
        No solutions are registered in Partner Central; the deal title is used as the solution
        description.
      </Text>
    );
  return (
    <Select
      label="Partner solution"
      name="solution"
      required={props.required}
      value={props.value}
      options={list.items.map((s) => ({
        value: s.id,
        label: s.category ? `${s.name} (${s.category})` : s.name,
      }))}
      onChange={(v) => props.onChange(String(v))}
      error={Boolean(props.error)}
      {...(props.error ? { validationMessage: props.error } : {})}
    />
  );
};

export const ProductsPicker = (props: {
  list: Loaded<AwsProduct>;
  value: string[];
  max: number;
  error: string | undefined;
  onChange: (ids: string[]) => void;
}) => {
  const { list } = props;
  if (list.status === 'loading') return <LoadingSpinner label="Loading AWS products…" showLabel />;
  if (list.status === 'error')
    return (
      <Text variant="microcopy">
        AWS products could not be loaded ({list.correlationId ?? 'no reference'}). Try again later.
      </Text>
    );
  return (
    <MultiSelect
      label={`AWS products consumed (${props.value.length} / ${props.max})`}
      name="awsProducts"
      value={props.value}
      options={list.items.map((p) => ({
        value: p.id,
        label: p.family === 'Other' ? p.name : `${p.name} (${p.family})`,
      }))}
      // Selections beyond the AWS limit are cut here; the backend refuses them too.
      onChange={(v) => props.onChange(v.map(String).slice(0, props.max))}
      error={Boolean(props.error)}
      {...(props.error ? { validationMessage: props.error } : {})}
    />
  );
};
