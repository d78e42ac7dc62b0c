// Executes a write plan against HubSpot with as few calls as the API allows: agencies and contacts
// first (write-entities.ts), then new deals in one batch *create* per 100 carrying their company and
// contact associations inline; deals that exist already are upserted by `govwin_opp_id` and associated
// through the v4 batch API. Everything is paired by key or id, never by position in a response.
// Stage protection: a known deal whose current stage is not an open GovWin stage keeps its stage.
// Self-healing: when an association fails because a mapped company or contact id is stale (the
// record was deleted or merged in HubSpot), those entities are upserted afresh and associated again.
// Audit: every write HubSpot accepts is noted in a journal, and each deal outcome carries what HubSpot
// accepted for it (`accepted`), so the caller can audit exactly the accepted writes (audit-sync-writes.ts).
import {
  ASSOCIATION_TYPE,
  type AssociationPair,
  type EntityMapRepo,
  HUBSPOT_ID_PROPERTY,
  type HubSpotClient,
  type NewAssociation,
} from '@govwin-ace/shared-core';
import type { AcceptedDealWrite } from './audit-sync-writes';
import type { ContactRef, DealPlan, WritePlan } from './plan-writes';
import type { LogPort } from './ports';
import type { ResolvedPipeline } from './resolve-pipeline';
import { type Blocker, type EntityIds, failure, writeEntities } from './write-entities';

/**
 * How one deal's write ended. `accepted` is what HubSpot accepted for the deal (set whenever the deal
 * itself was written, also when a later association failed and the deal will be retried).
 */
export type DealWriteOutcome =
  | { ok: true; dealId: string; created: boolean; notes: string[]; accepted?: AcceptedDealWrite }
  | {
      ok: false;
      retryable: boolean;
      reason: string;
      dealId?: string;
      accepted?: AcceptedDealWrite;
    };

/** Dependencies of {@link writePlan}. */
export interface WriteDeps {
  hubspot: HubSpotClient;
  entityMap: EntityMapRepo;
  pipeline: ResolvedPipeline;
  log: LogPort;
  /** Upsert agencies even when they are already mapped (refreshes names; costs calls). */
  refreshKnownCompanies?: boolean;
}

/** The writes HubSpot accepted in this run, keyed by GovWin id / company key / contact ref. */
interface Journal {
  deals: Map<string, { dealId: string; created: boolean; properties: string[] }>;
  /** Association targets HubSpot accepted per deal (GovWin id), by type. */
  associated: Map<string, { companies: Set<string>; contacts: Set<string> }>;
  companies: Map<string, string>;
  contacts: Map<ContactRef, string>;
}

const noteEntities = (journal: Journal, ids: EntityIds): void => {
  for (const k of ids.freshCompanies) {
    const id = ids.companyIds.get(k);
    if (id) journal.companies.set(k, id);
  }
  for (const ref of ids.freshContacts) {
    const id = ids.contactIds.get(ref);
    if (id) journal.contacts.set(ref, id);
  }
};

const noteAssociation = (
  journal: Journal,
  govwinId: string,
  typeId: number,
  toId: string
): void => {
  const seen = journal.associated.get(govwinId) ?? { companies: new Set(), contacts: new Set() };
  if (typeId === ASSOCIATION_TYPE.dealToCompany) seen.companies.add(toId);
  else if (typeId === ASSOCIATION_TYPE.dealToContact) seen.contacts.add(toId);
  journal.associated.set(govwinId, seen);
};

/** What HubSpot accepted for one deal, or undefined when the deal itself was not written. */
const acceptedFor = (
  deal: DealPlan,
  plan: WritePlan,
  journal: Journal,
  ids: EntityIds
): AcceptedDealWrite | undefined => {
  const written = journal.deals.get(deal.govwinId);
  if (!written) return undefined;
  const assoc = journal.associated.get(deal.govwinId);
  const out: AcceptedDealWrite = {
    govwinId: deal.govwinId,
    dealId: written.dealId,
    action: written.created ? 'create' : 'update',
    properties: written.properties,
    contacts: [],
  };
  if (deal.companyKey !== undefined) {
    const freshId = journal.companies.get(deal.companyKey);
    const id = freshId ?? ids.companyIds.get(deal.companyKey);
    const associated = id !== undefined && (assoc?.companies.has(id) ?? false);
    if (id !== undefined && (associated || freshId !== undefined)) {
      out.company = {
        id,
        associated,
        ...(freshId !== undefined
          ? {
              written: {
                id: freshId,
                properties: Object.keys(plan.companies.get(deal.companyKey)?.properties ?? {}),
              },
            }
          : {}),
      };
    }
  }
  const contacts: AcceptedDealWrite['contacts'][number][] = [];
  for (const ref of deal.contactRefs) {
    const freshId = journal.contacts.get(ref);
    const id = freshId ?? ids.contactIds.get(ref);
    if (id === undefined) continue;
    const associated = assoc?.contacts.has(id) ?? false;
    if (!associated && freshId === undefined) continue;
    contacts.push({
      id,
      associated,
      ...(freshId !== undefined
        ? {
            written: {
              id: freshId,
              properties: Object.keys(plan.contacts.get(ref)?.properties ?? {}),
            },
          }
        : {}),
    });
  }
  out.contacts = contacts;
  return out;
};

