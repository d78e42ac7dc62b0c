import { describe, expect, it } from '@jest/globals';
import {
  loadDiscoveryConfig,
  loadOrchestratorConfig,
  loadWorkerConfig,
  parseStageIds,
} from '../../src/config';

const shared = {
  SYNC_STATE_TABLE: 'govwin-ace-prod-sync-state',
  GOVWIN_CREDENTIALS_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace-prod-govwin-credentials-AbCdEf',
  GOVWIN_TOKEN_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace-prod-govwin-token-AbCdEf',
};

describe('loadOrchestratorConfig', () => {
  it('defaults to marked (2.2) discovery, all types, 100 per message, the public GovWin URL', () => {
    const config = loadOrchestratorConfig({
      ...shared,
      GOVWIN_SYNC_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
    });
    expect(config).toMatchObject({
      mode: { kind: 'marked', markedVersion: '2.2' },
      oppType: 'ALL',
      batchSize: 100,
      govwinBaseUrl: 'https://services.govwin.com/neo-ws',
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
    });
  });

  it('lists every bad variable in one error, without echoing values', () => {
    expect(() =>
      loadOrchestratorConfig({
        GOVWIN_BATCH_SIZE: '500',
        GOVWIN_DISCOVERY: 'everything',
        GOVWIN_BASE_URL: 'http://evil.example/secret-token',
      })
    ).toThrow(
      /SYNC_STATE_TABLE is required.*GOVWIN_CREDENTIALS_SECRET_ARN is required.*GOVWIN_TOKEN_SECRET_ARN is required.*GOVWIN_BASE_URL must be https.*GOVWIN_SYNC_QUEUE_URL is required.*GOVWIN_DISCOVERY must be marked, bookmarked, saved-search or search.*GOVWIN_BATCH_SIZE must be an integer 1\.\.100/
    );
  });

  it('requires the saved search id for saved-search discovery', () => {
    expect(() => loadDiscoveryConfig({ GOVWIN_DISCOVERY: 'saved-search' })).toThrow(
      'GOVWIN_SAVED_SEARCH_ID is required when GOVWIN_DISCOVERY=saved-search'
    );
    expect(
      loadDiscoveryConfig({ GOVWIN_DISCOVERY: 'saved-search', GOVWIN_SAVED_SEARCH_ID: '42' }).mode
    ).toEqual({ kind: 'saved-search', savedSearchId: '42' });
  });

  it('reads date-range search with lookback and market', () => {
    expect(
      loadDiscoveryConfig({
        GOVWIN_DISCOVERY: 'search',
        GOVWIN_LOOKBACK_DAYS: '30',
        GOVWIN_MARKET: 'SLED',
      }).mode
    ).toEqual({
      kind: 'search',
      lookbackDays: 30,
      market: 'SLED',
    });
  });
});

describe('loadWorkerConfig', () => {
  it('reads the pipeline label, id and explicit stage ids', () => {
    const config = loadWorkerConfig({
      ...shared,
      AUDIT_TABLE: 'govwin-ace-dev-audit',
      HUBSPOT_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hs',
      PIPELINE_ID: '12345',
      HUBSPOT_STAGE_IDS: '{"closed_won":"999","other":"1000"}',
    });
    expect(config.pipeline).toEqual({
      label: 'GovWin Pipeline',
      pipelineId: '12345',
      stageIds: { closed_won: '999', other: '1000' },
    });
    expect(config.hubspotPer10s).toBe(100);
    expect(config.auditTable).toBe('govwin-ace-dev-audit');
  });

  it.each([
    { name: 'missing', value: undefined },
    { name: 'not a table name', value: 'audit table' },
  ])('refuses an AUDIT_TABLE that is $name (every HubSpot write is audited)', ({ value }) => {
    // Act & Assert
    expect(() =>
      loadWorkerConfig({
        ...shared,
        HUBSPOT_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hs',
        ...(value === undefined ? {} : { AUDIT_TABLE: value }),
      })
    ).toThrow(/AUDIT_TABLE/);
  });
});

describe('parseStageIds', () => {
  it.each([
    { text: 'not json', error: 'HUBSPOT_STAGE_IDS must be a JSON object of stage key -> stage id' },
    { text: '["1"]', error: 'HUBSPOT_STAGE_IDS must be a JSON object of stage key -> stage id' },
    { text: '{"won":"1"}', error: 'unknown stage key' },
    { text: '{"closed_won":"1 2"}', error: 'closed_won must be a stage id' },
  ])('rejects $text', ({ text, error }) => {
    expect(() => parseStageIds(text)).toThrow(error);
  });
});
