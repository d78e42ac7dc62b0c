// Form values -> HubSpot property values, and the comparison that decides what actually changed.

import type { DealProperties } from '@govwin-ace/ace-submitter';
import { DEAL_PROP } from '@govwin-ace/shared-core';

/** A form value after schema validation. */
type FormValue = string | number | readonly string[] | undefined;

/**
 * HubSpot's representation of form values: lists `;`-joined, numbers as decimal strings, the close date as
 * epoch ms of UTC midnight, and empty values as `null` (which clears the property).
 * @example toHubSpotProperties({ amount: 1200, govwin_ace_delivery_model: ['SaaS or PaaS'] })
 */
export const toHubSpotProperties = (form: Readonly<Record<string, FormValue>>): DealProperties => {
  const out: DealProperties = {};
  for (const [name, value] of Object.entries(form)) {
    if (value === undefined) continue;
    let text: string;
    if (Array.isArray(value)) text = value.join(';');
    else if (typeof value === 'number') text = String(value);
    else if (name === DEAL_PROP.closeDate && typeof value === 'string')
      text = String(Date.parse(`${value}T00:00:00Z`));
    else text = String(value);
    out[name] = text === '' ? null : text;
  }
  return out;
};

const canonical = (name: string, value: string | null | undefined): string => {
  const t = (value ?? '').trim();
  if (name === DEAL_PROP.closeDate) {
    // HubSpot returns the close date as an ISO instant or epoch ms; compare calendar days.
    const ms = /^\d+$/.test(t) ? Number(t) : Date.parse(t);
    return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : t;
  }
  if (name === DEAL_PROP.amount && t !== '' && Number.isFinite(Number(t))) return String(Number(t));
  return t
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(';');
};

/** The names of `next`'s properties whose value differs from `current` (order kept). */
export const changedProperties = (
  current: Readonly<Record<string, string | null | undefined>>,
  next: DealProperties
): string[] =>
  Object.keys(next).filter(
    (name) => canonical(name, current[name]) !== canonical(name, next[name])
  );

/** Only the named properties of `props`. */
export const pick = (props: DealProperties, names: readonly string[]): DealProperties =>
  Object.fromEntries(names.filter((n) => n in props).map((n) => [n, props[n] ?? null]));
