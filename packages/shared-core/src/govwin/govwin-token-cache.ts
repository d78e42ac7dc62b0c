// The GovWin OAuth token cache kept in a Secrets Manager secret, shared by every invocation of the
// poller (and read by the CLI's doctor). Terraform creates the secret with no value — secret values
// never enter Terraform state — so the cache must treat "no value yet" as empty, not as a failure.
import { isSecretNotSet, type SecretsStore } from '../secrets/secrets';
import type { CachedGovWinTokens, GovWinTokenCache } from './govwin-auth';

/**
 * A {@link GovWinTokenCache} over one Secrets Manager secret. `load()` answers undefined (no cached
 * token) while the secret has no value (created empty, before the first grant is stored) or holds
 * something that is not JSON; every other read failure — the secret does not exist, no permission,
 * Secrets Manager unavailable — is thrown, so a broken deployment never looks like an empty cache.
 * Give it a store with `ttlMs: 0`: other invocations write the same secret.
 * @example const cache = makeSecretTokenCache(makeSecretsStore({ client, ttlMs: 0 }), config.govwinTokenSecret);
 */
export const makeSecretTokenCache = (
  secrets: SecretsStore,
  secretId: string
): GovWinTokenCache => ({
  load: async () => {
    let raw: unknown;
    try {
      raw = await secrets.getJson(secretId);
    } catch (err) {
      if (isSecretNotSet(err)) return undefined;
      if ((err as { code?: unknown })?.code === 'SECRET_MALFORMED') return undefined;
      throw err;
    }
    const t = raw as Partial<CachedGovWinTokens> | null;
    if (typeof t !== 'object' || t === null) return undefined;
    return {
      access_token: typeof t.access_token === 'string' ? t.access_token : '',
      refresh_token: typeof t.refresh_token === 'string' ? t.refresh_token : '',
      expires_at: typeof t.expires_at === 'number' ? t.expires_at : 0,
      ...(typeof t.rejected_credentials === 'string'
        ? { rejected_credentials: t.rejected_credentials }
        : {}),
    };
  },
  save: (tokens) => secrets.put(secretId, tokens),
});
