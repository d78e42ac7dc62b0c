/** Largest instant a JS Date can hold (epoch ms); an `occurredAt` beyond it is not a real time. */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;
