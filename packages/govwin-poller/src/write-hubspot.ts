// Executes a write plan against HubSpot with as few calls as the API allows: one upsert per 100
// companies (agencies already mapped are skipped unless asked), one per 100 contacts and key kind, and
// for deals that are new one batch *create* that carries the company and contact associations inline.
// Deals that exist already are upserted by `govwin_opp_id` and associated through the v4 batch API.
// Everything is paired by key or id, never by position in a response. Stage protection: a known deal
// whose current stage is not one the sync manages (e.g. an ACE stage) keeps its stage and pipeline.
import {
  ASSOCIATION_TYPE,
  type BatchItemError,
  type EntityMapRepo,
  HUBSPOT_ID_PROPERTY,
  type HubSpotClient,
  isRetryable,
  type NewAssociation,
  type UpsertResult,
} from '@govwin-ace/shared-core';
import type { ContactRef, DealPlan, WritePlan } from './plan-writes';
import type { LogPort } from './ports';
import type { ResolvedPipeline } from './resolve-pipeline';

/** How one deal's write ended. */
export type DealWriteOutcome =
  | { ok: true; dealId: string; created: boolean; notes: string[] }
  | { ok: false; retryable: boolean; reason: string; dealId?: string };

/** Dependencies of {@link writePlan}. */
export interface WriteDeps {
  hubspot: HubSpotClient;
  entityMap: EntityMapRepo;
  pipeline: ResolvedPipeline;
  log: LogPort;
  /** Upsert agencies even when they are already mapped (refreshes names; costs calls). */
  refreshKnownCompanies?: boolean;
}

/** A failure of a dependency (company or contact) that a deal needs. */
interface Blocker {
  retryable: boolean;
  reason: string;
}

const blockerOf = (e: BatchItemError | undefined, what: string): Blocker => ({
  retryable: e?.retryable ?? true,
  reason: `${what}: ${e?.message ?? 'not written'}`,
});

const allFailed = (err: unknown, what: string): Blocker => ({
  retryable: isRetryable(err),
  reason: `${what}: ${err instanceof Error ? err.message : 'failed'}`,
});

/** Upserts the agencies the plan needs; returns govEntity id -> company id and the failures. */
const writeCompanies = async (plan: WritePlan, deps: WriteDeps) => {
  const ids = [...plan.companies.keys()];
  const companyIds = new Map<string, string>(
    Object.entries(ids.length ? await deps.entityMap.getCompanies(ids) : {})
  );
  const failures = new Map<string, Blocker>();
  const todo = ids.filter((id) => deps.refreshKnownCompanies || !companyIds.has(id));
  if (todo.length === 0) return { companyIds, failures };
  try {
    const out = await deps.hubspot.batchUpsertCompanies(
      todo.map((id) => ({ key: id, properties: plan.companies.get(id)?.properties ?? {} })),
      HUBSPOT_ID_PROPERTY.company
    );
    for (const r of out.results) companyIds.set(r.key, r.id);
    for (const e of out.errors)
      if (e.key !== undefined) failures.set(e.key, blockerOf(e, 'company'));
    await deps.entityMap.putCompanies(Object.fromEntries(out.results.map((r) => [r.key, r.id])));
  } catch (err) {
    for (const id of todo)
      if (!companyIds.has(id)) failures.set(id, allFailed(err, 'company upsert'));
  }
  return { companyIds, failures };
};

