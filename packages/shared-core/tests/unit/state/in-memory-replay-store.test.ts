import { describe, expect, it } from '@jest/globals';
import { makeInMemoryReplayStore, ThrottledError, ValidationError } from '../../../src/index';

const fp = (c: string) => c.repeat(64);

describe('makeInMemoryReplayStore', () => {
  describe('reserve', () => {
    it('returns true on the first sighting and false on a replay within the TTL', async () => {
      // Arrange
      let now = 1_000_000;
      const store = makeInMemoryReplayStore({ now: () => now, ttlSeconds: 300 });
      // Act
      const first = await store.reserve(fp('a'));
      now += 299_999;
      const replay = await store.reserve(fp('a'));
      // Assert
      expect(first).toBe(true);
      expect(replay).toBe(false);
    });

    it('frees a fingerprint once its TTL has passed', async () => {
      // Arrange
      let now = 1_000_000;
      const store = makeInMemoryReplayStore({ now: () => now, ttlSeconds: 300 });
      await store.reserve(fp('a'));
      // Act
      now += 300_000;
      const again = await store.reserve(fp('a'));
      // Assert
      expect(again).toBe(true);
    });

    it('keeps different fingerprints independent', async () => {
      // Arrange
      const store = makeInMemoryReplayStore({ now: () => 5 });
      // Act
      const results = [await store.reserve(fp('a')), await store.reserve(fp('b'))];
      // Assert
      expect(results).toEqual([true, true]);
    });

    it('refuses new fingerprints when full of live ones instead of evicting a live one', async () => {
      // Arrange
      let now = 0;
      const store = makeInMemoryReplayStore({ now: () => now, ttlSeconds: 10, maxEntries: 2 });
      await store.reserve(fp('a'));
      await store.reserve(fp('b'));
      // Act & Assert
      await expect(store.reserve(fp('c'))).rejects.toBeInstanceOf(ThrottledError);
      expect(await store.reserve(fp('a'))).toBe(false);
      now += 10_000;
      expect(await store.reserve(fp('c'))).toBe(true);
    });

    it.each([
      { name: 'uppercase hex', value: 'A'.repeat(64) },
      { name: 'too short', value: 'a'.repeat(63) },
      { name: 'not a string', value: 42 },
    ])('rejects a malformed fingerprint ($name) with a ValidationError', async ({ value }) => {
      // Arrange
      const store = makeInMemoryReplayStore();
      // Act & Assert
      await expect(store.reserve(value as string)).rejects.toThrow(
        /^replay fingerprint is invalid: expected/
      );
      await expect(store.reserve(value as string)).rejects.toBeInstanceOf(ValidationError);
    });
  });

  it.each([
    { name: 'zero TTL', options: { ttlSeconds: 0 }, message: /replay TTL must be/ },
    { name: 'fractional TTL', options: { ttlSeconds: 1.5 }, message: /replay TTL must be/ },
    { name: 'zero capacity', options: { maxEntries: 0 }, message: /maxEntries must be/ },
  ])('rejects bad options ($name)', ({ options, message }) => {
    // Act & Assert
    expect(() => makeInMemoryReplayStore(options)).toThrow(message);
  });
});
