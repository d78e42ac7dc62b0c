// Opportunity operations: Create, Get, Update, List, Assign, Submit, GetAwsOpportunitySummary.
import { type Call, nextModified, type OperationHandler, type SimContext } from './context';
import { conflict, notFound, validationError } from './errors';
import {
  assertEditable,
  contentProblems,
  lockedChanges,
  SERVICE_LIFECYCLE,
  submissionProblems,
} from './opportunity-rules';
import {
  arnFor,
  type LifeCycleRecord,
  type OpportunityEntry,
  type OpportunityRecord,
} from './state';
import { idempotent, inFilter, inRange, page, sortBy } from './support';
import type { Json } from './validate';

const MAX_HISTORY = 50;
/** Members of UpdateOpportunityRequest that address the record rather than carry content. */
const UPDATE_ADDRESSING = new Set(['Catalog', 'LastModifiedDate', 'Identifier']);

export const findOpportunity = (call: Call, id: unknown): OpportunityEntry => {
  const entry = call.catalog.opportunities.get(String(id));
  if (!entry) throw notFound('The opportunity');
  return entry;
};

/** Partner-owned LifeCycle members from input, plus NextSteps history kept by the service. */
const partnerLifeCycle = (
  input: Json | undefined,
  previous: LifeCycleRecord | undefined,
  at: number
) => {
  const life: LifeCycleRecord = { ...(input ?? {}) };
  for (const key of SERVICE_LIFECYCLE) delete life[key];
  const history = [...(previous?.NextStepsHistory ?? [])];
  if (typeof life.NextSteps === 'string' && life.NextSteps !== previous?.NextSteps) {
    history.push({ Value: life.NextSteps, Time: at });
  }
  if (history.length > 0) life.NextStepsHistory = history.slice(-MAX_HISTORY);
  else delete life.NextStepsHistory;
  return life;
};

/** The members an update may carry, for comparing before/after. */
const partnerView = (ctx: SimContext, record: Json): Json => {
  const out: Json = {};
  const update = ctx.model.operation('UpdateOpportunity')?.input;
  for (const name of update?.members.keys() ?? []) {
    if (!UPDATE_ADDRESSING.has(name) && record[name] !== undefined) out[name] = record[name];
  }
  const life = { ...((out.LifeCycle as Json | undefined) ?? {}) };
  for (const key of [...SERVICE_LIFECYCLE, 'NextStepsHistory']) delete life[key];
  out.LifeCycle = life;
  return out;
};

const createOpportunity: OperationHandler = (ctx, call) =>
  idempotent(call.catalog, call.operation, call.input, () => {
    const { ClientToken: _token, LifeCycle, ...content } = call.input;
    const problem = contentProblems(call.input, call.catalog.name, call.now, ctx.options);
    if (problem) throw problem;
    const id = ctx.ids.opportunity();
    const record: OpportunityRecord = {
      ...content,
      Origin: content.Origin ?? 'Partner Referral',
      Catalog: call.catalog.name,
      Id: id,
      Arn: arnFor(call.catalog.name, 'opportunity', id),
      CreatedDate: call.now,
      LastModifiedDate: call.now,
      LifeCycle: {
        ...partnerLifeCycle(LifeCycle as Json | undefined, undefined, call.now),
        ReviewStatus: 'Pending Submission',
      },
      RelatedEntityIdentifiers: {},
    };
    call.catalog.opportunities.set(id, {
      record,
      aws: undefined,
      review: { steps: [], next: 0, waiting: 'idle', generation: 0 },
    });
    ctx.emitOpportunity('Opportunity Created', call.catalog.name, id, call.now);
    return {
      Id: id,
      PartnerOpportunityIdentifier: record.PartnerOpportunityIdentifier,
      LastModifiedDate: record.LastModifiedDate,
    };
  });

const getOpportunity: OperationHandler = (_ctx, call) =>
  findOpportunity(call, call.input.Identifier).record;

