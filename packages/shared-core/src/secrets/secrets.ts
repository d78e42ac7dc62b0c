/**
 * Secrets Manager reads with a short in-memory cache (CONVENTIONS §9). Values are never logged and
 * never appear in error messages; errors name only the last segment of the secret's ARN (its name).
 */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import type { AppError } from '../errors/app-error';
import { ConfigError, UpstreamError } from '../errors/common-errors';

/** Dependencies of {@link makeSecretsStore}. */
export interface SecretsStoreDeps {
  /** Built by `makeAwsClients().secretsManager()` at module scope. */
  client: SecretsManagerClient;
  /** How long a value is served from memory. Default 300 000 ms (as the prior art); 0 disables caching. */
  ttlMs?: number;
  /** Injected clock (epoch ms). */
  now?: () => number;
}

/** The store returned by {@link makeSecretsStore}. */
export interface SecretsStore {
  /** The secret's string value (cached for `ttlMs`; concurrent first reads share one call). */
  getString(secretId: string): Promise<string>;
  /** The secret parsed as JSON and, when a zod schema is given, validated by it. */
  getJson<T = unknown>(secretId: string, schema?: z.core.$ZodType<T>): Promise<T>;
  /** Writes a new value (`PutSecretValue`; objects are JSON-encoded) and refreshes the cache. */
  put(secretId: string, value: string | object): Promise<void>;
  /** Forgets every cached value (tests; or after an operator rotated a secret out of band). */
  clear(): void;
}

interface CacheEntry {
  value: Promise<string>;
  expiresAt: number;
}

/**
 * The part of a secret id that is safe to print: the last `:`-separated segment of an ARN (the
 * secret's name plus AWS's random suffix), or the name itself.
 * @example secretLabel('arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace/hubspot-AbCdEf') // 'govwin-ace/hubspot-AbCdEf'
 */
export const secretLabel = (secretId: string): string =>
  (secretId.split(':').pop() ?? '').slice(0, 256);

const checkId = (secretId: unknown): string => {
  if (typeof secretId !== 'string' || secretId.trim() === '' || secretId.length > 2048) {
    throw new ConfigError('secrets: secret id must be a non-empty name or ARN');
  }
  return secretId;
};

/**
 * The secret exists but holds no value yet. Terraform creates secrets empty (values never enter
 * state), so until an operator or a writer such as the GovWin token cache stores a first version,
 * `GetSecretValue` has nothing to return. Callers for which "not set" has a meaning (an empty cache)
 * test for it with {@link isSecretNotSet}; everyone else sees an ordinary non-retryable ConfigError
 * with the same code as any other unreadable secret.
 */
export class SecretNotSetError extends ConfigError {
  public constructor(message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: 'SECRET_UNAVAILABLE' });
    this.name = 'SecretNotSetError';
  }
}

/**
 * True when `err` says the secret exists but has no value yet (see {@link SecretNotSetError}).
 * @example try { raw = await secrets.getJson(id); } catch (err) { if (isSecretNotSet(err)) return undefined; throw err; }
 */
export const isSecretNotSet = (err: unknown): err is SecretNotSetError =>
  err instanceof SecretNotSetError;

/**
 * `GetSecretValue` answers ResourceNotFoundException both for a secret that does not exist ("Secrets
 * Manager can't find the specified secret.") and for a secret with no version in the requested stage
 * ("... can't find the specified secret value for staging label: AWSCURRENT" — the state Terraform
 * leaves a secret in). The SDK models both as the same exception with no reason field, so the message
 * is the only discriminator. It is only tested here, never copied into our errors or logs. If AWS
 * rewords it, a never-set secret falls back to the generic "cannot read" ConfigError (fails loudly),
 * never the other way round.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
 */
const isMissingCurrentVersion = (err: unknown): boolean => {
  const e = (err ?? {}) as { name?: unknown; message?: unknown; Message?: unknown };
  const text = [e.message, e.Message].filter((m): m is string => typeof m === 'string').join(' ');
  return e.name === 'ResourceNotFoundException' && /\bsecret value\b/i.test(text);
};

/** Throttling, server faults and network errors may pass on retry; anything else is a deployment fault. */
const toStoreError = (err: unknown, action: 'read' | 'write', secretId: string): AppError => {
  const e = (err ?? {}) as { name?: unknown; $fault?: unknown; $metadata?: unknown };
  const name = typeof e.name === 'string' && /^[A-Za-z]{1,64}$/.test(e.name) ? e.name : 'Error';
  const retryable =
    e.$fault === 'server' ||
    e.$metadata === undefined ||
    /Throttl|Timeout|InternalServiceError|ServiceUnavailable|RequestLimitExceeded/.test(name);
  const message = `secrets: cannot ${action} secret '${secretLabel(secretId)}' (${name})`;
  const options = { code: 'SECRET_UNAVAILABLE', cause: err };
  return retryable ? new UpstreamError(message, options) : new ConfigError(message, options);
};

/**
 * Builds a Secrets Manager reader/writer with a per-secret in-memory cache. Build it once per Lambda
 * environment (module scope) so warm invocations reuse cached values; a rotation becomes visible
 * within `ttlMs`, and {@link parseRotatingSecret} keeps the previous signing secret valid meanwhile.
 * @example
 * const secrets = makeSecretsStore({ client: aws.secretsManager() });
 * const signing = parseRotatingSecret(await secrets.getString(config.signingSecretArn));
 */