/** Upserts the contacts (by e-mail, or by GovWin contact id when there is none). */
const writeContacts = async (plan: WritePlan, deps: WriteDeps) => {
  const contactIds = new Map<ContactRef, string>();
  const failures = new Map<ContactRef, Blocker>();
  for (const idProperty of ['email', 'govwin_contact_id'] as const) {
    const group = [...plan.contacts.entries()].filter(([, c]) => c.idProperty === idProperty);
    if (group.length === 0) continue;
    const refByKey = new Map(group.map(([ref, c]) => [c.key, ref]));
    try {
      const out = await deps.hubspot.batchUpsertContacts(
        group.map(([, c]) => ({ key: c.key, properties: c.properties })),
        idProperty
      );
      const mapping: Record<string, string> = {};
      for (const r of out.results) {
        const ref = refByKey.get(r.key);
        if (ref === undefined) continue;
        contactIds.set(ref, r.id);
        const govwinId = plan.contacts.get(ref)?.govwinContactId;
        if (govwinId !== undefined) mapping[govwinId] = r.id;
      }
      for (const e of out.errors) {
        const ref = e.key === undefined ? undefined : refByKey.get(e.key);
        if (ref !== undefined) failures.set(ref, blockerOf(e, 'contact'));
      }
      await deps.entityMap.putContacts(mapping);
    } catch (err) {
      for (const [ref] of group)
        if (!contactIds.has(ref)) failures.set(ref, allFailed(err, 'contact upsert'));
    }
  }
  return { contactIds, failures };
};

/** Reads the current stage of known deals and drops `dealstage`/`pipeline` where the sync must not move them. */
const protectStages = async (deals: DealPlan[], deps: WriteDeps): Promise<Set<string>> => {
  const known = deals.filter((d) => d.knownDealId !== undefined);
  const missing = new Set<string>();
  if (known.length === 0) return missing;
  const out = await deps.hubspot.batchReadDeals(
    known.map((d) => d.knownDealId as string),
    ['dealstage', 'pipeline']
  );
  const current = new Map(out.results.map((r) => [r.id, r.properties]));
  for (const deal of known) {
    const props = current.get(deal.knownDealId as string);
    if (props === undefined) {
      missing.add(deal.govwinId);
      continue;
    }
    const managed =
      props.pipeline === deps.pipeline.pipelineId &&
      props.dealstage != null &&
      deps.pipeline.managedStageIds.has(props.dealstage);
    if (!managed) {
      delete deal.properties.dealstage;
      delete deal.properties.pipeline;
    }
  }
  return missing;
};

/**
 * Writes companies, contacts and deals, then associations; returns one outcome per planned deal.
 * Retryable HubSpot failures become retryable outcomes (the caller leaves the watermark alone and lets
 * SQS retry); non-retryable company/contact failures only drop that association and are noted.
 */
export const writePlan = async (
  plan: WritePlan,
  deps: WriteDeps
): Promise<Map<string, DealWriteOutcome>> => {
  const outcomes = new Map<string, DealWriteOutcome>();
  if (plan.deals.length === 0) return outcomes;
  const companies = await writeCompanies(plan, deps);
  const contacts = await writeContacts(plan, deps);

  type Links = { associations: NewAssociation[]; notes: string[]; blocker?: Blocker };
  const links = new Map<string, Links>();
  for (const deal of plan.deals) {
    const l: Links = { associations: [], notes: [] };
    const note = (b: Blocker) => {
      if (b.retryable) l.blocker ??= b;
      else l.notes.push(b.reason);
    };
    if (deal.companyKey !== undefined) {
      const id = companies.companyIds.get(deal.companyKey);
      if (id) l.associations.push({ toId: id, associationTypeId: ASSOCIATION_TYPE.dealToCompany });
      else
        note(
          companies.failures.get(deal.companyKey) ?? { retryable: true, reason: 'company: no id' }
        );
    }
    for (const ref of deal.contactRefs) {
      const id = contacts.contactIds.get(ref);
      if (id) l.associations.push({ toId: id, associationTypeId: ASSOCIATION_TYPE.dealToContact });
      else note(contacts.failures.get(ref) ?? { retryable: true, reason: 'contact: no id' });
    }
    links.set(deal.govwinId, l);
  }

  let deleted: Set<string>;
  try {
    deleted = await protectStages(plan.deals, deps);
  } catch (err) {
    const b = allFailed(err, 'reading current deal stages');
    for (const d of plan.deals) outcomes.set(d.govwinId, { ok: false, ...b });
    return outcomes;
  }
  const fresh = plan.deals.filter((d) => d.knownDealId === undefined || deleted.has(d.govwinId));
  const upsert = plan.deals.filter((d) => d.knownDealId !== undefined && !deleted.has(d.govwinId));

  // New deals: one batch create with the associations inline (no separate association calls).
  if (fresh.length > 0) {
    try {
      const out = await deps.hubspot.batchCreate(
        'deals',
        fresh.map((d) => ({
          key: d.govwinId,
          properties: d.properties,
          associations: links.get(d.govwinId)?.associations ?? [],
        })),
        { pairByProperty: HUBSPOT_ID_PROPERTY.deal }
      );
      for (const r of out.results)
        outcomes.set(r.key, { ok: true, dealId: r.id, created: true, notes: [] });
      for (const e of out.errors) {
        if (e.key === undefined) continue;
        // Most likely the deal exists already (a crash after create, or a deal made by hand with this
        // GovWin id): fall back to the idempotent upsert path, which also reports real data errors.
        const deal = fresh.find((d) => d.govwinId === e.key);
        if (deal && !e.retryable) upsert.push(deal);
        else
          outcomes.set(e.key, {
            ok: false,
            retryable: e.retryable,
            reason: `deal create: ${e.message}`,
          });
      }
    } catch (err) {
      const b = allFailed(err, 'deal create');
      for (const d of fresh) outcomes.set(d.govwinId, { ok: false, ...b });
    }
  }

  if (upsert.length > 0) await upsertAndAssociate(upsert, links, deps, outcomes);

  for (const deal of plan.deals) {
    const out = outcomes.get(deal.govwinId);
    const l = links.get(deal.govwinId);
    if (out?.ok && l?.blocker) {
      outcomes.set(deal.govwinId, {
        ok: false,
        retryable: true,
        reason: l.blocker.reason,
        dealId: out.dealId,
      });
    } else if (out?.ok && l) {
      out.notes.push(...l.notes);
    } else if (!out) {
      outcomes.set(deal.govwinId, { ok: false, retryable: true, reason: 'deal: no result' });
    }
  }
  return outcomes;
};

