import { describe, expect, it } from '@jest/globals';
import { loadConfig, requireUpdateQueueUrl } from '../../src/config';
import { VALID_ENV } from '../helpers/env';

describe('loadConfig', () => {
  it('reads a valid environment with safe defaults (Sandbox, Co-Sell, Full, 5 receives)', () => {
    // Act
    const config = loadConfig(VALID_ENV);

    // Assert
    expect(config).toEqual({
      catalog: 'Sandbox',
      tables: {
        entityMappings: 'govwin-ace-dev-entity-mappings',
        syncState: 'govwin-ace-dev-sync-state',
        audit: 'govwin-ace-dev-audit',
      },
      alertsTopicArn: VALID_ENV.ALERTS_TOPIC_ARN,
      hubspotTokenSecretArn: VALID_ENV.HUBSPOT_TOKEN_SECRET_ARN,
      pipelineId: 'default',
      referralStageId: '1001',
      submitStageIds: ['1002', '1003'],
      stageIds: {
        submitted: '2001',
        inReview: '2002',
        approved: '2003',
        actionRequired: '2004',
        closedLost: 'closedlost',
        closedWon: 'closedwon',
      },
      awsAccountId: '111122223333',
      defaultSolutionId: undefined,
      involvementType: 'Co-Sell',
      visibility: 'Full',
      maxReceiveCount: 5,
      hubspotBaseUrl: 'https://api.hubapi.com',
      updateQueueUrl: VALID_ENV.UPDATE_QUEUE_URL,
      eventLeaseSeconds: 90,
    });
  });

  it('reads the event lease and refuses one outside 5..900 seconds', () => {
    expect(loadConfig({ ...VALID_ENV, EVENT_LEASE_SECONDS: '30' }).eventLeaseSeconds).toBe(30);
    expect(() => loadConfig({ ...VALID_ENV, EVENT_LEASE_SECONDS: '3600' })).toThrow(
      'EVENT_LEASE_SECONDS must be an integer 5..900'
    );
  });

  it("reads the events function's on-failure queue (optional) and refuses any other queue", () => {
    const url =
      'https://sqs.us-east-1.amazonaws.com/111122223333/govwin-ace-dev-ace-submitter-events-async-dlq';
    expect(loadConfig(VALID_ENV).eventsFailureQueueUrl).toBeUndefined();
    expect(loadConfig({ ...VALID_ENV, ACE_EVENTS_ASYNC_DLQ_URL: url }).eventsFailureQueueUrl).toBe(
      url
    );
    expect(() =>
      loadConfig({
        ...VALID_ENV,
        ACE_EVENTS_ASYNC_DLQ_URL: url.replace('ace-submitter-events', 'ace-submitter-reconcile'),
      })
    ).toThrow(
      'ACE_EVENTS_ASYNC_DLQ_URL must be the URL of the queue <prefix>-ace-submitter-events-async-dlq'
    );
  });

  it('requires the update queue URL only where the events handler asks for it, and validates it', () => {
    // Arrange
    const { UPDATE_QUEUE_URL: _omitted, ...withoutQueue } = VALID_ENV;

    // Act
    const config = loadConfig(withoutQueue);

    // Assert
    expect(config.updateQueueUrl).toBeUndefined();
    expect(() => requireUpdateQueueUrl(config)).toThrow(
      'ace-submitter: invalid environment: UPDATE_QUEUE_URL is required by the events handler (a queue URL)'
    );
    expect(requireUpdateQueueUrl(loadConfig(VALID_ENV))).toBe(VALID_ENV.UPDATE_QUEUE_URL);
    expect(() => loadConfig({ ...VALID_ENV, UPDATE_QUEUE_URL: 'not a url' })).toThrow(
      /UPDATE_QUEUE_URL/
    );
  });

  it('accepts production and overrides only when they are valid', () => {
    // Act
    const config = loadConfig({
      ...VALID_ENV,
      ACE_CATALOG: 'AWS',
      ACE_SOLUTION_ID: 'S-0001234',
      ACE_INVOLVEMENT_TYPE: 'For Visibility Only',
      ACE_VISIBILITY: 'Limited',
      MAX_RECEIVE_COUNT: '3',
    });

    // Assert
    expect(config).toMatchObject({
      catalog: 'AWS',
      defaultSolutionId: 'S-0001234',
      involvementType: 'For Visibility Only',
      visibility: 'Limited',
      maxReceiveCount: 3,
    });
  });

  it('lists every problem in one line and never echoes values', () => {
    // Arrange
    const env = {
      ...VALID_ENV,
      ACE_CATALOG: 'Production',
      AWS_ACCOUNT_ID_FOR_ACE: 'secret-ish-value',
      ACE_SOLUTION_ID: 'solution-1',
      STAGE_ID_APPROVED: undefined,
      ALERTS_TOPIC_ARN: 'not-an-arn',
    };

    // Act & Assert
    let message = '';
    try {
      loadConfig(env);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^ace-submitter: invalid environment: /);
    for (const name of [
      'ACE_CATALOG',
      'AWS_ACCOUNT_ID_FOR_ACE',
      'ACE_SOLUTION_ID',
      'STAGE_ID_APPROVED',
      'ALERTS_TOPIC_ARN',
    ])
      expect(message).toContain(name);
    expect(message).not.toContain('secret-ish-value');
    expect(message).not.toContain('\n');
  });
});
