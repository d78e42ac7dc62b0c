import { describe, expect, it } from '@jest/globals';
import { countAlertKinds } from '../../../src/soak/soak-world';

describe('countAlertKinds', () => {
  it('counts published alerts by their kind attribute and names those without one', () => {
    // Arrange
    const published = [
      { attributes: { kind: 'dead-lettered' } },
      { attributes: { kind: 'orphan-opportunity' } },
      { attributes: { kind: 'dead-lettered', team: 'bd' } },
      {},
      { attributes: { team: 'bd' } },
    ];
    // Act
    const kinds = countAlertKinds(published);
    // Assert
    expect(kinds).toEqual({ 'dead-lettered': 2, 'orphan-opportunity': 1, '(no kind)': 2 });
  });
});
