// Pure: turns fetched GovWin bundles into the HubSpot writes of one sync run — one deal per
// opportunity, companies and contacts de-duplicated across the run (several opportunities share an
// agency or a contracting officer), and for each deal the keys of what it must be associated with.
// Bad records are rejected with a reason here, before anything is written.
import {
  type GovWinStageKey,
  type HubSpotProperties,
  type MappedCompany,
  type MappedContact,
  type MappingIssue,
  mapGovEntityToCompany,
  mapGovWinContact,
  mapOpportunityToDeal,
  type PipelineTarget,
} from '@govwin-ace/shared-core';
import type { OpportunityBundle } from './fetch-bundles';

/** A contact's identity across the run: `<idProperty>:<key>`. */
export type ContactRef = string;
export const contactRef = (c: Pick<MappedContact, 'idProperty' | 'key'>): ContactRef =>
  `${c.idProperty}:${c.key}`;

/** One deal to write. */
export interface DealPlan {
  govwinId: string;
  /** Normalised ISO `updateDate`, for the watermark. */
  updateDate: string;
  properties: HubSpotProperties;
  stage: GovWinStageKey;
  /** GovWin govEntity id of the agency company to associate, if any. */
  companyKey?: string;
  contactRefs: ContactRef[];
  /** The HubSpot deal id the watermark knows, if the deal was synced before. */
  knownDealId?: string;
  unmappedNaics?: string;
  unmappedStatus: boolean;
  warnings: MappingIssue[];
}

/** A record that was not mapped, with the reason. */
export interface Rejection {
  govwinId?: string;
  kind: 'opportunity' | 'company' | 'contact';
  reason: string;
}

/** Everything one run would write. */
export interface WritePlan {
  deals: DealPlan[];
  companies: Map<string, MappedCompany>;
  contacts: Map<ContactRef, MappedContact>;
  rejections: Rejection[];
}

/**
 * Maps bundles into a write plan.
 * @example const plan = planWrites(bundles, { pipeline, knownDealIds });
 */
export const planWrites = (
  bundles: ReadonlyMap<string, OpportunityBundle>,
  ctx: { pipeline?: PipelineTarget; knownDealIds?: ReadonlyMap<string, string> }
): WritePlan => {
  const plan: WritePlan = { deals: [], companies: new Map(), contacts: new Map(), rejections: [] };
  for (const [id, bundle] of bundles) {
    const mapped = mapOpportunityToDeal(
      bundle.opportunity,
      ctx.pipeline ? { pipeline: ctx.pipeline } : {}
    );
    if (!mapped.ok) {
      plan.rejections.push({
        govwinId: mapped.govwinId ?? id,
        kind: 'opportunity',
        reason: mapped.reason,
      });
      continue;
    }
    const deal = mapped.value;
    if (deal.govwinId !== id) {
      plan.rejections.push({
        govwinId: id,
        kind: 'opportunity',
        reason: 'GovWin returned a record with a different id',
      });
      continue;
    }
    const warnings = [...deal.warnings];
    let companyKey: string | undefined;
    const govEntity = bundle.opportunity.govEntity;
    if (govEntity !== undefined && govEntity !== null) {
      const company = mapGovEntityToCompany(govEntity);
      if (company.ok) {
        companyKey = company.value.govEntityId;
        if (!plan.companies.has(companyKey)) plan.companies.set(companyKey, company.value);
      } else {
        plan.rejections.push({ govwinId: id, kind: 'company', reason: company.reason });
      }
    } else {
      warnings.push({ field: 'govEntity', problem: 'missing; deal has no agency company' });
    }
    const contactRefs: ContactRef[] = [];
    for (const raw of bundle.contacts) {
      const contact = mapGovWinContact(raw);
      if (!contact.ok) {
        plan.rejections.push({ govwinId: id, kind: 'contact', reason: contact.reason });
        continue;
      }
      const ref = contactRef(contact.value);
      if (!contactRefs.includes(ref)) contactRefs.push(ref);
      const seen = plan.contacts.get(ref);
      plan.contacts.set(
        ref,
        seen
          ? { ...seen, properties: { ...seen.properties, ...contact.value.properties } }
          : contact.value
      );
    }
    const knownDealId = ctx.knownDealIds?.get(id);
    plan.deals.push({
      govwinId: id,
      updateDate: new Date(deal.updateDate.epochMs).toISOString(),
      properties: deal.properties,
      stage: deal.stage,
      ...(companyKey !== undefined ? { companyKey } : {}),
      contactRefs,
      ...(knownDealId !== undefined ? { knownDealId } : {}),
      ...(deal.unmappedNaics !== undefined ? { unmappedNaics: deal.unmappedNaics } : {}),
      unmappedStatus: deal.warnings.some((w) => w.field === 'status'),
      warnings,
    });
  }
  return plan;
};
