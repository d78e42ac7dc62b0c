// Gathers the whole story of one opportunity from every place it leaves a trace: the GovWin record and
// watermark, the HubSpot deal, the ACE mapping row, the live ACE opportunity and its submit tasks, the
// audit rows and the DLQ messages that mention it. A source that fails is recorded as unavailable and the
// rest still report: a partial story beats none when something is down.
import type { GetOpportunityCommandOutput } from '@aws-sdk/client-partnercentral-selling';
import { silentLog } from '@govwin-ace/govwin-poller';
import {
  ACE_OPPORTUNITY_ID,
  type AceSubmission,
  type AuditRow,
  type ChainVerdict,
  CREATE_DEAL_PROPS,
  type CrmObject,
  DEAL_PROP,
  GOVWIN_OPP_ID,
  HUBSPOT_ID,
  normaliseGovWinDate,
  type RawRecord,
  verifyChain,
  type Watermark,
} from '@govwin-ace/shared-core';
import { UsageError } from '../command';
import type { OpsRuntime } from '../ops/ops-runtime';
import { QUEUES, resolveQueue } from '../ops/queues';
import { describeFailure, withService } from '../output/cli-failure';
import type { ExitCode } from '../output/exit-codes';
import { type DecodedMessage, decodeMessage, reasonFor } from './dlq-decode';
import { peekDlq, releaseMessages } from './dlq-store';

/** What the operator typed. */
export type TraceId =
  | { kind: 'deal'; dealId: string }
  | { kind: 'govwin'; govwinId: string }
  | { kind: 'ace'; aceId: string };

/**
 * Classifies an id by its shape: digits are HubSpot deals, `OPP123` (and the other GovWin prefixes)
 * GovWin opportunities, `O123` ACE opportunities.
 */
export const parseTraceId = (text: string | undefined): TraceId => {
  const v = (text ?? '').trim();
  if (HUBSPOT_ID.test(v)) return { kind: 'deal', dealId: v };
  if (GOVWIN_OPP_ID.test(v)) return { kind: 'govwin', govwinId: v };
  if (ACE_OPPORTUNITY_ID.test(v)) return { kind: 'ace', aceId: v };
  throw new UsageError(
    'expected a HubSpot deal id (digits), a GovWin id (OPP123, TNS123, ...) or an ACE id (O123...)'
  );
};

/** One source's outcome. */
export type SourceStatus = { ok: true } | { ok: false; error: string; exitCode: ExitCode };

/** A DLQ message that mentions the opportunity. */
export interface TraceDlqMessage {
  queue: string;
  messageId: string;
  sentAt: string | undefined;
  decoded: DecodedMessage;
  reason: string;
}

/** The ACE part of a trace. */
export interface TraceAce {
  id: string;
  createdDate?: string;
  lastModifiedDate?: string;
  reviewStatus?: string;
  stage?: string;
  partnerOpportunityIdentifier?: string;
  awsProducts: number;
  solutions: number;
  tasks: { taskId?: string; startTime?: string; status?: string; reasonCode?: string }[];
}

/** Everything found. */
export interface TraceStory {
  input: TraceId;
  dealId?: string;
  govwinId?: string;
  aceId?: string;
  sources: Record<'govwin' | 'hubspot' | 'mapping' | 'ace' | 'audit' | 'dlq', SourceStatus>;
  watermark?: Watermark;
  govwinRecord?: { updateDate?: string; status?: string; type?: string };
  deal?: CrmObject;
  submission?: AceSubmission;
  ace?: TraceAce;
  aceMissing?: boolean;
  audit: AuditRow[];
  auditChain?: ChainVerdict;
  dlq: TraceDlqMessage[];
  submitStageIds?: readonly string[];
}

/** Deal properties a trace reads (the ACE inputs plus what the integration mirrors). */
export const TRACE_DEAL_PROPS: readonly string[] = [
  ...new Set([
    ...CREATE_DEAL_PROPS,
    DEAL_PROP.pipeline,
    DEAL_PROP.cosellStatus,
    DEAL_PROP.cosellProducts,
    DEAL_PROP.statusNote,
    DEAL_PROP.invitationId,
    DEAL_PROP.invitationStatus,
    'createdate',
    'hs_lastmodifieddate',
  ]),
];

