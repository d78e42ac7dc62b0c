// Sample values for attributes AWS computes at apply time, derived from the configured attributes the
// way AWS derives them (ARN formats from the Service Authorization Reference): a queue's ARN from its
// configured `name`, a function's invoke ARN from its ARN, and so on. Random ids (API ids, key ids) are
// stable hashes of the resource address. Data sources: caller identity (sample account), partition,
// region (root provider), KMS alias (looked up among the evaluated roots' aws_kms_alias resources) and
// aws_iam_policy_document, which is rendered here exactly as the AWS provider renders it.

import { createHash } from 'node:crypto';
import type { EvalContext, Lazy, Value } from './hcl-eval';
import { materialize, TfEvalError, toStr } from './hcl-eval';
import { blocksOf, dynamicBlocksOf, type JsonObject, type ResourceDecl } from './tf-config';
import type { ModuleInstance, World } from './tf-world';

/** The sample account every evaluated root shares. */
export const SAMPLE_ACCOUNT_ID = '111122223333';

/** A stable pseudo-random id derived from `seed` (hex). */
export const sampleHash = (s: string, length: number): string =>
  createHash('sha256').update(s).digest('hex').slice(0, length);

export interface ComputeArgs {
  /** Reads another attribute of the same instance (configured or computed). */
  readonly read: (attr: string) => Value;
  readonly has: (attr: string) => boolean;
  /** Unique address (root label + instance address), the seed of sample ids. */
  readonly address: string;
  readonly world: World;
  readonly module: ModuleInstance;
  readonly decl: ResourceDecl;
  readonly ctx: EvalContext;
}

type Computer = (a: ComputeArgs) => Value;

