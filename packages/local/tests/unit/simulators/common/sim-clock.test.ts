import { describe, expect, it } from '@jest/globals';
import { makeSimClock } from '../../../../src/simulators/common/sim-clock';

describe('makeSimClock', () => {
  it('scales real elapsed time by timeScale from the start instant', () => {
    // Arrange
    let real = 1_000;
    const clock = makeSimClock({ now: () => real, timeScale: 3600, start: 5_000_000 });
    // Act
    real += 1_000;
    // Assert
    expect(clock.now()).toBe(5_000_000 + 3_600_000);
  });

  it('moves forward by advance() and refuses to go backwards', () => {
    // Arrange
    const clock = makeSimClock({ now: () => 0, start: 100 });
    // Act
    clock.advance(50);
    // Assert
    expect(clock.now()).toBe(150);
    expect(() => clock.advance(-1)).toThrow('advance');
  });

  it('refuses a non-positive timeScale', () => {
    // Act & Assert
    expect(() => makeSimClock({ timeScale: 0 })).toThrow('timeScale');
  });
});
