// The gate every signed card request passes before a route runs (DESIGN §5, CONVENTIONS §8): path
// allow-list (404) -> method (405) -> 64 KiB cap (413) -> signature headers (401) -> signing secret (500)
// -> signature v3 over the raw body against the configured public URL (401) -> the caller identity
// HubSpot appended to the signed URL (401) -> replay reservation (409) -> JSON object body (400).
// `hubspot.fetch` is a server-side proxy (external-apis §2.3): browsers never call these routes, so there
// is no CORS and no preflight; OPTIONS is just another method the routes do not accept.
import { ConfigError } from '../errors/common-errors';
import {
  type ApiGatewayEventLike,
  bodyByteLength,
  getHeader,
  getRawBody,
} from '../http/api-gateway';
import { HUBSPOT_ID } from '../keys/ids';
import {
  buildSignedUri,
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  replayFingerprint,
  verifyHubSpotV3,
} from '../signature/hubspot-v3';
import {
  CardMalformedBodyError,
  CardMethodNotAllowedError,
  CardPayloadTooLargeError,
  CardReplayError,
  CardReplayStoreError,
  CardRouteNotFoundError,
  CardSecretUnavailableError,
  CardSignatureError,
} from './card-errors';

/** API Gateway path prefix of every card route (the `$default` stage adds none). */
export const CARD_ROUTE_PREFIX = '/ui-extension';
/** Card request body cap (DESIGN §5). */
export const CARD_MAX_BODY_BYTES = 64 * 1024;
/** Query parameters HubSpot appends to `hubspot.fetch` URLs (external-apis §2.3); never route input. */
export const HUBSPOT_PROXY_PARAMS: readonly string[] = ['userId', 'userEmail', 'portalId', 'appId'];

/** One allowed route: method and path relative to {@link CARD_ROUTE_PREFIX} (`/solutions`). */
export interface CardRouteSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
}

/** Who sent the request, from the query parameters HubSpot signed (never trusted before verification). */
export interface CardCaller {
  /** HubSpot user id: the audit actor is `hubspot-user:<userId>`. */
  userId: string;
  portalId: string | undefined;
}

/** A request that passed every check. `userEmail` is deliberately never exposed (PII). */
export interface CardRequest<K extends string> {
  route: K;
  caller: CardCaller;
  /** Query parameters other than HubSpot's proxy metadata (first value of each). */
  query: Readonly<Record<string, string>>;
  /** The parsed JSON object body of a POST; `undefined` for GET. */
  body: Readonly<Record<string, unknown>> | undefined;
  /** Replay fingerprint reserved for this request (hex SHA-256). */
  fingerprint: string;
}

/** An API Gateway v2 event as far as the gate reads it. */
export interface CardEvent extends ApiGatewayEventLike {
  rawPath?: string;
  rawQueryString?: string;
  requestContext?: { http?: { method?: string; path?: string } };
}

/** Replay reservation; `release` frees a reservation whose request failed with a 5xx (optional). */
export interface CardReplay {
  reserve(fingerprintHex: string): Promise<boolean>;
  release?(fingerprintHex: string): Promise<void>;
}

/** Dependencies of {@link makeCardRequestGate}. */
export interface CardGateDeps<K extends string> {
  routes: Readonly<Record<K, CardRouteSpec>>;
  /** The public URL under which HubSpot calls the card routes, e.g. `https://api.example.com/ui-extension`. */
  publicBaseUrl: string;
  /** Our HubSpot app id: a signed `appId` parameter naming another app is refused. */
  appId: string;
  /** Current signing secret first, previous during a rotation. Cached by the caller. */
  loadSigningSecrets: () => Promise<readonly string[]>;
  replay: CardReplay;
  /** Epoch ms. */
  now?: () => number;
  maxBodyBytes?: number;
}

/** Authenticates one event; throws one of the card errors (each carries its HTTP status). */
export type CardRequestGate<K extends string> = (event: CardEvent) => Promise<CardRequest<K>>;

const queryOf = (raw: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) if (!(k in out)) out[k] = v;
  return out;
};

