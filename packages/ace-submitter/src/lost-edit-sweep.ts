// The reconcile sweep for rep edits whose webhook never arrived. HubSpot drops a notification after its
// retries and has no replay API (external-apis §2.5: "run a periodic reconciliation by searching on
// hs_lastmodifieddate"), so: page through the submitted deals HubSpot modified recently, read the history of
// every property that feeds ACE, and hand each property that someone other than this integration changed
// since the deal was last checked to the update use case, exactly as its lost webhook would have
// (`applyChanges` compares with the live opportunity, so an edit that did arrive costs one read and no
// write). The integration's own writes (mirrored AWS values, GovWin sync, card writes applied directly)
// are left alone, as the receiver's loop suppression leaves them.
import { UPDATE_TRIGGER_PROPERTIES } from '@govwin-ace/hubspot-webhook-receiver';
import { DEAL_PROP } from '@govwin-ace/shared-core';
import { isAppliedProperty } from './apply-changes';
import type { SubmitterDeps } from './context';
import type { DealPropertyVersion } from './ports';
import type { ReconcileLimits, ReconcileStats, SweepTools } from './reconcile-run';
import type { UpdateOpportunity } from './update-opportunity';

/** The deal properties whose edits reach ACE (what the receiver routes to the update queue). */
export const EDITABLE_PROPERTIES: readonly string[] = UPDATE_TRIGGER_PROPERTIES.filter((p) =>
  isAppliedProperty(p)
);

/** Edits made this long before the co-sell id reached the deal are part of the submission itself. */
const SUBMISSION_OVERLAP_MS = 10 * 60_000;

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * The properties with a version newer than `from` written by anyone but the integration (`appId`), and the
 * newest version time seen (what the deal is checked up to once they are applied).
 */
export const missedEdits = (
  history: Readonly<Record<string, readonly DealPropertyVersion[]>>,
  from: string,
  appId: string
): { properties: string[]; newest: string } => {
  const fromMs = Date.parse(from);
  let newest = from;
  const properties: string[] = [];
  for (const [name, versions] of Object.entries(history)) {
    let missed = false;
    for (const v of versions) {
      const at = Date.parse(v.timestamp);
      if (!Number.isFinite(at) || at <= fromMs) continue;
      newest = later(v.timestamp, newest);
      const own = v.sourceType.toUpperCase() === 'INTEGRATION' && v.sourceId.trim() === appId;
      if (!own) missed = true;
    }
    if (missed) properties.push(name);
  }
  return { properties: properties.sort(), newest };
};

/** Dependencies of the lost-edit sweep. */
export interface LostEditDeps {
  deps: Pick<SubmitterDeps, 'deals' | 'repo' | 'logger' | 'settings' | 'now'>;
  update: UpdateOpportunity;
  /** The integration's HubSpot app id; without it the sweep does not run. */
  appId: string | undefined;
  /** HubSpot account id put on the update messages (informational). */
  portalId?: string | undefined;
}

/**
 * Builds the sweep.
 * @example const sweepLostEdits = makeLostEditSweep({ deps, update, appId }, tools, limits);
 */
export const makeLostEditSweep = (
  input: LostEditDeps,
  tools: SweepTools,
  limits: ReconcileLimits
) => {
  const { deps, update, appId } = input;
  const { repo, logger, settings } = deps;
  const { safely, stopEarly } = tools;

  /**
   * Applies the missed edits of one deal; the deal is marked checked only when all of them went through.
   * Every time compared is HubSpot's (version timestamps): the first check starts a little before the
   * submission wrote the co-sell id to the deal (edits before it were part of the submission).
   */
  const applyMissed = async (
    stats: ReconcileStats,
    dealId: string,
    history: Record<string, DealPropertyVersion[]>,
    sinceIso: string
  ) => {
    const row = await repo.get(dealId);
    if (!row?.aceOpportunityId) return;
    const { [DEAL_PROP.cosellId]: cosellVersions = [], ...editable } = history;
    const bound = cosellVersions.at(-1)?.timestamp;
    const submittedAt =
      bound && Number.isFinite(Date.parse(bound))
        ? new Date(Date.parse(bound) - SUBMISSION_OVERLAP_MS).toISOString()
        : sinceIso;
    const from = row.editsCheckedUntil ?? later(submittedAt, sinceIso);
    const { properties, newest } = missedEdits(editable, from, appId as string);
    const nowIso = new Date(deps.now()).toISOString();
    for (const propertyName of properties) {
      stats.editsFound += 1;
      const outcome = await update(
        {
          v: 1,
          kind: 'update',
          dealId,
          portalId: input.portalId ?? '0',
          eventId: String(Date.parse(newest)),
          occurredAt: Date.parse(newest),
          propertyName,
          catalog: settings.catalog,
          receivedAt: nowIso,
          correlationId: 'reconcile',
        },
        { receiveCount: 1 }
      );
      if (outcome.status === 'updated') stats.editsApplied += 1;
      if (outcome.status === 'parked') stats.editsParked += 1;
    }
    if (properties.length > 0)
      logger.info('edits without a webhook checked against ACE', { dealId, properties });
    if (newest !== from) await repo.update(dealId, { editsCheckedUntil: newest });
  };

  return async (stats: ReconcileStats, hasTime: () => boolean) => {
    if (!appId) return;
    const sinceIso = new Date(deps.now() - limits.editLookbackMs).toISOString();
    let afterId: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= limits.editMaxPages)
        return stopEarly(stats, 'edits', 'page-cap', { pages: page });
      if (!hasTime()) return stopEarly(stats, 'edits', 'deadline', { pages: page });
      const { deals, next } = await deps.deals.listSubmittedDealsModifiedSince({
        sinceMs: Date.parse(sinceIso),
        properties: [DEAL_PROP.cosellId],
        limit: limits.editPageSize,
        ...(afterId === undefined ? {} : { afterId }),
      });
      stats.editPages += 1;
      const histories = await deps.deals.readPropertyHistory(
        deals.map((d) => d.id),
        [...EDITABLE_PROPERTIES, DEAL_PROP.cosellId]
      );
      for (const deal of deals) {
        if (!hasTime()) return stopEarly(stats, 'edits', 'deadline', { pages: page + 1 });
        const history = histories.get(deal.id);
        if (!history) continue;
        stats.editDealsChecked += 1;
        await safely(stats, deal.id, () => applyMissed(stats, deal.id, history, sinceIso));
      }
      if (next === undefined) return;
      afterId = next;
    }
  };
};
