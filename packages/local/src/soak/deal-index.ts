// GovWin id <-> HubSpot deal id, read from the HubSpot simulator at most once a second (listing every deal
// is the only way to see them all, and reps, the review script and the sync loop all ask).
import type { LocalStack } from '../runtime/stack';

export interface DealIndex {
  /** GovWin id -> the first deal that carries it. */
  byGovWin: ReadonlyMap<string, string>;
  govwinOfDeal: ReadonlyMap<string, string>;
  /** Re-reads the deals unless that happened less than a second ago (or `force`). */
  refresh(stack: LocalStack, force?: boolean): void;
}

/** Builds an empty index. */
export const makeDealIndex = (now: () => number = Date.now): DealIndex => {
  const byGovWin = new Map<string, string>();
  const govwinOfDeal = new Map<string, string>();
  let refreshedAt = Number.NEGATIVE_INFINITY;
  return {
    byGovWin,
    govwinOfDeal,
    refresh: (stack, force = false) => {
      if (!force && now() - refreshedAt < 1000) return;
      refreshedAt = now();
      for (const d of stack.hubspot.listObjects('deals')) {
        const g = d.properties.govwin_opp_id;
        if (!g || govwinOfDeal.has(d.id)) continue;
        if (!byGovWin.has(g)) byGovWin.set(g, d.id);
        govwinOfDeal.set(d.id, g);
      }
    },
  };
};
