// Set-aside information lives in GovWin `competitionTypes[].title` (external-apis §3.6); there is no
// dedicated field. These rules classify each title into one HubSpot option. The first matching rule
// wins, so specific programmes (EDWOSB) come before general ones (WOSB, small business).

/** HubSpot option values of `govwin_set_aside`, with labels. */
export const SET_ASIDE_OPTIONS = [
  { value: 'none', label: 'Full and Open (no set-aside)' },
  { value: '8a', label: '8(a)' },
  { value: 'hubzone', label: 'HUBZone' },
  { value: 'sdvosb', label: 'Service-Disabled Veteran-Owned Small Business' },
  { value: 'vosb', label: 'Veteran-Owned Small Business' },
  { value: 'edwosb', label: 'Economically Disadvantaged Women-Owned Small Business' },
  { value: 'wosb', label: 'Women-Owned Small Business' },
  { value: 'small_business', label: 'Small Business' },
  { value: 'indian_economic', label: 'Indian Economic Enterprise / Native American' },
] as const;
export type SetAside = (typeof SET_ASIDE_OPTIONS)[number]['value'];

/** One classification rule: a title matching `pattern` is that set-aside. */
export interface SetAsideRule {
  setAside: SetAside;
  pattern: RegExp;
  /** Human description of what matches, for the generated documentation. */
  matches: string;
}

export const SET_ASIDE_RULES: readonly SetAsideRule[] = [
  { setAside: '8a', pattern: /\b8\s*\(\s*a\s*\)|\b8a\b/i, matches: '"8(a)", "8a"' },
  { setAside: 'hubzone', pattern: /hub\s*zone/i, matches: '"HUBZone"' },
  {
    setAside: 'sdvosb',
    pattern: /sdvosb|service[- ]disabled/i,
    matches: '"SDVOSB", "Service-Disabled Veteran…"',
  },
  { setAside: 'vosb', pattern: /\bvosb\b|veteran/i, matches: '"VOSB", "Veteran…"' },
  {
    setAside: 'edwosb',
    pattern: /edwosb|economically disadvantaged wom/i,
    matches: '"EDWOSB", "Economically Disadvantaged Women…"',
  },
  { setAside: 'wosb', pattern: /\bwosb\b|wom[ae]n[- ]owned/i, matches: '"WOSB", "Women-Owned…"' },
  {
    setAside: 'indian_economic',
    pattern: /indian|native american|\bisbee\b|\biee\b/i,
    matches: '"Indian…", "Native American…", "ISBEE", "IEE"',
  },
  {
    setAside: 'small_business',
    pattern: /small business|\bsb\b|set[- ]aside/i,
    matches: '"Small Business…", "SB", any other "Set-Aside"',
  },
  {
    setAside: 'none',
    pattern: /full (and|&) open|unrestricted/i,
    matches: '"Full and Open", "Unrestricted"',
  },
];

/**
 * Classifies one competition-type title, or undefined when no rule matches (the caller reports it).
 * @example setAsideForTitle('Total Small Business Set-Aside') // 'small_business'
 */
export const setAsideForTitle = (title: string): SetAside | undefined =>
  SET_ASIDE_RULES.find((r) => r.pattern.test(title))?.setAside;
