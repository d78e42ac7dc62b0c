import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { KEY_PREFIX, keys, ValidationError } from '../../../src/index';

describe('keys', () => {
  describe('valid ids', () => {
    it.each([
      {
        name: 'aceSubmission (number)',
        key: () => keys.aceSubmission(42),
        pk: 'DEAL#42',
        sk: 'ACE',
      },
      {
        name: 'aceSubmission (string)',
        key: () => keys.aceSubmission('9007199254740993'),
        pk: 'DEAL#9007199254740993',
        sk: 'ACE',
      },
      {
        name: 'aceOpportunity',
        key: () => keys.aceOpportunity('O1234567'),
        pk: 'ACE#O1234567',
        sk: 'REVERSE',
      },
      {
        name: 'invitation',
        key: () => keys.invitation('engi-0123456789abc'),
        pk: 'INV#engi-0123456789abc',
        sk: 'REVERSE',
      },
      {
        name: 'webhook',
        key: () => keys.webhook('a'.repeat(64)),
        pk: `WHK#${'a'.repeat(64)}`,
        sk: 'SEEN',
      },
      {
        name: 'event',
        key: () => keys.event('5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b'),
        pk: 'EVT#5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b',
        sk: 'SEEN',
      },
      { name: 'opp', key: () => keys.opp('TNS77'), pk: 'OPP#TNS77', sk: 'METADATA' },
      {
        name: 'govEntity',
        key: () => keys.govEntity(17),
        pk: 'GOVENTITY#17',
        sk: 'HUBSPOT_MAPPING',
      },
      { name: 'contact', key: () => keys.contact('99'), pk: 'CONTACT#99', sk: 'HUBSPOT_MAPPING' },
      { name: 'rateLimit', key: () => keys.rateLimit('govwin'), pk: 'RL#govwin', sk: 'BUCKET' },
      { name: 'audit', key: () => keys.audit('7', 3), pk: 'AUDIT#7', sk: 'SEQ#000000000003' },
      { name: 'syncCursor', key: () => keys.syncCursor(), pk: 'SYNC_CURSOR', sk: 'METADATA' },
    ])('keys.$name builds $pk', ({ key, pk, sk }) => {
      // Act
      const built = key();
      // Assert
      expect(built).toEqual({ pk, sk });
    });
  });

  describe('invalid ids', () => {
    it.each([
      { name: 'opp with a path separator', call: () => keys.opp('OPP1/../x') },
      { name: 'opp with an unknown prefix', call: () => keys.opp('XYZ1') },
      { name: 'deal with a leading zero', call: () => keys.aceSubmission('0123') },
      { name: 'deal negative number', call: () => keys.aceSubmission(-4) },
      { name: 'deal as float', call: () => keys.aceSubmission(1.5) },
      { name: 'aceOpportunity lowercase', call: () => keys.aceOpportunity('o123') },
      { name: 'webhook short hash', call: () => keys.webhook('abc') },
      { name: 'event not a uuid', call: () => keys.event('evt-1') },
      { name: 'rateLimit with #', call: () => keys.rateLimit('a#b') },
    ])('rejects $name with a one-line ValidationError', ({ call }) => {
      // Act & Assert
      expect(call).toThrow(ValidationError);
      try {
        call();
      } catch (err) {
        expect((err as Error).message).not.toContain('\n');
        expect((err as Error).message).toMatch(/is invalid: expected/);
      }
    });

    it('never echoes the rejected value in the error message', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 3 }).filter((s) => !/^[1-9][0-9]*$/.test(s) && !/^\s*$/.test(s)),
          (s) => {
            try {
              keys.aceSubmission(s);
              return false;
            } catch (err) {
              return !(err as Error).message.includes(s);
            }
          }
        )
      );
    });

    it.each([
      { name: 'a negative sequence', seq: -1 },
      { name: 'a fractional sequence', seq: 1.5 },
      { name: 'NaN', seq: Number.NaN },
      { name: 'an unsafe integer', seq: 2 ** 53 },
    ])('keys.audit rejects $name with a ValidationError (code INVALID_ID)', ({ seq }) => {
      // Act & Assert
      expect(() => keys.audit('1', seq)).toThrow(ValidationError);
      expect(() => keys.audit('1', seq)).toThrow(
        expect.objectContaining({ code: 'INVALID_ID', retryable: false })
      );
    });
  });

  describe('properties', () => {
    it('every valid HubSpot id round-trips into a DEAL# key', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 1n, max: 10n ** 19n }), (n) => {
          const k = keys.aceSubmission(n.toString());
          return k.pk === `${KEY_PREFIX.deal}${n}` && k.sk === 'ACE';
        })
      );
    });

    it('no key built from arbitrary text contains a second # after the prefix', () => {
      fc.assert(
        fc.property(fc.string(), (s) => {
          for (const build of [
            keys.opp,
            keys.aceOpportunity,
            keys.invitation,
            keys.webhook,
            keys.event,
          ]) {
            try {
              const { pk } = build(s);
              if (pk.indexOf('#') !== pk.lastIndexOf('#')) return false;
            } catch (err) {
              if (!(err instanceof ValidationError)) return false;
            }
          }
          return true;
        })
      );
    });
  });
});
