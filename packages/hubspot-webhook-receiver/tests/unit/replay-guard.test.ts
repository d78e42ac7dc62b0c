import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { makeInMemoryReplayGuard } from '../../src/replay-guard';

const fp = (s: string) => createHash('sha256').update(s).digest('hex');

describe('makeInMemoryReplayGuard', () => {
  it('reserves once, and once more after each release', async () => {
    const replay = makeInMemoryReplayGuard({ now: () => 0 });
    expect(await replay.reserve(fp('a'))).toBe(true);
    expect(await replay.reserve(fp('a'))).toBe(false);
    await replay.release(fp('a'));
    expect(await replay.reserve(fp('a'))).toBe(true);
    expect(await replay.reserve(fp('a'))).toBe(false);
  });

  it('frees a fingerprint once its TTL has passed', async () => {
    let now = 0;
    const replay = makeInMemoryReplayGuard({ now: () => now });
    await replay.reserve(fp('b'));
    now = 300_001;
    expect(await replay.reserve(fp('b'))).toBe(true);
  });

  it('keeps the release list bounded by maxEntries', async () => {
    const replay = makeInMemoryReplayGuard({ now: () => 0, maxEntries: 2 });
    for (const s of ['x', 'y', 'z']) {
      await replay.reserve(fp(s)).catch(() => false);
      await replay.release(fp(s));
    }
    // 'x' was the oldest release and was forgotten; its reservation stands.
    expect(await replay.reserve(fp('x'))).toBe(false);
    expect(await replay.reserve(fp('z'))).toBe(true);
  });

  it('refuses a malformed fingerprint', async () => {
    await expect(makeInMemoryReplayGuard().release('nope')).rejects.toThrow(/replay fingerprint/);
  });
});
