import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classifyKey, maskText, REDACTED, redact, redactText } from '../../../src/index';

const SECRET = 'CANARY-SECRET-123';
const EMAIL = 'canary.person@example.test';
const PHONE = '+1 202 555 0147';

describe('classifyKey', () => {
  it.each([
    ['token', 'secret'],
    ['access_token', 'secret'],
    ['refreshToken', 'secret'],
    ['client_secret', 'secret'],
    ['Authorization', 'secret'],
    ['X-Api-Key', 'secret'],
    ['x-hubspot-signature-v3', 'secret'],
    ['password', 'secret'],
    ['Cookie', 'secret'],
    ['name', 'business'],
    ['firstname', 'business'],
    ['contactEmail', 'business'],
    ['phone_number', 'business'],
    ['description', 'business'],
    ['Message', 'business'],
    ['companyName', 'business'],
    ['customer', 'business'],
    ['notes', 'business'],
    ['title', 'business'],
    ['error', 'text'],
    ['secretArn', undefined],
    ['tokenType', undefined],
    ['dealId', undefined],
    ['customerId', undefined],
    ['tableName', undefined],
    ['propertyName', undefined],
    ['reason', undefined],
    ['status', undefined],
  ])('classifyKey(%j) is %j', (key, expected) => {
    expect(classifyKey(key)).toBe(expected);
  });
});

describe('maskText', () => {
  it.each([
    ['a bearer token', `Authorization failed for Bearer ${SECRET}`, SECRET],
    ['a HubSpot private-app token', 'used pat-na1-0f6b2c1e-1111-2222-3333-444455556666', 'pat-na1'],
    ['an AWS access key id', 'key AKIAIOSFODNN7EXAMPLE leaked', 'AKIAIOSFODNN7EXAMPLE'],
    ['a JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig_part-1', 'eyJhbGci'],
    ['a long hex blob', `digest ${'ab12'.repeat(16)}`, 'ab12ab12ab12'],
    ['a base64 blob', 'sig dGhpcyBpcyBhIHNlY3JldCBibG9iIHRoYXQgaXMgbG9uZzEy3Q== end', 'dGhpcyBp'],
    ['an e-mail', `written by ${EMAIL}.`, EMAIL],
    ['a URL-encoded e-mail', 'GET /x?userEmail=canary.person%40example.test', 'canary.person'],
    ['an international phone', `call ${PHONE} today`, '555 0147'],
    ['a NANP phone', 'call (202) 555-0147 today', '555-0147'],
    ['a dollar amount', 'value $1,250,000.00 exceeds', '1,250,000'],
    ['a query-string secret', `https://h/p?hapikey=${SECRET}&a=1`, SECRET],
    ['a JSON secret', `{"client_secret":"${SECRET}","id":1}`, SECRET],
    ['a prose name field', 'customer name: Jane Q Public, stage won', 'Jane Q Public'],
    ['a private key', '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----', 'MIIEv'],
  ])('masks %s', (_name, input, secret) => {
    // Act
    const out = maskText(input);
    // Assert
    expect(out).not.toContain(secret);
  });

  it.each([
    ['an ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:govwin/hubspot-AbC123'],
    ['an ISO timestamp and ids', 'at 2026-11-23T10:00:00.000Z deal 1700000000000 page 2'],
    ['a UUID', 'request c0ffee00-0000-4000-8000-000000000001'],
    ['a package version', 'loaded tsx@4.23.15'],
    ['a URL path', 'POST api.hubapi.com/crm/v3/objects/deals/batch/upsert answered 503'],
  ])('leaves %s readable', (_name, input) => {
    expect(maskText(input)).toBe(input);
  });
});

