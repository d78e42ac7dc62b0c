// The writes Lambda's Partner Central client, narrowed to an allow-list of commands. IAM already denies
// CreateOpportunity and StartEngagement* to this role (DESIGN §5); this guard makes the code refuse them too,
// before any network call, whatever a route, a crafted body or a shared helper asks for. Accepting a
// referral is not on the list either: the card queues it for ace-submitter (ADR 0007).
import {
  AssociateOpportunityCommand,
  DisassociateOpportunityCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  type PartnerCentralSellingClient,
  RejectEngagementInvitationCommand,
  UpdateOpportunityCommand,
} from '@aws-sdk/client-partnercentral-selling';
import { ForbiddenAceOperationError } from './errors';

/** The only commands the card's writes may send. */
export const ALLOWED_ACE_COMMANDS = [
  GetOpportunityCommand,
  UpdateOpportunityCommand,
  AssociateOpportunityCommand,
  DisassociateOpportunityCommand,
  GetEngagementInvitationCommand,
  RejectEngagementInvitationCommand,
] as const;

/** The operation name of a command, for the refusal message (class names survive minification poorly). */
const operationOf = (command: unknown): string => {
  const name = (command as { constructor?: { name?: unknown } })?.constructor?.name;
  return typeof name === 'string' && /^[A-Za-z]{1,80}$/.test(name)
    ? name.replace(/Command$/, '')
    : 'unknown';
};

/**
 * Wraps a Partner Central client so that `send` passes only allow-listed commands (checked with
 * `instanceof`, which minification cannot break) and throws ForbiddenAceOperationError for anything else.
 * @example const client = guardPartnerCentral(aws.partnerCentral()); // CreateOpportunity -> throws, never sent
 */
export const guardPartnerCentral = (
  client: Pick<PartnerCentralSellingClient, 'send'>
): Pick<PartnerCentralSellingClient, 'send'> => {
  const send = (command: unknown, ...rest: unknown[]) => {
    if (!ALLOWED_ACE_COMMANDS.some((allowed) => command instanceof allowed))
      return Promise.reject(new ForbiddenAceOperationError(operationOf(command)));
    return (client.send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
  };
  return { send: send as PartnerCentralSellingClient['send'] };
};
