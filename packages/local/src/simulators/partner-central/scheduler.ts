// Work due at a simulated time (review steps, task completions, invitation expiry). Nothing runs
// on a real timer: `runDue(now)` runs every job due by `now` in time order, each told the time it
// was due, so advancing the clock by an hour replays the hour's changes in order.

export type Job = (dueAt: number) => void;

interface Entry {
  dueAt: number;
  seq: number;
  run: Job;
}

export interface Scheduler {
  at(dueAt: number, run: Job): void;
  /** Runs due jobs in order (jobs may schedule more); returns how many ran. */
  runDue(now: number): number;
  pending(): number;
  /** Jobs that threw (e.g. a review-script function failing); the rest still run. */
  failed(): number;
  clear(): void;
}

export const makeScheduler = (): Scheduler => {
  let queue: Entry[] = [];
  let seq = 0;
  let failed = 0;
  const insert = (entry: Entry) => {
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = queue[mid] as Entry;
      if (m.dueAt < entry.dueAt || (m.dueAt === entry.dueAt && m.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, entry);
  };
  return {
    at: (dueAt, run) => {
      seq += 1;
      insert({ dueAt, seq, run });
    },
    runDue: (now) => {
      let ran = 0;
      while (queue.length > 0 && (queue[0] as Entry).dueAt <= now) {
        const entry = queue.shift() as Entry;
        try {
          entry.run(entry.dueAt);
        } catch {
          failed += 1;
        }
        ran += 1;
      }
      return ran;
    },
    pending: () => queue.length,
    failed: () => failed,
    clear: () => {
      queue = [];
      failed = 0;
    },
  };
};
