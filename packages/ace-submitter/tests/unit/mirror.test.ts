import { describe, expect, it } from '@jest/globals';
import { mirrorProperties, type OpportunityState } from '../../src/mirror';

const settings = {
  stageIds: {
    submitted: 'st-sub',
    inReview: 'st-rev',
    approved: 'st-app',
    actionRequired: 'st-act',
    closedLost: 'st-lost',
    closedWon: 'st-won',
  },
} as never;

const state = (o: Partial<OpportunityState> = {}): OpportunityState => ({
  id: 'O123',
  reviewStatus: 'Approved',
  stage: 'Committed',
  closedLostReason: undefined,
  lastModifiedDate: undefined,
  awsProducts: ['Other', 'AmazonS3', 'AmazonEC2'],
  ...o,
});

describe('mirrorProperties', () => {
  it('returns only what differs from the deal', () => {
    // Act
    const props = mirrorProperties(
      state(),
      {
        id: '1',
        properties: {
          govwin_aws_cosell_id: 'O123',
          govwin_aws_cosell_status: 'In review',
          govwin_ace_lifecycle_stage: 'Committed',
          govwin_aws_cosell_products: 'AmazonEC2;AmazonS3',
          dealstage: 'st-rev',
        },
      },
      settings
    );

    // Assert
    expect(props).toEqual({ govwin_aws_cosell_status: 'Approved', dealstage: 'st-app' });
  });

  it('lets a terminal stage decide the deal stage and mirrors the Closed Lost reason', () => {
    // Act
    const props = mirrorProperties(
      state({ stage: 'Closed Lost', closedLostReason: 'Price', awsProducts: undefined }),
      { id: '1', properties: {} },
      settings
    );

    // Assert
    expect(props).toEqual({
      govwin_aws_cosell_id: 'O123',
      govwin_aws_cosell_status: 'Approved',
      govwin_ace_lifecycle_stage: 'Closed Lost',
      govwin_ace_closed_lost_reason: 'Price',
      dealstage: 'st-lost',
    });
  });

  it('leaves the deal stage alone while the opportunity is pending submission', () => {
    // Act
    const props = mirrorProperties(
      state({ reviewStatus: 'Pending Submission', awsProducts: [] }),
      {
        id: '1',
        properties: { dealstage: 'submit-stage' },
      },
      settings
    );

    // Assert
    expect(props).not.toHaveProperty('dealstage');
    expect(props.govwin_aws_cosell_products).toBeUndefined();
  });
});
