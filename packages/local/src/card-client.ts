import { signHubSpotV3 } from '@govwin-ace/shared-core';
import type { LocalStack } from './runtime/stack';

/** A card request as `hubspot.fetch` sends it: HubSpot appends the caller's ids and signs with the app secret. */
export const cardFetch = async (
  stack: LocalStack,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; userId?: string; query?: Record<string, string> } = {}
): Promise<{ status: number; json: unknown }> => {
  const params = new URLSearchParams({
    ...(options.query ?? {}),
    userId: options.userId ?? '9001',
    portalId: String(stack.hubspot.portalId),
    appId: String(stack.hubspot.appId),
  });
  const url = `${stack.env.PUBLIC_UI_BASE_URL}${path}?${params.toString()}`;
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  const timestamp = String(Date.now());
  const signature = signHubSpotV3(
    { method, uri: url, body, timestamp },
    stack.hubspot.clientSecret
  );
  const res = await fetch(url, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, json };
};
