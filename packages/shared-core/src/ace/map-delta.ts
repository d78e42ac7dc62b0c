// Deal property change(s) -> a complete UpdateOpportunity body: the changed properties' rules are applied
// to the scrubbed echo of the live opportunity (UpdateOpportunity replaces the whole object).
import type { AceUpdateBody } from './client';
import { DEAL_PROP } from './deal-properties';
import { checkNationalSecurity, type PropertyBag, ruleFor } from './field-rules';
import { FieldProblems } from './mapping-errors';
import { isDate, normaliseMarketing, prune } from './scrub-for-update';

/** True when a change to this deal property is sent to ACE by the update path. */
export const isAceUpdateProperty = (property: string): boolean => ruleFor(property) !== undefined;

/** Every deal property the rules of these changed properties read (one GET fetches them all). */
export const propertiesToRead = (changed: readonly string[]): string[] => {
  const out = new Set<string>();
  for (const p of changed) for (const r of ruleFor(p)?.reads ?? []) out.add(r);
  return [...out].sort();
};

/** Result of applying a delta. */
export interface DeltaResult {
  body: AceUpdateBody;
  /** Changed properties that feed ACE (others are ignored). */
  applied: string[];
  /** False when the body equals the scrubbed echo: nothing to send (breaks webhook echo loops). */
  changed: boolean;
}

const canonical = (v: unknown): string =>
  JSON.stringify(prune(v) ?? {}, (_k, val) => {
    if (val && typeof val === 'object' && !Array.isArray(val) && !isDate(val))
      return Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b)));
    return val;
  });

/** Deep equality of two bodies, ignoring empty members and key order. */
export const sameBody = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/**
 * Applies the rules of `changed` properties (with their current values in `props`) onto `scrubbed`
 * (the output of scrubForUpdate), or throws one AceMappingError naming every bad property.
 * @example const { body, changed } = applyDealDelta(scrubForUpdate(live), ['dealname'], deal.properties, today);
 */
export const applyDealDelta = (
  scrubbed: AceUpdateBody,
  changed: readonly string[],
  props: PropertyBag,
  today: string
): DeltaResult => {
  const body = structuredClone(scrubbed);
  const problems = new FieldProblems();
  const applied: string[] = [];
  const seen = new Set<unknown>();
  for (const property of changed) {
    const rule = ruleFor(property);
    if (!rule) continue;
    applied.push(property);
    if (seen.has(rule)) continue;
    seen.add(rule);
    rule.apply(body, props, problems, { mode: 'update', today });
  }
  // Only when one side of the pair changed: an unrelated edit must not fail on data AWS already holds.
  if (applied.includes(DEAL_PROP.nationalSecurity) || applied.includes(DEAL_PROP.industry))
    checkNationalSecurity(body, problems);
  problems.throwIfAny();
  body.Marketing = normaliseMarketing(body.Marketing);
  const pruned = prune(body) ?? {};
  return { body: pruned, applied, changed: !sameBody(pruned, scrubbed) };
};