interface Links {
  associations: NewAssociation[];
  /** Non-retryable entity failures: the deal completes without that association. */
  notes: string[];
  /** A retryable entity failure: the deal is written but retried later. */
  blocker?: Blocker;
}

const linksFor = (deal: DealPlan, ids: EntityIds): Links => {
  const l: Links = { associations: [], notes: [] };
  const note = (b: Blocker) => {
    if (b.retryable) l.blocker ??= b;
    else l.notes.push(b.reason);
  };
  if (deal.companyKey !== undefined) {
    const id = ids.companyIds.get(deal.companyKey);
    if (id) l.associations.push({ toId: id, associationTypeId: ASSOCIATION_TYPE.dealToCompany });
    else
      note(
        ids.companyFailures.get(deal.companyKey) ?? { retryable: true, reason: 'company: no id' }
      );
  }
  for (const ref of deal.contactRefs) {
    const id = ids.contactIds.get(ref);
    if (id) l.associations.push({ toId: id, associationTypeId: ASSOCIATION_TYPE.dealToContact });
    else note(ids.contactFailures.get(ref) ?? { retryable: true, reason: 'contact: no id' });
  }
  return l;
};

/** Reads the current stage of known deals; drops `dealstage`/`pipeline` where the sync must not move them. */
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

/** v4 associations for deals with known ids; returns the failures per GovWin id. */
const associate = async (
  dealIds: ReadonlyMap<string, string>,
  links: ReadonlyMap<string, Links>,
  hubspot: HubSpotClient,
  journal: Journal
): Promise<Map<string, Blocker>> => {
  const failed = new Map<string, Blocker>();
  for (const [typeId, toType] of [
    [ASSOCIATION_TYPE.dealToCompany, 'companies'],
    [ASSOCIATION_TYPE.dealToContact, 'contacts'],
  ] as const) {
    const pairs: (AssociationPair & { govwinId: string })[] = [];
    for (const [govwinId, dealId] of dealIds) {
      for (const a of links.get(govwinId)?.associations ?? []) {
        if (a.associationTypeId === typeId) pairs.push({ fromId: dealId, toId: a.toId, govwinId });
      }
    }
    if (pairs.length === 0) continue;
    try {
      const out = await hubspot.associate('deals', toType, pairs, typeId);
      for (const e of out.errors) {
        for (const p of pairs.filter((x) => `${x.fromId}>${x.toId}` === e.key)) {
          failed.set(p.govwinId, {
            retryable: e.retryable,
            reason: `association to ${toType}: ${e.message}`,
          });
        }
      }
      // Only the pairs HubSpot returned as results count as written (for the audit row).
      const done = new Set(out.results.map((r) => `${r.fromId}>${r.toId}`));
      for (const p of pairs)
        if (done.has(`${p.fromId}>${p.toId}`)) noteAssociation(journal, p.govwinId, typeId, p.toId);
    } catch (err) {
      for (const p of pairs) failed.set(p.govwinId, failure(err, `association to ${toType}`));
    }
  }
  return failed;
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
  const refreshContacts = new Set<ContactRef>(
    plan.deals.filter((d) => d.knownDealId !== undefined).flatMap((d) => d.contactRefs)
  );
  const ids = await writeEntities(plan, deps, {
    refreshContacts,
    ...(deps.refreshKnownCompanies ? { refreshKnownCompanies: true } : {}),
  });
  const journal: Journal = {
    deals: new Map(),
    associated: new Map(),
    companies: new Map(),
    contacts: new Map(),
  };
  noteEntities(journal, ids);
  const links = new Map(plan.deals.map((d) => [d.govwinId, linksFor(d, ids)]));

  let deleted: Set<string>;
  try {
    deleted = await protectStages(plan.deals, deps);
  } catch (err) {
    const b = failure(err, 'reading current deal stages');
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
      for (const r of out.results) {
        outcomes.set(r.key, { ok: true, dealId: r.id, created: true, notes: [] });
        const deal = fresh.find((d) => d.govwinId === r.key);
        if (!deal) continue;
        journal.deals.set(r.key, {
          dealId: r.id,
          created: true,
          properties: Object.keys(deal.properties),
        });
        // Inline associations are created with the deal or the whole create fails.
        for (const a of links.get(r.key)?.associations ?? [])
          noteAssociation(journal, r.key, a.associationTypeId, a.toId);
      }
      for (const e of out.errors) {
        if (e.key === undefined) continue;
        // The deal may exist already (a crash after create, or made by hand with this GovWin id), or an
        // inline association target may be stale: the idempotent upsert path sorts out both.
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
      const b = failure(err, 'deal create');
      for (const d of fresh) outcomes.set(d.govwinId, { ok: false, ...b });
    }
  }

  if (upsert.length > 0)
    await upsertAndAssociate(upsert, plan, links, ids, deps, outcomes, journal);

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
    const accepted = acceptedFor(deal, plan, journal, ids);
    const final = outcomes.get(deal.govwinId);
    if (accepted && final) final.accepted = accepted;
  }
  return outcomes;
};

