import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PublishCommand } from '@aws-sdk/client-sns';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { makeAwsClients } from '@govwin-ace/shared-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LocalAws } from '../../../src/runtime/local-aws-server';

describe('LocalAws (real AWS SDK clients over HTTP)', () => {
  const local = new LocalAws({ accountId: '123456789012' });
  let aws: ReturnType<typeof makeAwsClients>;
  beforeAll(async () => {
    const url = await local.start();
    aws = makeAwsClients({
      region: 'us-east-1',
      endpoints: { sqs: url, sns: url, secretsmanager: url },
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => local.stop());

  it('SQS: send, batch send, receive, delete and attributes round-trip through the SDK (MD5 checked by the SDK)', async () => {
    // Arrange
    local.createQueue('submit-dlq');
    const url = local.createQueue('submit', { maxReceiveCount: 5, dlq: 'submit-dlq' });
    const sqs = aws.sqs();
    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"v":1,"n":0}' }));
    const batch = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [1, 2].map((n) => ({ Id: String(n), MessageBody: `{"v":1,"n":${n}}` })),
      })
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 })
    );
    for (const m of received.Messages ?? []) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })
    );
    // Assert
    expect(batch.Successful).toHaveLength(2);
    expect(received.Messages?.map((m) => m.Body)).toEqual([
      '{"v":1,"n":0}',
      '{"v":1,"n":1}',
      '{"v":1,"n":2}',
    ]);
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(JSON.parse(attrs.Attributes?.RedrivePolicy ?? '{}').maxReceiveCount).toBe(5);
  });

  it('SQS: an unknown queue surfaces as QueueDoesNotExist', async () => {
    await expect(
      aws
        .sqs()
        .send(
          new SendMessageCommand({ QueueUrl: `${local.url}/123456789012/nope`, MessageBody: 'x' })
        )
    ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it('SNS: Publish records subject and message for the topic', async () => {
    const topicArn = local.createTopic('alerts');
    const out = await aws
      .sns()
      .send(new PublishCommand({ TopicArn: topicArn, Subject: 'audit', Message: 'hello' }));
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(local.published.at(-1)).toMatchObject({ topicArn, subject: 'audit', message: 'hello' });
    expect(local.published.at(-1)?.attributes).toBeUndefined();
  });

  it('SNS: Publish records String message attributes (the alert kind subscriptions filter on)', async () => {
    const topicArn = local.createTopic('alerts');
    await aws.sns().send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'm',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'orphan-opportunity' },
          team: { DataType: 'String', StringValue: 'bd' },
        },
      })
    );
    expect(local.published.at(-1)?.attributes).toEqual({
      kind: 'orphan-opportunity',
      team: 'bd',
    });
  });

  it('Secrets Manager: get and put by name or ARN; unknown ids are ResourceNotFoundException', async () => {
    const arn = local.putSecret('hubspot-signing', '{"current":"a"}');
    const sm = aws.secretsManager();
    expect((await sm.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString).toBe(
      '{"current":"a"}'
    );
    await sm.send(
      new PutSecretValueCommand({ SecretId: 'hubspot-signing', SecretString: '{"current":"b"}' })
    );
    expect((await sm.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString).toBe(
      '{"current":"b"}'
    );
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'missing' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
      }
    );
  });
});
