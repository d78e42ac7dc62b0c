import { ACE_ENUM, MAX_AWS_PRODUCTS } from '@govwin-ace/shared-core';
import { describe, expect, it } from '@jest/globals';
import { buildCardConfig, CARD_ENUMS } from '../../src/card-config';

const config = buildCardConfig({
  catalog: 'AWS',
  pipelineId: '7001',
  triggerStageIds: ['9001', '9002'],
  referralStageId: '9100',
});

describe('buildCardConfig', () => {
  it('carries the catalog, pipeline and stage ids from configuration', () => {
    expect(config).toMatchObject({
      version: 1,
      catalog: 'AWS',
      pipelineId: '7001',
      triggerStageId: '9001',
      triggerStageIds: ['9001', '9002'],
      referralStageId: '9100',
    });
  });

  it.each(Object.entries(CARD_ENUMS))('offers exactly the SDK values of %s', (name, sdkName) => {
    const values = config.enums[name as keyof typeof CARD_ENUMS].map((o) => o.value);
    expect(values).toEqual([...ACE_ENUM[sdkName]]);
    expect(values.length).toBeGreaterThan(0);
  });

  it('labels partner needs without the Co-Sell prefix but keeps the wire value', () => {
    const need = config.enums.partnerNeed.find((o) => o.value.startsWith('Co-Sell - '));
    expect(need).toBeDefined();
    expect(need?.label).toBe(need?.value.replace('Co-Sell - ', ''));
  });

  it('publishes the association limit and the terminal stages', () => {
    expect(config.limits.maxAwsProducts).toBe(MAX_AWS_PRODUCTS);
    expect(config.terminalStages.sort()).toEqual(['Closed Lost', 'Launched']);
    expect(config.submittableStages).not.toContain('Prospect');
  });
});
