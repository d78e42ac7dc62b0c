// The card's container: loads the backend configuration, classifies the deal (pure lib/card-state), and
// wires the actions. Everything it talks to comes in as props, so tests render it with fakes.
import { Button, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { useCallback, useEffect, useState } from 'react';
import { type AwsProduct, type CardApi, CardApiError, type SolutionOption } from '../lib/card-api';
import type { CardConfig } from '../lib/card-config';
import { classifyCardState, POLL_INTERVAL_MS, POLLING_STATES } from '../lib/card-state';
import type { DealProps } from '../lib/deal-props';
import {
  initialForm,
  mapServerErrors,
  type SubmitForm,
  toSubmitProperties,
  validateForm,
} from '../lib/submit-form';
import {
  associationsChanged,
  initialUpdateForm,
  toUpdateProperties,
  type UpdateForm,
  validateUpdateForm,
} from '../lib/update-form';
import { ErrorView } from './error-view';
import type { Loaded } from './pickers';
import { ReferralPanel } from './referral-panel';
import { StatusBadge, StatusView } from './status-view';
import { SubmitFormView } from './submit-form-view';
import { UpdateFormView } from './update-form-view';

export interface AceCardProps {
  dealId: string;
  properties: DealProps;
  propertiesLoading: boolean;
  /** Re-reads the deal's properties from HubSpot. */
  refresh: () => void | Promise<void>;
  api: CardApi;
  now?: () => number;
  /** Runs `fn` every `ms` until the returned stop function is called (injected by tests). */
  every?: (ms: number, fn: () => void) => () => void;
}

const defaultEvery = (ms: number, fn: () => void) => {
  const timer = setInterval(fn, ms);
  return () => clearInterval(timer);
};

const EDITABLE = ['in-review', 'action-required', 'approved'];
const asApiError = (err: unknown): CardApiError =>
  err instanceof CardApiError
    ? err
    : new CardApiError({
        status: 0,
        code: 'UNEXPECTED',
        message: 'Something unexpected happened.',
      });

export const AceCard = ({
  dealId,
  properties,
  propertiesLoading,
  refresh,
  api,
  now = Date.now,
  every = defaultEvery,
}: AceCardProps) => {
  const [config, setConfig] = useState<{ value?: CardConfig; error?: CardApiError }>({});
  const [view, setView] = useState<'status' | 'submit' | 'update'>('status');
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState(false);
  const [failure, setFailure] = useState<{ error: CardApiError; retry: () => void }>();
  const [form, setForm] = useState<SubmitForm>();
  const [updateForm, setUpdateForm] = useState<{ form: UpdateForm; initial: UpdateForm }>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>();
  const [solutions, setSolutions] = useState<Loaded<SolutionOption>>({ status: 'loading' });
  const [products, setProducts] = useState<Loaded<AwsProduct>>({ status: 'loading' });

  const loadConfig = useCallback(() => {
    setConfig({});
    api.config().then(
      (value) => setConfig({ value }),
      (err: unknown) => setConfig({ error: asApiError(err) })
    );
  }, [api]);
  useEffect(loadConfig, [loadConfig]);

  const loadPickers = useCallback(() => {
    const failed = (err: unknown) => {
      const e = asApiError(err);
      return { status: 'error' as const, message: e.message, correlationId: e.correlationId };
    };
    api.solutions().then(
      (r) => setSolutions({ status: 'ready', items: r.solutions, stale: r.stale }),
      (err: unknown) => setSolutions(failed(err))
    );
    api.awsProducts().then(
      (items) => setProducts({ status: 'ready', items }),
      (err: unknown) => setProducts(failed(err))
    );
  }, [api]);

  const state = config.value ? classifyCardState(properties, config.value, now()) : undefined;
  const kind = state?.kind;
  useEffect(() => {
    if (!kind || !POLLING_STATES.includes(kind)) return undefined;
    return every(POLL_INTERVAL_MS, () => void refresh());
  }, [kind, refresh, every]);
  useEffect(() => {
    if (kind !== 'ready') setQueued(false);
  }, [kind]);

  /** Runs one backend action: 422 -> inline field errors, anything else -> the error state with retry. */
  const run = async (action: () => Promise<unknown>, onDone: () => void) => {
    setBusy(true);
    setErrors({});
    setGeneral([]);
    try {
      await action();
      onDone();
      await refresh();
    } catch (err) {
      const e = asApiError(err);
      if (e.status === 422 || e.status === 409) {
        const mapped = mapServerErrors(e.fields);
        setErrors(mapped.byField);
        setGeneral(e.status === 409 ? [e.message] : [e.message, ...mapped.general]);
      } else setFailure({ error: e, retry: () => void run(action, onDone) });
    } finally {
      setBusy(false);
    }
  };

  if (failure)
    return (
      <ErrorView
        error={failure.error}
        onRetry={() => {
          setFailure(undefined);
          failure.retry();
        }}
      />
    );
  if (config.error) return <ErrorView error={config.error} onRetry={loadConfig} />;
  if (!config.value || !state || propertiesLoading)
    return <LoadingSpinner label="Loading AWS co-sell status…" showLabel />;
  const cfg = config.value;

  if (state.kind === 'ready' && queued)
    return <StatusView state={{ kind: 'submitting' }} canEdit={false} onEdit={() => undefined} />;

  if (state.kind === 'ready') {
    if (view === 'submit' && form)
      return (
        <SubmitFormView
          config={cfg}
          form={form}
          errors={errors}
          generalErrors={general}
          solutions={solutions}
          products={products}
          busy={busy}
          previousFailure={state.previousFailure}
          onChange={(patch) => setForm({ ...form, ...patch })}
          onCancel={() => setView('status')}
          onSubmit={() => {
            const clientErrors = validateForm(form, cfg, now());
            if (Object.keys(clientErrors).length > 0) {
              setErrors(clientErrors);
              return;
            }
            void run(
              () => api.submit(dealId, toSubmitProperties(form)),
              () => {
                setQueued(true);
                setView('status');
              }
            );
          }}
        />
      );
    return (
      <Flex direction="column" gap="sm">
        <StatusBadge kind="ready" />
        {state.previousFailure ? (
          <Text>The last submission did not go through: {state.previousFailure}</Text>
        ) : (
          <Text>
            Submit this deal to AWS Partner Central ({cfg.catalog}) to co-sell it with AWS.
          </Text>
        )}
        <Button
          variant="primary"
          onClick={() => {
            setForm(initialForm(properties, cfg, now()));
            setErrors({});
            setGeneral([]);
            setView('submit');
            loadPickers();
          }}
        >
          {state.previousFailure ? 'Fix and resubmit' : 'Submit to AWS'}
        </Button>
      </Flex>
    );
  }

  if (state.kind === 'referral-pending')
    return (
      <ReferralPanel
        state={state}
        now={now()}
        maxReasonLength={cfg.limits.rejectionReasonMaxLength}
        busy={busy}
        onAccept={() =>
          void run(
            () => api.acceptReferral(dealId, state.invitationId),
            () => undefined
          )
        }
        onReject={(reason) =>
          void run(
            () => api.rejectReferral(dealId, state.invitationId, reason),
            () => undefined
          )
        }
      />
    );

  const canEdit = EDITABLE.includes(state.kind);
  if (view === 'update' && canEdit && updateForm)
    return (
      <UpdateFormView
        config={cfg}
        form={updateForm.form}
        errors={errors}
        generalErrors={general}
        solutions={solutions}
        products={products}
        busy={busy}
        inReview={state.kind === 'in-review'}
        onChange={(patch) =>
          setUpdateForm({ ...updateForm, form: { ...updateForm.form, ...patch } })
        }
        onCancel={() => setView('status')}
        onSave={() => {
          const { form: f, initial } = updateForm;
          const clientErrors = validateUpdateForm(f, cfg);
          if (Object.keys(clientErrors).length > 0) {
            setErrors(clientErrors);
            return;
          }
          const changes = toUpdateProperties(f, initial);
          void run(
            async () => {
              if (Object.keys(changes).length > 0) await api.update(dealId, changes);
              if (associationsChanged(f, initial))
                await api.associations(dealId, f.solutionId, f.awsProducts);
            },
            () => {
              setNotice('Saved. AWS shows the change within a minute.');
              setView('status');
            }
          );
        }}
      />
    );
  return (
    <Flex direction="column" gap="sm">
      <StatusView
        state={state}
        canEdit={canEdit}
        onEdit={() => {
          const initial = initialUpdateForm(properties);
          setUpdateForm({ form: initial, initial });
          setErrors({});
          setGeneral([]);
          setView('update');
          loadPickers();
        }}
      />
      {notice && <Text variant="microcopy">{notice}</Text>}
    </Flex>
  );
};
