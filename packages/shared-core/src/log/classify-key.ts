/**
 * Which object keys name secrets or personal / free-text business data. Keys are compared
 * lower-cased with everything but letters and digits removed (`client_secret` -> `clientsecret`).
 */

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

/** Classes of keys seen so far (one log line of a 100-event delivery classifies the same 4 keys 100 times). */
const KEY_CLASSES = new Map<string, KeyClass>();
const KEY_CACHE_LIMIT = 2_000;

/**
 * Classifies an object key: `secret` (credentials), `business` (personal data / free text),
 * `text` (free text only when the value is a string) or `undefined` (kept, strings still masked).
 * @example classifyKey('client_secret') // 'secret'; classifyKey('secretArn') // undefined
 */
export const classifyKey = (key: string): KeyClass => {
  const known = KEY_CLASSES.get(key);
  if (known !== undefined || KEY_CLASSES.has(key)) return known;
  const cls = classifyKeyUncached(key);
  // Log keys come from code, a small set; keys of parsed upstream bodies are bounded by not caching past the cap.
  if (KEY_CLASSES.size < KEY_CACHE_LIMIT && key.length <= 64) KEY_CLASSES.set(key, cls);
  return cls;
};

const classifyKeyUncached = (key: string): KeyClass => {
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
