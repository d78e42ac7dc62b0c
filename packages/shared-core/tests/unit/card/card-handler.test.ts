import { describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { parseCardBody } from '../../../src/card/card-body';
import { CardMethodNotAllowedError, CardSignatureError } from '../../../src/card/card-errors';
import { makeCardHandler } from '../../../src/card/card-handler';
import type { CardRequest } from '../../../src/card/card-request';
import { ValidationError } from '../../../src/errors/common-errors';

const request: CardRequest<'echo'> = {
  route: 'echo',
  caller: { userId: '7001', portalId: '99' },
  query: {},
  body: { dealId: '42' },
  fingerprint: 'a'.repeat(64),
};

const logger = () => ({ info: jest.fn(), warn: jest.fn(), error: jest.fn() });

describe('makeCardHandler', () => {
  it('answers the route result as JSON with the correlation id and no-store', async () => {
    // Arrange
    const handler = makeCardHandler({
      gate: async () => request,
      handlers: { echo: async (req) => ({ status: 202, body: { got: req.body?.dealId } }) },
      logger: logger(),
      newCorrelationId: () => 'corr-1',
    });
    // Act
    const res = await handler({});
    // Assert
    expect(res.statusCode).toBe(202);
    expect(res.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-correlation-id': 'corr-1',
    });
    expect(JSON.parse(res.body)).toEqual({ got: '42', correlationId: 'corr-1' });
  });

  it('uses the Lambda request id as the correlation id when it is well formed', async () => {
    const handler = makeCardHandler({
      gate: async () => request,
      handlers: { echo: async () => ({ status: 200, body: {} }) },
      logger: logger(),
    });
    const res = await handler({}, { awsRequestId: 'req-123' });
    expect(res.headers['x-correlation-id']).toBe('req-123');
  });

  it('maps a gate rejection to its status with a fixed message and logs the reason, not the input', async () => {
    const log = logger();
    const handler = makeCardHandler({
      gate: async () => {
        throw new CardSignatureError('stale');
      },
      handlers: { echo: async () => ({ status: 200, body: {} }) },
      logger: log,
      newCorrelationId: () => 'corr-2',
    });
    const res = await handler({ body: 'secret-looking body' });
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toEqual({
      error: 'HUBSPOT_SIGNATURE_INVALID',
      message: 'invalid signature',
      correlationId: 'corr-2',
    });
    expect(log.warn).toHaveBeenCalledWith(
      'card request rejected',
      expect.objectContaining({ reason: 'stale', status: 401 })
    );
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain('secret-looking');
  });

  it('adds the Allow header to a 405', async () => {
    const handler = makeCardHandler({
      gate: async () => {
        throw new CardMethodNotAllowedError('POST');
      },
      handlers: { echo: async () => ({ status: 200, body: {} }) },
      logger: logger(),
    });
    const res = await handler({});
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  it('returns per-field reasons for a validation error', async () => {
    const handler = makeCardHandler({
      gate: async () => request,
      handlers: {
        echo: async () => {
          throw new ValidationError('bad', { fields: { amount: 'must be a number' } });
        },
      },
      logger: logger(),
    });
    const res = await handler({});
    expect(res.statusCode).toBe(422);
    expect(JSON.parse(res.body).fields).toEqual({ amount: 'must be a number' });
  });

  it('hides an unexpected error behind a generic 500 and releases the replay reservation', async () => {
    const release = jest.fn(async (_fp: string) => undefined);
    const log = logger();
    const handler = makeCardHandler({
      gate: async () => request,
      handlers: {
        echo: async () => {
          throw new Error('AWS said: customer Jane Doe is invalid');
        },
      },
      replay: { reserve: async () => true, release },
      logger: log,
    });
    const res = await handler({});
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('Jane');
    expect(JSON.parse(res.body).message).toBe('internal error; quote the correlation id');
    expect(release).toHaveBeenCalledWith('a'.repeat(64));
    expect(JSON.stringify(log.error.mock.calls)).not.toContain('Jane');
  });

  it('does not release the reservation for a 4xx', async () => {
    const release = jest.fn(async (_fp: string) => undefined);
    const handler = makeCardHandler({
      gate: async () => request,
      handlers: {
        echo: async () => {
          throw new ValidationError('bad');
        },
      },
      replay: { reserve: async () => true, release },
      logger: logger(),
    });
    await handler({});
    expect(release).not.toHaveBeenCalled();
  });
});

describe('parseCardBody', () => {
  const Schema = z
    .object({
      dealId: z.string().regex(/^[1-9][0-9]*$/),
      amount: z.number().positive().optional(),
      stage: z.enum(['Qualified', 'Committed']).optional(),
      products: z.array(z.string()).max(2).optional(),
    })
    .strict();

  it('returns the parsed body when it is valid', () => {
    expect(parseCardBody(Schema, { dealId: '42', amount: 5 })).toEqual({ dealId: '42', amount: 5 });
  });

  it('names every bad field: wrong type, unknown enum value, too many items and unknown keys', () => {
    // Act
    let caught: unknown;
    try {
      parseCardBody(Schema, {
        dealId: 42,
        amount: 'lots',
        stage: 'Prospect',
        products: ['a', 'b', 'c'],
        action: 'CreateOpportunity',
      });
    } catch (err) {
      caught = err;
    }
    // Assert
    expect(caught).toBeInstanceOf(ValidationError);
    const fields = (caught as ValidationError).fields ?? {};
    expect(fields).toEqual({
      dealId: 'must be a string',
      amount: 'must be a number',
      stage: 'must be one of Qualified | Committed',
      products: 'allows at most 2 items',
      action: 'is not a known field',
    });
    expect((caught as ValidationError).httpStatus).toBe(422);
    expect(JSON.stringify(fields)).not.toContain('Prospect');
  });
});
