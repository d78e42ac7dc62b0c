// Shared request-body helpers of the HubSpot simulator.
import { parseJsonBody } from '../common/http-simulator';
import { validationError } from './errors';

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a JSON body or throws HubSpot's 400 for invalid JSON. */
export const readJson = (raw: string): unknown => {
  const parsed = parseJsonBody(raw);
  if (!parsed.ok)
    throw validationError('Invalid input JSON on line 1, column 1: the body is not valid JSON');
  return parsed.value;
};

/** Reads `{ inputs: [...] }` with the batch limit (default 100). */
export const readInputs = (raw: string, max = 100): unknown[] => {
  const body = readJson(raw);
  if (!isRecord(body) || !Array.isArray(body.inputs))
    throw validationError('Invalid input JSON: expected { inputs: [...] }');
  if (body.inputs.length > max) {
    throw validationError(
      `Batch input limit exceeded: ${body.inputs.length} inputs, at most ${max} are allowed`
    );
  }
  return body.inputs;
};

/** `properties=a,b&properties=c` -> ['a','b','c']. */
export const readList = (query: URLSearchParams, name: string): string[] =>
  query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
