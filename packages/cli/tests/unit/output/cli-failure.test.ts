// describeFailure: one printable line and the documented exit code for anything a command throws.
import {
  AppError,
  ConfigError,
  NotFoundError,
  UpstreamError,
  ValidationError,
} from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../../src/command';
import { CliError, describeFailure, oneLine, withService } from '../../../src/output/cli-failure';
import { EXIT_CODE } from '../../../src/output/exit-codes';

const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('AWS said: customer jane.doe@example.gov is invalid'), {
    name,
    ...extra,
  });

describe('describeFailure', () => {
  it.each([
    {
      name: 'a usage error',
      err: new UsageError('bad flag'),
      exit: EXIT_CODE.usage,
      message: 'bad flag',
    },
    {
      name: 'a CLI error',
      err: new CliError('refused', EXIT_CODE.refused),
      exit: EXIT_CODE.refused,
      message: 'refused',
    },
    {
      name: 'a configuration error',
      err: new ConfigError('config: AUDIT_TABLE is required'),
      exit: EXIT_CODE.config,
      message: 'config: AUDIT_TABLE is required [CONFIG_INVALID]',
    },
    {
      name: 'a not-found error',
      err: new NotFoundError('deal 42 not found'),
      exit: EXIT_CODE.notFound,
      message: 'deal 42 not found [NOT_FOUND]',
    },
    {
      name: 'an invalid id',
      err: new ValidationError('ACE opportunity id is invalid', { code: 'INVALID_ID' }),
      exit: EXIT_CODE.usage,
      message: 'ACE opportunity id is invalid [INVALID_ID]',
    },
    {
      name: 'an upstream failure',
      err: new UpstreamError('GovWin answered 503'),
      exit: EXIT_CODE.unavailable,
      message: 'GovWin answered 503 [UPSTREAM_FAILED]',
    },
    {
      name: 'another error of ours',
      err: new AppError('audit chain broken', { code: 'AUDIT_CHAIN_CORRUPT' }),
      exit: EXIT_CODE.problems,
      message: 'audit chain broken [AUDIT_CHAIN_CORRUPT]',
    },
  ])('maps $name to exit $exit', ({ err, exit, message }) => {
    expect(describeFailure(err)).toMatchObject({ exitCode: exit, message });
  });

  it('finds missing AWS credentials below our own wrapping (exit 4)', () => {
    const err = new UpstreamError('DynamoDB GetItem on t failed (CredentialsProviderError)', {
      code: 'STATE_STORE_FAILED',
      cause: named('CredentialsProviderError'),
    });
    expect(describeFailure(err, 'DynamoDB')).toEqual({
      exitCode: EXIT_CODE.config,
      message:
        'DynamoDB: credentials missing or rejected (CredentialsProviderError): DynamoDB GetItem on t failed (CredentialsProviderError) [STATE_STORE_FAILED]',
      code: 'CREDENTIALS',
    });
  });

  it('treats a rejected token (HTTP 401) as a credentials problem', () => {
    const err = new AppError('HubSpot answered 401', { code: 'HTTP_401' });
    expect(describeFailure(err).exitCode).toBe(EXIT_CODE.config);
  });

  it.each([
    { name: 'a network code', err: named('Error', { code: 'ECONNREFUSED' }), code: 'ECONNREFUSED' },
    {
      name: 'a code the SDK only kept in its wrapper message',
      err: new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:9'),
      code: 'ECONNREFUSED',
    },
    {
      name: "our HTTP client's network error",
      err: new AppError('x', { code: 'HTTP_NETWORK' }),
      code: 'network error',
    },
    { name: 'a timeout', err: named('TimeoutError'), code: 'timeout' },
  ])('names the service and exits 5 for $name', ({ err, code }) => {
    expect(describeFailure(err, 'SQS')).toMatchObject({
      exitCode: EXIT_CODE.unavailable,
      message: `SQS is unreachable (${code})`,
    });
  });

  it('prints only the type of an unexpected error, never its text (it may quote customer data)', () => {
    const f = describeFailure(named('TypeError'));
    expect(f).toEqual({
      exitCode: EXIT_CODE.internal,
      message: 'unexpected TypeError',
      code: 'INTERNAL',
    });
  });

  it('does not print an unsafe error name either', () => {
    expect(describeFailure(named('<script>')).message).toBe('unexpected Error');
  });
});

describe('withService', () => {
  it('labels a failure with the service it talked to', async () => {
    const err = await withService('HubSpot', async () => {
      throw named('Error', { code: 'ENOTFOUND' });
    }).catch((e: unknown) => e);
    expect(describeFailure(err).message).toBe('HubSpot is unreachable (ENOTFOUND)');
  });

  it('passes results through untouched', async () => {
    await expect(withService('SQS', async () => 42)).resolves.toBe(42);
  });
});

describe('oneLine', () => {
  it('flattens whitespace and bounds the length', () => {
    expect(oneLine('a\n  b\tc')).toBe('a b c');
    expect(oneLine('x'.repeat(400))).toHaveLength(300);
  });
});
