// Secret scan of the repository tree (scripts/supply-chain/secret-scan.ts): the real tree must be
// clean, and the scanner must catch secrets planted in a throw-away git repository. Planted values
// are assembled at run time, so this file itself holds no token-shaped literal.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ALLOWLIST_PATH,
  isMarkedFake,
  listRepoFiles,
  scanRepo,
  scanText,
  sha256,
} from '../../../scripts/supply-chain/secret-scan';

const upperAlnum = (n: number): string => {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ234567';
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
};
const hex = (n: number): string =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
const b64 = (bytes: number): string => randomBytes(bytes).toString('base64');

/** Real-looking secrets, freshly random on every run. */
const planted = () => ({
  awsKeyId: `${'AK'}IA${upperAlnum(16)}`,
  awsSecret: b64(30),
  hubspotPat: `pat-na1-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
  privateKey: [
    `-----BEGIN ${'RSA PRIVATE'} KEY-----`,
    b64(48),
    b64(48),
    `-----END ${'RSA PRIVATE'} KEY-----`,
  ].join('\n'),
  github: `gh${'p'}_${b64(40)
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 36)}`,
  generic: `${b64(24).replace(/[^A-Za-z0-9]/g, 'Q')}9!`,
});

const repos: string[] = [];
const makeRepo = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'govwin-ace-secret-scan-'));
  repos.push(dir);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

describe('secret scan', () => {
  afterEach(() => {
    for (const dir of repos.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds no unmarked secret in the repository tree', () => {
    // Act
    const findings = scanRepo();
    // Assert
    expect(listRepoFiles().length).toBeGreaterThan(100);
    expect(findings.map((f) => `${f.path}:${f.line} ${f.rule} ${f.preview}`)).toEqual([]);
  });

  it('catches every planted secret shape in a throw-away repository, at the right line', () => {
    // Arrange
    const s = planted();
    const dir = makeRepo({
      'src/config.ts': [
        '// deploy config',
        `export const key = '${s.awsKeyId}';`,
        `const aws_secret_access_key = "${s.awsSecret}";`,
        `const hubspot = { token: '${s.hubspotPat}' };`,
      ].join('\n'),
      'keys/deploy.pem': s.privateKey,
      'notes.md': `ci token ${s.github}\nclientSecret: "${s.generic}"\n`,
    });
    // Act
    const found = scanRepo(dir).map((f) => `${f.path}:${f.line} ${f.rule}`);
    // Assert
    expect(found.sort()).toEqual(
      [
        'src/config.ts:2 aws-access-key-id',
        'src/config.ts:3 aws-secret-access-key',
        'src/config.ts:4 hubspot-private-app-token',
        'keys/deploy.pem:1 private-key-block',
        'notes.md:1 github-token',
        'notes.md:2 generic-secret-assignment',
      ].sort()
    );
  });

  it('never prints the secret: findings carry a 4-character preview, the length and a SHA-256', () => {
    // Arrange
    const { hubspotPat } = planted();
    // Act
    const [finding] = scanText('a.ts', `const t = '${hubspotPat}';`);
    // Assert
    expect(finding).toEqual({
      path: 'a.ts',
      line: 1,
      rule: 'hubspot-private-app-token',
      valueSha256: sha256(hubspotPat),
      preview: `pat-… (${hubspotPat.length} chars)`,
    });
    expect(JSON.stringify(finding)).not.toContain(hubspotPat.slice(8));
  });

  it('scans new, not yet committed files but not git-ignored ones', () => {
    // Arrange
    const { awsKeyId } = planted();
    const dir = makeRepo({
      '.gitignore': 'local.env\n',
      'local.env': `AWS_ACCESS_KEY_ID=${awsKeyId}\n`,
      'fresh.ts': `export const id = '${awsKeyId}';\n`,
    });
    // Act
    const paths = scanRepo(dir).map((f) => f.path);
    // Assert
    expect(paths).toEqual(['fresh.ts']);
  });

  describe('the fake marker', () => {
    it.each([
      ['FAKE in the value', `AKIA${'FAKE'}${upperAlnum(12)}`],
      ['EXAMPLE in the value (AWS documentation keys)', `AKIA${upperAlnum(9)}EXAMPLE`],
      [
        'a sim- token of the local simulators',
        `pat-sim-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      ],
    ])('accepts a token-shaped value with %s', (_name, value) => {
      // Act & Assert
      expect(isMarkedFake(value)).toBe(true);
      expect(scanText('t.ts', `x = '${value}'`)).toEqual([]);
    });

    it('does not accept "sim" or "test" inside a longer word', () => {
      // Act & Assert
      expect(isMarkedFake('XsimulateQ')).toBe(false);
      expect(isMarkedFake('attestation')).toBe(false);
      expect(isMarkedFake('similar-test_')).toBe(true);
    });

    it('never accepts a private key block by marker, only through the allow-list', () => {
      // Arrange
      const key = `-----BEGIN ${'PRIVATE'} KEY-----\nFAKE${b64(45)}\n-----END ${'PRIVATE'} KEY-----`;
      const dir = makeRepo({ 'tests/fixtures/key.pem': key });
      const [finding] = scanRepo(dir);
      expect(finding?.rule).toBe('private-key-block');
      // Act
      mkdirSync(join(dir, dirname(ALLOWLIST_PATH)), { recursive: true });
      writeFileSync(
        join(dir, ALLOWLIST_PATH),
        JSON.stringify({
          entries: [
            {
              path: 'tests/fixtures/key.pem',
              rule: 'private-key-block',
              valueSha256: finding?.valueSha256,
              reason: 'throw-away key generated for this test only',
            },
          ],
        })
      );
      // Assert
      expect(scanRepo(dir)).toEqual([]);
    });

    it('keeps an allow-list entry from covering the same value in another file', () => {
      // Arrange
      const { awsKeyId } = planted();
      const dir = makeRepo({
        'tests/a.ts': `k = '${awsKeyId}'`,
        'src/b.ts': `k = '${awsKeyId}'`,
        [ALLOWLIST_PATH]: JSON.stringify({
          entries: [
            {
              path: 'tests/a.ts',
              rule: 'aws-access-key-id',
              valueSha256: sha256(awsKeyId),
              reason: 'fixture used by the a-test only',
            },
          ],
        }),
      });
      // Act & Assert
      expect(scanRepo(dir).map((f) => f.path)).toEqual(['src/b.ts']);
    });
  });

  it.each([
    ['an environment reference', `clientSecret: "${'$'}{HUBSPOT_CLIENT_SECRET_VALUE}"`],
    ['a low-entropy word', 'password = "correcthorsebatterystaple"'],
    ['an ARN', 'secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"'],
    ['a redaction placeholder', 'token: "[REDACTED]"'],
    ['a private key header without key material', `'-----BEGIN ${'PRIVATE'} KEY-----\\nMIIE'`],
  ])('does not flag %s', (_name, text) => {
    // Act & Assert
    expect(scanText('x.ts', text)).toEqual([]);
  });
});
