import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConfigError,
  isSecretNotSet,
  makeAwsClients,
  makeGovWinAuth,
  makeHttpClient,
  makeSecretsStore,
  makeSecretTokenCache,
  SecretNotSetError,
  UpstreamError,
} from '../../../src/index';
import { type FakeRoute, makeFakeFetch } from '../hubspot/fake-fetch';

const TOKEN_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace-dev-govwin-token-AbCdEf';
const LABEL = 'govwin-ace-dev-govwin-token-AbCdEf';
const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);

// The two ResourceNotFoundException messages GetSecretValue answers with: a secret created without
// a value (Terraform's aws_secretsmanager_secret), and a secret that does not exist at all.
const noCurrentVersion = () =>
  new ResourceNotFoundException({
    $metadata: { httpStatusCode: 400 },
    message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
  });
const noSuchSecret = () =>
  new ResourceNotFoundException({
    $metadata: { httpStatusCode: 400 },
    message: "Secrets Manager can't find the specified secret.",
  });

const sm = mockClient(SecretsManagerClient);

const cacheOverMock = () =>
  makeSecretTokenCache(
    makeSecretsStore({
      client: makeAwsClients({ region: 'us-east-1' }).secretsManager(),
      ttlMs: 0,
    }),
    TOKEN_ARN
  );

describe('makeSecretTokenCache', () => {
  beforeEach(() => {
    sm.reset();
  });

  describe('load', () => {
    it('answers undefined (no cached token) when the secret exists but has no AWSCURRENT version', async () => {
      // Arrange
      sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).rejects(noCurrentVersion());
      // Act
      const cached = await cacheOverMock().load();
      // Assert
      expect(cached).toBeUndefined();
      expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: TOKEN_ARN });
    });

    it('answers undefined when GetSecretValue returns neither a string nor a binary value', async () => {
      // Arrange
      sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).resolves({});
      // Act & Assert
      await expect(cacheOverMock().load()).resolves.toBeUndefined();
    });

    it('answers undefined when the stored value is not JSON', async () => {
      sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).resolves({ SecretString: 'not json' });
      await expect(cacheOverMock().load()).resolves.toBeUndefined();
    });

    it('returns the stored tokens, keeping only the fields it knows', async () => {
      // Arrange
      sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).resolves({
        SecretString: JSON.stringify({
          access_token: 'a1',
          refresh_token: 'r1',
          expires_at: 1_750_000_000,
          extra: 'ignored',
        }),
      });
      // Act
      const cached = await cacheOverMock().load();
      // Assert
      expect(cached).toEqual({
        access_token: 'a1',
        refresh_token: 'r1',
        expires_at: 1_750_000_000,
      });
    });

    it('throws a ConfigError (not "empty cache") when the secret itself does not exist', async () => {
      // Arrange
      sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).rejects(noSuchSecret());
      // Act
      const error = (await cacheOverMock()
        .load()
        .catch((e: unknown) => e)) as ConfigError;
      // Assert
      expect(error).toBeInstanceOf(ConfigError);
      expect(isSecretNotSet(error)).toBe(false);
      expect(error.message).toBe(
        `secrets: cannot read secret '${LABEL}' (ResourceNotFoundException)`
      );
    });

    it.each([
      {
        name: 'access denied',
        err: new SecretsManagerServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'not authorized to perform secretsmanager:GetSecretValue',
        }),
        type: ConfigError,
      },
      {
        name: 'a server fault',
        err: new SecretsManagerServiceException({
          name: 'InternalServiceError',
          $fault: 'server',
          $metadata: { httpStatusCode: 500 },
          message: 'oops',
        }),
        type: UpstreamError,
      },
    ])('rethrows $name', async ({ err, type }) => {
      sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).rejects(err);
      await expect(cacheOverMock().load()).rejects.toThrow(type);
    });
  });

  describe('save', () => {
    it('writes the tokens as JSON with PutSecretValue', async () => {
      // Arrange
      sm.on(PutSecretValueCommand).resolves({});
      const tokens = { access_token: 'a2', refresh_token: 'r2', expires_at: 1_750_000_000 };
      // Act
      await cacheOverMock().save(tokens);
      // Assert
      expect(sm).toHaveReceivedCommandWith(PutSecretValueCommand, {
        SecretId: TOKEN_ARN,
        SecretString: JSON.stringify(tokens),
      });
    });
  });

  describe('first run against a secret Terraform created empty', () => {
    it('runs one password grant and stores the first token version', async () => {
      // Arrange
      sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).rejects(noCurrentVersion());
      sm.on(PutSecretValueCommand).resolves({});
      const tokenRoute: FakeRoute = (req) =>
        req.path === '/neo-ws/oauth/token'
          ? {
              status: 200,
              body: { access_token: 'first', refresh_token: 'r-first', expires_in: 43_200 },
            }
          : undefined;
      const fake = makeFakeFetch([tokenRoute]);
      const auth = makeGovWinAuth({
        http: makeHttpClient({
          allowedHosts: ['services.govwin.com'],
          fetch: fake.fetch,
          sleep: async () => undefined,
        }),
        baseUrl: 'https://services.govwin.com/neo-ws',
        loadCredentials: async () => ({
          client_id: 'cid',
          client_secret: 'csecret',
          username: 'bd@partner.example',
          password: 'pw',
        }),
        tokenCache: cacheOverMock(),
        alert: async () => undefined,
        now: () => NOW,
      });
      auth.beginRun();
      // Act
      const token = await auth.getAccessToken();
      // Assert
      expect(token).toBe('first');
      expect(
        fake.requests.map((r) => new URLSearchParams(r.rawBody ?? '').get('grant_type'))
      ).toEqual(['password']);
      expect(sm).toHaveReceivedCommandWith(PutSecretValueCommand, {
        SecretId: TOKEN_ARN,
        SecretString: JSON.stringify({
          access_token: 'first',
          refresh_token: 'r-first',
          expires_at: Math.floor(NOW / 1000) + 43_200,
        }),
      });
    });
  });
});

describe('SecretNotSetError', () => {
  it('is a non-retryable ConfigError with the code of any other unreadable secret', () => {
    const error = new SecretNotSetError('secrets: secret x has no value yet');
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.name).toBe('SecretNotSetError');
    expect(error.code).toBe('SECRET_UNAVAILABLE');
    expect(error.retryable).toBe(false);
    expect(isSecretNotSet(error)).toBe(true);
    expect(isSecretNotSet(new ConfigError('x', { code: 'SECRET_UNAVAILABLE' }))).toBe(false);
  });
});
