import { describe, expect, it } from '@jest/globals';
import { loadWritesConfig } from '../../src/config';

const ENV = {
  ACE_CATALOG: 'Sandbox',
  ENTITY_MAPPINGS_TABLE: 'govwin-ace-dev-entity-mappings',
  SYNC_STATE_TABLE: 'govwin-ace-dev-sync-state',
  AUDIT_TABLE: 'govwin-ace-dev-audit',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:govwin-ace-dev-alerts',
  HUBSPOT_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:signing-AbCdEf',
  HUBSPOT_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:token-AbCdEf',
  PUBLIC_UI_BASE_URL: 'https://api.example.com/ui-extension',
  HUBSPOT_APP_ID: '1234',
  PIPELINE_ID: 'govwin-pipeline',
  TRIGGER_STAGE_ID: '9001',
  REFERRAL_STAGE_ID: '9100',
  AWS_ACCOUNT_ID_FOR_ACE: '111122223333',
  SUBMIT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/govwin-ace-dev-ace-submit',
};

describe('loadWritesConfig', () => {
  it('reads every variable and defaults the HubSpot API origin', () => {
    expect(loadWritesConfig(ENV)).toMatchObject({
      catalog: 'Sandbox',
      tables: {
        entityMappings: ENV.ENTITY_MAPPINGS_TABLE,
        syncState: ENV.SYNC_STATE_TABLE,
        audit: ENV.AUDIT_TABLE,
      },
      hubspotBaseUrl: 'https://api.hubapi.com',
      triggerStageIds: ['9001'],
      awsAccountId: '111122223333',
      defaultSolutionId: undefined,
      submitQueueUrl: ENV.SUBMIT_QUEUE_URL,
    });
  });

  it('names every bad variable in one error', () => {
    expect(() =>
      loadWritesConfig({
        ...ENV,
        AWS_ACCOUNT_ID_FOR_ACE: '1234',
        ACE_SOLUTION_ID: 'solution',
        AUDIT_TABLE: undefined,
        SUBMIT_QUEUE_URL: 'ace-submit',
      })
    ).toThrow(/AUDIT_TABLE.*AWS_ACCOUNT_ID_FOR_ACE.*ACE_SOLUTION_ID.*SUBMIT_QUEUE_URL/);
  });
});
