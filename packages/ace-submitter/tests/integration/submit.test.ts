import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CANARY_VALUES, seedDeal } from '../helpers/deals';
import { type Harness, STAGES, startHarness } from '../helpers/harness';
import { aSubmitMessage } from '../helpers/messages';

let h: Harness;
let nextDeal = 5100;
const newDeal = (overrides = {}) => {
  nextDeal += 1;
  return seedDeal(h.deals, String(nextDeal), overrides);
};

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.cleanup();
});

const oppFor = (dealId: string) =>
  h
    .opportunities()
    .filter(
      (o) =>
        (o as { PartnerOpportunityIdentifier?: string }).PartnerOpportunityIdentifier === dealId
    );

describe('submit (real SDK -> Partner Central simulator, DynamoDB Local)', () => {
  it('creates, associates, submits and writes the id and status back (happy path)', async () => {
    // Arrange
    const dealId = newDeal();

    // Act
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });

    // Assert
    expect(outcome).toMatchObject({ status: 'submitted', adopted: false });
    const [opp] = oppFor(dealId) as { Id: string; LifeCycle: { ReviewStatus: string } }[];
    expect(opp?.LifeCycle.ReviewStatus).toBe('Submitted');
    const snapshot = h.sim.inspect().catalogs.Sandbox;
    expect(snapshot.associations.filter((a) => a.opportunityId === opp?.Id)).toEqual(
      expect.arrayContaining([
        { opportunityId: opp?.Id, type: 'Solutions', id: h.solutionId },
        { opportunityId: opp?.Id, type: 'AwsProducts', id: 'AmazonS3' },
        { opportunityId: opp?.Id, type: 'AwsProducts', id: 'AmazonTextract' },
      ])
    );
    expect(
      snapshot.engagementTasks.fromOpportunity.filter((t) => t.OpportunityId === opp?.Id)
    ).toHaveLength(1);
    const deal = h.deals.deals.get(dealId);
    expect(deal?.govwin_aws_cosell_id).toBe(opp?.Id);
    expect(deal?.govwin_aws_cosell_status).toBe('Submitted');
    expect(deal?.dealstage).toBe(STAGES.submitted);
    const row = await h.deps.repo.get(dealId);
    expect(Object.keys(row?.steps ?? {}).sort()).toEqual([
      'associated',
      'created',
      'engagementStarted',
      'writtenBack',
    ]);
    const audit = await h.deps.audit.listByDeal(dealId);
    expect(audit.map((r) => r.operation)).toEqual([
      'partnercentral:CreateOpportunity',
      'partnercentral:AssociateOpportunity',
      'partnercentral:AssociateOpportunity',
      'partnercentral:AssociateOpportunity',
      'partnercentral:StartEngagementFromOpportunityTask',
      'hubspot:UpdateDeal',
    ]);
    const everything = [
      h.logger.text(),
      JSON.stringify(audit),
      JSON.stringify(h.deals.writes),
    ].join('\n');
    for (const canary of CANARY_VALUES) expect(everything).not.toContain(canary);
  });

  it('is a no-op when a fully submitted message is delivered again', async () => {
    // Arrange
    const dealId = newDeal();
    await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
    const callsBefore = h.sim.counters().calls;

    // Act
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 2 });

    // Assert
    expect(outcome.status).toBe('already-submitted');
    const callsAfter = h.sim.counters().calls;
    expect(callsAfter.CreateOpportunity).toBe(callsBefore.CreateOpportunity);
    expect(callsAfter.StartEngagementFromOpportunityTask).toBe(
      callsBefore.StartEngagementFromOpportunityTask
    );
    expect(oppFor(dealId)).toHaveLength(1);
  });

  it('adopts an existing ACE opportunity with the same PartnerOpportunityIdentifier instead of duplicating', async () => {
    // Arrange: an opportunity created for this deal outside the mapping (e.g. the row was lost).
    const dealId = newDeal();
    const { mapDealToCreate } = await import('@govwin-ace/shared-core');
    const deal = await h.deals.getDeal(dealId, Object.keys(h.deals.deals.get(dealId) ?? {}));
    const company = await h.deals.getAssociatedCompany(dealId, ['name', 'website', 'country']);
    const body = mapDealToCreate({
      deal: deal as { id: string; properties: Record<string, string | null> },
      company: company?.properties,
      today: '2026-11-23',
    }).body;
    const existing = await h.deps.ace.createOpportunity(body, 'created-elsewhere-1');

    // Act
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });

    // Assert
    expect(outcome).toEqual({ status: 'submitted', aceOpportunityId: existing.id, adopted: true });
    expect(oppFor(dealId)).toHaveLength(1);
    expect((await h.deps.repo.get(dealId))?.clientTokens.create).toBeUndefined();
    expect(h.deals.deals.get(dealId)?.govwin_aws_cosell_id).toBe(existing.id);
  });

  it('reports validation problems per field before any AWS write, and tells the BD on the deal', async () => {
    // Arrange
    const dealId = newDeal({ govwin_ace_partner_need: 'Free Lunch', closedate: '2020-01-01' });
    const creates = h.sim.counters().calls.CreateOpportunity ?? 0;

    // Act
    const err = await h
      .submit(aSubmitMessage(dealId), { receiveCount: 1 })
      .catch((e: unknown) => e);

    // Assert
    expect(err).toMatchObject({
      code: 'ACE_MAPPING_INVALID',
      retryable: false,
      fields: {
        govwin_ace_partner_need: expect.stringContaining('PrimaryNeedFromAws'),
        closedate: 'must not be in the past',
      },
    });
    expect(h.sim.counters().calls.CreateOpportunity ?? 0).toBe(creates);
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toBe(
      'ACE submission blocked: closedate must not be in the past; govwin_ace_partner_need has a value that is not a valid PrimaryNeedFromAws: one of Co-Sell - Architectural Validation | Co-Sell - Business Presentation | Co-Sell - Competitive Information | Co-Sell - Deal Support | Co-Sell - Pricing Assistance | Co-Sell - Support for Public Tender / RFx | Co-Sell - Technical Consultation | Co-Sell - Total Cost of Ownership Evaluation'
    );
    expect(h.alerts.alerts.at(-1)).toMatchObject({
      kind: 'submission-rejected',
      message: expect.stringContaining('fields: closedate,govwin_ace_partner_need'),
    });
  });

  it('writes the failure note on a redelivery that does not find it on the deal, then stays quiet', async () => {
    // Arrange: an invalid deal whose first delivery failed retryably (it never reached the note); HubSpot
    // then refuses the next delivery's note write.
    const dealId = newDeal({ closedate: '2020-01-01' });
    const rejected = () =>
      h.alerts.alerts.filter(
        (a) => a.kind === 'submission-rejected' && a.subject.includes(`deal ${dealId}`)
      ).length;
    const noteWrites = () =>
      h.deals.writes.filter(
        (w) => w.dealId === dealId && w.properties.govwin_ace_status_note !== undefined
      ).length;
    const deliver = (receiveCount: number) =>
      h.submit(aSubmitMessage(dealId), { receiveCount }).catch((e: unknown) => e);
    h.deals.failUpdates(1);

    // Act
    const outcomes = [await deliver(2)];
    const noteAfterRefusedWrite = h.deals.deals.get(dealId)?.govwin_ace_status_note;
    outcomes.push(await deliver(3));
    const alertsOnceWritten = rejected();
    const writesOnceWritten = noteWrites();
    outcomes.push(await deliver(4));

    // Assert
    for (const o of outcomes) expect(o).toMatchObject({ code: 'ACE_MAPPING_INVALID' });
    expect(noteAfterRefusedWrite).toBeUndefined();
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toBe(
      'ACE submission blocked: closedate must not be in the past'
    );
    expect(alertsOnceWritten).toBe(2);
    expect(writesOnceWritten).toBe(1);
    expect(rejected()).toBe(2);
    expect(noteWrites()).toBe(1);
  });

  it('surfaces a submission AWS refuses (FAILED task), then submits again once the deal is fixed', async () => {
    // Arrange: no solution at all -> the simulator fails the submit task (a solution is required).
    const dealId = newDeal();
    const saved = h.settings.defaultSolutionId;
    h.settings.defaultSolutionId = undefined;

    // Act 1: the first run fails permanently; its redelivery must not start another task.
    const first = await h
      .submit(aSubmitMessage(dealId), { receiveCount: 1 })
      .catch((e: unknown) => e);
    const again = await h
      .submit(aSubmitMessage(dealId), { receiveCount: 2 })
      .catch((e: unknown) => e);

    // Assert 1
    expect(first).toMatchObject({
      code: 'ACE_ENGAGEMENT_FAILED',
      reasonCode: 'OpportunityValidationFailed',
    });
    expect(again).toMatchObject({ code: 'ACE_ENGAGEMENT_FAILED' });
    const [opp] = oppFor(dealId) as { Id: string }[];
    const tasksOf = () =>
      h.sim
        .inspect()
        .catalogs.Sandbox.engagementTasks.fromOpportunity.filter(
          (t) => t.OpportunityId === opp?.Id
        );
    expect(tasksOf()).toHaveLength(1);
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toBe(
      'AWS did not accept the submission (OpportunityValidationFailed); fix the deal and submit again'
    );

    // Act 2: the BD picks a solution and moves the deal to the submit stage again (a new message).
    h.settings.defaultSolutionId = saved;
    h.deals.deals.set(dealId, {
      ...h.deals.deals.get(dealId),
      govwin_ace_solution_id: saved ?? null,
    });
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });

    // Assert 2
    expect(outcome).toMatchObject({ status: 'submitted', aceOpportunityId: opp?.Id });
    expect(tasksOf().map((t) => t.TaskStatus)).toEqual(
      expect.arrayContaining(['FAILED', 'COMPLETE'])
    );
    expect(tasksOf()).toHaveLength(2);
    expect(oppFor(dealId)).toHaveLength(1);
    expect(h.deals.deals.get(dealId)?.govwin_ace_status_note).toBe('');
    expect(h.deals.deals.get(dealId)?.govwin_aws_cosell_status).toBe('Submitted');
  });

  it('skips a message whose deal has left the submit stage before anything started', async () => {
    // Arrange
    const dealId = newDeal({ dealstage: 'appointmentscheduled' });

    // Act
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });

    // Assert
    expect(outcome).toEqual({ status: 'skipped', reason: 'deal is not in a submit stage' });
    expect(oppFor(dealId)).toHaveLength(0);
  });

  it('refuses a message for another catalog', async () => {
    // Arrange
    const dealId = newDeal();

    // Act & Assert
    await expect(
      h.submit(aSubmitMessage(dealId, { catalog: 'AWS' }), { receiveCount: 1 })
    ).rejects.toMatchObject({ code: 'CATALOG_MISMATCH' });
  });
});
