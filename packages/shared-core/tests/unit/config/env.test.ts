import { describe, expect, it } from '@jest/globals';
import * as z from 'zod/mini';
import { ConfigError, env, loadEnv } from '../../../src/index';

const schema = z.object({
  ACE_CATALOG: env.catalog(),
  SUBMIT_QUEUE_URL: env.queueUrl(),
  SIGNING_SECRET_ARN: env.arn(),
  MAX_EVENTS: z._default(env.int(1, 100), 100),
  PUBLIC_URL: env.url(),
});

const good = {
  SUBMIT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
  SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x',
  PUBLIC_URL: 'https://api.example.test/hubspot/webhooks',
};

describe('loadEnv', () => {
  it('defaults ACE_CATALOG to Sandbox when unset', () => {
    expect(loadEnv(schema, good).ACE_CATALOG).toBe('Sandbox');
  });

  it('accepts AWS only when set explicitly', () => {
    expect(loadEnv(schema, { ...good, ACE_CATALOG: 'AWS' }).ACE_CATALOG).toBe('AWS');
  });

  it('treats an empty string as unset', () => {
    expect(loadEnv(schema, { ...good, ACE_CATALOG: '' }).ACE_CATALOG).toBe('Sandbox');
  });

  it('parses integers and applies bounds', () => {
    expect(loadEnv(schema, { ...good, MAX_EVENTS: '7' }).MAX_EVENTS).toBe(7);
    expect(() => loadEnv(schema, { ...good, MAX_EVENTS: '700' })).toThrow(
      'MAX_EVENTS must be an integer 1..100'
    );
  });

  it('lists every problem on one line and never echoes values', () => {
    // Arrange
    const bad = {
      ACE_CATALOG: 'production',
      SIGNING_SECRET_ARN: 'super-secret-value',
      PUBLIC_URL: 'http://evil.example/x',
    };
    // Act
    let error: unknown;
    try {
      loadEnv(schema, bad, 'receiver');
    } catch (err) {
      error = err;
    }
    // Assert
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('receiver: invalid environment:');
    expect(message).toContain('ACE_CATALOG must be one of Sandbox, AWS');
    expect(message).toContain('SUBMIT_QUEUE_URL is required');
    expect(message).toContain('SIGNING_SECRET_ARN must be an ARN');
    expect(message).toContain('PUBLIC_URL must be https (http only on loopback)');
    expect(message).not.toContain('super-secret-value');
  });

  it('allows http on loopback for the local runtime', () => {
    expect(
      loadEnv(schema, { ...good, PUBLIC_URL: 'http://127.0.0.1:3000/hubspot/webhooks' }).PUBLIC_URL
    ).toMatch(/^http:/);
  });
});
