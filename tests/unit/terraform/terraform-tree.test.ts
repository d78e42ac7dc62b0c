// The offline Terraform verification (scripts/check-terraform.ts):
//   1. run once on the repository's terraform/ tree; assert its findings, concrete evaluated values and
//      every IAM intent;
//   2. planted errors: copy terraform/ to a temporary directory, plant one mistake, run the checker, expect
//      the specific finding. Every plant must change the copy exactly where intended (a plant that no
//      longer matches the tree fails instead of passing vacuously).
// One file, so the two WASM modules and the IAM reference data load once; parse and simulation results
// are cached by content, so each planted run only redoes what the plant changed.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  loadConfig as loadSubmitterConfig,
  requeueTarget,
  requireUpdateQueueUrl,
} from '../../../packages/ace-submitter/src/config';
import { loadDriftReportConfig } from '../../../packages/cli/src/drift/scheduled-report';
import { ASYNC_QUEUES, resolveAsyncQueue } from '../../../packages/cli/src/ops/async-queues';
import { OPS_VARS, REQUIRED_VARS, readOpsEnv } from '../../../packages/cli/src/ops/ops-env';
import {
  loadOrchestratorConfig,
  loadWorkerConfig,
} from '../../../packages/govwin-poller/src/config';
import { loadReceiverConfig } from '../../../packages/hubspot-webhook-receiver/src/config';
import { TABLES, tableDefinition } from '../../../packages/shared-core/src/state/tables';
import { loadReadsConfig } from '../../../packages/ui-ext-reads/src/config';
import { loadWritesConfig } from '../../../packages/ui-ext-writes/src/config';
import { type CheckReport, checkTerraform } from '../../../scripts/check-terraform';
import { Findings, formatFinding } from '../../../scripts/terraform-check/findings';
import {
  artifactName,
  deployedLambdas,
  PLANNED_LAMBDAS,
} from '../../../scripts/terraform-check/handlers';
import { materialize, type Plain } from '../../../scripts/terraform-check/hcl-eval';
import type { IntentResult } from '../../../scripts/terraform-check/iam-intents';
import { WILDCARD_RESOURCE_EXCEPTIONS } from '../../../scripts/terraform-check/iam-rules';
import {
  DLQ_RETENTION_SECONDS,
  minimumEventAgeSeconds,
} from '../../../scripts/terraform-check/structure';
import { listTfFiles } from '../../../scripts/terraform-check/tf-config';
import type { InstanceRef, World } from '../../../scripts/terraform-check/tf-world';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const terraformDir = join(repoRoot, 'terraform');

// A hang guard for the planted runs on a shared two-core machine, not a performance assertion.
jest.setTimeout(60_000);

const report = await checkTerraform({ terraformDir, repoRoot });
const world = report.world;
if (!world)
  throw new Error(`evaluation did not run:\n${report.errors.map(formatFinding).join('\n')}`);

const errorsOf = (r: CheckReport): string[] => r.errors.map(formatFinding);
const workDirs: string[] = [];

const instances = (type: string): InstanceRef[] => world.instancesOf('resource', type);
const attr = (i: InstanceRef, name: string): Plain => materialize(i.value.get(name));

/** Each function's environment as Terraform renders it (sample values), keyed by artifact name. */
const environmentOf = (artifact: string, w: World = world): Record<string, string> => {
  const fn = w
    .instancesOf('resource', 'aws_lambda_function')
    .find((f) => String(attr(f, 'function_name')).endsWith(`-${artifact}`));
  if (!fn) throw new Error(`no function for ${artifact}`);
  return (attr(fn, 'environment') as { variables: Record<string, string> }[])[0]?.variables ?? {};
};

/** The config loader of each handler (the only reader of process.env in that package). */
const LOADERS: [string, (env: Record<string, string>) => unknown][] = [
  ['govwin-poller-orchestrator', loadOrchestratorConfig],
  ['govwin-poller-worker', loadWorkerConfig],
  ['hubspot-webhook-receiver-receiver', loadReceiverConfig],
  ['ace-submitter-submit', loadSubmitterConfig],
  ['ace-submitter-update', loadSubmitterConfig],
  ['ace-submitter-events', loadSubmitterConfig],
  ['ace-submitter-reconcile', loadSubmitterConfig],
  ['cli-drift-report', loadDriftReportConfig],
  ['ui-ext-reads-reads', loadReadsConfig],
  ['ui-ext-writes-writes', loadWritesConfig],
];

/** Artifacts whose config loader reads ACE_CATALOG: its result changes with it (no list to keep in sync). */
const CATALOG_READERS: readonly string[] = LOADERS.filter(([artifact, load]) => {
  const env = environmentOf(artifact);
  return (
    JSON.stringify(load({ ...env, ACE_CATALOG: 'AWS' })) !==
    JSON.stringify(load({ ...env, ACE_CATALOG: 'Sandbox' }))
  );
}).map(([artifact]) => artifact);

/** The env var names the handlers read (their config loaders). */
const ENV_NAMES = [
  'DRIFT_REPORT_LIMIT',
  'ACE_CATALOG',
  'SYNC_STATE_TABLE',
  'ENTITY_MAPPINGS_TABLE',
  'AUDIT_TABLE',
  'SUBMIT_QUEUE_URL',
  'UPDATE_QUEUE_URL',
  'HUBSPOT_PORTAL_ID',
  'GOVWIN_SYNC_QUEUE_URL',
  'ALERTS_TOPIC_ARN',
  'HUBSPOT_SIGNING_SECRET_ARN',
  'HUBSPOT_TOKEN_SECRET_ARN',
  'GOVWIN_CREDENTIALS_SECRET_ARN',
  'GOVWIN_TOKEN_SECRET_ARN',
  'HUBSPOT_APP_ID',
  'PUBLIC_WEBHOOK_URL',
  'PUBLIC_UI_BASE_URL',
  'TRIGGER_STAGE_ID',
  'REFERRAL_STAGE_ID',
  'PIPELINE_ID',
  'AWS_ACCOUNT_ID_FOR_ACE',
  'LOG_LEVEL',
  'SUBMIT_STAGE_IDS',
  'STAGE_ID_SUBMITTED',
  'STAGE_ID_IN_REVIEW',
  'STAGE_ID_APPROVED',
  'STAGE_ID_ACTION_REQUIRED',
  'STAGE_ID_CLOSED_LOST',
  'STAGE_ID_CLOSED_WON',
  'ACE_INVOLVEMENT_TYPE',
  'ACE_VISIBILITY',
  'ACE_SOLUTION_ID',
  'MAX_RECEIVE_COUNT',
  'GOVWIN_DISCOVERY',
  'GOVWIN_MARKED_VERSION',
  'GOVWIN_OPP_TYPE',
  'GOVWIN_LOOKBACK_DAYS',
  'GOVWIN_BATCH_SIZE',
  'GOVWIN_SAVED_SEARCH_ID',
  'GOVWIN_MARKET',
  'HUBSPOT_STAGE_IDS',
  'HUBSPOT_PIPELINE_LABEL',
  'HUBSPOT_RATE_LIMIT_PER_10S',
  'ACE_EVENTS_ASYNC_DLQ_URL',
];

