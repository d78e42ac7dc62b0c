// Turns a Partner Central error into text that may be written back to a HubSpot deal (DESIGN §5): messages
// about customer, contact and value fields are redacted entirely; every other AWS message is scrubbed of
// the values we sent, of e-mail addresses, phone numbers and URLs, and cut to 200 characters.
import { REDACTED, redactText } from '../log/redact';
import type { AceApiError } from './errors';

/** Longest AWS message kept after scrubbing. */
export const AWS_MESSAGE_MAX = 200;
/** Longest note written back to a deal. */
export const AWS_NOTE_MAX = 1000;

/**
 * Field paths (prefixes) whose values are customer, contact, partner-team or money data. Matches the SDK's
 * `sensitive` members plus the free-text fields the model marks as PII.
 */
export const SENSITIVE_FIELD_PREFIXES: readonly string[] = [
  'Customer',
  'OpportunityTeam',
  'Project.ExpectedCustomerSpend',
  'Project.Title',
  'Project.CustomerBusinessProblem',
  'Project.OtherSolutionDescription',
  'Project.AdditionalComments',
  'SoftwareRevenue',
  'LifeCycle.NextSteps',
  'Marketing.CampaignName',
];

const normalisePath = (path: string) => path.replace(/\[\d+\]/g, '').replace(/^\$?\.?/, '');

/** True when a dotted field path (`Customer.Account.WebsiteUrl`, `Customer.Contacts[0].Email`) is sensitive. */
export const isSensitiveField = (path: string | undefined): boolean => {
  if (!path) return false;
  const p = normalisePath(path);
  return SENSITIVE_FIELD_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}.`));
};

/**
 * Collects the string (and numeric) leaves of a request payload that sit under sensitive paths, so they
 * can be scrubbed from any AWS text that echoes them. Short values (< 3 chars) are ignored.
 */
export const sensitiveValuesOf = (payload: unknown): string[] => {
  const out = new Set<string>();
  const walk = (node: unknown, path: string) => {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, path);
      return;
    }
    if (typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    if ((typeof node === 'string' || typeof node === 'number') && isSensitiveField(path)) {
      const s = String(node).trim();
      if (s.length >= 3) out.add(s);
    }
  };
  walk(payload, '');
  // Longest first, so a value containing another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
};

const URL_TEXT = /\bhttps?:\/\/[^\s'"<>]+|\bwww\.[^\s'"<>]+/gi;

/**
 * Scrubs one AWS message: removes the given values and URLs, then applies the shared `redactText`
 * (e-mails, phone numbers, token shapes, amounts masked; one line; at most `max` characters).
 * @example scrubAwsText("CompanyName 'Acme' too long", ['Acme']) // "CompanyName '[REDACTED]' too long"
 */
export const scrubAwsText = (
  text: string | undefined,
  sensitiveValues: readonly string[] = [],
  max = AWS_MESSAGE_MAX
): string => {
  if (!text) return '';
  let out = text;
  for (const v of sensitiveValues) out = out.split(v).join(REDACTED);
  return redactText(out.replace(URL_TEXT, REDACTED), max);
};

/**
 * The note written back to HubSpot for a failed Partner Central call: the operation, the exception and,
 * per field, the path, the code and a redacted message (fully redacted for sensitive fields).
 */
export const describeAceErrorForDeal = (err: AceApiError, sentPayload?: unknown): string => {
  const values = sentPayload === undefined ? [] : sensitiveValuesOf(sentPayload);
  const head = `AWS ${err.operation} failed (${err.awsName}${err.reason ? `, ${err.reason}` : ''})`;
  const parts: string[] = [];
  for (const f of err.fieldErrors.slice(0, 10)) {
    const msg = isSensitiveField(f.fieldName) ? REDACTED : scrubAwsText(f.message, values);
    parts.push(`${f.fieldName ?? 'request'} ${f.code ?? 'INVALID'}${msg ? `: ${msg}` : ''}`);
  }
  if (parts.length === 0) {
    const msg = scrubAwsText(err.awsMessage, values);
    if (msg) parts.push(msg);
  }
  const text = parts.length > 0 ? `${head}: ${parts.join('; ')}` : head;
  return text.length > AWS_NOTE_MAX ? `${text.slice(0, AWS_NOTE_MAX - 1)}…` : text;
};
