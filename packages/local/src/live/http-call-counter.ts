// Counts the HTTP requests the handlers send to GovWin and HubSpot during a live run, for the summary.
// The shared HTTP client takes `globalThis.fetch` when it is built (at handler import), so wrapping fetch
// before the handlers load sees every call they make; the AWS SDK does not use fetch and is not counted.

/** A running counter; `restore` puts the original fetch back. */
export interface HttpCallCounter {
  /** Requests per system label (hosts not listed are counted under `other`). */
  counts: () => Record<string, number>;
  restore: () => void;
}

const hostOf = (input: Parameters<typeof fetch>[0]): string | undefined => {
  try {
    if (typeof input === 'string') return new URL(input).host;
    if (input instanceof URL) return input.host;
    return new URL(input.url).host;
  } catch {
    return undefined;
  }
};

/**
 * Replaces `target.fetch` with a counting wrapper.
 * @example const counter = countHttpCalls({ 'api.hubapi.com': 'hubspot' }); ... counter.restore();
 */
export const countHttpCalls = (
  systemsByHost: Readonly<Record<string, string>>,
  target: { fetch: typeof fetch } = globalThis
): HttpCallCounter => {
  const original = target.fetch;
  const counts: Record<string, number> = {};
  const wrapped: typeof fetch = (input, init) => {
    const host = hostOf(input);
    const system = (host && systemsByHost[host]) || 'other';
    counts[system] = (counts[system] ?? 0) + 1;
    return original(input, init);
  };
  target.fetch = wrapped;
  return {
    counts: () => ({ ...counts }),
    restore: () => {
      if (target.fetch === wrapped) target.fetch = original;
    },
  };
};
