import { afterEach, describe, expect, it } from '@jest/globals';
import {
  type HubSpotSimulator,
  type HubSpotSimulatorOptions,
  startHubSpotSimulator,
} from '../../../../src/simulators/hubspot/hubspot-simulator';
import { type ErrorBody, hsCall } from './hubspot-client';

describe('HubSpot simulator rate limits, faults and inspect interface', () => {
  let sim: HubSpotSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  const start = async (options: HubSpotSimulatorOptions) => {
    sim = await startHubSpotSimulator({ seed: 3, ...options });
    return sim;
  };

  describe('per-10-second limit', () => {
    it('reports the rate-limit headers and answers 429 with Retry-After once the window is full', async () => {
      // Arrange
      let now = 1_750_000_000_000;
      const s = await start({ now: () => now, rateLimit: { max: 5 } });
      const ok = [];
      for (let i = 0; i < 5; i += 1) {
        ok.push(await hsCall(s, 'GET', '/crm/v3/objects/deals'));
        now += 1000;
      }
      // Act
      const limited = await hsCall<ErrorBody & { errorType: string; policyName: string }>(
        s,
        'GET',
        '/crm/v3/objects/deals'
      );
      now += 5000; // the first call (t=0 s) leaves the 10 s window at t=10 s
      const recovered = await hsCall(s, 'GET', '/crm/v3/objects/deals');
      // Assert
      expect(ok[0]?.headers.get('x-hubspot-ratelimit-max')).toBe('5');
      expect(ok[0]?.headers.get('x-hubspot-ratelimit-remaining')).toBe('4');
      expect(ok[0]?.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
      expect(ok[4]?.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('5'); // asked at t=5 s
      expect(limited.body).toMatchObject({
        status: 'error',
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
      });
      expect(recovered.status).toBe(200);
      expect(s.inspect().rateLimit.rejected).toBe(1);
    });

    it('defaults to 100 requests per 10 seconds', async () => {
      // Act
      const s = await start({});
      const res = await hsCall(s, 'GET', '/crm/v3/objects/deals');
      // Assert
      expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('100');
      expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    });

    it('throttles search per second with its own policy and no standard headers', async () => {
      // Arrange
      const s = await start({ now: () => 1_750_000_000_000, rateLimit: { searchPerSecond: 2 } });
      // Act
      const a = await hsCall(s, 'POST', '/crm/v3/objects/deals/search', {});
      await hsCall(s, 'POST', '/crm/v3/objects/deals/search', {});
      const limited = await hsCall<{ policyName: string }>(
        s,
        'POST',
        '/crm/v3/objects/deals/search',
        {}
      );
      // Assert
      expect(a.status).toBe(200);
      expect(a.headers.get('x-hubspot-ratelimit-max')).toBeNull();
      expect(limited.status).toBe(429);
      expect(limited.body.policyName).toBe('SECONDLY');
    });

    it('answers DAILY once the daily limit is spent, with Retry-After until midnight UTC', async () => {
      // Arrange
      const s = await start({ now: () => Date.UTC(2025, 5, 1, 23, 0, 0), rateLimit: { daily: 1 } });
      await hsCall(s, 'GET', '/crm/v3/objects/deals');
      // Act
      const res = await hsCall<{ policyName: string }>(s, 'GET', '/crm/v3/objects/deals');
      // Assert
      expect(res.status).toBe(429);
      expect(res.body.policyName).toBe('DAILY');
      expect(res.headers.get('retry-after')).toBe('3600');
    });
  });

  describe('fault injection', () => {
    it('answers an injected 5xx in HubSpot’s error shape for the configured operation only', async () => {
      // Arrange
      const s = await start({
        faults: { operations: { batchUpsert: { errorRate: 1, errorStatus: 502 } } },
      });
      // Act
      const failed = await hsCall<ErrorBody>(s, 'POST', '/crm/v3/objects/deals/batch/upsert', {
        inputs: [],
      });
      const fine = await hsCall(s, 'GET', '/crm/v3/objects/deals');
      // Assert
      expect(failed.status).toBe(502);
      expect(failed.body).toMatchObject({ status: 'error', category: 'INTERNAL_ERROR' });
      expect(fine.status).toBe(200);
      expect(s.inspect().faults.batchUpsert?.error).toBe(1);
    });

    it('hangs past the client timeout', async () => {
      // Arrange
      const s = await start({ faults: { operations: { listObjects: { timeoutRate: 1 } } } });
      // Act
      const outcome = await fetch(`${s.url}/crm/v3/objects/deals`, {
        headers: { authorization: `Bearer ${s.accessToken}` },
        signal: AbortSignal.timeout(150),
      }).then(
        (r) => r.status,
        (err: Error) => err.name
      );
      // Assert
      expect(outcome).toBe('TimeoutError');
    });

    it('adds latency and still answers', async () => {
      // Arrange
      const s = await start({ faults: { default: { latencyMs: 15, latencyJitterMs: 5 } } });
      // Act
      const res = await hsCall(s, 'GET', '/crm/v3/owners');
      // Assert
      expect(res.status).toBe(200);
      expect(s.inspect().faults.ownersList?.delayed).toBe(1);
    });
  });

  describe('inspect and reset', () => {
    it('counts calls per operation and resets over /__sim/', async () => {
      // Arrange
      const s = await start({});
      await hsCall(s, 'POST', '/crm/v3/objects/companies', {
        properties: { name: 'Agency for Placeholder Research' },
      });
      await hsCall(s, 'GET', '/crm/v3/pipelines/deals');
      // Act
      const inspected = (await (await fetch(`${s.url}/__sim/inspect`)).json()) as {
        calls: Record<string, number>;
        objects: Record<string, number>;
      };
      const objects = (await (await fetch(`${s.url}/__sim/objects?type=companies`)).json()) as {
        results: unknown[];
      };
      const reset = await fetch(`${s.url}/__sim/reset`, { method: 'POST' });
      // Assert
      expect(inspected.calls).toEqual({ createObject: 1, pipelinesList: 1 });
      expect(inspected.objects).toEqual({ deals: 0, companies: 1, contacts: 0 });
      expect(objects.results).toHaveLength(1);
      expect(reset.status).toBe(204);
      expect(s.inspect().objects.companies).toBe(0);
      expect(s.inspect().totalCalls).toBe(0);
    });
  });
});
