// Resource-level invariants, checked on the evaluated world (values after variables and module wiring):
// every queue has a DLQ (or is one) and the stack key; every log group has retention and the key;
// every function is nodejs22.x/arm64 with its own pre-created log group; asynchronously invoked
// functions have an event invoke config (explicit retries, an event age that fits them) whose on-failure
// destination is a 14-day queue of their own; queue triggers report partial batch failures, the visibility
// timeout covers the function and fixed batch sizes hold (the GovWin worker takes one message); API
// integrations time out after their function; every alarm notifies; the API 5xx alarm names its API; tables, topic and secrets are on the key; default tags carry
// Application; the Partner Central rule is pinned to account and catalog.

import type { Findings } from './findings';
import { materialize, type Plain, toStr, type Value } from './hcl-eval';
import { type InstanceRef, message, type World } from './tf-world';

const plain = (i: InstanceRef, attr: string): Plain => materialize(i.value.get(attr));
const has = (i: InstanceRef, attr: string): boolean => i.value.has(attr);
const str = (i: InstanceRef, attr: string): string => toStr(i.value.get(attr), attr);
const num = (i: InstanceRef, attr: string): number => {
  const v = i.value.get(attr);
  if (typeof v !== 'number') throw new Error(`${attr} is not a number`);
  return v;
};
const where = (i: InstanceRef): string => `${i.module.rootLabel()}:${i.address}`;
const firstBlock = (i: InstanceRef, block: string): Record<string, Plain> | undefined => {
  if (!has(i, block)) return undefined;
  const v = plain(i, block);
  return Array.isArray(v) ? (v[0] as Record<string, Plain> | undefined) : undefined;
};

/**
 * Queue triggers whose batch size is fixed, keyed by the function-name suffix (the build artifact), with
 * the reason. A mapping without `batch_size` gets AWS's SQS default of 10, so it fails too.
 */
export const REQUIRED_TRIGGER_BATCH_SIZE: Readonly<Record<string, { size: number; why: string }>> =
  {
    'govwin-poller-worker': {
      size: 1,
      why: 'each message already carries up to 100 GovWin opportunities, the work one invocation is sized for',
    },
  };

/** What a DLQ keeps: SQS's maximum retention, so an operator has 14 days to read and replay it. */
export const DLQ_RETENTION_SECONDS = 1_209_600;

