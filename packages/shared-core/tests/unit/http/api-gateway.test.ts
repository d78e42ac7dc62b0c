import { describe, expect, it } from '@jest/globals';
import { bodyByteLength, getHeader, getRawBody, ValidationError } from '../../../src/index';

const BODY = '[{"eventId":1,"propertyValue":"Zürich – café"}]';

describe('api-gateway helpers', () => {
  describe('getHeader', () => {
    it('finds a header whatever the case of the stored and requested names', () => {
      // Arrange
      const event = {
        headers: { 'X-HubSpot-Signature-v3': 'sig', 'content-type': 'application/json' },
      };
      // Act & Assert
      expect(getHeader(event, 'x-hubspot-signature-v3')).toBe('sig');
      expect(getHeader(event, 'Content-Type')).toBe('application/json');
    });

    it('returns undefined when the header or the whole header map is missing', () => {
      expect(getHeader({ headers: { a: '1' } }, 'b')).toBeUndefined();
      expect(getHeader({}, 'b')).toBeUndefined();
      expect(getHeader({ headers: null }, 'b')).toBeUndefined();
    });
  });

  describe('getRawBody', () => {
    it('returns a plain body unchanged and a missing body as an empty string', () => {
      expect(getRawBody({ body: BODY })).toBe(BODY);
      expect(getRawBody({})).toBe('');
      expect(getRawBody({ body: null, isBase64Encoded: true })).toBe('');
    });

    it('decodes a base64 body to the exact UTF-8 text that was sent', () => {
      // Arrange
      const event = { body: Buffer.from(BODY, 'utf8').toString('base64'), isBase64Encoded: true };
      // Act & Assert
      expect(getRawBody(event)).toBe(BODY);
    });

    it('rejects a body marked base64 that is not base64 with a one-line 400 error', () => {
      // Arrange
      const event = { body: '{"not":"base64"}', isBase64Encoded: true };
      // Act
      const error = (() => {
        try {
          getRawBody(event);
        } catch (e) {
          return e;
        }
        return undefined;
      })() as ValidationError;
      // Assert
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toBe('request body is marked base64 but is not valid base64');
      expect(error.httpStatus).toBe(400);
      expect(error.code).toBe('BODY_NOT_BASE64');
    });
  });

  describe('bodyByteLength', () => {
    it.each([
      ['a plain UTF-8 body', { body: BODY }],
      [
        'a base64 body without padding',
        { body: Buffer.from('abc').toString('base64'), isBase64Encoded: true },
      ],
      [
        'a base64 body with one = of padding',
        { body: Buffer.from('abcd1').toString('base64'), isBase64Encoded: true },
      ],
      [
        'a base64 body with == padding',
        { body: Buffer.from(BODY).toString('base64'), isBase64Encoded: true },
      ],
      ['an empty body', {}],
    ])('counts the bytes sent for %s', (_name, event) => {
      // Arrange
      const expected = Buffer.byteLength(getRawBody(event), 'utf8');
      // Act & Assert
      expect(bodyByteLength(event)).toBe(expected);
    });

    it('counts multi-byte characters as bytes, not characters', () => {
      expect(bodyByteLength({ body: 'é' })).toBe(2);
    });

    it('rejects an invalid base64 body', () => {
      expect(() => bodyByteLength({ body: 'a=b', isBase64Encoded: true })).toThrow(
        'request body is marked base64 but is not valid base64'
      );
    });
  });
});
