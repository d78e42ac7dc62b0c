import type { PublishCommand, PublishCommandOutput } from '@aws-sdk/client-sns';
import type {
  SendMessageBatchCommand,
  SendMessageBatchCommandOutput,
  SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import type { ReceiverLogger } from '../../src/receive-webhook';

type BatchInput = SendMessageBatchCommand['input'];

/** What the fake SQS answers for one SendMessageBatch call. */
export type SqsBehaviour = (
  input: BatchInput,
  call: number
) => SendMessageBatchCommandOutput | Error;

/** Fake SQS: records every SendMessageBatch input; succeeds unless a behaviour says otherwise. */
export const fakeSqs = (behaviour?: SqsBehaviour) => {
  const calls: BatchInput[] = [];
  const delivered: { queueUrl: string; entry: SendMessageBatchRequestEntry }[] = [];
  return {
    calls,
    delivered,
    /** Parsed bodies of every message SQS accepted, per queue URL. */
    bodies: (queueUrl?: string) =>
      delivered
        .filter((d) => queueUrl === undefined || d.queueUrl === queueUrl)
        .map((d) => JSON.parse(d.entry.MessageBody ?? 'null') as Record<string, unknown>),
    send: async (command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput> => {
      const input = command.input;
      calls.push(input);
      const out = behaviour?.(input, calls.length) ?? {
        Successful: (input.Entries ?? []).map((e) => ({
          Id: e.Id,
          MessageId: `m-${e.Id}`,
          MD5OfMessageBody: 'x',
        })),
        Failed: [],
        $metadata: {},
      };
      if (out instanceof Error) throw out;
      const ok = new Set((out.Successful ?? []).map((s) => s.Id));
      for (const entry of input.Entries ?? [])
        if (ok.has(entry.Id)) delivered.push({ queueUrl: input.QueueUrl ?? '', entry });
      return out;
    },
  };
};

/** Fake SNS: records every Publish input; fails when `fail` returns true. */
export const fakeSns = (fail?: (call: number) => boolean) => {
  const published: PublishCommand['input'][] = [];
  let calls = 0;
  return {
    published,
    send: async (command: PublishCommand): Promise<PublishCommandOutput> => {
      calls++;
      if (fail?.(calls))
        throw Object.assign(new Error('SNS is unavailable'), { name: 'InternalErrorException' });
      published.push(command.input);
      return { MessageId: `sns-${calls}`, $metadata: {} };
    },
  };
};

/** A logger that keeps structured lines for assertions. */
export const recordingLogger = () => {
  const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, attributes: Record<string, unknown> = {}) => {
      lines.push({ level, message, attributes });
    };
  const logger: ReceiverLogger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines, text: () => JSON.stringify(lines) };
};

/** A sleep that returns at once (retry back-off in unit tests). */
export const noSleep = async (): Promise<void> => undefined;
