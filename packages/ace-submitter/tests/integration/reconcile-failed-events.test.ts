// Reconcile re-drives the events function's on-failure queue: real DynamoDB tables, the Partner Central
// simulator and the local SQS over HTTP (the same SDK calls production makes).
import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { makeAwsClients } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PartnerCentralEvent } from '../../../local/src/simulators/index';
import { failedEventsFunctionName, makeSqsFailedEventQueue } from '../../src/failed-events';
import { makeReconcile } from '../../src/reconcile';
import { seedDeal } from '../helpers/deals';
import { type Harness, PARTNER_ACCOUNT, STAGES, startHarness } from '../helpers/harness';
import { anUpdateMessage, aSubmitMessage } from '../helpers/messages';

const FUNCTION = 'govwin-ace-test-ace-submitter-events';
const plenty = () => 600_000;

let h: Harness;
let sqs: SQSClient;
let queueUrl: string;

/** The record Lambda writes to the on-failure destination after the last attempt failed. */
const failureRecord = (event: unknown, functionName = FUNCTION) =>
  JSON.stringify({
    version: '1.0',
    timestamp: '2026-11-23T12:00:00.000Z',
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:us-east-1:${PARTNER_ACCOUNT}:function:${functionName}`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'SimulatedCrash', errorMessage: 'crashed' },
  });

const deadLetter = (body: string) =>
  sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

const reconcileWithRedrive = () =>
  makeReconcile({
    ...h.deps,
    failedEvents: {
      queue: makeSqsFailedEventQueue({ sqs, queueUrl }),
      functionName: failedEventsFunctionName(queueUrl),
    },
  });

/** Every record visible now (received with a zero hold, so they stay visible). */
const visibleRecords = async () =>
  (
    await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
      })
    )
  ).Messages ?? [];

beforeAll(async () => {
  h = await startHarness();
  queueUrl = h.localAws.createQueue(`${FUNCTION}-async-dlq`);
  sqs = makeAwsClients({
    region: 'us-east-1',
    endpoints: { sqs: h.localAws.url },
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
  }).sqs();
});
afterAll(async () => {
  sqs.destroy();
  await h.cleanup();
});

describe('reconcile re-drives events that failed all their Lambda attempts', () => {
  it('runs them through the events use case (mirror and parked-edit replay) and deletes their records', async () => {
    // Arrange: a submitted deal with an edit parked during review; AWS approves it, and every event of the
    // review fails its three attempts (Lambda writes each to the on-failure queue).
    const dealId = seedDeal(h.deals, '8901');
    const out = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
    const oppId = out.status === 'submitted' ? out.aceOpportunityId : '';
    await h.drainEvents();
    h.deals.deals.set(dealId, { ...h.deals.deals.get(dealId), dealname: 'Replayed by reconcile' });
    expect((await h.update(anUpdateMessage(dealId, 'dealname'), { receiveCount: 1 })).status).toBe(
      'parked'
    );
    while (h.sim.advanceReview({ catalog: 'Sandbox', id: oppId }) > 0);
    const failed = h.events.splice(0) as PartnerCentralEvent[];
    expect(failed.length).toBeGreaterThan(0);
    for (const event of failed) await deadLetter(failureRecord(event));
    expect(h.deals.deals.get(dealId)?.govwin_aws_cosell_status).toBe('Submitted');

    // Act
    const stats = await reconcileWithRedrive()({ remainingMs: plenty });

    // Assert: the events did the work (the parked and status sweeps after them found nothing left).
    expect(stats).toMatchObject({
      failedEvents: failed.length,
      failedEventsRedriven: failed.length,
      failedEventsRetrying: 0,
      failedEventsLeft: 0,
      parkedRows: 0,
      reMirrored: 0,
      errors: 0,
    });
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_aws_cosell_status: 'Approved',
      dealstage: STAGES.approved,
    });
    const opp = h.opportunities().find((o) => (o as { Id: string }).Id === oppId) as {
      Project: { Title: string };
    };
    expect(opp.Project.Title).toBe('Replayed by reconcile');
    expect((await h.deps.repo.get(dealId))?.parkedEdits).toEqual([]);
    expect(await visibleRecords()).toEqual([]);
    // Replayed in reconcile itself: nothing was queued for the update function.
    expect((await h.deliverUpdateQueue()).records).toEqual([]);
    // Each event is done now: the events function would treat a late retry as a duplicate.
    expect((await h.handleEvent(failed[0])).status).toBe('duplicate');
  });

  it('leaves records it must not run (another function, unreadable, received too often) for the operator', async () => {
    // Arrange
    const event = {
      version: '0',
      id: randomUUID(),
      source: 'aws.partnercentral-selling',
      'detail-type': 'Opportunity Updated',
      account: PARTNER_ACCOUNT,
      time: '2026-11-23T12:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { catalog: 'Sandbox', opportunity: { identifier: 'O1234567' } },
    };
    await deadLetter(failureRecord(event, 'govwin-ace-test-ace-submitter-reconcile'));
    await deadLetter('{"not":"a record"}');
    const reconcile = reconcileWithRedrive();

    // Act: four runs; the records are received once per run.
    const runs = [];
    for (let i = 0; i < 4; i += 1) runs.push(await reconcile({ remainingMs: plenty }));

    // Assert: never run, never deleted, and visible again after each run (released, not hidden).
    for (const stats of runs)
      expect(stats).toMatchObject({
        failedEvents: 2,
        failedEventsRedriven: 0,
        failedEventsLeft: 2,
        errors: 0,
      });
    expect(await visibleRecords()).toHaveLength(2);
    const problems = h.logger.lines
      .map((l) => JSON.parse(l) as { args: [string, { problem?: string }?] })
      .filter((l) => l.args[0] === 'failed ACE event left for the operator')
      .map((l) => l.args[1]?.problem);
    expect(problems).toEqual(
      expect.arrayContaining([
        'a record of another function',
        'not a record of a failed asynchronous run (no requestContext)',
        'received 4 times',
      ])
    );
  });
});