export const makeSecretsStore = ({
  client,
  ttlMs = 300_000,
  now = Date.now,
}: SecretsStoreDeps): SecretsStore => {
  if (!client || typeof client.send !== 'function') {
    throw new ConfigError('makeSecretsStore: client must be a SecretsManagerClient');
  }
  if (!(Number.isFinite(ttlMs) && ttlMs >= 0)) {
    throw new ConfigError('makeSecretsStore: ttlMs must be a number >= 0');
  }
  const cache = new Map<string, CacheEntry>();

  const fetchString = async (secretId: string): Promise<string> => {
    let out: { SecretString?: string | undefined; SecretBinary?: Uint8Array | undefined };
    try {
      out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } catch (err) {
      if (isMissingCurrentVersion(err)) {
        throw new SecretNotSetError(`secrets: secret '${secretLabel(secretId)}' has no value yet`, {
          cause: err,
        });
      }
      throw toStoreError(err, 'read', secretId);
    }
    if ((out.SecretString === undefined || out.SecretString === '') && !out.SecretBinary?.length) {
      throw new SecretNotSetError(`secrets: secret '${secretLabel(secretId)}' has no value yet`);
    }
    if (typeof out.SecretString !== 'string' || out.SecretString === '') {
      throw new ConfigError(`secrets: secret '${secretLabel(secretId)}' has no string value`, {
        code: 'SECRET_UNAVAILABLE',
      });
    }
    return out.SecretString;
  };

  const getString = (secretId: string): Promise<string> => {
    let id: string;
    try {
      id = checkId(secretId);
    } catch (err) {
      return Promise.reject(err);
    }
    const hit = cache.get(id);
    if (hit && hit.expiresAt > now()) return hit.value;
    const value = fetchString(id);
    cache.set(id, { value, expiresAt: now() + ttlMs });
    // A failed read is not cached: the next call tries again.
    value.catch(() => {
      if (cache.get(id)?.value === value) cache.delete(id);
    });
    return value;
  };

  const getJson = async <T = unknown>(
    secretId: string,
    schema?: z.core.$ZodType<T>
  ): Promise<T> => {
    const text = await getString(secretId);
    const label = secretLabel(secretId);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // The parser's own message quotes the text: never pass it on.
      throw new ConfigError(`secrets: secret '${label}' is not valid JSON`, {
        code: 'SECRET_MALFORMED',
      });
    }
    if (!schema) return parsed as T;
    const result = z.safeParse(schema, parsed);
    if (result.success) return result.data;
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
      .join('; ');
    throw new ConfigError(`secrets: secret '${label}' has the wrong shape (${problems})`, {
      code: 'SECRET_MALFORMED',
    });
  };

  const put = async (secretId: string, value: string | object): Promise<void> => {
    const id = checkId(secretId);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (typeof text !== 'string' || text === '') {
      throw new ConfigError(
        `secrets: refusing to write an empty value to secret '${secretLabel(id)}'`
      );
    }
    try {
      await client.send(new PutSecretValueCommand({ SecretId: id, SecretString: text }));
    } catch (err) {
      throw toStoreError(err, 'write', id);
    }
    cache.set(id, { value: Promise.resolve(text), expiresAt: now() + ttlMs });
  };

  return { getString, getJson, put, clear: () => cache.clear() };
};

/** A signing secret during rotation: `current` signs, `previous` is still accepted. */
export interface RotatingSecret {
  current: string;
  previous?: string;
}

// Built on first use: only the Lambdas that verify HubSpot signatures parse rotating secrets, so the others
// never pay for it at cold start.
const buildRotatingSchema = () =>
  z.strictObject({
    current: z.string().check(z.minLength(1)),
    previous: z.nullish(z.string()),
  });
let rotatingSchema: ReturnType<typeof buildRotatingSchema> | undefined;

/**
 * Parses a rotating signing secret stored as `{ "current": "...", "previous": "..." }` (a JSON
 * string or an already-parsed object). `previous` may be absent, null or empty (no rotation in
 * progress). Unknown keys are rejected, so a typo such as `curent` fails at once. Errors never quote
 * the value.
 * @example parseRotatingSecret('{"current":"s2","previous":"s1"}') // { current: 's2', previous: 's1' }
 */
export const parseRotatingSecret = (json: unknown): RotatingSecret => {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new ConfigError(
        'signing secret is not JSON; expected {"current": "...", "previous"?: "..."}',
        { code: 'SECRET_MALFORMED' }
      );
    }
  }
  rotatingSchema ??= buildRotatingSchema();
  const result = z.safeParse(rotatingSchema, value);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) =>
        issue.code === 'unrecognized_keys'
          ? `unexpected key(s) ${issue.keys.map((k) => `'${k.slice(0, 40)}'`).join(', ')}`
          : issue.path.length === 0
            ? 'the value must be a JSON object'
            : `${issue.path.join('.')} must be a non-empty string`
      )
      .join('; ');
    throw new ConfigError(
      `signing secret must be {"current": "...", "previous"?: "..."}: ${problems}`,
      { code: 'SECRET_MALFORMED' }
    );
  }
  const { current, previous } = result.data;
  return previous ? { current, previous } : { current };
};

/**
 * The secrets to try, in order, for a rotating secret: `[current]` or `[current, previous]` — the
 * shape `verifyHubSpotV3` takes.
 */
export const secretsInOrder = (secret: RotatingSecret): readonly string[] =>
  secret.previous ? [secret.current, secret.previous] : [secret.current];
