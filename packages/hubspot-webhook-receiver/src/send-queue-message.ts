import { SendMessageCommand, type SendMessageCommandOutput } from '@aws-sdk/client-sqs';
import { QUEUE_MESSAGE_VERSION } from './queue-message-format';

/** The slice of the SQS client a sender needs (the real SQSClient satisfies it). */
export interface SqsMessageSender {
  send(command: SendMessageCommand): Promise<SendMessageCommandOutput>;
}

/**
 * Sends one already-serialised v1 queue message, tagged with its `kind` and `v` as message attributes
 * (what `dlq list` and operators read without parsing the body). Errors from SQS propagate unchanged;
 * callers map them to their own contract.
 * @example await sendQueueMessage(sqs, queueUrl, 'replayParked', serialiseReplayParkedMessage(input));
 */
export const sendQueueMessage = async (
  sqs: SqsMessageSender,
  queueUrl: string,
  kind: string,
  body: string
): Promise<void> => {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: kind },
        v: { DataType: 'Number', StringValue: String(QUEUE_MESSAGE_VERSION) },
      },
    })
  );
};
