#!/usr/bin/env node
// Purpose: create the OpenPGP key pair security reports are encrypted to (RFC 9116 `Encryption:`),
//          offline, with openpgp (ECC, Curve25519: Ed25519 signing key + X25519 encryption subkey,
//          readable by GnuPG 2.2+). Writes ONLY the public key into the repository
//          (.well-known/security/pgp-key.asc); the private key goes to a path outside the repository,
//          or to stdout when explicitly asked, never into the repository. Optionally re-signs
//          .well-known/security.txt (cleartext signature) with the new key.
// Usage:   tsx scripts/generate-security-pgp.ts --name "<org> security" --email security@<domain>
//            (--private-key-out <file outside the repo> | --print-private-key)
//            [--passphrase-env <VAR>] [--expires-days <n>] [--sign-security-txt] [--force] [--repo <dir>]
//          --passphrase-env names an environment variable holding the passphrase that encrypts the
//          private key (a flag value would land in shell history).
// Output:  the fingerprint and the files written, on stderr (stdout carries only the private key,
//          and only with --print-private-key).
// Exit:    0 written; 1 key generation or a write failed; 2 bad flags, a private-key path inside the
//          repository, or an existing key without --force (nothing is written in these cases).
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createCleartextMessage,
  decryptKey,
  generateKey,
  readCleartextMessage,
  readKey,
  readPrivateKey,
  sign,
} from 'openpgp';

