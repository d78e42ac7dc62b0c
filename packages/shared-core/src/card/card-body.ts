// Schema validation of card request bodies: every zod issue becomes one per-field reason, so the card can
// show each problem next to its input (422 with `fields`). Reasons never echo the submitted value.
import * as z from 'zod/mini';
import { ValidationError } from '../errors/common-errors';
import { useEnglishZodMessages } from '../validation/zod-english';

const MAX_FIELDS = 50;

const reasonOf = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return issue.values.length <= 30
        ? `must be one of ${issue.values.map(String).join(' | ')}`
        : 'is not an allowed value';
    case 'too_big':
      return issue.origin === 'array'
        ? `allows at most ${issue.maximum} items`
        : `must be at most ${issue.maximum} characters`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
        : Number(issue.minimum) <= 1
          ? 'is required'
          : `must be at least ${issue.minimum} characters`;
    case 'invalid_format':
      return 'has an invalid format';
    case 'unrecognized_keys':
      return 'is not a known field';
    default:
      return issue.message && issue.message.length <= 160 ? issue.message : 'is invalid';
  }
};

/**
 * Flattens zod issues to `{ 'dotted.path': reason }` (first reason per field wins); unknown keys are
 * reported under their own names.
 */
export const fieldReasons = (issues: readonly z.core.$ZodIssue[]): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    const names =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => (base ? `${base}.${k}` : k).slice(0, 100))
        : [base || '(body)'];
    for (const name of names) {
      if (Object.keys(fields).length >= MAX_FIELDS) return fields;
      fields[name] ??= reasonOf(issue);
    }
  }
  return fields;
};

/**
 * Parses a card body with a zod schema, or throws a 422 ValidationError naming every bad field.
 * @example const input = parseCardBody(SubmitBodySchema, request.body);
 */
export const parseCardBody = <S extends z.core.$ZodType>(schema: S, body: unknown): z.output<S> => {
  useEnglishZodMessages();
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const fields = fieldReasons(result.error.issues);
  throw new ValidationError(`card request has ${Object.keys(fields).length} invalid field(s)`, {
    code: 'VALIDATION_FAILED',
    publicMessage: 'request has invalid fields',
    fields,
  });
};
