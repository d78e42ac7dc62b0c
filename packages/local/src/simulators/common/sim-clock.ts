// A simulated clock shared by the simulators: either an injected `now()` (tests step it by hand)
// or real time scaled by `timeScale` (benchmarks run an hour-long quota in seconds), plus a manual
// offset that `advance()` moves forward.

/** Options for {@link makeSimClock}. */
export interface SimClockOptions {
  /** Source of real time in epoch ms (default `Date.now`). */
  now?: () => number;
  /** Simulated milliseconds per real millisecond (default 1). */
  timeScale?: number;
  /** Simulated epoch ms at creation (default: the source's current time). */
  start?: number;
}

/** A clock in simulated epoch milliseconds. */
export interface SimClock {
  now(): number;
  /** Moves simulated time forward by `ms` (never backwards). */
  advance(ms: number): void;
  readonly timeScale: number;
}

/**
 * Creates a simulated clock.
 * @example const clock = makeSimClock({ timeScale: 3600 }); // one real second = one simulated hour
 */
export const makeSimClock = (options: SimClockOptions = {}): SimClock => {
  const source = options.now ?? Date.now;
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new RangeError('sim clock: timeScale must be a positive number');
  }
  const realStart = source();
  const simStart = options.start ?? realStart;
  let offset = 0;
  return {
    timeScale,
    now: () => Math.floor(simStart + (source() - realStart) * timeScale + offset),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('sim clock: advance needs ms >= 0');
      offset += ms;
    },
  };
};
