import { describe, expect, it } from '@jest/globals';
import { makeHubSpotRateLimiter } from '../../../../src/simulators/hubspot/rate-limiter';

const T0 = Date.UTC(2025, 5, 1, 12);

describe('makeHubSpotRateLimiter', () => {
  it('admits max requests per interval, then refuses with the time until the oldest leaves', () => {
    // Arrange
    const limiter = makeHubSpotRateLimiter({ max: 2, intervalMs: 10_000 });
    limiter.check(T0, false);
    limiter.check(T0 + 3000, false);
    // Act
    const refused = limiter.check(T0 + 4000, false);
    const admitted = limiter.check(T0 + 10_000, false);
    // Assert
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.response.headers?.['retry-after']).toBe('6');
    expect(admitted.ok).toBe(true);
  });

  it('resets the daily count at midnight UTC', () => {
    // Arrange
    const limiter = makeHubSpotRateLimiter({ daily: 1 });
    limiter.check(T0, false);
    // Act
    const sameDay = limiter.check(T0 + 1000, false);
    const nextDay = limiter.check(Date.UTC(2025, 5, 2, 0, 0, 1), false);
    // Assert
    expect(sameDay.ok).toBe(false);
    expect(nextDay.ok).toBe(true);
  });

  it('does not charge refused requests', () => {
    // Arrange
    const limiter = makeHubSpotRateLimiter({ max: 1 });
    limiter.check(T0, false);
    // Act
    for (let i = 0; i < 5; i += 1) limiter.check(T0 + i, false);
    // Assert
    expect(limiter.snapshot(T0 + 10).used).toBe(1);
    expect(limiter.snapshot(T0 + 10).rejected).toBe(5);
  });
});
