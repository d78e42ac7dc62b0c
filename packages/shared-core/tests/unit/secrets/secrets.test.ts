import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { z } from 'zod';
import {
  ConfigError,
  isSecretNotSet,
  makeAwsClients,
  makeSecretsStore,
  parseRotatingSecret,
  SecretNotSetError,
  secretLabel,
  secretsInOrder,
  UpstreamError,
} from '../../../src/index';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin-ace/dev/hubspot-AbCdEf';
const LABEL = 'govwin-ace/dev/hubspot-AbCdEf';
const VALUE = 'CANARY-SECRET-VALUE-123';

const sm = mockClient(SecretsManagerClient);

/** A store over the mocked client, with a clock the test moves by hand. */
const setup = (ttlMs?: number) => {
  let clock = 1_000_000;
  const store = makeSecretsStore({
    client: makeAwsClients({ region: 'us-east-1' }).secretsManager(),
    ...(ttlMs === undefined ? {} : { ttlMs }),
    now: () => clock,
  });
  return { store, advance: (ms: number) => (clock += ms) };
};

const awsError = (name: string, fault: 'client' | 'server', message: string) =>
  new SecretsManagerServiceException({
    name,
    $fault: fault,
    $metadata: { httpStatusCode: fault === 'server' ? 500 : 400 },
    message,
  });

