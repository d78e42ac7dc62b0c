// .well-known/security.txt (RFC 9116): required and recommended fields, Expires in the future and
// less than a year ahead, Encryption pointing at the committed public key, and a cleartext signature
// that verifies against that key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { type Key, readCleartextMessage, readKey, verify } from 'openpgp';
import { PUBLIC_KEY_PATH, SECURITY_TXT_PATH } from '../../../scripts/generate-security-pgp';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DAY = 86_400_000;
/** RFC 9116 §2.5 field names. */
const KNOWN_FIELDS = new Set([
  'acknowledgments',
  'canonical',
  'contact',
  'csaf',
  'encryption',
  'expires',
  'hiring',
  'policy',
  'preferred-languages',
]);

/** `Field: value` lines of the signed body (comments and blank lines skipped), field names lower-cased. */
const parseFields = (body: string): [string, string][] =>
  body
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const m = /^([A-Za-z-]+): (.+)$/.exec(l);
      if (!m) throw new Error(`security.txt: malformed line ${JSON.stringify(l.slice(0, 40))}`);
      return [(m[1] as string).toLowerCase(), (m[2] as string).trim()];
    });

describe('.well-known/security.txt', () => {
  let raw: string;
  let body: string;
  let fields: [string, string][];
  let key: Key;
  const all = (name: string) => fields.filter(([k]) => k === name).map(([, v]) => v);

  beforeAll(async () => {
    raw = readFileSync(join(ROOT, SECURITY_TXT_PATH), 'utf8');
    body = (await readCleartextMessage({ cleartextMessage: raw })).getText();
    fields = parseFields(body);
    key = await readKey({ armoredKey: readFileSync(join(ROOT, PUBLIC_KEY_PATH), 'utf8') });
  });

  it('uses only RFC 9116 field names', () => {
    // Assert
    expect(fields.map(([k]) => k).filter((k) => !KNOWN_FIELDS.has(k))).toEqual([]);
  });

  it('has at least one Contact, each a mailto:, https: or tel: URI', () => {
    // Assert
    expect(all('contact').length).toBeGreaterThan(0);
    for (const c of all('contact'))
      expect(c).toMatch(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+|tel:\+\d+)$/);
  });

  it('has exactly one Expires, an RFC 3339 instant in the future and less than a year ahead', () => {
    // Arrange
    const expires = all('expires');
    // Act
    const at = Date.parse(expires[0] ?? '');
    // Assert
    expect(expires).toHaveLength(1);
    expect(expires[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    expect(at).toBeGreaterThan(Date.now());
    expect(at - Date.now()).toBeLessThan(365 * DAY);
  });

  it('points Encryption at the committed public key, and Policy and Canonical at https URLs', () => {
    // Assert
    expect(all('encryption')).toHaveLength(1);
    expect(new URL(all('encryption')[0] ?? '').pathname).toBe(`/${PUBLIC_KEY_PATH}`);
    expect(all('encryption')[0]).toMatch(/^https:\/\//);
    expect(all('policy')[0]).toMatch(/^https:\/\/\S+\/SECURITY\.md$/);
    expect(all('canonical').length).toBeGreaterThan(0);
    for (const c of all('canonical'))
      expect(c).toMatch(/^https:\/\/\S+\/\.well-known\/security\.txt$/);
  });

  it('has at most one Preferred-Languages, a list of language tags including en', () => {
    // Assert
    expect(all('preferred-languages')).toHaveLength(1);
    const tags = (all('preferred-languages')[0] ?? '').split(',').map((t) => t.trim());
    for (const t of tags) expect(t).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);
    expect(tags).toContain('en');
  });

  it('commits only a public key, unexpired, whose user id matches the mailto Contact', async () => {
    // Arrange
    const contact = all('contact')
      .find((c) => c.startsWith('mailto:'))
      ?.slice('mailto:'.length);
    const expiry = await key.getExpirationTime();
    // Assert
    expect(key.isPrivate()).toBe(false);
    expect(readFileSync(join(ROOT, PUBLIC_KEY_PATH), 'utf8')).not.toMatch(/PRIVATE KEY/);
    expect(key.getUserIDs().some((u) => u.includes(`<${contact}>`))).toBe(true);
    expect(expiry instanceof Date && expiry.getTime() > Date.now()).toBe(true);
  });

  it('is signed by the committed key (cleartext signature verifies)', async () => {
    // Arrange
    const message = await readCleartextMessage({ cleartextMessage: raw });
    // Act
    const { signatures } = await verify({ message, verificationKeys: key });
    // Assert
    expect(signatures).toHaveLength(1);
    await expect(signatures[0]?.verified).resolves.toBe(true);
  });

  it('fails verification when a field is altered after signing', async () => {
    // Arrange
    const tampered = raw.replace('Contact: mailto:', 'Contact: mailto:x');
    const message = await readCleartextMessage({ cleartextMessage: tampered });
    // Act
    const { signatures } = await verify({ message, verificationKeys: key });
    // Assert
    expect(tampered).not.toBe(raw);
    await expect(signatures[0]?.verified).rejects.toThrow();
  });
});
