import { ConfigError } from '../errors/common-errors';

const TOKEN = /^[A-Za-z0-9._~+/=-]{10,2048}$/;

/**
 * Reads the HubSpot access token out of the token secret's string value. Accepted shapes: the bare
 * token, or JSON `{ "private_app_token": "..." }` (the prior art's shape, prior-art §2.2) or
 * `{ "token": "..." }`. Throws a ConfigError that never quotes the value.
 * @example parseHubSpotTokenSecret('{"private_app_token":"pat-na1-..."}') // 'pat-na1-...'
 */
export const parseHubSpotTokenSecret = (text: string): string => {
  const trimmed = text.trim();
  let token: unknown = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      token = json.private_app_token ?? json.token;
    } catch {
      throw new ConfigError('HubSpot token secret is not valid JSON', { code: 'SECRET_MALFORMED' });
    }
  }
  if (typeof token !== 'string' || !TOKEN.test(token)) {
    throw new ConfigError(
      'HubSpot token secret must hold the token, or {"private_app_token": "..."}',
      { code: 'SECRET_MALFORMED' }
    );
  }
  return token;
};