describe('makeSecretsStore', () => {
  beforeEach(() => {
    sm.reset();
  });

  describe('getString', () => {
    it('reads the secret with GetSecretValue and returns its string', async () => {
      // Arrange
      sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: VALUE });
      const { store } = setup();
      // Act
      const value = await store.getString(ARN);
      // Assert
      expect(value).toBe(VALUE);
      expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
      expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: ARN });
    });

    it('serves from the cache until the TTL expires, then reads again', async () => {
      // Arrange
      sm.on(GetSecretValueCommand)
        .resolvesOnce({ SecretString: 'v1' })
        .resolvesOnce({ SecretString: 'v2' });
      const { store, advance } = setup(300_000);
      // Act
      const first = await store.getString(ARN);
      advance(299_999);
      const cached = await store.getString(ARN);
      advance(1);
      const refreshed = await store.getString(ARN);
      // Assert
      expect([first, cached, refreshed]).toEqual(['v1', 'v1', 'v2']);
      expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    });

    it('shares one call between concurrent first reads', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretString: VALUE });
      const { store } = setup();
      const values = await Promise.all([store.getString(ARN), store.getString(ARN)]);
      expect(values).toEqual([VALUE, VALUE]);
      expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    });

    it('does not cache when ttlMs is 0', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretString: VALUE });
      const { store } = setup(0);
      await store.getString(ARN);
      await store.getString(ARN);
      expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    });

    it('does not cache a failure', async () => {
      // Arrange
      sm.on(GetSecretValueCommand)
        .rejectsOnce(awsError('InternalServiceError', 'server', 'boom'))
        .resolves({ SecretString: VALUE });
      const { store } = setup();
      // Act
      await expect(store.getString(ARN)).rejects.toThrow(UpstreamError);
      const value = await store.getString(ARN);
      // Assert
      expect(value).toBe(VALUE);
    });

    it('clear() forgets cached values', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretString: VALUE });
      const { store } = setup();
      await store.getString(ARN);
      store.clear();
      await store.getString(ARN);
      expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    });
  });

  describe('errors', () => {
    it('maps a missing secret to a non-retryable ConfigError naming only the ARN’s last segment', async () => {
      // Arrange
      sm.on(GetSecretValueCommand).rejects(
        new ResourceNotFoundException({
          $metadata: { httpStatusCode: 400 },
          message: `Secrets Manager can't find the specified secret ${ARN}`,
        })
      );
      const { store } = setup();
      // Act
      const error = (await store.getString(ARN).catch((e: unknown) => e)) as ConfigError;
      // Assert
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.retryable).toBe(false);
      expect(error.code).toBe('SECRET_UNAVAILABLE');
      expect(error.message).toBe(
        `secrets: cannot read secret '${LABEL}' (ResourceNotFoundException)`
      );
    });

    it('maps a secret with no AWSCURRENT version (created empty) to a SecretNotSetError that quotes no AWS text', async () => {
      // Arrange
      sm.on(GetSecretValueCommand).rejects(
        new ResourceNotFoundException({
          $metadata: { httpStatusCode: 400 },
          message:
            "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
        })
      );
      const { store } = setup();
      // Act
      const error = (await store.getString(ARN).catch((e: unknown) => e)) as SecretNotSetError;
      // Assert
      expect(error).toBeInstanceOf(SecretNotSetError);
      expect(isSecretNotSet(error)).toBe(true);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.retryable).toBe(false);
      expect(error.code).toBe('SECRET_UNAVAILABLE');
      expect(error.message).toBe(`secrets: secret '${LABEL}' has no value yet`);
    });

    it('does not cache a never-set answer: the first value stored is read on the next call', async () => {
      // Arrange
      sm.on(GetSecretValueCommand)
        .rejectsOnce(
          new ResourceNotFoundException({
            $metadata: { httpStatusCode: 400 },
            message:
              "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
          })
        )
        .resolves({ SecretString: VALUE });
      const { store } = setup();
      // Act
      await expect(store.getString(ARN)).rejects.toThrow(SecretNotSetError);
      const value = await store.getString(ARN);
      // Assert
      expect(value).toBe(VALUE);
    });

    it.each([
      ['throttling', awsError('ThrottlingException', 'client', 'slow down')],
      ['a server fault', awsError('InternalServiceError', 'server', 'oops')],
      ['a network error', Object.assign(new Error('socket hang up'), { name: 'Error' })],
    ])('maps %s to a retryable UpstreamError', async (_name, err) => {
      sm.on(GetSecretValueCommand).rejects(err);
      const { store } = setup();
      const error = (await store.getString(ARN).catch((e: unknown) => e)) as UpstreamError;
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(`secret '${LABEL}'`);
    });

    it('maps a missing secret to a plain ConfigError, not a SecretNotSetError', async () => {
      sm.on(GetSecretValueCommand).rejects(
        new ResourceNotFoundException({
          $metadata: { httpStatusCode: 400 },
          message: "Secrets Manager can't find the specified secret.",
        })
      );
      const { store } = setup();
      const error = await store.getString(ARN).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(isSecretNotSet(error)).toBe(false);
    });

    it('rejects a secret without a string value', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2]) });
      const { store } = setup();
      await expect(store.getString(ARN)).rejects.toThrow(
        `secrets: secret '${LABEL}' has no string value`
      );
    });

    it.each([
      ['an empty id', ''],
      ['a blank id', '   '],
    ])('rejects %s before calling AWS', async (_name, id) => {
      const { store } = setup();
      await expect(store.getString(id)).rejects.toThrow(
        'secrets: secret id must be a non-empty name or ARN'
      );
      expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 0);
    });
  });

  describe('getJson', () => {
    const schema = z.object({ clientId: z.string(), clientSecret: z.string().min(1) });

    it('parses and validates the JSON value', async () => {
      sm.on(GetSecretValueCommand).resolves({
        SecretString: JSON.stringify({ clientId: 'id-1', clientSecret: VALUE }),
      });
      const { store } = setup();
      await expect(store.getJson(ARN, schema)).resolves.toEqual({
        clientId: 'id-1',
        clientSecret: VALUE,
      });
    });

    it('returns the parsed value without a schema', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretString: '[1,2]' });
      const { store } = setup();
      await expect(store.getJson(ARN)).resolves.toEqual([1, 2]);
    });

    it('rejects a value that is not JSON without quoting it', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretString: `{${VALUE}` });
      const { store } = setup();
      const error = (await store.getJson(ARN).catch((e: unknown) => e)) as ConfigError;
      expect(error.message).toBe(`secrets: secret '${LABEL}' is not valid JSON`);
      expect(error.message).not.toContain(VALUE);
    });

    it('rejects JSON of the wrong shape, naming fields but not values', async () => {
      sm.on(GetSecretValueCommand).resolves({
        SecretString: JSON.stringify({ clientId: 42, clientSecret: '', extra: VALUE }),
      });
      const { store } = setup();
      const error = (await store.getJson(ARN, schema).catch((e: unknown) => e)) as ConfigError;
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(
        `secrets: secret '${LABEL}' has the wrong shape (clientId: invalid_type; clientSecret: too_small)`
      );
      expect(error.message).not.toContain(VALUE);
    });
  });

  describe('put', () => {
    it('writes with PutSecretValue and serves the new value from the cache', async () => {
      // Arrange
      sm.on(GetSecretValueCommand).resolves({ SecretString: 'old' });
      sm.on(PutSecretValueCommand).resolves({});
      const { store } = setup();
      await store.getString(ARN);
      // Act
      await store.put(ARN, { current: 'new', previous: 'old' });
      const after = await store.getString(ARN);
      // Assert
      expect(sm).toHaveReceivedCommandWith(PutSecretValueCommand, {
        SecretId: ARN,
        SecretString: '{"current":"new","previous":"old"}',
      });
      expect(after).toBe('{"current":"new","previous":"old"}');
      expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    });

    it('writes a string as-is', async () => {
      sm.on(PutSecretValueCommand).resolves({});
      const { store } = setup();
      await store.put('govwin-ace/dev/token', 'tok');
      expect(sm).toHaveReceivedCommandWith(PutSecretValueCommand, {
        SecretId: 'govwin-ace/dev/token',
        SecretString: 'tok',
      });
    });

    it('maps a failed write without touching the cache', async () => {
      // Arrange
      sm.on(GetSecretValueCommand).resolves({ SecretString: 'old' });
      sm.on(PutSecretValueCommand).rejects(awsError('AccessDeniedException', 'client', 'no'));
      const { store } = setup();
      await store.getString(ARN);
      // Act
      const error = await store.put(ARN, 'new').catch((e: unknown) => e);
      // Assert
      expect((error as ConfigError).message).toBe(
        `secrets: cannot write secret '${LABEL}' (AccessDeniedException)`
      );
      await expect(store.getString(ARN)).resolves.toBe('old');
    });

    it('refuses an empty value', async () => {
      const { store } = setup();
      await expect(store.put(ARN, '')).rejects.toThrow('refusing to write an empty value');
      expect(sm).toHaveReceivedCommandTimes(PutSecretValueCommand, 0);
    });
  });

  it('rejects a negative ttlMs', () => {
    expect(() => makeSecretsStore({ client: new SecretsManagerClient({}), ttlMs: -1 })).toThrow(
      'makeSecretsStore: ttlMs must be a number >= 0'
    );
  });
});

