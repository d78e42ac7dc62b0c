// HubSpot error bodies echo submitted values ("jane@example.com is not a valid email"), so nothing of
// their free text is kept. What survives is structural: status, category, sub-category, HubSpot's
// per-property error codes and property names (prior-art §5.5 redacted values; we drop them).
import { isRawRecord } from '../mapping/govwin/field-reader';

/** A redacted, structural summary of one HubSpot error object. */
export interface HubSpotErrorSummary {
  category: string;
  subCategory?: string;
  /** Names of the properties HubSpot complained about, with its error code when given. */
  properties: string[];
  objectWriteTraceId?: string;
  /** Ids HubSpot listed in `context.ids` (values of the idProperty, or record ids). */
  contextIds: string[];
}

const SAFE_TOKEN = /^[A-Za-z0-9_.:-]{1,100}$/;
const safe = (value: unknown): string | undefined =>
  typeof value === 'string' && SAFE_TOKEN.test(value) ? value : undefined;

const propertyErrors = (message: unknown): string[] => {
  if (typeof message !== 'string') return [];
  const start = message.indexOf('[');
  if (start < 0) return [];
  try {
    const parsed: unknown = JSON.parse(message.slice(start));
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((p) => {
      if (!isRawRecord(p)) return [];
      const name = safe(p.name);
      if (!name) return [];
      const code = safe(p.error);
      return [code ? `${name}:${code}` : name];
    });
  } catch {
    return [];
  }
};

/**
 * Summarises one HubSpot error object (a whole-response body or one entry of `errors[]`).
 * @example summariseHubSpotError({ category: 'VALIDATION_ERROR', message: 'Property values were not valid: [{"name":"email","error":"INVALID_EMAIL"}]' })
 *          // { category: 'VALIDATION_ERROR', properties: ['email:INVALID_EMAIL'], contextIds: [] }
 */
export const summariseHubSpotError = (error: unknown): HubSpotErrorSummary => {
  if (!isRawRecord(error)) return { category: 'UNKNOWN', properties: [], contextIds: [] };
  const context = isRawRecord(error.context) ? error.context : {};
  const contextIds = Object.values(context)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string');
  const nested = Array.isArray(error.errors) ? error.errors : [];
  const properties = [
    ...propertyErrors(error.message),
    ...nested.flatMap((e) => (isRawRecord(e) ? propertyErrors(e.message) : [])),
  ];
  const subCategory = safe(error.subCategory);
  const traceId =
    typeof error.objectWriteTraceId === 'string' ? error.objectWriteTraceId : undefined;
  return {
    category: safe(error.category) ?? 'UNKNOWN',
    ...(subCategory ? { subCategory } : {}),
    properties: [...new Set(properties)],
    ...(traceId !== undefined ? { objectWriteTraceId: traceId } : {}),
    contextIds,
  };
};

/** One log-safe line for a summary. */
export const describeHubSpotError = (
  summary: HubSpotErrorSummary,
  status?: number | string
): string =>
  [
    status === undefined ? undefined : `HTTP ${status}`,
    summary.category,
    summary.subCategory,
    summary.properties.length > 0
      ? `properties: ${summary.properties.slice(0, 10).join(', ')}`
      : undefined,
  ]
    .filter(Boolean)
    .join(' ');
