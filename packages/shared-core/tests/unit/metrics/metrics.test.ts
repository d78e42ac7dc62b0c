import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  ConfigError,
  countMetric,
  createMetrics,
  METRIC,
  type MetricName,
} from '../../../src/index';

/** Captures stdout lines (EMF is one JSON line per flush). */
const captureStdout = () => {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
};

describe('createMetrics', () => {
  const saved = process.env.POWERTOOLS_METRICS_DISABLED;
  let capture: ReturnType<typeof captureStdout>;
  beforeEach(() => {
    capture = captureStdout();
  });
  afterEach(() => {
    capture.restore();
    if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = saved;
  });

  it('emits an EMF line in the GovwinAce namespace with the service dimension when enabled', () => {
    // Arrange
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const metrics = createMetrics({ serviceName: 'hubspot-webhook-receiver' });
    // Act
    countMetric(metrics, METRIC.EventsRouted, 3);
    countMetric(metrics, METRIC.Throttles);
    metrics.publishStoredMetrics();
    // Assert
    expect(capture.lines).toHaveLength(1);
    const emf = JSON.parse(capture.lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'GovwinAce',
        Dimensions: [['service']],
        Metrics: [
          { Name: 'EventsRouted', Unit: 'Count' },
          { Name: 'Throttles', Unit: 'Count' },
        ],
      },
    ]);
    expect(emf).toMatchObject({
      service: 'hubspot-webhook-receiver',
      EventsRouted: 3,
      Throttles: 1,
    });
  });

  it('uses a custom namespace and default dimensions', () => {
    // Arrange
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const metrics = createMetrics({
      namespace: 'GovwinAce/Test',
      serviceName: 'svc',
      defaultDimensions: { environment: 'dev' },
    });
    // Act
    countMetric(metrics, METRIC.DlqMessages);
    metrics.publishStoredMetrics();
    // Assert
    const emf = JSON.parse(capture.lines[0] as string);
    expect(emf._aws.CloudWatchMetrics[0].Namespace).toBe('GovwinAce/Test');
    expect(emf).toMatchObject({ environment: 'dev', DlqMessages: 1 });
  });

  it('writes nothing when POWERTOOLS_METRICS_DISABLED is true', () => {
    // Arrange
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const metrics = createMetrics({ serviceName: 'svc' });
    // Act
    countMetric(metrics, METRIC.EventsDropped, 2);
    metrics.publishStoredMetrics();
    // Assert
    expect(capture.lines.filter((l) => l.includes('_aws'))).toHaveLength(0);
  });

  describe('publishStoredMetrics()', () => {
    let stderr: string[];
    let stderrSpy: { mockRestore: () => void };
    beforeEach(() => {
      stderr = [];
      stderrSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
        stderr.push(String(chunk));
        return true;
      });
    });
    afterEach(() => stderrSpy.mockRestore());

    it('(control) plain Powertools warns on a flush with nothing recorded', () => {
      // Arrange
      process.env.POWERTOOLS_METRICS_DISABLED = 'false';
      const plain = new Metrics({ namespace: 'GovwinAce', serviceName: 'svc' });
      // Act
      plain.publishStoredMetrics();
      // Assert
      expect(stderr.join('')).toContain('No application metrics to publish');
    });

    it.each([
      ['enabled', 'false'],
      ['disabled (local runtime, tests)', 'true'],
    ])(
      'writes nothing and warns nothing when nothing was recorded, metrics %s',
      (_name, disabled) => {
        // Arrange
        process.env.POWERTOOLS_METRICS_DISABLED = disabled;
        const metrics = createMetrics({ serviceName: 'svc' });
        countMetric(metrics, METRIC.EventsInvalid, 0);
        // Act
        metrics.publishStoredMetrics();
        // Assert
        expect(capture.lines).toEqual([]);
        expect(stderr).toEqual([]);
      }
    );

    it("publishes every metric recorded after an empty flush, without the empty invocation's dimensions", () => {
      // Arrange
      process.env.POWERTOOLS_METRICS_DISABLED = 'false';
      const metrics = createMetrics({ serviceName: 'svc' });
      metrics.addDimension('route', 'status');
      metrics.publishStoredMetrics();
      // Act
      countMetric(metrics, METRIC.EventsRouted, 2);
      countMetric(metrics, METRIC.EventsDropped);
      metrics.publishStoredMetrics();
      // Assert
      expect(stderr).toEqual([]);
      expect(capture.lines).toHaveLength(1);
      const emf = JSON.parse(capture.lines[0] as string);
      expect(emf).toMatchObject({ service: 'svc', EventsRouted: 2, EventsDropped: 1 });
      expect(emf).not.toHaveProperty('route');
      expect(emf._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    });

    it('clears what it published, so the next flush of an empty invocation stays silent', () => {
      // Arrange
      process.env.POWERTOOLS_METRICS_DISABLED = 'false';
      const metrics = createMetrics({ serviceName: 'svc' });
      countMetric(metrics, METRIC.Throttles, 4);
      // Act
      metrics.publishStoredMetrics();
      metrics.publishStoredMetrics();
      // Assert
      expect(capture.lines).toHaveLength(1);
      expect(JSON.parse(capture.lines[0] as string)).toMatchObject({ Throttles: 4 });
      expect(stderr).toEqual([]);
    });

    it('still throws on an empty flush when throwOnEmptyMetrics() was asked for', () => {
      // Arrange
      process.env.POWERTOOLS_METRICS_DISABLED = 'false';
      const metrics = createMetrics({ serviceName: 'svc' });
      metrics.throwOnEmptyMetrics();
      // Act & Assert
      expect(() => metrics.publishStoredMetrics()).toThrow();
    });
  });

  it('does not record zero or negative counts', () => {
    // Arrange
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const metrics = createMetrics({ serviceName: 'svc' });
    // Act
    countMetric(metrics, METRIC.EventsInvalid, 0);
    countMetric(metrics, METRIC.EventsInvalid, -1);
    // Assert
    expect(metrics.hasStoredMetrics()).toBe(false);
  });

  it.each([
    ['an empty service name', { serviceName: '' }, 'serviceName must be a non-empty string'],
    [
      'a namespace with bad characters',
      { serviceName: 's', namespace: 'bad$ns' },
      'namespace must be',
    ],
  ])('rejects %s with a one-line ConfigError', (_name, options, message) => {
    expect(() => createMetrics(options)).toThrow(ConfigError);
    expect(() => createMetrics(options)).toThrow(message);
  });

  it('METRIC names are unique PascalCase strings equal to their keys', () => {
    const names: MetricName[] = Object.values(METRIC);
    expect(new Set(names).size).toBe(names.length);
    for (const [key, value] of Object.entries(METRIC)) {
      expect(value).toBe(key);
      expect(value).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });
});
