// The checks behind `govwin-ace doctor`. Each returns checklist lines and never throws: a failing
// service becomes a failed line with a fix, and the remaining checks still run. Secret values are read
// only to check their shape and are never printed; GovWin is logged into at most once (a valid cached
// token is used as it is, and the auth module never repeats a failed password grant).
import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { ListSolutionsCommand } from '@aws-sdk/client-partnercentral-selling';
import { makeSecretTokenCache, silentLog } from '@govwin-ace/govwin-poller';
import {
  DEAL_PROP,
  makeSecretsStore,
  parseHubSpotTokenSecret,
  parseRotatingSecret,
  secretLabel,
} from '@govwin-ace/shared-core';
import { hubspotSchema } from '../hubspot-schema';
import { ASYNC_QUEUES, isAsyncQueueConfigured, resolveAsyncQueue } from '../ops/async-queues';
import { type OpsVar, REQUIRED_VARS } from '../ops/ops-env';
import type { OpsRuntime } from '../ops/ops-runtime';
import { QUEUES, resolveQueue } from '../ops/queues';
import { describeFailure, withService } from '../output/cli-failure';
import { EXIT_CODE } from '../output/exit-codes';
import type { CheckLine } from '../output/render';
import { queueDepth } from './dlq-store';

/** Section of the runbook each fix points into. */
const RUNBOOK = 'docs/operations.md';

/** A failed line from an error: credentials problems get the credentials fix, outages a retry hint. */
const failedLine = (name: string, err: unknown, fix: string): CheckLine => {
  const f = describeFailure(err);
  const hint =
    f.exitCode === EXIT_CODE.config
      ? `${fix} (credentials or configuration: ${RUNBOOK}#credentials)`
      : f.exitCode === EXIT_CODE.unavailable
        ? `the service is unreachable or failing: check the endpoint/network and retry (${RUNBOOK}#unreachable-services)`
        : fix;
  return { name, status: 'fail', detail: f.message, fix: hint };
};

const attempt = async (
  name: string,
  service: string,
  fix: string,
  work: () => Promise<CheckLine[]>
): Promise<CheckLine[]> => {
  try {
    return await withService(service, work);
  } catch (err) {
    return [failedLine(name, err, fix)];
  }
};

/** 1. Configuration: every variable a deployment sets, present and well-formed. */
export const checkConfiguration = (rt: OpsRuntime): CheckLine[] => {
  const problems = rt.env.problems(REQUIRED_VARS);
  const optional = rt.env.problems(['HUBSPOT_PORTAL_ID']);
  const lines: CheckLine[] = [
    problems.length === 0
      ? {
          name: 'configuration',
          status: 'ok',
          detail: `${REQUIRED_VARS.length} variables set; catalog ${rt.env.catalog}${rt.local ? ' (local runtime endpoints)' : ''}`,
        }
      : {
          name: 'configuration',
          status: 'fail',
          detail: problems.join('; '),
          fix: `export the stack's variables (terraform output; ${RUNBOOK}#configuration)`,
        },
  ];
  if (optional.length > 0)
    lines.push({
      name: 'HUBSPOT_PORTAL_ID',
      status: 'warn',
      detail: 'not set: drift --repair cannot build deal queue messages',
      fix: `set HUBSPOT_PORTAL_ID to the HubSpot account id (${RUNBOOK}#configuration)`,
    });
  return lines;
};

/** 2. State tables: one cheap read each. */
export const checkTables = async (rt: OpsRuntime): Promise<CheckLine[]> => {
  const probes: [OpsVar, () => Promise<unknown>][] = [
    ['SYNC_STATE_TABLE', () => rt.watermarks().getCursor()],
    ['ENTITY_MAPPINGS_TABLE', () => rt.submissions().get('1')],
    ['AUDIT_TABLE', () => rt.audit().listByDeal('1')],
  ];
  const lines: CheckLine[] = [];
  for (const [name, probe] of probes) {
    const table = rt.env.get(name);
    if (!table) {
      lines.push({ name: `table ${name}`, status: 'skip', detail: 'not configured' });
      continue;
    }
    lines.push(
      ...(await attempt(
        `table ${name}`,
        'DynamoDB',
        'check the table name and the operator role',
        async () => {
          await probe();
          return [{ name: `table ${name}`, status: 'ok', detail: `${table} readable` }];
        }
      ))
    );
  }
  return lines;
};