describe('terraform/ (offline verification)', () => {
  it('has no error findings', () => {
    expect(errorsOf(report)).toEqual([]);
  });

  it('parsed and format-checked every .tf file of the tree', () => {
    expect(report.filesChecked).toBe(listTfFiles(terraformDir).length);
    expect(report.filesChecked).toBeGreaterThan(40);
  });

  describe('lambda coverage', () => {
    it('deploys exactly the planned artifacts, one module call each', () => {
      const stack = world.root('stack').config;
      const deployed = deployedLambdas(
        stack,
        join(terraformDir, 'modules', 'lambda'),
        new Findings()
      );
      expect(deployed.map((d) => d.artifact).sort()).toEqual(
        PLANNED_LAMBDAS.map(artifactName).sort()
      );
    });

    it('lists every deployed function in output function_names, keyed by its artifact name', () => {
      const names = materialize(world.root('stack').outputs().get('function_names')) as Record<
        string,
        string
      >;
      expect(Object.keys(names).sort()).toEqual(PLANNED_LAMBDAS.map(artifactName).sort());
      const deployed = instances('aws_lambda_function').map((f) =>
        String(attr(f, 'function_name'))
      );
      for (const [artifact, name] of Object.entries(names)) {
        expect([artifact, deployed.includes(name)]).toEqual([artifact, true]);
        expect(name.endsWith(`-${artifact}`)).toBe(true);
      }
    });

    it('gives each function only documented environment variable names', () => {
      const names = instances('aws_lambda_function').flatMap((f) =>
        (attr(f, 'environment') as { variables: Record<string, string> }[]).flatMap((e) =>
          Object.keys(e.variables)
        )
      );
      expect([...new Set(names)].filter((n) => !ENV_NAMES.includes(n))).toEqual([]);
      const readme = readFileSync(join(terraformDir, 'stack', 'README.md'), 'utf8');
      expect([...new Set(names)].filter((n) => !readme.includes(n))).toEqual([]);
    });

    it.each(LOADERS)('gives %s an environment its own config loader accepts', (artifact, load) => {
      expect(() => load(environmentOf(artifact))).not.toThrow();
    });

    it('exports, for the operator CLI, every variable it requires, with values it accepts', () => {
      const exported = materialize(
        world.root('stack').outputs().get('operator_environment')
      ) as Record<string, string>;
      expect(REQUIRED_VARS.filter((name) => exported[name] === undefined)).toEqual([]);
      for (const [name, value] of Object.entries(exported)) {
        const schema = (
          OPS_VARS as Record<string, { safeParse: (v: unknown) => { success: boolean } }>
        )[name];
        if (schema) expect([name, schema.safeParse(value).success]).toEqual([name, true]);
      }
    });

    it('passes hubspot_portal_id unchanged to reconcile, whose lost-webhook sweep is then on, and to the operator CLI', () => {
      const portalId = world.root('stack').variable('hubspot_portal_id');
      expect(portalId).toMatch(/^[1-9][0-9]*$/);
      const env = environmentOf('ace-submitter-reconcile');
      expect(env.HUBSPOT_PORTAL_ID).toBe(portalId);
      expect(requeueTarget(loadSubmitterConfig(env))).toEqual({
        queueUrl: env.SUBMIT_QUEUE_URL,
        portalId,
      });
      const exported = materialize(
        world.root('stack').outputs().get('operator_environment')
      ) as Record<string, string>;
      expect(exported.HUBSPOT_PORTAL_ID).toBe(portalId);
    });

    it('gives reconcile the HubSpot app id, so its lost-edit sweep can tell a rep from the integration', () => {
      const appId = world.root('stack').variable('hubspot_app_id');
      expect(appId).toMatch(/^[1-9][0-9]*$/);
      const env = environmentOf('ace-submitter-reconcile');
      expect(env.HUBSPOT_APP_ID).toBe(appId);
      expect(loadSubmitterConfig(env).hubspotAppId).toBe(appId);
    });

    it('gives the events function the update queue it hands review-exit replays to (and only it)', () => {
      const updateQueue = instances('aws_sqs_queue').find((q) =>
        String(attr(q, 'name')).endsWith('-ace-update')
      ) as InstanceRef;
      const env = environmentOf('ace-submitter-events');
      expect(env.UPDATE_QUEUE_URL).toBe(String(attr(updateQueue, 'url')));
      expect(requireUpdateQueueUrl(loadSubmitterConfig(env))).toBe(env.UPDATE_QUEUE_URL);
      for (const other of [
        'ace-submitter-submit',
        'ace-submitter-update',
        'ace-submitter-reconcile',
      ])
        expect([other, environmentOf(other).UPDATE_QUEUE_URL]).toEqual([other, undefined]);
    });

    it("gives reconcile the events function's on-failure queue it re-drives (and only it), and grants exactly that", () => {
      const failed = instances('aws_sqs_queue').find((q) =>
        String(attr(q, 'name')).endsWith('-ace-submitter-events-async-dlq')
      ) as InstanceRef;
      const env = environmentOf('ace-submitter-reconcile');
      expect(env.ACE_EVENTS_ASYNC_DLQ_URL).toBe(String(attr(failed, 'url')));
      for (const [artifact] of LOADERS.filter(([x]) => x !== 'ace-submitter-reconcile'))
        expect([artifact, environmentOf(artifact).ACE_EVENTS_ASYNC_DLQ_URL]).toEqual([
          artifact,
          undefined,
        ]);
      const role = report.model?.roles.find((r) => r.name.endsWith('-ace-submitter-reconcile'));
      const reads = (role?.policies ?? [])
        .flatMap((p) => p.doc.Statement)
        .filter((st) =>
          ([] as unknown[])
            .concat(st.Action)
            .some((a) => String(a).startsWith('sqs:') && a !== 'sqs:SendMessage')
        );
      expect(reads).toEqual([
        expect.objectContaining({
          Sid: 'redrivefailedevents',
          Effect: 'Allow',
          Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:ReceiveMessage'],
          Resource: attr(failed, 'arn'),
        }),
      ]);
    });

    it('gives the submitter the redrive count of its queues and the own account', () => {
      const env = environmentOf('ace-submitter-submit');
      expect(env.MAX_RECEIVE_COUNT).toBe('5');
      expect(env.AWS_ACCOUNT_ID_FOR_ACE).toBe('111122223333');
      expect(env.SUBMIT_STAGE_IDS).toBe(
        environmentOf('hubspot-webhook-receiver-receiver').TRIGGER_STAGE_ID
      );
    });

    it('points the public URLs at the API and the catalog at the sample Sandbox', () => {
      const receiver = instances('aws_lambda_function').find((f) =>
        String(attr(f, 'function_name')).endsWith('-receiver')
      );
      const env = (
        attr(receiver as InstanceRef, 'environment') as { variables: Record<string, string> }[]
      )[0]?.variables;
      const api = instances('aws_apigatewayv2_api')[0] as InstanceRef;
      expect(env?.PUBLIC_WEBHOOK_URL).toBe(`${String(attr(api, 'api_endpoint'))}/hubspot/webhooks`);
      const reads = instances('aws_lambda_function').find((f) =>
        String(attr(f, 'function_name')).endsWith('-ui-ext-reads-reads')
      );
      const readsEnv = (
        attr(reads as InstanceRef, 'environment') as { variables: Record<string, string> }[]
      )[0]?.variables;
      expect(readsEnv?.ACE_CATALOG).toBe('Sandbox');
    });
  });

  describe('ACE_CATALOG', () => {
    it('is read by the receiver, the four submitter handlers and both card handlers', () => {
      expect([...CATALOG_READERS].sort()).toEqual([
        'ace-submitter-events',
        'ace-submitter-reconcile',
        'ace-submitter-submit',
        'ace-submitter-update',
        'cli-drift-report',
        'hubspot-webhook-receiver-receiver',
        'ui-ext-reads-reads',
        'ui-ext-writes-writes',
      ]);
    });

    it.each(CATALOG_READERS)('is var.ace_catalog in the environment of %s', (artifact) => {
      expect(environmentOf(artifact).ACE_CATALOG).toBe(world.root('stack').variable('ace_catalog'));
    });
  });

  describe('evaluated resources', () => {
    it('gives every queue the stack key and either a DLQ after 5 receives or a DLQ role', () => {
      const key = String(world.root('stack').local('kms_key_arn'));
      const queues = instances('aws_sqs_queue');
      expect(queues).toHaveLength(14); // 3 work queues, their 3 DLQs, 4 delivery DLQs, 4 async DLQs
      const arns = new Set(queues.map((q) => String(attr(q, 'arn'))));
      for (const q of queues) {
        expect(attr(q, 'kms_master_key_id')).toBe(key);
        if (q.value.has('redrive_policy')) {
          const redrive = JSON.parse(String(attr(q, 'redrive_policy'))) as Record<string, unknown>;
          expect(arns.has(String(redrive.deadLetterTargetArn))).toBe(true);
          expect(redrive.maxReceiveCount).toBe(5);
        } else {
          expect(String(attr(q, 'name'))).toMatch(/-dlq$/);
        }
      }
    });

    it('hands the GovWin worker one sync message per invocation (batch_size 1)', () => {
      const worker = instances('aws_lambda_function').find((f) =>
        String(attr(f, 'function_name')).endsWith('-govwin-poller-worker')
      ) as InstanceRef;
      const mappings = instances('aws_lambda_event_source_mapping').filter(
        (m) => attr(m, 'function_name') === attr(worker, 'arn')
      );
      expect(mappings.map((m) => attr(m, 'batch_size'))).toEqual([1]);
    });

    it('gives every log group a retention and the stack key', () => {
      const key = String(world.root('stack').local('kms_key_arn'));
      const groups = instances('aws_cloudwatch_log_group');
      expect(groups).toHaveLength(11); // ten functions + API access logs
      for (const g of groups) {
        expect(attr(g, 'retention_in_days')).toBe(30);
        expect(attr(g, 'kms_key_id')).toBe(key);
      }
    });

    it('names the API in the 5xx alarm (ApiId dimension)', () => {
      const api = instances('aws_apigatewayv2_api')[0] as InstanceRef;
      const alarm = instances('aws_cloudwatch_metric_alarm').find(
        (a) => attr(a, 'metric_name') === '5xx'
      );
      expect(attr(alarm as InstanceRef, 'dimensions')).toEqual({
        ApiId: attr(api, 'id'),
        Stage: '$default',
      });
    });

    it('creates the three tables with the shape shared-core uses locally', () => {
      const tables = instances('aws_dynamodb_table');
      const prefix = String(world.root('stack').local('name_prefix'));
      expect(tables.map((t) => attr(t, 'name')).sort()).toEqual(
        Object.values(TABLES)
          .map((t) => `${prefix}-${t}`)
          .sort()
      );
      const local = tableDefinition('x');
      for (const t of tables) {
        expect(attr(t, 'billing_mode')).toBe(local.BillingMode);
        expect(attr(t, 'hash_key')).toBe(
          local.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName
        );
        expect(attr(t, 'range_key')).toBe(
          local.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName
        );
        expect(attr(t, 'attribute')).toEqual(
          local.AttributeDefinitions?.map((a) => ({ name: a.AttributeName, type: a.AttributeType }))
        );
      }
    });

    it('wires the stack to what bootstrap creates (key alias, permissions boundary)', () => {
      const boundary = world
        .instancesOf('resource', 'aws_iam_policy')
        .find((p) => String(attr(p, 'name')).endsWith('-runtime-boundary'));
      expect(world.root('stack').local('permissions_boundary_arn')).toBe(
        attr(boundary as InstanceRef, 'arn')
      );
      const key = world.root('bootstrap').child('kms').outputs().get('key_arn');
      expect(world.root('stack').local('kms_key_arn')).toBe(key);
    });
  });

  describe('asynchronous invocations (nothing lost after Lambda retries)', () => {
    /** The functions Scheduler or EventBridge invoke, with the event age chosen for each. */
    const ASYNC: [string, number][] = [
      ['govwin-poller-orchestrator', 1800],
      ['ace-submitter-reconcile', 1800],
      ['ace-submitter-events', 3600],
      ['cli-drift-report', 3600],
    ];
    const fnOf = (artifact: string): InstanceRef =>
      instances('aws_lambda_function').find((f) =>
        String(attr(f, 'function_name')).endsWith(`-${artifact}`)
      ) as InstanceRef;
    const configOf = (fn: InstanceRef): InstanceRef | undefined =>
      instances('aws_lambda_function_event_invoke_config').find(
        (c) => attr(c, 'function_name') === attr(fn, 'function_name')
      );
    const destinationOf = (config: InstanceRef): unknown =>
      (attr(config, 'destination_config') as { on_failure: { destination: string }[] }[])[0]
        ?.on_failure[0]?.destination;

    it('configures exactly the functions that schedules and the Partner Central rule invoke', () => {
      const targets = [
        ...instances('aws_scheduler_schedule').map(
          (i) => (attr(i, 'target') as { arn: string }[])[0]?.arn
        ),
        ...instances('aws_cloudwatch_event_target').map((i) => attr(i, 'arn')),
      ];
      const invoked = instances('aws_lambda_function')
        .filter((f) => targets.includes(String(attr(f, 'arn'))))
        .map((f) => String(attr(f, 'function_name')));
      const configured = instances('aws_lambda_function_event_invoke_config').map((c) =>
        String(attr(c, 'function_name'))
      );
      expect([...configured].sort()).toEqual([...invoked].sort());
      expect([...invoked].sort()).toEqual(
        ASYNC.map(([artifact]) => String(attr(fnOf(artifact), 'function_name'))).sort()
      );
    });

    it.each(ASYNC)(
      'gives %s 2 retries, an event age of %i s that fits them, and its own 14-day DLQ on the stack key',
      (artifact, age) => {
        const fn = fnOf(artifact);
        const config = configOf(fn) as InstanceRef;
        expect(attr(config, 'maximum_retry_attempts')).toBe(2);
        expect(attr(config, 'maximum_event_age_in_seconds')).toBe(age);
        expect(age).toBeGreaterThanOrEqual(minimumEventAgeSeconds(Number(attr(fn, 'timeout'))));
        const queue = instances('aws_sqs_queue').find(
          (q) => attr(q, 'name') === `${String(attr(fn, 'function_name'))}-async-dlq`
        ) as InstanceRef;
        expect(destinationOf(config)).toBe(attr(queue, 'arn'));
        expect(attr(queue, 'message_retention_seconds')).toBe(DLQ_RETENTION_SECONDS);
        expect(attr(queue, 'kms_master_key_id')).toBe(world.root('stack').local('kms_key_arn'));
        // The destination replaces the function-level DLQ (both would deliver each failure twice).
        expect(fn.value.has('dead_letter_config') ? attr(fn, 'dead_letter_config') : []).toEqual(
          []
        );
      }
    );

    it.each(ASYNC)(
      'lets only the role of %s send to its DLQ, with the stack key through SQS',
      (artifact) => {
        const fn = fnOf(artifact);
        const queueArn = String(destinationOf(configOf(fn) as InstanceRef));
        const role = report.model?.roles.find((r) => r.arn === attr(fn, 'role'));
        const doc = role?.policies.find((p) => p.name.endsWith('-async-failure'))?.doc;
        expect(doc?.Statement).toEqual([
          expect.objectContaining({
            Sid: 'SendFailedInvocations',
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Resource: queueArn,
          }),
          expect.objectContaining({
            Sid: 'EncryptFailedInvocations',
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: world.root('stack').local('kms_key_arn'),
            Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
          }),
        ]);
        const simulated = report.intents.filter(
          (r) => r.intent.kind === 'async-failure-destination' && r.intent.resource === queueArn
        );
        expect(simulated.filter((r) => !r.ok).map((r) => r.intent.id)).toEqual([]);
        expect(
          simulated.filter((r) => r.intent.expect === 'Allowed').map((r) => r.intent.subject)
        ).toEqual([role?.name]);
        expect(simulated.filter((r) => r.intent.expect === 'Denied').length).toBeGreaterThan(10);
      }
    );

    it.each(ASYNC)(
      'alarms on the depth of the DLQ of %s, lists it for operators and lets them read it',
      (artifact) => {
        const fn = fnOf(artifact);
        const name = `${String(attr(fn, 'function_name'))}-async-dlq`;
        const alarm = instances('aws_cloudwatch_metric_alarm').find(
          (a) => (attr(a, 'dimensions') as Record<string, string>).QueueName === name
        ) as InstanceRef;
        expect(attr(alarm, 'metric_name')).toBe('ApproximateNumberOfMessagesVisible');
        expect(attr(alarm, 'threshold')).toBe(1);
        const urls = materialize(
          world.root('stack').outputs().get('dead_letter_queue_urls')
        ) as Record<string, string>;
        expect(Object.values(urls)).toContain(
          `https://sqs.us-east-1.amazonaws.com/111122223333/${name}`
        );
        const ops = report.model?.roles.find((r) => r.name.endsWith('-operator'));
        const read = ops?.policies
          .flatMap((p) => p.doc.Statement)
          .find((st) => st.Sid === 'ReadAndRemoveDeadLetters');
        expect(read?.Resource).toContain(`arn:aws:sqs:us-east-1:111122223333:${name}`);
      }
    );

    it.each(ASYNC)(
      'exports the DLQ of %s to the operator CLI, which redrives it to exactly that function',
      (artifact) => {
        const fn = fnOf(artifact);
        const spec = ASYNC_QUEUES.find((q) => q.artifact === artifact);
        expect(spec).toBeDefined();
        const exported = materialize(
          world.root('stack').outputs().get('operator_environment')
        ) as Record<string, string>;
        const queue = resolveAsyncQueue(readOpsEnv(exported), spec as (typeof ASYNC_QUEUES)[0]);
        expect(queue.dlq.url).toBe(
          `https://sqs.us-east-1.amazonaws.com/111122223333/${String(attr(fn, 'function_name'))}-async-dlq`
        );
        expect(queue.functionName).toBe(attr(fn, 'function_name'));
        const ops = report.model?.roles.find((r) => r.name.endsWith('-operator'));
        const invoke = ops?.policies
          .flatMap((p) => p.doc.Statement)
          .filter((st) => ([] as unknown[]).concat(st.Action).includes('lambda:InvokeFunction'));
        expect(invoke?.flatMap((st) => ([] as unknown[]).concat(st.Resource))).toContain(
          attr(fn, 'arn')
        );
      }
    );

    it('lets the operator invoke no function but the four invoked asynchronously', () => {
      const ops = report.model?.roles.find((r) => r.name.endsWith('-operator'));
      const invokable = (ops?.policies ?? [])
        .flatMap((p) => p.doc.Statement)
        .filter((st) => ([] as unknown[]).concat(st.Action).includes('lambda:InvokeFunction'))
        .flatMap((st) => ([] as unknown[]).concat(st.Resource))
        .sort();
      expect(invokable).toEqual(ASYNC.map(([artifact]) => attr(fnOf(artifact), 'arn')).sort());
    });
  });

  describe('IAM', () => {
    it('documents every wildcard-resource exception in terraform/README.md', () => {
      const readme = readFileSync(join(terraformDir, 'README.md'), 'utf8');
      expect(
        Object.keys(WILDCARD_RESOURCE_EXCEPTIONS).filter((a) => !readme.includes(`\`${a}\``))
      ).toEqual([]);
    });

    it('models one role per function plus the schedulers, the operations role and the deployer', () => {
      const names = report.model?.roles.map((r) => r.name).sort();
      expect(names).toHaveLength(15);
      // Only the deployer lives outside the runtime permissions boundary.
      expect(report.model?.roles.filter((r) => !r.boundary).map((r) => r.name)).toEqual([
        'govwin-ace-dev-deployer',
      ]);
    });

    const explicit = report.intents.filter((r) => r.intent.kind === 'explicit');
    it.each(explicit.map((r): [string, IntentResult] => [r.intent.id, r]))('%s', (_id, r) => {
      expect(r.actual).toEqual(
        r.intent.expect === 'Allowed'
          ? 'Allowed'
          : expect.stringMatching(/^(Implicitly|Explicitly)Denied$/)
      );
    });

    const groups: [string, IntentResult['intent']['kind']][] = [
      [
        'every Partner Central grant of every runtime role works in Sandbox and is denied for AWS',
        'catalog',
      ],
      [
        'only the submit role may CreateOpportunity / StartEngagementFromOpportunityTask',
        'create-only-submit',
      ],
      ['no runtime role may update or delete audit rows', 'audit-append-only'],
      [
        'each async function may send to its own on-failure destination, no other role may, and it may send to no other DLQ',
        'async-failure-destination',
      ],
      [
        'only the operator consumes dead letters, and reconcile only those of the events function it re-drives',
        'dead-letter-read',
      ],
      [
        'the deployer can create every stack resource, and none under another prefix',
        'deployer-reach',
      ],
      [
        'the bootstrap operator can create every bootstrap resource, and none of another project',
        'operator-reach',
      ],
    ];
    it.each(groups)('%s', (_title, kind) => {
      const cases = report.intents.filter((r) => r.intent.kind === kind);
      expect(cases.length).toBeGreaterThan(0);
      expect(cases.filter((r) => !r.ok).map((r) => `${r.intent.id}: ${r.actual}`)).toEqual([]);
      expect(cases.some((r) => r.intent.expect === 'Denied')).toBe(true);
    });
  });
});

