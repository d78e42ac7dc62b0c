// GovWin OAuth2 (external-apis §3.2): password grant + refresh_token grant, tokens cached in a
// Secrets Manager secret shared by every invocation. The account locks for 30 minutes after 5 failed
// password grants, so this module never retries a password grant within one run, remembers a
// rejected credential set in the token cache (no invocation anywhere tries it again until the
// credentials secret changes), and raises an alert on every failed password grant.
import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error';
import { UpstreamError } from '../errors/common-errors';
import { HttpError } from '../http/errors';
import type { HttpClient } from '../http/http-client';
import { GovWinAuthError, GovWinLockoutGuardError } from './errors';

/** The GovWin credentials secret (`{prefix}/govwin`, prior-art §2.2). */
export interface GovWinCredentials {
  client_id: string;
  client_secret: string;
  username: string;
  password: string;
}

/** What the token cache secret holds (`{prefix}/govwin-tokens`). `expires_at` is epoch seconds. */
export interface CachedGovWinTokens {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  /** Fingerprint of a credential set whose password grant was rejected; never tried again. */
  rejected_credentials?: string;
}

/** Where tokens persist between invocations (a Secrets Manager secret in production). */
export interface GovWinTokenCache {
  /** The cached tokens, or undefined when the cache is empty or unreadable as tokens. */
  load(): Promise<CachedGovWinTokens | undefined>;
  save(tokens: CachedGovWinTokens): Promise<void>;
}

/** An operator alert (SNS in production). Subject and detail must carry no secrets. */
export type GovWinAlert = (alert: {
  /** The `kind` attribute operators' SNS subscriptions filter on (docs/operations.md §5). */
  kind: string;
  subject: string;
  detail: Record<string, string>;
}) => Promise<void>;

/** Dependencies of {@link makeGovWinAuth}. */
export interface GovWinAuthDeps {
  /** Shared HTTP client; token requests are sent with `maxRetries: 0` (a retried password grant counts twice). */
  http: HttpClient;
  /** WSAPI base URL, e.g. `https://services.govwin.com/neo-ws`. */
  baseUrl: string;
  loadCredentials: () => Promise<GovWinCredentials>;
  tokenCache: GovWinTokenCache;
  alert: GovWinAlert;
  now?: () => number;
  /** Tokens closer than this to expiry are refreshed first (default 300 s, as the prior art). */
  refreshMarginMs?: number;
  /** Used when the token response has no `expires_in` (default 43,200 s = 12 h). */
  defaultExpiresInSeconds?: number;
}

/** Hands out GovWin access tokens. */
export interface GovWinAuth {
  /** A valid access token: memory, then the shared cache, then a refresh, then one password grant. */
  getAccessToken(): Promise<string>;
  /** Marks `token` as rejected by the API (401) so the next call refreshes instead of reusing it. */
  invalidate(token: string): void;
  /** Starts a new run: clears the "password grant already failed in this run" guard. */
  beginRun(): void;
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
}

/** Short fingerprint of a credential set; lets the cache remember a rejected set without storing it. */
export const credentialsFingerprint = (c: GovWinCredentials): string =>
  createHash('sha256')
    .update([c.client_id, c.client_secret, c.username.toLowerCase(), c.password].join('\u0000'))
    .digest('hex')
    .slice(0, 32);

const statusOf = (err: unknown): number | undefined =>
  err instanceof HttpError ? err.status : undefined;
const isRejection = (status: number | undefined): boolean =>
  status === 400 || status === 401 || status === 403;

/**
 * Creates the GovWin token provider.
 * @example const auth = makeGovWinAuth({ http, baseUrl, loadCredentials, tokenCache, alert });
 *          auth.beginRun(); const token = await auth.getAccessToken();
 */