const env = (a: ComputeArgs): { p: string; r: string; acct: string } => ({
  p: 'aws',
  r: a.world.region(a.module),
  acct: SAMPLE_ACCOUNT_ID,
});
const str = (a: ComputeArgs, attr: string): string => toStr(a.read(attr), attr);
const uuid = (seed: string): string => {
  const h = sampleHash(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const RESOURCES: Readonly<Record<string, Readonly<Record<string, Computer>>>> = {
  aws_sqs_queue: {
    arn: (a) => `arn:${env(a).p}:sqs:${env(a).r}:${env(a).acct}:${str(a, 'name')}`,
    url: (a) => `https://sqs.${env(a).r}.amazonaws.com/${env(a).acct}/${str(a, 'name')}`,
    id: (a) => `https://sqs.${env(a).r}.amazonaws.com/${env(a).acct}/${str(a, 'name')}`,
  },
  aws_dynamodb_table: {
    arn: (a) => `arn:${env(a).p}:dynamodb:${env(a).r}:${env(a).acct}:table/${str(a, 'name')}`,
    id: (a) => str(a, 'name'),
  },
  aws_secretsmanager_secret: {
    arn: (a) =>
      `arn:${env(a).p}:secretsmanager:${env(a).r}:${env(a).acct}:secret:${str(a, 'name')}-${sampleHash(a.address, 6)}`,
    id: (a) =>
      `arn:${env(a).p}:secretsmanager:${env(a).r}:${env(a).acct}:secret:${str(a, 'name')}-${sampleHash(a.address, 6)}`,
  },
  aws_sns_topic: {
    arn: (a) => `arn:${env(a).p}:sns:${env(a).r}:${env(a).acct}:${str(a, 'name')}`,
    id: (a) => `arn:${env(a).p}:sns:${env(a).r}:${env(a).acct}:${str(a, 'name')}`,
  },
  aws_lambda_function: {
    arn: (a) =>
      `arn:${env(a).p}:lambda:${env(a).r}:${env(a).acct}:function:${str(a, 'function_name')}`,
    invoke_arn: (a) =>
      `arn:${env(a).p}:apigateway:${env(a).r}:lambda:path/2015-03-31/functions/${str(a, 'arn')}/invocations`,
    id: (a) => str(a, 'function_name'),
  },
  aws_cloudwatch_log_group: {
    arn: (a) => `arn:${env(a).p}:logs:${env(a).r}:${env(a).acct}:log-group:${str(a, 'name')}`,
    id: (a) => str(a, 'name'),
  },
  aws_iam_role: {
    arn: (a) => `arn:${env(a).p}:iam::${env(a).acct}:role/${str(a, 'name')}`,
    id: (a) => str(a, 'name'),
    unique_id: (a) => `AROA${sampleHash(a.address, 16).toUpperCase()}`,
  },
  aws_iam_policy: {
    arn: (a) => `arn:${env(a).p}:iam::${env(a).acct}:policy/${str(a, 'name')}`,
    id: (a) => `arn:${env(a).p}:iam::${env(a).acct}:policy/${str(a, 'name')}`,
  },
  aws_kms_key: {
    key_id: (a) => uuid(a.address),
    id: (a) => uuid(a.address),
    arn: (a) => `arn:${env(a).p}:kms:${env(a).r}:${env(a).acct}:key/${uuid(a.address)}`,
  },
  aws_kms_alias: {
    arn: (a) => `arn:${env(a).p}:kms:${env(a).r}:${env(a).acct}:${str(a, 'name')}`,
    target_key_arn: (a) =>
      `arn:${env(a).p}:kms:${env(a).r}:${env(a).acct}:key/${str(a, 'target_key_id')}`,
    id: (a) => str(a, 'name'),
  },
  aws_s3_bucket: {
    arn: (a) => `arn:${env(a).p}:s3:::${str(a, 'bucket')}`,
    id: (a) => str(a, 'bucket'),
  },
  aws_apigatewayv2_api: {
    id: (a) => sampleHash(a.address, 10),
    api_endpoint: (a) =>
      `https://${sampleHash(a.address, 10)}.execute-api.${env(a).r}.amazonaws.com`,
    execution_arn: (a) =>
      `arn:${env(a).p}:execute-api:${env(a).r}:${env(a).acct}:${sampleHash(a.address, 10)}`,
    arn: (a) => `arn:${env(a).p}:apigateway:${env(a).r}::/apis/${sampleHash(a.address, 10)}`,
  },
  aws_apigatewayv2_stage: { id: (a) => str(a, 'name') },
  aws_apigatewayv2_integration: { id: (a) => sampleHash(a.address, 7) },
  aws_cloudwatch_event_rule: {
    arn: (a) => `arn:${env(a).p}:events:${env(a).r}:${env(a).acct}:rule/${str(a, 'name')}`,
    id: (a) => str(a, 'name'),
  },
  aws_scheduler_schedule_group: {
    arn: (a) =>
      `arn:${env(a).p}:scheduler:${env(a).r}:${env(a).acct}:schedule-group/${str(a, 'name')}`,
    id: (a) => str(a, 'name'),
  },
  aws_scheduler_schedule: {
    arn: (a) =>
      `arn:${env(a).p}:scheduler:${env(a).r}:${env(a).acct}:schedule/${a.has('group_name') ? str(a, 'group_name') : 'default'}/${str(a, 'name')}`,
  },
  aws_cloudwatch_metric_alarm: {
    arn: (a) =>
      `arn:${env(a).p}:cloudwatch:${env(a).r}:${env(a).acct}:alarm:${str(a, 'alarm_name')}`,
    id: (a) => str(a, 'alarm_name'),
  },
  aws_lambda_event_source_mapping: {
    uuid: (a) => uuid(a.address),
    arn: (a) =>
      `arn:${env(a).p}:lambda:${env(a).r}:${env(a).acct}:event-source-mapping:${uuid(a.address)}`,
  },
};

const DATA: Readonly<Record<string, Readonly<Record<string, Computer>>>> = {
  aws_caller_identity: {
    account_id: () => SAMPLE_ACCOUNT_ID,
    arn: () => `arn:aws:iam::${SAMPLE_ACCOUNT_ID}:user/sample-operator`,
    id: () => SAMPLE_ACCOUNT_ID,
    user_id: () => 'AIDASAMPLEOPERATOR',
  },
  aws_partition: {
    partition: () => 'aws',
    dns_suffix: () => 'amazonaws.com',
    id: () => 'aws',
  },
  aws_region: {
    region: (a) => env(a).r,
    name: (a) => env(a).r,
    id: (a) => env(a).r,
  },
  aws_kms_alias: {
    target_key_arn: (a) => aliasTarget(a).get('target_key_arn'),
    target_key_id: (a) => aliasTarget(a).get('target_key_id'),
    arn: (a) => `arn:aws:kms:${env(a).r}:${SAMPLE_ACCOUNT_ID}:${str(a, 'name')}`,
    id: (a) => str(a, 'name'),
  },
  aws_iam_policy_document: {
    json: (a) => JSON.stringify(renderPolicyDocument(a), null, 2),
    minified_json: (a) => JSON.stringify(renderPolicyDocument(a)),
    id: (a) => sampleHash(JSON.stringify(renderPolicyDocument(a)), 10),
  },
};

const aliasTarget = (a: ComputeArgs): Lazy => {
  const name = str(a, 'name');
  const found = a.world
    .instancesOf('resource', 'aws_kms_alias')
    .filter((i) => toStr(i.value.get('name')) === name);
  if (found.length !== 1)
    throw new TfEvalError(
      `data.aws_kms_alias "${name}": ${found.length} aws_kms_alias resources with that name in the evaluated roots (expected exactly 1, created by bootstrap)`
    );
  return (found[0] as { value: Lazy }).value;
};

export const computedAttribute = {
  keysFor(mode: 'resource' | 'data', type: string): string[] {
    const table = (mode === 'data' ? DATA : RESOURCES)[type];
    return table ? Object.keys(table) : ['id'];
  },
  compute(
    mode: 'resource' | 'data',
    type: string,
    attr: string,
    a: ComputeArgs
  ): Value | undefined {
    const table = (mode === 'data' ? DATA : RESOURCES)[type];
    const fn = table?.[attr];
    if (fn) return fn(a);
    if (!table && attr === 'id' && !a.has('id')) return `${type}-${sampleHash(a.address, 8)}`;
    return undefined;
  },
};

// -- aws_iam_policy_document ------------------------------------------------------------------

/** A rendered IAM policy statement (the JSON the provider produces). */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: '*' | Record<string, string | string[]>;
  NotPrincipal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

const UNSUPPORTED_DOCUMENT_ARGS = [
  'source_policy_documents',
  'override_policy_documents',
  'policy_id',
];

const strings = (v: Value, what: string): string[] => {
  const plain = materialize(v);
  if (!Array.isArray(plain)) throw new TfEvalError(`${what} must be a list of strings`);
  return plain.map((x) => toStr(x as Value, what));
};

/** Single values render as a string, several as a sorted list (the provider models them as sets). */
const oneOrMany = (list: string[]): string | string[] => {
  const sorted = [...new Set(list)].sort();
  return sorted.length === 1 ? (sorted[0] as string) : sorted;
};

/** Renders a data "aws_iam_policy_document" instance to the IAM JSON the AWS provider would emit. */
export const renderPolicyDocument = (a: ComputeArgs): PolicyDocument => {
  const body = a.decl.body;
  for (const arg of UNSUPPORTED_DOCUMENT_ARGS)
    if (body[arg] !== undefined)
      throw new TfEvalError(`${arg} is not supported by the offline renderer`);
  const m = a.module;
  const pairs: [JsonObject, EvalContext][] = [
    ...blocksOf(body, 'statement').map((b) => [b, a.ctx] as [JsonObject, EvalContext]),
    ...dynamicBlocksOf(body, 'statement').flatMap((d) => m.expandDynamic(d, 'statement', a.ctx)),
  ];
  const statements = pairs.map(([sb, sctx]): PolicyStatement => {
    const has = (k: string): boolean => sb[k] !== undefined || dynamicBlocksOf(sb, k).length > 0;
    const get = (k: string): Value => m.blockOrAttribute(sb, k, sctx);
    const effect = has('effect') ? toStr(get('effect'), 'effect') : 'Allow';
    if (effect !== 'Allow' && effect !== 'Deny')
      throw new TfEvalError(`effect must be Allow or Deny, got ${effect}`);
    const st: PolicyStatement = { Effect: effect };
    if (has('sid')) {
      const sid = get('sid');
      if (sid !== null && sid !== '') st.Sid = toStr(sid, 'sid');
    }
    for (const [attr, key] of [
      ['actions', 'Action'],
      ['not_actions', 'NotAction'],
      ['resources', 'Resource'],
      ['not_resources', 'NotResource'],
    ] as const) {
      if (has(attr)) {
        const list = strings(get(attr), attr);
        if (list.length > 0) st[key] = oneOrMany(list);
      }
    }
    for (const [attr, key] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      if (!has(attr)) continue;
      const blocks = materialize(get(attr)) as { type: string; identifiers: string[] }[];
      if (blocks.length === 0) continue;
      if (blocks.length === 1 && blocks[0]?.type === '*' && blocks[0].identifiers.join() === '*') {
        if (key === 'Principal') st.Principal = '*';
        continue;
      }
      const principal: Record<string, string | string[]> = {};
      for (const b of blocks)
        principal[b.type] = oneOrMany(
          [...((principal[b.type] as string[] | undefined) ?? []), ...b.identifiers].flat()
        );
      st[key] = principal;
    }
    if (has('condition')) {
      const conditions = materialize(get('condition')) as {
        test: string;
        variable: string;
        values: string[];
      }[];
      const grouped: Record<string, Record<string, string[]>> = {};
      for (const c of conditions) {
        const byVar = grouped[c.test] ?? {};
        grouped[c.test] = byVar;
        byVar[c.variable] = [...(byVar[c.variable] ?? []), ...c.values.map((v) => toStr(v))];
      }
      if (conditions.length > 0)
        st.Condition = Object.fromEntries(
          Object.entries(grouped).map(([test, vars]) => [
            test,
            Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, oneOrMany(v)])),
          ])
        );
    }
    return st;
  });
  return { Version: '2012-10-17', Statement: statements };
};
