import { parseRotatingSecret, type SecretsStore, secretsInOrder } from '@govwin-ace/shared-core';

/**
 * Loads the HubSpot app's signing (client) secret from Secrets Manager, stored as
 * `{"current": "...", "previous": "..."}` (`previous` only during a rotation), and returns the secrets to
 * try in order. The store caches the value for 300 s; the parsed form is memoised per value, so a warm
 * request costs no JSON parse.
 */
export const makeSigningSecretsLoader = (deps: {
  secrets: Pick<SecretsStore, 'getString'>;
  secretArn: string;
}): (() => Promise<readonly string[]>) => {
  let last: { raw: string; secrets: readonly string[] } | undefined;
  return async () => {
    const raw = await deps.secrets.getString(deps.secretArn);
    if (last?.raw !== raw) last = { raw, secrets: secretsInOrder(parseRotatingSecret(raw)) };
    return last.secrets;
  };
};
