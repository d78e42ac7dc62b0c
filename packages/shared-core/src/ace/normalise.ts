// Pure normalisers shared by the create and update mappings (prior-art-behaviour §10.4), so every path
// treats a value the same way (the prior art normalised partner-need labels on some paths only: quirk 2).
import { ACE_ENUM, type AceEnumValue, isAceEnumValue } from './enums';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Removes control characters (keeps tab and newline), trims, and cuts to `max` characters. */
export const cleanText = (value: string | null | undefined, max: number): string | undefined => {
  if (value === null || value === undefined) return undefined;
  const t = value.replace(CONTROL, '').trim();
  if (t.length === 0) return undefined;
  return t.length > max ? t.slice(0, max) : t;
};

/** Splits a HubSpot multi-select (`;`-joined), trims, drops empties and duplicates (order kept). */
export const splitMulti = (value: string | null | undefined): string[] => {
  if (!value) return [];
  const out: string[] = [];
  for (const part of value.split(';')) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
};

const PARTNER_NEED_PREFIX = 'Co-Sell - ';
/** Short labels stored in HubSpot that differ from the wire value's suffix. */
const PARTNER_NEED_ALIASES: Readonly<Record<string, string>> = {
  'competitive intelligence': 'Co-Sell - Competitive Information',
  'support for public tender': 'Co-Sell - Support for Public Tender / RFx',
};

/**
 * Maps a HubSpot partner-need label (short `Deal Support` or long `Co-Sell - Deal Support`, any case) to
 * the PrimaryNeedFromAws wire value; returns the input unchanged when nothing matches (validation reports it).
 * @example normalisePartnerNeed('Competitive Intelligence') // 'Co-Sell - Competitive Information'
 */
export const normalisePartnerNeed = (label: string): string => {
  const t = label.trim();
  const lower = t.toLowerCase();
  const direct = ACE_ENUM.PrimaryNeedFromAws.find((v) => v.toLowerCase() === lower);
  if (direct) return direct;
  const alias = PARTNER_NEED_ALIASES[lower];
  if (alias) return alias;
  const prefixed = ACE_ENUM.PrimaryNeedFromAws.find(
    (v) => v.toLowerCase() === `${PARTNER_NEED_PREFIX}${t}`.toLowerCase()
  );
  return prefixed ?? t;
};

/** Normalises every label of a `;`-joined partner-need value. */
export const normalisePartnerNeeds = (value: string | null | undefined): string[] => [
  ...new Set(splitMulti(value).map(normalisePartnerNeed)),
];

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  'UNITED STATES': 'US',
  'UNITED STATES OF AMERICA': 'US',
  USA: 'US',
  'U.S.': 'US',
  'U.S.A.': 'US',
  AMERICA: 'US',
  CANADA: 'CA',
  MEXICO: 'MX',
  'UNITED KINGDOM': 'GB',
  UK: 'GB',
  'GREAT BRITAIN': 'GB',
  ENGLAND: 'GB',
  SCOTLAND: 'GB',
  WALES: 'GB',
  GERMANY: 'DE',
  FRANCE: 'FR',
  ITALY: 'IT',
  SPAIN: 'ES',
  NETHERLANDS: 'NL',
  JAPAN: 'JP',
  AUSTRALIA: 'AU',
  INDIA: 'IN',
  BRAZIL: 'BR',
  CHINA: 'CN',
  'SOUTH KOREA': 'KR',
  KOREA: 'KR',
  ISRAEL: 'IL',
  'UNITED ARAB EMIRATES': 'AE',
  UAE: 'AE',
  'SAUDI ARABIA': 'SA',
};

/**
 * Country name or code -> a CountryCode wire value accepted by Partner Central, or undefined when it cannot
 * be mapped (the caller reports a field error; no guessing).
 */
export const normaliseCountry = (
  value: string | null | undefined
): AceEnumValue<'CountryCode'> | undefined => {
  const t = (value ?? '').trim().toUpperCase();
  const code = COUNTRY_NAMES[t] ?? t;
  return isAceEnumValue('CountryCode', code) ? code : undefined;
};

const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  AS: 'American Samoa',
  DC: 'Dist. of Columbia',
  FM: 'Federated States of Micronesia',
  GU: 'Guam',
  MH: 'Marshall Islands',
  PW: 'Palau',
  PR: 'Puerto Rico',
  VI: 'Virgin Islands',
};

/** US state code or name -> the full name Partner Central lists; other values pass through cleaned. */
export const normaliseUsState = (value: string | null | undefined): string | undefined => {
  const t = cleanText(value, 255);
  if (!t) return undefined;
  const upper = t.toUpperCase();
  if (US_STATES[upper]) return US_STATES[upper];
  if (upper === 'DISTRICT OF COLUMBIA') return 'Dist. of Columbia';
  return t;
};

/**
 * Phone -> E.164 (`+[1-9]\d{1,14}`), or undefined when it cannot be made valid (the field is then
 * omitted; a phone number never fails a submission). Extensions are cut off.
 */
export const normalisePhone = (value: string | null | undefined): string | undefined => {
  if (!value) return undefined;
  const main = value.split(/\s*(?:x|ext\.?|,|;)\s*\d*$/i)[0] ?? '';
  const plus = main.trim().startsWith('+');
  const digits = main.replace(/\D/g, '');
  if (/^(\d)\1*$/.test(digits)) return undefined;
  if (plus) return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : undefined;
  if (/^[2-9]\d{9}$/.test(digits)) return `+1${digits}`;
  if (/^1[2-9]\d{9}$/.test(digits)) return `+${digits}`;
  if (/^[1-9]\d{7,14}$/.test(digits)) return `+${digits}`;
  return undefined;
};

/**
 * HubSpot date or datetime (epoch ms/s digits, or an ISO string) -> `YYYY-MM-DD` (UTC), or undefined.
 * @example toIsoDate('1767225600000') // '2026-01-01'
 */
export const toIsoDate = (value: string | null | undefined): string | undefined => {
  const t = (value ?? '').trim();
  if (!t) return undefined;
  let d: Date | undefined;
  if (/^\d{10,16}$/.test(t)) {
    const n = Number(t);
    d = new Date(n >= 1e12 ? n : n * 1000);
  } else if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    d = new Date(`${t.slice(0, 10)}T00:00:00Z`);
  }
  if (!d || Number.isNaN(d.getTime())) return undefined;
  const iso = d.toISOString().slice(0, 10);
  return /^[1-9]\d{3}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])$/.test(iso) ? iso : undefined;
};

/**
 * Deal amount (total contract value) -> the monthly AWS spend string Partner Central expects
 * (`amount / 12`, two decimals, no separators). Undefined for unparseable or non-positive amounts.
 */
export const monthlySpend = (value: string | null | undefined): string | undefined => {
  const t = (value ?? '').trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const monthly = (n / 12).toFixed(2);
  return /^(0|[1-9]\d{0,30})(\.\d{0,2})?$/.test(monthly) && monthly !== '0.00'
    ? monthly
    : undefined;
};

/** Website or bare domain -> an https URL Partner Central accepts (4-255 chars), or undefined. */
export const normaliseWebsite = (value: string | null | undefined): string | undefined => {
  const t = cleanText(value, 255);
  if (!t || /\s/.test(t)) return undefined;
  const url = /^https?:\/\//i.test(t) ? t : `https://${t}`;
  try {
    const u = new URL(url);
    if (!u.hostname.includes('.')) return undefined;
  } catch {
    return undefined;
  }
  return url.length >= 4 && url.length <= 255 ? url : undefined;
};
