// The stack's three work queues and their dead-letter queues. A DLQ is found from its source queue's
// RedrivePolicy (the same way SQS itself links them), so the CLI needs no extra variables and works the
// same against the local runtime and a deployed stack.
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CliError } from '../output/cli-failure';
import { EXIT_CODE } from '../output/exit-codes';
import type { OpsEnv, OpsVar } from './ops-env';

/** What a queue carries. */
export type QueueKind = 'sync' | 'submit' | 'update';

/** One work queue of the stack. */
export interface QueueSpec {
  /** The name operators type (`--queue submit`) and the output shows. */
  name: 'govwin-sync' | 'ace-submit' | 'ace-update';
  kind: QueueKind;
  envVar: OpsVar;
  /** The consumer, for messages and hints. */
  consumer: string;
}

/** The queues, in flow order. */
export const QUEUES: readonly QueueSpec[] = [
  {
    name: 'govwin-sync',
    kind: 'sync',
    envVar: 'GOVWIN_SYNC_QUEUE_URL',
    consumer: 'govwin-poller worker',
  },
  {
    name: 'ace-submit',
    kind: 'submit',
    envVar: 'SUBMIT_QUEUE_URL',
    consumer: 'ace-submitter submit',
  },
  {
    name: 'ace-update',
    kind: 'update',
    envVar: 'UPDATE_QUEUE_URL',
    consumer: 'ace-submitter update',
  },
];

/** A queue with its URL and, when it has a redrive policy, its DLQ. */
export interface ResolvedQueue {
  spec: QueueSpec;
  url: string;
  arn: string | undefined;
  dlq: { url: string; arn: string } | undefined;
  maxReceiveCount: number | undefined;
}

const ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:(\d{12}):([A-Za-z0-9_-]{1,80})$/;

/** Parses a RedrivePolicy attribute; undefined when absent or not understood. */
export const parseRedrivePolicy = (
  text: string | undefined
): { deadLetterTargetArn: string; maxReceiveCount: number | undefined } | undefined => {
  if (!text) return undefined;
  try {
    const policy = JSON.parse(text) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    if (typeof policy.deadLetterTargetArn !== 'string' || !ARN.test(policy.deadLetterTargetArn))
      return undefined;
    const n = Number(policy.maxReceiveCount);
    return {
      deadLetterTargetArn: policy.deadLetterTargetArn,
      maxReceiveCount: Number.isSafeInteger(n) && n > 0 ? n : undefined,
    };
  } catch {
    return undefined;
  }
};

/**
 * The DLQ's URL: the source queue's URL with the queue name replaced when both are in the same account
 * (always, for this stack; needs no sqs:GetQueueUrl), otherwise GetQueueUrl.
 */
const dlqUrlOf = async (
  sqs: Pick<SQSClient, 'send'>,
  sourceUrl: string,
  account: string | undefined,
  name: string
): Promise<string> => {
  const parts = sourceUrl.split('/');
  if (account && parts.at(-2) === account) return [...parts.slice(0, -1), name].join('/');
  const out = await sqs.send(
    new GetQueueUrlCommand({
      QueueName: name,
      ...(account ? { QueueOwnerAWSAccountId: account } : {}),
    })
  );
  if (!out.QueueUrl) throw new CliError(`the DLQ ${name} has no URL`, EXIT_CODE.unavailable);
  return out.QueueUrl;
};

/**
 * Resolves a queue's URL (from its variable) and its DLQ (from the RedrivePolicy).
 * @example const q = await resolveQueue(rt.sqs(), rt.env, QUEUES[1]); q.dlq?.url
 */
export const resolveQueue = async (
  sqs: Pick<SQSClient, 'send'>,
  env: OpsEnv,
  spec: QueueSpec
): Promise<ResolvedQueue> => {
  const url = env.require(spec.envVar, `the ${spec.name} queue`) as string;
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'RedrivePolicy'] })
  );
  const policy = parseRedrivePolicy(attrs.Attributes?.RedrivePolicy);
  let dlq: ResolvedQueue['dlq'];
  if (policy) {
    const [, account, name] = ARN.exec(policy.deadLetterTargetArn) ?? [];
    dlq = { url: await dlqUrlOf(sqs, url, account, name ?? ''), arn: policy.deadLetterTargetArn };
  }
  return {
    spec,
    url,
    arn: attrs.Attributes?.QueueArn,
    dlq,
    maxReceiveCount: policy?.maxReceiveCount,
  };
};
