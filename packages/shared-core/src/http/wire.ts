/**
 * Request encoding and response decoding for the HTTP client: headers and body on the way out,
 * capped body reads and vendor error fields on the way back.
 */
import { AppError } from '../errors/app-error';
import { maskText } from '../log/mask-text';

/** A caller bug in the request itself (bad method, header or body); never retried. */
export const invalidRequest = (message: string): AppError =>
  new AppError(message, { code: 'HTTP_INVALID_REQUEST', retryable: false });

/** The request parts {@link encodeRequest} reads. */
export interface EncodableRequest {
  headers?: Record<string, string>;
  body?: unknown;
  responseType?: 'json' | 'text';
}

/**
 * Builds headers and body: strings are sent as-is, URLSearchParams form-encoded, anything else as
 * JSON (with the matching content-type unless the caller set one); `accept` defaults to JSON.
 */
export const encodeRequest = (
  req: EncodableRequest,
  method: string
): { headers: Headers; body: string | undefined } => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    try {
      headers.set(name, value);
    } catch {
      // The runtime's message quotes the value, which may be a token: name the header only.
      throw invalidRequest(
        `http ${method}: header '${maskText(name).slice(0, 60)}' has an invalid name or value`
      );
    }
  }
  let body: string | undefined;
  if (typeof req.body === 'string') {
    body = req.body;
  } else if (req.body instanceof URLSearchParams) {
    body = req.body.toString();
    if (!headers.has('content-type')) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
  } else if (req.body !== undefined) {
    try {
      body = JSON.stringify(req.body);
    } catch {
      body = undefined;
    }
    if (body === undefined) {
      throw invalidRequest(`http ${method}: request body is not JSON-serialisable`);
    }
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw invalidRequest(`http ${method}: a ${method} request cannot carry a body`);
  }
  if (!headers.has('accept')) {
    headers.set('accept', req.responseType === 'text' ? '*/*' : 'application/json');
  }
  return { headers, body };
};

/**
 * Reads a body up to `cap` bytes. Over the cap it cancels the stream and returns what it has with
 * `truncated: true`, so callers decide whether that is an error.
 */
export const readCapped = async (
  res: Response,
  cap: number
): Promise<{ text: string; truncated: boolean }> => {
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      chunks.push(value.subarray(0, value.byteLength - (total - cap)));
      await reader.cancel().catch(() => undefined);
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
};

const jsonField = (text: string, keys: readonly string[]): string | undefined => {
  try {
    const json = JSON.parse(text) as Record<string, unknown> | null;
    for (const key of keys) {
      const v = json?.[key];
      if (typeof v === 'string' && /^[A-Za-z0-9_.:#-]{1,64}$/.test(v)) return v;
    }
  } catch {
    // Not JSON: no such field.
  }
  return undefined;
};

/** The vendor's error category from an error body (HubSpot `category`/`errorType`, AWS `__type`, ...). */
export const upstreamCodeOf = (text: string): string | undefined =>
  jsonField(text, ['category', 'errorType', 'code', 'error', '__type']);

/** HubSpot's 429 `policyName` (`TEN_SECONDLY_ROLLING`, `DAILY`, ...). */
export const policyNameOf = (text: string): string | undefined => jsonField(text, ['policyName']);

/** Structural check: fetch's errors (DOMException, undici's TypeError) may come from another realm. */
export const isTimeout = (err: unknown): boolean => {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

/** The socket error code behind a fetch failure (`ECONNREFUSED`, ...), or `unknown`. */
export const networkCode = (err: unknown): string => {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause?.code ?? (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'unknown';
};
