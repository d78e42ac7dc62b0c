// The worker's use case: given opportunity references (id + updateDate from discovery), skip the ones
// whose watermark is already at or past that date, fetch the rest from GovWin, map them, write them to
// HubSpot, append one audit row per deal HubSpot accepted, and advance each watermark only after its
// deal, associations and audit row are written. Every input id ends with exactly one outcome, so
// nothing is silently lost: a deal whose audit row could not be written is retried (the upsert is
// idempotent), never marked synced without its row.
import {
  type EntityMapRepo,
  type GovWinClient,
  type HubSpotClient,
  normaliseGovWinDate,
  type WatermarkRepo,
} from '@govwin-ace/shared-core';
import type { SyncAudit } from './audit-sync-writes';
import { fetchBundles } from './fetch-bundles';
import { type DealPlan, planWrites, type Rejection, type WritePlan } from './plan-writes';
import { type LogPort, type MetricsPort, SYNC_METRIC } from './ports';
import type { ResolvedPipeline } from './resolve-pipeline';
import type { OpportunityRef } from './sync-message';
import { writePlan } from './write-hubspot';

/** The outcome of one opportunity. Only `failed` makes its SQS message fail (and retry). */
export type OpportunityOutcome =
  | { status: 'synced'; dealId: string; created: boolean; notes: string[] }
  | { status: 'skipped'; reason: 'unchanged' }
  | { status: 'rejected'; reason: string }
  | { status: 'not_found' }
  | { status: 'planned'; action: 'create' | 'update' }
  | { status: 'failed'; retryable: boolean; reason: string };

/** What a run did. */
export interface SyncReport {
  outcomes: Map<string, OpportunityOutcome>;
  /** The plan (companies, contacts, deals) — the whole point of a dry run. */
  plan?: WritePlan;
  rejections: Rejection[];
  /** NAICS codes the industry table does not know, with how many opportunities carried each. */
  unmappedNaics: Record<string, number>;
}

/** Dependencies of {@link makeSyncOpportunities}. */
export interface SyncDeps {
  govwin: GovWinClient;
  hubspot: HubSpotClient;
  watermarks: WatermarkRepo;
  entityMap: EntityMapRepo;
  pipeline: () => Promise<ResolvedPipeline>;
  log: LogPort;
  metrics: MetricsPort;
  /** Appends the audit rows of the writes HubSpot accepted (makeSyncAudit). */
  audit: SyncAudit;
  refreshKnownCompanies?: boolean;
}

const countBy = <T extends string>(items: readonly T[]): Record<T, number> => {
  const out = {} as Record<T, number>;
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
};

/** Keeps one reference per id (the newest updateDate), so two messages naming one id sync it once. */
export const dedupeRefs = (refs: readonly OpportunityRef[]): OpportunityRef[] => {
  const byId = new Map<string, { ref: OpportunityRef; ms: number }>();
  for (const ref of refs) {
    const ms = Date.parse(normaliseGovWinDate(ref.updateDate));
    const seen = byId.get(ref.id);
    if (!seen || ms > seen.ms) byId.set(ref.id, { ref, ms });
  }
  return [...byId.values()].map((v) => v.ref);
};

/**
 * Creates the sync use case. `options.dryRun` maps and plans but writes nothing (no HubSpot writes, no
 * watermark or entity-map writes); GovWin reads still spend budget.
 * @example const sync = makeSyncOpportunities(deps); const report = await sync(refs);
 */
