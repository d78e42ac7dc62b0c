import { makeAwsClients, makeSecretsStore } from '@govwin-ace/shared-core';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { makeGovWinRuntime } from '../../src/runtime';

// The handlers build one SecretsManagerClient and two stores over it (cached for the credentials,
// uncached for the token cache); this test does the same and mocks that client instance. The poller
// does not depend on the Secrets Manager SDK package itself, so commands are told apart by input.
const CREDENTIALS_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace-dev-govwin-credentials-AbCdEf';
const TOKEN_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace-dev-govwin-token-GhIjKl';
const BASE = 'https://services.govwin.com/neo-ws';
const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);

const awsClientError = (name: string, message: string) =>
  Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

const secretsManager = makeAwsClients({ region: 'us-east-1' }).secretsManager();
const sm = mockClient(secretsManager);

const setup = (tokenSecretAnswer: () => Promise<unknown>) => {
  const puts: { SecretId?: string; SecretString?: string }[] = [];
  sm.callsFake(async (input: { SecretId?: string; SecretString?: string }) => {
    if (input.SecretString !== undefined) {
      puts.push(input);
      return {};
    }
    if (input.SecretId === CREDENTIALS_ARN)
      return {
        SecretString: JSON.stringify({
          client_id: 'cid',
          client_secret: 'csecret',
          username: 'bd@partner.example',
          password: 'pw',
        }),
      };
    if (input.SecretId === TOKEN_ARN) return tokenSecretAnswer();
    throw awsClientError(
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret."
    );
  });
  const grants: string[] = [];
  const fetchFake = (async (url: string | URL | Request, init?: RequestInit) => {
    const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
    if (href !== `${BASE}/oauth/token`) return new Response('{}', { status: 404 });
    grants.push(new URLSearchParams(String(init?.body ?? '')).get('grant_type') ?? '');
    return new Response(
      JSON.stringify({ access_token: 'first', refresh_token: 'r-first', expires_in: 43_200 }),
      { status: 200, headers: { 'content-type': 'application/json' } }
    );
  }) as typeof fetch;
  const runtime = makeGovWinRuntime({
    govwinBaseUrl: BASE,
    credentialsSecret: CREDENTIALS_ARN,
    tokenSecret: TOKEN_ARN,
    syncStateTable: 'govwin-ace-dev-sync-state',
    doc: makeAwsClients({ region: 'us-east-1' }).documentClient(),
    secrets: makeSecretsStore({ client: secretsManager }),
    tokenSecrets: makeSecretsStore({ client: secretsManager, ttlMs: 0 }),
    alert: async () => undefined,
    fetch: fetchFake,
    sleep: async () => undefined,
    now: () => NOW,
    budget: { acquire: async () => undefined },
  });
  return { runtime, puts, grants };
};

describe('makeGovWinRuntime', () => {
  beforeEach(() => {
    sm.reset();
  });

  describe('first run, token secret created by Terraform with no value', () => {
    it('treats the missing AWSCURRENT version as an empty cache, logs in once and stores the token', async () => {
      // Arrange
      const { runtime, puts, grants } = setup(() =>
        Promise.reject(
          awsClientError(
            'ResourceNotFoundException',
            "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
          )
        )
      );
      runtime.auth.beginRun();
      // Act
      const token = await runtime.auth.getAccessToken();
      // Assert
      expect(token).toBe('first');
      expect(grants).toEqual(['password']);
      expect(puts).toEqual([
        {
          SecretId: TOKEN_ARN,
          SecretString: JSON.stringify({
            access_token: 'first',
            refresh_token: 'r-first',
            expires_at: Math.floor(NOW / 1000) + 43_200,
          }),
        },
      ]);
    });
  });

  describe('token secret missing altogether (wrong ARN or deleted)', () => {
    it('fails the run without attempting a password grant', async () => {
      // Arrange
      const { runtime, puts, grants } = setup(() =>
        Promise.reject(
          awsClientError(
            'ResourceNotFoundException',
            "Secrets Manager can't find the specified secret."
          )
        )
      );
      runtime.auth.beginRun();
      // Act & Assert
      await expect(runtime.auth.getAccessToken()).rejects.toMatchObject({
        code: 'SECRET_UNAVAILABLE',
        message:
          "secrets: cannot read secret 'govwin-ace-dev-govwin-token-GhIjKl' (ResourceNotFoundException)",
      });
      expect(grants).toEqual([]);
      expect(puts).toEqual([]);
    });
  });
});
