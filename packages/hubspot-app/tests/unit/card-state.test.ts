import { describe, expect, it } from '@jest/globals';
import { DEAL_PROP } from '../../../shared-core/src/ace/deal-properties';
import {
  classifyCardState,
  expiryText,
  POLLING_STATES,
  parseInstant,
} from '../../src/app/cards/lib/card-state';
import { CARD_PROP } from '../../src/app/cards/lib/deal-props';
import { CONFIG, DEALS, NOW } from '../helpers/card-fixtures';

describe('classifyCardState', () => {
  it.each([
    ['notEligible', { kind: 'not-eligible', reason: 'not-in-pipeline' }],
    ['ready', { kind: 'ready', previousFailure: undefined }],
    ['submitting', { kind: 'submitting' }],
    ['failed', { kind: 'ready', previousFailure: DEALS.failed.govwin_ace_status_note }],
    ['inReview', { kind: 'in-review', aceId: 'O1234567', reviewStatus: 'In review' }],
    [
      'actionRequired',
      {
        kind: 'action-required',
        aceId: 'O1234567',
        nextSteps: DEALS.actionRequired.govwin_ace_next_steps,
      },
    ],
    ['approved', { kind: 'approved', aceId: 'O1234567', stage: 'Technical Validation' }],
    ['closedLost', { kind: 'closed-lost', aceId: 'O1234567', reason: 'Lost to Competitor' }],
    ['launched', { kind: 'launched', aceId: 'O1234567' }],
  ] as const)('classifies the %s deal', (name, expected) => {
    expect(classifyCardState(DEALS[name], CONFIG, NOW)).toEqual(expected);
  });

  it('classifies a pending referral with its expiry, customer and sender', () => {
    expect(classifyCardState(DEALS.referralPending, CONFIG, NOW)).toEqual({
      kind: 'referral-pending',
      invitationId: 'engi-0000000000abc',
      expiresAt: NOW + 3 * 86_400_000 + 4 * 3_600_000,
      customer: 'State Water Board',
      sender: 'AWS',
      previousFailure: undefined,
    });
  });

  it('treats ACCEPTING and ACCEPTED without a co-sell id as accepted (AWS is creating the opportunity)', () => {
    for (const status of ['ACCEPTING', 'ACCEPTED'])
      expect(
        classifyCardState(
          { ...DEALS.referralPending, govwin_ace_invitation_status: status },
          CONFIG,
          NOW
        )
      ).toEqual({ kind: 'referral-accepted', invitationId: 'engi-0000000000abc', note: undefined });
    expect(POLLING_STATES).toContain('referral-accepted');
  });

  it('carries the note of a failed accept on a pending referral', () => {
    const failed = { ...DEALS.referralPending, govwin_ace_status_note: 'AWS could not accept it' };
    expect(classifyCardState(failed, CONFIG, NOW)).toMatchObject({
      kind: 'referral-pending',
      previousFailure: 'AWS could not accept it',
    });
  });

  it('treats an expired or answered referral as closed, and an accepted one as accepted', () => {
    const expired = { ...DEALS.referralPending, govwin_ace_invitation_expires_at: String(NOW - 1) };
    const rejected = { ...DEALS.referralPending, govwin_ace_invitation_status: 'REJECTED' };
    const accepted = { ...DEALS.referralPending, govwin_ace_invitation_status: 'ACCEPTED' };
    expect(classifyCardState(expired, CONFIG, NOW).kind).toBe('not-eligible');
    expect(classifyCardState(rejected, CONFIG, NOW).kind).toBe('not-eligible');
    expect(classifyCardState(accepted, CONFIG, NOW).kind).toBe('referral-accepted');
  });

  it('lets a terminal lifecycle stage win over an Approved review status, and Rejected close the deal', () => {
    expect(classifyCardState(DEALS.launched, CONFIG, NOW).kind).toBe('launched');
    const rejected = { ...DEALS.inReview, govwin_aws_cosell_status: 'Rejected' };
    expect(classifyCardState(rejected, CONFIG, NOW)).toMatchObject({
      kind: 'closed-lost',
      reason: 'Rejected by AWS',
    });
  });

  it('shows a referral that AWS turned into an opportunity as that opportunity', () => {
    const bound = {
      ...DEALS.referralPending,
      govwin_aws_cosell_id: 'O7',
      govwin_aws_cosell_status: 'Approved',
    };
    expect(classifyCardState(bound, CONFIG, NOW).kind).toBe('approved');
  });

  it('takes the trigger stage from the backend configuration, not from the card', () => {
    const other = { ...CONFIG, triggerStageIds: ['s-other'] };
    expect(classifyCardState(DEALS.submitting, other, NOW).kind).toBe('ready');
  });
});

describe('expiryText', () => {
  it.each([
    [3 * 86_400_000 + 4 * 3_600_000, 'Expires in 3 days 4 hours'],
    [86_400_000 + 3_600_000, 'Expires in 1 day 1 hour'],
    [2 * 3_600_000 + 5 * 60_000, 'Expires in 2 hours 5 minutes'],
    [30_000, 'Expires in 1 minute'],
    [0, 'Expired'],
  ])('%d ms left -> %s', (left, text) => {
    expect(expiryText(NOW + left, NOW)).toBe(text);
  });

  it('is undefined without a date', () => {
    expect(expiryText(undefined, NOW)).toBeUndefined();
  });
});

describe('parseInstant', () => {
  it('reads epoch seconds, epoch ms and ISO text, and refuses garbage', () => {
    expect(parseInstant('1798675200')).toBe(1_798_675_200_000);
    expect(parseInstant('1798675200000')).toBe(1_798_675_200_000);
    expect(parseInstant('2026-12-31T00:00:00Z')).toBe(1_798_675_200_000);
    expect(parseInstant('soon')).toBeUndefined();
  });
});

describe('CARD_PROP', () => {
  it('names the same HubSpot properties as the backend (shared-core DEAL_PROP)', () => {
    const backend = new Set<string>(Object.values(DEAL_PROP));
    const unknown = Object.values(CARD_PROP).filter((name) => !backend.has(name));
    expect(unknown).toEqual([]);
  });
});
