// OAuth2 of the GovWin simulator (external-apis.md §3.2): password and refresh_token grants only,
// 12 h access tokens and 30-day refresh tokens on the simulated clock, and the lockout: 5 failed
// password grants lock the account for 30 minutes, during which even the right password fails.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimResponse } from '../common/http-simulator';
import { oauthError } from './errors';

export interface GovWinCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export interface OAuthSettings {
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  maxFailedLogins: number;
  lockoutMs: number;
}

interface AccessToken {
  username: string;
  expiresAt: number;
  refreshToken: string;
}
interface RefreshToken {
  username: string;
  expiresAt: number;
  accessToken: string;
}
interface LoginState {
  failures: number;
  lockedUntil: number | undefined;
}

export type AuthResult = { ok: true; username: string } | { ok: false; response: SimResponse };

export interface OAuthServer {
  /** Handles `POST /oauth/token` with a form-encoded body. */
  token(
    rawBody: string,
    authorization: string | undefined,
    contentType: string | undefined,
    now: number
  ): SimResponse;
  /** Checks `Authorization: Bearer …` on an API call. */
  authenticate(authorization: string | undefined, now: number): AuthResult;
  /** Lets a test expire every access token at once. */
  revokeAll(): void;
  snapshot(now: number): { activeAccessTokens: number; lockouts: Record<string, LoginState> };
  reset(): void;
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const newToken = () => randomBytes(24).toString('base64url');
const short = (token: string) => `${token.slice(0, 4)}…`;

const clientFrom = (form: URLSearchParams, authorization: string | undefined) => {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
};

export const makeOAuthServer = (
  credentials: GovWinCredentials,
  settings: OAuthSettings
): OAuthServer => {
  const access = new Map<string, AccessToken>();
  const refresh = new Map<string, RefreshToken>();
  const logins = new Map<string, LoginState>();

  const issue = (username: string, now: number, existingRefresh?: string): SimResponse => {
    const accessToken = newToken();
    const refreshToken = existingRefresh ?? newToken();
    const expiresAt = now + settings.accessTokenTtlMs;
    access.set(accessToken, { username, expiresAt, refreshToken });
    if (existingRefresh) {
      const r = refresh.get(existingRefresh) as RefreshToken;
      access.delete(r.accessToken); // a refresh retires the access token it replaces
      r.accessToken = accessToken;
    } else {
      refresh.set(refreshToken, {
        username,
        expiresAt: now + settings.refreshTokenTtlMs,
        accessToken,
      });
    }
    return {
      status: 200,
      headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      body: {
        access_token: accessToken,
        token_type: 'bearer',
        refresh_token: refreshToken,
        expires_in: Math.floor(settings.accessTokenTtlMs / 1000),
        scope: 'read',
      },
    };
  };

  const passwordGrant = (form: URLSearchParams, now: number): SimResponse => {
    const username = (form.get('username') ?? '').toLowerCase();
    const password = form.get('password') ?? '';
    if (username === '' || password === '') {
      return oauthError(400, 'invalid_request', 'Missing username or password');
    }
    const state = logins.get(username) ?? { failures: 0, lockedUntil: undefined };
    logins.set(username, state);
    if (state.lockedUntil !== undefined && now < state.lockedUntil) {
      return oauthError(400, 'invalid_grant', 'User account is locked');
    }
    if (state.lockedUntil !== undefined) {
      state.lockedUntil = undefined;
      state.failures = 0;
    }
    const ok =
      equal(username, credentials.username.toLowerCase()) && equal(password, credentials.password);
    if (!ok) {
      state.failures += 1;
      if (state.failures >= settings.maxFailedLogins) state.lockedUntil = now + settings.lockoutMs;
      return oauthError(400, 'invalid_grant', 'Bad credentials');
    }
    state.failures = 0;
    return issue(username, now);
  };

  const refreshGrant = (form: URLSearchParams, now: number): SimResponse => {
    const token = form.get('refresh_token') ?? '';
    const entry = refresh.get(token);
    if (!entry) return oauthError(400, 'invalid_grant', `Invalid refresh token: ${short(token)}`);
    if (now >= entry.expiresAt) {
      refresh.delete(token);
      access.delete(entry.accessToken);
      return oauthError(400, 'invalid_grant', `Invalid refresh token (expired): ${short(token)}`);
    }
    return issue(entry.username, now, token);
  };

  return {
    token: (rawBody, authorization, contentType, now) => {
      if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        return oauthError(
          400,
          'invalid_request',
          'Content-Type must be application/x-www-form-urlencoded'
        );
      }
      const form = new URLSearchParams(rawBody);
      const client = clientFrom(form, authorization);
      if (
        !equal(client.id, credentials.clientId) ||
        !equal(client.secret, credentials.clientSecret)
      ) {
        return oauthError(401, 'invalid_client', 'Bad client credentials');
      }
      const scope = form.get('scope');
      if (scope !== null && scope !== 'read')
        return oauthError(400, 'invalid_scope', 'Invalid scope');
      const grant = form.get('grant_type');
      if (grant === 'password') return passwordGrant(form, now);
      if (grant === 'refresh_token') return refreshGrant(form, now);
      return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
    },
    authenticate: (authorization, now) => {
      if (!authorization?.startsWith('Bearer ')) {
        return {
          ok: false,
          response: oauthError(
            401,
            'unauthorized',
            'Full authentication is required to access this resource'
          ),
        };
      }
      const token = authorization.slice(7).trim();
      const entry = access.get(token);
      if (!entry || now >= entry.expiresAt) {
        return {
          ok: false,
          response: oauthError(401, 'invalid_token', `Invalid access token: ${short(token)}`),
        };
      }
      return { ok: true, username: entry.username };
    },
    revokeAll: () => access.clear(),
    snapshot: (now) => ({
      activeAccessTokens: [...access.values()].filter((t) => t.expiresAt > now).length,
      lockouts: Object.fromEntries([...logins].map(([u, s]) => [u, { ...s }])),
    }),
    reset: () => {
      access.clear();
      refresh.clear();
      logins.clear();
    },
  };
};
