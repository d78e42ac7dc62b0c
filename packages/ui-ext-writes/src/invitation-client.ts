// Engagement invitations (AWS referrals) as the card answers them: read and reject. (Accepting goes through
// ace-submitter's StartEngagementByAcceptingInvitationTask, ADR 0007.) The shared ACE client has no
// invitation writes, so this small client applies the same rules: catalog pinned and echo-checked, every
// call paced through the shared gates, throttling and 5xx retried with jitter, failures classified once.
import {
  GetEngagementInvitationCommand,
  type GetEngagementInvitationCommandOutput,
  type PartnerCentralSellingClient,
  RejectEngagementInvitationCommand,
} from '@aws-sdk/client-partnercentral-selling';
import {
  ACE_INVITATION_ID,
  type AceRateGates,
  assertId,
  type Catalog,
  classifyAceError,
  crossCatalogError,
} from '@govwin-ace/shared-core';

/** Dependencies of {@link makeInvitationClient}. */
export interface InvitationClientDeps {
  client: Pick<PartnerCentralSellingClient, 'send'>;
  catalog: Catalog;
  gates: AceRateGates;
  /** Attempts per call including the first (default 3: the card waits at most 15 s). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const RETRIED = new Set(['throttling', 'internal', 'unavailable']);

/**
 * Builds the invitation client.
 * @example const invitations = makeInvitationClient({ client, catalog: 'Sandbox', gates });
 */
export const makeInvitationClient = (deps: InvitationClientDeps) => {
  const maxAttempts = deps.maxAttempts ?? 3;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const { catalog } = deps;

  const call = async <T>(operation: string, kind: 'read' | 'write', send: () => Promise<T>) => {
    for (let attempt = 1; ; attempt++) {
      await (kind === 'write' ? deps.gates.write() : deps.gates.read());
      try {
        return await send();
      } catch (err) {
        const classified = classifyAceError(err, operation);
        if (!RETRIED.has(classified.kind) || attempt >= maxAttempts) throw classified;
        await sleep(Math.round(250 * 2 ** (attempt - 1) * (0.5 + random() / 2)));
      }
    }
  };
  const id = (value: string) => assertId(value, ACE_INVITATION_ID, 'engagement invitation id');

  return {
    get: async (invitationId: string): Promise<GetEngagementInvitationCommandOutput> => {
      const Identifier = id(invitationId);
      const out = await call('GetEngagementInvitation', 'read', () =>
        deps.client.send(new GetEngagementInvitationCommand({ Catalog: catalog, Identifier }))
      );
      if (out.Catalog !== catalog)
        throw crossCatalogError('GetEngagementInvitation', out.Catalog, catalog);
      return out;
    },
    reject: async (invitationId: string, reason: string): Promise<void> => {
      const Identifier = id(invitationId);
      await call('RejectEngagementInvitation', 'write', () =>
        deps.client.send(
          new RejectEngagementInvitationCommand({
            Catalog: catalog,
            Identifier,
            RejectionReason: reason,
          })
        )
      );
    },
  };
};

/** The invitation client's type (for test doubles). */
export type InvitationClient = ReturnType<typeof makeInvitationClient>;
