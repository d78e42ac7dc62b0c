/**
 * Redaction for everything that can reach a log line or an error message.
 *
 * Two layers: (1) values under secret-looking keys (tokens, passwords, signatures, ...) or under a
 * deny-list of free-text business fields (names, e-mails, phones, descriptions, AWS error messages,
 * ...) are replaced wholesale; (2) every remaining string is scanned for token shapes, e-mail
 * addresses, phone numbers and money amounts. DESIGN §5: logs carry ids, status codes and durations;
 * free text from deals, opportunities or AWS errors never does.
 */

/** The placeholder that replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/** Limits that keep redaction (and the log line it feeds) bounded. */
export interface RedactOptions {
  /** Nesting depth below which values become `[TRUNCATED]`. Default 8. */
  maxDepth?: number;
  /** Array items kept per array. Default 50. */
  maxArrayLength?: number;
  /** Object keys kept per object. Default 100. */
  maxKeys?: number;
  /** Characters kept per string (after masking). Default 2048. */
  maxStringLength?: number;
  /** Total values visited before the rest becomes `[TRUNCATED]`. Default 2000. */
  maxNodes?: number;
}

const DEFAULTS: Required<RedactOptions> = {
  maxDepth: 8,
  maxArrayLength: 50,
  maxKeys: 100,
  maxStringLength: 2048,
  maxNodes: 2000,
};

/** Strings are hard-cut to this many characters before the (linear) masking regexes run. */
const SCAN_LIMIT = 16_384;
const TRUNCATED = '[TRUNCATED]';
const ELLIPSIS = '…';

// ---------------------------------------------------------------------------------------------
// Key classification
// ---------------------------------------------------------------------------------------------

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Substrings that make a key secret-looking (matched on the lower-cased, alphanumeric-only key). */
const SECRET_PARTS = [
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'authorization',
  'apikey',
  'hapikey',
  'signature',
  'cookie',
  'credential',
  'privatekey',
  'accesskey',
  'sessionkey',
  'signingkey',
  'authheader',
  'bearer',
];
const SECRET_EXACT = new Set(['auth', 'pwd', 'pass', 'pin', 'sig', 'jwt', 'otp', 'xapikey']);
/** Suffixes that name *metadata about* a secret (its id, ARN, type...), which is safe to log. */
const SECRET_SAFE_SUFFIXES = [
  'arn',
  'id',
  'ids',
  'name',
  'count',
  'length',
  'type',
  'version',
  'expiresat',
  'expiresin',
  'present',
  'ttl',
  'bucket',
  'remaining',
  'capacity',
  'limit',
];

/** Keys whose value is free business text or personal data, matched exactly. */
const BUSINESS_EXACT = new Set([
  'name',
  'title',
  'desc',
  'message',
  'msg',
  'note',
  'notes',
  'comment',
  'comments',
  'text',
  'summary',
  'body',
  'rawbody',
  'requestbody',
  'responsebody',
  'company',
  'customer',
  'contact',
  'address',
  'street',
  'city',
  'zip',
  'zipcode',
  'postalcode',
  'email',
  'phone',
  'mobile',
  'fax',
  'website',
  'websiteurl',
]);
/** Substrings that mark a key as personal data or free text. */
const BUSINESS_PARTS = [
  'email',
  'phone',
  'mobile',
  'firstname',
  'lastname',
  'fullname',
  'middlename',
  'address',
  'street',
  'customer',
  'contact',
  'description',
  'comment',
  'notes',
  'message',
  'title',
  'companyname',
  'dealname',
];
/** `...name` keys that name a person or a business (unlike `tableName`, `serviceName`). */
const NAME_OWNERS = [
  'account',
  'agency',
  'business',
  'buyer',
  'company',
  'contract',
  'deal',
  'display',
  'legal',
  'opportunity',
  'org',
  'owner',
  'partner',
  'person',
  'project',
  'user',
  'vendor',
];
const BUSINESS_SAFE_SUFFIXES = ['id', 'ids', 'count', 'type', 'status', 'arn', 'hash', 'length'];
/** Keys where only a string value is redacted (an Error object under them is redacted structurally). */
const TEXT_ONLY = new Set(['error', 'err', 'detail', 'details', 'errortext', 'cause']);

