// The one Partner Central client every Lambda uses (external-apis §1). It pins the catalog, paces every call
// through shared gates (1 write/s, 10 reads/s per account), retries throttling and transient faults with
// jittered back-off, echo-checks the catalog of every read and classifies every failure.
import {
  AssociateOpportunityCommand,
  type AssociateOpportunityCommandInput,
  type AwsSubmission,
  CreateOpportunityCommand,
  type CreateOpportunityCommandInput,
  DisassociateOpportunityCommand,
  GetEngagementInvitationCommand,
  type GetEngagementInvitationCommandOutput,
  GetOpportunityCommand,
  type GetOpportunityCommandOutput,
  type ListEngagementByAcceptingInvitationTaskSummary,
  ListEngagementByAcceptingInvitationTasksCommand,
  type ListEngagementFromOpportunityTaskSummary,
  ListEngagementFromOpportunityTasksCommand,
  ListEngagementInvitationsCommand,
  type ListEngagementInvitationsCommandInput,
  type ListEngagementInvitationsCommandOutput,
  ListOpportunitiesCommand,
  type ListOpportunitiesCommandInput,
  type ListOpportunitiesCommandOutput,
  type OpportunitySummary,
  type PartnerCentralSellingClient,
  StartEngagementByAcceptingInvitationTaskCommand,
  type StartEngagementByAcceptingInvitationTaskCommandOutput,
  StartEngagementFromOpportunityTaskCommand,
  type StartEngagementFromOpportunityTaskCommandOutput,
  UpdateOpportunityCommand,
  type UpdateOpportunityCommandInput,
} from '@aws-sdk/client-partnercentral-selling';
import type { Catalog } from '../config/env';
import { ValidationError } from '../errors/common-errors';
import { ACE_INVITATION_ID, ACE_OPPORTUNITY_ID, assertId } from '../keys/ids';
import { type AceApiError, type AceErrorKind, classifyAceError, crossCatalogError } from './errors';

/** CreateOpportunity body without what the client owns (Catalog, ClientToken). */
export type AceCreateBody = Omit<CreateOpportunityCommandInput, 'Catalog' | 'ClientToken'>;
/** UpdateOpportunity body without what the client owns (Catalog, Identifier, LastModifiedDate). */
export type AceUpdateBody = Omit<
  UpdateOpportunityCommandInput,
  'Catalog' | 'Identifier' | 'LastModifiedDate'
>;
/** A related entity kind for Associate/Disassociate. */
export type AceRelatedEntityType = AssociateOpportunityCommandInput['RelatedEntityType'];

/** Waits until the shared quota allows one more call of the given class. */
export interface AceRateGates {
  read: () => Promise<void>;
  write: () => Promise<void>;
}

/** Retry policy for throttling / 5xx / network faults. */
export interface AceRetryPolicy {
  /** Attempts per call, including the first (default 5). */
  maxAttempts: number;
  /** First back-off in ms (default 500); doubles per attempt, full jitter. */
  baseDelayMs: number;
  /** Back-off ceiling in ms (default 20 000). */
  maxDelayMs: number;
}

/** Observed on every retried attempt (for metrics and logs: ids and codes only). */
export interface AceRetryInfo {
  operation: string;
  attempt: number;
  kind: AceErrorKind;
  delayMs: number;
}

/** Dependencies of {@link makeAceClient}. */
export interface AceClientDeps {
  /** Built by `makeAwsClients(...).partnerCentral()`, ideally with `maxAttempts: 1` so pacing sees every try. */
  client: Pick<PartnerCentralSellingClient, 'send'>;
  catalog: Catalog;
  gates: AceRateGates;
  retry?: Partial<AceRetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: AceRetryInfo) => void;
}

