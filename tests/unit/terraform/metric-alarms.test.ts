// The custom-metric alarms of terraform/modules/monitoring watch what the code publishes: the
// namespace, metric name and `service` dimension are compared with the EMF line the real publishing code
// writes (a wrong namespace or dimension set would make the alarm watch a metric nobody publishes). The
// reconcile alarm's period follows reconcile_schedule (evaluated with other stack inputs, no re-parse).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { loadConfig as loadSubmitterConfig } from '../../../packages/ace-submitter/src/config';
import { METRICS } from '../../../packages/ace-submitter/src/context';
import { buildRuntime } from '../../../packages/ace-submitter/src/wiring';
import { makePowertoolsMetrics, SYNC_METRIC } from '../../../packages/govwin-poller/src/ports';
import {
  createMetrics,
  DEFAULT_METRICS_NAMESPACE,
} from '../../../packages/shared-core/src/metrics/metrics';
import { checkTerraform } from '../../../scripts/check-terraform';
import { Findings, formatFinding } from '../../../scripts/terraform-check/findings';
import { materialize, type Plain, type Value } from '../../../scripts/terraform-check/hcl-eval';
import {
  type InstanceRef,
  type ModuleInstance,
  World,
} from '../../../scripts/terraform-check/tf-world';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// A hang guard for the evaluation on a shared two-core machine, not a performance assertion.
jest.setTimeout(60_000);

const report = await checkTerraform({ terraformDir: join(repoRoot, 'terraform'), repoRoot });
if (!report.world)
  throw new Error(`evaluation did not run:\n${report.errors.map(formatFinding).join('\n')}`);
const world: World = report.world;

const attr = (i: InstanceRef, name: string): Plain => materialize(i.value.get(name));

const alarmOf = (metricName: string, w: World = world): InstanceRef => {
  const found = w
    .instancesOf('resource', 'aws_cloudwatch_metric_alarm')
    .filter((a) => attr(a, 'metric_name') === metricName);
  if (found.length !== 1) throw new Error(`${found.length} alarms on ${metricName}`);
  return found[0] as InstanceRef;
};

const alertsTopicArn = (): Plain => {
  const topics = world
    .instancesOf('resource', 'aws_sns_topic')
    .filter((t) => String(attr(t, 'name')).endsWith('-alerts'));
  expect(topics).toHaveLength(1);
  return attr(topics[0] as InstanceRef, 'arn');
};

/** Each function's environment as Terraform renders it (sample values), keyed by artifact name. */
const environmentOf = (artifact: string): Record<string, string> => {
  const fn = world
    .instancesOf('resource', 'aws_lambda_function')
    .find((f) => String(attr(f, 'function_name')).endsWith(`-${artifact}`));
  if (!fn) throw new Error(`no function for ${artifact}`);
  return (attr(fn, 'environment') as { variables: Record<string, string> }[])[0]?.variables ?? {};
};

/** Captures stdout lines (Powertools writes one EMF JSON line per flush). */
const captureStdout = () => {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
};

interface Emf {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
  };
  [key: string]: unknown;
}

/** The one EMF line a flush wrote. */
const onlyEmf = (lines: readonly string[]): Emf => {
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Emf;
};

/** What CloudWatch makes of an EMF line: one metric per (namespace, dimension set, name). */
const publishedMetrics = (emf: Emf) =>
  emf._aws.CloudWatchMetrics.flatMap((d) =>
    d.Dimensions.flatMap((set) =>
      d.Metrics.map((m) => ({
        namespace: d.Namespace,
        metricName: m.Name,
        dimensions: Object.fromEntries(set.map((k) => [k, emf[k]])),
      }))
    )
  );

const watched = (alarm: InstanceRef) => ({
  namespace: attr(alarm, 'namespace'),
  metricName: attr(alarm, 'metric_name'),
  dimensions: attr(alarm, 'dimensions'),
});

/** The stack evaluated again with some inputs changed (the parsed tree of the main run is reused). */
const stackWith = (overrides: Record<string, Value>): { w: World; errors: string[] } => {
  const inputsOf = (r: ModuleInstance): Record<string, Value> =>
    Object.fromEntries([...r.config.variables.keys()].map((n) => [n, r.variable(n)]));
  const findings = new Findings();
  const w = new World(
    world.roots.map((r) => ({
      label: r.label,
      node: r.node,
      inputs: r.label === 'stack' ? { ...inputsOf(r), ...overrides } : inputsOf(r),
    })),
    findings,
    world.fileOverride
  );
  for (const r of w.roots) r.validate();
  return { w, errors: findings.errors.map(formatFinding) };
};

