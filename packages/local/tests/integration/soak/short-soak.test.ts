// The short fault soak (issue 10): the whole pipeline on the local runtime, with the default fault rate
// (20% of calls and deliveries: 5xx, throttles, hangs, dropped webhooks and EventBridge events) and one
// invocation in ten crashed mid-way, then the same checks as `pnpm soak`. Small enough for the test
// command; the full 1,000 / 200 run is `pnpm soak` (docs/performance.md).
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { formatSoakReport } from '../../../src/soak/soak-report';
import { runSoak, type SoakReport } from '../../../src/soak/soak-run';

jest.setTimeout(300_000);

describe('short fault soak', () => {
  const logFile = join(tmpdir(), `govwin-ace-short-soak-${process.pid}.log`);
  let report: SoakReport;

  beforeAll(async () => {
    // Arrange & Act
    report = await runSoak(
      {
        opportunities: 30,
        submissions: 4,
        faultRate: 0.2,
        killRate: 0.1,
        seed: 7,
        invitations: 1,
        editShare: 0.5,
        invalidSubmissions: 0,
        timeouts: 'short',
        maxMinutes: 4,
        logFile,
        json: false,
        help: false,
      },
      { progress: () => undefined }
    );
  });

  afterAll(() => rmSync(logFile, { force: true }));

  it('injects the configured faults and crashes', () => {
    // Assert
    const injected = JSON.stringify(report.faults.injected);
    expect(injected).toMatch(/"error":[1-9]/);
    expect(Object.values(report.crashes).some((c) => c.armed > 0)).toBe(true);
    expect(report.activity.submitted).toBeGreaterThan(0);
    expect(report.activity.awsOpportunities).toBeGreaterThan(0);
  });

  it('counts every SNS alert under the kind operators filter on', () => {
    // Assert
    const kinds = report.activity.alertKinds;
    expect(Object.values(kinds).reduce((sum, n) => sum + n, 0)).toBe(report.activity.alerts);
    expect(kinds['(no kind)']).toBeUndefined();
  });

  it('runs every check and finds nothing lost, duplicated, divergent, dead-lettered or leaked', () => {
    // Assert: on failure the message is the whole report, naming each offending record.
    const problems = report.checks.filter((c) => c.status !== 'ok');
    expect(problems.length === 0 ? 'passed' : formatSoakReport(report)).toBe('passed');
    expect(report.passed).toBe(true);
  });

  it('scanned the captured handler output it reports', () => {
    // Assert
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).length;
    expect(report.activity.logLines).toBe(lines);
    expect(report.activity.logLines).toBeGreaterThan(0);
    expect(report.activity.canaries).toBeGreaterThan(0);
  });
});