const DEFAULT_REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the public key lives, relative to the repository root. */
export const PUBLIC_KEY_PATH = '.well-known/security/pgp-key.asc';
export const SECURITY_TXT_PATH = '.well-known/security.txt';
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;
const NAME = /^[\p{L}\p{N} .,'()&-]{2,80}$/u;

export const PGP_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

/** True when `path` is `dir` itself or anywhere below it (after resolving symlinks of existing parts). */
export const isInside = (path: string, dir: string): boolean => {
  const real = (p: string): string => {
    // Resolve the deepest existing ancestor, then re-append the rest (the file need not exist yet).
    let head = resolve(p);
    const tail: string[] = [];
    while (!existsSync(head) && dirname(head) !== head) {
      tail.unshift(basename(head));
      head = dirname(head);
    }
    return join(realpathSync(head), ...tail);
  };
  const rel = relative(real(dir), real(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

interface Options {
  name: string;
  email: string;
  repo: string;
  privateKeyOut?: string;
  printPrivateKey: boolean;
  passphrase?: string;
  expiresDays: number;
  signSecurityTxt: boolean;
  force: boolean;
}

const parseOptions = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>
): Options => {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        name: { type: 'string' },
        email: { type: 'string' },
        repo: { type: 'string' },
        'private-key-out': { type: 'string' },
        'print-private-key': { type: 'boolean' },
        'passphrase-env': { type: 'string' },
        'expires-days': { type: 'string' },
        'sign-security-txt': { type: 'boolean' },
        force: { type: 'boolean' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(String((err as Error).message ?? 'invalid arguments').split('\n')[0]);
  }
  const name = values.name;
  const email = values.email;
  if (typeof name !== 'string' || !NAME.test(name))
    throw new UsageError("--name is required: 2-80 letters, digits, spaces or .,'()&-");
  if (typeof email !== 'string' || !EMAIL.test(email))
    throw new UsageError('--email is required: an e-mail address');
  const out = values['private-key-out'];
  const print = values['print-private-key'] === true;
  if ((typeof out === 'string') === print)
    throw new UsageError('give exactly one of --private-key-out <file> or --print-private-key');
  const daysRaw = values['expires-days'] ?? '730';
  if (
    typeof daysRaw !== 'string' ||
    !/^\d{1,4}$/.test(daysRaw) ||
    Number(daysRaw) < 30 ||
    Number(daysRaw) > 1825
  )
    throw new UsageError('--expires-days must be a whole number of days, 30..1825');
  let passphrase: string | undefined;
  const passVar = values['passphrase-env'];
  if (typeof passVar === 'string') {
    passphrase = env[passVar];
    if (!passphrase || passphrase.length < 12)
      throw new UsageError(
        `--passphrase-env: ${passVar.slice(0, 64)} must hold a passphrase of 12+ characters`
      );
  }
  const repo = resolve(typeof values.repo === 'string' ? values.repo : DEFAULT_REPO);
  if (!existsSync(repo)) throw new UsageError('--repo must be an existing directory');
  return {
    name,
    email,
    repo,
    ...(typeof out === 'string' ? { privateKeyOut: resolve(out) } : {}),
    printPrivateKey: print,
    ...(passphrase ? { passphrase } : {}),
    expiresDays: Number(daysRaw),
    signSecurityTxt: values['sign-security-txt'] === true,
    force: values.force === true,
  };
};

/** The text of security.txt without a cleartext signature around it. */
export const securityTxtBody = async (text: string): Promise<string> => {
  if (!text.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) return text;
  const message = await readCleartextMessage({ cleartextMessage: text });
  return `${message.getText().replace(/\n*$/, '')}\n`;
};

/** Formats a fingerprint as GnuPG prints it: ten groups of four, upper case. */
export const formatFingerprint = (hex: string): string =>
  (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');

/** Generates the key and writes the files; resolves the exit code. */
export const run = async (
  argv: readonly string[],
  io: {
    stdout: { write(s: string): unknown };
    stderr: { write(s: string): unknown };
    env: Readonly<Record<string, string | undefined>>;
  }
): Promise<number> => {
  let o: Options;
  try {
    o = parseOptions(argv, io.env);
    const pub = join(o.repo, PUBLIC_KEY_PATH);
    if (existsSync(pub) && !o.force)
      throw new UsageError(
        `${PUBLIC_KEY_PATH} already exists; pass --force to replace it (publish the new key and update security.txt)`
      );
    if (o.privateKeyOut !== undefined) {
      if (isInside(o.privateKeyOut, o.repo))
        throw new UsageError(
          '--private-key-out must be outside the repository (the private key never enters it)'
        );
      if (!existsSync(dirname(o.privateKeyOut)))
        throw new UsageError('--private-key-out: the directory does not exist');
      if (existsSync(o.privateKeyOut) && !o.force)
        throw new UsageError(
          '--private-key-out names an existing file; pass --force to replace it'
        );
    }
    if (o.signSecurityTxt && !existsSync(join(o.repo, SECURITY_TXT_PATH)))
      throw new UsageError(`--sign-security-txt: ${SECURITY_TXT_PATH} does not exist`);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`generate-security-pgp: ${err.message}\n`);
    return PGP_EXIT.usage;
  }
  try {
    const generated = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: o.name, email: o.email }],
      keyExpirationTime: o.expiresDays * 86_400,
      format: 'armored',
      ...(o.passphrase ? { passphrase: o.passphrase } : {}),
    });
    const publicKey = await readKey({ armoredKey: generated.publicKey });
    const fingerprint = publicKey.getFingerprint();
    const written: string[] = [];
    if (o.privateKeyOut !== undefined) {
      writeFileSync(o.privateKeyOut, generated.privateKey, { mode: 0o600 });
      writeFileSync(`${o.privateKeyOut}.revocation.asc`, generated.revocationCertificate, {
        mode: 0o600,
      });
      written.push(
        `private key: ${o.privateKeyOut} (mode 600)`,
        `revocation certificate: ${o.privateKeyOut}.revocation.asc`
      );
    } else {
      io.stdout.write(generated.privateKey);
      io.stdout.write(generated.revocationCertificate);
    }
    const pubPath = join(o.repo, PUBLIC_KEY_PATH);
    mkdirSync(dirname(pubPath), { recursive: true });
    writeFileSync(pubPath, generated.publicKey);
    written.push(`public key: ${PUBLIC_KEY_PATH}`);
    if (o.signSecurityTxt) {
      const txtPath = join(o.repo, SECURITY_TXT_PATH);
      const body = await securityTxtBody(readFileSync(txtPath, 'utf8'));
      let signingKey = await readPrivateKey({ armoredKey: generated.privateKey });
      if (o.passphrase)
        signingKey = await decryptKey({ privateKey: signingKey, passphrase: o.passphrase });
      const signed = await sign({
        message: await createCleartextMessage({ text: body }),
        signingKeys: signingKey,
      });
      writeFileSync(txtPath, signed);
      written.push(`signed: ${SECURITY_TXT_PATH}`);
    }
    io.stderr.write(
      [
        `fingerprint: ${formatFingerprint(fingerprint)}`,
        ...written,
        `expires: in ${o.expiresDays} days`,
        `next: publish ${PUBLIC_KEY_PATH} at the URL in security.txt's Encryption field${o.signSecurityTxt ? '' : ' and re-sign security.txt (--sign-security-txt)'}`,
        '',
      ].join('\n')
    );
    return PGP_EXIT.ok;
  } catch (err) {
    io.stderr.write(
      `generate-security-pgp: ${((err as Error).message ?? 'failed').split('\n')[0]}\n`
    );
    return PGP_EXIT.failed;
  }
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
