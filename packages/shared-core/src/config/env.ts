import { z } from 'zod';
import { ConfigError } from '../errors/common-errors';

/** Partner Central catalogs. `Sandbox` is the default; `AWS` (production) must be set explicitly. */
export const CATALOGS = ['Sandbox', 'AWS'] as const;
export type Catalog = (typeof CATALOGS)[number];

/** Builders for environment fields; each carries a human "expected" phrase used in the error line. */
export const env = {
  /** A non-empty string. */
  string: () =>
    z
      .string({ error: 'is required (a non-empty string)' })
      .trim()
      .min(1, 'is required (a non-empty string)'),
  /** An AWS ARN. */
  arn: () =>
    z
      .string({ error: 'is required (an ARN)' })
      .regex(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/, 'must be an ARN (arn:aws:...)'),
  /** An SQS queue URL (or a local runtime queue URL). */
  queueUrl: () =>
    z
      .string({ error: 'is required (a queue URL)' })
      .url('must be a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)'),
  /** An https URL (http only for loopback, which the local runtime uses). */
  url: () =>
    z
      .string({ error: 'is required (a URL)' })
      .url('must be a URL')
      .refine(
        (u) =>
          /^https:\/\//.test(u) ||
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u),
        'must be https (http only on loopback)'
      ),
  /** An integer within bounds, given as a decimal string. */
  int: (min: number, max: number) =>
    z
      .string({ error: `is required (an integer ${min}..${max})` })
      .regex(/^-?\d+$/, `must be an integer ${min}..${max}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `must be an integer ${min}..${max}`),
  /** `true`/`false`. */
  bool: () =>
    z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true'),
  /** A comma-separated list of non-empty items. */
  list: () =>
    z
      .string({ error: 'is required (a comma-separated list)' })
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      )
      .refine((items) => items.length > 0, 'must list at least one item'),
  /** Partner Central catalog; defaults to Sandbox. */
  catalog: () =>
    z.enum(CATALOGS, { error: `must be one of ${CATALOGS.join(', ')}` }).default('Sandbox'),
  /** An AWS region name. */
  region: () =>
    z
      .string({ error: 'is required (an AWS region)' })
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1'),
} as const;

/**
 * Validates `source` (normally `process.env`) against a zod object schema whose keys are env var names.
 * On failure throws one ConfigError whose single-line message names every bad variable and what was
 * expected — values are never echoed, as they may be secrets.
 * @example const cfg = loadEnv(z.object({ ACE_CATALOG: env.catalog() }), process.env);
 */
export const loadEnv = <S extends z.ZodObject>(
  schema: S,
  source: Readonly<Record<string, string | undefined>>,
  component = 'config'
): Readonly<z.output<S>> => {
  // Treat empty strings as unset so `FOO=` behaves like a missing variable.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
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
