// Reads what the drift comparison needs, with bounded calls and the shared quotas: the mapping rows
// (Scan), the deals in a submit stage or carrying a co-sell id (HubSpot search), GovWin discovery and
// records (the same discovery the orchestrator runs; GovWin calls spend the hourly budget), the
// watermarks, the deals (batch read) and each linked ACE opportunity (GetOpportunity, paced 10/s).
import { MIRROR_READ_PROPS } from '@govwin-ace/ace-submitter';
import {
  discover,
  type LogPort,
  loadDiscoveryConfig,
  type OpportunityRef,
} from '@govwin-ace/govwin-poller';
import {
  type AceSubmission,
  CREATE_DEAL_PROPS,
  DEAL_FIELDS,
  DEAL_PROP,
  HUBSPOT_ID,
  mapOpportunityToDeal,
  propertiesToRead,
  type Watermark,
} from '@govwin-ace/shared-core';
import { UPDATE_TRIGGERS } from '../commands/dry-run-plan';
import type { OpsRuntime } from '../ops/ops-runtime';
import { describeFailure, withService } from '../output/cli-failure';
import type { AceSide, DriftSnapshot, GovWinSide } from './types';

/** What to compare. */
export interface CollectOptions {
  /** Include the GovWin leg (GovWin calls spend the shared hourly budget). */
  govwin: boolean;
  /** Only these deals (and their GovWin records); default: every candidate. */
  dealIds?: readonly string[];
  /** At most this many deals on the ACE leg and GovWin records on the GovWin leg. */
  limit?: number;
  onPhase?: (phase: string, done: number, total: number) => void;
  log: LogPort;
  now: number;
}

/** The snapshot plus what could not be read. */
export interface Collected {
  snapshot: DriftSnapshot;
  /** One line per source or record that could not be read (those parts are not compared). */
  unreadable: string[];
}

/** Every deal property the comparison reads. */
export const DRIFT_DEAL_PROPS: readonly string[] = [
  ...new Set([
    ...CREATE_DEAL_PROPS,
    ...propertiesToRead(UPDATE_TRIGGERS),
    ...MIRROR_READ_PROPS,
    ...DEAL_FIELDS.map((f) => f.property),
  ]),
].sort();

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Collects a snapshot.
 * @example const { snapshot } = await collectDrift(rt, settings.submitStageIds, { govwin: true, log, now: Date.now() });
 */
