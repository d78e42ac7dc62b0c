// The three-way comparison GovWin <-> HubSpot <-> ACE, pure: a snapshot in, one finding per difference
// out, each with its proposed repair. GovWin <-> HubSpot compares what the sync would write with the
// deal; HubSpot <-> ACE compares the deal with the live opportunity the way the submitter's update and
// mirror paths would (same rules, same scrubbed echo), so a finding means "a real run would change this".
import { createHash } from 'node:crypto';
import { mirrorProperties, stateOf } from '@govwin-ace/ace-submitter';
import {
  AceMappingError,
  applyDealDelta,
  DEAL_PROP,
  FIELD_RULES,
  ownedPartnerIdentifiers,
  REVIEW_LOCKED_STATUSES,
  resolveAssociations,
  scrubForUpdate,
} from '@govwin-ace/shared-core';
import type { DriftFinding, DriftSettings, DriftSnapshot, GovWinSide } from './types';

/** GovWin-mapped properties never compared: HubSpot owns the stage once a deal exists. */
const NOT_COMPARED = new Set(['pipeline', 'dealstage']);

/** Stable id of a finding: same drift, same id, across runs. */
export const findingId = (
  f: Omit<DriftFinding, 'id' | 'detail' | 'repair' | 'kind' | 'leg'>
): string =>
  `d${createHash('sha256')
    .update([f.code, f.dealId ?? '', f.govwinId ?? '', f.aceId ?? '', f.field ?? ''].join('|'))
    .digest('hex')
    .slice(0, 8)}`;

const finding = (f: Omit<DriftFinding, 'id'>): DriftFinding => ({ id: findingId(f), ...f });

/** Epoch ms of a HubSpot date value (epoch-ms digits, `YYYY-MM-DD` or ISO), else NaN. */
const dateMs = (v: string): number => {
  if (/^\d{12,14}$/.test(v)) return Number(v);
  return /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
};

/** Equal as HubSpot stores them: dates by instant (any of its forms), numbers by value, text trimmed. */
export const sameValue = (a: string | null | undefined, b: string | null | undefined): boolean => {
  const x = (a ?? '').trim();
  const y = (b ?? '').trim();
  if (x === y) return true;
  if (x === '' || y === '') return false;
  const dx = dateMs(x);
  const dy = dateMs(y);
  if (!Number.isNaN(dx) && !Number.isNaN(dy)) return dx === dy;
  const numeric = /^-?\d+(\.\d+)?$/;
  return numeric.test(x) && numeric.test(y) && Number(x) === Number(y);
};

const govwinLeg = (g: GovWinSide, s: DriftSnapshot): DriftFinding[] => {
  const leg = 'govwin-hubspot' as const;
  const govwinId = g.govwinId;
  if (g.rejected)
    return [
      finding({
        kind: 'conflict',
        code: 'govwin-unmappable',
        leg,
        govwinId,
        detail: `the sync rejects this GovWin record: ${g.rejected}`,
        repair: {
          kind: 'none',
          advice: 'the record needs fixing in GovWin (or by the GovWin analyst)',
        },
      }),
    ];
  const wm = s.watermarks.get(govwinId);
  const dealId = wm?.hubspotDealId ?? s.dealByGovwin.get(govwinId);
  const deal = dealId ? s.deals.get(dealId) : undefined;
  const sync = { kind: 'enqueue-sync' as const, govwinId, updateDate: g.updateDate };
  if (!wm && !deal)
    return [
      finding({
        kind: 'missing',
        code: 'govwin-unsynced',
        leg,
        govwinId,
        detail: 'listed by GovWin discovery but never synced to HubSpot',
        repair: sync,
      }),
    ];
  if (!wm || Date.parse(g.updateDate) > Date.parse(wm.updateDate))
    return [
      finding({
        kind: 'stale',
        code: 'govwin-stale',
        leg,
        govwinId,
        ...(dealId ? { dealId } : {}),
        detail: wm
          ? `GovWin changed at ${g.updateDate}; HubSpot has the version of ${wm.updateDate}`
          : 'a deal carries this GovWin id but the sync has no watermark for it',
        repair: sync,
      }),
    ];
  if (!deal)
    return [
      finding({
        kind: 'missing',
        code: 'hubspot-deal-missing',
        leg,
        govwinId,
        ...(dealId ? { dealId } : {}),
        detail: `synced to deal ${dealId ?? '?'}, which is deleted or archived in HubSpot`,
        repair: {
          kind: 'none',
          advice:
            'restore the deal from the HubSpot recycle bin; the sync skips the record until GovWin changes it',
        },
      }),
    ];
  const out: DriftFinding[] = [];
  for (const [property, value] of Object.entries(g.mapped ?? {})) {
    if (NOT_COMPARED.has(property) || sameValue(value, deal.properties[property])) continue;
    out.push(
      finding({
        kind: 'conflict',
        code: 'govwin-field-conflict',
        leg,
        govwinId,
        dealId: deal.id,
        field: property,
        detail: `HubSpot ${property} differs from the GovWin value (edited in HubSpot?)`,
        repair: {
          kind: 'none',
          advice:
            'GovWin owns this field: its next change overwrites the HubSpot edit; copy the value back by hand if it must change now',
        },
      })
    );
  }
  return out;
};

