import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildSignedUri,
  ConfigError,
  MAX_REQUEST_AGE_MS,
  replayFingerprint,
  type SignedRequestParts,
  signHubSpotV3,
  ValidationError,
  verifyHubSpotV3,
} from '../../../src/index';

const NOW = 1_763_900_000_000;
const CURRENT = 'current-client-secret-0001';
const PREVIOUS = 'previous-client-secret-0000';
const URI = 'https://hooks.example.test/hubspot/webhooks';
const BODY = '[{"eventId":1,"objectId":123,"propertyName":"dealstage","propertyValue":"won"}]';

const aRequest = (overrides: Partial<SignedRequestParts> = {}): SignedRequestParts => ({
  method: 'POST',
  uri: URI,
  body: BODY,
  timestamp: String(NOW - 1_000),
  ...overrides,
});

/** Signs `parts` with `secret` and returns the request as the receiver would see it. */
const signed = (parts: SignedRequestParts, secret = CURRENT) => ({
  ...parts,
  signature: signHubSpotV3(parts, secret),
});

describe('signHubSpotV3', () => {
  it('matches an independently computed base64 HMAC-SHA256 of method+uri+body+timestamp', () => {
    // Arrange
    const req = aRequest();
    const expected = createHmac('sha256', CURRENT)
      .update(`POST${URI}${BODY}${req.timestamp}`)
      .digest('base64');
    // Act & Assert
    expect(signHubSpotV3(req, CURRENT)).toBe(expected);
  });

  it.each([
    ['a lower-case method', { method: 'post' }, 'method must be an upper-case HTTP method'],
    ['a non-numeric timestamp', { timestamp: '12:00' }, 'timestamp must be epoch milliseconds'],
  ])('rejects %s with a one-line ValidationError', (_name, overrides, message) => {
    expect(() => signHubSpotV3(aRequest(overrides), CURRENT)).toThrow(ValidationError);
    expect(() => signHubSpotV3(aRequest(overrides), CURRENT)).toThrow(message);
  });

  it('rejects an empty secret', () => {
    expect(() => signHubSpotV3(aRequest(), '')).toThrow('secret must be a non-empty string');
  });
});

