// Operator alerts on the SNS topic (DESIGN §5: CMK-encrypted; subscriptions filter on `kind`).
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertPublisher } from './ports';

/**
 * Publishes alerts to one topic.
 * @example const alerts = makeSnsAlerts({ sns: aws.sns(), topicArn: config.alertsTopicArn });
 */
export const makeSnsAlerts = (deps: {
  sns: Pick<SNSClient, 'send'>;
  topicArn: string;
}): AlertPublisher => ({
  publish: async (alert) => {
    await deps.sns.send(
      new PublishCommand({
        TopicArn: deps.topicArn,
        Subject: alert.subject.slice(0, 100),
        Message: alert.message,
        MessageAttributes: { kind: { DataType: 'String', StringValue: alert.kind } },
      })
    );
  },
});