export const makeSyncOpportunities =
  (deps: SyncDeps) =>
  async (
    refs: readonly OpportunityRef[],
    options: { dryRun?: boolean; correlationId?: string } = {}
  ): Promise<SyncReport> => {
    const outcomes = new Map<string, OpportunityOutcome>();
    const unique = dedupeRefs(refs);
    const stored = await deps.watermarks.getMany(unique.map((r) => r.id));
    const changed = unique.filter((r) => {
      const wm = stored.get(r.id);
      if (wm && Date.parse(wm.updateDate) >= Date.parse(normaliseGovWinDate(r.updateDate))) {
        outcomes.set(r.id, { status: 'skipped', reason: 'unchanged' });
        return false;
      }
      return true;
    });
    deps.metrics.count(SYNC_METRIC.skippedUnchanged, unique.length - changed.length);
    if (changed.length === 0) return { outcomes, rejections: [], unmappedNaics: {} };

    const pipeline = await deps.pipeline();
    const fetched = await fetchBundles(
      deps.govwin,
      changed.map((r) => r.id)
    );
    for (const id of fetched.notFound) outcomes.set(id, { status: 'not_found' });
    for (const [id, f] of fetched.failed) {
      outcomes.set(id, {
        status: 'failed',
        retryable: f.retryable,
        reason: `GovWin: ${f.error.message}`,
      });
    }
    deps.metrics.count(SYNC_METRIC.notFound, fetched.notFound.length);
    deps.metrics.count(SYNC_METRIC.fetched, fetched.bundles.size);

    const knownDealIds = new Map<string, string>();
    for (const [id, wm] of stored) if (wm.hubspotDealId) knownDealIds.set(id, wm.hubspotDealId);
    const plan = planWrites(fetched.bundles, { pipeline, knownDealIds });
    for (const r of plan.rejections) {
      if (r.kind === 'opportunity' && r.govwinId)
        outcomes.set(r.govwinId, { status: 'rejected', reason: r.reason });
      deps.log.warn('GovWin record rejected', {
        govwinId: r.govwinId,
        kind: r.kind,
        reason: r.reason,
      });
    }
    deps.metrics.count(SYNC_METRIC.rejected, plan.rejections.length);
    const unmappedNaics = countBy(plan.deals.flatMap((d) => d.unmappedNaics ?? []));
    deps.metrics.count(
      SYNC_METRIC.unmappedNaics,
      Object.values(unmappedNaics).reduce((a, b) => a + b, 0)
    );
    deps.metrics.count(
      SYNC_METRIC.unmappedStatus,
      plan.deals.filter((d) => d.unmappedStatus).length
    );
    for (const deal of plan.deals) logWarnings(deps.log, deal);

    if (options.dryRun) {
      for (const deal of plan.deals) {
        outcomes.set(deal.govwinId, {
          status: 'planned',
          action: deal.knownDealId ? 'update' : 'create',
        });
      }
      return { outcomes, plan, rejections: plan.rejections, unmappedNaics };
    }

    const written = await writePlan(plan, {
      hubspot: deps.hubspot,
      entityMap: deps.entityMap,
      pipeline,
      log: deps.log,
      ...(deps.refreshKnownCompanies ? { refreshKnownCompanies: true } : {}),
    });
    const accepted = plan.deals.flatMap((d) => written.get(d.govwinId)?.accepted ?? []);
    const unaudited =
      accepted.length > 0 ? await deps.audit(accepted, options.correlationId) : new Map();
    deps.metrics.count(SYNC_METRIC.auditFailures, unaudited.size);
    for (const [govwinId, err] of unaudited) {
      deps.log.error('audit row of an accepted HubSpot write not written; will be retried', {
        govwinId,
        dealId: written.get(govwinId)?.accepted?.dealId,
        error: err instanceof Error ? err.name : 'unknown',
        code: (err as { code?: unknown })?.code,
      });
    }
    for (const deal of plan.deals) {
      const out = written.get(deal.govwinId);
      if (out?.ok && unaudited.has(deal.govwinId)) {
        outcomes.set(deal.govwinId, {
          status: 'failed',
          retryable: true,
          reason: 'audit: row not written',
        });
        continue;
      }
      if (!out?.ok) {
        const failure = out ?? { ok: false, retryable: true, reason: 'no outcome' };
        outcomes.set(deal.govwinId, {
          status: 'failed',
          retryable: failure.retryable,
          reason: failure.reason,
        });
        continue;
      }
      try {
        await deps.watermarks.advance(deal.govwinId, {
          updateDate: deal.updateDate,
          hubspotDealId: out.dealId,
        });
        outcomes.set(deal.govwinId, {
          status: 'synced',
          dealId: out.dealId,
          created: out.created,
          notes: out.notes,
        });
        deps.metrics.count(out.created ? SYNC_METRIC.dealsCreated : SYNC_METRIC.dealsUpdated);
        deps.metrics.count(SYNC_METRIC.dealsUpserted);
      } catch (err) {
        outcomes.set(deal.govwinId, {
          status: 'failed',
          retryable: true,
          reason: `watermark: ${err instanceof Error ? err.message : 'failed'}`,
        });
      }
    }
    const failures = [...outcomes.values()].filter((o) => o.status === 'failed').length;
    deps.metrics.count(SYNC_METRIC.failed, failures);
    deps.metrics.count(
      SYNC_METRIC.synced,
      [...outcomes.values()].filter((o) => o.status === 'synced').length
    );
    return { outcomes, rejections: plan.rejections, unmappedNaics };
  };

const logWarnings = (log: LogPort, deal: DealPlan): void => {
  if (deal.warnings.length === 0) return;
  log.info('GovWin record mapped with warnings', {
    govwinId: deal.govwinId,
    warnings: deal.warnings.map((w) => `${w.field}: ${w.problem}`),
  });
};
