/**
 * The egress allow-list: outbound HTTP goes only to listed hosts (DESIGN §5), checked before
 * anything is sent.
 */
import { ConfigError } from '../errors/common-errors';
import { EgressDeniedError } from './errors';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HOST_ENTRY = /^(\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Validates and lower-cases allow-list entries: exact host names (`api.hubapi.com`, `127.0.0.1`)
 * or `*.suffix` for any sub-domain of `suffix` (not `suffix` itself). Throws a ConfigError naming
 * the first bad entry.
 */
export const normaliseAllowList = (allowedHosts: readonly string[]): readonly string[] => {
  if (!Array.isArray(allowedHosts) || allowedHosts.length === 0) {
    throw new ConfigError('makeHttpClient: allowedHosts must list at least one host');
  }
  return allowedHosts.map((entry) => {
    const host = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
    if (!HOST_ENTRY.test(host) && host !== '[::1]') {
      throw new ConfigError(
        `makeHttpClient: allowedHosts entry '${String(entry).slice(0, 80)}' must be a host name or *.suffix`
      );
    }
    return host;
  });
};

/** True when `hostname` is an exact entry, or a strict sub-domain of a `*.suffix` entry. */
export const isHostAllowed = (hostname: string, allowList: readonly string[]): boolean =>
  allowList.some((entry) =>
    entry.startsWith('*.') ? hostname.endsWith(entry.slice(1)) : hostname === entry
  );

/**
 * Parses `rawUrl` and refuses it (EgressDeniedError) unless it is absolute, https (http only on
 * loopback), free of credentials and on the allow-list; then appends `query`. Messages name the
 * host at most — never the path or query, which may carry identifiers or tokens.
 */
export const resolveEgressUrl = (
  rawUrl: string,
  method: string,
  allowList: readonly string[],
  query: Readonly<Record<string, string | number | undefined>> = {}
): URL => {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new EgressDeniedError(`http ${method}: URL is not absolute (expected https://host/path)`);
  }
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(host))) {
    throw new EgressDeniedError(
      `http ${method} ${host}: only https URLs may be called (http only on loopback)`
    );
  }
  if (url.username || url.password) {
    throw new EgressDeniedError(`http ${method} ${host}: URLs must not carry credentials`);
  }
  if (!isHostAllowed(host, allowList)) {
    throw new EgressDeniedError(`http ${method}: host '${host}' is not in the egress allow-list`);
  }
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
};
