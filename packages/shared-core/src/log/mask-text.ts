/**
 * Masks secret and personal-data shapes inside free text (tokens, keys, e-mails, phones, amounts,
 * sensitive `key=value` pairs). Used by `redact` for every string and by `redactText` for error text.
 */
import { classifyKey } from './classify-key';

/** The placeholder that replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/** Strings are hard-cut to this many characters before the (linear) masking regexes run. */
export const SCAN_LIMIT = 16_384;
const ELLIPSIS = '…';
const TOKEN_DELIMITER = /[\s"',;<>()[\]{}]/;

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

/** Digit strings (ids, counters, epoch times): no mask below can match one shorter than 32. */
const DIGITS = /^\d{1,31}$/;
/** Lower-case words (property names, outcomes, codes): no digit, no space, no `=`, `@`, `+`, `$` or quote. */
const LOWER_WORD = /^[a-z][a-z_:-]{0,30}$/;

/**
 * True for short strings no mask can change, which `maskText` returns as they are: digits only, or a
 * lower-case word of letters, `_`, `:` and `-` (not containing `pat-`, a HubSpot token prefix). Shorter than
 * 32 characters, so no hex or base64 blob; no digit, so no phone, amount, key id or JWT; no whitespace, `=`
 * or quote, so no `key=value` pair or `Bearer`. A log line's ids and codes skip a dozen regex passes.
 */
export const isPlainToken = (text: string): boolean =>
  text.length < 32 && (DIGITS.test(text) || (LOWER_WORD.test(text) && !text.includes('pat-')));

/**
 * Masks secret and personal-data shapes inside free text: private keys, `Bearer ...`, HubSpot `pat-...`
 * tokens, AWS access key ids, JWTs, long hex / base64 blobs, e-mails, phone numbers, money amounts, and
 * the values of sensitive `key=value` / `"key": "value"` pairs. It does not truncate.
 * @example maskText('Bearer abc.def.ghi for jane@example.com') // 'Bearer [REDACTED] for [EMAIL]'
 */
export const maskText = (input: string): string =>
  isPlainToken(input) ? input : maskEveryShape(input);

/** Every mask, whatever the text (`maskText` skips it for plain tokens; tests compare the two). */
export const maskEveryShape = (input: string): string => {
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
export const precut = (text: string, limit: number): string => {
  if (text.length <= limit) return text;
  // Walk back from the cut to the last delimiter (a `[^...]*$` regex would be quadratic here).
  let end = limit;
  while (end > 0 && !TOKEN_DELIMITER.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
};

/** Cuts `text` to at most `max` characters, ending with an ellipsis; never splits a surrogate pair. */
export const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ELLIPSIS.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, Math.max(0, end))}${ELLIPSIS}`;
};
