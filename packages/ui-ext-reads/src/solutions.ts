// The solution picker's list: the partner's Active solutions from ListSolutions, cached briefly per
// container (prior-art §15.2), with the catalog echo-checked. Empty results are never cached (a partner who
// just registered a solution sees it at once); when AWS fails, a recent list is served instead of an error.
import {
  ListSolutionsCommand,
  type ListSolutionsCommandOutput,
  type PartnerCentralSellingClient,
} from '@aws-sdk/client-partnercentral-selling';
import {
  type AceApiError,
  type Catalog,
  classifyAceError,
  crossCatalogError,
} from '@govwin-ace/shared-core';

/** One solution as the card shows it. */
export interface SolutionOption {
  id: string;
  name: string;
  category: string;
}

/** The list and how fresh it is. */
export interface SolutionList {
  solutions: SolutionOption[];
  /** ISO time the list was read from AWS. */
  fetchedAt: string;
  /** True when AWS failed and an older list is served. */
  stale: boolean;
}

/** Dependencies of {@link makeSolutionsSource}. */
export interface SolutionsSourceDeps {
  client: Pick<PartnerCentralSellingClient, 'send'>;
  catalog: Catalog;
  /** How long a list is served without asking AWS again. Default 300 000 ms. */
  ttlMs?: number;
  /** How long an older list may stand in for a failing ListSolutions. Default 3 600 000 ms. */
  staleForMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** At most this many pages of 100 (a partner has a handful of solutions; this bounds a runaway token). */
export const MAX_SOLUTION_PAGES = 5;
const ATTEMPTS = 3;
const RETRIED = new Set(['throttling', 'internal', 'unavailable']);
const SOLUTION_ID = /^S-[0-9]{1,19}$/;

const clip = (v: string | undefined, max: number) => (v ?? '').trim().slice(0, max);

/**
 * Builds the cached source. `list()` resolves the current list or throws the classified AceApiError when
 * AWS fails and no list younger than `staleForMs` exists.
 * @example const solutions = makeSolutionsSource({ client: aws.partnerCentral(), catalog: 'Sandbox' });
 */
export const makeSolutionsSource = (deps: SolutionsSourceDeps) => {
  const ttlMs = deps.ttlMs ?? 300_000;
  const staleForMs = deps.staleForMs ?? 3_600_000;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  let cached: { solutions: SolutionOption[]; at: number } | undefined;
  let inFlight: Promise<SolutionList> | undefined;

  const page = async (nextToken: string | undefined): Promise<ListSolutionsCommandOutput> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.client.send(
          new ListSolutionsCommand({
            Catalog: deps.catalog,
            Status: ['Active'],
            MaxResults: 100,
            Sort: { SortBy: 'Name', SortOrder: 'ASCENDING' },
            ...(nextToken ? { NextToken: nextToken } : {}),
          })
        );
      } catch (err) {
        const classified: AceApiError = classifyAceError(err, 'ListSolutions');
        if (!RETRIED.has(classified.kind) || attempt >= ATTEMPTS) throw classified;
        await sleep(Math.round(200 * 2 ** (attempt - 1) * (0.5 + random() / 2)));
      }
    }
  };

  const fetchAll = async (): Promise<SolutionOption[]> => {
    const out: SolutionOption[] = [];
    let token: string | undefined;
    for (let i = 0; i < MAX_SOLUTION_PAGES; i++) {
      const res = await page(token);
      for (const s of res.SolutionSummaries ?? []) {
        if (s.Catalog !== deps.catalog)
          throw crossCatalogError('ListSolutions', s.Catalog, deps.catalog);
        if (s.Status !== 'Active' || !s.Id || !SOLUTION_ID.test(s.Id)) continue;
        out.push({ id: s.Id, name: clip(s.Name, 255) || s.Id, category: clip(s.Category, 80) });
      }
      token = res.NextToken;
      if (!token) break;
    }
    return out;
  };

  const refresh = async (): Promise<SolutionList> => {
    try {
      const solutions = await fetchAll();
      const at = now();
      if (solutions.length > 0) cached = { solutions, at };
      return { solutions, fetchedAt: new Date(at).toISOString(), stale: false };
    } catch (err) {
      if (cached && now() - cached.at <= staleForMs)
        return {
          solutions: cached.solutions,
          fetchedAt: new Date(cached.at).toISOString(),
          stale: true,
        };
      throw err;
    }
  };

  return {
    list: async (): Promise<SolutionList> => {
      if (cached && now() - cached.at < ttlMs)
        return {
          solutions: cached.solutions,
          fetchedAt: new Date(cached.at).toISOString(),
          stale: false,
        };
      // Concurrent first requests in one container share one ListSolutions run.
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
};

/** The solutions source's type. */
export type SolutionsSource = ReturnType<typeof makeSolutionsSource>;
