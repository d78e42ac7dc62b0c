// `govwin-ace audit export` end to end through main(): a real audit table on DynamoDB Local,
// rows appended by the real repository, then tampered with and deleted behind its back.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEntry, keys, makeAuditLog } from '@govwin-ace/shared-core';
import { createTestTables, type TestDynamo } from '@govwin-ace/shared-core/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { main } from '../../../src/main';

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const HOUR = 3_600_000;

const entry = (dealId: string, operation: string, fieldNames: string[]): AuditEntry => ({
  dealId,
  actor: 'system:ace-submitter',
  operation,
  ids: { hubspotDealId: dealId, aceOpportunityId: 'O4242' },
  fieldNames,
  outcome: 'success',
  correlationId: `corr-${dealId}-${operation.split(':')[1]}`,
});

const sink = () => {
  const chunks: string[] = [];
  return { write: (t: string) => void chunks.push(t), text: () => chunks.join('') };
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('govwin-ace audit export (DynamoDB Local)', () => {
  let ddb: TestDynamo;
  let tmp: string;
  let env: Record<string, string>;

  const run = async (...args: string[]): Promise<Run> => {
    const stdout = sink();
    const stderr = sink();
    const code = await main(['audit', 'export', ...args], { stdout, stderr, env });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };
  const lines = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { dealId: string; seq: number; at: string; hash: string });

  beforeAll(async () => {
    ddb = await createTestTables();
    tmp = mkdtempSync(join(tmpdir(), 'govwin-ace-audit-'));
    env = {
      AUDIT_TABLE: ddb.tables.audit,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
    };
    let now = T0;
    const audit = makeAuditLog({ doc: ddb.doc, tableName: ddb.tables.audit, now: () => now });
    // Deal 42: three writes an hour apart; deal 77: two writes in between; deal 90: one write.
    await audit.append(entry('42', 'partnercentral:CreateOpportunity', ['Project.Title']));
    now += HOUR / 2;
    await audit.append(entry('77', 'partnercentral:CreateOpportunity', ['Project.Title']));
    now += HOUR / 2;
    await audit.append(entry('42', 'partnercentral:AssociateOpportunity', ['RelatedEntityId']));
    now += HOUR / 2;
    await audit.append(entry('77', 'hubspot:UpdateDeal', ['dealstage']));
    now += HOUR / 2;
    await audit.append(
      entry('42', 'partnercentral:StartEngagementFromOpportunityTask', ['ClientToken'])
    );
    now += HOUR;
    await audit.append(entry('90', 'hubspot:UpdateDeal', ['govwin_ace_review_status']));
  }, 60_000);

  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await ddb.cleanup();
  });

  describe('a deal', () => {
    it('writes every row of the deal in seq order as JSON lines and exits 0 when the chain is intact', async () => {
      // Act
      const r = await run('--deal', '42');
      // Assert
      expect(r.code).toBe(0);
      const rows = lines(r.stdout);
      expect(rows.map((x) => [x.dealId, x.seq])).toEqual([
        ['42', 1],
        ['42', 2],
        ['42', 3],
      ]);
      expect(Object.keys(rows[0] ?? {})).toEqual([
        'dealId',
        'seq',
        'at',
        'actor',
        'operation',
        'ids',
        'fieldNames',
        'outcome',
        'correlationId',
        'prevHash',
        'hash',
      ]);
      expect(r.stderr).toBe(
        'govwin-ace audit export: 3 row(s) of 1 deal(s) written; hash chains intact\n'
      );
    });

    it('writes the same lines to a new --out file with mode 600 and refuses to overwrite it', async () => {
      // Arrange
      const out = join(tmp, 'deal-42.jsonl');
      const viaStdout = (await run('--deal', '42')).stdout;
      // Act
      const first = await run('--deal', '42', '--out', out);
      const second = await run('--deal', '42', '--out', out);
      // Assert
      expect(first.code).toBe(0);
      expect(first.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(viaStdout);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(second.code).toBe(2);
      expect(second.stderr.split('\n')[0]).toBe(
        'govwin-ace audit: --out names an existing file; choose a new file name'
      );
    });
  });

  describe('a time range', () => {
    it('writes the rows appended in [from, to) ordered by time and verifies each deal over its whole chain', async () => {
      // Act: 09:45 .. 11:00 holds deal 42 seq 2 (10:00), deal 77 seq 2 (10:30)
      const r = await run('--from', '2026-11-01T09:45:00Z', '--to', '2026-11-01T11:00:00Z');
      // Assert
      expect(r.code).toBe(0);
      expect(lines(r.stdout).map((x) => [x.dealId, x.seq, x.at])).toEqual([
        ['42', 2, '2026-11-01T10:00:00.000Z'],
        ['77', 2, '2026-11-01T10:30:00.000Z'],
      ]);
      expect(r.stderr).toContain('2 row(s) of 2 deal(s) written; hash chains intact');
    });

    it('accepts plain dates (midnight UTC) and offsets', async () => {
      // Act
      const days = await run('--from', '2026-11-01', '--to', '2026-11-02');
      const offset = await run(
        '--from',
        '2026-11-01T04:00:00-05:00',
        '--to',
        '2026-11-01T09:30:00Z'
      );
      // Assert
      expect(lines(days.stdout)).toHaveLength(6);
      expect(lines(offset.stdout).map((x) => [x.dealId, x.seq])).toEqual([['42', 1]]);
    });
  });

  describe('a tampered table', () => {
    it('reports the first broken link and exits 1 when a row was edited, also from a range that starts after it', async () => {
      // Arrange: someone with table access rewrites deal 42 seq 2's field names.
      await ddb.doc.send(
        new UpdateCommand({
          TableName: ddb.tables.audit,
          Key: keys.audit('42', 2),
          UpdateExpression: 'SET fieldNames = :f',
          ExpressionAttributeValues: { ':f': ['RelatedEntityId', 'Customer.Account.CompanyName'] },
        })
      );
      // Act
      const byDeal = await run('--deal', '42');
      const laterRange = await run(
        '--from',
        '2026-11-01T10:50:00Z',
        '--to',
        '2026-11-01T11:30:00Z'
      );
      // Assert
      expect(byDeal.code).toBe(1);
      expect(lines(byDeal.stdout)).toHaveLength(3);
      expect(byDeal.stderr).toBe(
        'govwin-ace audit export: 3 row(s) of 1 deal(s) written; hash chain BROKEN at deal 42 seq 2: hash does not match the row content\n'
      );
      expect(laterRange.code).toBe(1);
      expect(lines(laterRange.stdout).map((x) => [x.dealId, x.seq])).toEqual([['42', 3]]);
      expect(laterRange.stderr).toContain('BROKEN at deal 42 seq 2');
    });

    it('reports a sequence gap and exits 1 when a row was deleted', async () => {
      // Arrange
      await ddb.doc.send(
        new DeleteCommand({ TableName: ddb.tables.audit, Key: keys.audit('77', 1) })
      );
      // Act
      const r = await run('--deal', '77');
      // Assert
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('BROKEN at deal 77 seq 2: chain does not start at seq 1');
    });

    it('still exits 0 for a deal whose chain nobody touched', async () => {
      // Act
      const r = await run('--deal', '90');
      // Assert
      expect(r.code).toBe(0);
      expect(lines(r.stdout).map((x) => x.seq)).toEqual([1]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a non-numeric deal id', ['--deal', '42abc'], '--deal must be a HubSpot deal id'],
      ['a deal id with a leading zero', ['--deal', '042'], '--deal must be a HubSpot deal id'],
      ['an impossible date', ['--from', '2026-02-30', '--to', '2026-03-01'], '--from must be'],
      [
        'a date-time without a zone',
        ['--from', '2026-11-01T00:00:00', '--to', '2026-11-02'],
        '--from must be',
      ],
      [
        'a reversed range',
        ['--from', '2026-11-02', '--to', '2026-11-01'],
        '--from must be before --to',
      ],
      ['half a range', ['--from', '2026-11-01'], 'needs both --from and --to'],
      [
        'both a deal and a range',
        ['--deal', '42', '--from', '2026-11-01', '--to', '2026-11-02'],
        'either --deal or --from/--to',
      ],
      ['nothing to export', [], 'give --deal <id>, or --from <time> and --to <time>'],
      // The message is node:util parseArgs' own ("Unknown option …").
      ['an unknown flag', ['--deal', '42', '--everything'], ''],
      ['a bad table name', ['--deal', '42', '--table', 'a b'], 'audit table name must be'],
    ])('exits 2 with one error line for %s', async (_name, args, message) => {
      // Act
      const r = await run(...args);
      // Assert
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const first = r.stderr.split('\n')[0] ?? '';
      expect(first.startsWith('govwin-ace audit: ')).toBe(true);
      expect(first).toContain(message);
      expect(r.stderr).toContain('Usage: govwin-ace audit export');
    });

    it('exits 2 when no table is configured', async () => {
      // Arrange
      const saved = env;
      env = { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint };
      try {
        // Act
        const r = await run('--deal', '42');
        // Assert
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(
          'govwin-ace audit: no audit table: pass --table <name> or set AUDIT_TABLE'
        );
      } finally {
        env = saved;
      }
    });

    it('exits 3 naming the AWS error (not its message) when the table does not exist', async () => {
      // Act
      const r = await run('--deal', '42', '--table', `${ddb.tables.audit}-missing`);
      // Assert
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        /^govwin-ace audit export: could not read audit table \S+-missing: ResourceNotFoundException \(HTTP 400\)\n$/
      );
    });

    it('exits 2 and writes nothing when the output file already exists', async () => {
      // Arrange
      const out = join(tmp, 'existing.jsonl');
      writeFileSync(out, 'keep me\n');
      // Act
      const r = await run('--deal', '42', '--out', out);
      // Assert
      expect(r.code).toBe(2);
      expect(readFileSync(out, 'utf8')).toBe('keep me\n');
      expect(existsSync(`${out}.tmp`)).toBe(false);
    });
  });

  it('prints the usage for audit --help and lists audit in govwin-ace --help', async () => {
    // Arrange
    const stdout = sink();
    const top = sink();
    // Act
    const code = await main(['audit', '--help'], { stdout, stderr: sink(), env });
    await main(['--help'], { stdout: top, stderr: sink(), env });
    // Assert
    expect(code).toBe(0);
    expect(stdout.text()).toContain(
      'Exit codes: 0 exported, every chain intact; 1 a chain is broken'
    );
    expect(top.text()).toMatch(/\n {2}audit +export the audit rows/);
  });
});
