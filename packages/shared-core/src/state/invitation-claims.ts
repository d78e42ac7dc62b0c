import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors/common-errors';
import { assertId } from '../keys/ids';
import { keys } from '../keys/keys';
import {
  describeValue,
  isConditionalCheckFailed,
  isoOf,
  rawStringAttribute,
  resolveDeps,
  type StateRepoDeps,
  send,
} from './dynamo-support';

/**
 * Outcome of `claim`: this caller may create the referral deal (`acquired`, with the token that proves it),
 * the invitation already has its deal (`bound`), or another caller is creating it right now (`held`).
 */
export type InvitationClaim =
  | { status: 'acquired'; token: string }
  | { status: 'bound'; dealId: string }
  | { status: 'held' };

/**
 * The right to create the one HubSpot deal of an AWS engagement invitation. Two paths create referral deals
 * (the events handler on `Engagement Invitation Created`, and the reconcile sweep for invitations whose event
 * was dropped); whoever claims the invitation creates the deal, the other observes `held` or `bound`.
 */
export interface InvitationClaims {
  /**
   * Claims the invitation. `owner` (optional) makes the token deterministic, e.g. `event:<id>`: a retry of the
   * same work (Lambda re-invoking an event whose attempt crashed holding the claim) takes its own claim back
   * at once instead of waiting for the lease to run out. Different owners still exclude each other.
   */
  claim(invitationId: string, owner?: string): Promise<InvitationClaim>;
  /**
   * Re-asserts a claim right before the external write and restarts its lease. False when the claim was lost
   * (it expired and another caller took it) or the invitation got its deal meanwhile: do not create then.
   */
  renew(invitationId: string, token: string): Promise<boolean>;
  /** Gives an unused claim back (no deal was created); a no-op when `token` no longer holds it. */
  release(invitationId: string, token: string): Promise<void>;
}

/** Claim tokens are UUIDs or similar opaque ids. */
const CLAIM_TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

const NAMES = {
  '#dealId': 'dealId',
  '#owner': 'claimOwner',
  '#until': 'claimUntil',
} as const;

/**
 * Claims kept on the invitation's reverse row (entity-mappings `INV#<invitationId>` / `REVERSE`), the same row
 * that maps the invitation to its deal once the deal exists. A claim is a lease: `claimOwner` (a random token)
 * and `claimUntil` (epoch ms), taken with a conditional update that succeeds only while the row has no
 * `dealId` and no unexpired claim, so exactly one caller holds it at a time. Binding the deal
 * (`AceSubmissionRepo.update(dealId, { invitationId })`) sets `dealId` on the same row, after which every
 * claim answers `bound`. A holder that crashes loses the claim when the lease runs out; the next holder looks
 * the deal up by its invitation-id property first, so the lease must outlast HubSpot's search indexing delay
 * (seconds) and the holder's create call. No TTL: a bound reverse row must never expire.
 * @example const claims = makeInvitationClaims({ doc, tableName, leaseSeconds: 120 });
 *          const c = await claims.claim(invitationId);
 *          if (c.status === 'acquired' && (await claims.renew(invitationId, c.token))) createTheDeal();
 */
export const makeInvitationClaims = (
  deps: StateRepoDeps & { leaseSeconds?: number; newToken?: () => string }
): InvitationClaims => {
  const d = resolveDeps(deps, 'invitation claims');
  const leaseSeconds = deps.leaseSeconds ?? 120;
  if (!Number.isSafeInteger(leaseSeconds) || leaseSeconds < 1)
    throw new ValidationError(
      `invitation claims: leaseSeconds must be a positive integer, got ${describeValue(leaseSeconds)}`
    );
  const leaseMs = leaseSeconds * 1000;
  const newToken = () => assertId((deps.newToken ?? randomUUID)(), CLAIM_TOKEN, 'claim token');

  const readDealId = async (invitationId: string): Promise<string | undefined> => {
    const res = await send('GetItem', d.tableName, () =>
      d.doc.send(
        new GetCommand({
          TableName: d.tableName,
          Key: keys.invitation(invitationId),
          ConsistentRead: true,
        })
      )
    );
    const dealId = res.Item?.dealId;
    return typeof dealId === 'string' ? dealId : undefined;
  };

  return {
    claim: async (invitationId, owner) => {
      const key = keys.invitation(invitationId);
      const nowMs = d.now();
      const token = owner === undefined ? newToken() : assertId(owner, CLAIM_TOKEN, 'claim owner');
      try {
        await send('UpdateItem', d.tableName, () =>
          d.doc.send(
            new UpdateCommand({
              TableName: d.tableName,
              Key: key,
              UpdateExpression:
                'SET #owner = :token, #until = :until, #claimedAt = :at, #createdAt = if_not_exists(#createdAt, :at), #updatedAt = :at ADD #claims :one',
              ConditionExpression:
                'attribute_not_exists(#dealId) AND (attribute_not_exists(#until) OR #until <= :nowMs OR #owner = :token)',
              ExpressionAttributeNames: {
                ...NAMES,
                '#claimedAt': 'claimedAt',
                '#createdAt': 'createdAt',
                '#updatedAt': 'updatedAt',
                '#claims': 'claims',
              },
              ExpressionAttributeValues: {
                ':token': token,
                ':until': nowMs + leaseMs,
                ':at': isoOf(nowMs),
                ':nowMs': nowMs,
                ':one': 1,
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            })
          )
        );
        return { status: 'acquired', token };
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
        // DynamoDB returns the row that refused the claim; emulators that do not (dynalite) are read.
        const returned = (err as { Item?: unknown }).Item;
        const dealId = returned
          ? rawStringAttribute(returned, 'dealId')
          : await readDealId(invitationId);
        return dealId ? { status: 'bound', dealId } : { status: 'held' };
      }
    },

    renew: async (invitationId, tokenInput) => {
      const key = keys.invitation(invitationId);
      const token = assertId(tokenInput, CLAIM_TOKEN, 'claim token');
      const nowMs = d.now();
      try {
        await send('UpdateItem', d.tableName, () =>
          d.doc.send(
            new UpdateCommand({
              TableName: d.tableName,
              Key: key,
              UpdateExpression: 'SET #until = :until, #updatedAt = :at',
              ConditionExpression: '#owner = :token AND attribute_not_exists(#dealId)',
              ExpressionAttributeNames: { ...NAMES, '#updatedAt': 'updatedAt' },
              ExpressionAttributeValues: {
                ':token': token,
                ':until': nowMs + leaseMs,
                ':at': isoOf(nowMs),
              },
            })
          )
        );
        return true;
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
        return false;
      }
    },

    release: async (invitationId, tokenInput) => {
      const key = keys.invitation(invitationId);
      const token = assertId(tokenInput, CLAIM_TOKEN, 'claim token');
      try {
        await send('UpdateItem', d.tableName, () =>
          d.doc.send(
            new UpdateCommand({
              TableName: d.tableName,
              Key: key,
              UpdateExpression: 'REMOVE #owner, #until SET #updatedAt = :at',
              ConditionExpression: '#owner = :token AND attribute_not_exists(#dealId)',
              ExpressionAttributeNames: { ...NAMES, '#updatedAt': 'updatedAt' },
              ExpressionAttributeValues: { ':token': token, ':at': isoOf(d.now()) },
            })
          )
        );
      } catch (err) {
        // Taken over after expiry, or bound meanwhile: there is nothing of ours to give back.
        if (!isConditionalCheckFailed(err)) throw err;
      }
    },
  };
};