const parseBody = (raw: string): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
    // hubspot.fetch has been seen to double-encode bodies (prior-art §15.3): one more parse, no more.
    if (typeof parsed === 'string') parsed = JSON.parse(parsed);
  } catch (err) {
    throw new CardMalformedBodyError('card request body is not JSON', { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new CardMalformedBodyError('card request body is not a JSON object');
  return parsed as Record<string, unknown>;
};

/**
 * Builds the gate for one Lambda's route table. The signed URI is built from `publicBaseUrl` + the route's
 * path + the raw query string, never from the `Host` header (CONVENTIONS §8).
 * @example const gate = makeCardRequestGate({ routes: READ_ROUTES, publicBaseUrl, appId, loadSigningSecrets, replay });
 */
export const makeCardRequestGate = <K extends string>(
  deps: CardGateDeps<K>
): CardRequestGate<K> => {
  const now = deps.now ?? Date.now;
  const maxBytes = deps.maxBodyBytes ?? CARD_MAX_BODY_BYTES;
  if (!HUBSPOT_ID.test(deps.appId)) throw new ConfigError('card gate: appId must be a HubSpot id');
  // Fails at cold start for a base URL that is not https (http only on loopback).
  buildSignedUri(deps.publicBaseUrl, '/');
  const byPath = new Map<string, { key: K; spec: CardRouteSpec }>();
  for (const key of Object.keys(deps.routes) as K[]) {
    const spec = deps.routes[key];
    if (!/^\/[a-z0-9/-]{1,80}$/.test(spec.path))
      throw new ConfigError(`card gate: route ${key} has an invalid path`);
    byPath.set(`${CARD_ROUTE_PREFIX}${spec.path}`, { key, spec });
  }

  return async (event) => {
    const path = event.requestContext?.http?.path ?? event.rawPath;
    const found = typeof path === 'string' ? byPath.get(path) : undefined;
    if (!found) throw new CardRouteNotFoundError();
    const { key, spec } = found;
    if (event.requestContext?.http?.method !== spec.method)
      throw new CardMethodNotAllowedError(spec.method);
    const bytes = bodyByteLength(event);
    if (bytes > maxBytes) throw new CardPayloadTooLargeError(bytes, maxBytes);

    const signature = getHeader(event, HUBSPOT_SIGNATURE_HEADER);
    const timestamp = getHeader(event, HUBSPOT_TIMESTAMP_HEADER);
    if (!signature || !timestamp) throw new CardSignatureError('missing');
    let secrets: readonly string[];
    try {
      secrets = await deps.loadSigningSecrets();
    } catch (err) {
      throw new CardSecretUnavailableError({ cause: err });
    }
    const rawQuery = typeof event.rawQueryString === 'string' ? event.rawQueryString : '';
    let uri: string;
    try {
      uri = buildSignedUri(deps.publicBaseUrl, spec.path, rawQuery);
    } catch (err) {
      throw new CardSignatureError('malformed', { cause: err });
    }
    const rawBody = getRawBody(event);
    let verdict: ReturnType<typeof verifyHubSpotV3>;
    try {
      verdict = verifyHubSpotV3(
        { method: spec.method, uri, body: rawBody, timestamp, signature },
        secrets,
        now()
      );
    } catch (err) {
      throw new CardSecretUnavailableError({ cause: err });
    }
    if (!verdict.ok) throw new CardSignatureError(verdict.reason);

    // Only now is the query trusted: HubSpot appended the caller's identity before signing.
    const params = queryOf(rawQuery);
    const userId = params.userId;
    if (!userId || !HUBSPOT_ID.test(userId)) throw new CardSignatureError('no-caller');
    if (params.appId !== undefined && params.appId !== deps.appId)
      throw new CardSignatureError('wrong-app');
    const portalId = params.portalId;
    if (portalId !== undefined && !HUBSPOT_ID.test(portalId))
      throw new CardSignatureError('bad-portal');

    const fingerprint = replayFingerprint(signature, timestamp);
    let fresh: boolean;
    try {
      fresh = await deps.replay.reserve(fingerprint);
    } catch (err) {
      throw new CardReplayStoreError({ cause: err });
    }
    if (!fresh) throw new CardReplayError();

    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(params))
      if (!HUBSPOT_PROXY_PARAMS.includes(k)) query[k] = v;
    return {
      route: key,
      caller: { userId, portalId },
      query,
      body: spec.method === 'POST' ? parseBody(rawBody) : undefined,
      fingerprint,
    };
  };
};