const SECRET_SHAPES: { name: OpsVar; check: (value: string) => string }[] = [
  {
    name: 'HUBSPOT_TOKEN_SECRET_ARN',
    check: (v) => {
      parseHubSpotTokenSecret(v);
      return 'private-app token present';
    },
  },
  {
    name: 'HUBSPOT_SIGNING_SECRET_ARN',
    check: (v) => {
      const s = parseRotatingSecret(v);
      return s.previous
        ? 'current and previous signing secret present'
        : 'current signing secret present';
    },
  },
  {
    name: 'GOVWIN_CREDENTIALS_SECRET_ARN',
    check: (v) => {
      const c = JSON.parse(v) as Record<string, unknown>;
      const missing = ['client_id', 'client_secret', 'username', 'password'].filter(
        (k) => typeof c[k] !== 'string' || c[k] === ''
      );
      if (missing.length > 0) throw new Error(`missing fields: ${missing.join(', ')}`);
      return 'client id, client secret, username and password present';
    },
  },
  { name: 'GOVWIN_TOKEN_SECRET_ARN', check: () => 'present (filled by logins)' },
];

/** 3. Secrets: present and well-formed (values are never printed). */
export const checkSecrets = async (rt: OpsRuntime): Promise<CheckLine[]> => {
  const lines: CheckLine[] = [];
  for (const { name, check } of SECRET_SHAPES) {
    const id = rt.env.get(name) as string | undefined;
    if (!id) {
      lines.push({ name: `secret ${name}`, status: 'skip', detail: 'not configured' });
      continue;
    }
    const label = secretLabel(id);
    lines.push(
      ...(await attempt(
        `secret ${name}`,
        'Secrets Manager',
        `put a value into ${label}`,
        async () => {
          const value = await rt.secrets().getString(id);
          try {
            return [{ name: `secret ${name}`, status: 'ok', detail: `${check(value)} (${label})` }];
          } catch (err) {
            // Shape errors may quote the value: only our own fixed messages are shown.
            const safe =
              err instanceof Error && err.message.startsWith('missing fields')
                ? err.message
                : 'value is malformed';
            return [
              {
                name: `secret ${name}`,
                status: 'fail',
                detail: `${safe} (${label})`,
                fix: `put a well-formed value into ${label} (${RUNBOOK}#secrets)`,
              },
            ];
          }
        }
      ))
    );
  }
  return lines;
};

/** 4. GovWin: a cached token is enough; otherwise one login (refresh first, at most one password grant). */
export const checkGovWin = async (rt: OpsRuntime, now: () => number): Promise<CheckLine[]> => {
  const tokenSecret = rt.env.get('GOVWIN_TOKEN_SECRET_ARN');
  if (
    !tokenSecret ||
    !rt.env.get('GOVWIN_CREDENTIALS_SECRET_ARN') ||
    !rt.env.get('SYNC_STATE_TABLE')
  )
    return [
      {
        name: 'GovWin login',
        status: 'skip',
        detail: 'GovWin secrets or SYNC_STATE_TABLE not configured',
      },
    ];
  return attempt(
    'GovWin login',
    'GovWin',
    `fix the GovWin credentials in GOVWIN_CREDENTIALS_SECRET_ARN; never retry by hand: 5 failed logins lock the account for 30 minutes (${RUNBOOK}#govwin-login)`,
    async () => {
      const cache = makeSecretTokenCache(
        makeSecretsStore({ client: rt.secretsClient(), ttlMs: 0 }),
        tokenSecret
      );
      const cached = await cache.load();
      const validForMs = (cached?.expires_at ?? 0) * 1000 - now();
      if (cached?.access_token && validForMs > 5 * 60_000)
        return [
          {
            name: 'GovWin login',
            status: 'ok',
            detail: `cached access token valid for ${Math.floor(validForMs / 60_000)} min (no login attempted)`,
          },
        ];
      const gov = rt.govwin(silentLog);
      gov.auth.beginRun();
      await gov.auth.getAccessToken();
      return [
        {
          name: 'GovWin login',
          status: 'ok',
          detail: 'logged in (refresh or one password grant); the token is cached for the stack',
        },
      ];
    }
  );
};

const SCHEMA_FIX = `run govwin-ace setup-hubspot (${RUNBOOK}#hubspot-schema)`;

