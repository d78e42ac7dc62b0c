/** One figure in the benchmark table. */
export interface BenchRow {
  /** What was measured, e.g. `receiver verify+route, 1 event, in-memory (median)`. */
  name: string;
  value: number;
  unit: string;
  /** The target the figure is read against, in words, e.g. `<= 15 us`. */
  target?: string;
  /** Whether the figure meets its target, when the target is machine-checkable. */
  pass?: boolean;
  note?: string;
}

/** A benchmark module under scripts/bench/ exports `run` returning its rows. */
export type BenchRun = (options: { quick: boolean }) => Promise<BenchRow[]>;

/** Median and p99 of a sample (nearest-rank). */
export const percentiles = (
  samples: readonly number[]
): { median: number; p99: number; min: number; max: number } => {
  if (samples.length === 0) throw new RangeError('percentiles of an empty sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
  return {
    median: at(0.5),
    p99: at(0.99),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
};
