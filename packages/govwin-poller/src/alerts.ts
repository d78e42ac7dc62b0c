// Operator alerts on the SNS topic (prior-art §18): subject cut to 100 characters, a JSON body of
// ids, codes and instructions only. Without a topic (local runs) alerts go to the log. A failed
// publish is logged, never thrown: an alert must not turn a handled failure into a crash.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { GovWinAlert } from '@govwin-ace/shared-core';
import type { LogPort } from './ports';

/**
 * Creates the alert function the GovWin auth (and the worker) call.
 * @example const alert = makeSnsAlert({ sns, topicArn: config.alertsTopicArn, log: logger });
 */
export const makeSnsAlert =
  (deps: { sns?: Pick<SNSClient, 'send'>; topicArn?: string; log: LogPort }): GovWinAlert =>
  async ({ kind, subject, detail }) => {
    deps.log.error('alert', { kind, subject, ...detail });
    if (!deps.sns || !deps.topicArn) return;
    try {
      await deps.sns.send(
        new PublishCommand({
          TopicArn: deps.topicArn,
          Subject: subject.slice(0, 100),
          Message: JSON.stringify({ source: 'govwin-poller', subject, ...detail }),
          MessageAttributes: { kind: { DataType: 'String', StringValue: kind } },
        })
      );
    } catch (err) {
      deps.log.error('alert publish failed', { error: (err as { name?: unknown })?.name });
    }
  };
