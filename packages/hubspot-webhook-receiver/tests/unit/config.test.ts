import { ConfigError } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { loadReceiverConfig } from '../../src/config';
import { TEST_CONFIG, TEST_ENV } from '../helpers/webhook-request';

describe('loadReceiverConfig', () => {
  it('reads every variable, splits the trigger stages and defaults the catalog to Sandbox', () => {
    const { ACE_CATALOG: _unset, ...env } = TEST_ENV;
    expect(loadReceiverConfig(env)).toEqual({ ...TEST_CONFIG, catalog: 'Sandbox' });
  });

  it('accepts the production catalog only when set explicitly', () => {
    expect(loadReceiverConfig({ ...TEST_ENV, ACE_CATALOG: 'AWS' }).catalog).toBe('AWS');
  });

  it('lists every bad variable in one ConfigError without echoing values', () => {
    // Arrange
    const env = {
      ...TEST_ENV,
      PUBLIC_WEBHOOK_URL: 'http://hooks.example.com/hubspot/webhooks',
      HUBSPOT_APP_ID: 'my-app',
      TRIGGER_STAGE_ID: 'stage one',
      ACE_CATALOG: 'Production',
      SUBMIT_QUEUE_URL: '',
    };
    // Act & Assert
    expect(() => loadReceiverConfig(env)).toThrow(ConfigError);
    let message = '';
    try {
      loadReceiverConfig(env);
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of [
      'PUBLIC_WEBHOOK_URL',
      'HUBSPOT_APP_ID',
      'TRIGGER_STAGE_ID',
      'ACE_CATALOG',
      'SUBMIT_QUEUE_URL',
    ])
      expect(message).toContain(name);
    expect(message).not.toContain('my-app');
    expect(message).not.toContain('stage one');
  });

  it('refuses an empty trigger stage list', () => {
    expect(() => loadReceiverConfig({ ...TEST_ENV, TRIGGER_STAGE_ID: ' , ' })).toThrow(
      /TRIGGER_STAGE_ID/
    );
  });
});
