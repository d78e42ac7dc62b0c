// In-memory doubles for the reconcile and referral cores' unit tests: a repository with reverse rows, an
// invitation-claim store with the real one's rules (one holder, bound wins, expiry by an injected clock), a
// Partner Central that pages ListEngagementInvitations / ListOpportunities with NextToken, and a recording
// submit requeuer. Every call is recorded so tests can assert what was read and in what order.
import type {
  EngagementInvitationSummary,
  GetEngagementInvitationCommandOutput,
  OpportunitySummary,
} from '@aws-sdk/client-partnercentral-selling';
import type { AceSubmission, InvitationClaim, InvitationClaims } from '@govwin-ace/shared-core';
import type { makeReconcile } from '../../src/reconcile';
import type { SubmitRequeueInput } from '../../src/submit-requeue';
import { type FakeDealStore, makeFakeDealStore } from './fake-deal-store';
import { SUBMIT_STAGE } from './messages';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
  type RecordingLogger,
} from './recorders';

export const PARTNER = '111122223333';
export const REFERRAL_STAGE = 's-referral';
export const T0 = Date.parse('2026-11-23T12:00:00Z');

/** A row as the repository returns it. */
export const aRow = (dealId: string, fields: Partial<AceSubmission> = {}): AceSubmission => ({
  dealId,
  clientTokens: {},
  steps: {},
  parkedEdits: [],
  updatedAt: new Date(T0).toISOString(),
  ...fields,
});

export const makeMemoryRepo = () => {
  const rows = new Map<string, AceSubmission>();
  const invitations = new Map<string, string>();
  const calls = { get: 0 };
  return {
    rows,
    invitations,
    calls,
    get: async (dealId: string | number) => {
      calls.get += 1;
      return rows.get(String(dealId));
    },
    findDealByInvitation: async (invitationId: string) => invitations.get(invitationId),
    findDealByAceId: async () => undefined,
    update: async (dealId: string | number, fields: Partial<AceSubmission>) => {
      const id = String(dealId);
      if (fields.invitationId) {
        const bound = invitations.get(fields.invitationId);
        if (bound && bound !== id) throw new Error('invitation bound to another deal');
        invitations.set(fields.invitationId, id);
      }
      rows.set(id, { ...(rows.get(id) ?? aRow(id)), ...fields });
    },
    listWithParkedEdits: async function* () {
      for (const row of rows.values()) if (row.parkedEdits.length > 0) yield row;
    },
    listAll: async function* () {
      yield* rows.values();
    },
  };
};
export type MemoryRepo = ReturnType<typeof makeMemoryRepo>;

/** Claims with the DynamoDB store's rules, over the memory repository's reverse rows. */
export const makeMemoryClaims = (
  repo: MemoryRepo,
  now: () => number,
  leaseMs = 120_000
): InvitationClaims & { log: string[] } => {
  const held = new Map<string, { token: string; until: number }>();
  const log: string[] = [];
  let seq = 0;
  return {
    log,
    claim: async (invitationId, owner): Promise<InvitationClaim> => {
      const dealId = repo.invitations.get(invitationId);
      if (dealId) return { status: 'bound', dealId };
      const current = held.get(invitationId);
      // Like the DynamoDB claim: a named owner takes its own unexpired claim back.
      if (current && current.until > now() && (owner === undefined || current.token !== owner))
        return { status: 'held' };
      seq += 1;
      const token = owner ?? `claim-${seq}`;
      held.set(invitationId, { token, until: now() + leaseMs });
      log.push(`claim:${invitationId}`);
      return { status: 'acquired', token };
    },
    renew: async (invitationId, token) => {
      log.push(`renew:${invitationId}`);
      const current = held.get(invitationId);
      if (repo.invitations.has(invitationId) || current?.token !== token) return false;
      held.set(invitationId, { token, until: now() + leaseMs });
      return true;
    },
    release: async (invitationId, token) => {
      log.push(`release:${invitationId}`);
      if (held.get(invitationId)?.token === token) held.delete(invitationId);
    },
  };
};

/** Splits `items` into pages with NextToken `p<n>`, the way a List* API answers. */
const paged = <T>(items: readonly T[], size: number, token: string | undefined) => {
  const start = token ? Number(token.slice(1)) : 0;
  const next = start + size;
  return {
    items: items.slice(start, next),
    ...(next < items.length ? { NextToken: `p${next}` } : {}),
  };
};