interface Edit {
  /** Path under terraform/. */
  readonly file: string;
  /** Text the edit starts searching from (to pick one of several identical lines). */
  readonly after?: string;
  readonly from: string;
  readonly to: string;
}

const applyEdit = (root: string, e: Edit): void => {
  const path = join(root, e.file);
  const text = readFileSync(path, 'utf8');
  const start = e.after === undefined ? 0 : text.indexOf(e.after);
  if (start < 0) throw new Error(`plant anchor not found in ${e.file}: ${e.after}`);
  const at = text.indexOf(e.from, start);
  if (at < 0) throw new Error(`plant text not found in ${e.file}: ${e.from}`);
  writeFileSync(path, text.slice(0, at) + e.to + text.slice(at + e.from.length));
};

/** Copies terraform/, applies the edits and runs every check on the copy. */
const checkPlanted = async (...edits: Edit[]): Promise<CheckReport> => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-plant-'));
  workDirs.push(dir);
  const copy = join(dir, 'terraform');
  cpSync(join(repoRoot, 'terraform'), copy, { recursive: true });
  for (const e of edits) applyEdit(copy, e);
  return checkTerraform({ terraformDir: copy, repoRoot });
};

afterAll(() => {
  for (const d of workDirs) rmSync(d, { recursive: true, force: true });
});