/** How a key's value is treated by {@link redact}. */
export type KeyClass = 'secret' | 'business' | 'text' | undefined;

/**
 * Classifies an object key: `secret` (credentials), `business` (personal data / free text),
 * `text` (free text only when the value is a string) or `undefined` (kept, strings still masked).
 * @example classifyKey('client_secret') // 'secret'; classifyKey('secretArn') // undefined
 */
export const classifyKey = (key: string): KeyClass => {
  const k = normaliseKey(key);
  if (k === '') return undefined;
  const endsWithAny = (suffixes: readonly string[]) => suffixes.some((s) => k.endsWith(s));
  if (
    (SECRET_EXACT.has(k) || SECRET_PARTS.some((p) => k.includes(p))) &&
    !endsWithAny(SECRET_SAFE_SUFFIXES)
  ) {
    return 'secret';
  }
  if (!endsWithAny(BUSINESS_SAFE_SUFFIXES)) {
    if (BUSINESS_EXACT.has(k) || BUSINESS_PARTS.some((p) => k.includes(p))) return 'business';
    if (k.endsWith('name') && NAME_OWNERS.some((o) => k.includes(o))) return 'business';
  }
  if (TEXT_ONLY.has(k)) return 'text';
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// String masking
// ---------------------------------------------------------------------------------------------

/*
 * Every unanchored repetition below is bounded ({1,64} etc.): an unbounded `[...]+@` is quadratic
 * on a long run of local-part characters, and these run on attacker-controlled text.
 * The last label must start with a letter, so `pkg@1.2.3` version strings are not e-mails.
 */
const EMAIL =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?/g;
/** URL-encoded e-mail (`jane%40example.com`), as found in query strings. */
const EMAIL_ENCODED = /[A-Za-z0-9._%+-]{1,64}%40[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/gi;
const PRIVATE_KEY =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const BEARER = /\b(Bearer|Basic)\s{1,8}[A-Za-z0-9._~+/=-]{6,4096}/gi;
const HUBSPOT_PAT = /\bpat-[a-z0-9-]{1,128}/gi;
const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA)[A-Z0-9]{16}\b/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,2048}\.[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{0,1024}/g;
const LONG_HEX = /\b[0-9a-fA-F]{32,}\b/g;
const BASE64_BLOB = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
/**
 * `"key": value` (quoted key, JSON-like), `key=value` (query strings, forms) and `key: value` (prose,
 * headers; the space after `:` keeps ARNs and URLs out) — the value is masked when the key is sensitive.
 */
const KEY_VALUE =
  /(?:(["'])([A-Za-z_$][\w$.-]{0,63})\1(\s*:\s*)|([A-Za-z_$][\w$.-]{0,63})(\s*=\s*|\s*:\s+))("(?:[^"\\\n]|\\.){0,4096}"|'(?:[^'\\\n]|\\.){0,4096}'|[^\n"',;&}\])]+)/g;
/** International numbers (`+1 202 555 0147`); the digit count is checked in the replacer. */
const PHONE_INTL = /\+\d[\d\s().-]{6,22}\d/g;
/** North-American shapes without a country code: `(202) 555-0147`, `202-555-0147`, `202.555.0147`. */
const PHONE_NANP = /(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/g;
const AMOUNT =
  /(?:[$€£]\s?|\b(?:USD|US\$|EUR|GBP)\s?)\d[\d,]*(?:\.\d+)?(?:\s?(?:[kKmMbB]\b|thousand\b|million\b|billion\b))?/g;

const looksLikeBlob = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);

const maskKeyValues = (text: string, depth = 0): string =>
  text.replace(KEY_VALUE, (match, ...groups: (string | undefined)[]) => {
    const [q, qKey, qSep, uKey, uSep, rawValue] = groups;
    const quote = q ?? '';
    const key = qKey ?? uKey ?? '';
    const sep = qSep ?? uSep ?? '';
    const value = rawValue ?? '';
    const cls = classifyKey(key);
    const isQuoted = value.startsWith('"') || value.startsWith("'");
    if (cls === 'secret' || cls === 'business' || (cls === 'text' && isQuoted)) {
      // An object or array value in JSON text: keep scanning inside it instead.
      if (value.startsWith('{') || value.startsWith('[')) return match;
      return `${quote}${key}${quote}${sep}${isQuoted ? `"${REDACTED}"` : REDACTED}`;
    }
    // Not sensitive: the value itself may still contain `key=value` pairs (e.g. a URL).
    return depth < 4 && value.length > 1
      ? `${quote}${key}${quote}${sep}${maskKeyValues(value, depth + 1)}`
      : match;
  });