const updateOpportunity: OperationHandler = (ctx, call) => {
  const entry = findOpportunity(call, call.input.Identifier);
  const current = entry.record;
  assertEditable(entry);
  if (call.input.LastModifiedDate !== current.LastModifiedDate) {
    throw conflict('LastModifiedDate is not the current one; read the opportunity and retry.');
  }
  const content: Json = {};
  for (const [k, v] of Object.entries(call.input)) if (!UPDATE_ADDRESSING.has(k)) content[k] = v;
  const next: OpportunityRecord = {
    // Service-owned members survive; every partner member not sent becomes empty (whole replace).
    Catalog: current.Catalog,
    Id: current.Id,
    Arn: current.Arn,
    CreatedDate: current.CreatedDate,
    LastModifiedDate: nextModified(current.LastModifiedDate, call.now),
    RelatedEntityIdentifiers: current.RelatedEntityIdentifiers,
    ...(current.Origin ? { Origin: current.Origin } : {}),
    ...(current.OpportunityTeam ? { OpportunityTeam: current.OpportunityTeam } : {}),
    ...(current.Tags ? { Tags: current.Tags } : {}),
    ...content,
    LifeCycle: {
      ...partnerLifeCycle(content.LifeCycle as Json | undefined, current.LifeCycle, call.now),
      ...Object.fromEntries(SERVICE_LIFECYCLE.map((k) => [k, current.LifeCycle[k]])),
    },
  };
  for (const key of SERVICE_LIFECYCLE)
    if (next.LifeCycle[key] === undefined) delete next.LifeCycle[key];
  const problem = contentProblems(next, call.catalog.name, call.now, ctx.options);
  if (problem) throw problem;
  const actionRequired = current.LifeCycle.ReviewStatus === 'Action Required';
  if (actionRequired) {
    const locked = lockedChanges(partnerView(ctx, current), partnerView(ctx, next));
    if (locked.length > 0) throw validationError('BUSINESS_VALIDATION_FAILED', locked);
  }
  entry.record = next;
  if (actionRequired) ctx.review.partnerUpdated(entry, call.now);
  ctx.emitOpportunity('Opportunity Updated', call.catalog.name, next.Id, call.now);
  return { Id: next.Id, LastModifiedDate: next.LastModifiedDate };
};

const SORT_KEYS: Record<string, (r: OpportunityRecord) => string | number | undefined> = {
  LastModifiedDate: (r) => r.LastModifiedDate,
  CreatedDate: (r) => r.CreatedDate,
  Identifier: (r) => r.Id,
  CustomerCompanyName: (r) => ((r.Customer as Json)?.Account as Json)?.CompanyName as string,
  TargetCloseDate: (r) => r.LifeCycle.TargetCloseDate as string | undefined,
};

const listOpportunities: OperationHandler = (_ctx, call) => {
  const i = call.input;
  const names = Array.isArray(i.CustomerCompanyName)
    ? i.CustomerCompanyName.map((n) => String(n).toLowerCase())
    : [];
  const matches = [...call.catalog.opportunities.values()]
    .map((e) => e.record)
    .filter((r) => {
      const company = SORT_KEYS.CustomerCompanyName?.(r);
      return (
        inFilter(i.Identifier, r.Id) &&
        inFilter(i.LifeCycleStage, r.LifeCycle.Stage) &&
        inFilter(i.LifeCycleReviewStatus, r.LifeCycle.ReviewStatus) &&
        (names.length === 0 || names.includes(String(company ?? '').toLowerCase())) &&
        inRange(
          i.LastModifiedDate,
          'AfterLastModifiedDate',
          'BeforeLastModifiedDate',
          r.LastModifiedDate
        ) &&
        inRange(i.CreatedDate, 'AfterCreatedDate', 'BeforeCreatedDate', r.CreatedDate) &&
        inRange(
          i.TargetCloseDate,
          'AfterTargetCloseDate',
          'BeforeTargetCloseDate',
          r.LifeCycle.TargetCloseDate as string | undefined
        )
      );
    });
  const sort = (i.Sort ?? {}) as Json;
  const key = SORT_KEYS[String(sort.SortBy ?? 'LastModifiedDate')] ?? SORT_KEYS.LastModifiedDate;
  const sorted = sortBy(
    matches,
    key as (r: OpportunityRecord) => string | number,
    (r) => r.Id,
    sort.SortOrder ?? 'DESCENDING'
  );
  const { items, NextToken } = page(sorted, i, 20);
  return { OpportunitySummaries: items, ...(NextToken ? { NextToken } : {}) };
};

