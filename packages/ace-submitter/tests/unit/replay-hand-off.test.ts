import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseAnyQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import { type AceClient, ValidationError } from '@govwin-ace/shared-core';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { makeSqsReplayRequester } from '../../src/replay-request';
import { EVENTS_ACE_CALLS, restrictAceClient } from '../../src/restrict-ace';
import { type ReplayParkedHandler, runSqsBatch } from '../../src/sqs-batch';
import { anUpdateMessage, aSubmitMessage, sqsEvent, sqsRecord } from '../helpers/messages';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
} from '../helpers/recorders';

const sqs = mockClient(SQSClient);
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/govwin-ace-dev-ace-update';
const INPUT = {
  dealId: '42',
  aceOpportunityId: 'O1234',
  catalog: 'Sandbox' as const,
  requestedAt: '2026-11-23T12:00:30.000Z',
  correlationId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
};
const REPLAY_BODY = { v: 1, kind: 'replayParked', ...INPUT };

describe('makeSqsReplayRequester', () => {
  beforeEach(() => {
    sqs.reset();
  });

  it('sends one versioned replayParked message with kind and v attributes to the update queue', async () => {
    // Arrange
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const requester = makeSqsReplayRequester({ sqs: new SQSClient({}), queueUrl: QUEUE_URL });

    // Act
    await requester.request(INPUT);

    // Assert
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: QUEUE_URL,
      MessageBody: JSON.stringify(REPLAY_BODY),
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'replayParked' },
        v: { DataType: 'Number', StringValue: '1' },
      },
    });
    const body = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '';
    expect(parseAnyQueueMessage(body)).toEqual(REPLAY_BODY);
  });

  it('turns an SQS failure into a retryable error naming the deal and the AWS code only', async () => {
    // Arrange
    sqs.on(SendMessageCommand).rejects(
      Object.assign(new Error('Access to KMS key arn:aws:kms:... for user x denied'), {
        name: 'KmsAccessDenied',
      })
    );
    const requester = makeSqsReplayRequester({ sqs: new SQSClient({}), queueUrl: QUEUE_URL });

    // Act
    const err = await requester.request(INPUT).catch((e: unknown) => e);

    // Assert
    expect(err).toMatchObject({
      code: 'REPLAY_REQUEST_NOT_QUEUED',
      retryable: true,
      message: 'replay request for deal 42 not queued (KmsAccessDenied)',
    });
  });

  it('refuses an invalid request before sending anything', async () => {
    // Arrange
    const requester = makeSqsReplayRequester({ sqs: new SQSClient({}), queueUrl: QUEUE_URL });

    // Act & Assert
    await expect(requester.request({ ...INPUT, aceOpportunityId: 'O1/../x' })).rejects.toThrow(
      ValidationError
    );
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 0);
  });
});

describe('restrictAceClient', () => {
  const fullClient = () => {
    const calls: string[] = [];
    const method = (name: string) => async () => {
      calls.push(name);
      return { name };
    };
    const ace = {
      catalog: 'Sandbox',
      getOpportunity: method('getOpportunity'),
      getEngagementInvitation: method('getEngagementInvitation'),
      findAcceptTaskForOpportunity: method('findAcceptTaskForOpportunity'),
      createOpportunity: method('createOpportunity'),
      updateOpportunity: method('updateOpportunity'),
      associate: method('associate'),
      disassociate: method('disassociate'),
      startEngagementFromOpportunityTask: method('startEngagementFromOpportunityTask'),
      startEngagementByAcceptingInvitationTask: method('startEngagementByAcceptingInvitationTask'),
      listOpportunities: method('listOpportunities'),
    } as unknown as AceClient;
    return { ace, calls };
  };

  it('delegates exactly the events reads and keeps the catalog', async () => {
    // Arrange
    const { ace, calls } = fullClient();
    const restricted = restrictAceClient(ace, Object.keys(EVENTS_ACE_CALLS), 'events');

    // Act
    await restricted.getOpportunity('O1');
    await restricted.getEngagementInvitation('engi-0123456789abc');
    await restricted.findAcceptTaskForOpportunity('O1');

    // Assert
    expect(calls).toEqual([
      'getOpportunity',
      'getEngagementInvitation',
      'findAcceptTaskForOpportunity',
    ]);
    expect(restricted.catalog).toBe('Sandbox');
  });

  it.each([
    'createOpportunity',
    'updateOpportunity',
    'associate',
    'disassociate',
    'startEngagementFromOpportunityTask',
    'startEngagementByAcceptingInvitationTask',
    'listOpportunities',
  ])('refuses %s before it reaches Partner Central', async (name) => {
    // Arrange
    const { ace, calls } = fullClient();
    const restricted = restrictAceClient(
      ace,
      Object.keys(EVENTS_ACE_CALLS),
      'ace-submitter-events'
    );
    const method = (restricted as unknown as Record<string, () => Promise<unknown>>)[name];

    // Act
    const err = await method?.().catch((e: unknown) => e);

    // Assert
    expect(err).toMatchObject({
      code: 'ACE_CALL_NOT_PERMITTED',
      retryable: false,
      message: `ace-submitter-events may not call ${name} (not granted to its role)`,
    });
    expect(calls).toEqual([]);
  });
});

describe('runSqsBatch › replayParked messages', () => {
  const deps = (queue: 'submit' | 'update', replayParked?: ReplayParkedHandler) => ({
    logger: makeRecordingLogger(),
    alerts: makeRecordingAlerts(),
    metrics: makeRecordingMetrics(),
    queue,
    maxReceiveCount: 5,
    ...(replayParked ? { replayParked } : {}),
  });

  it('routes replayParked to its handler and update to the update use case on the update queue', async () => {
    // Arrange
    const update = jest.fn(async () => ({ status: 'updated' }));
    const replay = jest.fn(async () => ({ status: 'replayed' }));

    // Act
    const out = await runSqsBatch(
      sqsEvent(sqsRecord(REPLAY_BODY, 'r1'), sqsRecord(anUpdateMessage('43', 'dealname'), 'u1')),
      update as never,
      deps('update', replay)
    );

    // Assert
    expect(out).toEqual({ batchItemFailures: [] });
    expect(replay).toHaveBeenCalledTimes(1);
    expect(replay.mock.calls[0]).toEqual([REPLAY_BODY, { receiveCount: 1 }]);
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('fails a replayParked message on the submit queue without calling anything', async () => {
    // Arrange
    const submit = jest.fn(async () => ({ status: 'submitted' }));
    const replay = jest.fn(async () => ({ status: 'replayed' }));

    // Act
    const out = await runSqsBatch(
      sqsEvent(sqsRecord(REPLAY_BODY, 'r1'), sqsRecord(aSubmitMessage('44'), 's1')),
      submit as never,
      deps('submit', replay)
    );

    // Assert
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'r1' }] });
    expect(replay).not.toHaveBeenCalled();
    expect(submit).toHaveBeenCalledTimes(1);
  });
});
