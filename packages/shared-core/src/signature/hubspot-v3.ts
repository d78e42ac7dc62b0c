/**
 * HubSpot request signature v3 (external-apis §2.1): base64 HMAC-SHA256, keyed with the app's client
 * secret, over `method + uri + body + timestamp`, sent in `X-HubSpot-Signature-v3` with the epoch-ms
 * `X-HubSpot-Request-Timestamp`. Pure functions; the clock is a parameter.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, ValidationError } from '../errors/common-errors';

/** Requests more than this far from `now` (in either direction) are rejected: 5 minutes, as HubSpot's SDKs. */
export const MAX_REQUEST_AGE_MS = 300_000;

/** The v3 signature header, lower-cased as API Gateway delivers it (look it up case-insensitively). */
export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
/** The epoch-milliseconds timestamp header that the v3 signature covers. */
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';

/** The parts of a request covered by a v3 signature. */
export interface SignedRequestParts {
  /** Upper-case HTTP method exactly as sent (`POST`). */
  method: string;
  /** The full URL HubSpot called — from configuration, see {@link buildSignedUri}. */
  uri: string;
  /** The raw body exactly as received (empty string for GET). */
  body: string;
  /** The `X-HubSpot-Request-Timestamp` header, verbatim (epoch milliseconds). */
  timestamp: string;
}

/** A request to verify: the signed parts plus the received `X-HubSpot-Signature-v3` header. */
export interface SignedRequest extends SignedRequestParts {
  signature: string;
}

/** Outcome of {@link verifyHubSpotV3}; `secretIndex` says which secret matched (0 = current). */
export type SignatureVerdict =
  | { ok: true; secretIndex: number }
  | { ok: false; reason: 'missing' | 'stale' | 'future' | 'mismatch' | 'malformed' };

const METHOD = /^[A-Z]{3,10}$/;
const TIMESTAMP = /^\d{1,16}$/;
/**
 * A base64 SHA-256 digest in its one canonical spelling: 32 bytes -> 43 characters + one `=`, the 43rd
 * carrying 4 bits and two zero bits. A last character with those bits set decodes to the same bytes, so
 * without this check 3 other spellings of every valid signature would verify too.
 */
const SIGNATURE = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

const hmac = (parts: SignedRequestParts, uri: string, secret: string): Buffer =>
  createHmac('sha256', secret)
    .update(`${parts.method}${uri}${parts.body}${parts.timestamp}`, 'utf8')
    .digest();

/**
 * The decoded form of a URI per HubSpot's v3 instructions (percent-escapes such as `%3A`, `%2F`, `%40`
 * decoded before hashing), or `undefined` when decoding changes nothing or the URI holds a malformed
 * escape. Only the part after the origin is decoded; the `?` that starts the query stays as it is.
 */
const decodedUri = (uri: string): string | undefined => {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(uri)?.[0] ?? '';
  const rest = uri.slice(origin.length);
  if (!rest.includes('%')) return undefined;
  try {
    const decoded = `${origin}${decodeURIComponent(rest)}`;
    return decoded === uri ? undefined : decoded;
  } catch {
    return undefined;
  }
};

/**
 * Signs a request the way HubSpot does (used by tests, fixtures and the local HubSpot simulator).
 * Throws a ValidationError for a method that is not upper case, a non-numeric timestamp or an empty
 * secret — HubSpot never produces those, so a caller passing them has a bug.
 * @example signHubSpotV3({ method: 'POST', uri: 'https://hooks.example.com/hubspot', body: '[]', timestamp: '1700000000000' }, secret)
 */
export const signHubSpotV3 = (req: SignedRequestParts, secret: string): string => {
  if (!METHOD.test(req.method)) {
    throw new ValidationError('signHubSpotV3: method must be an upper-case HTTP method');
  }
  if (!TIMESTAMP.test(req.timestamp)) {
    throw new ValidationError('signHubSpotV3: timestamp must be epoch milliseconds (digits only)');
  }
  if (typeof secret !== 'string' || secret === '') {
    throw new ValidationError('signHubSpotV3: secret must be a non-empty string');
  }
  return hmac(req, req.uri, secret).toString('base64');
};