describe('check-terraform on planted errors', () => {
  it('passes on an unmodified copy (control)', async () => {
    expect(errorsOf(await checkPlanted())).toEqual([]);
  });

  describe('(a) misspelled references', () => {
    it.each([
      [
        'a module output',
        {
          file: 'stack/lambdas.tf',
          from: 'resources = [module.secrets.hubspot_signing_secret_arn]',
          to: 'resources = [module.secrets.hubspot_signin_secret_arn]',
        },
        /module "secrets" .* has no output "hubspot_signin_secret_arn"/,
      ],
      [
        'a resource inside a module',
        {
          file: 'modules/govwin_sync/main.tf',
          from: 'deadLetterTargetArn = aws_sqs_queue.sync_dlq.arn',
          to: 'deadLetterTargetArn = aws_sqs_queue.sync_dql.arn',
        },
        /aws_sqs_queue\.sync_dql is not a declared resource/,
      ],
      [
        'a local value',
        {
          file: 'stack/main.tf',
          after: 'module "dynamodb"',
          from: 'name_prefix         = local.name_prefix',
          to: 'name_prefix         = local.name_prefx',
        },
        /local\.name_prefx is not a declared local value/,
      ],
      [
        'a variable',
        {
          file: 'modules/lambda/main.tf',
          from: 'retention_in_days = var.log_retention_days',
          to: 'retention_in_days = var.log_retention_day',
        },
        /var\.log_retention_day is not a declared variable/,
      ],
    ] as [string, Edit, RegExp][])('fails on %s', async (_what, edit, message) => {
      const r = await checkPlanted(edit);
      expect(r.errors.some((f) => f.check === 'reference' && message.test(f.message))).toBe(true);
    });
  });

  describe('(b) module arguments', () => {
    it('fails when a required argument is missing', async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'module "govwin_poller_orchestrator"',
        from: '  alarm_topic_arn          = local.lambda_defaults.alarm_topic_arn\n',
        to: '',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[module-argument\] terraform\/stack: module\.govwin_poller_orchestrator: required argument "alarm_topic_arn" of terraform\/modules\/lambda is missing/
        )
      );
    });

    it('fails when an argument is not a variable of the module', async () => {
      const r = await checkPlanted({
        file: 'stack/main.tf',
        after: 'module "secrets"',
        from: '  kms_key_arn = local.kms_key_arn\n',
        to: '  kms_key_arn = local.kms_key_arn\n  rotation    = true\n',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /argument "rotation" is not a variable of terraform\/modules\/secrets/
        )
      );
    });
  });

  describe('(c) widened IAM', () => {
    it('fails on dynamodb:* in the receiver replay-key grant (rule and simulation)', async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'reserve_replay_key = {',
        from: 'actions   = ["dynamodb:PutItem"]',
        to: 'actions   = ["dynamodb:*"]',
      });
      expect(
        r.errors.some((f) => f.check === 'iam-wildcard' && f.message.includes('dynamodb:*'))
      ).toBe(true);
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /hubspot-webhook-receiver-receiver: GetItem WHK# \(no reads\) -> Denied/
        )
      );
    });

    it('fails when the Catalog condition is removed from ListSolutions', async () => {
      const r = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_list_solutions = {',
        from: '        condition = local.catalog_condition\n',
        to: '',
      });
      expect(r.errors.some((f) => f.check === 'iam-catalog')).toBe(true);
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(/ui-ext-reads-reads: ListSolutions in the other catalog -> Denied/)
      );
    });

    it('fails when the Null guard of the replay keys is removed (only the simulation can see it)', async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'only_replay_keys = [',
        from: '    { test = "Null", variable = "dynamodb:LeadingKeys", values = ["false"] },\n',
        to: '',
      });
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /hubspot-webhook-receiver-receiver: PutItem without LeadingKeys \(Null guard\) -> Denied/
        )
      );
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ui-ext-reads-reads: PutItem without LeadingKeys \(Null guard\) -> Denied/
        )
      );
    });

    it('fails when the card writes role gains CreateOpportunity', async () => {
      const r = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_edit_opportunity = {',
        from: '"partnercentral:AssociateOpportunity",',
        to: '"partnercentral:AssociateOpportunity",\n          "partnercentral:CreateOpportunity",',
      });
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(/ui-ext-writes-writes: CreateOpportunity -> Denied/)
      );
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ui-ext-writes-writes: partnercentral:CreateOpportunity \(submit role only\) -> Denied/
        )
      );
    });

    it('fails when the events role loses the accept-task lookup (grant or boundary)', async () => {
      const grant = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_find_accept_task = {',
        from: 'actions   = ["partnercentral:ListEngagementByAcceptingInvitationTasks"]',
        to: 'actions   = ["partnercentral:ListEngagementInvitations"]',
      });
      const boundary = await checkPlanted({
        file: 'bootstrap/runtime_boundary.tf',
        from: '      "partnercentral:ListEngagementByAcceptingInvitationTasks",\n',
        to: '',
      });
      for (const r of [grant, boundary])
        expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
          expect.stringMatching(
            /ace-submitter-events: ListEngagementByAcceptingInvitationTasks \(binds an accepted referral to its deal\) -> Allowed/
          )
        );
    });

    it('fails when a role may call AcceptEngagementInvitation (grant and boundary; the accept task accepts)', async () => {
      const r = await checkPlanted(
        {
          file: 'modules/ace/partner_central.tf',
          after: 'events = {',
          from: 'actions   = ["partnercentral:GetEngagementInvitation"]',
          to: 'actions   = ["partnercentral:AcceptEngagementInvitation", "partnercentral:GetEngagementInvitation"]',
        },
        {
          file: 'bootstrap/runtime_boundary.tf',
          from: '      "partnercentral:AssociateOpportunity",\n',
          to: '      "partnercentral:AcceptEngagementInvitation",\n      "partnercentral:AssociateOpportunity",\n',
        }
      );
      expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
        expect.stringMatching(
          /ace-submitter-events: AcceptEngagementInvitation \(never called: the accept task accepts\) -> Denied/
        )
      );
    });

    it('fails when the card writes role may start the referral accept task', async () => {
      const r = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ui_writes = {',
        from: '      ace_answer_invitation = {',
        to: [
          '      ace_start_accept = {',
          '        actions   = ["partnercentral:StartEngagementByAcceptingInvitationTask"]',
          '        resources = [local.pc_arns.accept_task]',
          '        condition = local.catalog_condition',
          '      }',
          '      ace_answer_invitation = {',
        ].join('\n'),
      });
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ui-ext-writes-writes: StartEngagementByAcceptingInvitationTask \(submit role only\) -> Denied/
        )
      );
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ui-ext-writes-writes: partnercentral:StartEngagementByAcceptingInvitationTask \(submit role only\) -> Denied/
        )
      );
    });

    it('fails when the submit role loses the referral accept task (grant or boundary)', async () => {
      const grant = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_accept_referral = {',
        from: 'resources = [local.pc_arns.accept_task]',
        to: 'resources = [local.pc_arns.engagement_task]',
      });
      const boundary = await checkPlanted({
        file: 'bootstrap/runtime_boundary.tf',
        from: '      "partnercentral:StartEngagementByAcceptingInvitationTask",\n',
        to: '',
      });
      for (const r of [grant, boundary])
        expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
          expect.stringMatching(
            /ace-submitter-submit: StartEngagementByAcceptingInvitationTask \(accepts a referral the rep accepted\) -> Allowed/
          )
        );
    });

    it('fails when the card writes role may send to another queue than the submit queue', async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'queue_referral_accept = {',
        from: 'resources = [module.ace.submit_queue_arn]',
        to: 'resources = [module.ace.submit_queue_arn, module.ace.update_queue_arn]',
      });
      expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
        expect.stringMatching(/ui-ext-writes-writes: SendMessage to ace-update -> Denied/)
      );
    });

    it('fails when the card writes role loses RejectEngagementInvitation', async () => {
      const r = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_answer_invitation = {',
        from: '          "partnercentral:RejectEngagementInvitation",\n',
        to: '',
      });
      expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
        expect.stringMatching(/ui-ext-writes-writes: RejectEngagementInvitation -> Allowed/)
      );
    });

    it('fails when an opportunity grant is widened to "Resource": "*"', async () => {
      const r = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_edit_opportunity = {',
        from: 'resources = [local.pc_arns.opportunity]',
        to: 'resources = ["*"]',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /partnercentral:UpdateOpportunity has resource types; "Resource": "\*" is not allowed/
        )
      );
    });

    it('fails when the events role gains a Partner Central write', async () => {
      const r = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_read_opportunity = {',
        from: 'actions   = ["partnercentral:GetOpportunity"]',
        to: 'actions   = ["partnercentral:GetOpportunity", "partnercentral:UpdateOpportunity"]',
      });
      expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
        expect.stringMatching(
          /ace-submitter-events: UpdateOpportunity \(events writes nothing to Partner Central\) -> Denied/
        )
      );
    });

    it('fails when the events role sends its replay requests to another queue', async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'request_replays = {',
        from: 'resources = [module.ace.update_queue_arn]',
        to: 'resources = [module.ace.submit_queue_arn]',
      });
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ace-submitter-events: SendMessage to the update queue \(replayParked request\) -> Allowed/
        )
      );
      expect(failed).toContainEqual(
        expect.stringMatching(/ace-submitter-events: SendMessage to ace-submit -> Denied/)
      );
    });

    it('fails when the reconcile re-drive grant also covers another dead-letter queue', async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'redrive_failed_events = {',
        from: 'resources = [module.ace_submitter_events.async_failure_queue.arn]',
        to: 'resources = [module.ace_submitter_events.async_failure_queue.arn, module.govwin_poller_orchestrator.async_failure_queue.arn]',
      });
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ace-submitter-reconcile: ReceiveMessage from govwin-poller-orchestrator-async-dlq -> Denied/
        )
      );
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ace-submitter-reconcile: DeleteMessage on govwin-ace-dev-govwin-poller-orchestrator-async-dlq \(a dead letter is not its to consume\) -> Denied/
        )
      );
    });

    it('fails when the reconcile role loses the re-drive of failed events', async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'redrive_failed_events = {',
        from: '"sqs:ChangeMessageVisibility", ',
        to: '',
      });
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ace-submitter-reconcile: ChangeMessageVisibility on the events function's async DLQ \(re-drive failed events\) -> Allowed/
        )
      );
      expect(failed).toContainEqual(
        expect.stringMatching(
          /ace-submitter-reconcile: ChangeMessageVisibility on govwin-ace-dev-ace-submitter-events-async-dlq \(it re-drives this queue\) -> Allowed/
        )
      );
    });

    it('fails when the update role loses DisassociateOpportunity (edits outside the card)', async () => {
      const r = await checkPlanted({
        file: 'modules/ace/partner_central.tf',
        after: 'ace_update_opportunity = {',
        from: '          "partnercentral:DisassociateOpportunity",\n',
        to: '',
      });
      expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
        expect.stringMatching(
          /ace-submitter-update: DisassociateOpportunity \(a product \/ solution edit made outside the card, or a replayed one\) -> Allowed/
        )
      );
    });

    it('fails when the operator mirror repair loses its Null guard (any row could be updated)', async () => {
      const r = await checkPlanted({
        file: 'stack/operator.tf',
        after: 'sid       = "RepairDealMirror"',
        from: [
          '    condition {',
          '      test     = "Null"',
          '      variable = "dynamodb:LeadingKeys"',
          '      values   = ["false"]',
          '    }',
          '',
        ].join('\n'),
        to: '',
      });
      expect(r.intents.filter((x) => !x.ok).map((x) => x.intent.id)).toContainEqual(
        expect.stringMatching(/operator: UpdateItem without LeadingKeys \(Null guard\) -> Denied/)
      );
    });

    it('fails when the deployer may create roles without the boundary', async () => {
      const r = await checkPlanted({
        file: 'bootstrap/deployer_policies.tf',
        after: 'sid = "ManageBoundedRoles"',
        from: '      variable = "iam:PermissionsBoundary"',
        to: '      variable = "iam:PermissionsBoundaryX"',
      });
      const failed = r.intents.filter((x) => !x.ok).map((x) => x.intent.id);
      expect(failed).toContainEqual(
        expect.stringMatching(/deployer: create a role with the runtime boundary -> Allowed/)
      );
    });
  });

  describe('asynchronous invocations', () => {
    const failedIds = (r: CheckReport): string[] =>
      r.intents.filter((x) => !x.ok).map((x) => x.intent.id);

    it('fails when the invoke configs lose their on-failure destination', async () => {
      const r = await checkPlanted({
        file: 'modules/lambda/main.tf',
        from: [
          '  destination_config {',
          '    on_failure {',
          '      destination = aws_sqs_queue.async_failure[0].arn',
          '    }',
          '  }',
          '',
        ].join('\n'),
        to: '',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[async\] stack:module\.ace_submitter_events\.aws_lambda_function_event_invoke_config\.this\[0\]: .* has no destination_config\.on_failure queue/
        )
      );
      expect(failedIds(r)).toContainEqual(
        expect.stringMatching(
          /module\.cli_drift_report\.aws_lambda_function_event_invoke_config\.this\[0\] \(no on-failure destination: failed events would be dropped\)/
        )
      );
    });

    it('fails when an asynchronously invoked function has no invoke config', async () => {
      const r = await checkPlanted({
        file: 'stack/drift_report.tf',
        from: '  async_invocation = { maximum_retry_attempts = 2, maximum_event_age_in_seconds = 3600 }\n',
        to: '',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[async\] stack:module\.cli_drift_report\.aws_lambda_function\.this: invoked asynchronously by stack:aws_scheduler_schedule\.drift_report but has no aws_lambda_function_event_invoke_config/
        )
      );
      expect(failedIds(r)).toContainEqual(
        expect.stringMatching(
          /cli-drift-report: send the record of a failed run to its own async DLQ -> Allowed/
        )
      );
    });

    it('fails when the function roles may not send to their destination', async () => {
      const r = await checkPlanted({
        file: 'modules/lambda/iam.tf',
        after: 'sid       = "SendFailedInvocations"',
        from: 'actions   = ["sqs:SendMessage"]',
        to: 'actions   = ["sqs:GetQueueAttributes"]',
      });
      const failed = failedIds(r);
      for (const fn of [
        'ace-submitter-events',
        'ace-submitter-reconcile',
        'govwin-poller-orchestrator',
        'cli-drift-report',
      ])
        expect(failed).toContainEqual(
          `govwin-ace-dev-${fn}: SendMessage to govwin-ace-dev-${fn}-async-dlq (its on-failure destination) -> Allowed`
        );
    });

    it('fails when the drift report may not encrypt its failure records (its other grants have no KMS via SQS)', async () => {
      const r = await checkPlanted({
        file: 'modules/lambda/iam.tf',
        after: 'sid       = "EncryptFailedInvocations"',
        from: 'values   = ["sqs.',
        to: 'values   = ["sns.',
      });
      const failed = failedIds(r);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /cli-drift-report: encrypt that record with the stack key \(via SQS\) -> Allowed/
        )
      );
      expect(failed).not.toContainEqual(
        expect.stringMatching(/ace-submitter-events: encrypt that record/)
      );
    });

    it("fails when another role may send to a function's destination", async () => {
      const r = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'enqueue_events = {',
        from: 'resources = [module.ace.submit_queue_arn, module.ace.update_queue_arn]',
        to: 'resources = [module.ace.submit_queue_arn, module.ace.update_queue_arn, module.ace_submitter_events.async_failure_queue.arn]',
      });
      const failed = failedIds(r);
      expect(failed).toContainEqual(
        expect.stringMatching(
          /hubspot-webhook-receiver-receiver: SendMessage to the events function's async DLQ -> Denied/
        )
      );
      expect(failed).toContainEqual(
        'govwin-ace-dev-hubspot-webhook-receiver-receiver: SendMessage to govwin-ace-dev-ace-submitter-events-async-dlq (the failure records of govwin-ace-dev-ace-submitter-events) -> Denied'
      );
    });

    it('fails when a function keeps a dead_letter_config besides its destination (same queue, two record shapes)', async () => {
      const r = await checkPlanted({
        file: 'modules/lambda/main.tf',
        from: '  tracing_config {\n    mode = "Active"\n  }\n',
        to: [
          '  tracing_config {',
          '    mode = "Active"',
          '  }',
          '',
          '  dynamic "dead_letter_config" {',
          '    for_each = [for q in aws_sqs_queue.async_failure : q.arn]',
          '    content {',
          '      target_arn = dead_letter_config.value',
          '    }',
          '  }',
          '',
        ].join('\n'),
      });
      const errors = errorsOf(r);
      expect(errors).toContainEqual(
        expect.stringMatching(
          /\[async\] stack:module\.ace_submitter_events\.aws_lambda_function\.this: has a dead_letter_config as well as an on-failure destination/
        )
      );
      expect(errors).toContainEqual(
        expect.stringMatching(
          /\[dlq\] stack:module\.ace_submitter_events\.aws_lambda_function_event_invoke_config\.this\[0\]: on-failure destination .* is also the dead-letter target of stack:module\.ace_submitter_events\.aws_lambda_function\.this/
        )
      );
    });

    it('fails when the event age cannot fit both retries, and when the retries are left to the default', async () => {
      const short = await checkPlanted({
        file: 'stack/lambdas.tf',
        after: 'module "ace_submitter_events"',
        from: 'maximum_event_age_in_seconds = 3600',
        to: 'maximum_event_age_in_seconds = 240',
      });
      expect(errorsOf(short)).toContainEqual(
        expect.stringMatching(
          /\[validation\] .*ace_submitter_events.* var\.async_invocation: .*must be at least 2 x timeout_seconds \+ 180/
        )
      );
      expect(errorsOf(short)).toContainEqual(
        expect.stringMatching(
          /\[async\] .*ace_submitter_events\.aws_lambda_function_event_invoke_config\.this\[0\]: maximum_event_age_in_seconds 240 is below 2 x timeout \+ 180 = 300 s/
        )
      );
      const implicit = await checkPlanted({
        file: 'modules/lambda/main.tf',
        from: '  maximum_retry_attempts       = var.async_invocation.maximum_retry_attempts\n',
        to: '',
      });
      expect(errorsOf(implicit)).toContainEqual(
        expect.stringMatching(
          /\[async\] .*govwin_poller_orchestrator\.aws_lambda_function_event_invoke_config\.this\[0\]: maximum_retry_attempts must be set explicitly/
        )
      );
    });

    it('fails when a destination keeps records less than 14 days', async () => {
      const r = await checkPlanted({
        file: 'modules/lambda/main.tf',
        after: 'resource "aws_sqs_queue" "async_failure"',
        from: 'message_retention_seconds         = 1209600',
        to: 'message_retention_seconds         = 345600',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[dlq\] stack:module\.ace_submitter_reconcile\.aws_sqs_queue\.async_failure\[0\]: an on-failure destination must keep records 1209600 s/
        )
      );
    });

    it('fails when the deployer may not manage invoke configs', async () => {
      const r = await checkPlanted({
        file: 'bootstrap/deployer_policies.tf',
        from: '      "lambda:PutFunctionEventInvokeConfig",\n',
        to: '',
      });
      expect(failedIds(r)).toContainEqual(
        'govwin-ace-dev-deployer: lambda:PutFunctionEventInvokeConfig for stack:module.ace_submitter_events.aws_lambda_function_event_invoke_config.this[0] -> Allowed'
      );
    });
  });

  describe('resource invariants', () => {
    it('fails when the API 5xx alarm loses its ApiId dimension', async () => {
      const r = await checkPlanted({
        file: 'modules/monitoring/main.tf',
        from: '    ApiId = var.api.id\n',
        to: '',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(/\[alarm\].*api_5xx: API Gateway alarm must have the ApiId dimension/)
      );
    });

    it('fails when a work queue has no redrive policy', async () => {
      const r = await checkPlanted({
        file: 'modules/govwin_sync/main.tf',
        from: '  redrive_policy = jsonencode({\n    deadLetterTargetArn = aws_sqs_queue.sync_dlq.arn\n    maxReceiveCount     = var.max_receive_count\n  })\n',
        to: '',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(/\[dlq\].*aws_sqs_queue\.sync: queue has no redrive policy/)
      );
    });

    it.each([
      ['batch_size = 10', '  batch_size                         = 10\n'],
      ['no batch_size (the SQS default is 10)', ''],
    ])('fails when the GovWin worker trigger has %s', async (_what, to) => {
      const r = await checkPlanted({
        file: 'modules/govwin_sync/main.tf',
        after: 'resource "aws_lambda_event_source_mapping" "worker"',
        from: '  batch_size                         = 1\n',
        to,
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[trigger\].*aws_lambda_event_source_mapping\.worker: batch_size of the govwin-poller-worker trigger is 10; it must be 1/
        )
      );
    });

    it('fails when a log group loses its key', async () => {
      const r = await checkPlanted({
        file: 'modules/api/main.tf',
        from: '  kms_key_id        = var.kms_key_arn\n',
        to: '',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[cmk\].*aws_cloudwatch_log_group\.access: log group must be encrypted/
        )
      );
    });

    it('fails on a dependency cycle (a queue sized from the function that reads it)', async () => {
      const r = await checkPlanted({
        file: 'modules/lambda/outputs.tf',
        from: 'value       = var.timeout_seconds',
        to: 'value       = aws_lambda_function.this.timeout',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[cycle\] stack: dependency cycle: .*module\.govwin_sync\.aws_sqs_queue\.sync/
        )
      );
    });

    it('fails when a module README no longer matches its variables', async () => {
      const r = await checkPlanted({
        file: 'modules/kms/variables.tf',
        from: 'description = "Waiting period before a scheduled key deletion takes effect (7-30 days)."',
        to: 'description = "Days before a scheduled key deletion takes effect (7-30)."',
      });
      expect(errorsOf(r)).toContainEqual(
        expect.stringMatching(
          /\[docs\] terraform\/modules\/kms\/README\.md: inputs\/outputs tables are out of date/
        )
      );
    });

    it('fails when a file is not formatted or does not parse', async () => {
      const unformatted = await checkPlanted({
        file: 'modules/kms/main.tf',
        from: '  enable_key_rotation     = true',
        to: '  enable_key_rotation = true',
      });
      expect(errorsOf(unformatted)).toContainEqual(
        expect.stringMatching(/\[fmt\] .*modules\/kms\/main\.tf/)
      );
      const broken = await checkPlanted({
        file: 'modules/kms/main.tf',
        from: '  enable_key_rotation     = true',
        to: '  enable_key_rotation     = ',
      });
      expect(errorsOf(broken)).toContainEqual(
        expect.stringMatching(/\[parse\] .*modules\/kms\/main\.tf/)
      );
    });
  });
});

