// A rolling-window call counter (GovWin: 4,000 calls per rolling hour; HubSpot: 100 per 10 s).
// Calls are kept as timestamps in a queue, so each check is amortised O(1).

export interface RollingWindow {
  /** Calls counted in the window ending at `now`. */
  count(now: number): number;
  /** Records one call at `now` if the window has room; returns whether it did. */
  tryAcquire(now: number): boolean;
  /** Epoch ms when the oldest counted call leaves the window (undefined when empty). */
  nextSlotAt(now: number): number | undefined;
  reset(): void;
}

export const makeRollingWindow = (limit: number, windowMs: number): RollingWindow => {
  let times: number[] = [];
  let head = 0;
  const prune = (now: number) => {
    while (head < times.length && (times[head] as number) <= now - windowMs) head += 1;
    if (head > 1024 && head * 2 > times.length) {
      times = times.slice(head);
      head = 0;
    }
  };
  return {
    count: (now) => {
      prune(now);
      return times.length - head;
    },
    tryAcquire: (now) => {
      prune(now);
      if (times.length - head >= limit) return false;
      times.push(now);
      return true;
    },
    nextSlotAt: (now) => {
      prune(now);
      return head < times.length ? (times[head] as number) + windowMs : undefined;
    },
    reset: () => {
      times = [];
      head = 0;
    },
  };
};