/** 5. HubSpot: token accepted, read scopes, properties, pipeline and stages. */
export const checkHubSpot = async (rt: OpsRuntime): Promise<CheckLine[]> => {
  if (!rt.env.get('HUBSPOT_TOKEN_SECRET_ARN'))
    return [{ name: 'HubSpot', status: 'skip', detail: 'HUBSPOT_TOKEN_SECRET_ARN not configured' }];
  const tokenFix = `put a valid private-app token with the crm.objects.deals/companies/contacts and crm.schemas scopes into HUBSPOT_TOKEN_SECRET_ARN (${RUNBOOK}#hubspot-token)`;
  return attempt('HubSpot token', 'HubSpot', tokenFix, async () => {
    const hubspot = rt.hubspot();
    const pipelines = await hubspot.listPipelines();
    await hubspot.searchDeals({ limit: 1, properties: [DEAL_PROP.dealStage] });
    const [deals, companies, contacts] = [
      await hubspot.listProperties('deals'),
      await hubspot.listProperties('companies'),
      await hubspot.listProperties('contacts'),
    ];
    const lines: CheckLine[] = [
      {
        name: 'HubSpot token',
        status: 'ok',
        detail:
          'accepted; can read deals, companies, contacts, properties and pipelines (write scopes are not probed)',
      },
    ];
    // What setup-hubspot ensures, plus every deal property the ACE flows read or write.
    const spec = hubspotSchema('unused');
    const have = { deals, companies, contacts };
    const wanted = (['deals', 'companies', 'contacts'] as const).flatMap((type) =>
      (spec.properties[type] ?? []).map((p) => `${type}.${p.name}`)
    );
    for (const name of Object.values(DEAL_PROP)) wanted.push(`deals.${name}`);
    const present = new Set(
      (['deals', 'companies', 'contacts'] as const).flatMap((type) =>
        have[type].map((p) => `${type}.${p.name}`)
      )
    );
    const missing = [...new Set(wanted)].filter((n) => !present.has(n)).sort();
    lines.push(
      missing.length === 0
        ? {
            name: 'HubSpot properties',
            status: 'ok',
            detail: `all ${new Set(wanted).size} present`,
          }
        : {
            name: 'HubSpot properties',
            status: 'fail',
            detail: `${missing.length} missing: ${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ', ...' : ''}`,
            fix: SCHEMA_FIX,
          }
    );
    const pipelineId = rt.env.get('PIPELINE_ID');
    const pipeline = pipelines.find((p) => p.id === pipelineId);
    if (!pipelineId)
      lines.push({
        name: 'HubSpot pipeline',
        status: 'skip',
        detail: 'PIPELINE_ID not configured',
      });
    else if (!pipeline)
      lines.push({
        name: 'HubSpot pipeline',
        status: 'fail',
        detail: `pipeline ${pipelineId} not found (${pipelines.length} pipeline(s) in the account)`,
        fix: `${SCHEMA_FIX}, then set PIPELINE_ID to the pipeline it reports`,
      });
    else {
      const stageIds = new Set(pipeline.stages.map((s) => s.id));
      const wanted = stageVars(rt);
      const absent = wanted.filter(([, id]) => !stageIds.has(id));
      lines.push(
        absent.length === 0
          ? {
              name: 'HubSpot pipeline',
              status: 'ok',
              detail: `${pipelineId} has all ${wanted.length} configured stage(s)`,
            }
          : {
              name: 'HubSpot pipeline',
              status: 'fail',
              detail: `stage ids not in pipeline ${pipelineId}: ${absent.map(([v, id]) => `${v}=${id}`).join(', ')}`,
              fix: `point the stage variables at stages of the pipeline (${RUNBOOK}#hubspot-schema)`,
            }
      );
    }
    return lines;
  });
};

/** Configured stage variables and their ids. */
const stageVars = (rt: OpsRuntime): [string, string][] => {
  const out: [string, string][] = [];
  for (const id of rt.env.get('SUBMIT_STAGE_IDS') ?? []) out.push(['SUBMIT_STAGE_IDS', id]);
  for (const name of ['TRIGGER_STAGE_ID', 'REFERRAL_STAGE_ID'] as const) {
    const id = rt.env.get(name);
    if (id) out.push([name, id]);
  }
  for (const name of [
    'STAGE_ID_SUBMITTED',
    'STAGE_ID_IN_REVIEW',
    'STAGE_ID_APPROVED',
    'STAGE_ID_ACTION_REQUIRED',
    'STAGE_ID_CLOSED_LOST',
    'STAGE_ID_CLOSED_WON',
  ]) {
    const id = rt.env.source[name];
    if (id) out.push([name, id]);
  }
  return out;
};

