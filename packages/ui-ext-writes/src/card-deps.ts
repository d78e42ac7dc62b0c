// What the writes routes are built from, and the two things every route shares: dependencies bound to the
// HubSpot user who sent the signed request (so every audit row names them), and audited HubSpot writes.
import type { DealProperties, SubmitterDeps } from '@govwin-ace/ace-submitter';
import type { AuditLog, AuditOutcome, CardCaller } from '@govwin-ace/shared-core';
import type { WritesConfig } from './config';
import type { InvitationClient } from './invitation-client';
import type { ReferralAcceptQueue } from './referral-queue';

/** Deal pipeline stages, in display order (the resubmit path needs the stage before the trigger). */
export interface PipelineStages {
  stagesOf(pipelineId: string): Promise<readonly { id: string; displayOrder: number }[]>;
}

/** Dependencies of the writes routes. */
export interface CardWriteDeps {
  /** The submitter's ports, with a Partner Central client that refuses Create / StartEngagement. */
  submitter: SubmitterDeps;
  invitations: InvitationClient;
  /** Where an accepted referral is handed to ace-submitter (the submit queue). */
  acceptQueue: ReferralAcceptQueue;
  pipelines: PipelineStages;
  config: Pick<
    WritesConfig,
    'catalog' | 'pipelineId' | 'triggerStageIds' | 'referralStageId' | 'awsAccountId'
  >;
}

/** The audit actor of a card request: the HubSpot user id HubSpot signed into the URL. */
export const actorOf = (caller: CardCaller): string => `hubspot-user:${caller.userId}`;

/**
 * The submitter's dependencies with an audit log that records `actor` on every row, so the shared cores
 * (ownership check, applyChanges, parking) audit the rep, not the system.
 */
export const forActor = (deps: SubmitterDeps, actor: string): SubmitterDeps => {
  const audit: AuditLog = {
    ...deps.audit,
    append: (entry) => deps.audit.append({ ...entry, actor }),
  };
  return { ...deps, audit };
};

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Appends one audit row for a card write (ids and field names only). */
export const auditWrite = (
  audit: AuditLog,
  entry: {
    dealId: string;
    actor: string;
    operation: string;
    ids?: Record<string, string | undefined>;
    fieldNames: readonly string[];
    outcome: AuditOutcome;
    correlationId: string;
  }
) => {
  const ids: Record<string, string> = { hubspotDealId: entry.dealId };
  for (const [k, v] of Object.entries(entry.ids ?? {})) if (v) ids[k] = v;
  return audit.append({
    dealId: entry.dealId,
    actor: entry.actor,
    operation: entry.operation,
    ids,
    fieldNames: [...entry.fieldNames].sort(),
    outcome: entry.outcome,
    ...(CORRELATION_ID.test(entry.correlationId) ? { correlationId: entry.correlationId } : {}),
  });
};

/**
 * Writes deal properties to HubSpot and audits the attempt either way (a failed write is recorded with
 * outcome `failure`, then rethrown).
 */
export const writeDealAudited = async (
  deps: Pick<SubmitterDeps, 'deals' | 'audit'>,
  input: { dealId: string; actor: string; properties: DealProperties; correlationId: string }
): Promise<void> => {
  const fieldNames = Object.keys(input.properties);
  if (fieldNames.length === 0) return;
  const entry = {
    dealId: input.dealId,
    actor: input.actor,
    operation: 'hubspot:UpdateDeal',
    fieldNames,
    correlationId: input.correlationId,
  };
  try {
    await deps.deals.updateDeal(input.dealId, input.properties);
  } catch (err) {
    await auditWrite(deps.audit, { ...entry, outcome: 'failure' }).catch(() => undefined);
    throw err;
  }
  await auditWrite(deps.audit, { ...entry, outcome: 'success' });
};
