import { type AuditLog, type AuditRow, GENESIS_HASH, hashAuditRow } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import {
  describeAwsFailure,
  exportAudit,
  parseAuditExportArgs,
  parseInstant,
} from '../../../src/commands/audit-export';

const row = (dealId: string, seq: number, at: string, prevHash: string): AuditRow => {
  const base = {
    dealId,
    seq,
    at,
    actor: 'system:ace-submitter',
    operation: 'partnercentral:UpdateOpportunity',
    ids: { hubspotDealId: dealId },
    fieldNames: ['Project.Title'],
    outcome: 'success' as const,
    prevHash,
  };
  return { ...base, hash: hashAuditRow(base) };
};

const chain = (dealId: string, ats: string[]): AuditRow[] => {
  const rows: AuditRow[] = [];
  for (const [i, at] of ats.entries())
    rows.push(row(dealId, i + 1, at, rows[i - 1]?.hash ?? GENESIS_HASH));
  return rows;
};

/** An in-memory AuditLog over fixed rows (scanRange filters by `at` like the real one). */
const fakeAudit = (rows: AuditRow[]): AuditLog & { listed: string[] } => {
  const listed: string[] = [];
  return {
    listed,
    append: async () => {
      throw new Error('not used');
    },
    listByDeal: async (dealId) => {
      listed.push(String(dealId));
      return rows.filter((r) => r.dealId === String(dealId));
    },
    scanRange: (from, to) =>
      (async function* () {
        // Scan order is arbitrary in DynamoDB: hand rows out reversed.
        for (const r of [...rows].reverse()) if (r.at >= from && r.at < to) yield r;
      })(),
  };
};

describe('parseInstant', () => {
  it.each([
    ['2026-11-01', Date.UTC(2026, 10, 1)],
    ['2026-11-01T10:00:00Z', Date.UTC(2026, 10, 1, 10)],
    ['2026-11-01T10:00Z', Date.UTC(2026, 10, 1, 10)],
    ['2026-11-01T05:00:00.250-05:00', Date.UTC(2026, 10, 1, 10, 0, 0, 250)],
    ['2024-02-29T23:59:59+01:00', Date.UTC(2024, 1, 29, 22, 59, 59)],
  ])('parseInstant(%s) is the instant it names', (value, expected) => {
    // Act & Assert
    expect(parseInstant(value, '--from')).toBe(expected);
  });

  it.each([
    '2026-13-01',
    '2026-02-30',
    '2025-02-29T00:00:00Z',
    '2026-11-01T10:00:00',
    '2026-11-01 10:00:00Z',
    '1 Nov 2026',
    '1730000000',
    '',
  ])('rejects %j with a message that does not echo the value', (value) => {
    // Act & Assert
    expect(() => parseInstant(value, '--to')).toThrow(
      /^--to must be an ISO 8601 date-time with Z or an offset \(2026-11-01T00:00:00Z\) or a date \(2026-11-01\)$/
    );
  });
});

describe('parseAuditExportArgs', () => {
  it('prefers --table over AUDIT_TABLE and normalises the range to ISO UTC', () => {
    // Act
    const req = parseAuditExportArgs(
      ['--from', '2026-11-01', '--to', '2026-11-01T12:00:00+02:00', '--table', 'p-audit'],
      { AUDIT_TABLE: 'env-audit' }
    );
    // Assert
    expect(req).toEqual({
      kind: 'range',
      fromIso: '2026-11-01T00:00:00.000Z',
      toIso: '2026-11-01T10:00:00.000Z',
      table: 'p-audit',
    });
  });

  it('takes the table from AUDIT_TABLE when --table is absent', () => {
    // Act & Assert
    expect(parseAuditExportArgs(['--deal', '42'], { AUDIT_TABLE: 'env-audit' })).toEqual({
      kind: 'deal',
      dealId: '42',
      table: 'env-audit',
    });
  });
});

describe('exportAudit', () => {
  it('orders a range by time, deal and seq, and verifies every exported deal from seq 1', async () => {
    // Arrange
    const rows = [
      ...chain('7', ['2026-11-01T08:00:00.000Z', '2026-11-01T10:00:00.000Z']),
      ...chain('5', ['2026-11-01T09:00:00.000Z', '2026-11-01T10:00:00.000Z']),
    ];
    const audit = fakeAudit(rows);
    const out: string[] = [];
    // Act
    const result = await exportAudit(
      audit,
      {
        kind: 'range',
        fromIso: '2026-11-01T09:30:00.000Z',
        toIso: '2026-11-01T11:00:00.000Z',
        table: 't-audit',
      },
      (l) => out.push(l)
    );
    // Assert
    expect(out.map((l) => JSON.parse(l)).map((r) => [r.dealId, r.seq])).toEqual([
      ['5', 2],
      ['7', 2],
    ]);
    expect(audit.listed.sort()).toEqual(['5', '7']);
    expect(result).toEqual({ rows: 2, deals: 2, verdict: { ok: true } });
  });

  it('reports a row whose prevHash was rewritten as the first broken link', async () => {
    // Arrange
    const rows = chain('9', ['2026-11-01T08:00:00.000Z', '2026-11-01T09:00:00.000Z']);
    const forged = { ...(rows[1] as AuditRow), prevHash: 'f'.repeat(64) };
    const audit = fakeAudit([rows[0] as AuditRow, { ...forged, hash: hashAuditRow(forged) }]);
    // Act
    const result = await exportAudit(audit, { kind: 'deal', dealId: '9', table: 't' }, () => {});
    // Assert
    expect(result.verdict).toEqual({
      ok: false,
      brokenAt: { dealId: '9', seq: 2 },
      reason: 'prevHash does not match the previous row',
    });
  });
});

describe('describeAwsFailure', () => {
  it('names the innermost AWS error and status and never its message', () => {
    // Arrange
    const aws = Object.assign(new Error('User jane@example.com is not authorized to Scan'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    const wrapped = new Error('DynamoDB Scan on t failed', { cause: aws });
    // Act
    const text = describeAwsFailure(wrapped);
    // Assert
    expect(text).toBe('AccessDeniedException (HTTP 400)');
  });
});
