import * as z from 'zod/mini';
import { ConfigError } from '../errors/common-errors';
import { useEnglishZodMessages } from '../validation/zod-english';

/** Partner Central catalogs. `Sandbox` is the default; `AWS` (production) must be set explicitly. */
export const CATALOGS = ['Sandbox', 'AWS'] as const;
export type Catalog = (typeof CATALOGS)[number];

const nonEmpty = (error: string) => z.string({ error }).check(z.trim(), z.minLength(1, error));

/**
 * Builders for environment fields (`zod/mini` schemas); each carries a human "expected" phrase used in the
 * error line. Narrow them with `.check(...)`, wrap them with `z.optional(...)` / `z._default(...)`.
 * @example { TABLE: env.string().check(z.regex(TABLE, 'must be a DynamoDB table name')) }
 */
export const env = {
  /** A non-empty string (trimmed). */
  string: () => nonEmpty('is required (a non-empty string)'),
  /** An AWS ARN. */
  arn: () =>
    z
      .string({ error: 'is required (an ARN)' })
      .check(
        z.regex(
          /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/,
          'must be an ARN (arn:aws:...)'
        )
      ),
  /** An SQS queue URL (or a local runtime queue URL). */
  queueUrl: () =>
    z
      .string({ error: 'is required (a queue URL)' })
      .check(z.url('must be a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)')),
  /**
   * The on-failure destination of an asynchronously invoked function, `<prefix>-<artifact>-async-dlq`
   * (terraform/modules/lambda). The function it belongs to is the queue's name without `-async-dlq`.
   */
  asyncFailureQueueUrl: (artifact: string) =>
    z.string({ error: 'is required (a queue URL)' }).check(
      z.url('must be a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)'),
      z.regex(
        new RegExp(`/[A-Za-z0-9_-]+-${artifact}-async-dlq$`),
        `must be the URL of the queue <prefix>-${artifact}-async-dlq`
      ),
      z.refine(
        (url) => (url.split('/').at(-1) ?? '').length - '-async-dlq'.length <= 64,
        'must name a queue of a function whose name has at most 64 characters'
      )
    ),
  /** An https URL (http only for loopback, which the local runtime uses). */
  url: () =>
    z.string({ error: 'is required (a URL)' }).check(
      z.url('must be a URL'),
      z.refine(
        (u) =>
          /^https:\/\//.test(u) ||
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u),
        'must be https (http only on loopback)'
      )
    ),
  /** An integer within bounds, given as a decimal string. */
  int: (min: number, max: number) =>
    z
      .pipe(
        z
          .string({ error: `is required (an integer ${min}..${max})` })
          .check(z.regex(/^-?\d+$/, `must be an integer ${min}..${max}`)),
        z.transform(Number)
      )
      .check(z.refine((n) => n >= min && n <= max, `must be an integer ${min}..${max}`)),
  /** `true`/`false`. */
  bool: () =>
    z.pipe(
      z.enum(['true', 'false'], { error: 'must be true or false' }),
      z.transform((v) => v === 'true')
    ),
  /** A comma-separated list of non-empty items. */
  list: () =>
    z
      .pipe(
        z.string({ error: 'is required (a comma-separated list)' }),
        z.transform((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        )
      )
      .check(z.refine((items) => items.length > 0, 'must list at least one item')),
  /** Partner Central catalog; defaults to Sandbox. */
  catalog: () =>
    z._default(z.enum(CATALOGS, { error: `must be one of ${CATALOGS.join(', ')}` }), 'Sandbox'),
  /** An AWS region name. */
  region: () =>
    z
      .string({ error: 'is required (an AWS region)' })
      .check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1')),
} as const;

/**
 * Validates `source` (normally `process.env`) against a zod object schema whose keys are env var names.
 * On failure throws one ConfigError whose single-line message names every bad variable and what was
 * expected — values are never echoed, as they may be secrets.
 * @example const cfg = loadEnv(z.object({ ACE_CATALOG: env.catalog() }), process.env);
 */
export const loadEnv = <S extends z.core.$ZodObject>(
  schema: S,
  source: Readonly<Record<string, string | undefined>>,
  component = 'config'
): Readonly<z.output<S>> => {
  // Treat empty strings as unset so `FOO=` behaves like a missing variable.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(schema._zod.def.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  useEnglishZodMessages();
  const result = z.safeParse(schema, cleaned);
  if (result.success) return Object.freeze(result.data);
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    const message =
      issue.code === 'invalid_type' && cleaned[name] === undefined
        ? missingMessage(issue.message)
        : issue.message;
    return `${name} ${message}`;
  });
  throw new ConfigError(`${component}: invalid environment: ${[...new Set(problems)].join('; ')}`);
};

const missingMessage = (message: string): string =>
  message.startsWith('is required') ? message : `is required (${message})`;
