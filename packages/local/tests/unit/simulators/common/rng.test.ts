import { describe, expect, it } from '@jest/globals';
import { makeRng } from '../../../../src/simulators/common/rng';

describe('makeRng', () => {
  it('yields the same sequence for the same seed', () => {
    // Arrange
    const a = makeRng(42);
    const b = makeRng(42);
    // Act
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    // Assert
    expect(seqA).toEqual(seqB);
  });

  it('yields different sequences for different seeds, including text seeds', () => {
    // Arrange
    const first = Array.from({ length: 5 }, makeRng(1).next);
    const second = Array.from({ length: 5 }, makeRng(2).next);
    const text = Array.from({ length: 5 }, makeRng('demo').next);
    // Assert
    expect(first).not.toEqual(second);
    expect(text).not.toEqual(first);
  });

  it('keeps next() in [0, 1) and int() within its inclusive bounds', () => {
    // Arrange
    const rng = makeRng(7);
    // Act
    const floats = Array.from({ length: 1000 }, () => rng.next());
    const ints = Array.from({ length: 1000 }, () => rng.int(3, 5));
    // Assert
    expect(floats.every((f) => f >= 0 && f < 1)).toBe(true);
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });

  it('chance(0) is never true and chance(1) is always true', () => {
    // Arrange
    const rng = makeRng(9);
    // Act
    const never = Array.from({ length: 100 }, () => rng.chance(0));
    const always = Array.from({ length: 100 }, () => rng.chance(1));
    // Assert
    expect(never.some(Boolean)).toBe(false);
    expect(always.every(Boolean)).toBe(true);
  });

  it('pick() refuses an empty array', () => {
    // Act & Assert
    expect(() => makeRng(1).pick([])).toThrow('empty array');
  });
});
