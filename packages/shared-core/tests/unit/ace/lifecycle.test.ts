import { ReviewStatus } from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import { mirrorTarget, REVIEW_STATUS_TARGET } from '../../../src/ace/lifecycle';

describe('mirrorTarget', () => {
  it.each([
    ['Approved', 'Launched', undefined, 'closedWon', true],
    ['Approved', 'Closed Lost', 'Price', 'closedLost', true],
    ['In review', 'Closed Lost', 'Price', 'closedLost', true],
    ['Approved', 'Committed', undefined, 'approved', false],
    ['Submitted', 'Qualified', undefined, 'submitted', false],
    ['In review', 'Qualified', undefined, 'inReview', false],
    ['Action Required', 'Qualified', undefined, 'actionRequired', false],
    ['Rejected', 'Qualified', undefined, 'closedLost', false],
    ['Pending Submission', 'Qualified', undefined, undefined, false],
    ['Unknown Status', undefined, undefined, undefined, false],
  ])('(%s, %s) -> %s', (reviewStatus, stage, reason, stageKey, terminal) => {
    // Act
    const target = mirrorTarget({ reviewStatus, stage, closedLostReason: reason });

    // Assert
    expect(target.stageKey).toBe(stageKey);
    expect(target.terminal).toBe(terminal);
    expect(target.closedLostReason).toBe(
      stageKey === 'closedLost' && terminal ? reason : undefined
    );
  });

  it('maps every review status the SDK knows', () => {
    // Act & Assert
    expect(Object.keys(REVIEW_STATUS_TARGET).sort()).toEqual(Object.values(ReviewStatus).sort());
  });
});
