import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ConfigError, createLogger, UpstreamError } from '../../../src/index';
import { fakeLambdaContext } from '../../../src/testing/index';

const SECRET = 'CANARY-SECRET-123';
const EMAIL = 'canary.person@example.test';
const PHONE = '+1 202 555 0147';
const NAME = 'Canary Personname';
const CANARIES = [SECRET, EMAIL, PHONE, NAME, '202 555 0147', 'canary.person'];

/** Captures what the logger writes to stdout/stderr, one parsed JSON object per line. */
const captureOutput = () => {
  const lines: string[] = [];
  const grab = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(grab);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(grab);
  return {
    lines,
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
};

const expectNoCanary = (lines: readonly string[]) => {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    for (const canary of CANARIES) expect(line).not.toContain(canary);
  }
};

describe('createLogger', () => {
  let capture: ReturnType<typeof captureOutput>;
  beforeEach(() => {
    capture = captureOutput();
  });
  afterEach(() => capture.restore());

  it('emits one JSON line with the service, level and safe attributes intact', () => {
    // Arrange
    const logger = createLogger({ serviceName: 'govwin-poller', level: 'INFO' });
    // Act
    logger.info('page fetched', { page: 2, count: 100, dealId: '123456' });
    // Assert
    expect(capture.lines).toHaveLength(1);
    const line = JSON.parse(capture.lines[0] as string);
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'page fetched',
      service: 'govwin-poller',
      page: 2,
      count: 100,
      dealId: '123456',
    });
  });

  it('redacts canaries in nested objects, arrays, strings and the message', () => {
    // Arrange
    const logger = createLogger({ serviceName: 'svc', level: 'DEBUG' });
    // Act
    logger.info(`calling ${EMAIL} on ${PHONE} with Bearer ${SECRET}`, {
      request: { headers: { Authorization: `Bearer ${SECRET}` }, query: `token=${SECRET}` },
      deal: { id: '42', properties: { dealname: NAME, description: `call ${PHONE}` } },
      items: [{ password: SECRET }, EMAIL, [`reach me at ${EMAIL}`]],
      contact: { firstname: 'Canary', lastname: 'Personname', email: EMAIL, phone: PHONE },
      note: `client_secret=${SECRET}`,
    });
    logger.debug('debug line', { apiKey: SECRET, customer: { name: NAME } });
    // Assert
    expectNoCanary(capture.lines);
    const first = JSON.parse(capture.lines[0] as string);
    expect(first.deal.id).toBe('42');
    expect(first.deal.properties.dealname).toBe('[REDACTED]');
    expect(first.request.headers.Authorization).toBe('[REDACTED]');
  });

  it('redacts canaries in error objects, their causes and AWS SDK errors', () => {
    // Arrange
    const logger = createLogger({ serviceName: 'svc', level: 'INFO' });
    const aws = Object.assign(new Error(`Customer ${NAME} <${EMAIL}> is invalid`), {
      name: 'ValidationException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-1' },
      Message: `Customer ${NAME} is invalid`,
    });
    const wrapped = new UpstreamError(`submit failed for ${EMAIL} token=${SECRET}`, {
      cause: aws,
    });
    // Act
    logger.error('submit failed', wrapped);
    logger.warn('retrying', { error: aws, attempt: 2 });
    // Assert
    expectNoCanary(capture.lines);
    const line = JSON.parse(capture.lines[0] as string);
    expect(line.error.name).toBe('UpstreamError');
    expect(line.error.code).toBe('UPSTREAM_FAILED');
    expect(line.error.cause.name).toBe('ValidationException');
    expect(line.error.cause.$metadata).toEqual({ httpStatusCode: 400, requestId: 'req-1' });
  });

  it('redacts persistent keys and keeps the Lambda context fields', () => {
    // Arrange
    const logger = createLogger({ serviceName: 'svc', level: 'INFO' });
    logger.appendPersistentKeys({ userEmail: EMAIL, portalId: 99 });
    logger.addContext(fakeLambdaContext());
    // Act
    logger.info('handled');
    // Assert
    expectNoCanary(capture.lines);
    const line = JSON.parse(capture.lines[0] as string);
    expect(line.portalId).toBe(99);
    expect(line.function_request_id).toBe('c0ffee00-0000-4000-8000-000000000001');
  });

  it('keeps redacting in child loggers', () => {
    // Arrange
    const child = createLogger({ serviceName: 'svc', level: 'INFO' }).createChild({
      serviceName: 'child',
    });
    // Act
    child.info('child line', { token: SECRET });
    // Assert
    expectNoCanary(capture.lines);
    expect(JSON.parse(capture.lines[0] as string).service).toBe('child');
  });

  it('writes nothing below the configured level', () => {
    // Arrange
    const logger = createLogger({ serviceName: 'svc', level: 'WARN' });
    // Act
    logger.info('quiet');
    // Assert
    expect(capture.lines).toHaveLength(0);
  });

  it('throws a one-line ConfigError when serviceName is empty', () => {
    // Act & Assert
    expect(() => createLogger({ serviceName: ' ' })).toThrow(ConfigError);
    expect(() => createLogger({ serviceName: '' })).toThrow(
      'createLogger: serviceName must be a non-empty string'
    );
  });
});