export const makeGovWinAuth = (deps: GovWinAuthDeps): GovWinAuth => {
  const now = deps.now ?? Date.now;
  const margin = deps.refreshMarginMs ?? 300_000;
  const defaultExpiresIn = deps.defaultExpiresInSeconds ?? 43_200;
  const tokenUrl = `${deps.baseUrl.replace(/\/+$/, '')}/oauth/token`;
  let memory: CachedGovWinTokens | undefined;
  const rejectedTokens = new Set<string>();
  let passwordGrantFailedThisRun = false;

  const usable = (t: CachedGovWinTokens | undefined): boolean =>
    t !== undefined &&
    t.access_token !== '' &&
    !rejectedTokens.has(t.access_token) &&
    t.expires_at * 1000 > now() + margin;

  const grant = async (form: Record<string, string>): Promise<CachedGovWinTokens> => {
    const res = await deps.http.request<TokenResponse>({
      method: 'POST',
      maxRetries: 0,
      url: tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    const body = res.data;
    if (typeof body?.access_token !== 'string' || body.access_token === '') {
      throw new UpstreamError('GovWin token response had no access_token', {
        code: 'GOVWIN_TOKEN_MALFORMED',
      });
    }
    const expiresIn =
      typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : defaultExpiresIn;
    return {
      access_token: body.access_token,
      refresh_token:
        typeof body.refresh_token === 'string' ? body.refresh_token : (form.refresh_token ?? ''),
      expires_at: Math.floor(now() / 1000) + expiresIn,
    };
  };

  const store = async (tokens: CachedGovWinTokens): Promise<string> => {
    memory = tokens;
    await deps.tokenCache.save(tokens);
    return tokens.access_token;
  };

  const tryRefresh = async (
    cached: CachedGovWinTokens,
    creds: GovWinCredentials
  ): Promise<string | undefined> => {
    try {
      const tokens = await grant({
        grant_type: 'refresh_token',
        refresh_token: cached.refresh_token,
        client_id: creds.client_id,
        client_secret: creds.client_secret,
        scope: 'read',
      });
      return await store(tokens);
    } catch (err) {
      // An invalid or expired refresh token falls through to the password grant; anything else
      // (GovWin down, network) is retryable and must not burn a password attempt.
      if (isRejection(statusOf(err))) return undefined;
      throw err instanceof AppError
        ? err
        : new UpstreamError('GovWin token refresh failed', {
            cause: err,
            code: 'GOVWIN_TOKEN_REFRESH_FAILED',
          });
    }
  };

  const passwordGrant = async (
    creds: GovWinCredentials,
    cached: CachedGovWinTokens | undefined
  ): Promise<string> => {
    const fingerprint = credentialsFingerprint(creds);
    if (passwordGrantFailedThisRun) {
      throw new GovWinLockoutGuardError(
        'GovWin password grant already failed in this run; not retrying (account lockout guard)'
      );
    }
    if (cached?.rejected_credentials === fingerprint) {
      throw new GovWinLockoutGuardError(
        'GovWin rejected these credentials before; not retrying until the credentials secret changes (account lockout guard)'
      );
    }
    try {
      const tokens = await grant({
        grant_type: 'password',
        client_id: creds.client_id,
        client_secret: creds.client_secret,
        username: creds.username,
        password: creds.password,
        scope: 'read',
      });
      return await store(tokens);
    } catch (err) {
      passwordGrantFailedThisRun = true;
      const status = statusOf(err);
      const rejected = isRejection(status);
      await deps.alert({
        kind: 'govwin-login-failed',
        subject: 'GovWin sync: password grant failed',
        detail: {
          outcome: rejected ? 'credentials rejected' : 'token endpoint unavailable',
          status: status === undefined ? 'none' : String(status),
          action: rejected
            ? 'fix the GovWin credentials secret; no further password grant is attempted with these credentials (5 failures lock the account for 30 minutes)'
            : 'no retry in this run; the next scheduled run tries again',
        },
      });
      if (rejected) {
        const marker: CachedGovWinTokens = {
          access_token: '',
          refresh_token: '',
          expires_at: 0,
          rejected_credentials: fingerprint,
        };
        memory = undefined;
        await deps.tokenCache.save(marker);
        throw new GovWinAuthError(`GovWin rejected the password grant (HTTP ${status})`, {
          cause: err,
        });
      }
      throw new UpstreamError('GovWin password grant failed; not retried in this run', {
        cause: err,
        code: 'GOVWIN_PASSWORD_GRANT_UNAVAILABLE',
      });
    }
  };

  return {
    beginRun: () => {
      passwordGrantFailedThisRun = false;
    },
    invalidate: (token) => {
      rejectedTokens.add(token);
      if (memory?.access_token === token) memory = undefined;
    },
    getAccessToken: async () => {
      if (memory !== undefined && usable(memory)) return memory.access_token;
      const cached = await deps.tokenCache.load();
      if (cached !== undefined && usable(cached)) {
        memory = cached;
        return cached.access_token;
      }
      const creds = await deps.loadCredentials();
      if (cached !== undefined && cached.refresh_token !== '') {
        const refreshed = await tryRefresh(cached, creds);
        if (refreshed !== undefined) return refreshed;
      }
      return passwordGrant(creds, cached);
    },
  };
};
