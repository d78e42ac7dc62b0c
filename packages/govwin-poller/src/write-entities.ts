// Companies (agencies) and contacts of a write plan. Entities the entity map already knows are not
// written again when they only appear on a *new* deal (a backfill shares a few hundred agencies and
// contracting officers across thousands of opportunities); contacts of deals that changed are always
// refreshed, and `force` re-upserts entities whose mapped id turned out to be stale.
import {
  type EntityMapRepo,
  HUBSPOT_ID_PROPERTY,
  type HubSpotClient,
  isRetryable,
} from '@govwin-ace/shared-core';
import type { ContactRef, WritePlan } from './plan-writes';

/** Why an entity a deal needs is missing; retryable ones make the deal retry later. */
export interface Blocker {
  retryable: boolean;
  reason: string;
}

/** HubSpot ids of the plan's entities and the failures. */
export interface EntityIds {
  companyIds: Map<string, string>;
  contactIds: Map<ContactRef, string>;
  companyFailures: Map<string, Blocker>;
  contactFailures: Map<ContactRef, Blocker>;
  /** Entities upserted in this run (their ids are current). */
  freshCompanies: Set<string>;
  freshContacts: Set<ContactRef>;
}

/** What to write besides the entities nobody has mapped yet. */
export interface EntityOptions {
  /** Upsert every agency, known or not (refreshes names). */
  refreshKnownCompanies?: boolean;
  /** Contacts to upsert even when known (those of deals that changed). */
  refreshContacts?: ReadonlySet<ContactRef>;
  /** Only these entities (healing a stale mapping), all upserted. */
  only?: { companies: ReadonlySet<string>; contacts: ReadonlySet<ContactRef> };
}

export const failure = (err: unknown, what: string): Blocker => ({
  retryable: isRetryable(err),
  reason: `${what}: ${err instanceof Error ? err.message : 'failed'}`,
});

const itemFailure = (
  e: { retryable: boolean; message: string } | undefined,
  what: string
): Blocker => ({
  retryable: e?.retryable ?? true,
  reason: `${what}: ${e?.message ?? 'not written'}`,
});

/**
 * Resolves HubSpot ids for the plan's companies and contacts, upserting what needs writing.
 * @example const ids = await writeEntities(plan, { hubspot, entityMap }, { refreshContacts });
 */
export const writeEntities = async (
  plan: WritePlan,
  deps: { hubspot: HubSpotClient; entityMap: EntityMapRepo },
  options: EntityOptions = {}
): Promise<EntityIds> => {
  const out: EntityIds = {
    companyIds: new Map(),
    contactIds: new Map(),
    companyFailures: new Map(),
    contactFailures: new Map(),
    freshCompanies: new Set(),
    freshContacts: new Set(),
  };
  const companyKeys = options.only ? [...options.only.companies] : [...plan.companies.keys()];
  const contactRefs = options.only ? [...options.only.contacts] : [...plan.contacts.keys()];

  const knownCompanies =
    options.only || companyKeys.length === 0 ? {} : await deps.entityMap.getCompanies(companyKeys);
  const contactGovwinIds = contactRefs.flatMap((r) => plan.contacts.get(r)?.govwinContactId ?? []);
  const knownContacts =
    options.only || contactGovwinIds.length === 0
      ? {}
      : await deps.entityMap.getContacts(contactGovwinIds);

  const companiesTodo = companyKeys.filter((k) => {
    const known = knownCompanies[k];
    if (known && !options.refreshKnownCompanies) out.companyIds.set(k, known);
    return !known || options.refreshKnownCompanies === true;
  });
  const contactsTodo = contactRefs.filter((ref) => {
    const govwinId = plan.contacts.get(ref)?.govwinContactId;
    const known = govwinId === undefined ? undefined : knownContacts[govwinId];
    if (known && !options.refreshContacts?.has(ref)) {
      out.contactIds.set(ref, known);
      return false;
    }
    return true;
  });

  if (companiesTodo.length > 0) {
    try {
      const res = await deps.hubspot.batchUpsertCompanies(
        companiesTodo.map((k) => ({ key: k, properties: plan.companies.get(k)?.properties ?? {} })),
        HUBSPOT_ID_PROPERTY.company
      );
      for (const r of res.results) {
        out.companyIds.set(r.key, r.id);
        out.freshCompanies.add(r.key);
      }
      for (const e of res.errors)
        if (e.key !== undefined) out.companyFailures.set(e.key, itemFailure(e, 'company'));
      await deps.entityMap.putCompanies(Object.fromEntries(res.results.map((r) => [r.key, r.id])));
    } catch (err) {
      for (const k of companiesTodo)
        if (!out.freshCompanies.has(k)) out.companyFailures.set(k, failure(err, 'company upsert'));
    }
  }

  for (const idProperty of ['email', 'govwin_contact_id'] as const) {
    const group = contactsTodo.filter((ref) => plan.contacts.get(ref)?.idProperty === idProperty);
    if (group.length === 0) continue;
    const refByKey = new Map(group.map((ref) => [plan.contacts.get(ref)?.key ?? '', ref]));
    try {
      const res = await deps.hubspot.batchUpsertContacts(
        group.map((ref) => ({
          key: plan.contacts.get(ref)?.key ?? '',
          properties: plan.contacts.get(ref)?.properties ?? {},
        })),
        idProperty
      );
      const mapping: Record<string, string> = {};
      for (const r of res.results) {
        const ref = refByKey.get(r.key);
        if (ref === undefined) continue;
        out.contactIds.set(ref, r.id);
        out.freshContacts.add(ref);
        const govwinId = plan.contacts.get(ref)?.govwinContactId;
        if (govwinId !== undefined) mapping[govwinId] = r.id;
      }
      for (const e of res.errors) {
        const ref = e.key === undefined ? undefined : refByKey.get(e.key);
        if (ref !== undefined) out.contactFailures.set(ref, itemFailure(e, 'contact'));
      }
      await deps.entityMap.putContacts(mapping);
    } catch (err) {
      for (const ref of group)
        if (!out.freshContacts.has(ref))
          out.contactFailures.set(ref, failure(err, 'contact upsert'));
    }
  }
  return out;
};
