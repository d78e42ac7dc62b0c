// The GovWin alert on the SNS topic: the `kind` attribute subscriptions filter on, a subject SNS accepts,
// and a failed publish that is logged instead of thrown.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { makeSnsAlert } from '../../src/alerts';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:govwin-ace-dev-alerts';

const recordingLog = () => {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const log = (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ message, ...(fields ? { fields } : {}) });
  return { lines, log: { debug: log, info: log, warn: log, error: log } };
};

describe('makeSnsAlert', () => {
  it('publishes the alert with its kind attribute and a subject cut to 100 characters', async () => {
    // Arrange
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm1' });
    const { lines, log } = recordingLog();
    const alert = makeSnsAlert({ sns: new SNSClient({}), topicArn: TOPIC, log });

    // Act
    await alert({
      kind: 'govwin-login-failed',
      subject: `GovWin sync: password grant failed ${'x'.repeat(120)}`,
      detail: { outcome: 'credentials rejected' },
    });

    // Assert
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'govwin-login-failed' },
    });
    expect(input?.Subject).toHaveLength(100);
    expect(JSON.parse(input?.Message ?? '{}')).toMatchObject({
      source: 'govwin-poller',
      outcome: 'credentials rejected',
    });
    expect(lines[0]).toMatchObject({ message: 'alert', fields: { kind: 'govwin-login-failed' } });
    sns.restore();
  });

  it('logs a failed publish by error name and does not throw', async () => {
    const sns = mockClient(SNSClient);
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AuthorizationError' }));
    const { lines, log } = recordingLog();

    await expect(
      makeSnsAlert({ sns: new SNSClient({}), topicArn: TOPIC, log })({
        kind: 'govwin-login-failed',
        subject: 'GovWin sync: password grant failed',
        detail: {},
      })
    ).resolves.toBeUndefined();

    expect(lines.at(-1)).toEqual({
      message: 'alert publish failed',
      fields: { error: 'AuthorizationError' },
    });
    sns.restore();
  });
});