describe('stack inputs reach the functions (planted tfvars)', () => {
  const tfvars = 'stack/terraform.tfvars.example';

  describe('with every optional GovWin poller setting and the AWS catalog', () => {
    let planted: CheckReport;
    let w: World;
    beforeAll(async () => {
      planted = await checkPlanted(
        { file: tfvars, from: 'ace_catalog = "Sandbox"', to: 'ace_catalog = "AWS"' },
        {
          file: tfvars,
          from: 'schedules_enabled = true\n',
          to: [
            'schedules_enabled = true',
            'govwin_discovery = {',
            '  mode            = "saved-search"',
            '  saved_search_id = "123456"',
            '  marked_version  = "2"',
            '  opp_type        = "OPP"',
            '  market          = "SLED"',
            '  lookback_days   = 180',
            '  batch_size      = 50',
            '}',
            'govwin_stage_ids           = { closed_won = "closedwon", declined = "1122334511" }',
            'hubspot_pipeline_label     = "Federal Pipeline"',
            'hubspot_rate_limit_per_10s = 190',
            '',
          ].join('\n'),
        }
      );
      w = planted.world as World;
    });

    it('has no error findings', () => {
      expect(errorsOf(planted)).toEqual([]);
    });

    it('renders the discovery settings into the orchestrator, which its config loader reads back', () => {
      const env = environmentOf('govwin-poller-orchestrator', w);
      expect(env).toMatchObject({
        GOVWIN_DISCOVERY: 'saved-search',
        GOVWIN_SAVED_SEARCH_ID: '123456',
        GOVWIN_MARKED_VERSION: '2',
        GOVWIN_OPP_TYPE: 'OPP',
        GOVWIN_MARKET: 'SLED',
        GOVWIN_LOOKBACK_DAYS: '180',
        GOVWIN_BATCH_SIZE: '50',
      });
      expect(loadOrchestratorConfig(env)).toMatchObject({
        mode: { kind: 'saved-search', savedSearchId: '123456' },
        oppType: 'OPP',
        batchSize: 50,
      });
    });

    it('renders the pipeline label, stage ids and HubSpot rate into the worker, which its config loader reads back', () => {
      const env = environmentOf('govwin-poller-worker', w);
      expect(env.HUBSPOT_PIPELINE_LABEL).toBe('Federal Pipeline');
      expect(env.HUBSPOT_RATE_LIMIT_PER_10S).toBe('190');
      expect(JSON.parse(env.HUBSPOT_STAGE_IDS ?? 'null')).toEqual({
        closed_won: 'closedwon',
        declined: '1122334511',
      });
      expect(loadWorkerConfig(env)).toMatchObject({
        pipeline: {
          label: 'Federal Pipeline',
          stageIds: { closed_won: 'closedwon', declined: '1122334511' },
        },
        hubspotPer10s: 190,
      });
    });

    it.each(CATALOG_READERS)('gives %s ACE_CATALOG=AWS', (artifact) => {
      expect(environmentOf(artifact, w).ACE_CATALOG).toBe('AWS');
    });

    it.each(LOADERS)('gives %s an environment its own config loader accepts', (artifact, load) => {
      expect(() => load(environmentOf(artifact, w))).not.toThrow();
    });
  });

  it.each([
    ['empty', '""'],
    ['zero', '"0"'],
    ['hexadecimal', '"0x42"'],
    ['signed', '"-24156720"'],
  ])(
    'refuses a hubspot_portal_id that is %s (the lost-webhook sweep needs the account id)',
    async (_what, value) => {
      const r = await checkPlanted({
        file: tfvars,
        from: 'hubspot_portal_id = "24156720"',
        to: `hubspot_portal_id = ${value}`,
      });
      expect(r.errors.filter((f) => f.check === 'validation').map(formatFinding)).toContainEqual(
        expect.stringMatching(
          /var\.hubspot_portal_id: .*must be the HubSpot account id: a positive integer/
        )
      );
    }
  );

  it('requires hubspot_portal_id (no default: the sweep must not be silently off)', async () => {
    const r = await checkPlanted({
      file: tfvars,
      from: /hubspot_portal_id = "24156720".*\n/.exec(
        readFileSync(join(terraformDir, tfvars), 'utf8')
      )?.[0] as string,
      to: '',
    });
    expect(errorsOf(r)).toContainEqual(
      expect.stringMatching(
        /\[variable\] stack var\.hubspot_portal_id: .*has no value \(not passed and no default\)/
      )
    );
  });

  it('leaves the optional worker settings unset when their variables are', () => {
    const env = environmentOf('govwin-poller-worker');
    expect(Object.keys(env)).not.toContain('HUBSPOT_PIPELINE_LABEL');
    expect(Object.keys(env)).not.toContain('HUBSPOT_RATE_LIMIT_PER_10S');
    expect(loadWorkerConfig(env)).toMatchObject({
      pipeline: { label: 'GovWin Pipeline' },
      hubspotPer10s: 100,
    });
  });

  it.each([
    [
      'out-of-range and malformed values',
      [
        'hubspot_rate_limit_per_10s = 5',
        'hubspot_pipeline_label     = " GovWin Pipeline"',
        'govwin_stage_ids           = { won = "a b" }',
        'govwin_discovery           = { mode = "saved-search", opp_type = "XYZ", lookback_days = 0, batch_size = 101 }',
      ],
      [
        /var\.hubspot_rate_limit_per_10s: .*must be null or a whole number from 10 to 1000/,
        /var\.hubspot_pipeline_label: .*without leading or trailing spaces/,
        /var\.govwin_stage_ids: .*keys must be GovWin stage keys/,
        /var\.govwin_stage_ids: .*must be a HubSpot stage id/,
        /var\.govwin_discovery: .*saved_search_id is required when mode is saved-search/,
        /var\.govwin_discovery: .*opp_type must be OPP, TNS, BID, FBO, OPN, TOP or ALL/,
        /var\.govwin_discovery: .*lookback_days must be a whole number of days from 1 to 3650/,
        /var\.govwin_discovery: .*batch_size must be a whole number of opportunities per queue message from 1 to 100/,
      ],
    ],
    [
      'fractions and unknown closed-set values',
      [
        'hubspot_rate_limit_per_10s = 150.5',
        'govwin_discovery           = { mode = "feed", marked_version = "3", market = "EU", saved_search_id = "abc", batch_size = 2.5 }',
      ],
      [
        /var\.hubspot_rate_limit_per_10s: .*must be null or a whole number from 10 to 1000/,
        /var\.govwin_discovery: .*mode must be marked, bookmarked, saved-search or search/,
        /var\.govwin_discovery: .*marked_version must be 2\.2/,
        /var\.govwin_discovery: .*market must be empty, Federal or SLED/,
        /var\.govwin_discovery: .*saved_search_id must be empty or a numeric GovWin saved search id/,
        /var\.govwin_discovery: .*batch_size must be a whole number/,
      ],
    ],
  ] as [string, string[], RegExp[]][])('fails validation on %s', async (_what, lines, messages) => {
    const r = await checkPlanted({
      file: tfvars,
      from: 'schedules_enabled = true\n',
      to: ['schedules_enabled = true', ...lines, ''].join('\n'),
    });
    const validation = r.errors.filter((f) => f.check === 'validation').map(formatFinding);
    for (const m of messages) expect(validation).toContainEqual(expect.stringMatching(m));
  });
});