const RETRIED: ReadonlySet<AceErrorKind> = new Set(['throttling', 'internal', 'unavailable']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const requireToken = (token: string, operation: string): string => {
  // The SDK silently invents a random token when none is passed, which defeats idempotency across
  // redeliveries (external-apis §1.11 #1). Refuse to call without one.
  if (typeof token !== 'string' || token.length < 1 || token.length > 255)
    throw new ValidationError(`${operation} needs an explicit ClientToken of 1-255 characters`, {
      code: 'ACE_CLIENT_TOKEN_MISSING',
    });
  return token;
};

/**
 * Builds the Partner Central client.
 * @example const ace = makeAceClient({ client: aws.partnerCentral(), catalog: 'Sandbox', gates });
 *          const opp = await ace.getOpportunity('O1234567');
 */
export const makeAceClient = (deps: AceClientDeps) => {
  const policy: AceRetryPolicy = {
    maxAttempts: deps.retry?.maxAttempts ?? 5,
    baseDelayMs: deps.retry?.baseDelayMs ?? 500,
    maxDelayMs: deps.retry?.maxDelayMs ?? 20_000,
  };
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const { catalog } = deps;

  const call = async <T>(
    operation: string,
    kind: 'read' | 'write',
    send: () => Promise<T>
  ): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      await (kind === 'write' ? deps.gates.write() : deps.gates.read());
      try {
        return await send();
      } catch (err) {
        const classified: AceApiError = classifyAceError(err, operation);
        if (!RETRIED.has(classified.kind) || attempt >= policy.maxAttempts) throw classified;
        const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delayMs = Math.round(cap / 2 + (random() * cap) / 2);
        deps.onRetry?.({ operation, attempt, kind: classified.kind, delayMs });
        await sleep(delayMs);
      }
    }
  };

  const echo = (operation: string, got: unknown) => {
    if (got !== catalog) throw crossCatalogError(operation, got, catalog);
  };

  const opportunityId = (id: string) => assertId(id, ACE_OPPORTUNITY_ID, 'ACE opportunity id');

  const listOpportunities = async (
    input: Omit<ListOpportunitiesCommandInput, 'Catalog'> = {}
  ): Promise<ListOpportunitiesCommandOutput> => {
    const out = await call('ListOpportunities', 'read', () =>
      deps.client.send(new ListOpportunitiesCommand({ ...input, Catalog: catalog }))
    );
    for (const s of out.OpportunitySummaries ?? []) echo('ListOpportunities', s.Catalog);
    return out;
  };

  return {
    catalog,

    /** CreateOpportunity with an explicit, caller-reserved ClientToken (same token => same opportunity). */
    createOpportunity: async (body: AceCreateBody, clientToken: string) => {
      const ClientToken = requireToken(clientToken, 'CreateOpportunity');
      const out = await call('CreateOpportunity', 'write', () =>
        deps.client.send(new CreateOpportunityCommand({ ...body, Catalog: catalog, ClientToken }))
      );
      return { id: opportunityId(out.Id ?? ''), lastModifiedDate: out.LastModifiedDate };
    },

    /** GetOpportunity; refuses a response from another catalog. */
    getOpportunity: async (id: string): Promise<GetOpportunityCommandOutput> => {
      const Identifier = opportunityId(id);
      const out = await call('GetOpportunity', 'read', () =>
        deps.client.send(new GetOpportunityCommand({ Catalog: catalog, Identifier }))
      );
      echo('GetOpportunity', out.Catalog);
      return out;
    },

    /** UpdateOpportunity: the body must be complete (the API replaces the whole object). */
    updateOpportunity: async (id: string, body: AceUpdateBody, lastModifiedDate: Date) => {
      const Identifier = opportunityId(id);
      const out = await call('UpdateOpportunity', 'write', () =>
        deps.client.send(
          new UpdateOpportunityCommand({
            ...body,
            Catalog: catalog,
            Identifier,
            LastModifiedDate: lastModifiedDate,
          })
        )
      );
      return { id: out.Id ?? Identifier, lastModifiedDate: out.LastModifiedDate };
    },

    associate: async (id: string, type: AceRelatedEntityType, entityId: string) => {
      const OpportunityIdentifier = opportunityId(id);
      await call('AssociateOpportunity', 'write', () =>
        deps.client.send(
          new AssociateOpportunityCommand({
            Catalog: catalog,
            OpportunityIdentifier,
            RelatedEntityType: type,
            RelatedEntityIdentifier: entityId,
          })
        )
      );
    },

    disassociate: async (id: string, type: AceRelatedEntityType, entityId: string) => {
      const OpportunityIdentifier = opportunityId(id);
      await call('DisassociateOpportunity', 'write', () =>
        deps.client.send(
          new DisassociateOpportunityCommand({
            Catalog: catalog,
            OpportunityIdentifier,
            RelatedEntityType: type,
            RelatedEntityIdentifier: entityId,
          })
        )
      );
    },

    /** StartEngagementFromOpportunityTask with an explicit, caller-reserved ClientToken. */
    startEngagementFromOpportunityTask: async (
      id: string,
      clientToken: string,
      submission: AwsSubmission
    ): Promise<StartEngagementFromOpportunityTaskCommandOutput> => {
      const Identifier = opportunityId(id);
      const ClientToken = requireToken(clientToken, 'StartEngagementFromOpportunityTask');
      return call('StartEngagementFromOpportunityTask', 'write', () =>
        deps.client.send(
          new StartEngagementFromOpportunityTaskCommand({
            Catalog: catalog,
            Identifier,
            ClientToken,
            AwsSubmission: submission,
          })
        )
      );
    },

    listOpportunities,

    /**
     * Pages through ListOpportunities (newest first) and returns the summaries whose
     * PartnerOpportunityIdentifier is one of `partnerIds`. Bounded by `maxPages` (100 per page).
     */
    findOpportunitiesByPartnerId: async (
      partnerIds: readonly string[],
      options: { maxPages?: number; customerCompanyName?: string } = {}
    ): Promise<OpportunitySummary[]> => {
      const wanted = new Set(partnerIds.filter(Boolean));
      if (wanted.size === 0) return [];
      const found: OpportunitySummary[] = [];
      let NextToken: string | undefined;
      for (let page = 0; page < (options.maxPages ?? 10); page++) {
        const out = await listOpportunities({
          MaxResults: 100,
          Sort: { SortBy: 'CreatedDate', SortOrder: 'DESCENDING' },
          ...(options.customerCompanyName
            ? { CustomerCompanyName: [options.customerCompanyName] }
            : {}),
          ...(NextToken ? { NextToken } : {}),
        });
        for (const s of out.OpportunitySummaries ?? [])
          if (s.PartnerOpportunityIdentifier && wanted.has(s.PartnerOpportunityIdentifier))
            found.push(s);
        NextToken = out.NextToken;
        if (!NextToken) break;
      }
      return found;
    },

    /** The StartEngagementFromOpportunityTask runs of one opportunity, newest first (first page). */
    listEngagementFromOpportunityTasks: async (
      id: string
    ): Promise<ListEngagementFromOpportunityTaskSummary[]> => {
      const OpportunityIdentifier = [opportunityId(id)];
      const out = await call('ListEngagementFromOpportunityTasks', 'read', () =>
        deps.client.send(
          new ListEngagementFromOpportunityTasksCommand({
            Catalog: catalog,
            OpportunityIdentifier,
            MaxResults: 100,
            Sort: { SortBy: 'StartTime', SortOrder: 'DESCENDING' },
          })
        )
      );
      return out.TaskSummaries ?? [];
    },

    /**
     * The accept-invitation task that produced an opportunity, if any: how an opportunity AWS created from
     * an accepted referral is linked back to the referral's invitation (and so to its HubSpot deal).
     */
    findAcceptTaskForOpportunity: async (
      id: string
    ): Promise<ListEngagementByAcceptingInvitationTaskSummary | undefined> => {
      const OpportunityIdentifier = [opportunityId(id)];
      const out = await call('ListEngagementByAcceptingInvitationTasks', 'read', () =>
        deps.client.send(
          new ListEngagementByAcceptingInvitationTasksCommand({
            Catalog: catalog,
            OpportunityIdentifier,
            MaxResults: 10,
          })
        )
      );
      return (out.TaskSummaries ?? []).find((t) => t.OpportunityId === OpportunityIdentifier[0]);
    },

    /**
     * StartEngagementByAcceptingInvitationTask with an explicit, caller-reserved ClientToken: accepts an AWS
     * referral and has AWS create the opportunity from it (asynchronously; `OpportunityId` once COMPLETE).
     */
    startEngagementByAcceptingInvitationTask: async (
      invitationId: string,
      clientToken: string
    ): Promise<StartEngagementByAcceptingInvitationTaskCommandOutput> => {
      const Identifier = assertId(invitationId, ACE_INVITATION_ID, 'engagement invitation id');
      const ClientToken = requireToken(clientToken, 'StartEngagementByAcceptingInvitationTask');
      return call('StartEngagementByAcceptingInvitationTask', 'write', () =>
        deps.client.send(
          new StartEngagementByAcceptingInvitationTaskCommand({
            Catalog: catalog,
            Identifier,
            ClientToken,
          })
        )
      );
    },

    /** The accept-invitation tasks of one invitation, newest first (first page). */
    listAcceptTasksForInvitation: async (
      invitationId: string
    ): Promise<ListEngagementByAcceptingInvitationTaskSummary[]> => {
      const Identifier = assertId(invitationId, ACE_INVITATION_ID, 'engagement invitation id');
      const out = await call('ListEngagementByAcceptingInvitationTasks', 'read', () =>
        deps.client.send(
          new ListEngagementByAcceptingInvitationTasksCommand({
            Catalog: catalog,
            EngagementInvitationIdentifier: [Identifier],
            MaxResults: 100,
            Sort: { SortBy: 'StartTime', SortOrder: 'DESCENDING' },
          })
        )
      );
      return (out.TaskSummaries ?? []).filter((t) => t.EngagementInvitationId === Identifier);
    },

    /** ListEngagementInvitations (one page); refuses a summary from another catalog. */
    listEngagementInvitations: async (
      input: Omit<ListEngagementInvitationsCommandInput, 'Catalog'>
    ): Promise<ListEngagementInvitationsCommandOutput> => {
      const out = await call('ListEngagementInvitations', 'read', () =>
        deps.client.send(new ListEngagementInvitationsCommand({ ...input, Catalog: catalog }))
      );
      for (const s of out.EngagementInvitationSummaries ?? [])
        echo('ListEngagementInvitations', s.Catalog);
      return out;
    },

    /** GetEngagementInvitation; refuses a response from another catalog. */
    getEngagementInvitation: async (id: string): Promise<GetEngagementInvitationCommandOutput> => {
      const Identifier = assertId(id, ACE_INVITATION_ID, 'engagement invitation id');
      const out = await call('GetEngagementInvitation', 'read', () =>
        deps.client.send(new GetEngagementInvitationCommand({ Catalog: catalog, Identifier }))
      );
      echo('GetEngagementInvitation', out.Catalog);
      return out;
    },
  };
};

/** The client's type, for ports and test doubles. */
export type AceClient = ReturnType<typeof makeAceClient>;
