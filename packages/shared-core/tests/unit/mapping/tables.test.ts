import { describe, expect, it } from '@jest/globals';
import { ACE_ENUM } from '../../../src/ace/enums';
import {
  ACE_INDUSTRIES,
  industryForNaics,
  NAICS_INDUSTRY_TABLE,
} from '../../../src/mapping/govwin/naics-industry';
import {
  SET_ASIDE_OPTIONS,
  SET_ASIDE_RULES,
  setAsideForTitle,
} from '../../../src/mapping/govwin/set-aside';
import {
  GOVWIN_STAGES,
  STATUS_STAGE_TABLE,
  stageForStatus,
} from '../../../src/mapping/govwin/status-stage';

describe('NAICS -> industry', () => {
  it('uses exactly the Partner Central Industry enum of the SDK (no drift, prior-art Q18)', () => {
    expect([...ACE_INDUSTRIES].sort()).toEqual([...ACE_ENUM.Industry].sort());
  });

  it('maps every table row to an ACE industry and never repeats a prefix', () => {
    const prefixes = NAICS_INDUSTRY_TABLE.map((r) => r.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const row of NAICS_INDUSTRY_TABLE) expect(ACE_INDUSTRIES).toContain(row.industry);
  });

  it.each([
    { code: '541330', industry: 'Professional Services' },
    { code: '541511', industry: 'Professional Services' },
    { code: '541810', industry: 'Marketing and Advertising' },
    { code: '334111', industry: 'Computers and Electronics' },
    { code: '336411', industry: 'Aerospace' },
    { code: '211120', industry: 'Energy - Oil and Gas' },
    { code: '221118', industry: 'Energy - Power and Utilities' },
    { code: '517111', industry: 'Telecommunications' },
    { code: '518210', industry: 'Software and Internet' },
    { code: '325412', industry: 'Life Sciences' },
    { code: '713210', industry: 'Gaming' },
    { code: '813311', industry: 'Non-Profit Organization' },
    { code: '928110', industry: 'Government' },
    { code: '561510', industry: 'Travel' },
  ])('industryForNaics($code) is $industry (longest prefix wins)', ({ code, industry }) => {
    expect(industryForNaics(code)).toMatchObject({ kind: 'mapped', industry });
  });

  it.each(['999999', '10', '999'])('reports %s as unmapped instead of defaulting it', (code) => {
    expect(industryForNaics(code)).toEqual({ kind: 'unmapped', code });
  });

  it.each(['', 'abc', '5', '1234567', '54-1330'])('calls %p invalid', (code) => {
    expect(industryForNaics(code)).toEqual({ kind: 'invalid' });
  });
});

describe('status -> stage', () => {
  it('maps every listed status, case- and space-insensitively', () => {
    for (const [stage, statuses] of Object.entries(STATUS_STAGE_TABLE)) {
      for (const status of statuses) {
        expect(stageForStatus(status)).toBe(stage);
        expect(stageForStatus(`  ${status.toUpperCase()} `)).toBe(stage);
      }
    }
  });

  it('has a label for every stage key and lists no status twice', () => {
    expect(Object.keys(STATUS_STAGE_TABLE).sort()).toEqual(GOVWIN_STAGES.map((s) => s.key).sort());
    const all = Object.values(STATUS_STAGE_TABLE)
      .flat()
      .map((s) => s.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  it('returns undefined for a status it does not know', () => {
    expect(stageForStatus('Status Under Review (simulated)')).toBeUndefined();
  });
});

describe('competition type -> set-aside', () => {
  it.each([
    { title: 'Full and Open / Unrestricted', setAside: 'none' },
    { title: 'Total Small Business Set-Aside', setAside: 'small_business' },
    { title: '8(a) Set-Aside', setAside: '8a' },
    { title: '8a Sole Source', setAside: '8a' },
    { title: 'HUBZone Set-Aside', setAside: 'hubzone' },
    { title: 'Service-Disabled Veteran-Owned Small Business Set-Aside', setAside: 'sdvosb' },
    { title: 'Veteran-Owned Small Business', setAside: 'vosb' },
    { title: 'Economically Disadvantaged Women-Owned Small Business', setAside: 'edwosb' },
    { title: 'Women-Owned Small Business (WOSB)', setAside: 'wosb' },
    { title: 'Indian Small Business Economic Enterprise (ISBEE)', setAside: 'indian_economic' },
  ])('classifies "$title" as $setAside', ({ title, setAside }) => {
    expect(setAsideForTitle(title)).toBe(setAside);
  });

  it('does not read "Section 8 and beyond" as 8(a)', () => {
    expect(setAsideForTitle('Section 8 and beyond')).toBeUndefined();
  });

  it('only emits declared options', () => {
    const values = SET_ASIDE_OPTIONS.map((o) => o.value as string);
    for (const rule of SET_ASIDE_RULES) expect(values).toContain(rule.setAside);
  });
});
