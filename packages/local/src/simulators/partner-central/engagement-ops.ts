// StartEngagementFromOpportunityTask (the asynchronous submit-to-AWS orchestration) and
// ListEngagementFromOpportunityTasks. The task completes `taskDurationMs` of simulated time later:
// it re-checks the opportunity, creates the engagement, the invitation to AWS and the snapshot
// job, marks the opportunity Submitted and starts the scripted review.
import type { Call, OperationHandler, SimContext } from './context';
import { conflict } from './errors';
import { findOpportunity, submit } from './opportunity-ops';
import { submissionProblems } from './opportunity-rules';
import { arnFor, type OpportunityEntry, type TaskRecord } from './state';
import { idempotent, inFilter, page, sortBy } from './support';
import type { Json } from './validate';

const complete = (
  ctx: SimContext,
  call: Call,
  task: TaskRecord,
  entry: OpportunityEntry,
  submission: Json,
  at: number
): void => {
  if (task.TaskStatus !== 'IN_PROGRESS') return;
  const record = entry.record;
  if (record.LifeCycle.ReviewStatus !== 'Pending Submission') {
    task.TaskStatus = 'FAILED';
    task.ReasonCode = 'OpportunitySubmissionFailed';
    task.Message = 'The opportunity is no longer pending submission.';
    return;
  }
  const problems = submissionProblems(record, ctx.options);
  if (problems.length > 0) {
    task.TaskStatus = 'FAILED';
    task.ReasonCode = 'OpportunityValidationFailed';
    task.Message = `The opportunity cannot be submitted: ${problems.map((p) => p.FieldName).join(', ')}.`;
    return;
  }
  const engagementId = ctx.ids.engagement();
  const invitationId = ctx.ids.invitation();
  call.catalog.invitations.set(invitationId, {
    Id: invitationId,
    Arn: arnFor(call.catalog.name, 'engagement-invitation', invitationId),
    Catalog: call.catalog.name,
    Status: 'PENDING',
    ParticipantType: 'SENDER',
    PayloadType: 'OpportunityInvitation',
    EngagementId: engagementId,
    EngagementTitle: String((record.Project as Json | undefined)?.Title ?? '').slice(0, 40),
    InvitationDate: at,
    ExpirationDate: at + ctx.options.invitationTtlMs,
    SenderAwsAccountId: call.account,
    Receiver: { Account: { AwsAccountId: 'aws' } },
    OpportunityId: record.Id,
  });
  Object.assign(task, {
    TaskStatus: 'COMPLETE',
    EngagementId: engagementId,
    EngagementInvitationId: invitationId,
    ResourceSnapshotJobId: ctx.ids.snapshotJob(),
  });
  entry.engagement = { engagementId, invitationId };
  submit(ctx, entry, submission as { InvolvementType: unknown; Visibility?: unknown }, at);
};

const startFromOpportunity: OperationHandler = (ctx, call) =>
  idempotent(call.catalog, call.operation, call.input, () => {
    const entry = findOpportunity(call, call.input.Identifier);
    const status = entry.record.LifeCycle.ReviewStatus;
    if (status !== 'Pending Submission') {
      throw conflict(`The opportunity was already submitted (review status ${status}).`);
    }
    for (const t of call.catalog.fromOpportunityTasks.values()) {
      if (t.OpportunityId === entry.record.Id && t.TaskStatus === 'IN_PROGRESS') {
        throw conflict('A task for this opportunity is already in progress.');
      }
    }
    const taskId = ctx.ids.task();
    const task: TaskRecord = {
      TaskId: taskId,
      TaskArn: arnFor(call.catalog.name, 'engagement-from-opportunity-task', taskId),
      StartTime: call.now,
      TaskStatus: 'IN_PROGRESS',
      OpportunityId: entry.record.Id,
    };
    call.catalog.fromOpportunityTasks.set(taskId, task);
    const submission = call.input.AwsSubmission as Json;
    const run = (at: number) => complete(ctx, call, task, entry, submission, at);
    if (ctx.options.taskDurationMs === 0) run(call.now);
    else ctx.scheduler.at(call.now + ctx.options.taskDurationMs, run);
    return { ...task };
  });

const listFromOpportunity: OperationHandler = (_ctx, call) => {
  const i = call.input;
  const matches = [...call.catalog.fromOpportunityTasks.values()].filter(
    (t) =>
      inFilter(i.TaskStatus, t.TaskStatus) &&
      inFilter(i.TaskIdentifier, t.TaskId) &&
      inFilter(i.OpportunityIdentifier, t.OpportunityId) &&
      inFilter(i.EngagementIdentifier, t.EngagementId)
  );
  const order = ((i.Sort ?? {}) as Json).SortOrder ?? 'DESCENDING';
  const sorted = sortBy(
    matches,
    (t) => t.StartTime,
    (t) => t.TaskId,
    order
  );
  const { items, NextToken } = page(sorted, i, 20);
  return { TaskSummaries: items, ...(NextToken ? { NextToken } : {}) };
};

export const engagementOperations: Record<string, OperationHandler> = {
  StartEngagementFromOpportunityTask: startFromOpportunity,
  ListEngagementFromOpportunityTasks: listFromOpportunity,
};
