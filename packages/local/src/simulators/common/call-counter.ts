// Per-operation call counts for the simulators' inspect interface.

export interface CallCounter {
  record(operation: string): void;
  counts(): Record<string, number>;
  total(): number;
  reset(): void;
}

export const makeCallCounter = (): CallCounter => {
  let counts = new Map<string, number>();
  let total = 0;
  return {
    record: (operation) => {
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
      total += 1;
    },
    counts: () => Object.fromEntries(counts),
    total: () => total,
    reset: () => {
      counts = new Map();
      total = 0;
    },
  };
};