/** 6. Partner Central: the configured catalog answers ListSolutions for this identity. */
export const checkPartnerCentral = async (rt: OpsRuntime): Promise<CheckLine[]> => {
  const catalog = rt.env.catalog;
  return attempt(
    'Partner Central',
    'Partner Central',
    `grant partnercentral:ListSolutions (Catalog=${catalog}) and check the Partner Central account link (${RUNBOOK}#partner-central)`,
    async () => {
      const out = await rt
        .partnerCentral()
        .send(new ListSolutionsCommand({ Catalog: catalog, MaxResults: 100 }));
      const solutions = out.SolutionSummaries ?? [];
      const lines: CheckLine[] = [
        {
          name: 'Partner Central',
          status: 'ok',
          detail: `catalog ${catalog}: ${solutions.length}${out.NextToken ? '+' : ''} solution(s) visible`,
        },
      ];
      const configured = rt.env.get('ACE_SOLUTION_ID');
      if (configured && !out.NextToken)
        lines.push(
          solutions.some((s) => s.Id === configured)
            ? { name: 'ACE_SOLUTION_ID', status: 'ok', detail: `${configured} found` }
            : {
                name: 'ACE_SOLUTION_ID',
                status: 'fail',
                detail: `${configured} is not a solution of catalog ${catalog}`,
                fix: 'set ACE_SOLUTION_ID to one of the listed solutions, or unset it',
              }
        );
      return lines;
    }
  );
};

/**
 * 7b. The on-failure queues of the asynchronously invoked functions: any record (waiting or held by a
 * reader) fails the line. Unset variables skip on the local runtime (it has no such queues) and warn
 * against a deployed stack (an old export of operator_environment); a malformed one fails.
 */
export const checkAsyncQueues = async (rt: OpsRuntime): Promise<CheckLine[]> => {
  const lines: CheckLine[] = [];
  for (const spec of ASYNC_QUEUES) {
    const name = `queue ${spec.name}`;
    if (!isAsyncQueueConfigured(rt.env, spec)) {
      lines.push(
        rt.local
          ? { name, status: 'skip', detail: `${spec.envVar} not configured` }
          : {
              name,
              status: 'warn',
              detail: `${spec.envVar} not set: failed runs of ${spec.artifact} are not checked`,
              fix: `export the stack's operator_environment again (${RUNBOOK}#configuration)`,
            }
      );
      continue;
    }
    lines.push(
      ...(await attempt(name, 'SQS', 'check the queue URL and the operator role', async () => {
        const queue = resolveAsyncQueue(rt.env, spec);
        const depth = await queueDepth(rt.sqs(), queue.dlq.url);
        const records = depth.visible + depth.inFlight;
        return [
          records === 0
            ? { name, status: 'ok', detail: `no failed runs of ${queue.functionName}` }
            : {
                name,
                status: 'fail',
                detail: `${records} failed run(s) of ${queue.functionName} kept`,
                fix: `govwin-ace dlq list --queue ${spec.short} (${RUNBOOK}#failed-asynchronous-runs)`,
              },
        ];
      }))
    );
  }
  return lines;
};

