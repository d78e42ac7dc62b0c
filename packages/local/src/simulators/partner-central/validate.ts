// Request validation against the SDK-derived model (required members, enum values, JSON types)
// plus the length/pattern constraints, and response projection onto an output shape. Both walk
// the same Shape tree. Error messages name the field and the rule, never the submitted value
// (values may be customer data).
import type { ValidationExceptionErrorCode } from '@aws-sdk/client-partnercentral-selling';
import { constraintFor, matchesWhole } from './constraints';
import type { Shape, StructShape } from './sdk-model';

export interface FieldError {
  FieldName: string;
  Message: string;
  Code: ValidationExceptionErrorCode;
}

export type Json = Record<string, unknown>;

/** The real service reports a bounded list; so do we. */
const MAX_ERRORS = 25;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typeName = (shape: Shape): string => {
  switch (shape.kind) {
    case 'structure':
    case 'union':
      return 'an object';
    case 'list':
      return 'a list';
    case 'map':
      return 'a map';
    case 'timestamp':
      return 'an ISO-8601 timestamp';
    default:
      return `a ${shape.kind}`;
  }
};

interface Walk {
  errors: FieldError[];
}

const fail = (
  walk: Walk,
  FieldName: string,
  Code: ValidationExceptionErrorCode,
  Message: string
) => {
  if (walk.errors.length < MAX_ERRORS) walk.errors.push({ FieldName, Message, Code });
};

const checkConstraint = (
  walk: Walk,
  path: string,
  parent: string,
  member: string,
  value: unknown
): void => {
  const c = constraintFor(parent, member);
  if (!c) return;
  if (typeof value === 'string') {
    if (c.min !== undefined && value.length < c.min) {
      fail(walk, path, 'VALUE_OUT_OF_RANGE', `${path} must be at least ${c.min} characters`);
    } else if (c.max !== undefined && value.length > c.max) {
      fail(walk, path, 'VALUE_OUT_OF_RANGE', `${path} must be at most ${c.max} characters`);
    } else if (c.pattern && !matchesWhole(c.pattern, value)) {
      fail(walk, path, 'INVALID_STRING_FORMAT', `${path} does not match the required format`);
    }
  } else if (Array.isArray(value)) {
    if (c.min !== undefined && value.length < c.min) {
      fail(walk, path, 'NOT_ENOUGH_VALUES', `${path} needs at least ${c.min} items`);
    } else if (c.max !== undefined && value.length > c.max) {
      fail(walk, path, 'TOO_MANY_VALUES', `${path} allows at most ${c.max} items`);
    }
    const { pattern } = c;
    if (pattern) {
      value.forEach((item, i) => {
        if (typeof item === 'string' && !matchesWhole(pattern, item)) {
          fail(walk, `${path}[${i}]`, 'INVALID_STRING_FORMAT', `${path}[${i}] has a bad format`);
        }
      });
    }
  } else if (typeof value === 'number') {
    if ((c.min !== undefined && value < c.min) || (c.max !== undefined && value > c.max)) {
      fail(walk, path, 'VALUE_OUT_OF_RANGE', `${path} must be between ${c.min} and ${c.max}`);
    }
  }
};

const parseTimestamp = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

const walkValue = (walk: Walk, shape: Shape, value: unknown, path: string): unknown => {
  switch (shape.kind) {
    case 'structure':
    case 'union':
      if (!isObject(value)) break;
      return walkStruct(walk, shape, value, path);
    case 'list': {
      if (!Array.isArray(value)) break;
      return value.map((item, i) => walkValue(walk, shape.member, item, `${path}[${i}]`));
    }
    case 'map': {
      if (!isObject(value)) break;
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = walkValue(walk, shape.value, v, path);
      return out;
    }
    case 'string':
      if (typeof value !== 'string') break;
      if (shape.values && !shape.values.has(value)) {
        fail(
          walk,
          path,
          'INVALID_ENUM_VALUE',
          `${path} must be one of the ${shape.enumName} values`
        );
      }
      return value;
    case 'timestamp': {
      const ms = parseTimestamp(value);
      if (ms === undefined) break;
      return ms;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) break;
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') break;
      return value;
    default:
      return value;
  }
  fail(walk, path, 'INVALID_VALUE', `${path} must be ${typeName(shape)}`);
  return undefined;
};

const walkStruct = (walk: Walk, shape: StructShape, value: Json, prefix: string): Json => {
  const out: Json = {};
  let set = 0;
  for (const member of shape.members.values()) {
    const path = prefix ? `${prefix}.${member.name}` : member.name;
    const raw = value[member.name];
    if (raw === undefined || raw === null) {
      if (member.required) fail(walk, path, 'REQUIRED_FIELD_MISSING', `${path} is required`);
      continue;
    }
    const normalised = walkValue(walk, member.shape, raw, path);
    if (normalised === undefined) continue;
    checkConstraint(walk, path, shape.name, member.name, raw);
    out[member.name] = normalised;
    set += 1;
  }
  if (shape.kind === 'union' && set !== 1) {
    fail(walk, prefix || shape.name, 'INVALID_VALUE', `${prefix} must set exactly one member`);
  }
  return out;
};

/**
 * Validates a request body against `shape`. Returns a normalised copy (modelled members only,
 * timestamps as epoch milliseconds) and the field errors found.
 */
export const validateInput = (
  shape: StructShape,
  body: unknown,
  prefix = ''
): { value: Json; errors: FieldError[] } => {
  const walk: Walk = { errors: [] };
  if (!isObject(body)) {
    fail(walk, prefix || shape.name, 'INVALID_VALUE', 'the request body must be a JSON object');
    return { value: {}, errors: walk.errors };
  }
  return { value: walkStruct(walk, shape, body, prefix), errors: walk.errors };
};

const projectValue = (shape: Shape, value: unknown): unknown => {
  if (value === undefined || value === null) return undefined;
  switch (shape.kind) {
    case 'structure':
    case 'union':
      return isObject(value) ? project(shape, value) : undefined;
    case 'list':
      return Array.isArray(value) ? value.map((v) => projectValue(shape.member, v)) : undefined;
    case 'map': {
      if (!isObject(value)) return undefined;
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = projectValue(shape.value, v);
      return out;
    }
    case 'timestamp':
      return typeof value === 'number' ? new Date(value).toISOString() : value;
    default:
      return value;
  }
};

/**
 * Projects an internal record onto an output shape: only members the shape declares, nested
 * shapes recursively, epoch-millisecond timestamps as ISO-8601 strings.
 */
export const project = (shape: StructShape, record: Json): Json => {
  const out: Json = {};
  for (const member of shape.members.values()) {
    const v = projectValue(member.shape, record[member.name]);
    if (v !== undefined) out[member.name] = v;
  }
  return out;
};