/**
 * Verifies a HubSpot v3 signature against each secret in turn (current first, previous during a
 * rotation). Checks, in order: headers present (`missing`), method, timestamp and signature shaped
 * right (`malformed`), timestamp within {@link MAX_REQUEST_AGE_MS} of `now` (`stale` / `future`),
 * then the HMAC in constant time after a length check (`mismatch`). The URI is tried as given and,
 * if it contains percent-escapes, also decoded (external-apis §2.1). A `now` of exactly 300 s
 * after the timestamp still passes.
 *
 * Throws a ConfigError when `secrets` is empty or holds an empty string: that is a deployment fault
 * (answer 500), not a bad request.
 * @example
 * const verdict = verifyHubSpotV3({ method, uri, body, timestamp, signature }, [current, previous], Date.now());
 * if (!verdict.ok) logger.warn('signature rejected', { reason: verdict.reason });
 */
export const verifyHubSpotV3 = (
  req: SignedRequest,
  secrets: readonly string[],
  now: number
): SignatureVerdict => {
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === '')) {
    throw new ConfigError(
      'verifyHubSpotV3: no signing secret configured (empty secret list or value)'
    );
  }
  if (!req.signature || !req.timestamp) return { ok: false, reason: 'missing' };
  if (
    !METHOD.test(req.method) ||
    !TIMESTAMP.test(req.timestamp) ||
    !SIGNATURE.test(req.signature) ||
    typeof req.uri !== 'string' ||
    typeof req.body !== 'string'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const age = now - Number(req.timestamp);
  if (age > MAX_REQUEST_AGE_MS) return { ok: false, reason: 'stale' };
  if (age < -MAX_REQUEST_AGE_MS) return { ok: false, reason: 'future' };

  const received = Buffer.from(req.signature, 'base64');
  const uris = [req.uri];
  const decoded = decodedUri(req.uri);
  if (decoded !== undefined) uris.push(decoded);
  // Every candidate is computed, so the time taken does not depend on which secret matched.
  let match = -1;
  secrets.forEach((secret, index) => {
    for (const uri of uris) {
      const expected = hmac(req, uri, secret);
      if (expected.length === received.length && timingSafeEqual(expected, received) && match < 0) {
        match = index;
      }
    }
  });
  return match >= 0 ? { ok: true, secretIndex: match } : { ok: false, reason: 'mismatch' };
};

/**
 * The replay-reservation key for a verified request: hex SHA-256 of `signature|timestamp`, stored
 * under `WHK#<fingerprint>` with a 300 s TTL so a replay inside the window is refused.
 */
export const replayFingerprint = (signature: string, timestamp: string): string =>
  createHash('sha256').update(`${signature}|${timestamp}`, 'utf8').digest('hex');

const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/**
 * Rebuilds the URI HubSpot signed from configuration — never from the `Host` header, which a
 * caller controls: `publicBaseUrl` (the public origin plus any base path, e.g. the API Gateway
 * custom domain) + `path` + `?rawQueryString` when there is one. The result is the URI as called,
 * still percent-encoded; {@link verifyHubSpotV3} applies HubSpot's decoding rule itself (it tries
 * the URI as given and, when it contains escapes, the `decodeURIComponent` form of path and query).
 *
 * Throws a ConfigError for a base URL that is not https (http only on loopback) or that carries a
 * query or fragment, and a ValidationError for a path or query string that cannot be part of a URL.
 * @example buildSignedUri('https://hooks.example.com', '/hubspot/webhooks') // 'https://hooks.example.com/hubspot/webhooks'
 */
export const buildSignedUri = (
  publicBaseUrl: string,
  path: string,
  rawQueryString?: string
): string => {
  const base = typeof publicBaseUrl === 'string' ? publicBaseUrl.replace(/\/+$/, '') : '';
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new ConfigError('buildSignedUri: publicBaseUrl must be an absolute https URL');
  }
  const origin = `${parsed.protocol}//${parsed.host}`;
  if (parsed.protocol !== 'https:' && !LOOPBACK_HTTP.test(origin)) {
    throw new ConfigError('buildSignedUri: publicBaseUrl must use https (http only on loopback)');
  }
  if (parsed.search || parsed.hash || base.includes('?') || base.includes('#')) {
    throw new ConfigError('buildSignedUri: publicBaseUrl must not contain a query or fragment');
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError('buildSignedUri: publicBaseUrl must not contain credentials');
  }
  if (typeof path !== 'string' || !path.startsWith('/') || /[\s?#]/.test(path)) {
    throw new ValidationError(
      'buildSignedUri: path must start with "/" and contain no spaces, "?" or "#"'
    );
  }
  if (
    rawQueryString !== undefined &&
    (typeof rawQueryString !== 'string' || /[\s#]/.test(rawQueryString))
  ) {
    throw new ValidationError('buildSignedUri: rawQueryString must contain no spaces or "#"');
  }
  const query = rawQueryString?.replace(/^\?/, '') ?? '';
  return `${base}${path}${query ? `?${query}` : ''}`;
};