/**
 * Masks secret and personal-data shapes inside free text: private keys, `Bearer ...`, HubSpot `pat-...`
 * tokens, AWS access key ids, JWTs, long hex / base64 blobs, e-mails, phone numbers, money amounts, and
 * the values of sensitive `key=value` / `"key": "value"` pairs. It does not truncate.
 * @example maskText('Bearer abc.def.ghi for jane@example.com') // 'Bearer [REDACTED] for [EMAIL]'
 */
export const maskText = (input: string): string => {
  let text = precut(input, SCAN_LIMIT);
  text = text
    .replace(PRIVATE_KEY, '[REDACTED PRIVATE KEY]')
    .replace(EMAIL, '[EMAIL]')
    .replace(EMAIL_ENCODED, '[EMAIL]')
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(HUBSPOT_PAT, REDACTED)
    .replace(AWS_ACCESS_KEY, REDACTED);
  text = maskKeyValues(text)
    .replace(LONG_HEX, REDACTED)
    .replace(BASE64_BLOB, (m) => (looksLikeBlob(m) ? REDACTED : m))
    .replace(PHONE_INTL, (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15 ? '[PHONE]' : m;
    })
    .replace(PHONE_NANP, '[PHONE]')
    .replace(AMOUNT, '[AMOUNT]');
  return text;
};

/**
 * Bounds the text the masking regexes scan. The partial token at the cut is dropped, so half an
 * e-mail or key cannot survive a cut that masking would otherwise have caught whole.
 */
