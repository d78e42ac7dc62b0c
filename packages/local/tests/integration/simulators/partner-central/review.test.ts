import {
  AssociateOpportunityCommand,
  ConflictException,
  CreateOpportunityCommand,
  GetAwsOpportunitySummaryCommand,
  GetOpportunityCommand,
  type GetOpportunityCommandOutput,
  ListEngagementFromOpportunityTasksCommand,
  ListEngagementInvitationsCommand,
  ResourceNotFoundException,
  StartEngagementFromOpportunityTaskCommand,
  SubmitOpportunityCommand,
  UpdateOpportunityCommand,
  ValidationException,
} from '@aws-sdk/client-partnercentral-selling';
import { afterEach, describe, expect, it } from '@jest/globals';
import { makeSimClock } from '../../../../src/simulators/common/sim-clock';
import type {
  PartnerCentralEvent,
  PartnerCentralSimulatorOptions,
} from '../../../../src/simulators/partner-central/index';
import {
  anOpportunity,
  type Harness,
  NO_QUOTAS,
  rejectionOf,
  START,
  startHarness,
} from './harness';

describe('Partner Central simulator: submission and the scripted review', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const get = (Id: string | undefined) =>
    h.pc.send(new GetOpportunityCommand({ Catalog: 'Sandbox', Identifier: Id }));
  const status = async (Id: string | undefined) => (await get(Id)).LifeCycle?.ReviewStatus;

  /** Creates an opportunity with a solution attached, ready to submit. */
  const readyOpportunity = async (): Promise<string> => {
    const { Id } = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
    const solution = h.sim.inspect().catalogs.Sandbox.solutions[0]?.Id as string;
    await h.pc.send(
      new AssociateOpportunityCommand({
        Catalog: 'Sandbox',
        OpportunityIdentifier: Id,
        RelatedEntityType: 'Solutions',
        RelatedEntityIdentifier: solution,
      })
    );
    return Id as string;
  };

  const startTask = (Identifier: string, ClientToken = `submit-${Identifier}`) =>
    h.pc.send(
      new StartEngagementFromOpportunityTaskCommand({
        Catalog: 'Sandbox',
        Identifier,
        ClientToken,
        AwsSubmission: { InvolvementType: 'Co-Sell', Visibility: 'Full' },
      })
    );

  const setup = async (options: PartnerCentralSimulatorOptions = {}) => {
    h = await startHarness({ ...NO_QUOTAS, ...options });
    return readyOpportunity();
  };

  it('runs the task, submits, and reviews Submitted -> In review -> Approved with events', async () => {
    // Arrange
    const id = await setup();
    h.events.length = 0;
    // Act
    const task = await startTask(id);
    const before = await status(id);
    h.sim.advance(1_000);
    const tasks = await h.pc.send(
      new ListEngagementFromOpportunityTasksCommand({
        Catalog: 'Sandbox',
        OpportunityIdentifier: [id],
      })
    );
    const submitted = await status(id);
    h.sim.advance(1_000);
    const inReview = await status(id);
    h.sim.advance(2_000);
    const approved = await get(id);
    const summary = await h.pc.send(
      new GetAwsOpportunitySummaryCommand({ Catalog: 'Sandbox', RelatedOpportunityIdentifier: id })
    );
    const sent = await h.pc.send(
      new ListEngagementInvitationsCommand({ Catalog: 'Sandbox', ParticipantType: 'SENDER' })
    );
    // Assert
    expect(task.TaskStatus).toBe('IN_PROGRESS');
    expect(task.TaskId).toMatch(/task-[0-9a-z]{13}$/);
    expect(before).toBe('Pending Submission');
    expect(tasks.TaskSummaries).toEqual([
      expect.objectContaining({
        TaskId: task.TaskId,
        TaskStatus: 'COMPLETE',
        OpportunityId: id,
        EngagementId: expect.stringMatching(/^eng-[0-9a-z]{14}$/),
        EngagementInvitationId: expect.stringMatching(/^engi-[0-9a-z]{13}$/),
        ResourceSnapshotJobId: expect.stringMatching(/^job-[0-9a-z]{13}$/),
      }),
    ]);
    expect(submitted).toBe('Submitted');
    expect(inReview).toBe('In review');
    expect(approved.LifeCycle?.ReviewStatus).toBe('Approved');
    expect(approved.LastModifiedDate).toEqual(new Date(START + 4_000));
    expect(summary).toMatchObject({
      RelatedOpportunityId: id,
      InvolvementType: 'Co-Sell',
      Visibility: 'Full',
      LifeCycle: { Stage: 'Qualified', TargetCloseDate: '2026-09-30' },
    });
    expect(sent.EngagementInvitationSummaries?.map((i) => i.Status)).toEqual(['ACCEPTED']);
    expect(h.events.map((e) => [e['detail-type'], e.time])).toEqual([
      ['Opportunity Updated', '2026-03-02T09:00:01Z'],
      ['Opportunity Updated', '2026-03-02T09:00:02Z'],
      ['Opportunity Updated', '2026-03-02T09:00:04Z'],
    ]);
    expect(h.events[0]).toEqual({
      version: '0',
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      ),
      'detail-type': 'Opportunity Updated',
      source: 'aws.partnercentral-selling',
      account: '111122223333',
      time: '2026-03-02T09:00:01Z',
      region: 'us-east-1',
      resources: [],
      detail: {
        schemaVersion: '1',
        catalog: 'Sandbox',
        opportunity: { identifier: id, url: expect.stringContaining(id) },
      },
    });
  });

  it('moves the review on its own as the clock runs, without any request', async () => {
    // Arrange
    let now = START;
    h = await startHarness({
      ...NO_QUOTAS,
      taskDurationMs: 0,
      autoTickMs: 5,
      clock: makeSimClock({ now: () => now }),
    });
    const id = await readyOpportunity();
    await startTask(id);
    const seen = h.events.length;
    const nextEvent = new Promise<PartnerCentralEvent>((resolve) => {
      const stop = h.sim.onEvent((e) => {
        stop();
        resolve(e);
      });
    });
    // Act
    now += 1_000;
    const event = await nextEvent;
    // Assert
    expect(event.time).toBe('2026-03-02T09:00:01Z');
    expect(h.events.length).toBe(seen + 1);
    expect(h.sim.inspect().catalogs.Sandbox.opportunities[0]?.LifeCycle).toMatchObject({
      ReviewStatus: 'In review',
    });
  });

  it('refuses updates while the opportunity is under review', async () => {
    // Arrange
    const id = await setup({ taskDurationMs: 0 });
    await startTask(id);
    const current = await get(id);
    // Act
    const err = await rejectionOf(
      h.pc.send(
        new UpdateOpportunityCommand({
          Catalog: 'Sandbox',
          Identifier: id,
          LastModifiedDate: current.LastModifiedDate,
          Customer: current.Customer,
          Project: current.Project,
          LifeCycle: { ...current.LifeCycle, Stage: 'Committed' },
        })
      )
    );
    // Assert
    expect(current.LifeCycle?.ReviewStatus).toBe('Submitted');
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.Reason).toBe('BUSINESS_VALIDATION_FAILED');
    expect(err.ErrorList).toEqual([expect.objectContaining({ Code: 'INVALID_RESOURCE_STATE' })]);
  });

  it('keeps a task idempotent per ClientToken and refuses a second submission', async () => {
    // Arrange
    const id = await setup();
    // Act
    const first = await startTask(id, 'submit-once');
    const replay = await startTask(id, 'submit-once');
    const second = await rejectionOf(startTask(id, 'submit-twice'));
    // Assert
    expect(replay.TaskId).toBe(first.TaskId);
    expect(second).toBeInstanceOf(ConflictException);
    expect(h.sim.inspect().catalogs.Sandbox.engagementTasks.fromOpportunity).toHaveLength(1);
  });

  it('fails the task with OpportunityValidationFailed when the opportunity is incomplete', async () => {
    // Arrange
    h = await startHarness(NO_QUOTAS);
    const { Id } = await h.pc.send(new CreateOpportunityCommand(anOpportunity()));
    // Act
    await startTask(Id as string);
    h.sim.advance(1_000);
    const tasks = await h.pc.send(
      new ListEngagementFromOpportunityTasksCommand({ Catalog: 'Sandbox' })
    );
    // Assert
    expect(tasks.TaskSummaries?.[0]).toMatchObject({
      TaskStatus: 'FAILED',
      ReasonCode: 'OpportunityValidationFailed',
      Message: expect.stringContaining('RelatedEntityIdentifiers.Solutions'),
    });
    expect(await status(Id)).toBe('Pending Submission');
  });

  it('pauses on Action Required until the partner edits an allowed field, then approves', async () => {
    // Arrange
    const id = await setup({
      taskDurationMs: 0,
      review: [
        { afterMs: 1_000, reviewStatus: 'In review' },
        {
          afterMs: 1_000,
          reviewStatus: 'Action Required',
          reviewComments: 'Please give the customer website.',
          reviewStatusReason: 'Customer details incomplete',
        },
        { afterMs: 5_000, reviewStatus: 'Approved' },
      ],
    });
    await startTask(id);
    h.sim.advance(2_000);
    const flagged = await get(id);
    const send = (o: GetOpportunityCommandOutput, change: Partial<GetOpportunityCommandOutput>) =>
      h.pc.send(
        new UpdateOpportunityCommand({
          Catalog: 'Sandbox',
          Identifier: id,
          LastModifiedDate: o.LastModifiedDate,
          Customer: o.Customer,
          Project: o.Project,
          LifeCycle: o.LifeCycle,
          PartnerOpportunityIdentifier: o.PartnerOpportunityIdentifier,
          OpportunityType: o.OpportunityType,
          PrimaryNeedsFromAws: o.PrimaryNeedsFromAws,
          NationalSecurity: o.NationalSecurity,
          ...change,
        })
      );
    // Act
    const locked = await rejectionOf(send(flagged, { OpportunityType: 'Expansion' }));
    h.sim.advance(60_000);
    const waited = await status(id);
    await send(flagged, {
      Customer: {
        ...flagged.Customer,
        Account: {
          ...flagged.Customer?.Account,
          CompanyName: 'Example County Records Office',
          WebsiteUrl: 'https://www.records.example.gov',
        },
      },
    });
    const resubmitted = await get(id);
    h.sim.advance(5_000);
    const approved = await get(id);
    // Assert
    expect(flagged.LifeCycle).toMatchObject({
      ReviewStatus: 'Action Required',
      ReviewComments: 'Please give the customer website.',
      ReviewStatusReason: 'Customer details incomplete',
    });
    expect(locked).toBeInstanceOf(ValidationException);
    expect(locked.ErrorList).toEqual([
      expect.objectContaining({ FieldName: 'OpportunityType', Code: 'ACTION_NOT_PERMITTED' }),
    ]);
    expect(waited).toBe('Action Required');
    expect(resubmitted.LifeCycle?.ReviewStatus).toBe('Submitted');
    expect(resubmitted.Customer?.Account?.WebsiteUrl).toBe('https://www.records.example.gov');
    expect(approved.LifeCycle?.ReviewStatus).toBe('Approved');
    expect(approved.LifeCycle?.ReviewStatusReason).toBeUndefined();
  });

  it('rejects per a per-opportunity script and stops there', async () => {
    // Arrange
    const id = await setup({
      taskDurationMs: 0,
      review: (ctx) =>
        ctx.partnerOpportunityIdentifier === 'hubspot-deal-1001'
          ? [
              {
                afterMs: 500,
                reviewStatus: 'Rejected',
                reviewStatusReason: 'Duplicate opportunity',
              },
            ]
          : [],
    });
    await startTask(id);
    // Act
    h.sim.advance(10_000);
    const rejected = await get(id);
    const sent = await h.pc.send(
      new ListEngagementInvitationsCommand({ Catalog: 'Sandbox', ParticipantType: 'SENDER' })
    );
    // Assert
    expect(rejected.LifeCycle).toMatchObject({
      ReviewStatus: 'Rejected',
      ReviewStatusReason: 'Duplicate opportunity',
    });
    expect(sent.EngagementInvitationSummaries?.[0]?.Status).toBe('REJECTED');
    expect(h.sim.inspect().catalogs.Sandbox.reviews[0]).toMatchObject({
      waiting: 'done',
      applied: 1,
    });
  });

  it('scripts the lifecycle after approval (Closed Lost with a reason) and advances on demand', async () => {
    // Arrange
    const id = await setup({ taskDurationMs: 0 });
    await startTask(id);
    // Act
    const applied = [h.sim.advanceReview({ catalog: 'Sandbox', id }), h.sim.advanceReview()];
    const approved = await status(id);
    h.sim.scriptReview('Sandbox', id, [
      {
        afterMs: 86_400_000,
        stage: 'Closed Lost',
        closedLostReason: 'Price',
        awsStage: 'Closed Lost',
        awsClosedLostReason: 'Price',
        awsNextSteps: 'Closed by the AWS seller',
      },
    ]);
    h.sim.advance(86_400_000);
    const closed = await get(id);
    const summary = await h.pc.send(
      new GetAwsOpportunitySummaryCommand({ Catalog: 'Sandbox', RelatedOpportunityIdentifier: id })
    );
    // Assert
    expect(applied).toEqual([1, 1]);
    expect(approved).toBe('Approved');
    expect(closed.LifeCycle).toMatchObject({ Stage: 'Closed Lost', ClosedLostReason: 'Price' });
    expect(summary.LifeCycle).toMatchObject({
      Stage: 'Closed Lost',
      ClosedLostReason: 'Price',
      NextSteps: 'Closed by the AWS seller',
    });
  });

  it('counts a review-script function that fails without breaking other calls', async () => {
    // Arrange
    const id = await setup({
      taskDurationMs: 0,
      review: () => {
        throw new Error('script bug');
      },
    });
    // Act
    const task = await startTask(id);
    const after = await status(id);
    // Assert
    expect(task.TaskStatus).toBe('COMPLETE');
    expect(after).toBe('Submitted');
    expect(h.sim.counters()).toMatchObject({ errors: {}, reviewScriptErrors: 1 });
  });

  it('refuses review steps with values outside the SDK enums', async () => {
    // Arrange
    const id = await setup();
    // Act & Assert
    expect(() =>
      h.sim.scriptReview('Sandbox', id, [{ afterMs: 1, reviewStatus: 'Approved-ish' as never }])
    ).toThrow('review script step 0: reviewStatus must be one of the SDK');
  });

  it('supports SubmitOpportunity and has no AWS summary before submission', async () => {
    // Arrange
    const id = await setup();
    // Act
    const none = await rejectionOf(
      h.pc.send(
        new GetAwsOpportunitySummaryCommand({
          Catalog: 'Sandbox',
          RelatedOpportunityIdentifier: id,
        })
      )
    );
    await h.pc.send(
      new SubmitOpportunityCommand({
        Catalog: 'Sandbox',
        Identifier: id,
        InvolvementType: 'For Visibility Only',
      })
    );
    const again = await rejectionOf(
      h.pc.send(
        new SubmitOpportunityCommand({
          Catalog: 'Sandbox',
          Identifier: id,
          InvolvementType: 'Co-Sell',
        })
      )
    );
    const summary = await h.pc.send(
      new GetAwsOpportunitySummaryCommand({ Catalog: 'Sandbox', RelatedOpportunityIdentifier: id })
    );
    // Assert
    expect(none).toBeInstanceOf(ResourceNotFoundException);
    expect(await status(id)).toBe('Submitted');
    expect(again).toBeInstanceOf(ConflictException);
    expect(summary.InvolvementType).toBe('For Visibility Only');
  });
});