const upsertAndAssociate = async (
  deals: DealPlan[],
  plan: WritePlan,
  links: Map<string, Links>,
  ids: EntityIds,
  deps: WriteDeps,
  outcomes: Map<string, DealWriteOutcome>,
  journal: Journal
): Promise<void> => {
  const dealIds = new Map<string, string>();
  const created = new Set<string>();
  try {
    const out = await deps.hubspot.batchUpsertDeals(
      deals.map((d) => ({ key: d.govwinId, properties: d.properties }))
    );
    for (const r of out.results) {
      dealIds.set(r.key, r.id);
      if (r.created) created.add(r.key);
      const deal = deals.find((d) => d.govwinId === r.key);
      if (deal)
        journal.deals.set(r.key, {
          dealId: r.id,
          created: r.created,
          properties: Object.keys(deal.properties),
        });
    }
    for (const e of out.errors) {
      if (e.key !== undefined)
        outcomes.set(e.key, {
          ok: false,
          retryable: e.retryable,
          reason: `deal upsert: ${e.message}`,
        });
    }
  } catch (err) {
    const b = failure(err, 'deal upsert');
    for (const d of deals) outcomes.set(d.govwinId, { ok: false, ...b });
    return;
  }
  let failed = await associate(dealIds, links, deps.hubspot, journal);

  // Heal stale mappings once: re-upsert the entities of failed deals that were not written this run.
  const stale = { companies: new Set<string>(), contacts: new Set<ContactRef>() };
  for (const govwinId of failed.keys()) {
    const deal = deals.find((d) => d.govwinId === govwinId);
    if (deal?.companyKey !== undefined && !ids.freshCompanies.has(deal.companyKey))
      stale.companies.add(deal.companyKey);
    for (const ref of deal?.contactRefs ?? [])
      if (!ids.freshContacts.has(ref)) stale.contacts.add(ref);
  }
  if (stale.companies.size + stale.contacts.size > 0) {
    deps.log.warn('refreshing stale company/contact mappings', {
      companies: stale.companies.size,
      contacts: stale.contacts.size,
    });
    const healed = await writeEntities(plan, deps, { only: stale });
    noteEntities(journal, healed);
    for (const k of stale.companies) ids.companyIds.delete(k);
    for (const k of stale.contacts) ids.contactIds.delete(k);
    const merged: EntityIds = {
      companyIds: new Map([...ids.companyIds, ...healed.companyIds]),
      contactIds: new Map([...ids.contactIds, ...healed.contactIds]),
      companyFailures: new Map([...ids.companyFailures, ...healed.companyFailures]),
      contactFailures: new Map([...ids.contactFailures, ...healed.contactFailures]),
      freshCompanies: new Set([...ids.freshCompanies, ...healed.freshCompanies]),
      freshContacts: new Set([...ids.freshContacts, ...healed.freshContacts]),
    };
    const retry = new Map([...dealIds].filter(([govwinId]) => failed.has(govwinId)));
    for (const govwinId of retry.keys()) {
      const deal = deals.find((d) => d.govwinId === govwinId);
      if (deal) links.set(govwinId, linksFor(deal, merged));
    }
    const again = await associate(retry, links, deps.hubspot, journal);
    failed = new Map(
      [...failed]
        .filter(([govwinId]) => again.has(govwinId))
        .map(([govwinId]) => [govwinId, again.get(govwinId) as Blocker])
    );
  }

  for (const [govwinId, dealId] of dealIds) {
    const b = failed.get(govwinId);
    outcomes.set(
      govwinId,
      b
        ? { ok: false, retryable: b.retryable, reason: b.reason, dealId }
        : { ok: true, dealId, created: created.has(govwinId), notes: [] }
    );
  }
};