/**
 * Lambda retries a failed asynchronous event after about one and then two minutes; with runs that use
 * the whole timeout, the last retry starts at 2 x timeout + 180 s, so the event age must allow that.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export const minimumEventAgeSeconds = (timeoutSeconds: number): number => 2 * timeoutSeconds + 180;

const isKeyArn = (v: string): boolean =>
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[0-9a-f-]{36}$/.test(v);

/** Runs every structural check; an evaluation error in one check becomes a finding, the rest go on. */
export const checkStructure = (
  world: World,
  findings: Findings,
  opts: { stackKeyArn: string | undefined }
): void => {
  const run = (label: string, f: () => void): void => {
    try {
      f();
    } catch (err) {
      findings.error('structure', label, `cannot be evaluated: ${message(err)}`);
    }
  };
  const each = (type: string, f: (i: InstanceRef) => void): void => {
    let list: InstanceRef[] = [];
    run(type, () => {
      list = world.instancesOf('resource', type);
    });
    for (const i of list) run(where(i), () => f(i));
  };
  const keyOk = (i: InstanceRef, attr: string, what: string): void => {
    const v = has(i, attr) ? str(i, attr) : '';
    if (!isKeyArn(v))
      findings.error(
        'cmk',
        where(i),
        `${what} must be encrypted with the customer-managed key (${attr} is not a key ARN)`
      );
    else if (opts.stackKeyArn && i.module.rootLabel() === 'stack' && v !== opts.stackKeyArn)
      findings.error('cmk', where(i), `${what} uses ${v}, not the stack key`);
  };

  // -- queues ------------------------------------------------------------------------------------
  const queues = world.instancesOf('resource', 'aws_sqs_queue');
  const queueByArn = new Map<string, InstanceRef>();
  for (const q of queues) run(where(q), () => queueByArn.set(str(q, 'arn'), q));
  const dlqTargets = new Map<string, string>();
  for (const q of queues) {
    run(where(q), () => {
      keyOk(q, 'kms_master_key_id', 'queue');
      if (!has(q, 'redrive_policy')) return;
      const redrive = JSON.parse(str(q, 'redrive_policy')) as {
        deadLetterTargetArn?: string;
        maxReceiveCount?: number;
      };
      const target = redrive.deadLetterTargetArn ?? '';
      const dlq = queueByArn.get(target);
      if (!dlq)
        findings.error(
          'dlq',
          where(q),
          `redrive target ${target} is not a queue of this configuration`
        );
      if (redrive.maxReceiveCount !== 5)
        findings.error(
          'dlq',
          where(q),
          `maxReceiveCount is ${String(redrive.maxReceiveCount)}; DESIGN §6 says 5`
        );
      dlqTargets.set(target, `redrive of ${where(q)}`);
      if (
        dlq &&
        has(dlq, 'message_retention_seconds') &&
        has(q, 'message_retention_seconds') &&
        num(dlq, 'message_retention_seconds') < num(q, 'message_retention_seconds')
      )
        findings.error(
          'dlq',
          where(dlq),
          'a DLQ must keep messages at least as long as its source queue'
        );
    });
  }
  const dlqUsers = new Map<string, string[]>();
  for (const [arn, by] of dlqTargets) dlqUsers.set(arn, [by]);
  const noteTarget = (arn: string, by: string): void => {
    dlqTargets.set(arn, by);
    dlqUsers.set(arn, [...(dlqUsers.get(arn) ?? []), by]);
  };
  each('aws_scheduler_schedule', (i) => {
    const dl = firstBlock(i, 'target')?.dead_letter_config;
    const arn = Array.isArray(dl) ? (dl[0] as Record<string, Plain> | undefined)?.arn : undefined;
    if (typeof arn === 'string') noteTarget(arn, where(i));
    else findings.error('dlq', where(i), 'schedule target has no dead_letter_config');
  });
  each('aws_cloudwatch_event_target', (i) => {
    const arn = firstBlock(i, 'dead_letter_config')?.arn;
    if (typeof arn === 'string') noteTarget(arn, where(i));
    else findings.error('dlq', where(i), 'event target has no dead_letter_config');
  });
  each('aws_lambda_function', (i) => {
    const arn = firstBlock(i, 'dead_letter_config')?.target_arn;
    if (typeof arn === 'string') noteTarget(arn, where(i));
  });
  // On-failure destinations of asynchronous invocations, keyed by the function name they configure.
  const invokeConfigs = new Map<string, { config: InstanceRef; destination: string | undefined }>();
  each('aws_lambda_function_event_invoke_config', (i) => {
    const onFailure = firstBlock(i, 'destination_config')?.on_failure;
    const block = Array.isArray(onFailure)
      ? (onFailure[0] as Record<string, Plain> | undefined)
      : undefined;
    const destination = typeof block?.destination === 'string' ? block.destination : undefined;
    invokeConfigs.set(str(i, 'function_name'), { config: i, destination });
    if (destination === undefined) return;
    noteTarget(destination, where(i));
    const dlq = queueByArn.get(destination);
    if (
      dlq &&
      (!has(dlq, 'message_retention_seconds') ||
        num(dlq, 'message_retention_seconds') !== DLQ_RETENTION_SECONDS)
    )
      findings.error(
        'dlq',
        where(dlq),
        `an on-failure destination must keep records ${DLQ_RETENTION_SECONDS} s (14 days)`
      );
  });
  for (const q of queues)
    run(where(q), () => {
      const arn = str(q, 'arn');
      if (!has(q, 'redrive_policy') && !dlqTargets.has(arn))
        findings.error(
          'dlq',
          where(q),
          'queue has no redrive policy and is not a dead-letter queue of anything'
        );
    });
  for (const [arn, by] of dlqTargets)
    if (!queueByArn.has(arn))
      findings.error('dlq', by, `dead-letter target ${arn} is not a queue of this configuration`);
  for (const { config, destination } of invokeConfigs.values()) {
    const users = destination === undefined ? [] : (dlqUsers.get(destination) ?? []);
    if (users.length > 1)
      findings.error(
        'dlq',
        where(config),
        `on-failure destination ${destination} is also the dead-letter target of ${users.filter((u) => u !== where(config)).join(', ')}; give each function its own (one record shape, one sender per queue)`
      );
  }

  // -- functions, triggers, log groups -----------------------------------------------------------
  const logGroups = new Map<string, InstanceRef>();
  each('aws_cloudwatch_log_group', (i) => {
    logGroups.set(`${i.module.rootLabel()}:${str(i, 'name')}`, i);
    if (!has(i, 'retention_in_days'))
      findings.error('log-group', where(i), 'log group has no retention_in_days');
    keyOk(i, 'kms_key_id', 'log group');
  });
  const functionsByArn = new Map<string, InstanceRef>();
  each('aws_lambda_function', (i) => {
    functionsByArn.set(str(i, 'arn'), i);
    if (str(i, 'runtime') !== 'nodejs22.x')
      findings.error('lambda', where(i), 'runtime must be nodejs22.x');
    if (JSON.stringify(plain(i, 'architectures')) !== '["arm64"]')
      findings.error('lambda', where(i), 'architectures must be ["arm64"]');
    const name = str(i, 'function_name');
    const group = logGroups.get(`${i.module.rootLabel()}:/aws/lambda/${name}`);
    if (!group)
      findings.error(
        'log-group',
        where(i),
        `no log group /aws/lambda/${name} is declared for the function`
      );
    const deps = i.decl.body.depends_on;
    if (
      !Array.isArray(deps) ||
      !deps.some((d) => typeof d === 'string' && d.includes('aws_cloudwatch_log_group'))
    )
      findings.error(
        'log-group',
        where(i),
        'the function must depends_on its log group (or Lambda may create an unencrypted one first)'
      );
  });
  const asyncTargets: [string, string][] = [];
  each('aws_scheduler_schedule', (i) => {
    const arn = firstBlock(i, 'target')?.arn;
    if (typeof arn === 'string') asyncTargets.push([arn, where(i)]);
  });
  each('aws_cloudwatch_event_target', (i) => asyncTargets.push([str(i, 'arn'), where(i)]));
  for (const [arn, by] of asyncTargets) {
    const fn = functionsByArn.get(arn);
    if (!fn) continue;
    run(where(fn), () => {
      const name = str(fn, 'function_name');
      const entry = invokeConfigs.get(name) ?? invokeConfigs.get(arn);
      if (!entry) {
        findings.error(
          'async',
          where(fn),
          `invoked asynchronously by ${by} but has no aws_lambda_function_event_invoke_config (an event that still fails after Lambda's retries would be dropped)`
        );
        return;
      }
      const { config, destination } = entry;
      if (destination === undefined)
        findings.error(
          'async',
          where(config),
          `${name} is invoked asynchronously by ${by} but its invoke config has no destination_config.on_failure queue (failed events would be dropped)`
        );
      if (firstBlock(fn, 'dead_letter_config')?.target_arn)
        findings.error(
          'async',
          where(fn),
          'has a dead_letter_config as well as an on-failure destination; keep only the destination (one record per failed event)'
        );
      if (!has(config, 'maximum_retry_attempts'))
        findings.error(
          'async',
          where(config),
          'maximum_retry_attempts must be set explicitly (the retries are part of the failure contract)'
        );
      if (!has(config, 'maximum_event_age_in_seconds')) {
        findings.error(
          'async',
          where(config),
          'maximum_event_age_in_seconds must be set explicitly (the default keeps an event 6 hours)'
        );
        return;
      }
      const age = num(config, 'maximum_event_age_in_seconds');
      const minimum = minimumEventAgeSeconds(num(fn, 'timeout'));
      if (age < minimum)
        findings.error(
          'async',
          where(config),
          `maximum_event_age_in_seconds ${age} is below 2 x timeout + 180 = ${minimum} s: the event would expire before Lambda's retries ran`
        );
    });
  }
  const triggered = new Set<string>();
  each('aws_lambda_event_source_mapping', (i) => {
    const queue = queueByArn.get(str(i, 'event_source_arn'));
    const fn = functionsByArn.get(str(i, 'function_name'));
    if (!queue || !fn) {
      findings.error(
        'trigger',
        where(i),
        'event source or function is not part of this configuration'
      );
      return;
    }
    if (!JSON.stringify(plain(i, 'function_response_types')).includes('ReportBatchItemFailures'))
      findings.error(
        'trigger',
        where(i),
        'queue triggers must use ReportBatchItemFailures (partial batch responses)'
      );
    if (num(queue, 'visibility_timeout_seconds') < num(fn, 'timeout'))
      findings.error(
        'trigger',
        where(i),
        'queue visibility timeout is shorter than the function timeout'
      );
    const fnName = str(fn, 'function_name');
    for (const [suffix, rule] of Object.entries(REQUIRED_TRIGGER_BATCH_SIZE)) {
      if (!fnName.endsWith(`-${suffix}`)) continue;
      triggered.add(suffix);
      const size = has(i, 'batch_size') ? num(i, 'batch_size') : 10;
      if (size !== rule.size)
        findings.error(
          'trigger',
          where(i),
          `batch_size of the ${suffix} trigger is ${size}; it must be ${rule.size} (${rule.why})`
        );
    }
  });
  for (const fn of functionsByArn.values())
    run(where(fn), () => {
      const suffix = Object.keys(REQUIRED_TRIGGER_BATCH_SIZE).find((x) =>
        str(fn, 'function_name').endsWith(`-${x}`)
      );
      if (suffix && !triggered.has(suffix))
        findings.error('trigger', where(fn), `the ${suffix} function has no queue trigger`);
    });
  each('aws_apigatewayv2_integration', (i) => {
    const fn = [...functionsByArn.values()].find(
      (f) => str(f, 'invoke_arn') === str(i, 'integration_uri')
    );
    if (!fn) return;
    const ms = num(i, 'timeout_milliseconds');
    if (ms > 30_000 || ms <= num(fn, 'timeout') * 1000)
      findings.error(
        'api',
        where(i),
        `integration timeout ${ms} ms must exceed the function timeout and stay within 30,000 ms`
      );
  });

  // -- alarms ------------------------------------------------------------------------------------
  const apiIds = new Set<string>();
  each('aws_apigatewayv2_api', (i) => apiIds.add(str(i, 'id')));
  let api5xx = 0;
  each('aws_cloudwatch_metric_alarm', (i) => {
    const actions = has(i, 'alarm_actions') ? (plain(i, 'alarm_actions') as Plain[]) : [];
    if (actions.length === 0) findings.error('alarm', where(i), 'alarm has no alarm_actions');
    if (str(i, 'namespace') !== 'AWS/ApiGateway') return;
    const dims = (has(i, 'dimensions') ? plain(i, 'dimensions') : {}) as Record<string, Plain>;
    if (typeof dims.ApiId !== 'string' || !apiIds.has(dims.ApiId))
      findings.error(
        'alarm',
        where(i),
        'API Gateway alarm must have the ApiId dimension of an API in this configuration'
      );
    if (str(i, 'metric_name') === '5xx') api5xx += 1;
  });
  if (apiIds.size > 0 && api5xx === 0)
    findings.error('alarm', 'stack', 'no 5xx alarm watches the HTTP API');

  // -- data stores on the key ----------------------------------------------------------------------
  each('aws_sns_topic', (i) => keyOk(i, 'kms_master_key_id', 'topic'));
  each('aws_secretsmanager_secret', (i) => keyOk(i, 'kms_key_id', 'secret'));
  each('aws_dynamodb_table', (i) => {
    const sse = firstBlock(i, 'server_side_encryption');
    if (sse?.enabled !== true || typeof sse.kms_key_arn !== 'string' || !isKeyArn(sse.kms_key_arn))
      findings.error(
        'cmk',
        where(i),
        'table must use server-side encryption with the customer-managed key'
      );
    else if (opts.stackKeyArn && sse.kms_key_arn !== opts.stackKeyArn)
      findings.error('cmk', where(i), 'table is not on the stack key');
    if (firstBlock(i, 'point_in_time_recovery')?.enabled !== true)
      findings.error('table', where(i), 'point-in-time recovery must be on');
    const ttl = firstBlock(i, 'ttl');
    if (ttl?.enabled !== true || ttl.attribute_name !== 'ttl')
      findings.error('table', where(i), 'TTL must be enabled on attribute "ttl"');
  });

  // -- tags and the Partner Central rule --------------------------------------------------------------
  for (const root of world.roots) {
    run(`${root.label}: provider.aws`, () => {
      const provider = root.config.providers.find((p) => p.name === 'aws');
      const dt = provider?.body.default_tags;
      const tags =
        Array.isArray(dt) && dt[0] && typeof dt[0] === 'object' && !Array.isArray(dt[0])
          ? dt[0].tags
          : undefined;
      const value = tags === undefined ? undefined : materialize(root.evalJson(tags, root.ctx()));
      if (
        !value ||
        typeof value !== 'object' ||
        Array.isArray(value) ||
        typeof value.Application !== 'string'
      )
        findings.error('tags', `${root.label}: provider.aws`, 'default_tags must set Application');
    });
  }
  each('aws_cloudwatch_event_rule', (i) => {
    const pattern = JSON.parse(str(i, 'event_pattern')) as Record<string, unknown>;
    if (JSON.stringify(pattern.source) !== '["aws.partnercentral-selling"]') return;
    const catalog = (pattern.detail as { catalog?: unknown } | undefined)?.catalog;
    const stackCatalog = toStr(world.root('stack').variable('ace_catalog') as Value);
    if (JSON.stringify(catalog) !== JSON.stringify([stackCatalog]))
      findings.error(
        'catalog',
        where(i),
        `Partner Central rule must filter detail.catalog = ["${stackCatalog}"]`
      );
    if (!Array.isArray(pattern.account) || pattern.account.length !== 1)
      findings.error('catalog', where(i), 'Partner Central rule must filter on the own account');
  });
};
