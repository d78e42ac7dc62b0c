import { describe, expect, it } from '@jest/globals';
import {
  AppError,
  isRetryable,
  NotFoundError,
  shouldRethrowForRetry,
  ThrottledError,
  toBatchResponse,
  toHttpErrorResponse,
  UpstreamError,
  ValidationError,
} from '../../../src/index';

describe('error mapping', () => {
  describe('toHttpErrorResponse', () => {
    it('exposes a client error code, public message and fields with the correlation id', () => {
      // Arrange
      const err = new ValidationError('deal is not eligible', {
        fields: { 'Project.Title': 'is required' },
      });
      // Act
      const res = toHttpErrorResponse(err, 'corr-1');
      // Assert
      expect(res.statusCode).toBe(422);
      expect(res.headers['x-correlation-id']).toBe('corr-1');
      expect(JSON.parse(res.body)).toEqual({
        error: 'VALIDATION_FAILED',
        message: 'deal is not eligible',
        correlationId: 'corr-1',
        fields: { 'Project.Title': 'is required' },
      });
    });

    it('never echoes the message of a server-side error', () => {
      const res = toHttpErrorResponse(
        new UpstreamError('HubSpot said: token pat-na1-secret expired'),
        'c'
      );
      expect(res.statusCode).toBe(502);
      expect(res.body).not.toContain('pat-na1');
      expect(JSON.parse(res.body).error).toBe('INTERNAL_ERROR');
    });

    it('maps an unknown error to a generic 500', () => {
      const res = toHttpErrorResponse(new TypeError('x is undefined at secret place'), 'c');
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('secret place');
    });

    it('generates a correlation id when none is given', () => {
      expect(
        JSON.parse(toHttpErrorResponse(new NotFoundError('no deal')).body).correlationId
      ).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('toBatchResponse', () => {
    it('reports exactly the failed message ids', () => {
      const res = toBatchResponse([
        { messageId: 'a' },
        { messageId: 'b', error: new Error('x') },
        { messageId: 'c' },
      ]);
      expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }] });
    });
  });

  describe('retryability', () => {
    it.each([
      {
        name: 'throttle',
        err: new ThrottledError('slow down', { retryAfterMs: 1000 }),
        retry: true,
      },
      { name: 'upstream', err: new UpstreamError('503'), retry: true },
      { name: 'validation', err: new ValidationError('bad'), retry: false },
      { name: 'not found', err: new NotFoundError('gone'), retry: false },
      { name: 'unknown error', err: new Error('?'), retry: true },
    ])('$name -> retryable=$retry', ({ err, retry }) => {
      expect(isRetryable(err)).toBe(retry);
      expect(shouldRethrowForRetry(err)).toBe(retry);
    });

    it('keeps the cause', () => {
      const cause = new Error('root');
      expect(new AppError('wrapped', { code: 'X', cause }).cause).toBe(cause);
    });
  });
});