/** 7. Queues: depth, in-flight, DLQ depth; then the on-failure queues (7b). */
export const checkQueues = async (rt: OpsRuntime): Promise<CheckLine[]> => {
  const lines: CheckLine[] = [];
  for (const spec of QUEUES) {
    if (!rt.env.get(spec.envVar)) {
      lines.push({
        name: `queue ${spec.name}`,
        status: 'skip',
        detail: `${spec.envVar} not configured`,
      });
      continue;
    }
    lines.push(
      ...(await attempt(
        `queue ${spec.name}`,
        'SQS',
        'check the queue URL and the operator role',
        async () => {
          const sqs = rt.sqs();
          const q = await resolveQueue(sqs, rt.env, spec);
          const depth = await queueDepth(sqs, q.url);
          const detail = `${depth.visible} waiting, ${depth.inFlight} in flight`;
          if (!q.dlq)
            return [
              {
                name: `queue ${spec.name}`,
                status: 'warn',
                detail: `${detail}; no redrive policy (failed messages are retried until they expire)`,
                fix: `give the queue a DLQ (terraform/modules; ${RUNBOOK}#queues)`,
              },
            ];
          const dlq = await queueDepth(sqs, q.dlq.url);
          const dead = dlq.visible + dlq.inFlight;
          return [
            dead === 0
              ? { name: `queue ${spec.name}`, status: 'ok', detail: `${detail}; DLQ empty` }
              : {
                  name: `queue ${spec.name}`,
                  status: 'fail',
                  detail: `${detail}; DLQ holds ${dead} message(s)`,
                  fix: `govwin-ace dlq list --queue ${spec.kind} (${RUNBOOK}#dead-letter-queues)`,
                },
          ];
        }
      ))
    );
  }
  lines.push(...(await checkAsyncQueues(rt)));
  return lines;
};

/** The DLQs of the schedules and of the Partner Central rule (not readable with the CLI). */
const UNDELIVERABLE = /-(govwin-schedule|ace-events|ace-reconcile|drift-report)-dlq-depth$/;

/** Which runbook section an alarm belongs to, from its name. */
export const alarmFix = (name: string): string => {
  if (name.endsWith('-async-dlq-depth')) {
    const spec = ASYNC_QUEUES.find((q) => name.endsWith(`-${q.artifact}-async-dlq-depth`));
    return `govwin-ace dlq list --queue ${spec?.short ?? 'async'} (${RUNBOOK}#failed-asynchronous-runs)`;
  }
  if (UNDELIVERABLE.test(name)) return `${RUNBOOK}#undeliverable-events-and-ticks`;
  if (name.endsWith('-depth')) return `govwin-ace dlq list (${RUNBOOK}#dead-letter-queues)`;
  if (name.includes('http-api-5xx'))
    return `govwin-ace doctor, then the receiver's logs (${RUNBOOK}#api-5xx)`;
  if (name.includes('ace-update-fanout')) return `${RUNBOOK}#ace-update-fan-out`;
  if (name.endsWith('-ace-reconcile-sweeps-stopped-early'))
    return `${RUNBOOK}#reconcile-sweep-stopped-early`;
  if (name.endsWith('-govwin-sync-audit-failures')) return `${RUNBOOK}#govwin-sync-audit-failures`;
  if (name.includes('target-errors') || name.includes('dropped')) return `${RUNBOOK}#scheduler`;
  return `${RUNBOOK}#alarms`;
};

/** 8. Alarms of this stack (those notifying its alerts topic) that are in ALARM. */
export const checkAlarms = async (rt: OpsRuntime): Promise<CheckLine[]> => {
  if (!rt.hasCloudWatch) return [{ name: 'alarms', status: 'skip', detail: 'no alarms (local)' }];
  const topic = rt.env.get('ALERTS_TOPIC_ARN');
  if (!topic)
    return [{ name: 'alarms', status: 'skip', detail: 'ALERTS_TOPIC_ARN not configured' }];
  return attempt(
    'alarms',
    'CloudWatch',
    'grant cloudwatch:DescribeAlarms to the operator role',
    async () => {
      const alarms: MetricAlarm[] = [];
      let NextToken: string | undefined;
      do {
        const out = await rt.cloudWatch().send(
          new DescribeAlarmsCommand({
            ActionPrefix: topic,
            MaxRecords: 100,
            ...(NextToken ? { NextToken } : {}),
          })
        );
        alarms.push(...(out.MetricAlarms ?? []));
        NextToken = out.NextToken;
      } while (NextToken && alarms.length < 1000);
      const firing = alarms.filter((a) => a.StateValue === 'ALARM');
      if (firing.length === 0)
        return [
          { name: 'alarms', status: 'ok', detail: `${alarms.length} alarm(s), none in ALARM` },
        ];
      return firing.map((a) => ({
        name: `alarm ${a.AlarmName ?? '?'}`,
        status: 'fail' as const,
        detail: `in ALARM since ${a.StateUpdatedTimestamp?.toISOString() ?? '?'}`,
        fix: alarmFix(a.AlarmName ?? ''),
      }));
    }
  );
};
