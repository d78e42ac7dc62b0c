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
