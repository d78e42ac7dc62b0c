import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type AwsClients, makeAwsClients, replayFingerprint } from '@govwin-ace/shared-core';
import { fakeLambdaContext } from '@govwin-ace/shared-core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  APP_ID,
  aDealEvent,
  aDelivery,
  CURRENT_SECRET,
  NOW,
  PREVIOUS_SECRET,
  TEST_CONFIG,
  TEST_ENV,
  TRIGGER_STAGE,
} from '../helpers/webhook-request';

// One wiring test through the real middy chain: env -> config, clients from makeAwsClients, Secrets Manager,
// the DynamoDB replay reservation, SQS and SNS, all mocked at the SDK boundary with exact inputs.
type SecretsManagerClient = ReturnType<AwsClients['secretsManager']>;
const SecretsManager = makeAwsClients({ region: 'us-east-1' }).secretsManager()
  .constructor as unknown as new () => SecretsManagerClient;

const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const ddb = mockClient(DynamoDBDocumentClient);
const secrets = mockClient(SecretsManager);
const savedEnv = { ...process.env };
let handler: typeof import('../../src/handlers/receiver')['handler'];

beforeAll(async () => {
  Object.assign(process.env, TEST_ENV);
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setImmediate',
      'nextTick',
      'queueMicrotask',
      'setInterval',
      'clearInterval',
    ],
  });
  ({ handler } = await import('../../src/handlers/receiver'));
});
afterAll(() => {
  jest.useRealTimers();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});
beforeEach(() => {
  sqs.reset();
  sns.reset();
  ddb.reset();
  secrets.reset();
  secrets.callsFake(() => ({
    SecretString: JSON.stringify({ current: CURRENT_SECRET, previous: PREVIOUS_SECRET }),
  }));
  ddb.on(PutCommand).resolves({});
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((e) => ({
      Id: e.Id,
      MessageId: `m-${e.Id}`,
      MD5OfMessageBody: 'x',
    })),
    Failed: [],
  }));
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
});

describe('handler (middy wiring)', () => {
  it('verifies, reserves, enqueues and alerts with the exact AWS inputs', async () => {
    // Arrange
    const submit = aDealEvent({
      eventId: 1,
      objectId: 501,
      propertyName: 'dealstage',
      propertyValue: TRIGGER_STAGE,
      changeSource: 'INTEGRATION',
      sourceId: APP_ID,
    });
    const audit = aDealEvent({
      eventId: 2,
      objectId: 502,
      propertyName: 'govwin_aws_cosell_id',
      propertyValue: 'O9000001',
    });
    const request = aDelivery([submit, audit], { secret: PREVIOUS_SECRET });
    const headers = request.headers as Record<string, string>;
    const context = fakeLambdaContext({ awsRequestId: 'req-wiring-1' });

    // Act
    const res = await handler(request, context);

    // Assert
    expect(res).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'req-wiring-1' },
      body: JSON.stringify({
        correlationId: 'req-wiring-1',
        received: 2,
        submit: 1,
        update: 0,
        audit: 1,
        dropped: 0,
        invalid: 0,
        loopSuppressed: 0,
      }),
    });
    expect(secrets.calls().map((c) => (c.args[0] as { input: unknown }).input)).toEqual([
      { SecretId: TEST_CONFIG.signingSecretArn },
    ]);
    const fp = replayFingerprint(
      headers['x-hubspot-signature-v3'] ?? '',
      headers['x-hubspot-request-timestamp'] ?? ''
    );
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: TEST_CONFIG.entityMappingsTable,
      Item: {
        pk: `WHK#${fp}`,
        sk: 'SEEN',
        seenAt: new Date(NOW).toISOString(),
        ttl: Math.floor(NOW / 1000) + 300,
      },
    });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageBatchCommand, {
      QueueUrl: TEST_CONFIG.submitQueueUrl,
      Entries: [
        {
          Id: '0',
          MessageBody: JSON.stringify({
            v: 1,
            kind: 'submit',
            dealId: '501',
            portalId: '24156720',
            eventId: '1',
            subscriptionId: '2462575',
            occurredAt: NOW - 2_000,
            attemptNumber: 0,
            propertyName: 'dealstage',
            propertyValue: TRIGGER_STAGE,
            changeSource: 'INTEGRATION',
            sourceId: APP_ID,
            catalog: 'Sandbox',
            receivedAt: new Date(NOW).toISOString(),
            correlationId: 'req-wiring-1',
          }),
          MessageAttributes: {
            kind: { DataType: 'String', StringValue: 'submit' },
            v: { DataType: 'Number', StringValue: '1' },
          },
        },
      ],
    });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const published = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(published).toEqual({
      TopicArn: TEST_CONFIG.alertsTopicArn,
      Subject: 'AWS co-sell id changed outside the integration on deal 502',
      Message: expect.stringContaining('new value: O9000001'),
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'cosell-id-changed-outside-integration' },
        alertType: {
          DataType: 'String',
          StringValue: 'audit.cosell-id.changed-outside-integration',
        },
      },
    });
  });

  it('answers a replay from the DynamoDB condition with 200 and no enqueue', async () => {
    ddb.on(PutCommand).rejects(
      Object.assign(new Error('The conditional request failed'), {
        name: 'ConditionalCheckFailedException',
      })
    );
    const res = await handler(
      aDelivery([aDealEvent()]),
      fakeLambdaContext({ awsRequestId: 'req-2' })
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ correlationId: 'req-2', duplicate: true });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 0);
  });

  it('answers 401 to a bad signature without calling DynamoDB, SQS or SNS', async () => {
    const res = await handler(
      aDelivery([aDealEvent()], { secret: 'not-the-secret' }),
      fakeLambdaContext()
    );
    expect(res.statusCode).toBe(401);
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 0);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 0);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 0);
  });
});
