import { describe, expect, it } from '@jest/globals';
import { parseMainArgs } from '../../../src/cli-args';
import { readLiveConfig } from '../../../src/live/live-config';
import { buildLiveEnvironment } from '../../../src/live/live-runtime';
import type { LocalInfrastructure } from '../../../src/runtime/local-environment';

const ENV = {
  GOVWIN_CLIENT_ID: 'a',
  GOVWIN_CLIENT_SECRET: 'b',
  GOVWIN_USERNAME: 'c',
  GOVWIN_PASSWORD: 'd',
  HUBSPOT_ACCESS_TOKEN: 'e',
  HUBSPOT_PORTAL_ID: '24156720',
  AWS_ACCOUNT_ID_FOR_ACE: '123456789012',
};
const INFRA: LocalInfrastructure = {
  catalog: 'Sandbox',
  dynamodbEndpoint: 'http://127.0.0.1:8000',
  awsEndpoint: 'http://127.0.0.1:9000',
  partnerCentralEndpoint: '',
  govwinBaseUrl: 'https://services.govwin.com/neo-ws',
  hubspotBaseUrl: 'https://api.hubapi.com',
  apiUrl: 'http://127.0.0.1',
  tables: {
    syncState: 'live-sync-state',
    entityMappings: 'live-entity-mappings',
    audit: 'live-audit',
  },
  queueUrls: {
    'govwin-sync': 'http://127.0.0.1:9000/1/govwin-sync',
    'ace-submit': 'http://127.0.0.1:9000/1/ace-submit',
    'ace-update': 'http://127.0.0.1:9000/1/ace-update',
  },
  alertsTopicArn: 'arn:aws:sns:us-east-1:123456789012:live-alerts',
  secretArns: {
    'hubspot-signing': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:a',
    'hubspot-token': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:b',
    'govwin-credentials': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:c',
    'govwin-token': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:d',
  },
  hubspot: { appId: '', portalId: '24156720' },
  pipeline: {
    pipelineId: '777',
    stageIds: {
      trigger: '1',
      referral: '2',
      submitted: '3',
      inReview: '4',
      approved: '5',
      actionRequired: '6',
      closedLost: '7',
      closedWon: '8',
    },
  },
};
const configOf = (env: Record<string, string>, flags: string[] = []) =>
  readLiveConfig(parseMainArgs(['--live', ...flags]), env, '/w');

describe('buildLiveEnvironment', () => {
  it('keeps local state local and sends Partner Central to the SDK default with the caller’s credentials', () => {
    const env = buildLiveEnvironment(configOf(ENV), INFRA);
    expect(env).not.toHaveProperty('AWS_ACCESS_KEY_ID');
    expect(env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(env).not.toHaveProperty('AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING');
    expect(env).not.toHaveProperty('PUBLIC_WEBHOOK_URL');
    expect(env).not.toHaveProperty('HUBSPOT_APP_ID');
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9000',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9000',
      GOVWIN_BASE_URL: 'https://services.govwin.com/neo-ws',
      HUBSPOT_BASE_URL: 'https://api.hubapi.com',
      ACE_CATALOG: 'Sandbox',
      AWS_ACCOUNT_ID_FOR_ACE: '123456789012',
      SUBMIT_STAGE_IDS: '1',
      HUBSPOT_PIPELINE_LABEL: 'GovWin Pipeline',
    });
  });

  it('uses a Partner Central override and the production catalog only when configured', () => {
    const env = buildLiveEnvironment(
      configOf({ ...ENV, AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING: 'http://127.0.0.1:7000' }, [
        '--catalog',
        'AWS',
      ]),
      { ...INFRA, catalog: 'AWS', partnerCentralEndpoint: 'http://127.0.0.1:7000' }
    );
    expect(env.AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING).toBe('http://127.0.0.1:7000');
    expect(env.ACE_CATALOG).toBe('AWS');
  });
});
