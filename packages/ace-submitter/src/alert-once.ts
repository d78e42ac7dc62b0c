// "Alert once" for conditions that repeat on every event or sweep (an orphan opportunity, a failed submit
// task): the alert is keyed by a stable name and de-duplicated through the event-dedup table, so it is
// raised at most once per dedup TTL (7 days by default).
import { createHash } from 'node:crypto';
import type { EventDedup } from '@govwin-ace/shared-core';

/** A stable UUID-shaped id for a condition name (the dedup table keys on event ids). */
export const conditionId = (name: string): string => {
  const h = createHash('sha256').update(`govwin-ace:alert-once:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Runs `raise` unless the condition was already alerted; returns true when it ran. */
export const alertOnce = async (
  dedup: EventDedup,
  name: string,
  raise: () => Promise<void>
): Promise<boolean> => {
  const id = conditionId(name);
  if ((await dedup.begin(id)) !== 'acquired') return false;
  try {
    await raise();
  } catch (err) {
    await dedup.release(id);
    throw err;
  }
  await dedup.complete(id);
  return true;
};
