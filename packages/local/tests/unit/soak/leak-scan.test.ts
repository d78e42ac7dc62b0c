import { describe, expect, it } from '@jest/globals';
import { makeCanarySet, plantedToken, scanSnsMessages } from '../../../src/soak/leak-scan';

const canaries = () => {
  const set = makeCanarySet();
  set.addSecret('sim-hubspot-client-secret-0000');
  set.addEmail('Avery.Example@agency.example.test');
  set.addPhone('202-555-0147');
  set.addName('Avery', 'Example');
  set.addFreeText(
    '<p>The Department of Examples seeks support for <b>cloud records migration</b>.</p>'
  );
  return set;
};

describe('makeCanarySet().scan', () => {
  it.each([
    { name: 'a secret', line: '{"msg":"token sim-hubspot-client-secret-0000"}', kind: 'secret' },
    {
      name: 'an e-mail in another case',
      line: 'to AVERY.EXAMPLE@agency.example.test',
      kind: 'email',
    },
    { name: 'a phone in another format', line: '"phone":"+1 (202) 555-0147"', kind: 'phone' },
    { name: 'a full name', line: '{"contact":"avery example"}', kind: 'name' },
    {
      name: 'four words of a description without its markup',
      line: 'description=support for cloud records migration',
      kind: 'free text',
    },
    { name: 'a planted canary', line: `note ${plantedToken(3, 9)} here`, kind: 'planted' },
  ])('finds $name', ({ line, kind }) => {
    // Act & Assert
    expect(canaries().scan(line)).toContain(kind);
  });

  it('finds nothing in a line of ids, codes and counts', () => {
    // Arrange
    const line =
      '{"level":"INFO","message":"record processed","service":"ace-submitter-submit","dealId":"20000000048","aceOpportunityId":"O1234567","phoneCount":2,"ts":1795435200000}';
    // Act & Assert
    expect(canaries().scan(line)).toEqual([]);
  });

  it('ignores values too short to be distinctive', () => {
    // Arrange
    const set = makeCanarySet();
    set.addSecret('abc');
    set.addPhone('555-01');
    set.addFreeText('ok');
    // Act & Assert
    expect(set.size()).toBe(0);
    expect(set.scan('abc 555-01 ok')).toEqual([]);
  });
});

describe('plantedToken', () => {
  it('gives distinct markers per seed and counter, the same for the same inputs', () => {
    // Act
    const tokens = new Set(
      Array.from({ length: 500 }, (_, n) => plantedToken(1, n)).concat(
        Array.from({ length: 500 }, (_, n) => plantedToken(2, n))
      )
    );
    // Assert
    expect(tokens.size).toBe(1000);
    expect(plantedToken(5, 7)).toBe(plantedToken(5, 7));
    expect(plantedToken(5, 7)).toMatch(/^cnry[0-9a-f]{8}$/);
  });
});

describe('scanSnsMessages', () => {
  it('reports the topic of an alert carrying personal data, without the value', () => {
    // Act
    const leaks = scanSnsMessages(
      [
        { topicArn: 'arn:aws:sns:us-east-1:000000000000:local-alerts', message: 'deal 42 failed' },
        {
          topicArn: 'arn:aws:sns:us-east-1:000000000000:local-alerts',
          subject: 'submit failed',
          message: 'contact avery.example@agency.example.test refused',
        },
      ],
      canaries()
    );
    // Assert
    expect(leaks).toEqual([{ source: 'sns', kinds: ['email', 'name'], where: 'local-alerts' }]);
  });
});
