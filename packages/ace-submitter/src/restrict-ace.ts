// Defence in depth for least privilege (DESIGN §5): a handler whose IAM role may only read Partner Central
// gets an ACE client that refuses every other call before it leaves the process, so a code path that would
// write is caught in tests and in the local runtime (which has no IAM) instead of failing in AWS.
import { type AceClient, AppError } from '@govwin-ace/shared-core';

/** A handler called a Partner Central operation its role does not hold. Not retryable: it is a bug. */
export class AceCallNotPermittedError extends AppError {
  public readonly operation: string;
  public constructor(who: string, operation: string) {
    super(`${who} may not call ${operation} (not granted to its role)`, {
      code: 'ACE_CALL_NOT_PERMITTED',
      retryable: false,
    });
    this.name = 'AceCallNotPermittedError';
    this.operation = operation;
  }
}

/**
 * The client methods the events handler calls, each with the one IAM action it needs. Mirrors the events
 * role's Partner Central statements (terraform/modules/ace/partner_central.tf): reads only.
 */
export const EVENTS_ACE_CALLS = {
  getOpportunity: 'partnercentral:GetOpportunity',
  getEngagementInvitation: 'partnercentral:GetEngagementInvitation',
  findAcceptTaskForOpportunity: 'partnercentral:ListEngagementByAcceptingInvitationTasks',
} as const satisfies Partial<Record<keyof AceClient, string>>;

/**
 * Returns a client that delegates the `allowed` methods and refuses every other one (including methods
 * added to the client later) with AceCallNotPermittedError; plain values (the catalog) are kept.
 * @example const ace = restrictAceClient(makeAceClient(...), Object.keys(EVENTS_ACE_CALLS), 'ace-submitter-events');
 */
export const restrictAceClient = (
  ace: AceClient,
  allowed: readonly string[],
  who: string
): AceClient => {
  const restricted: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(ace))
    restricted[name] =
      typeof member !== 'function' || allowed.includes(name)
        ? member
        : async () => {
            throw new AceCallNotPermittedError(who, name);
          };
  return restricted as AceClient;
};
