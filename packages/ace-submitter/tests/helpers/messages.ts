// Queue messages and SQS events in the receiver's v1 format.
import type { QueueMessageV1 } from '@govwin-ace/hubspot-webhook-receiver';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

let seq = 1000;

export const SUBMIT_STAGE = 'submit_to_aws';

export const aMessage = (
  kind: 'submit' | 'update',
  dealId: string,
  propertyName: string,
  propertyValue: string | undefined,
  overrides: Partial<QueueMessageV1> = {}
): QueueMessageV1 => {
  seq += 1;
  return {
    v: 1,
    kind,
    dealId,
    portalId: '123456',
    eventId: String(seq),
    occurredAt: 1_790_000_000_000 + seq,
    propertyName,
    ...(propertyValue !== undefined ? { propertyValue } : {}),
    changeSource: 'CRM_UI',
    catalog: 'Sandbox',
    receivedAt: '2026-11-23T12:00:00.000Z',
    correlationId: `corr-${seq}`,
    ...overrides,
  };
};

export const aSubmitMessage = (dealId: string, overrides: Partial<QueueMessageV1> = {}) =>
  aMessage('submit', dealId, 'dealstage', SUBMIT_STAGE, overrides);

export const anUpdateMessage = (dealId: string, property: string, value = '') =>
  aMessage('update', dealId, property, value);

export const sqsRecord = (body: unknown, messageId: string, receiveCount = 1): SQSRecord =>
  ({
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1790000000000',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '1790000000000',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:111122223333:ace-submit',
    awsRegion: 'us-east-1',
  }) as SQSRecord;

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
