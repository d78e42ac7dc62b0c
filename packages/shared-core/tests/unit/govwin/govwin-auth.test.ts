import { describe, expect, it } from '@jest/globals';
import { GovWinAuthError, GovWinLockoutGuardError } from '../../../src/govwin/errors';
import {
  type CachedGovWinTokens,
  credentialsFingerprint,
  type GovWinCredentials,
  makeGovWinAuth,
} from '../../../src/govwin/govwin-auth';
import { makeHttpClient } from '../../../src/http/http-client';
import { type FakeRoute, makeFakeFetch } from '../hubspot/fake-fetch';

const BASE = 'https://services.govwin.com/neo-ws';
const CREDS: GovWinCredentials = {
  client_id: 'cid',
  client_secret: 'csecret',
  username: 'bd@partner.example',
  password: 'correct horse',
};
const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);

const tokenRoute =
  (answer: (form: URLSearchParams) => { status: number; body: unknown }): FakeRoute =>
  (req) =>
    req.path === '/neo-ws/oauth/token' ? answer(new URLSearchParams(req.rawBody ?? '')) : undefined;

const granted = (access: string, refresh = `r-${access}`, expiresIn = 43_200) => ({
  status: 200,
  body: {
    access_token: access,
    token_type: 'bearer',
    refresh_token: refresh,
    expires_in: expiresIn,
    scope: 'read',
  },
});

const setup = (routes: FakeRoute[], cached?: CachedGovWinTokens, now = () => NOW) => {
  const fake = makeFakeFetch(routes);
  const http = makeHttpClient({
    allowedHosts: ['services.govwin.com'],
    fetch: fake.fetch,
    sleep: async () => undefined,
  });
  const store: { value: CachedGovWinTokens | undefined; saves: CachedGovWinTokens[] } = {
    value: cached,
    saves: [],
  };
  const alerts: { kind: string; subject: string; detail: Record<string, string> }[] = [];
  const auth = makeGovWinAuth({
    http,
    baseUrl: BASE,
    loadCredentials: async () => CREDS,
    tokenCache: {
      load: async () => store.value,
      save: async (t) => {
        store.value = t;
        store.saves.push(t);
      },
    },
    alert: async (a) => void alerts.push(a),
    now,
  });
  const grants = () =>
    fake.requests.map((r) => new URLSearchParams(r.rawBody ?? '').get('grant_type'));
  return { auth, store, alerts, grants, requests: fake.requests };
};

