// NAICS code -> Partner Central Industry. The prior art mapped two-digit sectors to strings that are
// not ACE values (prior-art §22 Q18); this table emits only the 28 ACE wire values (external-apis §1.7)
// and uses longer prefixes where a sector spans several ACE industries. A code that matches no row is
// reported as unmapped (counted, logged, the property left out) — never silently defaulted.

/** The Partner Central `Industry` enum, exact wire values (external-apis §1.7). */
export const ACE_INDUSTRIES = [
  'Aerospace',
  'Agriculture',
  'Automotive',
  'Computers and Electronics',
  'Consumer Goods',
  'Education',
  'Energy - Oil and Gas',
  'Energy - Power and Utilities',
  'Financial Services',
  'Gaming',
  'Government',
  'Healthcare',
  'Hospitality',
  'Life Sciences',
  'Manufacturing',
  'Marketing and Advertising',
  'Media and Entertainment',
  'Mining',
  'Non-Profit Organization',
  'Professional Services',
  'Real Estate and Construction',
  'Retail',
  'Software and Internet',
  'Telecommunications',
  'Transportation and Logistics',
  'Travel',
  'Wholesale and Distribution',
  'Other',
] as const;
export type AceIndustry = (typeof ACE_INDUSTRIES)[number];

/** One row of the NAICS table: codes starting with `prefix` map to `industry`. */
export interface NaicsIndustryRow {
  prefix: string;
  industry: AceIndustry;
  /** The NAICS sector or subsector name, for the generated documentation. */
  sector: string;
}

/** The table, longest prefix wins. Order here is for reading; lookup sorts by length. */
export const NAICS_INDUSTRY_TABLE: readonly NaicsIndustryRow[] = [
  { prefix: '11', industry: 'Agriculture', sector: 'Agriculture, Forestry, Fishing and Hunting' },
  { prefix: '211', industry: 'Energy - Oil and Gas', sector: 'Oil and Gas Extraction' },
  { prefix: '212', industry: 'Mining', sector: 'Mining (except Oil and Gas)' },
  { prefix: '213', industry: 'Mining', sector: 'Support Activities for Mining' },
  { prefix: '22', industry: 'Energy - Power and Utilities', sector: 'Utilities' },
  { prefix: '23', industry: 'Real Estate and Construction', sector: 'Construction' },
  { prefix: '31', industry: 'Manufacturing', sector: 'Manufacturing' },
  { prefix: '32', industry: 'Manufacturing', sector: 'Manufacturing' },
  {
    prefix: '3254',
    industry: 'Life Sciences',
    sector: 'Pharmaceutical and Medicine Manufacturing',
  },
  { prefix: '33', industry: 'Manufacturing', sector: 'Manufacturing' },
  {
    prefix: '334',
    industry: 'Computers and Electronics',
    sector: 'Computer and Electronic Product Manufacturing',
  },
  { prefix: '3361', industry: 'Automotive', sector: 'Motor Vehicle Manufacturing' },
  {
    prefix: '3362',
    industry: 'Automotive',
    sector: 'Motor Vehicle Body and Trailer Manufacturing',
  },
  { prefix: '3363', industry: 'Automotive', sector: 'Motor Vehicle Parts Manufacturing' },
  { prefix: '3364', industry: 'Aerospace', sector: 'Aerospace Product and Parts Manufacturing' },
  { prefix: '42', industry: 'Wholesale and Distribution', sector: 'Wholesale Trade' },
  { prefix: '44', industry: 'Retail', sector: 'Retail Trade' },
  { prefix: '45', industry: 'Retail', sector: 'Retail Trade' },
  {
    prefix: '48',
    industry: 'Transportation and Logistics',
    sector: 'Transportation and Warehousing',
  },
  {
    prefix: '49',
    industry: 'Transportation and Logistics',
    sector: 'Transportation and Warehousing',
  },
  { prefix: '51', industry: 'Software and Internet', sector: 'Information' },
  {
    prefix: '512',
    industry: 'Media and Entertainment',
    sector: 'Motion Picture and Sound Recording',
  },
  { prefix: '515', industry: 'Media and Entertainment', sector: 'Broadcasting' },
  {
    prefix: '516',
    industry: 'Media and Entertainment',
    sector: 'Broadcasting and Content Providers',
  },
  { prefix: '517', industry: 'Telecommunications', sector: 'Telecommunications' },
  { prefix: '52', industry: 'Financial Services', sector: 'Finance and Insurance' },
  {
    prefix: '53',
    industry: 'Real Estate and Construction',
    sector: 'Real Estate and Rental and Leasing',
  },
  {
    prefix: '54',
    industry: 'Professional Services',
    sector: 'Professional, Scientific, and Technical Services',
  },
  {
    prefix: '5418',
    industry: 'Marketing and Advertising',
    sector: 'Advertising, Public Relations, and Related Services',
  },
  {
    prefix: '55',
    industry: 'Professional Services',
    sector: 'Management of Companies and Enterprises',
  },
  {
    prefix: '56',
    industry: 'Professional Services',
    sector: 'Administrative and Support and Waste Management',
  },
  { prefix: '5615', industry: 'Travel', sector: 'Travel Arrangement and Reservation Services' },
  { prefix: '61', industry: 'Education', sector: 'Educational Services' },
  { prefix: '62', industry: 'Healthcare', sector: 'Health Care and Social Assistance' },
  {
    prefix: '71',
    industry: 'Media and Entertainment',
    sector: 'Arts, Entertainment, and Recreation',
  },
  { prefix: '7132', industry: 'Gaming', sector: 'Gambling Industries' },
  { prefix: '72', industry: 'Hospitality', sector: 'Accommodation and Food Services' },
  { prefix: '81', industry: 'Other', sector: 'Other Services (except Public Administration)' },
  {
    prefix: '813',
    industry: 'Non-Profit Organization',
    sector: 'Religious, Grantmaking, Civic, Professional Organizations',
  },
  { prefix: '92', industry: 'Government', sector: 'Public Administration' },
];

/** The industry used when an opportunity has no NAICS code at all: the buyer is a government entity. */
export const NO_NAICS_INDUSTRY: AceIndustry = 'Government';

const BY_LENGTH = [...NAICS_INDUSTRY_TABLE].sort((a, b) => b.prefix.length - a.prefix.length);

/** Result of {@link industryForNaics}. */
export type NaicsLookup =
  | { kind: 'mapped'; industry: AceIndustry; prefix: string }
  | { kind: 'unmapped'; code: string }
  | { kind: 'invalid' };

/**
 * Looks up the ACE industry for a NAICS code (2-6 digits). Codes that match no row are `unmapped`
 * (report them); anything that is not a NAICS code is `invalid`.
 * @example industryForNaics('541330') // { kind: 'mapped', industry: 'Professional Services', prefix: '54' }
 */
export const industryForNaics = (code: string): NaicsLookup => {
  const trimmed = code.trim();
  if (!/^\d{2,6}$/.test(trimmed)) return { kind: 'invalid' };
  const row = BY_LENGTH.find((r) => trimmed.startsWith(r.prefix));
  return row
    ? { kind: 'mapped', industry: row.industry, prefix: row.prefix }
    : { kind: 'unmapped', code: trimmed };
};