/** A pending AWS referral as GetEngagementInvitation returns it. */
export const aPendingInvitation = (id: string): GetEngagementInvitationCommandOutput =>
  ({
    Id: id,
    Catalog: 'Sandbox',
    Status: 'PENDING',
    PayloadType: 'OpportunityInvitation',
    SenderAwsAccountId: '999988887777',
    EngagementTitle: `Fictional referral ${id}`,
    ExpirationDate: new Date(T0 + 10 * 86_400_000),
  }) as GetEngagementInvitationCommandOutput;

export const makeFakeAce = (options: {
  invitations?: readonly string[];
  /** Page size Partner Central uses, whatever MaxResults asks for (AWS may return fewer). */
  invitationPage?: number;
  opportunities?: readonly OpportunitySummary[];
  opportunityPage?: number;
}) => {
  const inputs = {
    invitations: [] as Record<string, unknown>[],
    opportunities: [] as Record<string, unknown>[],
  };
  const summaries: EngagementInvitationSummary[] = (options.invitations ?? []).map((Id) => ({
    Id,
    Catalog: 'Sandbox',
    Status: 'PENDING',
    SenderAwsAccountId: '999988887777',
  }));
  return {
    inputs,
    listEngagementInvitations: async (input: { MaxResults?: number; NextToken?: string }) => {
      inputs.invitations.push({ ...input });
      const size = Math.min(input.MaxResults ?? 100, options.invitationPage ?? 100);
      const { items, ...rest } = paged(summaries, size, input.NextToken);
      return { EngagementInvitationSummaries: items, ...rest };
    },
    getEngagementInvitation: async (id: string) => aPendingInvitation(id),
    listOpportunities: async (input: { Identifier?: string[]; NextToken?: string }) => {
      inputs.opportunities.push({ ...input });
      const wanted = new Set(input.Identifier ?? []);
      const matching = (options.opportunities ?? []).filter((o) => wanted.has(o.Id ?? ''));
      const { items, ...rest } = paged(matching, options.opportunityPage ?? 20, input.NextToken);
      return { OpportunitySummaries: items, ...rest };
    },
    listEngagementFromOpportunityTasks: async () => [],
    listAcceptTasksForInvitation: async () => [],
    getOpportunity: async () => {
      throw new Error('not expected in this test');
    },
  };
};

export interface ReconcileWorld {
  reconcile: ReturnType<typeof makeReconcile>;
  deals: FakeDealStore;
  repo: MemoryRepo;
  claims: ReturnType<typeof makeMemoryClaims>;
  ace: ReturnType<typeof makeFakeAce>;
  logger: RecordingLogger;
  metrics: ReturnType<typeof makeRecordingMetrics>;
  requeued: SubmitRequeueInput[];
}

/** The reconcile core over the doubles; `limits` as the core takes them. */
export const makeReconcileWorld = (
  make: typeof makeReconcile,
  options: {
    ace?: Parameters<typeof makeFakeAce>[0];
    limits?: Parameters<typeof makeReconcile>[0]['limits'];
  } = {}
): ReconcileWorld => {
  const deals = makeFakeDealStore();
  const repo = makeMemoryRepo();
  const claims = makeMemoryClaims(repo, () => T0);
  const ace = makeFakeAce(options.ace ?? {});
  const logger = makeRecordingLogger();
  const metrics = makeRecordingMetrics();
  const requeued: SubmitRequeueInput[] = [];
  const deps = {
    ace,
    repo,
    deals,
    invitationClaims: claims,
    dedup: {
      begin: async () => 'acquired' as const,
      complete: async () => undefined,
      release: async () => undefined,
    },
    audit: { append: async () => undefined },
    alerts: makeRecordingAlerts(),
    logger,
    metrics,
    settings: {
      catalog: 'Sandbox',
      pipelineId: 'govwin-pipeline',
      referralStageId: REFERRAL_STAGE,
      submitStageIds: [SUBMIT_STAGE],
      stageIds: {},
      awsAccountId: PARTNER,
    },
    now: () => T0,
    newToken: () => 'token-1',
    submitRequeue: {
      request: async (input: SubmitRequeueInput) => {
        requeued.push(input);
      },
    },
    limits: options.limits,
  } as unknown as Parameters<typeof makeReconcile>[0];
  return { reconcile: make(deps), deals, repo, claims, ace, logger, metrics, requeued };
};

/** Warning lines the recording logger captured, parsed. */
export const warnings = (
  logger: RecordingLogger
): { message: string; fields: Record<string, unknown> }[] =>
  logger.lines
    .map((l) => JSON.parse(l) as { level: string; args: [string, Record<string, unknown>?] })
    .filter((l) => l.level === 'warn')
    .map((l) => ({ message: l.args[0], fields: l.args[1] ?? {} }));
