// Discovery (prior-art §3.4): by default the opportunities the BD team marked for Web Services
// download; a saved search, the API user's bookmarks or a date-range search as options. Each listed
// item must carry a valid id and a parseable updateDate; others are rejected here with a reason,
// before any budget is spent on them.
import {
  GOVWIN_OPP_ID,
  type GovWinClient,
  type GovWinList,
  normaliseGovWinDate,
  type RawRecord,
} from '@govwin-ace/shared-core';
import type { OpportunityRef } from './sync-message';

/** How to find the opportunities to sync. */
export type DiscoveryMode =
  | { kind: 'marked'; markedVersion: '2.2' | '2' }
  | { kind: 'bookmarked' }
  | { kind: 'saved-search'; savedSearchId: string }
  | { kind: 'search'; lookbackDays: number; market?: 'Federal' | 'SLED' };

/** What discovery found. */
export interface Discovery {
  refs: OpportunityRef[];
  invalid: { id?: string; reason: string }[];
  totalCount: number;
  /** The 10,000-offset ceiling stopped paging: narrow the search. */
  truncated: boolean;
  calls: number;
}

/** `MM/DD/YYYY` in UTC, GovWin's absolute date format. */
export const govwinDay = (epochMs: number): string => {
  const d = new Date(epochMs);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

const toRef = (item: RawRecord): OpportunityRef | { id?: string; reason: string } => {
  const id = typeof item.id === 'string' ? item.id.trim() : undefined;
  if (id === undefined || !GOVWIN_OPP_ID.test(id))
    return { reason: 'id missing or not a GovWin opportunity id' };
  try {
    return { id, updateDate: normaliseGovWinDate(item.updateDate) };
  } catch {
    return { id, reason: 'updateDate missing or unparseable' };
  }
};

/**
 * Lists candidates. `cursor` (ISO) narrows a date-range search to what changed since the last run.
 * @example const found = await discover(govwin, { kind: 'marked', markedVersion: '2.2' }, { now });
 */
export const discover = async (
  govwin: GovWinClient,
  mode: DiscoveryMode,
  options: { oppType?: string; cursor?: string; now: number }
): Promise<Discovery> => {
  const oppType = options.oppType && options.oppType !== 'ALL' ? { oppType: options.oppType } : {};
  let list: GovWinList;
  switch (mode.kind) {
    case 'marked':
      list = await govwin.listMarked({ markedVersion: mode.markedVersion, ...oppType });
      break;
    case 'bookmarked':
      list = await govwin.listBookmarked(oppType);
      break;
    case 'saved-search':
      list = await govwin.listSavedSearch(mode.savedSearchId);
      break;
    case 'search': {
      // One day of overlap with the previous run: watermarks make re-listing free of writes.
      const from = options.cursor
        ? Date.parse(options.cursor) - 86_400_000
        : options.now - mode.lookbackDays * 86_400_000;
      list = await govwin.search({
        oppSelectionDateFrom: govwinDay(from),
        ...oppType,
        ...(mode.market ? { market: mode.market } : {}),
      });
      break;
    }
  }
  const refs: OpportunityRef[] = [];
  const invalid: Discovery['invalid'] = [];
  const seen = new Set<string>();
  for (const item of list.items) {
    const ref = toRef(item);
    if ('reason' in ref) invalid.push(ref);
    else if (!seen.has(ref.id)) {
      seen.add(ref.id);
      refs.push(ref);
    }
  }
  return {
    refs,
    invalid,
    totalCount: list.totalCount,
    truncated: list.truncated,
    calls: list.calls,
  };
};
