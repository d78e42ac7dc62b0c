import { afterEach, describe, expect, it } from '@jest/globals';
import {
  type GovWinSimulator,
  type GovWinSimulatorOptions,
  startGovWinSimulator,
} from '../../../../src/simulators/govwin/govwin-simulator';
import {
  type ApiErrorBody,
  apiGet,
  getJson,
  type Listing,
  login,
  passwordGrant,
} from './govwin-client';

const MINUTE = 60_000;

describe('GovWin simulator quota, faults and inspect interface', () => {
  let sim: GovWinSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  const start = async (options: GovWinSimulatorOptions) => {
    sim = await startGovWinSimulator({ seed: 2, opportunityCount: 20, ...options });
    return sim;
  };

  describe('organisation budget', () => {
    it('defaults to 4,000 calls per rolling hour', async () => {
      // Act
      const s = await start({});
      // Assert
      expect(s.inspect().budget).toMatchObject({ limit: 4000, windowMs: 3_600_000, used: 0 });
    });

    it('answers 403 "Too many requests in given time period" once the rolling-hour budget is spent', async () => {
      // Arrange
      let now = 1_750_000_000_000;
      const s = await start({ now: () => now, rateLimit: { maxCalls: 20 } });
      const { access_token: token } = await login(s);
      for (let i = 0; i < 10; i += 1) await apiGet(s, '/opportunities', token);
      now += 30 * MINUTE;
      for (let i = 0; i < 10; i += 1) await apiGet(s, '/opportunities', token);
      // Act
      const over = await apiGet(s, '/opportunities', token);
      const overBody = (await over.json()) as ApiErrorBody;
      now += 29 * MINUTE;
      const stillOver = await apiGet(s, '/opportunities', token);
      now += 1 * MINUTE;
      const firstHalfExpired = await Promise.all(
        Array.from({ length: 11 }, () => apiGet(s, '/opportunities', token))
      );
      // Assert
      expect(over.status).toBe(403);
      expect(overBody.errors[0]?.message).toBe('Too many requests in given time period');
      expect(stillOver.status).toBe(403);
      expect(firstHalfExpired.map((r) => r.status).sort()).toEqual([...Array(10).fill(200), 403]);
      expect(s.inspect().budget).toMatchObject({ used: 20, rejected: 3 });
    });

    it('does not charge token requests or unauthenticated calls to the budget', async () => {
      // Arrange
      const s = await start({ rateLimit: { maxCalls: 1 } });
      // Act
      await passwordGrant(s);
      await apiGet(s, '/opportunities', 'bad-token');
      const { access_token: token } = await login(s);
      const first = await apiGet(s, '/opportunities', token);
      const second = await apiGet(s, '/opportunities', token);
      // Assert
      expect(first.status).toBe(200);
      expect(second.status).toBe(403);
    });

    it('answers the account-state 403s', async () => {
      // Arrange
      const s = await start({});
      const { access_token: token } = await login(s);
      // Act
      s.setAccountState('on-hold');
      const onHold = (await (await apiGet(s, '/opportunities', token)).json()) as ApiErrorBody;
      s.setAccountState('invalid-subscription');
      const res = await apiGet(s, '/opportunities', token);
      // Assert
      expect(onHold.errors[0]?.message).toBe('Account is on hold');
      expect(res.status).toBe(403);
      expect(((await res.json()) as ApiErrorBody).errors[0]?.message).toBe('Invalid subscription');
    });
  });

  describe('fault injection', () => {
    it('answers the configured 5xx for an operation with error rate 1 and counts it', async () => {
      // Arrange
      const s = await start({
        faults: { operations: { subResource: { errorRate: 1, errorStatus: 503 } } },
      });
      const { access_token: token } = await login(s);
      const page = await getJson<Listing>(
        s,
        '/opportunities?oppSelectionDateFrom=01/01/1900',
        token
      );
      // Act
      const res = await apiGet(s, `/opportunities/${page.opportunities[0]?.id}/contacts`, token);
      // Assert
      expect(res.status).toBe(503);
      expect(((await res.json()) as ApiErrorBody).errors[0]?.message).toBe('Default error code');
      expect(s.inspect().faults.subResource?.error).toBe(1);
    });

    it('hangs past the client timeout when the timeout rate is 1', async () => {
      // Arrange
      const s = await start({
        faults: { operations: { searchOpportunities: { timeoutRate: 1 } } },
      });
      const { access_token: token } = await login(s);
      // Act
      const outcome = await fetch(`${s.baseUrl}/opportunities`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(150),
      }).then(
        (r) => r.status,
        (err: Error) => err.name
      );
      // Assert
      expect(outcome).toBe('TimeoutError');
      expect(s.inspect().faults.searchOpportunities?.timeout).toBe(1);
    });

    it('adds latency and still answers correctly', async () => {
      // Arrange
      const s = await start({ faults: { default: { latencyMs: 20 } } });
      const { access_token: token } = await login(s);
      // Act
      const res = await apiGet(s, '/opportunities', token);
      // Assert
      expect(res.status).toBe(200);
      expect(s.inspect().faults.searchOpportunities?.delayed).toBe(1);
    });

    it('injects faults on the token endpoint too, in the OAuth error shape', async () => {
      // Arrange
      const s = await start({ faults: { operations: { token: { errorRate: 1 } } } });
      // Act
      const res = await passwordGrant(s);
      // Assert
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: string }).error).toBe('server_error');
    });

    it('makes the same seed fail the same calls', async () => {
      // Arrange
      const run = async () => {
        const s = await startGovWinSimulator({
          seed: 9,
          opportunityCount: 5,
          faults: { default: { errorRate: 0.4 } },
        });
        s.faults.configure({});
        const { access_token: token } = await login(s);
        s.faults.configure({ default: { errorRate: 0.4 } });
        const statuses: number[] = [];
        for (let i = 0; i < 20; i += 1)
          statuses.push((await apiGet(s, '/opportunities', token)).status);
        await s.stop();
        return statuses;
      };
      // Act
      const first = await run();
      const second = await run();
      // Assert
      expect(first).toEqual(second);
      expect(first).toContain(500);
      expect(first).toContain(200);
    });
  });

  describe('inspect and user-action routes', () => {
    it('counts calls per operation, reconfigures faults and resets over /__sim/', async () => {
      // Arrange
      const s = await start({});
      const { access_token: token } = await login(s);
      await apiGet(s, '/opportunities?markedVersion=2.2', token);
      await apiGet(s, '/opportunities?markedOpps=true', token);
      // Act
      const inspected = (await (await fetch(`${s.url}/__sim/inspect`)).json()) as {
        calls: Record<string, number>;
      };
      const put = await fetch(`${s.url}/__sim/faults`, {
        method: 'PUT',
        body: JSON.stringify({ operations: { listMarked: { errorRate: 1 } } }),
      });
      const failing = await apiGet(s, '/opportunities?markedVersion=2.2', token);
      const reset = await fetch(`${s.url}/__sim/reset`, { method: 'POST' });
      // Assert
      expect(inspected.calls).toEqual({ token: 1, listMarked: 1, listBookmarked: 1 });
      expect(put.status).toBe(200);
      expect(failing.status).toBe(500);
      expect(reset.status).toBe(204);
      expect(s.inspect().totalCalls).toBe(0);
      expect((await apiGet(s, '/opportunities', token)).status).toBe(401);
    });

    it('an analyst update moves updateDate to now, so the default 24 h search finds it', async () => {
      // Arrange
      const s = await start({});
      const { access_token: token } = await login(s);
      const all = await getJson<Listing>(
        s,
        '/opportunities?oppSelectionDateFrom=01/01/1900&max=100',
        token
      );
      const recent = await getJson<Listing>(s, '/opportunities?max=100', token);
      const old = all.opportunities.find((o) => !recent.opportunities.some((r) => r.id === o.id));
      // Act
      const res = await fetch(`${s.url}/__sim/analyst-update`, {
        method: 'POST',
        body: JSON.stringify({ id: old?.id, changes: { status: 'Awarded' } }),
      });
      const after = await getJson<Listing>(s, '/opportunities?max=100', token);
      // Assert
      expect(res.status).toBe(204);
      expect(after.opportunities.find((o) => o.id === old?.id)?.status).toBe('Awarded');
    });
  });
});

describe('GovWin simulator option validation', () => {
  it.each([
    {
      name: 'a zero budget',
      options: { rateLimit: { maxCalls: 0 } },
      message: 'rateLimit.maxCalls',
    },
    {
      name: 'a fractional lockout count',
      options: { lockout: { maxFailedLogins: 2.5 } },
      message: 'lockout.maxFailedLogins',
    },
    {
      name: 'a negative token lifetime',
      options: { accessTokenTtlSeconds: -1 },
      message: 'accessTokenTtlSeconds',
    },
  ])('refuses $name with a one-line message', async ({ options, message }) => {
    // Act & Assert
    await expect(startGovWinSimulator(options)).rejects.toThrow(message);
  });
});
