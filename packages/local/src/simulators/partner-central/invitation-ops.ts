// Engagement invitations (AWS referrals sent to the partner, and the partner's own submissions to
// AWS): list, get, accept, reject, StartEngagementByAcceptingInvitationTask and its task list,
// seeding and expiry (15 days by default).
import type { Call, OperationHandler, SimContext } from './context';
import { conflict, notFound } from './errors';
import type { InvitationSeed } from './options';
import { arnFor, type CatalogState, type InvitationRecord, type TaskRecord } from './state';
import { idempotent, inFilter, page, sortBy } from './support';
import { type Json, validateInput } from './validate';

/** A fictional AWS-side sender. */
const AWS_SENDER_ACCOUNT = '999988887777';

/** Builds, validates (against the SDK's OpportunityInvitationPayload) and stores an AWS referral. */
export const createInvitation = (
  ctx: SimContext,
  catalog: CatalogState,
  seed: InvitationSeed,
  now: number
): InvitationRecord => {
  const payload = {
    ReceiverResponsibilities: seed.receiverResponsibilities ?? ['Services Partner'],
    Customer: {
      Industry: seed.industry,
      CompanyName: seed.companyName,
      WebsiteUrl: seed.websiteUrl,
      CountryCode: seed.countryCode,
    },
    Project: {
      BusinessProblem: seed.businessProblem,
      Title: seed.title,
      TargetCompletionDate: seed.targetCompletionDate,
      ExpectedCustomerSpend: [
        {
          Amount: seed.expectedMonthlySpendUsd ?? '1000',
          CurrencyCode: 'USD',
          Frequency: 'Monthly',
          TargetCompany: 'AWS',
        },
      ],
    },
    SenderContacts: [{ Email: seed.senderContactEmail ?? 'aws-seller@example.com' }],
  };
  const { value, errors } = validateInput(
    ctx.model.structure('OpportunityInvitationPayload'),
    payload
  );
  const first = errors[0];
  if (first) {
    throw new RangeError(`partner-central simulator: invitation seed ${first.Message}`);
  }
  for (const key of ['invitationDate', 'expiresInMs'] as const) {
    const v = seed[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new RangeError(
        `partner-central simulator: invitation seed ${key} must be a number >= 0`
      );
    }
  }
  const id = seed.id ?? ctx.ids.invitation();
  if (!/^engi-[0-9a-z]{13}$/.test(id)) {
    throw new RangeError(
      'partner-central simulator: invitation ids must look like engi- + 13 [0-9a-z]'
    );
  }
  const invitationDate = seed.invitationDate ?? now;
  const record: InvitationRecord = {
    Id: id,
    Arn: arnFor(catalog.name, 'engagement-invitation', id),
    Catalog: catalog.name,
    Status: 'PENDING',
    ParticipantType: 'RECEIVER',
    PayloadType: 'OpportunityInvitation',
    EngagementId: ctx.ids.engagement(),
    EngagementTitle: seed.title.slice(0, 40),
    InvitationDate: invitationDate,
    ExpirationDate: invitationDate + (seed.expiresInMs ?? ctx.options.invitationTtlMs),
    SenderAwsAccountId: AWS_SENDER_ACCOUNT,
    SenderCompanyName: seed.senderCompanyName ?? 'AWS',
    Receiver: { Account: { AwsAccountId: ctx.options.accountId } },
    Payload: { OpportunityInvitation: value },
    ...(seed.message ? { InvitationMessage: seed.message } : {}),
    ExistingMembers: [{ CompanyName: 'AWS', WebsiteUrl: 'https://aws.amazon.com' }],
  };
  catalog.invitations.set(id, record);
  ctx.emitInvitation('Engagement Invitation Created', record, now);
  ctx.scheduler.at(Math.max(now, record.ExpirationDate), (at) => {
    if (record.Status !== 'PENDING' || catalog.invitations.get(id) !== record) return;
    record.Status = 'EXPIRED';
    ctx.emitInvitation('Engagement Invitation Expired', record, at);
  });
  return record;
};

const findInvitation = (call: Call, identifier: unknown): InvitationRecord => {
  const key = String(identifier);
  const byId = call.catalog.invitations.get(key);
  if (byId) return byId;
  for (const inv of call.catalog.invitations.values()) if (inv.Arn === key) return inv;
  throw notFound('The engagement invitation');
};

const assertPendingReceiver = (inv: InvitationRecord): void => {
  if (inv.ParticipantType !== 'RECEIVER') {
    throw conflict('Only invitations sent to this partner can be accepted or rejected.');
  }
  if (inv.Status !== 'PENDING') throw conflict(`The invitation is ${inv.Status}.`);
};

const listInvitations: OperationHandler = (_ctx, call) => {
  const i = call.input;
  const matches = [...call.catalog.invitations.values()].filter(
    (inv) =>
      inv.ParticipantType === i.ParticipantType &&
      inFilter(i.PayloadType, inv.PayloadType) &&
      inFilter(i.Status, inv.Status) &&
      inFilter(i.EngagementIdentifier, inv.EngagementId) &&
      inFilter(i.SenderAwsAccountId, inv.SenderAwsAccountId)
  );
  const order = ((i.Sort ?? {}) as Json).SortOrder ?? 'DESCENDING';
  const sorted = sortBy(
    matches,
    (inv) => inv.InvitationDate,
    (inv) => inv.Id,
    order
  );
  const { items, NextToken } = page(sorted, i, 20);
  return { EngagementInvitationSummaries: items, ...(NextToken ? { NextToken } : {}) };
};

