import { describe, expect, it } from '@jest/globals';
import { loadReadsConfig } from '../../src/config';

const ENV = {
  ACE_CATALOG: 'Sandbox',
  HUBSPOT_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:signing-AbCdEf',
  ENTITY_MAPPINGS_TABLE: 'govwin-ace-dev-entity-mappings',
  PUBLIC_UI_BASE_URL: 'https://api.example.com/ui-extension',
  HUBSPOT_APP_ID: '1234',
  PIPELINE_ID: '7001',
  TRIGGER_STAGE_ID: '9001, 9002',
  REFERRAL_STAGE_ID: '9100',
};

describe('loadReadsConfig', () => {
  it('reads every variable, splitting the trigger stage list', () => {
    const config = loadReadsConfig(ENV);
    expect(config).toEqual({
      catalog: 'Sandbox',
      signingSecretArn: ENV.HUBSPOT_SIGNING_SECRET_ARN,
      entityMappingsTable: ENV.ENTITY_MAPPINGS_TABLE,
      publicUiBaseUrl: ENV.PUBLIC_UI_BASE_URL,
      appId: '1234',
      pipelineId: '7001',
      triggerStageIds: ['9001', '9002'],
      referralStageId: '9100',
    });
  });

  it('defaults the catalog to Sandbox', () => {
    const { ACE_CATALOG: _omit, ...rest } = ENV;
    expect(loadReadsConfig(rest).catalog).toBe('Sandbox');
  });

  it('names every bad variable in one error without echoing values', () => {
    const bad = {
      ...ENV,
      ACE_CATALOG: 'Production',
      PUBLIC_UI_BASE_URL: 'http://api.example.com',
      HUBSPOT_APP_ID: 'app-secret-value',
      PIPELINE_ID: undefined,
    };
    expect(() => loadReadsConfig(bad)).toThrow(
      /ACE_CATALOG.*PUBLIC_UI_BASE_URL.*HUBSPOT_APP_ID.*PIPELINE_ID/
    );
    expect(() => loadReadsConfig(bad)).not.toThrow(/app-secret-value/);
  });
});
