import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type AuditRow,
  canonicalJson,
  GENESIS_HASH,
  hashAuditRow,
  verifyChain,
} from '../../../src/index';

/** Builds a valid chain for one deal the same way `append` does. */
const chainOf = (dealId: string, length: number): AuditRow[] => {
  const rows: AuditRow[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const unhashed: Omit<AuditRow, 'hash'> = {
      dealId,
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actor: 'system:ace-submitter',
      operation: 'partnercentral:UpdateOpportunity',
      ids: { aceOpportunityId: `O${seq}` },
      fieldNames: ['Project.Title'],
      outcome: 'success',
      prevHash: rows.at(-1)?.hash ?? GENESIS_HASH,
    };
    rows.push({ ...unhashed, hash: hashAuditRow(unhashed) });
  }
  return rows;
};

describe('canonicalJson', () => {
  it('gives the same text whatever the key order', () => {
    // Arrange
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 };
    // Act & Assert
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('is valid JSON carrying the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      })
    );
  });

  it('does not depend on the insertion order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        return canonicalJson(reversed) === canonicalJson(value);
      })
    );
  });
});

describe('verifyChain', () => {
  describe('intact chains', () => {
    it('accepts a chain of several deals given in any order', () => {
      // Arrange
      const rows = [...chainOf('42', 4), ...chainOf('7', 3)].reverse();
      // Act
      const verdict = verifyChain(rows);
      // Assert
      expect(verdict).toEqual({ ok: true });
    });

    it('accepts an empty list', () => {
      expect(verifyChain([])).toEqual({ ok: true });
    });

    it('accepts a chain that starts after seq 1 only when partial is asked for', () => {
      // Arrange
      const tail = chainOf('42', 5).slice(2);
      // Act & Assert
      expect(verifyChain(tail, { partial: true })).toEqual({ ok: true });
      expect(verifyChain(tail)).toEqual({
        ok: false,
        brokenAt: { dealId: '42', seq: 3 },
        reason: 'chain does not start at seq 1',
      });
    });
  });

  describe('broken chains', () => {
    it('reports a row whose content was changed (hash mismatch)', () => {
      // Arrange
      const rows = chainOf('42', 4);
      rows[1] = { ...(rows[1] as AuditRow), outcome: 'failure' };
      // Act
      const verdict = verifyChain(rows);
      // Assert
      expect(verdict).toEqual({
        ok: false,
        brokenAt: { dealId: '42', seq: 2 },
        reason: 'hash does not match the row content',
      });
    });

    it('reports the next row when a row was changed and re-hashed', () => {
      // Arrange
      const rows = chainOf('42', 4);
      const forged: Omit<AuditRow, 'hash'> = { ...(rows[1] as AuditRow), fieldNames: ['Other'] };
      rows[1] = { ...forged, hash: hashAuditRow(forged) };
      // Act
      const verdict = verifyChain(rows);
      // Assert
      expect(verdict).toEqual({
        ok: false,
        brokenAt: { dealId: '42', seq: 3 },
        reason: 'prevHash does not match the previous row',
      });
    });

    it('reports a deleted row as a sequence gap', () => {
      // Arrange
      const rows = chainOf('42', 4).filter((r) => r.seq !== 3);
      // Act & Assert
      expect(verifyChain(rows)).toEqual({
        ok: false,
        brokenAt: { dealId: '42', seq: 4 },
        reason: 'sequence gap after seq 2',
      });
    });

    it('reports a duplicated sequence number', () => {
      // Arrange
      const rows = chainOf('42', 3);
      rows.push({ ...(rows[2] as AuditRow) });
      // Act & Assert
      expect(verifyChain(rows)).toMatchObject({
        ok: false,
        brokenAt: { dealId: '42', seq: 3 },
        reason: 'duplicate sequence number',
      });
    });

    it('reports a first row that does not link to the genesis hash', () => {
      // Arrange
      const unhashed: Omit<AuditRow, 'hash'> = {
        ...(chainOf('42', 1)[0] as AuditRow),
        prevHash: 'f'.repeat(64),
      };
      // Act & Assert
      expect(verifyChain([{ ...unhashed, hash: hashAuditRow(unhashed) }])).toEqual({
        ok: false,
        brokenAt: { dealId: '42', seq: 1 },
        reason: 'first row does not link to the genesis hash',
      });
    });

    it('reports a row without a usable sequence number', () => {
      // Arrange
      const rows = chainOf('42', 2);
      rows[1] = { ...(rows[1] as AuditRow), seq: Number.NaN };
      // Act & Assert
      expect(verifyChain(rows)).toMatchObject({
        ok: false,
        reason: 'sequence number is not a positive integer',
      });
    });

    it('detects any single-field change of any row', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 4 }),
          fc.constantFrom(
            'actor',
            'operation',
            'at',
            'outcome',
            'correlationId',
            'ids',
            'fieldNames'
          ),
          (index, field) => {
            const rows = chainOf('9', 5);
            const row = rows[index] as AuditRow;
            const changed: Record<string, unknown> = { ...row };
            changed[field] = field === 'ids' ? { x: '1' } : field === 'fieldNames' ? [] : 'changed';
            rows[index] = changed as unknown as AuditRow;
            return verifyChain(rows).ok === false;
          }
        )
      );
    });
  });
});