describe('verifyHubSpotV3', () => {
  describe('accepts', () => {
    it('verifyHubSpotV3(request, [current, previous]) accepts a request signed with the current secret', () => {
      expect(verifyHubSpotV3(signed(aRequest()), [CURRENT, PREVIOUS], NOW)).toEqual({
        ok: true,
        secretIndex: 0,
      });
    });

    it('verifyHubSpotV3(request, [current, previous]) accepts a request signed with the previous secret', () => {
      expect(verifyHubSpotV3(signed(aRequest(), PREVIOUS), [CURRENT, PREVIOUS], NOW)).toEqual({
        ok: true,
        secretIndex: 1,
      });
    });

    it('accepts a request that is 250 s old', () => {
      const req = signed(aRequest({ timestamp: String(NOW - 250_000) }));
      expect(verifyHubSpotV3(req, [CURRENT], NOW)).toEqual({ ok: true, secretIndex: 0 });
    });

    it('accepts a request exactly at the 300 s boundary on both sides', () => {
      const old = signed(aRequest({ timestamp: String(NOW - MAX_REQUEST_AGE_MS) }));
      const ahead = signed(aRequest({ timestamp: String(NOW + MAX_REQUEST_AGE_MS) }));
      expect(verifyHubSpotV3(old, [CURRENT], NOW).ok).toBe(true);
      expect(verifyHubSpotV3(ahead, [CURRENT], NOW).ok).toBe(true);
    });

    it('accepts an empty-body GET with a query string', () => {
      const req = signed(aRequest({ method: 'GET', body: '', uri: `${URI}?portalId=1&userId=2` }));
      expect(verifyHubSpotV3(req, [CURRENT], NOW).ok).toBe(true);
    });

    it('accepts a signature HubSpot computed over the URL-decoded URI', () => {
      // Arrange: HubSpot decodes escapes such as %40 and %3A before hashing (external-apis §2.1)
      const called = `${URI}?userEmail=ops%40example.test&t=a%3Ab`;
      const decoded = `${URI}?userEmail=ops@example.test&t=a:b`;
      const signature = signHubSpotV3(aRequest({ uri: decoded }), CURRENT);
      // Act
      const verdict = verifyHubSpotV3({ ...aRequest({ uri: called }), signature }, [CURRENT], NOW);
      // Assert
      expect(verdict).toEqual({ ok: true, secretIndex: 0 });
    });

    it('accepts a signature computed over the URI exactly as called (undecoded)', () => {
      const called = `${URI}?userEmail=ops%40example.test`;
      const req = signed(aRequest({ uri: called }));
      expect(verifyHubSpotV3(req, [CURRENT], NOW).ok).toBe(true);
    });
  });

  describe('rejects', () => {
    it.each([
      ['stale', { timestamp: String(NOW - MAX_REQUEST_AGE_MS - 1) }, 'stale'],
      ['future-dated', { timestamp: String(NOW + MAX_REQUEST_AGE_MS + 1) }, 'future'],
    ] as const)('a %s request', (_name, overrides, reason) => {
      const req = signed(aRequest(overrides));
      expect(verifyHubSpotV3(req, [CURRENT], NOW)).toEqual({ ok: false, reason });
    });

    it.each([
      ['a tampered body', { body: BODY.replace('won', 'lost') }],
      ['a wrong method', { method: 'PUT' }],
      ['a wrong URL', { uri: 'https://hooks.example.test/hubspot/other' }],
      [
        'a different host (e.g. from a forged Host header)',
        { uri: 'https://evil.example/hubspot/webhooks' },
      ],
    ])('%s as a mismatch', (_name, overrides) => {
      // Arrange: signed over the original request, delivered with one part changed
      const { signature } = signed(aRequest());
      // Act
      const verdict = verifyHubSpotV3({ ...aRequest(overrides), signature }, [CURRENT], NOW);
      // Assert
      expect(verdict).toEqual({ ok: false, reason: 'mismatch' });
    });

    it('a request signed with a wrong secret', () => {
      const req = signed(aRequest(), 'some-other-secret');
      expect(verifyHubSpotV3(req, [CURRENT, PREVIOUS], NOW)).toEqual({
        ok: false,
        reason: 'mismatch',
      });
    });

    it.each([
      ['no signature', { signature: '' }, 'missing'],
      ['no timestamp', { timestamp: '' }, 'missing'],
      ['a non-numeric timestamp', { timestamp: 'yesterday' }, 'malformed'],
      ['a decimal timestamp', { timestamp: '1763899999000.5' }, 'malformed'],
      ['a signature that is not base64 SHA-256', { signature: 'abc' }, 'malformed'],
      ['a hex signature', { signature: 'a'.repeat(64) }, 'malformed'],
      ['a lower-case method', { method: 'post' }, 'malformed'],
    ] as const)('%s as %s', (_name, overrides, reason) => {
      const req = { ...signed(aRequest()), ...overrides };
      expect(verifyHubSpotV3(req, [CURRENT], NOW)).toEqual({ ok: false, reason });
    });
  });

  it('refuses the non-canonical spellings of a valid signature (same bytes, other last character)', () => {
    // Arrange: the 43rd character carries two unused bits; setting them keeps the decoded bytes.
    const req = signed(aRequest());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(req.signature.charAt(42));
    const variants = [1, 2, 3].map(
      (bits) => `${req.signature.slice(0, 42)}${alphabet.charAt(last | bits)}=`
    );
    expect(
      variants.map((v) => Buffer.from(v, 'base64').equals(Buffer.from(req.signature, 'base64')))
    ).toEqual([true, true, true]);

    // Act + Assert
    expect(verifyHubSpotV3(req, [CURRENT], NOW)).toEqual(expect.objectContaining({ ok: true }));
    for (const signature of variants)
      expect(verifyHubSpotV3({ ...req, signature }, [CURRENT], NOW)).toEqual({
        ok: false,
        reason: 'malformed',
      });
  });

  it('throws a one-line ConfigError when no secret is configured', () => {
    expect(() => verifyHubSpotV3(signed(aRequest()), [], NOW)).toThrow(ConfigError);
    expect(() => verifyHubSpotV3(signed(aRequest()), [''], NOW)).toThrow(
      'verifyHubSpotV3: no signing secret configured'
    );
  });

  it('property: any single-character change to body, uri, method or timestamp fails verification', () => {
    const printable = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:/?=&{}[]",%'.split('')
    );
    const parts = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      uri: fc
        .stringMatching(/^\/[a-z0-9/_.-]{0,40}(\?[a-z0-9=&]{0,20})?$/)
        .map((p) => `https://hooks.example.test${p}`),
      body: fc.string({ maxLength: 200 }),
      timestamp: fc.integer({ min: NOW - 200_000, max: NOW + 200_000 }).map(String),
    });
    fc.assert(
      fc.property(
        parts,
        fc.constantFrom('method', 'uri', 'body', 'timestamp') as fc.Arbitrary<
          keyof SignedRequestParts
        >,
        fc.nat(),
        printable,
        (req, field, at, replacement) => {
          // Arrange: sign, then change exactly one character of one field
          const signature = signHubSpotV3(req, CURRENT);
          const original = req[field];
          fc.pre(original.length > 0);
          const index = at % original.length;
          fc.pre(original[index] !== replacement);
          const changed = `${original.slice(0, index)}${replacement}${original.slice(index + 1)}`;
          // Act
          const verdict = verifyHubSpotV3({ ...req, [field]: changed, signature }, [CURRENT], NOW);
          // Assert
          expect(verdict.ok).toBe(false);
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe('replayFingerprint', () => {
  it('is the hex SHA-256 of signature|timestamp (known vectors from sha256sum)', () => {
    expect(replayFingerprint('abc', '123')).toBe(
      'e8baccfdfcf3a8bf081acbbe98ae2921c7f54734e6903f57f33d577fe9639033'
    );
    expect(replayFingerprint('sig=', '1700000000000')).toBe(
      'f4348d2d34c7843d6c61e813509d45f3176d1e05becb0b57db31472900aa22d6'
    );
  });

  it('differs when either part differs', () => {
    expect(replayFingerprint('abc', '124')).not.toBe(replayFingerprint('abc', '123'));
    expect(replayFingerprint('abd', '123')).not.toBe(replayFingerprint('abc', '123'));
  });
});

describe('buildSignedUri', () => {
  it.each([
    ['origin + path', ['https://hooks.example.test', '/hubspot/webhooks'], URI],
    ['a trailing slash on the base', ['https://hooks.example.test/', '/hubspot/webhooks'], URI],
    [
      'a base path (API Gateway stage or custom-domain mapping)',
      ['https://abc.execute-api.us-east-1.amazonaws.com/prod', '/ui/deal'],
      'https://abc.execute-api.us-east-1.amazonaws.com/prod/ui/deal',
    ],
    [
      'the raw query string, kept encoded',
      ['https://ui.example.test', '/ui/deal', 'portalId=1&userEmail=a%40b.test'],
      'https://ui.example.test/ui/deal?portalId=1&userEmail=a%40b.test',
    ],
    ['an empty query string', ['https://ui.example.test', '/x', ''], 'https://ui.example.test/x'],
    ['loopback http', ['http://127.0.0.1:8787', '/x'], 'http://127.0.0.1:8787/x'],
  ] as const)('builds the URI from %s', (_name, [base, path, query], expected) => {
    expect(buildSignedUri(base, path, query)).toBe(expected);
  });

  it.each([
    ['a relative base', ['hooks.example.test', '/x'], ConfigError, 'absolute https URL'],
    ['a plain-http public base', ['http://hooks.example.test', '/x'], ConfigError, 'use https'],
    [
      'a base with a query',
      ['https://h.example.test/?a=1', '/x'],
      ConfigError,
      'query or fragment',
    ],
    ['a base with credentials', ['https://u:p@h.example.test', '/x'], ConfigError, 'credentials'],
    ['a path without a slash', ['https://h.example.test', 'x'], ValidationError, 'path must start'],
    [
      'a path with a query',
      ['https://h.example.test', '/x?y=1'],
      ValidationError,
      'path must start',
    ],
    [
      'a query with a fragment',
      ['https://h.example.test', '/x', 'a=1#f'],
      ValidationError,
      'rawQueryString',
    ],
  ] as const)('rejects %s with a one-line error', (_name, [base, path, query], type, message) => {
    expect(() => buildSignedUri(base, path, query)).toThrow(type);
    expect(() => buildSignedUri(base, path, query)).toThrow(message);
  });
});
