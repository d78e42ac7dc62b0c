// The scheduled drift report: one SNS summary (ids and codes only) when anything drifted, nothing when
// clean, read-only (no queue or Partner Central write), and a one-line ConfigError naming every bad variable.
import { makeSnsAlerts } from '@govwin-ace/ace-submitter';
import { ConfigError, DEAL_PROP, makeAwsClients } from '@govwin-ace/shared-core';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  type DriftReportConfig,
  loadDriftReportConfig,
  makeScheduledDriftReport,
} from '../../../src/drift/scheduled-report';
import type { OpsRuntime } from '../../../src/ops/ops-runtime';

const NOW = Date.UTC(2026, 10, 23, 6, 0, 0);
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:govwin-ace-dev-alerts';
const ENV: Record<string, string> = {
  ENTITY_MAPPINGS_TABLE: 'govwin-ace-dev-entity-mappings',
  SYNC_STATE_TABLE: 'govwin-ace-dev-sync-state',
  AUDIT_TABLE: 'govwin-ace-dev-audit',
  ALERTS_TOPIC_ARN: TOPIC,
  HUBSPOT_TOKEN_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:111122223333:secret:govwin-ace/hubspot-AbCdEf',
  PIPELINE_ID: 'default',
  REFERRAL_STAGE_ID: '1001',
  SUBMIT_STAGE_IDS: '1002',
  AWS_ACCOUNT_ID_FOR_ACE: '111122223333',
  STAGE_ID_SUBMITTED: '2001',
  STAGE_ID_IN_REVIEW: '2002',
  STAGE_ID_APPROVED: '2003',
  STAGE_ID_ACTION_REQUIRED: '2004',
  STAGE_ID_CLOSED_LOST: 'closedlost',
  STAGE_ID_CLOSED_WON: 'closedwon',
};

/** A runtime whose HubSpot knows the given deals (id -> stage); no mapping rows; ACE never needed. */
const fakeRuntime = (deals: Record<string, string>) => {
  const getOpportunity = jest.fn(async () => {
    throw new Error('not expected');
  });
  const rt = {
    env: { source: {} },
    submissions: () => ({
      listAll: async function* () {
        /* no mapping rows */
      },
    }),
    hubspot: () => ({
      searchDeals: async () => ({
        results: Object.keys(deals).map((id) => ({ id, properties: {} })),
        total: Object.keys(deals).length,
      }),
      batchReadDeals: async (ids: readonly string[]) => ({
        results: ids.map((id) => ({
          id,
          archived: false,
          properties: { [DEAL_PROP.dealStage]: deals[id] ?? null },
        })),
      }),
    }),
    ace: () => ({ getOpportunity }),
  } as unknown as OpsRuntime;
  return { rt, getOpportunity };
};

const harness = (deals: Record<string, string>) => {
  const sns = makeAwsClients({ region: 'us-east-1' }).sns();
  const snsMock = mockClient(sns);
  snsMock.onAnyCommand().resolves({ MessageId: 'm-1' });
  const { rt, getOpportunity } = fakeRuntime(deals);
  const config: DriftReportConfig = loadDriftReportConfig(ENV);
  const run = makeScheduledDriftReport({
    runtime: rt,
    config,
    alerts: makeSnsAlerts({ sns, topicArn: config.submitter.alertsTopicArn }),
    now: () => NOW,
  });
  return { run, snsMock, getOpportunity };
};

afterEach(() => {
  jest.restoreAllMocks();
});

describe('scheduled drift report', () => {
  it('publishes exactly one summary with counts and finding ids when a deal drifted', async () => {
    // Arrange: deal 101 sits in the submit stage with no ACE opportunity (submission-missing).
    const h = harness({ '101': '1002', '102': '2001' });
    // Act
    const result = await h.run();
    // Assert
    expect(result).toEqual({
      findings: 1,
      byKind: { missing: 1, stale: 0, conflict: 0 },
      byCode: { 'submission-missing': 1 },
      unreadable: 0,
      published: true,
      ids: [expect.stringMatching(/^d[0-9a-f]{8}$/)],
    });
    const calls = h.snsMock.calls();
    expect(calls).toHaveLength(1);
    const id = result.ids[0];
    expect(calls[0]?.args[0].input).toEqual({
      TopicArn: TOPIC,
      Subject: 'Drift report: 1 finding(s)',
      Message: [
        '1 finding(s); 0 source(s) or record(s) unreadable.',
        'submission-missing: 1',
        '',
        `${id} submission-missing deal 101`,
        '',
        'Review with: govwin-ace drift; repair with: govwin-ace drift --repair <ids|all>',
      ].join('\n'),
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'drift-report' } },
    });
    expect(h.getOpportunity).not.toHaveBeenCalled();
  });

  it('publishes nothing when nothing drifted', async () => {
    // Arrange: the only deal is outside the submit stages and has no ACE link.
    const h = harness({ '102': '2001' });
    // Act
    const result = await h.run();
    // Assert
    expect(result).toMatchObject({ findings: 0, published: false, ids: [] });
    expect(h.snsMock.calls()).toHaveLength(0);
  });
});

describe('loadDriftReportConfig', () => {
  it('names every bad variable, of both schemas, in one line', () => {
    // Arrange
    const env = {
      ...ENV,
      ALERTS_TOPIC_ARN: 'not-an-arn',
      SUBMIT_STAGE_IDS: undefined,
      DRIFT_REPORT_LIMIT: '0',
    };
    // Act
    const attempt = () => loadDriftReportConfig(env);
    // Assert
    expect(attempt).toThrow(ConfigError);
    let message = '';
    try {
      attempt();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^drift-report: invalid environment: /);
    for (const name of ['ALERTS_TOPIC_ARN', 'SUBMIT_STAGE_IDS', 'DRIFT_REPORT_LIMIT'])
      expect(message).toContain(name);
    expect(message).not.toContain('not-an-arn');
  });

  it('defaults the per-run deal limit', () => {
    expect(loadDriftReportConfig(ENV).limit).toBe(2000);
  });
});

describe('drift-report handler module', () => {
  it('fails at load with the one-line ConfigError when the environment is incomplete', async () => {
    // Arrange
    const saved = process.env.ALERTS_TOPIC_ARN;
    delete process.env.ALERTS_TOPIC_ARN;
    try {
      // Act + Assert
      await expect(import('../../../src/handlers/drift-report')).rejects.toThrow(
        /^drift-report: invalid environment: .*ALERTS_TOPIC_ARN is required/
      );
    } finally {
      if (saved !== undefined) process.env.ALERTS_TOPIC_ARN = saved;
    }
  });
});