describe('redact', () => {
  it('replaces secret and personal values, keeps ids and counts, and does not mutate the input', () => {
    // Arrange
    const input = {
      dealId: '123',
      count: 3,
      auth: { token: SECRET },
      contact: { email: EMAIL },
      properties: { dealname: 'Acme rollout', amount: '100', govwin_opp_id: 'OPP12345' },
      tokens: 5,
      ok: true,
    };
    const before = JSON.stringify(input);
    // Act
    const out = redact(input);
    // Assert
    expect(out).toEqual({
      dealId: '123',
      count: 3,
      auth: REDACTED,
      contact: REDACTED,
      properties: { dealname: REDACTED, amount: '100', govwin_opp_id: 'OPP12345' },
      tokens: 5,
      ok: true,
    });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('turns errors into plain objects, masking messages and fully redacting AWS SDK messages', () => {
    // Arrange
    const aws = Object.assign(new Error(`bad customer ${EMAIL}`), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    const err = new Error(`wrapper for ${EMAIL}`, { cause: aws });
    // Act
    const out = redact({ err }) as { err: Record<string, unknown> };
    // Assert
    expect(out.err.name).toBe('Error');
    expect(out.err.message).toBe('wrapper for [EMAIL]');
    expect(out.err.cause).toMatchObject({
      name: 'ValidationException',
      message: REDACTED,
      $metadata: { httpStatusCode: 400 },
    });
    expect(JSON.stringify(out)).not.toContain(EMAIL);
  });

  it('handles circular references, Maps, Sets, Dates, URLs, bigints and binary values', () => {
    // Arrange
    const loop: Record<string, unknown> = { id: 1 };
    loop.self = loop;
    const input = {
      loop,
      map: new Map([['email', EMAIL]]),
      set: new Set([EMAIL]),
      at: new Date(0),
      url: new URL(`https://h.example/p?token=${SECRET}`),
      big: 10n,
      bytes: Buffer.from('abc'),
      fn: () => 1,
    };
    // Act
    const out = redact(input);
    // Assert
    expect(out).toEqual({
      loop: { id: 1, self: '[Circular]' },
      map: { email: REDACTED },
      set: ['[EMAIL]'],
      at: '1970-01-01T00:00:00.000Z',
      url: `https://h.example/p?token=${REDACTED}`,
      big: '10',
      bytes: '[Binary 3 bytes]',
    });
  });

  it('keeps shared (non-circular) references', () => {
    const shared = { id: 7 };
    expect(redact({ a: shared, b: shared })).toEqual({ a: { id: 7 }, b: { id: 7 } });
  });

  it('bounds depth, array length, key count and string length', () => {
    // Arrange
    const deep = { a: { b: { c: { d: 1 } } } };
    const longArray = Array.from({ length: 10 }, (_, i) => i);
    const manyKeys = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]));
    // Act
    const out = redact(
      { deep, longArray, manyKeys, long: 'x'.repeat(50) },
      { maxDepth: 3, maxArrayLength: 4, maxKeys: 4, maxStringLength: 10 }
    );
    // Assert
    expect(out).toEqual({
      deep: { a: { b: { c: '[TRUNCATED]' } } },
      longArray: [0, 1, 2, 3, '[6 more items]'],
      manyKeys: { k0: 0, k1: 1, k2: 2, k3: 3, '[truncated]': '1 more keys' },
      long: `${'x'.repeat(9)}…`,
    });
  });

  it('property: never emits the value of a secret or personal key, however deeply nested', () => {
    const sensitiveKey = fc.constantFrom(
      'token',
      'password',
      'client_secret',
      'email',
      'firstname',
      'description',
      'phone'
    );
    const canary = fc.stringMatching(/^[A-Za-z0-9]{6,20}$/).map((s) => `CANARY${s}`);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.integer(),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), tie('node'), { maxKeys: 4 }),
        fc.array(tie('node'), { maxLength: 4 })
      ),
    })).node;
    fc.assert(
      fc.property(tree, sensitiveKey, canary, fc.nat(5), (base, key, value, depth) => {
        // Arrange: bury { [key]: value } `depth` levels down, next to random data
        let planted: unknown = { [key]: value, sibling: base };
        for (let i = 0; i < depth; i += 1) planted = { level: planted, other: base };
        // Act
        const out = JSON.stringify(redact(planted));
        // Assert
        expect(out).not.toContain(value);
      })
    );
  });
});

describe('redactText', () => {
  it('masks e-mails, phones, tokens and amounts and returns one line', () => {
    // Act
    const out = redactText(
      `Contact ${EMAIL}\nor ${PHONE} about $1,200,000 using Bearer ${SECRET}`,
      200
    );
    // Assert
    expect(out).toBe('Contact [EMAIL] or [PHONE] about [AMOUNT] using Bearer [REDACTED]');
  });

  it('redacts JSON error bodies structurally, keeping codes', () => {
    // Act
    const out = redactText(
      JSON.stringify({
        status: 'error',
        message: 'Jane Public is not a valid owner',
        category: 'VALIDATION_ERROR',
        correlationId: 'aaaa-bbbb',
      })
    );
    // Assert
    expect(out).toBe(
      '{"status":"error","message":"[REDACTED]","category":"VALIDATION_ERROR","correlationId":"aaaa-bbbb"}'
    );
  });

  it('trims to maxLength with an ellipsis', () => {
    const out = redactText('abcdefghij', 5);
    expect(out).toBe('abcd…');
  });

  it('returns an empty string for a zero cap and the default cap for a non-number', () => {
    expect(redactText('abc', 0)).toBe('');
    expect(redactText('x'.repeat(300), Number.NaN)).toHaveLength(200);
  });

  it('handles very long adversarial input, keeping the cap and masking what it keeps', () => {
    // Arrange: long runs of e-mail local-part characters are the classic regex blow-up
    const inputs = [
      `${'a'.repeat(100_000)}@example.test`,
      `${EMAIL} ${'-eyJ'.repeat(20_000)}`,
      `${'x'.repeat(16_380)} ${EMAIL}`,
    ];
    for (const input of inputs) {
      // Act
      const out = redactText(input, 300);
      // Assert
      expect(out.length).toBeLessThanOrEqual(300);
      expect(out).not.toContain(EMAIL);
      expect(out).not.toContain('@example.test');
    }
  });

  it('property: output never exceeds the cap and never contains an e-mail it was given', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.emailAddress(),
        fc.string({ maxLength: 80 }),
        fc.integer({ min: 0, max: 400 }),
        (before, email, after, cap) => {
          // Act
          const out = redactText(`${before} ${email} ${after}`, cap);
          // Assert
          expect(out.length).toBeLessThanOrEqual(cap);
          expect(out).not.toContain(email);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('property: e-mails glued to arbitrary text never survive', () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), fc.string(), (before, email, after) => {
        expect(redactText(`${before}${email}${after}`, 1000)).not.toContain(email);
      }),
      { numRuns: 300 }
    );
  });
});
