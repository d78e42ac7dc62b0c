/**
 * Redaction for everything that can reach a log line or an error message.
 *
 * Two layers: (1) values under secret-looking keys (tokens, passwords, signatures, ...) or under a
 * deny-list of free-text business fields (names, e-mails, phones, descriptions, AWS error messages,
 * ...) are replaced wholesale (see `classifyKey`); (2) every remaining string is masked for token
 * shapes, e-mail addresses, phone numbers and money amounts (see `maskText`). DESIGN §5: logs carry
 * ids, status codes and durations; free text from deals, opportunities or AWS errors never does.
 */
import { classifyKey } from './classify-key';
import { maskText, precut, REDACTED, SCAN_LIMIT, truncate } from './mask-text';

// Kept importable from here too (modules such as ace/redact-aws-error.ts import it from './log/redact').
export { REDACTED } from './mask-text';

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

const TRUNCATED = '[TRUNCATED]';

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
