// Turns a collected trace into what the operator reads: a one-line verdict ("why is this deal not in
// AWS?"), the deal's properties with personal or free text masked, and a timeline in time order.
import { DEAL_PROP, maskText } from '@govwin-ace/shared-core';
import type { TraceStory } from './trace-collect';

/** One dated event. */
export interface TimelineEvent {
  at: string;
  source: 'govwin' | 'hubspot' | 'mapping' | 'ace' | 'audit' | 'dlq';
  what: string;
}

/** Properties whose values are ids, enums, dates or amounts: safe to print. Others show their length. */
const PRINTABLE = new Set<string>([
  DEAL_PROP.amount,
  DEAL_PROP.closeDate,
  DEAL_PROP.dealStage,
  DEAL_PROP.pipeline,
  DEAL_PROP.ownerId,
  DEAL_PROP.govwinOppId,
  DEAL_PROP.govwinIqOppId,
  DEAL_PROP.industry,
  DEAL_PROP.country,
  DEAL_PROP.partnerNeed,
  DEAL_PROP.deliveryModel,
  DEAL_PROP.solutionId,
  DEAL_PROP.useCase,
  DEAL_PROP.opportunityType,
  DEAL_PROP.marketingSource,
  DEAL_PROP.marketingChannel,
  DEAL_PROP.marketingUseCases,
  DEAL_PROP.marketingDevFunded,
  DEAL_PROP.salesActivities,
  DEAL_PROP.nationalSecurity,
  DEAL_PROP.awsProducts,
  DEAL_PROP.lifecycleStage,
  DEAL_PROP.closedLostReason,
  DEAL_PROP.cosellId,
  DEAL_PROP.cosellStatus,
  DEAL_PROP.cosellProducts,
  DEAL_PROP.invitationId,
  DEAL_PROP.invitationStatus,
  DEAL_PROP.relatedOpportunityId,
  'createdate',
  'hs_lastmodifieddate',
]);

/** The deal's properties as shown: printable values, masked free text, unset ones left out. */
export const dealPropertiesView = (
  properties: Readonly<Record<string, string | null>>
): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const name of Object.keys(properties).sort()) {
    const value = properties[name];
    if (value === null || value === undefined || value === '') continue;
    if (name === DEAL_PROP.statusNote) out[name] = maskText(value).slice(0, 200);
    else if (PRINTABLE.has(name)) out[name] = value.slice(0, 200);
    else out[name] = `<set, ${value.length} characters>`;
  }
  return out;
};

const day = (v: string | null | undefined): string | undefined => {
  if (!v) return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};

