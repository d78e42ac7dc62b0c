import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type GovWinSimulator,
  startGovWinSimulator,
} from '../../../../src/simulators/govwin/govwin-simulator';
import { apiGet, login, passwordGrant, tokenRequest } from './govwin-client';

const HOUR = 3_600_000;

describe('GovWin simulator OAuth2', () => {
  let sim: GovWinSimulator;
  let realNow = 1_750_000_000_000;
  beforeAll(async () => {
    sim = await startGovWinSimulator({ seed: 3, opportunityCount: 5, now: () => realNow });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  describe('password grant', () => {
    it('returns a bearer token for 12 hours with a refresh token and scope read', async () => {
      // Act
      const res = await passwordGrant(sim);
      const body = await res.json();
      // Assert
      expect(res.status).toBe(200);
      expect(body).toEqual({
        access_token: expect.stringMatching(/^[\w-]{20,}$/),
        token_type: 'bearer',
        refresh_token: expect.stringMatching(/^[\w-]{20,}$/),
        expires_in: 43_200,
        scope: 'read',
      });
    });

    it('accepts client credentials in HTTP Basic auth', async () => {
      // Arrange
      const basic = Buffer.from(
        `${sim.credentials.clientId}:${sim.credentials.clientSecret}`
      ).toString('base64');
      // Act
      const res = await fetch(`${sim.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${basic}`,
        },
        body: new URLSearchParams({
          grant_type: 'password',
          username: sim.credentials.username,
          password: sim.credentials.password,
        }).toString(),
      });
      // Assert
      expect(res.status).toBe(200);
    });

    it('answers invalid_grant for a wrong password and invalid_client for a wrong client secret', async () => {
      // Act
      const wrongPassword = await passwordGrant(sim, 'nope');
      const wrongClient = await tokenRequest(sim, {
        client_id: sim.credentials.clientId,
        client_secret: 'wrong',
        grant_type: 'password',
        username: sim.credentials.username,
        password: sim.credentials.password,
      });
      // Assert
      expect(wrongPassword.status).toBe(400);
      expect(await wrongPassword.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'Bad credentials',
      });
      expect(wrongClient.status).toBe(401);
      expect(((await wrongClient.json()) as { error: string }).error).toBe('invalid_client');
    });

    it('refuses grants other than password and refresh_token', async () => {
      // Act
      const res = await tokenRequest(sim, {
        client_id: sim.credentials.clientId,
        client_secret: sim.credentials.clientSecret,
        grant_type: 'client_credentials',
      });
      // Assert
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('unsupported_grant_type');
    });
  });

  describe('lockout', () => {
    it('locks the account after 5 failed password grants, even for the right password, for 30 minutes', async () => {
      // Arrange
      for (let i = 0; i < 5; i += 1) await passwordGrant(sim, `wrong-${i}`);
      // Act
      const whileLocked = await passwordGrant(sim);
      realNow += 29 * 60_000;
      const stillLocked = await passwordGrant(sim);
      realNow += 60_000;
      const afterLock = await passwordGrant(sim);
      // Assert
      expect(whileLocked.status).toBe(400);
      expect(await whileLocked.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'User account is locked',
      });
      expect(stillLocked.status).toBe(400);
      expect(afterLock.status).toBe(200);
    });

    it('does not lock after 4 failures followed by a success', async () => {
      // Arrange
      for (let i = 0; i < 4; i += 1) await passwordGrant(sim, 'wrong');
      await passwordGrant(sim);
      // Act
      await passwordGrant(sim, 'wrong');
      const res = await passwordGrant(sim);
      // Assert
      expect(res.status).toBe(200);
      expect(sim.inspect().lockouts[sim.credentials.username]?.lockedUntil).toBeUndefined();
    });
  });

  describe('bearer tokens on the simulated clock', () => {
    it('rejects a call without a token and one with an unknown token with 401', async () => {
      // Act
      const none = await fetch(`${sim.baseUrl}/opportunities`);
      const bad = await apiGet(sim, '/opportunities', 'not-a-token');
      // Assert
      expect(none.status).toBe(401);
      expect(bad.status).toBe(401);
      expect(((await bad.json()) as { error: string }).error).toBe('invalid_token');
    });

    it('expires the access token after 12 hours and a refresh grant issues a working one', async () => {
      // Arrange
      const token = await login(sim);
      const before = await apiGet(sim, '/opportunities', token.access_token);
      realNow += 12 * HOUR;
      // Act
      const expired = await apiGet(sim, '/opportunities', token.access_token);
      const refreshed = await tokenRequest(sim, {
        client_id: sim.credentials.clientId,
        client_secret: sim.credentials.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
        scope: 'read',
      });
      const fresh = (await refreshed.json()) as { access_token: string; refresh_token: string };
      const after = await apiGet(sim, '/opportunities', fresh.access_token);
      // Assert
      expect(before.status).toBe(200);
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: string }).error).toBe('invalid_token');
      expect(refreshed.status).toBe(200);
      expect(fresh.refresh_token).toBe(token.refresh_token);
      expect(after.status).toBe(200);
    });

    it('retires the previous access token when it is refreshed', async () => {
      // Arrange
      const token = await login(sim);
      // Act
      await tokenRequest(sim, {
        client_id: sim.credentials.clientId,
        client_secret: sim.credentials.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
      });
      const old = await apiGet(sim, '/opportunities', token.access_token);
      // Assert
      expect(old.status).toBe(401);
    });

    it('refuses a refresh token older than 30 days', async () => {
      // Arrange
      const token = await login(sim);
      realNow += 30 * 24 * HOUR;
      // Act
      const res = await tokenRequest(sim, {
        client_id: sim.credentials.clientId,
        client_secret: sim.credentials.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
      });
      // Assert
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    });

    it('revokeTokens() invalidates every issued access token', async () => {
      // Arrange
      const token = await login(sim);
      // Act
      sim.revokeTokens();
      const res = await apiGet(sim, '/opportunities', token.access_token);
      // Assert
      expect(res.status).toBe(401);
    });
  });
});
