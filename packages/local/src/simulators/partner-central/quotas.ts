// Partner Central request quotas per partner account (external-apis §1.10): reads 10/s and
// 100,000 per rolling 24 h, writes 1/s and 10,000 per rolling 24 h, measured on the simulator's
// clock. The per-second limit is an exact sliding window; the daily one slides by the minute.

export interface QuotaLimits {
  readsPerSecond: number;
  writesPerSecond: number;
  readsPerDay: number;
  writesPerDay: number;
}

export const DEFAULT_QUOTAS: Readonly<QuotaLimits> = {
  readsPerSecond: 10,
  writesPerSecond: 1,
  readsPerDay: 100_000,
  writesPerDay: 10_000,
};

export type QuotaGroup = 'read' | 'write';
export type QuotaOutcome = 'ok' | 'per-second' | 'per-day';

const SECOND = 1000;
const MINUTE = 60_000;
const DAY = 86_400_000;

interface Window {
  /** Accepted call times within the last second, oldest first. */
  recent: number[];
  /** Accepted calls per minute bucket within the last day. */
  minutes: Map<number, number>;
  dayTotal: number;
}

export interface QuotaTracker {
  /** Counts one call if it fits; otherwise says which limit it hit (and does not count it). */
  take(account: string, group: QuotaGroup, now: number): QuotaOutcome;
  reset(): void;
}

/** Read operations are the `Get*` and `List*` ones; everything else counts as a write. */
export const quotaGroupOf = (operation: string): QuotaGroup =>
  /^(Get|List)/.test(operation) ? 'read' : 'write';

export const makeQuotaTracker = (limits: QuotaLimits): QuotaTracker => {
  let windows = new Map<string, Window>();
  const windowFor = (key: string): Window => {
    let w = windows.get(key);
    if (!w) {
      w = { recent: [], minutes: new Map(), dayTotal: 0 };
      windows.set(key, w);
    }
    return w;
  };
  return {
    take: (account, group, now) => {
      const perSecond = group === 'read' ? limits.readsPerSecond : limits.writesPerSecond;
      const perDay = group === 'read' ? limits.readsPerDay : limits.writesPerDay;
      const w = windowFor(`${account}\u0000${group}`);
      while (w.recent.length > 0 && (w.recent[0] ?? 0) <= now - SECOND) w.recent.shift();
      const minute = Math.floor(now / MINUTE);
      for (const [bucket, count] of w.minutes) {
        if (bucket > minute - DAY / MINUTE) break;
        w.minutes.delete(bucket);
        w.dayTotal -= count;
      }
      if (w.recent.length >= perSecond) return 'per-second';
      if (w.dayTotal >= perDay) return 'per-day';
      if (Number.isFinite(perSecond)) w.recent.push(now);
      w.minutes.set(minute, (w.minutes.get(minute) ?? 0) + 1);
      w.dayTotal += 1;
      return 'ok';
    },
    reset: () => {
      windows = new Map();
    },
  };
};
