// On-failure destinations of asynchronous invocations (DESIGN §6, nothing lost after Lambda's async
// retries): the explicit cases for the four asynchronously invoked functions (a group of
// explicitIntents), and the cases generated for every event invoke config of the evaluated stack.

import { materialize } from '../hcl-eval';
import type { IamModel, RoleModel } from '../iam-model';
import { message, type World } from '../tf-world';
import { attr, type ExplicitKit, viaService } from './builders';
import { runtimeRoles } from './sweeps';
import type { Deployment, Expectation, IntentCase, IntentKind } from './types';

/** The explicit cases, one group of explicitIntents. */
export const explicitAsyncFailureIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c } = k;
  const { receiver, writes, submit, update, events, reconcile, orchestrator, worker, drift } =
    k.role;
  return [
    // Nothing lost after Lambda's async retries (DESIGN §6): each asynchronously invoked function sends
    // the record of an event that still failed to its own on-failure destination, `<function>-async-dlq`,
    // and to no other queue; the queues the schedules and the Partner Central rule dead-letter into are
    // theirs (their scheduler role, EventBridge). The generated 'async-failure-destination' cases below
    // repeat this for every invoke config of the evaluated stack.
    ...(
      [
        [events, 'ace-submitter-events'],
        [reconcile, 'ace-submitter-reconcile'],
        [orchestrator, 'govwin-poller-orchestrator'],
        [drift, 'cli-drift-report'],
      ] as const
    ).flatMap(([role, fn]) => [
      c(
        role,
        'send the record of a failed run to its own async DLQ',
        'Allowed',
        'sqs:SendMessage',
        a.queue(`${fn}-async-dlq`)
      ),
      c(
        role,
        'encrypt that record with the stack key (via SQS)',
        'Allowed',
        'kms:GenerateDataKey',
        d.keyArn,
        viaService(d, 'sqs')
      ),
    ]),
    c(
      events,
      "SendMessage to the Partner Central rule's DLQ (EventBridge's alone)",
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-events-dlq')
    ),
    c(
      reconcile,
      "SendMessage to the reconcile schedule's DLQ (its scheduler role's alone)",
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-reconcile-dlq')
    ),
    c(
      orchestrator,
      "SendMessage to the GovWin schedule's DLQ (its scheduler role's alone)",
      'Denied',
      'sqs:SendMessage',
      a.queue('govwin-schedule-dlq')
    ),
    c(
      events,
      "SendMessage to the reconcile function's async DLQ",
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-submitter-reconcile-async-dlq')
    ),
    ...[receiver, writes, submit, update, worker].map((role) =>
      c(
        role,
        "SendMessage to the events function's async DLQ",
        'Denied',
        'sqs:SendMessage',
        a.queue('ace-submitter-events-async-dlq')
      )
    ),
  ];
};

const queueName = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);

/**
 * For every `aws_lambda_function_event_invoke_config` of the evaluated world: the function's execution
 * role (Lambda sends the failure record with it) may send to the on-failure destination and use the
 * stack key through SQS for it; no other runtime role may send there; and that role may send to no
 * other dead-letter queue (a queue without a redrive policy). A config without a destination, or whose
 * function or role is not in the configuration, is itself a failed case.
 */
export const asyncFailureIntents = (world: World, d: Deployment, model: IamModel): IntentCase[] => {
  const kind: IntentKind = 'async-failure-destination';
  const functions = world.instancesOf('resource', 'aws_lambda_function');
  const dlqs = world
    .instancesOf('resource', 'aws_sqs_queue')
    .filter((q) => !q.value.has('redrive_policy'))
    .map((q) => attr(q, 'arn'));
  const runtime = runtimeRoles(model);
  const out: IntentCase[] = [];
  const send = (subject: string, queue: string, expect: Expectation, why: string): IntentCase => ({
    id: `${subject}: SendMessage to ${queueName(queue)} (${why}) -> ${expect}`,
    kind,
    subject,
    action: 'sqs:SendMessage',
    resource: queue,
    expect,
  });
  for (const config of world.instancesOf('resource', 'aws_lambda_function_event_invoke_config')) {
    const label = `${config.module.rootLabel()}:${config.address}`;
    const broken = (why: string): IntentCase => ({
      id: `${label} (${why}) -> Allowed`,
      kind,
      subject: label,
      action: 'unevaluable:resource',
      resource: label,
      expect: 'Allowed',
    });
    let destination: string | undefined;
    let role: RoleModel | undefined;
    try {
      const blocks = (
        config.value.has('destination_config')
          ? materialize(config.value.get('destination_config'))
          : []
      ) as { on_failure?: { destination?: string }[] }[];
      destination = blocks[0]?.on_failure?.[0]?.destination;
      const ref = attr(config, 'function_name');
      const fn = functions.find((f) => attr(f, 'function_name') === ref || attr(f, 'arn') === ref);
      const roleArn = fn ? attr(fn, 'role') : undefined;
      role = model.roles.find((x) => x.arn === roleArn);
    } catch (err) {
      out.push(broken(message(err)));
      continue;
    }
    if (destination === undefined) {
      out.push(broken('no on-failure destination: failed events would be dropped'));
      continue;
    }
    if (!role) {
      out.push(broken('its function or execution role is not in the configuration'));
      continue;
    }
    out.push(send(role.name, destination, 'Allowed', 'its on-failure destination'));
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt'])
      out.push({
        id: `${role.name}: ${action} on the stack key via SQS (encrypts its failure records) -> Allowed`,
        kind,
        subject: role.name,
        action,
        resource: d.keyArn,
        context: viaService(d, 'sqs'),
        expect: 'Allowed',
      });
    for (const other of runtime)
      if (other.name !== role.name)
        out.push(send(other.name, destination, 'Denied', `the failure records of ${role.name}`));
    for (const dlq of dlqs)
      if (dlq !== destination)
        out.push(send(role.name, dlq, 'Denied', 'a dead-letter queue that is not its destination'));
  }
  return out;
};
