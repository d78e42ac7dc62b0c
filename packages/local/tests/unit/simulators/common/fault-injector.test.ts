import { describe, expect, it } from '@jest/globals';
import {
  makeFaultInjector,
  validateFaultConfig,
} from '../../../../src/simulators/common/fault-injector';
import { makeRng } from '../../../../src/simulators/common/rng';

describe('makeFaultInjector', () => {
  describe('decide', () => {
    it('injects nothing when no faults are configured', () => {
      // Arrange
      const faults = makeFaultInjector({}, makeRng(1));
      // Act
      const decision = faults.decide('search');
      // Assert
      expect(decision).toEqual({ action: 'none', latencyMs: 0 });
      expect(faults.counters()).toEqual({});
    });

    it('answers an error with the configured status for the named operation only', () => {
      // Arrange
      const faults = makeFaultInjector(
        { operations: { search: { errorRate: 1, errorStatus: 503 } } },
        makeRng(1)
      );
      // Act
      const search = faults.decide('search');
      const other = faults.decide('detail');
      // Assert
      expect(search).toEqual({ action: 'error', latencyMs: 0, status: 503 });
      expect(other.action).toBe('none');
      expect(faults.counters()).toEqual({ search: { error: 1, timeout: 0, drop: 0, delayed: 0 } });
    });

    it('falls back to the default faults and adds latency', () => {
      // Arrange
      const faults = makeFaultInjector({ default: { latencyMs: 25 } }, makeRng(1));
      // Act
      const decision = faults.decide('anything');
      // Assert
      expect(decision).toEqual({ action: 'none', latencyMs: 25 });
      expect(faults.counters().anything?.delayed).toBe(1);
    });

    it.each([
      { name: 'timeout', config: { timeoutRate: 1 }, action: 'timeout' },
      { name: 'drop', config: { dropRate: 1 }, action: 'drop' },
    ])('decides $name when its rate is 1', ({ config, action }) => {
      // Arrange
      const faults = makeFaultInjector({ operations: { op: config } }, makeRng(1));
      // Act & Assert
      expect(faults.decide('op').action).toBe(action);
    });

    it('is deterministic for a seed: the same error pattern on every run', () => {
      // Arrange
      const config = { default: { errorRate: 0.3 } };
      const run = () => {
        const faults = makeFaultInjector(config, makeRng(123));
        return Array.from({ length: 50 }, () => faults.decide('op').action);
      };
      // Act
      const first = run();
      const second = run();
      // Assert
      expect(first).toEqual(second);
      const errors = first.filter((a) => a === 'error').length;
      expect(errors).toBeGreaterThan(0);
      expect(errors).toBeLessThan(50);
    });
  });

  describe('configure and reset', () => {
    it('replaces the configuration and keeps counters until reset', () => {
      // Arrange
      const faults = makeFaultInjector({ default: { errorRate: 1 } }, makeRng(1));
      faults.decide('op');
      // Act
      faults.configure({});
      const after = faults.decide('op');
      const countersBeforeReset = faults.counters();
      faults.reset();
      // Assert
      expect(after.action).toBe('none');
      expect(countersBeforeReset.op?.error).toBe(1);
      expect(faults.counters()).toEqual({});
    });
  });
});

describe('validateFaultConfig', () => {
  it.each([
    { name: 'a rate above 1', config: { default: { errorRate: 1.5 } }, message: 'errorRate' },
    { name: 'a negative latency', config: { default: { latencyMs: -1 } }, message: 'latencyMs' },
    { name: 'a 4xx error status', config: { default: { errorStatus: 404 } }, message: '500-599' },
    { name: 'an unknown key', config: { default: { errrorRate: 1 } }, message: 'unknown key' },
    { name: 'an unknown top-level key', config: { ops: {} }, message: 'unknown key' },
    { name: 'a non-object', config: 5, message: 'must be an object' },
  ])('rejects $name with a one-line message', ({ config, message }) => {
    // Act & Assert
    expect(() => validateFaultConfig(config)).toThrow(message);
  });
});
