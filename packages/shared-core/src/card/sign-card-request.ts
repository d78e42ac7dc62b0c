// Builds an API Gateway v2 event for a card route signed exactly as HubSpot's `hubspot.fetch` proxy signs it
// (v3, with `userId`/`portalId`/`appId` appended to the URL): for tests, the local runtime and smoke checks.
import { buildSignedUri, signHubSpotV3 } from '../signature/hubspot-v3';
import { CARD_ROUTE_PREFIX, type CardEvent } from './card-request';

/** What to sign. `path` is relative to the card prefix (`/submit`). */
export interface CardRequestToSign {
  method: 'GET' | 'POST';
  path: string;
  /** The card's own query (`dealId=42`); HubSpot's proxy parameters are appended after it. */
  query?: Readonly<Record<string, string>>;
  /** A POST body object; serialised once, as HubSpot does. */
  body?: unknown;
  caller: { userId: string; portalId?: string; appId?: string };
  publicBaseUrl: string;
  secret: string;
  /** Epoch ms; defaults to now. */
  timestamp?: number;
}

/**
 * Signs a card request and returns the event API Gateway would deliver.
 * @example const event = signCardRequest({ method: 'GET', path: '/config', caller: { userId: '1' }, publicBaseUrl, secret });
 */
export const signCardRequest = (
  req: CardRequestToSign
): CardEvent & {
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: string;
} => {
  const params = new URLSearchParams(req.query ?? {});
  params.set('userId', req.caller.userId);
  if (req.caller.portalId) params.set('portalId', req.caller.portalId);
  if (req.caller.appId) params.set('appId', req.caller.appId);
  const rawQueryString = params.toString();
  const body = req.body === undefined ? '' : JSON.stringify(req.body);
  const timestamp = String(req.timestamp ?? Date.now());
  const uri = buildSignedUri(req.publicBaseUrl, req.path, rawQueryString);
  const signature = signHubSpotV3({ method: req.method, uri, body, timestamp }, req.secret);
  const rawPath = `${CARD_ROUTE_PREFIX}${req.path}`;
  return {
    rawPath,
    rawQueryString,
    requestContext: { http: { method: req.method, path: rawPath } },
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
    body,
    isBase64Encoded: false,
  };
};
