import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signV1, signV3 } from '../../../../src/simulators/hubspot/signature-v3';

describe('signV3', () => {
  const input = {
    method: 'post',
    uri: 'https://hooks.example.test/hubspot/webhooks',
    body: '[{"eventId":1}]',
    timestamp: '1750000000000',
    clientSecret: 'secret',
  };

  it('is the base64 HMAC-SHA256 of METHOD + uri + body + timestamp with the client secret', () => {
    // Arrange
    const expected = createHmac('sha256', 'secret')
      .update('POSThttps://hooks.example.test/hubspot/webhooks[{"eventId":1}]1750000000000')
      .digest('base64');
    // Act & Assert
    expect(signV3(input)).toBe(expected);
  });

  it.each([
    { name: 'body', change: { body: '[{"eventId":2}]' } },
    { name: 'uri', change: { uri: 'https://hooks.example.test/other' } },
    { name: 'timestamp', change: { timestamp: '1750000000001' } },
    { name: 'secret', change: { clientSecret: 'secret2' } },
    { name: 'method', change: { method: 'PUT' } },
  ])('changes when the $name changes', ({ change }) => {
    // Act & Assert
    expect(signV3({ ...input, ...change })).not.toBe(signV3(input));
  });
});

describe('signV1', () => {
  it('is the hex SHA-256 of secret + body', () => {
    // Act & Assert
    expect(signV1('s', 'b')).toBe(createHash('sha256').update('sb').digest('hex'));
  });
});
