/**
 * Helpers for API Gateway HTTP API (payload v2) events. Typed structurally so they accept the
 * `APIGatewayProxyEventV2` from `@types/aws-lambda` and the local runtime's events alike.
 */
import { ValidationError } from '../errors/common-errors';

/** The parts of an API Gateway v2 event these helpers read. */
export interface ApiGatewayEventLike {
  headers?: Readonly<Record<string, string | undefined>> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A request header, matched case-insensitively (API Gateway lower-cases names, but tests and
 * other front ends may not). Repeated headers arrive comma-joined, as API Gateway sends them.
 * @example getHeader(event, 'X-HubSpot-Signature-v3')
 */
export const getHeader = (event: ApiGatewayEventLike, name: string): string | undefined => {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  const exact = headers[wanted];
  if (exact !== undefined) return exact;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
};

const checkBase64 = (body: string): string => {
  const compact = body.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new ValidationError('request body is marked base64 but is not valid base64', {
      code: 'BODY_NOT_BASE64',
      httpStatus: 400,
      publicMessage: 'request body is not valid base64',
    });
  }
  return compact;
};

/**
 * The raw request body exactly as the client sent it — what signatures are computed over. Base64
 * bodies (`isBase64Encoded`) are decoded to UTF-8; a missing body is `''`. Never re-serialise a
 * parsed body instead. Throws a 400 ValidationError when a base64 body is not valid base64.
 */
export const getRawBody = (event: ApiGatewayEventLike): string => {
  const body = event.body ?? '';
  if (!event.isBase64Encoded) return body;
  return Buffer.from(checkBase64(body), 'base64').toString('utf8');
};

/**
 * The body's size in bytes as sent (decoded size for base64 bodies), computed without decoding, so
 * a size cap (1 MiB webhooks, 64 KiB UI calls) can be enforced before any other work.
 */
export const bodyByteLength = (event: ApiGatewayEventLike): number => {
  const body = event.body ?? '';
  if (!event.isBase64Encoded) return Buffer.byteLength(body, 'utf8');
  const compact = checkBase64(body);
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return (compact.length / 4) * 3 - padding;
};