const precut = (text: string, limit: number): string =>
  text.length <= limit ? text : text.slice(0, limit).replace(/[^\s"',;<>()[\]{}]*$/, '');

/** Cuts `text` to at most `max` characters, ending with an ellipsis; never splits a surrogate pair. */
const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ELLIPSIS.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, Math.max(0, end))}${ELLIPSIS}`;
};

/**
 * Makes free text (typically an AWS or HubSpot error message) safe to store or show: JSON text is
 * redacted structurally, then e-mails, phone numbers, token shapes and dollar amounts are masked,
 * whitespace is collapsed to one line, and the result is cut to `maxLength` characters (ending in
 * `…`). The output never exceeds `maxLength`.
 * @example redactText('Contact jane@example.com about $1,200,000', 40) // 'Contact [EMAIL] about [AMOUNT]'
 */
export const redactText = (text: string, maxLength = 200): string => {
  const cap = Number.isFinite(maxLength) ? Math.max(0, Math.floor(maxLength)) : 200;
  let source = typeof text === 'string' ? text : String(text ?? '');
  const trimmed = source.trim();
  if (
    trimmed.length <= SCAN_LIMIT &&
    ((trimmed.startsWith('{') && trimmed.endsWith('}')) ||
      (trimmed.startsWith('[') && trimmed.endsWith(']')))
  ) {
    try {
      source = JSON.stringify(redact(JSON.parse(trimmed)));
    } catch {
      // Not JSON after all: mask it as plain text below.
    }
  }
  const oneLine = maskText(precut(source, SCAN_LIMIT))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are stripped on purpose
    .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
    .trim();
  return truncate(oneLine, cap);
};

// ---------------------------------------------------------------------------------------------
// Structural redaction
// ---------------------------------------------------------------------------------------------

interface WalkState {
  readonly opts: Required<RedactOptions>;
  readonly ancestors: Set<object>;
  nodes: number;
}

/** Errors thrown by Node internals (fetch, DOMException) may come from another realm. */
const isErrorLike = (obj: object): obj is Error =>
  obj instanceof Error ||
  Object.prototype.toString.call(obj) === '[object Error]' ||
  (typeof (obj as Error).message === 'string' &&
    typeof (obj as Error).name === 'string' &&
    typeof (obj as Error).stack === 'string');

/** AWS SDK v3 service exceptions carry `$metadata` / `$fault`; their messages echo request data. */
const isAwsSdkError = (err: Error): boolean => '$metadata' in err || '$fault' in err;

const redactString = (value: string, state: WalkState): string =>
  truncate(
    maskText(precut(value, Math.max(1_024, state.opts.maxStringLength * 4))),
    state.opts.maxStringLength
  );

const redactError = (err: Error, depth: number, state: WalkState): Record<string, unknown> => {
  const message = isAwsSdkError(err) ? REDACTED : redactString(String(err.message), state);
  const name = typeof err.name === 'string' ? err.name : 'Error';
  const out: Record<string, unknown> = { name, message };
  if (typeof err.stack === 'string') {
    const frames = err.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 10)
      // Frames are code locations (function and file names), not data.
      .map((line) => line.trim());
    out.stack = [`${name}: ${message}`, ...frames].join('\n');
  }
  for (const [key, value] of Object.entries(err)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    const redacted = redactEntry(key, value, depth + 1, state);
    if (redacted !== undefined) out[key] = redacted;
  }
  if (err.cause !== undefined) out.cause = walk(err.cause, depth + 1, state);
  return out;
};

const redactEntry = (key: string, value: unknown, depth: number, state: WalkState): unknown => {
  if (value === undefined || value === null) return value;
  const cls = classifyKey(key);
  // Counters such as `tokens: 3` or `signatureValid: false` carry no secret; personal data may be numeric.
  if (cls === 'secret' && (typeof value === 'number' || typeof value === 'boolean')) return value;
  if (cls === 'secret' || cls === 'business') return REDACTED;
  if (cls === 'text' && typeof value === 'string') return REDACTED;
  return walk(value, depth, state);
};

const walkObject = (
  entries: Iterable<[string, unknown]>,
  depth: number,
  state: WalkState
): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  let count = 0;
  let dropped = 0;
  for (const [key, value] of entries) {
    if (count >= state.opts.maxKeys) {
      dropped += 1;
      continue;
    }
    count += 1;
    const redacted = redactEntry(key, value, depth + 1, state);
    if (redacted !== undefined) out[key] = redacted;
  }
  if (dropped > 0) out['[truncated]'] = `${dropped} more keys`;
  return out;
};

function walk(value: unknown, depth: number, state: WalkState): unknown {
  state.nodes += 1;
  if (state.nodes > state.opts.maxNodes) return TRUNCATED;
  switch (typeof value) {
    case 'string':
      return redactString(value, state);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
    case 'function':
      return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (depth > state.opts.maxDepth) return TRUNCATED;
  if (state.ancestors.has(obj)) return '[Circular]';
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof URL) return redactString(obj.href, state);
  if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) {
    return `[Binary ${obj.byteLength} bytes]`;
  }
  state.ancestors.add(obj);
  try {
    if (isErrorLike(obj)) return redactError(obj, depth, state);
    if (Array.isArray(obj) || obj instanceof Set) {
      const items = [...(obj as Iterable<unknown>)];
      const kept = items
        .slice(0, state.opts.maxArrayLength)
        .map((item) => walk(item, depth + 1, state));
      if (items.length > kept.length) kept.push(`[${items.length - kept.length} more items]`);
      return kept;
    }
    if (obj instanceof Map) {
      return walkObject(
        [...obj.entries()].map(([k, v]) => [String(k), v] as [string, unknown]),
        depth,
        state
      );
    }
    if (obj instanceof Headers) return walkObject(obj.entries(), depth, state);
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      try {
        return walk(toJSON.call(obj), depth + 1, state);
      } catch {
        return '[Unserialisable]';
      }
    }
    return walkObject(Object.entries(obj), depth, state);
  } finally {
    state.ancestors.delete(obj);
  }
}

/**
 * Returns a redacted deep copy of `value`, safe to log: values under secret-looking keys and
 * personal-data / free-text keys become `[REDACTED]`, strings are masked with {@link maskText},
 * errors become plain objects (AWS SDK error messages fully redacted), and depth, array length,
 * key count, string length and total size are bounded. Circular references become `[Circular]`.
 * @example redact({ dealId: '123', email: 'jane@example.com', auth: { token: 'x' } })
 * // { dealId: '123', email: '[REDACTED]', auth: '[REDACTED]' }
 */
export const redact = (value: unknown, options: RedactOptions = {}): unknown =>
  walk(value, 0, { opts: { ...DEFAULTS, ...options }, ancestors: new Set(), nodes: 0 });