const getInvitation: OperationHandler = (_ctx, call) => findInvitation(call, call.input.Identifier);

const acceptInvitation: OperationHandler = (ctx, call) => {
  const inv = findInvitation(call, call.input.Identifier);
  assertPendingReceiver(inv);
  inv.Status = 'ACCEPTED';
  ctx.emitInvitation('Engagement Invitation Accepted', inv, call.now);
  return {};
};

const rejectInvitation: OperationHandler = (ctx, call) => {
  const inv = findInvitation(call, call.input.Identifier);
  assertPendingReceiver(inv);
  inv.Status = 'REJECTED';
  if (call.input.RejectionReason !== undefined) inv.RejectionReason = call.input.RejectionReason;
  // The referral's content is no longer available to a partner that declined it.
  delete inv.Payload;
  ctx.emitInvitation('Engagement Invitation Rejected', inv, call.now);
  return {};
};

const opportunityFromInvitation = (
  ctx: SimContext,
  call: Call,
  inv: InvitationRecord,
  at: number
) => {
  const payload = ((inv.Payload as Json).OpportunityInvitation ?? {}) as Json;
  const customer = (payload.Customer ?? {}) as Json;
  const project = (payload.Project ?? {}) as Json;
  const id = ctx.ids.opportunity();
  const life = {
    Stage: 'Prospect',
    ReviewStatus: 'Approved' as const,
    TargetCloseDate: project.TargetCompletionDate,
  };
  call.catalog.opportunities.set(id, {
    record: {
      Catalog: call.catalog.name,
      Id: id,
      Arn: arnFor(call.catalog.name, 'opportunity', id),
      CreatedDate: at,
      LastModifiedDate: at,
      Origin: 'AWS Referral',
      Customer: {
        Account: {
          CompanyName: customer.CompanyName,
          Industry: customer.Industry,
          WebsiteUrl: customer.WebsiteUrl,
          Address: { CountryCode: customer.CountryCode },
        },
      },
      Project: {
        Title: project.Title,
        CustomerBusinessProblem: project.BusinessProblem,
        ExpectedCustomerSpend: project.ExpectedCustomerSpend,
      },
      LifeCycle: life,
      RelatedEntityIdentifiers: {},
    },
    aws: {
      Catalog: call.catalog.name,
      RelatedOpportunityId: id,
      Origin: 'AWS Referral',
      InvolvementType: 'Co-Sell',
      Visibility: 'Full',
      LifeCycle: { Stage: 'Prospect', TargetCloseDate: project.TargetCompletionDate },
    },
    review: { steps: [], next: 0, waiting: 'done', generation: 0 },
  });
  return id;
};

const startByAccepting: OperationHandler = (ctx, call) =>
  idempotent(call.catalog, call.operation, call.input, () => {
    const inv = findInvitation(call, call.input.Identifier);
    assertPendingReceiver(inv);
    for (const t of call.catalog.acceptInvitationTasks.values()) {
      if (t.EngagementInvitationId === inv.Id && t.TaskStatus === 'IN_PROGRESS') {
        throw conflict('A task for this invitation is already in progress.');
      }
    }
    const taskId = ctx.ids.task();
    const task: TaskRecord = {
      TaskId: taskId,
      TaskArn: arnFor(call.catalog.name, 'engagement-by-accepting-invitation-task', taskId),
      StartTime: call.now,
      TaskStatus: 'IN_PROGRESS',
      EngagementInvitationId: inv.Id,
    };
    call.catalog.acceptInvitationTasks.set(taskId, task);
    const run = (at: number) => {
      if (inv.Status !== 'PENDING') {
        Object.assign(task, {
          TaskStatus: 'FAILED',
          ReasonCode: 'EngagementInvitationConflict',
          Message: `The invitation is ${inv.Status}.`,
        });
        return;
      }
      inv.Status = 'ACCEPTED';
      ctx.emitInvitation('Engagement Invitation Accepted', inv, at);
      const opportunityId = opportunityFromInvitation(ctx, call, inv, at);
      ctx.emitOpportunity('Opportunity Created', call.catalog.name, opportunityId, at);
      Object.assign(task, {
        TaskStatus: 'COMPLETE',
        OpportunityId: opportunityId,
        ResourceSnapshotJobId: ctx.ids.snapshotJob(),
      });
    };
    if (ctx.options.taskDurationMs === 0) run(call.now);
    else ctx.scheduler.at(call.now + ctx.options.taskDurationMs, run);
    return { ...task };
  });

const listByAccepting: OperationHandler = (_ctx, call) => {
  const i = call.input;
  const matches = [...call.catalog.acceptInvitationTasks.values()].filter(
    (t) =>
      inFilter(i.TaskStatus, t.TaskStatus) &&
      inFilter(i.TaskIdentifier, t.TaskId) &&
      inFilter(i.OpportunityIdentifier, t.OpportunityId) &&
      inFilter(i.EngagementInvitationIdentifier, t.EngagementInvitationId)
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

export const invitationOperations: Record<string, OperationHandler> = {
  ListEngagementInvitations: listInvitations,
  GetEngagementInvitation: getInvitation,
  AcceptEngagementInvitation: acceptInvitation,
  RejectEngagementInvitation: rejectInvitation,
  StartEngagementByAcceptingInvitationTask: startByAccepting,
  ListEngagementByAcceptingInvitationTasks: listByAccepting,
};
