// Finds secrets and personal data in captured output and SNS messages. The canaries are values the soak
// knows are sensitive: simulator secrets and issued tokens (exact match), the contacts of the fictional
// GovWin data (e-mails, phone numbers, full names), opportunity titles and descriptions (runs of four
// words), and values the soak planted in card forms, rep edits and AWS referrals (a `cnry<hex>` marker).
// Findings name where and what kind, never the value.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Kinds of sensitive value. */
export type CanaryKind = 'secret' | 'email' | 'phone' | 'name' | 'free text' | 'planted';

/** Marker of values the soak plants in personal-data fields: `cnry` + 8 hex digits. */
export const PLANTED = /cnry[0-9a-f]{8}/;

/** Makes a planted canary token from a seed and a counter. */
export const plantedToken = (seed: number, n: number): string =>
  `cnry${((Math.imul(seed + 1, 2_654_435_761) ^ Math.imul(n + 1, 40_503)) >>> 0).toString(16).padStart(8, '0')}`;

const SHINGLE = 4;
const words = (text: string): string[] =>
  (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 1);
const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The set of values to look for. */
export interface CanarySet {
  addSecret(value: string | undefined): void;
  addEmail(value: string | undefined): void;
  addPhone(value: string | undefined): void;
  addName(first: string | undefined, last: string | undefined): void;
  addFreeText(value: string | undefined): void;
  /** Kinds found in one piece of text (empty when clean). */
  scan(text: string): CanaryKind[];
  size(): number;
}

/**
 * Builds an empty canary set.
 * @example const canaries = makeCanarySet(); canaries.addEmail('a.b@x.example.test'); canaries.scan(line)
 */
export const makeCanarySet = (): CanarySet => {
  const secrets = new Set<string>();
  const emails = new Set<string>();
  const phones = new Set<string>();
  const names = new Set<string>();
  const phrases = new Set<string>();
  const shortPhrases = new Set<string>();
  return {
    addSecret: (v) => {
      if (v && v.length >= 8) secrets.add(v);
    },
    addEmail: (v) => {
      if (v?.includes('@')) emails.add(v.toLowerCase());
    },
    addPhone: (v) => {
      const d = v ? digitsOf(v) : '';
      if (d.length >= 10) phones.add(d.slice(-10));
    },
    addName: (first, last) => {
      const f = words(first ?? '');
      const l = words(last ?? '');
      if (f.length > 0 && l.length > 0) names.add(`${f.join(' ')} ${l.join(' ')}`);
    },
    addFreeText: (v) => {
      const w = words((v ?? '').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;/g, ' '));
      if (w.length >= SHINGLE)
        for (let i = 0; i + SHINGLE <= w.length; i += 1)
          phrases.add(w.slice(i, i + SHINGLE).join(' '));
      else if (w.length >= 3) shortPhrases.add(w.join(' '));
    },
    scan: (text) => {
      const found = new Set<CanaryKind>();
      if (PLANTED.test(text)) found.add('planted');
      for (const s of secrets) if (text.includes(s)) found.add('secret');
      for (const e of text.toLowerCase().match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g) ?? [])
        if (emails.has(e)) found.add('email');
      for (const p of text.match(/\+?\d[\d\s().-]{8,}\d/g) ?? []) {
        const d = digitsOf(p);
        if (d.length >= 10 && phones.has(d.slice(-10))) found.add('phone');
      }
      const w = words(text);
      for (let i = 0; i + 1 < w.length; i += 1) {
        if (names.has(`${w[i]} ${w[i + 1]}`)) found.add('name');
        if (i + SHINGLE <= w.length && phrases.has(w.slice(i, i + SHINGLE).join(' ')))
          found.add('free text');
        if (i + 3 <= w.length && shortPhrases.has(w.slice(i, i + 3).join(' ')))
          found.add('free text');
      }
      return [...found];
    },
    size: () =>
      secrets.size + emails.size + phones.size + names.size + phrases.size + shortPhrases.size,
  };
};

/** One place a canary was seen. */
export interface LeakFinding {
  source: 'log' | 'sns';
  kinds: CanaryKind[];
  /** Service of the log line, or the SNS topic. */
  where: string;
  /** 1-based line number in the captured log file. */
  line?: number;
}

/** What one pass over the captured output found. */
export interface LogScan {
  leaks: LeakFinding[];
  /** Non-empty lines scanned. */
  lines: number;
  /** For each requested message id, a one-line summary of the last log line naming it. */
  lastLineByMessageId: Map<string, string>;
  /** GovWin records the worker logged as rejected: id -> reason. */
  rejectedGovWinIds: Map<string, string>;
}

const summaryOf = (json: Record<string, unknown>): string => {
  const parts = [String(json.service ?? 'unknown'), String(json.message ?? '')];
  for (const key of ['code', 'errorName', 'reason', 'outcome', 'status'])
    if (typeof json[key] === 'string' || typeof json[key] === 'number')
      parts.push(`${key}=${String(json[key])}`);
  return parts.join(': ').slice(0, 200);
};

const parseJson = (line: string): Record<string, unknown> | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(line) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Scans a captured output file line by line: leaks, the last line naming each requested SQS message id,
 * and the GovWin records the worker rejected.
 */
export const scanLogFile = async (
  file: string,
  canaries: CanarySet,
  messageIds: readonly string[]
): Promise<LogScan> => {
  const leaks: LeakFinding[] = [];
  const lastLineByMessageId = new Map<string, string>();
  const rejectedGovWinIds = new Map<string, string>();
  let n = 0;
  let nonEmpty = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    n += 1;
    if (line.length > 0) nonEmpty += 1;
    const kinds = canaries.scan(line);
    const json = kinds.length > 0 || messageIds.length > 0 ? parseJson(line) : undefined;
    if (kinds.length > 0)
      leaks.push({
        source: 'log',
        kinds,
        where: String(json?.service ?? 'non-JSON output'),
        line: n,
      });
    for (const id of messageIds)
      if (line.includes(id)) lastLineByMessageId.set(id, json ? summaryOf(json) : 'non-JSON line');
    if (line.includes('GovWin record rejected')) {
      const j = json ?? parseJson(line);
      if (j && j.kind === 'opportunity' && typeof j.govwinId === 'string')
        rejectedGovWinIds.set(j.govwinId, String(j.reason ?? 'no reason logged'));
    }
  }
  return { leaks, lines: nonEmpty, lastLineByMessageId, rejectedGovWinIds };
};

/** Scans published SNS messages (subject and body). */
export const scanSnsMessages = (
  messages: readonly { topicArn?: string; subject?: string; message?: string }[],
  canaries: CanarySet
): LeakFinding[] =>
  messages.flatMap((m) => {
    const kinds = canaries.scan(`${m.subject ?? ''}\n${m.message ?? ''}`);
    return kinds.length > 0
      ? [{ source: 'sns' as const, kinds, where: m.topicArn?.split(':').pop() ?? 'unknown topic' }]
      : [];
  });
