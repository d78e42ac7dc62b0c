// Redrive of a failed asynchronous run: the function whose on-failure queue holds the record is invoked
// again, asynchronously (InvocationType Event), with the record's original event; the record is deleted
// only after Lambda accepted that invocation (202). A refused or failed invoke leaves the record where it
// is (visible again when the hold ends); a new failure of the redriven run lands in the same queue again.
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ResolvedAsyncQueue } from '../ops/async-queues';
import { CliError, describeFailure, withService } from '../output/cli-failure';
import { EXIT_CODE } from '../output/exit-codes';
import { type DlqMessage, deleteMessage } from './dlq-store';

/** Lambda's answer to an accepted asynchronous invocation. */
const ACCEPTED = 202;

/**
 * Invokes `queue.functionName` with `payload` (the record's requestPayload as JSON text), then deletes
 * the record. Throws a CliError, naming what happened, when the invoke was not accepted or the delete
 * failed after an accepted invoke.
 * @example await redriveRecord({ lambda: rt.lambda(), sqs: rt.sqs() }, queue, message, record.payload)
 */
export const redriveRecord = async (
  deps: { lambda: Pick<LambdaClient, 'send'>; sqs: Pick<SQSClient, 'send'> },
  queue: ResolvedAsyncQueue,
  message: DlqMessage,
  payload: string
): Promise<{ statusCode: number }> => {
  const out = await withService('Lambda', () =>
    deps.lambda.send(
      new InvokeCommand({
        FunctionName: queue.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(payload),
      })
    )
  );
  if (out.StatusCode !== ACCEPTED)
    throw new CliError(
      `Lambda did not accept the event for ${queue.functionName} (status ${out.StatusCode ?? 'none'}); record ${message.messageId} stays in ${queue.spec.name}`,
      EXIT_CODE.unavailable
    );
  try {
    await deleteMessage(deps.sqs, queue, message);
  } catch (err) {
    const failure = describeFailure(err, 'SQS');
    throw new CliError(
      `${queue.functionName} accepted the event again, but record ${message.messageId} could not be deleted (${failure.message}); remove it with: govwin-ace dlq purge ${message.messageId} --queue ${queue.spec.short}`,
      failure.exitCode,
      { cause: err }
    );
  }
  return { statusCode: out.StatusCode };
};