describe('custom-metric alarms (terraform/modules/monitoring)', () => {
  it('has no error findings', () => {
    expect(report.errors.map(formatFinding)).toEqual([]);
  });

  describe('ReconcileSweepsStoppedEarly', () => {
    const alarm = alarmOf(METRICS.sweepStoppedEarly);

    it('pages when two reconcile runs in a row stopped a sweep early, not on one', () => {
      // The default schedule is one run every 6 hours; the alarm needs a breach in both 6-hour periods.
      expect(world.root('stack').variable('reconcile_schedule')).toBe('rate(6 hours)');
      expect(attr(alarm, 'alarm_name')).toBe(
        `${String(world.root('stack').local('name_prefix'))}-ace-reconcile-sweeps-stopped-early`
      );
      expect(attr(alarm, 'namespace')).toBe(DEFAULT_METRICS_NAMESPACE);
      expect(attr(alarm, 'metric_name')).toBe('ReconcileSweepsStoppedEarly');
      expect(attr(alarm, 'dimensions')).toEqual({ service: 'ace-submitter-reconcile' });
      expect(attr(alarm, 'statistic')).toBe('Sum');
      expect(attr(alarm, 'period')).toBe(6 * 3600);
      expect(attr(alarm, 'evaluation_periods')).toBe(2);
      expect(attr(alarm, 'datapoints_to_alarm')).toBe(2);
      expect(attr(alarm, 'threshold')).toBe(1);
      expect(attr(alarm, 'comparison_operator')).toBe('GreaterThanOrEqualToThreshold');
      expect(attr(alarm, 'treat_missing_data')).toBe('notBreaching');
    });
  });

  describe('GovWinSyncAuditFailures', () => {
    const alarm = alarmOf(SYNC_METRIC.auditFailures);

    it('pages on one audit failure in 5 minutes', () => {
      expect(attr(alarm, 'alarm_name')).toBe(
        `${String(world.root('stack').local('name_prefix'))}-govwin-sync-audit-failures`
      );
      expect(attr(alarm, 'namespace')).toBe(DEFAULT_METRICS_NAMESPACE);
      expect(attr(alarm, 'metric_name')).toBe('GovWinSyncAuditFailures');
      expect(attr(alarm, 'dimensions')).toEqual({ service: 'govwin-poller-worker' });
      expect(attr(alarm, 'statistic')).toBe('Sum');
      expect(attr(alarm, 'period')).toBe(300);
      expect(attr(alarm, 'evaluation_periods')).toBe(1);
      expect(attr(alarm, 'threshold')).toBe(1);
      expect(attr(alarm, 'comparison_operator')).toBe('GreaterThanOrEqualToThreshold');
      expect(attr(alarm, 'treat_missing_data')).toBe('notBreaching');
    });
  });

  describe.each([
    [METRICS.sweepStoppedEarly, 'reconcile-sweep-stopped-early'],
    [SYNC_METRIC.auditFailures, 'govwin-sync-audit-failures'],
  ])('%s alarm', (metric, anchor) => {
    const alarm = alarmOf(metric);

    it('notifies the alerts topic on alarm and on recovery', () => {
      expect(attr(alarm, 'alarm_actions')).toEqual([alertsTopicArn()]);
      expect(attr(alarm, 'ok_actions')).toEqual([alertsTopicArn()]);
    });

    it('points the operator at its runbook section', () => {
      const runbook = readFileSync(join(repoRoot, 'docs/operations.md'), 'utf8');
      expect(String(attr(alarm, 'alarm_description'))).toContain(`docs/operations.md#${anchor}`);
      expect(runbook).toContain(`<a id="${anchor}"></a>`);
    });

    it('is listed in the module output alarm_names', () => {
      const names = materialize(
        world.root('stack').child('monitoring').outputs().get('alarm_names')
      ) as string[];
      expect(names).toContain(attr(alarm, 'alarm_name'));
    });
  });

  describe('the publishing code emits exactly the metric each alarm watches', () => {
    const saved = process.env.POWERTOOLS_METRICS_DISABLED;
    let capture: ReturnType<typeof captureStdout>;
    beforeEach(() => {
      process.env.POWERTOOLS_METRICS_DISABLED = 'false';
      capture = captureStdout();
    });
    afterEach(() => {
      capture.restore();
      if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
      else process.env.POWERTOOLS_METRICS_DISABLED = saved;
    });

    it('reconcile: the runtime its handler builds publishes ReconcileSweepsStoppedEarly', () => {
      // Arrange: the runtime the reconcile handler builds, with the environment Terraform renders.
      const handler = readFileSync(
        join(repoRoot, 'packages/ace-submitter/src/handlers/reconcile.ts'),
        'utf8'
      );
      expect(handler).toMatch(/buildRuntime\(config, process\.env, 'reconcile'\)/);
      const env = { ...environmentOf('ace-submitter-reconcile'), AWS_REGION: 'us-east-1' };
      const runtime = buildRuntime(loadSubmitterConfig(env), env, 'reconcile');
      // Act
      runtime.deps.metrics.count(METRICS.sweepStoppedEarly);
      runtime.flush();
      // Assert
      const published = publishedMetrics(onlyEmf(capture.lines));
      expect(published).toEqual([watched(alarmOf(METRICS.sweepStoppedEarly))]);
    });

    it('GovWin worker: the metrics its handler builds publish GovWinSyncAuditFailures', () => {
      // Arrange: the worker handler's own createMetrics call (its module scope reads the environment
      // and cannot be imported here), adapted as the handler adapts it.
      const handler = readFileSync(
        join(repoRoot, 'packages/govwin-poller/src/handlers/worker.ts'),
        'utf8'
      );
      const calls = [...handler.matchAll(/createMetrics\(\{ serviceName: '([^']+)' \}\)/g)];
      expect(calls).toHaveLength(1);
      expect(handler).toMatch(/makePowertoolsMetrics\(powertoolsMetrics\)/);
      const powertools = createMetrics({
        serviceName: (calls[0] as RegExpMatchArray)[1] as string,
      });
      // Act
      makePowertoolsMetrics(powertools).count(SYNC_METRIC.auditFailures, 2);
      powertools.publishStoredMetrics();
      // Assert
      const published = publishedMetrics(onlyEmf(capture.lines));
      expect(published).toEqual([watched(alarmOf(SYNC_METRIC.auditFailures))]);
    });
  });

  describe('the reconcile alarm period follows reconcile_schedule', () => {
    it.each([
      ['rate(1 hour)', 3600],
      ['rate(12 hours)', 43200],
      ['rate(30 minutes)', 1800],
      ['rate(1 day)', 86400],
    ])('%s gives a period of %i s', (schedule, period) => {
      const { w, errors } = stackWith({ reconcile_schedule: schedule });
      expect(errors).toEqual([]);
      const alarm = alarmOf(METRICS.sweepStoppedEarly, w);
      expect(attr(alarm, 'period')).toBe(period);
      expect(attr(alarm, 'evaluation_periods')).toBe(2);
    });

    it('takes reconcile_alarm_period_seconds for a cron schedule', () => {
      const { w, errors } = stackWith({
        reconcile_schedule: 'cron(0 */4 * * ? *)',
        reconcile_alarm_period_seconds: 14400,
      });
      expect(errors).toEqual([]);
      expect(attr(alarmOf(METRICS.sweepStoppedEarly, w), 'period')).toBe(14400);
    });

    it('refuses a cron schedule without reconcile_alarm_period_seconds', () => {
      // Terraform stops at the failed validation; the evaluator also reports what follows from it.
      const { errors } = stackWith({ reconcile_schedule: 'cron(0 */4 * * ? *)' });
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /stack var\.reconcile_alarm_period_seconds.*must be set when reconcile_schedule is a cron/
          ),
        ])
      );
    });

    it.each([
      [90, 'not a whole number of minutes'],
      [7 * 86400, 'two periods exceed CloudWatch 7-day evaluation limit'],
    ])('refuses a period of %i s (%s)', (seconds) => {
      const { errors } = stackWith({ reconcile_alarm_period_seconds: seconds });
      expect(errors).toEqual([
        expect.stringMatching(/var\.reconcile_interval_seconds.*between 60 and 302400/),
      ]);
    });
  });
});
