import { describe, expect, it } from '@jest/globals';
import { reviewOutcomeFor, reviewSteps, soakReviewScript } from '../../../src/soak/review-plan';

describe('reviewOutcomeFor', () => {
  it('gives the same outcome for the same seed and GovWin id, and a seeded mix overall', () => {
    // Arrange
    const ids = Array.from({ length: 2000 }, (_, i) => `OPP${200000 + i}`);
    // Act
    const outcomes = ids.map((id) => reviewOutcomeFor(3, id));
    const share = (o: string) => outcomes.filter((x) => x === o).length / ids.length;
    // Assert
    expect(ids.map((id) => reviewOutcomeFor(3, id))).toEqual(outcomes);
    expect(share('approved')).toBeGreaterThan(0.55);
    expect(share('approved')).toBeLessThan(0.65);
    for (const o of ['action-required', 'rejected', 'launched', 'closed-lost'])
      expect(share(o)).toBeGreaterThan(0.07);
    expect(ids.some((id) => reviewOutcomeFor(4, id) !== reviewOutcomeFor(3, id))).toBe(true);
  });
});

describe('reviewSteps', () => {
  it('ends a launched review with the Launched stage and a closed-lost one with a reason', () => {
    // Act
    const launched = reviewSteps('launched', 1, 'OPP1');
    const lost = reviewSteps('closed-lost', 1, 'OPP1');
    // Assert
    expect(launched.at(-1)).toMatchObject({ stage: 'Launched' });
    expect(lost.at(-1)).toMatchObject({
      stage: 'Closed Lost',
      closedLostReason: 'Customer Deficiency',
    });
    expect(launched[0]).toMatchObject({ reviewStatus: 'In review', afterMs: 2000 });
  });

  it('shortens every delay by the scale', () => {
    // Act
    const full = reviewSteps('approved', 1, 'OPP1');
    const short = reviewSteps('approved', 1, 'OPP1', 0.25);
    // Assert
    expect(short.map((s) => s.afterMs)).toEqual(full.map((s) => Math.round(s.afterMs * 0.25)));
    expect(full[1]?.afterMs).toBeGreaterThanOrEqual(15_000);
  });
});

describe('soakReviewScript', () => {
  it("plays the outcome of the deal's GovWin id and the approved path for unknown deals", () => {
    // Arrange
    const script = soakReviewScript(1, (dealId) => (dealId === '42' ? 'OPP9' : undefined));
    const ctx = { catalog: 'Sandbox' as const, opportunityId: 'O1', title: undefined };
    // Act
    const known = script({ ...ctx, partnerOpportunityIdentifier: '42' });
    const unknown = script({ ...ctx, partnerOpportunityIdentifier: '43' });
    // Assert
    expect(known).toEqual(reviewSteps(reviewOutcomeFor(1, 'OPP9'), 1, 'OPP9'));
    expect(unknown).toEqual(reviewSteps('approved', 1, 'O1'));
  });
});