const upsertAndAssociate = async (
  deals: DealPlan[],
  links: Map<string, { associations: NewAssociation[] }>,
  deps: WriteDeps,
  outcomes: Map<string, DealWriteOutcome>
): Promise<void> => {
  let results: UpsertResult[];
  try {
    const out = await deps.hubspot.batchUpsertDeals(
      deals.map((d) => ({ key: d.govwinId, properties: d.properties }))
    );
    results = out.results;
    for (const e of out.errors) {
      if (e.key !== undefined)
        outcomes.set(e.key, {
          ok: false,
          retryable: e.retryable,
          reason: `deal upsert: ${e.message}`,
        });
    }
  } catch (err) {
    const b = allFailed(err, 'deal upsert');
    for (const d of deals) outcomes.set(d.govwinId, { ok: false, ...b });
    return;
  }
  const dealIdOf = new Map(results.map((r) => [r.key, r]));
  const failedAssoc = new Map<string, Blocker>();
  for (const [typeId, toType] of [
    [ASSOCIATION_TYPE.dealToCompany, 'companies'],
    [ASSOCIATION_TYPE.dealToContact, 'contacts'],
  ] as const) {
    const pairs = deals.flatMap((d) => {
      const deal = dealIdOf.get(d.govwinId);
      if (!deal) return [];
      return (links.get(d.govwinId)?.associations ?? [])
        .filter((a) => a.associationTypeId === typeId)
        .map((a) => ({ fromId: deal.id, toId: a.toId, govwinId: d.govwinId }));
    });
    if (pairs.length === 0) continue;
    try {
      const out = await deps.hubspot.associate('deals', toType, pairs, typeId);
      for (const e of out.errors) {
        const pair = pairs.find((p) => `${p.fromId}>${p.toId}` === e.key);
        if (pair) failedAssoc.set(pair.govwinId, blockerOf(e, `association to ${toType}`));
      }
    } catch (err) {
      for (const p of pairs)
        failedAssoc.set(p.govwinId, allFailed(err, `association to ${toType}`));
    }
  }
  for (const [govwinId, r] of dealIdOf) {
    const b = failedAssoc.get(govwinId);
    outcomes.set(
      govwinId,
      b
        ? { ok: false, retryable: b.retryable, reason: b.reason, dealId: r.id }
        : { ok: true, dealId: r.id, created: r.created, notes: [] }
    );
  }
};