describe('makeGovWinAuth', () => {
  describe('getAccessToken', () => {
    it('runs one password grant with the form fields GovWin expects and caches the tokens', async () => {
      // Arrange
      const { auth, store, requests } = setup([tokenRoute(() => granted('a1'))]);
      // Act
      const token = await auth.getAccessToken();
      const again = await auth.getAccessToken();
      // Assert
      expect([token, again]).toEqual(['a1', 'a1']);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(requests[0]?.rawBody ?? ''))).toEqual({
        grant_type: 'password',
        client_id: 'cid',
        client_secret: 'csecret',
        username: 'bd@partner.example',
        password: 'correct horse',
        scope: 'read',
      });
      expect(store.value).toEqual({
        access_token: 'a1',
        refresh_token: 'r-a1',
        expires_at: NOW / 1000 + 43_200,
      });
    });

    it('reuses a valid token from the shared cache without calling GovWin', async () => {
      // Arrange
      const { auth, requests } = setup([], {
        access_token: 'cached',
        refresh_token: 'r',
        expires_at: NOW / 1000 + 3600,
      });
      // Act & Assert
      expect(await auth.getAccessToken()).toBe('cached');
      expect(requests).toHaveLength(0);
    });

    it('refreshes a token within 5 minutes of expiry and keeps the old refresh token when none comes back', async () => {
      // Arrange
      const { auth, store, grants } = setup(
        [
          tokenRoute((f) =>
            f.get('refresh_token') === 'r-old'
              ? { status: 200, body: { access_token: 'a2', expires_in: 100 } }
              : { status: 400, body: {} }
          ),
        ],
        { access_token: 'old', refresh_token: 'r-old', expires_at: NOW / 1000 + 200 }
      );
      // Act
      const token = await auth.getAccessToken();
      // Assert
      expect(token).toBe('a2');
      expect(grants()).toEqual(['refresh_token']);
      expect(store.value).toEqual({
        access_token: 'a2',
        refresh_token: 'r-old',
        expires_at: NOW / 1000 + 100,
      });
    });

    it('falls back to one password grant when the refresh token is rejected', async () => {
      // Arrange
      const { auth, grants } = setup(
        [
          tokenRoute((f) =>
            f.get('grant_type') === 'refresh_token'
              ? { status: 400, body: { error: 'invalid_grant' } }
              : granted('a3')
          ),
        ],
        { access_token: 'old', refresh_token: 'expired', expires_at: 0 }
      );
      // Act & Assert
      expect(await auth.getAccessToken()).toBe('a3');
      expect(grants()).toEqual(['refresh_token', 'password']);
    });

    it('does not burn a password attempt when the refresh fails for a server reason', async () => {
      // Arrange
      const { auth, grants } = setup(
        [tokenRoute(() => ({ status: 503, body: { error: 'server_error' } }))],
        { access_token: 'old', refresh_token: 'r', expires_at: 0 }
      );
      // Act & Assert
      await expect(auth.getAccessToken()).rejects.toMatchObject({ retryable: true });
      expect(grants().every((g) => g === 'refresh_token')).toBe(true);
    });

    it('refreshes instead of reusing a token the API rejected', async () => {
      // Arrange
      let n = 0;
      const { auth } = setup([tokenRoute(() => granted(`a${++n}`))]);
      const first = await auth.getAccessToken();
      // Act
      auth.invalidate(first);
      const second = await auth.getAccessToken();
      // Assert
      expect([first, second]).toEqual(['a1', 'a2']);
    });
  });

  describe('lockout guard', () => {
    it('never sends a second password grant in the same run, and alerts once per failure', async () => {
      // Arrange
      const { auth, grants, alerts, store } = setup([
        tokenRoute(() => ({
          status: 400,
          body: { error: 'invalid_grant', error_description: 'Bad credentials' },
        })),
      ]);
      // Act
      const first = await auth.getAccessToken().catch((e: unknown) => e);
      const second = await auth.getAccessToken().catch((e: unknown) => e);
      // Assert
      expect(first).toBeInstanceOf(GovWinAuthError);
      expect(second).toBeInstanceOf(GovWinLockoutGuardError);
      expect(grants()).toEqual(['password']);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.subject).toBe('GovWin sync: password grant failed');
      expect(alerts[0]?.kind).toBe('govwin-login-failed');
      expect(JSON.stringify(alerts)).not.toContain('correct horse');
      expect(store.value?.rejected_credentials).toBe(credentialsFingerprint(CREDS));
    });

    it('does not try rejected credentials again in a later run, but does once they change', async () => {
      // Arrange: an earlier run recorded these credentials as rejected.
      const { auth, grants } = setup([tokenRoute(() => granted('ok'))], {
        access_token: '',
        refresh_token: '',
        expires_at: 0,
        rejected_credentials: credentialsFingerprint(CREDS),
      });
      // Act
      auth.beginRun();
      const blocked = await auth.getAccessToken().catch((e: unknown) => e);
      // Assert
      expect(blocked).toBeInstanceOf(GovWinLockoutGuardError);
      expect(grants()).toEqual([]);
      expect(credentialsFingerprint({ ...CREDS, password: 'rotated' })).not.toBe(
        credentialsFingerprint(CREDS)
      );
    });

    it('does not retry a password grant that failed for a server reason within the run, but does in the next run', async () => {
      // Arrange
      let fail = true;
      const { auth, grants, alerts } = setup([
        tokenRoute(() => (fail ? { status: 502, body: {} } : granted('later'))),
      ]);
      // Act
      const first = await auth.getAccessToken().catch((e: unknown) => e);
      const sameRun = await auth.getAccessToken().catch((e: unknown) => e);
      fail = false;
      auth.beginRun();
      const nextRun = await auth.getAccessToken();
      // Assert
      expect(first).toMatchObject({ retryable: true, code: 'GOVWIN_PASSWORD_GRANT_UNAVAILABLE' });
      expect(sameRun).toBeInstanceOf(GovWinLockoutGuardError);
      expect(nextRun).toBe('later');
      expect(grants()).toEqual(['password', 'password']);
      expect(alerts).toHaveLength(1);
    });
  });
});
