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
  const {
    receiver,
    reads,
    writes,
    submit,
    update,
    events,
    reconcile,
    orchestrator,
    worker,
    drift,
    ops,
  } = k.role;
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
    // Re-drive of failed events: each reconcile run receives the records of the events function's
    // on-failure queue, runs each event through the events use case, deletes the record once it ran and
    // releases it (visibility 0) when it failed again or is past its try cap. That queue only, and it
    // never writes to it (Lambda does, with the events role); every other dead letter is the operator's.
    ...['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'].map((action) =>
      c(
        reconcile,
        `${action.slice(4)} on the events function's async DLQ (re-drive failed events)`,
        'Allowed',
        action,
        a.queue('ace-submitter-events-async-dlq')
      )
    ),
    c(
      reconcile,
      'decrypt a failed-event record with the stack key (via SQS)',
      'Allowed',
      'kms:Decrypt',
      d.keyArn,
      viaService(d, 'sqs')
    ),
    c(
      reconcile,
      "SendMessage to the events function's async DLQ (Lambda writes it with the events role)",
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-submitter-events-async-dlq')
    ),
    ...[
      'ace-events-dlq',
      'govwin-poller-orchestrator-async-dlq',
      'cli-drift-report-async-dlq',
      'ace-submitter-reconcile-async-dlq',
      'ace-reconcile-dlq',
      'ace-submit-dlq',
      'ace-update-dlq',
    ].map((q) =>
      c(reconcile, `ReceiveMessage from ${q}`, 'Denied', 'sqs:ReceiveMessage', a.queue(q))
    ),
    c(
      reconcile,
      "DeleteMessage on its own async DLQ (the records of its failed runs are the operator's)",
      'Denied',
      'sqs:DeleteMessage',
      a.queue('ace-submitter-reconcile-async-dlq')
    ),
    ...[events, receiver, reads, writes, submit, update, worker, orchestrator, drift].flatMap(
      (role) =>
        ['sqs:ReceiveMessage', 'sqs:DeleteMessage'].map((action) =>
          c(
            role,
            `${action.slice(4)} on the events function's async DLQ (reconcile's and the operator's)`,
            'Denied',
            action,
            a.queue('ace-submitter-events-async-dlq')
          )
        )
    ),
    c(
      ops,
      "ReceiveMessage from the events function's async DLQ (dlq list / replay still work)",
      'Allowed',
      'sqs:ReceiveMessage',
      a.queue('ace-submitter-events-async-dlq')
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

/**
 * The one exception to "dead letters are the operator's": the reconcile function re-drives the records
 * of the events function's on-failure queue (receive, delete once the event ran, release when it failed
 * again). Keyed by the queue's name without the deployment prefix; the value is the role's.
 */
export const DEAD_LETTER_READERS: Readonly<Record<string, string>> = {
  'ace-submitter-events-async-dlq': 'ace-submitter-reconcile',
};

/**
 * For every dead-letter queue of the evaluated world (a queue without a redrive policy) and every
 * runtime role: ReceiveMessage, DeleteMessage and ChangeMessageVisibility are allowed to the operations
 * role and to the one reader DEAD_LETTER_READERS names for that queue, and denied to every other role,
 * so a dead letter is only consumed by a person or by the re-drive that was meant to consume it.
 */
export const deadLetterReadIntents = (
  world: World,
  d: Deployment,
  model: IamModel
): IntentCase[] => {
  const kind: IntentKind = 'dead-letter-read';
  const operator = `${d.prefix}-operator`;
  const dlqs = world
    .instancesOf('resource', 'aws_sqs_queue')
    .filter((q) => !q.value.has('redrive_policy'))
    .map((q) => attr(q, 'arn'));
  const out: IntentCase[] = [];
  for (const [queue, reader] of Object.entries(DEAD_LETTER_READERS))
    if (!dlqs.some((q) => queueName(q) === `${d.prefix}-${queue}`))
      out.push({
        id: `${d.prefix}-${reader}: re-drives ${d.prefix}-${queue}, which is not a dead-letter queue of the stack -> Allowed`,
        kind,
        subject: `${d.prefix}-${reader}`,
        action: 'unevaluable:resource',
        resource: `${d.prefix}-${queue}`,
        expect: 'Allowed',
      });
  for (const queue of dlqs) {
    const name = queueName(queue);
    const reader = DEAD_LETTER_READERS[name.slice(d.prefix.length + 1)];
    for (const role of runtimeRoles(model)) {
      const isOperator = role.name === operator;
      const isReader = reader !== undefined && role.name === `${d.prefix}-${reader}`;
      const expect: Expectation = isOperator || isReader ? 'Allowed' : 'Denied';
      const why = isOperator
        ? 'the operator reads and removes dead letters'
        : isReader
          ? 'it re-drives this queue'
          : 'a dead letter is not its to consume';
      for (const action of [
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
      ])
        out.push({
          id: `${role.name}: ${action.slice(4)} on ${name} (${why}) -> ${expect}`,
          kind,
          subject: role.name,
          action,
          resource: queue,
          expect,
        });
    }
  }
  return out;
};