/** Every dated event of the story, oldest first. */
export const timelineOf = (s: TraceStory): TimelineEvent[] => {
  const ev: TimelineEvent[] = [];
  const add = (at: string | undefined, source: TimelineEvent['source'], what: string) => {
    if (at) ev.push({ at, source, what });
  };
  if (s.govwinRecord?.updateDate)
    add(s.govwinRecord.updateDate, 'govwin', `GovWin record ${s.govwinId} last updated`);
  if (s.watermark)
    add(
      s.watermark.syncedAt,
      'govwin',
      `synced to HubSpot${s.watermark.hubspotDealId ? ` deal ${s.watermark.hubspotDealId}` : ''} (GovWin version ${s.watermark.updateDate})`
    );
  if (s.deal) {
    add(
      day(s.deal.properties.createdate) ?? s.deal.createdAt,
      'hubspot',
      `deal ${s.deal.id} created`
    );
    add(
      day(s.deal.properties.hs_lastmodifieddate) ?? s.deal.updatedAt,
      'hubspot',
      `deal last modified (stage ${s.deal.properties[DEAL_PROP.dealStage] ?? '?'})`
    );
  }
  const row = s.submission;
  if (row) {
    add(
      row.steps.created,
      'mapping',
      `step created: ACE opportunity ${row.aceOpportunityId ?? '?'} recorded`
    );
    add(row.steps.associated, 'mapping', 'step associated: solution and products linked');
    add(row.steps.engagementStarted, 'mapping', 'step engagementStarted: submitted to AWS');
    add(row.steps.writtenBack, 'mapping', 'step writtenBack: AWS state mirrored to the deal');
  }
  if (s.ace) {
    add(s.ace.createdDate, 'ace', `ACE opportunity ${s.ace.id} created`);
    add(
      s.ace.lastModifiedDate,
      'ace',
      `ACE last modified (review ${s.ace.reviewStatus ?? '?'}, stage ${s.ace.stage ?? '?'})`
    );
    for (const t of s.ace.tasks)
      add(
        t.startTime,
        'ace',
        `submit task ${t.taskId ?? ''} ${t.status ?? '?'}${t.reasonCode ? ` (${t.reasonCode})` : ''}`.replace(
          /\s+/g,
          ' '
        )
      );
  }
  for (const r of s.audit)
    add(
      r.at,
      'audit',
      `#${r.seq} ${r.operation} ${r.outcome} by ${r.actor}${r.fieldNames.length ? ` (${r.fieldNames.length} field${r.fieldNames.length === 1 ? '' : 's'})` : ''}`
    );
  for (const m of s.dlq) add(m.sentAt, 'dlq', `dead-lettered on ${m.queue}: ${m.reason}`);
  return ev.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
};

/** The one-line answer to "where is this opportunity, and if it is not in AWS, why not?". */
export const verdictOf = (s: TraceStory): string => {
  const dlq = s.dlq.length > 0 ? `; ${s.dlq.length} message(s) in a DLQ (${s.dlq[0]?.reason})` : '';
  const parked = s.submission?.parkedEdits.length
    ? `; ${s.submission.parkedEdits.length} edit(s) parked until the AWS review ends (${s.submission.parkedEdits.join(', ')})`
    : '';
  if (s.ace) {
    const latest = s.ace.tasks[0];
    const failed =
      latest?.status === 'FAILED'
        ? `; AWS failed the last submit task (${latest.reasonCode ?? 'no reason'}): fix the deal and submit again`
        : '';
    return `in AWS as ${s.ace.id} (review ${s.ace.reviewStatus ?? 'unknown'}, stage ${s.ace.stage ?? 'unknown'})${failed}${parked}${dlq}`;
  }
  if (s.aceMissing)
    return `the mapping names ACE opportunity ${s.aceId}, but Partner Central does not know it in this catalog${dlq}`;
  if (s.sources.ace.ok === false && s.aceId)
    return `ACE opportunity ${s.aceId} could not be read (${s.sources.ace.error})${dlq}`;
  if (s.dlq.length > 0)
    return `not in AWS: its message is dead-lettered on ${s.dlq[0]?.queue} (${s.dlq[0]?.reason})`;
  if (s.submission && !s.submission.aceOpportunityId)
    return 'not in AWS: a submission started but never created an opportunity (see the audit rows and the submit DLQ)';
  if (!s.deal)
    return s.watermark
      ? `no live HubSpot deal (GovWin ${s.govwinId} was synced to deal ${s.watermark.hubspotDealId ?? '?'}, now deleted or archived)`
      : s.govwinId
        ? `GovWin ${s.govwinId} has not been synced to HubSpot yet`
        : 'no HubSpot deal found';
  const stage = s.deal.properties[DEAL_PROP.dealStage] ?? '';
  if (!s.submitStageIds)
    return `not in AWS: no submission recorded (the deal is in stage ${stage || 'none'}; set SUBMIT_STAGE_IDS to tell whether that is a submit stage)`;
  if (!s.submitStageIds.includes(stage))
    return `not in AWS: the deal never reached a submit stage (it is in ${stage || 'no stage'}; submit from the ACE card)`;
  return 'not in AWS: the deal is in a submit stage but no submission was recorded (webhook lost?): run govwin-ace drift --deal to propose a resubmission';
};
