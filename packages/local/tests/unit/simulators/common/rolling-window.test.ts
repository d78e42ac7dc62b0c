import { describe, expect, it } from '@jest/globals';
import { makeRollingWindow } from '../../../../src/simulators/common/rolling-window';

describe('makeRollingWindow', () => {
  it('admits up to the limit inside the window and refuses the next call', () => {
    // Arrange
    const w = makeRollingWindow(3, 1000);
    // Act
    const admitted = [0, 10, 20, 30].map((t) => w.tryAcquire(t));
    // Assert
    expect(admitted).toEqual([true, true, true, false]);
    expect(w.count(30)).toBe(3);
  });

  it('frees a slot exactly when the oldest call leaves the window', () => {
    // Arrange
    const w = makeRollingWindow(2, 1000);
    w.tryAcquire(0);
    w.tryAcquire(500);
    // Act
    const before = w.tryAcquire(999);
    const at = w.tryAcquire(1000);
    // Assert
    expect(before).toBe(false);
    expect(at).toBe(true);
    expect(w.nextSlotAt(1000)).toBe(1500);
  });

  it('stays correct after many calls (queue compaction)', () => {
    // Arrange
    const w = makeRollingWindow(100, 10);
    // Act
    for (let t = 0; t < 20_000; t += 1) w.tryAcquire(t);
    // Assert
    expect(w.count(19_999)).toBe(10);
  });
});
