// The trace's verdict, masking and timeline, from hand-built stories.
import { describe, expect, it } from '@jest/globals';
import type { TraceStory } from '../../../src/commands/trace-collect';
import { dealPropertiesView, timelineOf, verdictOf } from '../../../src/commands/trace-view';

const story = (extra: Partial<TraceStory> = {}): TraceStory => ({
  input: { kind: 'deal', dealId: '42' },
  dealId: '42',
  sources: {
    govwin: { ok: true },
    hubspot: { ok: true },
    mapping: { ok: true },
    ace: { ok: true },
    audit: { ok: true },
    dlq: { ok: true },
  },
  audit: [],
  dlq: [],
  submitStageIds: ['s-submit'],
  deal: { id: '42', properties: { dealstage: 's-open' } },
  ...extra,
});

describe('verdictOf', () => {
  it.each([
    {
      name: 'an opportunity in AWS with a failed task and parked edits',
      s: story({
        ace: {
          id: 'O1',
          reviewStatus: 'Action Required',
          stage: 'Qualified',
          awsProducts: 0,
          solutions: 0,
          tasks: [{ status: 'FAILED', reasonCode: 'OpportunityValidationFailed' }],
        },
        submission: {
          dealId: '42',
          clientTokens: {},
          steps: {},
          parkedEdits: ['govwin_ace_use_case'],
          updatedAt: '',
        },
      }),
      want: 'in AWS as O1 (review Action Required, stage Qualified); AWS failed the last submit task (OpportunityValidationFailed): fix the deal and submit again; 1 edit(s) parked until the AWS review ends (govwin_ace_use_case)',
    },
    {
      name: 'an opportunity Partner Central does not know',
      s: story({ aceId: 'O9', aceMissing: true }),
      want: 'the mapping names ACE opportunity O9, but Partner Central does not know it in this catalog',
    },
    {
      name: 'a deal that never reached a submit stage',
      s: story(),
      want: 'not in AWS: the deal never reached a submit stage (it is in s-open; submit from the ACE card)',
    },
    {
      name: 'a deal in the submit stage without a submission',
      s: story({ deal: { id: '42', properties: { dealstage: 's-submit' } } }),
      want: 'not in AWS: the deal is in a submit stage but no submission was recorded (webhook lost?): run govwin-ace drift --deal to propose a resubmission',
    },
    {
      name: 'a deal when the submit stages are not configured',
      s: story({ submitStageIds: undefined as never }),
      want: 'not in AWS: no submission recorded (the deal is in stage s-open; set SUBMIT_STAGE_IDS to tell whether that is a submit stage)',
    },
    {
      name: 'a GovWin record not synced yet',
      s: story({ deal: undefined as never, dealId: undefined as never, govwinId: 'OPP1' }),
      want: 'GovWin OPP1 has not been synced to HubSpot yet',
    },
  ])('explains $name', ({ s, want }) => {
    if (s.submitStageIds === undefined) delete s.submitStageIds;
    if (s.deal === undefined) delete s.deal;
    expect(verdictOf(s)).toBe(want);
  });
});

describe('dealPropertiesView', () => {
  it('prints ids, enums and dates, and only the length of free text', () => {
    expect(
      dealPropertiesView({
        dealname: 'Secret Project Name',
        description: 'free text',
        dealstage: 's-open',
        govwin_ace_status_note: 'Contact jane.doe@example.gov about the failure',
        govwin_ace_use_case: null,
      })
    ).toEqual({
      dealname: '<set, 19 characters>',
      dealstage: 's-open',
      description: '<set, 9 characters>',
      govwin_ace_status_note: 'Contact [EMAIL] about the failure',
    });
  });
});

describe('timelineOf', () => {
  it('orders events from every source by time', () => {
    const events = timelineOf(
      story({
        watermark: {
          govwinId: 'OPP1',
          updateDate: '2026-01-01T00:00:00.000Z',
          syncedAt: '2026-01-03T00:00:00.000Z',
        },
        audit: [
          {
            dealId: '42',
            seq: 1,
            at: '2026-01-02T00:00:00.000Z',
            actor: 'system:x',
            operation: 'hubspot:UpdateDeal',
            ids: {},
            fieldNames: ['a'],
            outcome: 'success',
            prevHash: '',
            hash: '',
          },
        ],
        deal: { id: '42', properties: { createdate: '1767225600000', dealstage: 's-open' } },
      })
    );
    expect(events.map((e) => [e.at.slice(0, 10), e.source])).toEqual([
      ['2026-01-01', 'hubspot'],
      ['2026-01-02', 'audit'],
      ['2026-01-03', 'govwin'],
    ]);
  });
});