const iso = (d: Date | undefined) =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;

const aceView = (
  opp: GetOpportunityCommandOutput,
  tasks: Awaited<ReturnType<ReturnType<OpsRuntime['ace']>['listEngagementFromOpportunityTasks']>>
): TraceAce => {
  const view: TraceAce = {
    id: opp.Id ?? '',
    awsProducts: opp.RelatedEntityIdentifiers?.AwsProducts?.length ?? 0,
    solutions: opp.RelatedEntityIdentifiers?.Solutions?.length ?? 0,
    tasks: tasks.map((t) => {
      const task: TraceAce['tasks'][number] = {};
      const start = iso(t.StartTime);
      if (t.TaskId) task.taskId = t.TaskId;
      if (start) task.startTime = start;
      if (t.TaskStatus) task.status = t.TaskStatus;
      if (t.ReasonCode) task.reasonCode = t.ReasonCode;
      return task;
    }),
  };
  const created = iso(opp.CreatedDate);
  const modified = iso(opp.LastModifiedDate);
  if (created) view.createdDate = created;
  if (modified) view.lastModifiedDate = modified;
  if (opp.LifeCycle?.ReviewStatus) view.reviewStatus = opp.LifeCycle.ReviewStatus;
  if (opp.LifeCycle?.Stage) view.stage = opp.LifeCycle.Stage;
  if (opp.PartnerOpportunityIdentifier)
    view.partnerOpportunityIdentifier = opp.PartnerOpportunityIdentifier;
  return view;
};

const str = (r: RawRecord, key: string): string | undefined =>
  typeof r[key] === 'string' ? (r[key] as string) : undefined;

/**
 * Collects a trace.
 * @example const story = await collectTrace(rt, parseTraceId('4242'), { govwin: true });
 */
