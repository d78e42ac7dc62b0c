import type { AceSubmission, AuditRow } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import type { PlannedSubmission } from '../../../src/live/live-discovery';
import {
  classifySubmissions,
  deadLetteredDeals,
  writesBySystem,
} from '../../../src/live/live-outcome';
import { emptySummary, exitCodeOf, summaryLines } from '../../../src/live/live-summary';

const planned = (dealId: string, kind: PlannedSubmission['kind']): PlannedSubmission => ({
  dealId,
  kind,
  inTriggerStage: true,
  hasAwsId: false,
});
const finished = (dealId: string): AceSubmission => ({
  dealId,
  aceOpportunityId: `O${dealId}`,
  clientTokens: {},
  steps: { created: 'a', associated: 'b', engagementStarted: 'c', writtenBack: 'd' },
  parkedEdits: [],
  updatedAt: 'd',
});

describe('classifySubmissions', () => {
  it('tells created, adopted, resumed, already done, failed and skipped apart from the evidence', () => {
    const rows: Record<string, AceSubmission | undefined> = {
      '1': finished('1'),
      '2': finished('2'),
      '3': finished('3'),
      '4': finished('4'),
      '5': undefined,
      '6': { ...finished('6'), steps: { created: 'a' } },
    };
    const ops: Record<string, string[]> = {
      '1': ['partnercentral:CreateOpportunity', 'hubspot:UpdateDeal'],
      '2': ['ace-submitter:AdoptOpportunity'],
      '3': ['partnercentral:StartEngagementFromOpportunityTask'],
    };
    const outcome = classifySubmissions(
      [
        planned('1', 'new'),
        planned('2', 'new'),
        planned('3', 'resume'),
        planned('4', 'done'),
        planned('5', 'new'),
        planned('6', 'new'),
      ],
      {
        rowAfter: (id) => rows[id],
        operationsDuringRun: (id) => ops[id] ?? [],
        deadLettered: new Set(['6']),
      }
    );
    expect(outcome).toEqual({
      created: 1,
      adopted: 1,
      resumed: 1,
      alreadyDone: 1,
      failed: 1,
      skipped: 1,
    });
  });
});

describe('writesBySystem', () => {
  it('counts successful audited writes by the system in the operation name', () => {
    const row = (operation: string, outcome: AuditRow['outcome']) =>
      ({ operation, outcome }) as AuditRow;
    expect(
      writesBySystem([
        row('partnercentral:CreateOpportunity', 'success'),
        row('partnercentral:AssociateOpportunity', 'success'),
        row('partnercentral:UpdateOpportunity', 'refused'),
        row('hubspot:UpdateDeal', 'success'),
      ])
    ).toEqual({ partnercentral: 2, hubspot: 1 });
  });
});

describe('deadLetteredDeals', () => {
  it('reads the deal ids of dead-lettered submit messages and ignores anything else', () => {
    expect(
      deadLetteredDeals(['{"v":1,"dealId":"42"}', 'not json', '{"dealId":7}', '{"dealId":"43"}'])
    ).toEqual(new Set(['42', '43']));
  });
});

describe('live summary', () => {
  it('exits 0 only when every step worked and nothing was dead-lettered', () => {
    const s = emptySummary('Sandbox', '/l');
    s.steps.push({ name: 'a', status: 'ok', detail: '' });
    expect(exitCodeOf(s)).toBe(0);
    expect(exitCodeOf({ ...s, dlqDepth: 1 })).toBe(1);
    expect(
      exitCodeOf({ ...s, steps: [...s.steps, { name: 'b', status: 'failed', detail: '' }] })
    ).toBe(1);
  });

  it('prints the counts, the alert subjects and what happens to dead-lettered work', () => {
    const s = {
      ...emptySummary('Sandbox', '/state/live-lambda-logs.jsonl'),
      submit: {
        queued: 3,
        created: 2,
        adopted: 0,
        resumed: 0,
        alreadyDone: 1,
        failed: 0,
        skipped: 0,
      },
      alerts: ['ACE submission rejected (deal 42)'],
      dlqDepth: 1,
      logLines: 12,
    };
    const text = summaryLines(s).join('\n');
    expect(text).toMatch(/deals submitted: AWS opportunities created\s+2$/m);
    expect(text).toMatch(/adopted \/ resumed \/ already submitted\s+0 \/ 0 \/ 1$/m);
    expect(text).toContain('alert: ACE submission rejected (deal 42)');
    expect(text).toMatch(/handler log lines\s+12 \(\/state\/live-lambda-logs.jsonl\)$/m);
    expect(text).toContain('the next --live run retries them');
  });
});
