import { ValidationError } from '../errors/common-errors';

/** HubSpot object ids (deal, company, contact, user, portal): decimal digits, no leading sign. */
export const HUBSPOT_ID = /^[1-9][0-9]{0,19}$/;
/** GovWin global opportunity id: 3-letter type prefix + integer (external-apis §3.3). */
export const GOVWIN_OPP_ID = /^(OPP|TNS|BID|FBO|OPN|TOP)[0-9]{1,19}$/;
/** GovWin govEntity / contact ids: integers. */
export const GOVWIN_ENTITY_ID = /^[0-9]{1,19}$/;
/** Partner Central opportunity id (`O` + digits). */
export const ACE_OPPORTUNITY_ID = /^O[0-9]{1,19}$/;
/** Partner Central engagement invitation id. */
export const ACE_INVITATION_ID = /^engi-[0-9a-z]{13}$/;
/** EventBridge event id (UUID). */
export const EVENT_ID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/**
 * A Lambda function ARN, optionally with a version or alias; group 1 is the function name (the
 * `requestContext.functionArn` of an on-failure record).
 */
export const LAMBDA_FUNCTION_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9$_-]{1,128})?$/;
/** Hex SHA-256 digest (replay fingerprints, audit hashes). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Rate-limit bucket names: short lowercase slugs. */
export const BUCKET_NAME = /^[a-z][a-z0-9-]{0,62}$/;

const describe = (value: unknown): string =>
  typeof value === 'string' ? `a ${value.length}-character string` : `a ${typeof value}`;

/**
 * Returns `value` when it matches `pattern`, else throws a one-line ValidationError naming the kind of
 * id. The offending value is described, never echoed, so attacker-controlled text cannot reach logs.
 * @example assertId('12345', HUBSPOT_ID, 'HubSpot deal id') // '12345'
 */
export const assertId = (value: unknown, pattern: RegExp, kind: string): string => {
  if (typeof value === 'string' && pattern.test(value)) return value;
  throw new ValidationError(
    `${kind} is invalid: expected ${pattern.source}, got ${describe(value)}`,
    {
      code: 'INVALID_ID',
    }
  );
};

/** Accepts a HubSpot id given as a number or a string and returns its canonical string form. */
export const normaliseHubSpotId = (value: unknown, kind = 'HubSpot id'): string =>
  assertId(
    typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value,
    HUBSPOT_ID,
    kind
  );