const aceLeg = (dealId: string, s: DriftSnapshot, settings: DriftSettings): DriftFinding[] => {
  const leg = 'hubspot-ace' as const;
  const deal = s.deals.get(dealId);
  const row = s.submissions.get(dealId);
  if (!deal) {
    if (!row?.aceOpportunityId) return [];
    return [
      finding({
        kind: 'missing',
        code: 'hubspot-deal-missing',
        leg,
        dealId,
        aceId: row.aceOpportunityId,
        detail: `ACE opportunity ${row.aceOpportunityId} is mapped to a deal that is deleted or archived`,
        repair: { kind: 'none', advice: 'restore the deal from the HubSpot recycle bin' },
      }),
    ];
  }
  const cosell = deal.properties[DEAL_PROP.cosellId] ?? '';
  const stage = deal.properties[DEAL_PROP.dealStage] ?? '';
  if (row?.aceOpportunityId && cosell && cosell !== row.aceOpportunityId)
    return [
      finding({
        kind: 'conflict',
        code: 'cosell-id-conflict',
        leg,
        dealId,
        aceId: row.aceOpportunityId,
        field: DEAL_PROP.cosellId,
        detail: `the deal names ACE ${cosell}, the mapping binds ${row.aceOpportunityId}`,
        repair: {
          kind: 'none',
          advice: `the submitter refuses to write until they agree: set ${DEAL_PROP.cosellId} back to ${row.aceOpportunityId} if that is the deal's opportunity`,
        },
      }),
    ];
  const aceId = row?.aceOpportunityId ?? cosell;
  if (!aceId) {
    if (settings.submitStageIds.includes(stage) && !row?.steps.created)
      return [
        finding({
          kind: 'missing',
          code: 'submission-missing',
          leg,
          dealId,
          detail: `the deal is in submit stage ${stage} but no ACE opportunity was created`,
          repair: { kind: 'enqueue-submit', dealId, stageId: stage },
        }),
      ];
    return [];
  }
  const side = s.ace.get(aceId);
  if (!side || side.status === 'unreadable') return [];
  if (side.status === 'missing')
    return [
      finding({
        kind: 'missing',
        code: 'ace-opportunity-missing',
        leg,
        dealId,
        aceId,
        detail: `Partner Central does not know ${aceId} in catalog ${settings.catalog}`,
        repair: {
          kind: 'none',
          advice:
            'check ACE_CATALOG; if the opportunity is gone, clear the co-sell id and submit the deal again',
        },
      }),
    ];
  const opp = side.opp;
  const pid = opp.PartnerOpportunityIdentifier;
  const owned = ownedPartnerIdentifiers(deal);
  if (pid ? !owned.includes(pid) : row?.aceOpportunityId !== aceId)
    return [
      finding({
        kind: 'conflict',
        code: 'foreign-opportunity',
        leg,
        dealId,
        aceId,
        detail: `${aceId} carries ${pid ? "another record's" : 'no'} partner identifier; the submitter will not write to it`,
        repair: {
          kind: 'none',
          advice: `check which deal owns ${aceId} (govwin-ace trace ${aceId})`,
        },
      }),
    ];
  const out: DriftFinding[] = [];
  const review = opp.LifeCycle?.ReviewStatus ?? '';
  const locked = REVIEW_LOCKED_STATUSES.includes(review);
  const mirror = { kind: 'mirror' as const, dealId, aceId };
  const state = stateOf(opp);
  for (const property of Object.keys(mirrorProperties(state, deal, settings)).sort())
    out.push(
      finding({
        kind: 'stale',
        code: 'mirror-stale',
        leg,
        dealId,
        aceId,
        field: property,
        detail: `HubSpot ${property} does not mirror ACE (review ${review || '?'}, stage ${state.stage ?? '?'})`,
        repair: mirror,
      })
    );
  if (
    row &&
    out.length === 0 &&
    ((state.reviewStatus && row.reviewStatus !== state.reviewStatus) ||
      (state.stage && row.lifecycleStage !== state.stage))
  )
    out.push(
      finding({
        kind: 'stale',
        code: 'mapping-stale',
        leg,
        dealId,
        aceId,
        detail: `the mapping row records review ${row.reviewStatus ?? '?'} / stage ${row.lifecycleStage ?? '?'}, ACE says ${review || '?'} / ${state.stage ?? '?'}`,
        repair: mirror,
      })
    );
  if (review === 'Rejected') return out;
  const scrubbed = scrubForUpdate(opp);
  scrubbed.PartnerOpportunityIdentifier ??= dealId;
  const parked = new Set(row?.parkedEdits ?? []);
  for (const rule of FIELD_RULES) {
    const property = rule.triggers[0];
    if (!property || rule.triggers.some((t) => parked.has(t))) continue;
    try {
      if (!applyDealDelta(scrubbed, [property], deal.properties, settings.today).changed) continue;
      out.push(
        finding({
          kind: 'conflict',
          code: 'ace-field-conflict',
          leg,
          dealId,
          aceId,
          field: rule.triggers.join('/'),
          detail: `ACE does not hold the deal's ${rule.triggers.join('/')}${locked ? ` (AWS is reviewing: an update would be parked)` : ''}`,
          repair: { kind: 'enqueue-update', dealId, property },
        })
      );
    } catch (err) {
      if (!(err instanceof AceMappingError)) throw err;
      const fields = (err as { fields?: Record<string, string> }).fields ?? {};
      for (const [field, reason] of Object.entries(fields))
        out.push(
          finding({
            kind: 'conflict',
            code: 'deal-invalid',
            leg,
            dealId,
            aceId,
            field,
            detail: `the deal's ${field} ${reason}`,
            repair: {
              kind: 'none',
              advice: `fix ${field} on the deal; its next edit then reaches ACE`,
            },
          })
        );
    }
  }
  try {
    const want = resolveAssociations({ deal, defaultSolutionId: settings.defaultSolutionId });
    const have = opp.RelatedEntityIdentifiers;
    const products = (have?.AwsProducts ?? []).filter((p) => p !== 'Other').sort();
    if (
      want.awsProducts.length > 0 &&
      want.awsProducts.slice().sort().join(',') !== products.join(',')
    )
      out.push(
        finding({
          kind: 'conflict',
          code: 'ace-products-conflict',
          leg,
          dealId,
          aceId,
          field: DEAL_PROP.awsProducts,
          detail: `ACE has ${products.length} AWS product(s), the deal lists ${want.awsProducts.length} different one(s)`,
          repair: { kind: 'enqueue-update', dealId, property: DEAL_PROP.awsProducts },
        })
      );
    if (want.solutionId && !(have?.Solutions ?? []).includes(want.solutionId))
      out.push(
        finding({
          kind: 'conflict',
          code: 'ace-solution-conflict',
          leg,
          dealId,
          aceId,
          field: DEAL_PROP.solutionId,
          detail: `solution ${want.solutionId} is not associated with ${aceId}`,
          repair: { kind: 'enqueue-update', dealId, property: DEAL_PROP.solutionId },
        })
      );
  } catch (err) {
    if (!(err instanceof AceMappingError)) throw err;
  }
  if (parked.size > 0 && !locked) {
    const first = [...parked].sort()[0] ?? '';
    out.push(
      finding({
        kind: 'stale',
        code: 'parked-edits',
        leg,
        dealId,
        aceId,
        field: [...parked].sort().join(','),
        detail: `${parked.size} edit(s) parked during review are still waiting, and the review is over (${review})`,
        repair: { kind: 'enqueue-update', dealId, property: first },
      })
    );
  }
  return out;
};

/**
 * Compares a snapshot; findings in a stable order (GovWin leg, then ACE leg, by id).
 * @example const findings = findDrift(await collect(), { ...settings, today: '2026-11-23' });
 */
export const findDrift = (s: DriftSnapshot, settings: DriftSettings): DriftFinding[] => {
  const govwin = (s.govwin ?? []).flatMap((g) => govwinLeg(g, s));
  const ace = [...new Set(s.aceDealIds)].sort().flatMap((dealId) => aceLeg(dealId, s, settings));
  const seen = new Set<string>();
  return [...govwin, ...ace].filter((f) => !seen.has(f.id) && seen.add(f.id));
};
