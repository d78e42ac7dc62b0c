// scripts/generate-security-pgp.ts against a temporary copy of the repository's .well-known/:
// only the public key lands in the repository, the private key only outside it (or on stdout when
// asked), existing keys are never replaced without --force, and --sign-security-txt signs.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readCleartextMessage, readKey, readPrivateKey, verify } from 'openpgp';
import {
  formatFingerprint,
  PGP_EXIT,
  PUBLIC_KEY_PATH,
  run,
  SECURITY_TXT_PATH,
} from '../../../scripts/generate-security-pgp';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PRIVATE_MARK = /PRIVATE KEY BLOCK/;

const sink = () => {
  const chunks: string[] = [];
  return { write: (t: string) => void chunks.push(t), text: () => chunks.join('') };
};

/** Every file under `dir`, recursively. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]
  );

describe('generate-security-pgp', () => {
  let repo: string;
  let vault: string;
  const ID = ['--name', 'Example Partner security', '--email', 'security@partner.example'];

  const gen = async (args: string[], env: Record<string, string> = {}) => {
    const stdout = sink();
    const stderr = sink();
    const code = await run([...ID, '--repo', repo, ...args], { stdout, stderr, env });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };
  const noPrivateMaterialIn = (dir: string) =>
    filesUnder(dir).filter((f) => PRIVATE_MARK.test(readFileSync(f, 'utf8')));

  beforeEach(() => {
    // A temporary copy of the repository's .well-known/ (security.txt, README, committed key).
    repo = mkdtempSync(join(tmpdir(), 'govwin-ace-pgp-repo-'));
    cpSync(join(ROOT, '.well-known'), join(repo, '.well-known'), { recursive: true });
    vault = mkdtempSync(join(tmpdir(), 'govwin-ace-pgp-vault-'));
  });
  afterEach(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(vault, { recursive: true, force: true });
  });

  it('refuses to replace the existing public key without --force and writes nothing', async () => {
    // Arrange
    const before = readFileSync(join(repo, PUBLIC_KEY_PATH), 'utf8');
    // Act
    const r = await gen(['--private-key-out', join(vault, 'k.asc')]);
    // Assert
    expect(r.code).toBe(PGP_EXIT.usage);
    expect(r.stderr).toBe(
      `generate-security-pgp: ${PUBLIC_KEY_PATH} already exists; pass --force to replace it (publish the new key and update security.txt)\n`
    );
    expect(readFileSync(join(repo, PUBLIC_KEY_PATH), 'utf8')).toBe(before);
    expect(readdirSync(vault)).toEqual([]);
  });

  it('with --force writes the public key into the repository, the private key (mode 600) only outside, and prints the fingerprint', async () => {
    // Arrange
    const out = join(vault, 'security-private.asc');
    // Act
    const r = await gen(['--private-key-out', out, '--force']);
    // Assert
    expect(r.code).toBe(PGP_EXIT.ok);
    expect(r.stdout).toBe('');
    const pub = await readKey({ armoredKey: readFileSync(join(repo, PUBLIC_KEY_PATH), 'utf8') });
    expect(pub.isPrivate()).toBe(false);
    expect(r.stderr).toContain(`fingerprint: ${formatFingerprint(pub.getFingerprint())}`);
    expect(pub.getAlgorithmInfo()).toEqual({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' });
    const priv = await readPrivateKey({ armoredKey: readFileSync(out, 'utf8') });
    expect(priv.getFingerprint()).toBe(pub.getFingerprint());
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(existsSync(`${out}.revocation.asc`)).toBe(true);
    expect(noPrivateMaterialIn(repo)).toEqual([]);
  });

  it('refuses a private-key path inside the repository, also through a symlink, before generating anything', async () => {
    // Arrange
    rmSync(join(repo, PUBLIC_KEY_PATH));
    const link = join(vault, 'looks-outside');
    symlinkSync(join(repo, '.well-known'), link);
    // Act
    const inside = await gen(['--private-key-out', join(repo, 'private.asc')]);
    const viaLink = await gen(['--private-key-out', join(link, 'private.asc')]);
    // Assert
    for (const r of [inside, viaLink]) {
      expect(r.code).toBe(PGP_EXIT.usage);
      expect(r.stderr).toBe(
        'generate-security-pgp: --private-key-out must be outside the repository (the private key never enters it)\n'
      );
    }
    expect(existsSync(join(repo, PUBLIC_KEY_PATH))).toBe(false);
    expect(noPrivateMaterialIn(repo)).toEqual([]);
  });

  it('refuses to overwrite an existing private-key file without --force', async () => {
    // Arrange
    rmSync(join(repo, PUBLIC_KEY_PATH));
    const out = join(vault, 'k.asc');
    await gen(['--private-key-out', out]);
    const first = readFileSync(out, 'utf8');
    rmSync(join(repo, PUBLIC_KEY_PATH));
    // Act
    const r = await gen(['--private-key-out', out]);
    // Assert
    expect(r.code).toBe(PGP_EXIT.usage);
    expect(r.stderr).toContain('--private-key-out names an existing file; pass --force');
    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  it('prints the private key on stdout only when --print-private-key is given', async () => {
    // Act
    const r = await gen(['--print-private-key', '--force']);
    // Assert
    expect(r.code).toBe(PGP_EXIT.ok);
    expect(r.stdout).toMatch(/^-----BEGIN PGP PRIVATE KEY BLOCK-----/);
    expect(r.stderr).not.toMatch(PRIVATE_MARK);
    expect(noPrivateMaterialIn(repo)).toEqual([]);
  });

  it.each([
    ['neither private-key destination', []],
    ['both private-key destinations', ['--print-private-key', '--private-key-out', '/tmp/x.asc']],
    ['a too-short passphrase', ['--print-private-key', '--passphrase-env', 'SHORT']],
    ['an out-of-range lifetime', ['--print-private-key', '--expires-days', '7']],
  ])('exits 2 for %s', async (_name, args) => {
    // Act
    const r = await gen([...args, '--force'], { SHORT: 'abc' });
    // Assert
    expect(r.code).toBe(PGP_EXIT.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('--sign-security-txt re-signs security.txt with a passphrase-protected new key', async () => {
    // Arrange
    const out = join(vault, 'k.asc');
    const env = { PGP_PASS: 'correct horse battery staple' };
    // Act
    const r = await gen(
      ['--private-key-out', out, '--passphrase-env', 'PGP_PASS', '--sign-security-txt', '--force'],
      env
    );
    // Assert
    expect(r.code).toBe(PGP_EXIT.ok);
    const pub = await readKey({ armoredKey: readFileSync(join(repo, PUBLIC_KEY_PATH), 'utf8') });
    const message = await readCleartextMessage({
      cleartextMessage: readFileSync(join(repo, SECURITY_TXT_PATH), 'utf8'),
    });
    const { signatures } = await verify({ message, verificationKeys: pub });
    await expect(signatures[0]?.verified).resolves.toBe(true);
    expect(message.getText()).toContain('Expires: ');
    expect(message.getText()).not.toContain('BEGIN PGP');
    const priv = await readPrivateKey({ armoredKey: readFileSync(out, 'utf8') });
    expect(priv.isDecrypted()).toBe(false);
  });

  it('runs as a script (tsx entry) against a copy of the repository', () => {
    // Arrange
    mkdirSync(join(vault, 'keys'));
    // Act
    const r = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [
        'scripts/generate-security-pgp.ts',
        ...ID,
        '--repo',
        repo,
        '--private-key-out',
        join(vault, 'keys', 'k.asc'),
        '--force',
      ],
      { cwd: ROOT, encoding: 'utf8' }
    );
    // Assert
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^fingerprint: ([0-9A-F]{4} ){9}[0-9A-F]{4}$/m);
    expect(noPrivateMaterialIn(repo)).toEqual([]);
  }, 30_000);
});