const assignOpportunity: OperationHandler = (ctx, call) => {
  const entry = findOpportunity(call, call.input.Identifier);
  assertEditable(entry);
  const assignee = call.input.Assignee as Json;
  const team = ((entry.record.OpportunityTeam as Json[] | undefined) ?? []).filter(
    (m) => m.BusinessTitle !== assignee.BusinessTitle
  );
  entry.record.OpportunityTeam = [assignee, ...team].slice(0, 10);
  entry.record.LastModifiedDate = nextModified(entry.record.LastModifiedDate, call.now);
  ctx.emitOpportunity('Opportunity Updated', call.catalog.name, entry.record.Id, call.now);
  return {};
};

/** Marks an opportunity submitted and starts AWS's review (shared with the engagement task). */
export const submit = (
  ctx: SimContext,
  entry: OpportunityEntry,
  submission: { InvolvementType: unknown; Visibility?: unknown },
  at: number
): void => {
  const record = entry.record;
  record.LifeCycle = { ...record.LifeCycle, ReviewStatus: 'Submitted' };
  record.LastModifiedDate = nextModified(record.LastModifiedDate, at);
  entry.aws = {
    Catalog: record.Catalog,
    RelatedOpportunityId: record.Id,
    Origin: record.Origin,
    InvolvementType: submission.InvolvementType,
    Visibility: submission.Visibility ?? 'Full',
    LifeCycle: { TargetCloseDate: record.LifeCycle.TargetCloseDate },
    RelatedEntityIds: {
      AwsProducts: record.RelatedEntityIdentifiers.AwsProducts ?? [],
      Solutions: record.RelatedEntityIdentifiers.Solutions ?? [],
    },
    Project: { ExpectedCustomerSpend: (record.Project as Json | undefined)?.ExpectedCustomerSpend },
  };
  ctx.emitOpportunity('Opportunity Updated', record.Catalog, record.Id, at);
  ctx.review.start(entry, at);
};

const submitOpportunity: OperationHandler = (ctx, call) => {
  const entry = findOpportunity(call, call.input.Identifier);
  const status = entry.record.LifeCycle.ReviewStatus;
  if (status !== 'Pending Submission') {
    throw conflict(`The opportunity was already submitted (review status ${status}).`);
  }
  const problems = submissionProblems(entry.record, ctx.options);
  if (problems.length > 0) throw validationError('BUSINESS_VALIDATION_FAILED', problems);
  submit(ctx, entry, call.input as { InvolvementType: unknown; Visibility?: unknown }, call.now);
  return {};
};

const getAwsOpportunitySummary: OperationHandler = (_ctx, call) => {
  const entry = findOpportunity(call, call.input.RelatedOpportunityIdentifier);
  if (!entry.aws) throw notFound('The AWS opportunity summary');
  return entry.aws;
};

export const opportunityOperations: Record<string, OperationHandler> = {
  CreateOpportunity: createOpportunity,
  GetOpportunity: getOpportunity,
  UpdateOpportunity: updateOpportunity,
  ListOpportunities: listOpportunities,
  AssignOpportunity: assignOpportunity,
  SubmitOpportunity: submitOpportunity,
  GetAwsOpportunitySummary: getAwsOpportunitySummary,
};