export const collectTrace = async (
  rt: OpsRuntime,
  input: TraceId,
  options: { govwin: boolean; onStep?: (step: string) => void }
): Promise<TraceStory> => {
  const story: TraceStory = {
    input,
    sources: {
      govwin: { ok: true },
      hubspot: { ok: true },
      mapping: { ok: true },
      ace: { ok: true },
      audit: { ok: true },
      dlq: { ok: true },
    },
    audit: [],
    dlq: [],
  };
  const attempt = async (
    source: keyof TraceStory['sources'],
    service: string,
    work: () => Promise<void>
  ) => {
    options.onStep?.(source);
    try {
      await withService(service, work);
    } catch (err) {
      const failure = describeFailure(err);
      story.sources[source] = { ok: false, error: failure.message, exitCode: failure.exitCode };
    }
  };
  const submitStages = rt.env.get('SUBMIT_STAGE_IDS');
  if (submitStages) story.submitStageIds = submitStages;

  if (input.kind === 'deal') story.dealId = input.dealId;
  if (input.kind === 'govwin') story.govwinId = input.govwinId;
  if (input.kind === 'ace') story.aceId = input.aceId;

  // 1. Resolve the deal from whichever id was given.
  if (input.kind === 'ace')
    await attempt('mapping', 'DynamoDB', async () => {
      const dealId = await rt.submissions().findDealByAceId(input.aceId);
      if (dealId) story.dealId = dealId;
    });
  if (input.kind === 'govwin')
    await attempt('govwin', 'DynamoDB', async () => {
      const wm = await rt.watermarks().get(input.govwinId);
      if (wm) story.watermark = wm;
      if (wm?.hubspotDealId) story.dealId = wm.hubspotDealId;
    });
  if (!story.dealId && input.kind !== 'deal')
    await attempt('hubspot', 'HubSpot', async () => {
      const [property, value] =
        input.kind === 'ace'
          ? [DEAL_PROP.cosellId, input.aceId]
          : [DEAL_PROP.govwinOppId, input.kind === 'govwin' ? input.govwinId : ''];
      const page = await rt.hubspot().searchDeals({
        filterGroups: [{ filters: [{ propertyName: property, operator: 'EQ', value }] }],
        properties: [property],
        limit: 2,
      });
      const first = page.results[0];
      if (first) story.dealId = first.id;
    });

  // 2. The HubSpot deal and the mapping row.
  const dealId = story.dealId;
  if (dealId) {
    await attempt('hubspot', 'HubSpot', async () => {
      const deal = await rt.hubspot().getDeal(dealId, TRACE_DEAL_PROPS);
      if (deal && !deal.archived) story.deal = deal;
    });
    await attempt('mapping', 'DynamoDB', async () => {
      const row = await rt.submissions().get(dealId);
      if (row) story.submission = row;
    });
  }
  const linkedGovWin =
    story.govwinId ?? story.deal?.properties[DEAL_PROP.govwinOppId] ?? story.submission?.govwinId;
  if (linkedGovWin && GOVWIN_OPP_ID.test(linkedGovWin)) story.govwinId = linkedGovWin;
  const aceCandidate =
    story.aceId ?? story.submission?.aceOpportunityId ?? story.deal?.properties[DEAL_PROP.cosellId];
  if (aceCandidate && ACE_OPPORTUNITY_ID.test(aceCandidate)) story.aceId = aceCandidate;

  // 3. GovWin: watermark and (optionally) the live record.
  const govwinId = story.govwinId;
  if (govwinId) {
    if (!story.watermark)
      await attempt('govwin', 'DynamoDB', async () => {
        const wm = await rt.watermarks().get(govwinId);
        if (wm) story.watermark = wm;
      });
    if (options.govwin)
      await attempt('govwin', 'GovWin', async () => {
        const found = await rt.govwin(silentLog).govwin.getOpportunities([govwinId]);
        const rec = found.get(govwinId);
        if (!rec) return;
        const updateDate = str(rec, 'updateDate');
        let normalised: string | undefined;
        try {
          normalised = updateDate ? normaliseGovWinDate(updateDate) : undefined;
        } catch {
          normalised = undefined;
        }
        const record: NonNullable<TraceStory['govwinRecord']> = {};
        const status = str(rec, 'status');
        const type = str(rec, 'type');
        if (normalised) record.updateDate = normalised;
        if (status) record.status = status.slice(0, 60);
        if (type) record.type = type.slice(0, 20);
        story.govwinRecord = record;
      });
  }

  // 4. ACE.
  const aceId = story.aceId;
  if (aceId)
    await attempt('ace', 'Partner Central', async () => {
      try {
        const ace = rt.ace();
        const opp = await ace.getOpportunity(aceId);
        const tasks = await ace.listEngagementFromOpportunityTasks(aceId);
        story.ace = aceView(opp, tasks);
      } catch (err) {
        if ((err as { kind?: string })?.kind === 'not-found') story.aceMissing = true;
        else throw err;
      }
    });

  // 5. Audit rows.
  if (story.dealId) {
    const id = story.dealId;
    await attempt('audit', 'DynamoDB', async () => {
      story.audit = (await rt.audit().listByDeal(id)).sort((a, b) => a.seq - b.seq);
      if (story.audit.length > 0) story.auditChain = verifyChain(story.audit);
    });
  }

  // 6. DLQ messages that mention the deal or the GovWin record.
  await attempt('dlq', 'SQS', async () => {
    const sqs = rt.sqs();
    for (const spec of QUEUES) {
      if (!rt.env.get(spec.envVar)) continue;
      const queue = await resolveQueue(sqs, rt.env, spec);
      const peek = await peekDlq(sqs, queue, { max: 1000, holdSeconds: 30 });
      try {
        for (const m of peek.messages) {
          const decoded = decodeMessage(spec.kind, m.body, rt.env.catalog);
          const mentions =
            (story.dealId !== undefined && decoded.dealId === story.dealId) ||
            (govwinId !== undefined && (decoded.govwinIds ?? []).includes(govwinId));
          if (!mentions) continue;
          story.dlq.push({
            queue: spec.name,
            messageId: m.messageId,
            sentAt: m.sentAt,
            decoded,
            reason: reasonFor(decoded, { rows: story.audit }, queue.maxReceiveCount),
          });
        }
      } finally {
        await releaseMessages(sqs, queue, peek.messages);
      }
    }
  });
  return story;
};

/** True when no source knows the id at all. */
export const isUnknown = (s: TraceStory): boolean =>
  !s.deal &&
  !s.submission &&
  !s.watermark &&
  !s.govwinRecord &&
  !s.ace &&
  s.audit.length === 0 &&
  s.dlq.length === 0;