export const collectDrift = async (
  rt: OpsRuntime,
  submitStageIds: readonly string[],
  options: CollectOptions
): Promise<Collected> => {
  const unreadable: string[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const only = options.dealIds ? new Set(options.dealIds) : undefined;
  const phase = options.onPhase ?? (() => undefined);
  const hubspot = rt.hubspot();

  // 1. Mapping rows.
  phase('mapping rows', 0, 1);
  const submissions = new Map<string, AceSubmission>();
  await withService('DynamoDB', async () => {
    for await (const row of rt.submissions().listAll())
      if (!only || only.has(row.dealId)) submissions.set(row.dealId, row);
  });
  phase('mapping rows', 1, 1);

  // 2. Deals the ACE leg looks at.
  const aceDealIds = new Set<string>(submissions.keys());
  if (only) for (const id of only) aceDealIds.add(id);
  else
    await withService('HubSpot', async () => {
      let after: string | undefined;
      do {
        const page = await hubspot.searchDeals({
          filterGroups: [
            {
              filters: [
                { propertyName: DEAL_PROP.dealStage, operator: 'IN', values: [...submitStageIds] },
              ],
            },
            { filters: [{ propertyName: DEAL_PROP.cosellId, operator: 'HAS_PROPERTY' }] },
          ],
          properties: [DEAL_PROP.dealStage],
          limit: 100,
          ...(after ? { after } : {}),
        });
        for (const d of page.results) aceDealIds.add(d.id);
        after = page.after;
        phase('HubSpot search', aceDealIds.size, page.total);
      } while (after && aceDealIds.size < Math.min(limit, 10_000));
    });
  const aceDeals = [...aceDealIds].sort().slice(0, limit);

  // 3. GovWin leg: discovery (or the given deals' GovWin ids), records, watermarks.
  let govwin: GovWinSide[] | undefined;
  const watermarks = new Map<string, Watermark>();
  const dealByGovwin = new Map<string, string>();
  const dealIds = new Set(aceDeals);
  const deals = new Map<string, { id: string; properties: Record<string, string | null> }>();
  const readDeals = async (ids: readonly string[]) => {
    const wanted = ids.filter((id) => HUBSPOT_ID.test(id) && !deals.has(id));
    for (const part of chunks(wanted, 100)) {
      const out = await withService('HubSpot', () =>
        hubspot.batchReadDeals(part, DRIFT_DEAL_PROPS)
      );
      for (const d of out.results)
        if (!d.archived) deals.set(d.id, { id: d.id, properties: d.properties });
      phase('HubSpot deals', deals.size, wanted.length);
    }
  };
  if (options.govwin) {
    try {
      const gov = rt.govwin(options.log);
      gov.auth.beginRun();
      let refs: OpportunityRef[];
      if (only) {
        await readDeals([...only]);
        refs = [];
        for (const id of only) {
          const g = deals.get(id)?.properties[DEAL_PROP.govwinOppId];
          if (g) refs.push({ id: g, updateDate: '' });
        }
      } else {
        const discovery = loadDiscoveryConfig(rt.env.source, 'govwin-ace drift');
        const found = await withService('GovWin', () =>
          discover(gov.govwin, discovery.mode, { oppType: discovery.oppType, now: options.now })
        );
        refs = found.refs.slice(0, limit);
        if (found.truncated)
          unreadable.push(
            'GovWin discovery hit the 10,000-offset ceiling: later records not compared'
          );
      }
      const ids = refs.map((r) => r.id);
      const records = new Map<string, Record<string, unknown>>();
      for (const part of chunks(ids, 10)) {
        const got = await withService('GovWin', () => gov.govwin.getOpportunities(part));
        for (const [id, rec] of got) records.set(id, rec);
        phase('GovWin records', records.size, ids.length);
      }
      for (const [id, wm] of await withService('DynamoDB', () => rt.watermarks().getMany(ids))) {
        watermarks.set(id, wm);
        if (wm.hubspotDealId) dealByGovwin.set(id, wm.hubspotDealId);
      }
      const unknown = ids.filter((id) => !dealByGovwin.has(id));
      for (const part of chunks(unknown, 100)) {
        const page = await withService('HubSpot', () =>
          hubspot.searchDeals({
            filterGroups: [
              { filters: [{ propertyName: DEAL_PROP.govwinOppId, operator: 'IN', values: part }] },
            ],
            properties: [DEAL_PROP.govwinOppId],
            limit: 100,
          })
        );
        for (const d of page.results) {
          const g = d.properties[DEAL_PROP.govwinOppId];
          if (g) dealByGovwin.set(g, d.id);
        }
      }
      govwin = [];
      for (const id of ids) {
        const rec = records.get(id);
        if (!rec) {
          unreadable.push(`GovWin ${id}: not returned by GovWin (deleted or no access)`);
          continue;
        }
        const mapped = mapOpportunityToDeal(rec);
        if (!mapped.ok) {
          govwin.push({ govwinId: id, updateDate: '', rejected: mapped.reason });
          continue;
        }
        govwin.push({
          govwinId: id,
          updateDate: new Date(mapped.value.updateDate.epochMs).toISOString(),
          mapped: mapped.value.properties,
        });
      }
      for (const d of dealByGovwin.values()) dealIds.add(d);
    } catch (err) {
      govwin = undefined;
      unreadable.push(`GovWin leg skipped: ${describeFailure(err).message}`);
    }
  }

  // 4. Deals.
  await readDeals([...dealIds]);

  // 5. ACE opportunities.
  const ace = new Map<string, AceSide>();
  const aceIds = new Set<string>();
  for (const id of aceDeals) {
    const a =
      submissions.get(id)?.aceOpportunityId ?? deals.get(id)?.properties[DEAL_PROP.cosellId];
    if (a && /^O[0-9]{1,19}$/.test(a)) aceIds.add(a);
  }
  let done = 0;
  for (const aceId of aceIds) {
    try {
      ace.set(aceId, {
        status: 'found',
        opp: await withService('Partner Central', () => rt.ace().getOpportunity(aceId)),
      });
    } catch (err) {
      const cause = (err as { cause?: { kind?: string } }).cause;
      if (cause?.kind === 'not-found') ace.set(aceId, { status: 'missing' });
      else {
        const message = describeFailure(err).message;
        ace.set(aceId, { status: 'unreadable', error: message });
        unreadable.push(`ACE ${aceId}: ${message}`);
      }
    }
    phase('ACE opportunities', ++done, aceIds.size);
  }
  return {
    snapshot: { govwin, watermarks, deals, dealByGovwin, aceDealIds: aceDeals, submissions, ace },
    unreadable,
  };
};
