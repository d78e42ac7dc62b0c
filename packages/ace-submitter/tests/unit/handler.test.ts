import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { fakeLambdaContext } from '@govwin-ace/shared-core/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { VALID_ENV } from '../helpers/env';
import { sqsEvent, sqsRecord } from '../helpers/messages';

const sns = mockClient(SNSClient);
const saved = { ...process.env };

beforeAll(() => {
  Object.assign(process.env, VALID_ENV);
});
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe('handlers/submit (wiring through the real middy chain)', () => {
  it('answers a malformed record with a batch item failure and an SNS alert', async () => {
    // Arrange
    sns.on(PublishCommand).resolves({ MessageId: 'x' });
    const { handler } = await import('../../src/handlers/submit');

    // Act
    const out = await handler(sqsEvent(sqsRecord('{not json', 'm-1')), fakeLambdaContext());

    // Assert
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: VALID_ENV.ALERTS_TOPIC_ARN,
      Subject: 'Malformed ACE submit message',
      Message: 'queue: submit\nmessageId: m-1\ncode: QUEUE_MESSAGE_INVALID',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'malformed-message' } },
    });
  });

  it.each(['update', 'events', 'reconcile'])(
    'handlers/%s builds its dependencies at cold start',
    async (name) => {
      // Act
      const mod = (await import(`../../src/handlers/${name}`)) as { handler: unknown };

      // Assert
      expect(typeof mod.handler).toBe('function');
    }
  );
});