describe('secretLabel', () => {
  it('keeps the last ARN segment, or the plain name', () => {
    expect(secretLabel(ARN)).toBe(LABEL);
    expect(secretLabel('plain-name')).toBe('plain-name');
  });
});

describe('parseRotatingSecret', () => {
  it.each([
    ['current and previous', '{"current":"s2","previous":"s1"}', { current: 's2', previous: 's1' }],
    ['current only', '{"current":"s2"}', { current: 's2' }],
    ['a null previous', '{"current":"s2","previous":null}', { current: 's2' }],
    ['an empty previous', '{"current":"s2","previous":""}', { current: 's2' }],
    ['an object', { current: 's2', previous: 's1' }, { current: 's2', previous: 's1' }],
  ])('accepts %s', (_name, input, expected) => {
    expect(parseRotatingSecret(input)).toEqual(expected);
  });

  it.each([
    ['not JSON', `${VALUE}`, 'signing secret is not JSON'],
    ['no current', '{"previous":"s1"}', 'current must be a non-empty string'],
    ['an empty current', '{"current":""}', 'current must be a non-empty string'],
    ['a numeric previous', '{"current":"a","previous":5}', 'previous must be a non-empty string'],
    ['a misspelt key', '{"current":"a","previus":"b"}', "unexpected key(s) 'previus'"],
    ['an array', '["a"]', 'the value must be a JSON object'],
  ])(
    'rejects %s with a one-line ConfigError that does not quote the value',
    (_name, input, message) => {
      // Act
      const error = (() => {
        try {
          parseRotatingSecret(input);
        } catch (e) {
          return e;
        }
        return undefined;
      })() as ConfigError;
      // Assert
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(message);
      expect(error.message).not.toContain(VALUE);
      expect(error.message).not.toContain('\n');
    }
  );

  it('secretsInOrder lists current first, then previous', () => {
    expect(secretsInOrder({ current: 'b', previous: 'a' })).toEqual(['b', 'a']);
    expect(secretsInOrder({ current: 'b' })).toEqual(['b']);
  });
});
