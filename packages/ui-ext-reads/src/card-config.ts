// What the card needs from the backend before it can render a form (prior-art quirk 16: nothing here is
// hard-coded in the card): the catalog, the pipeline and stage ids, the limits, and every closed value set
// the form offers — derived from the Partner Central SDK's own enums, so the card can never offer a value
// AWS would refuse, and an SDK upgrade updates the form without a card release.
import {
  ACE_ENUM,
  type Catalog,
  MAX_AWS_PRODUCTS,
  SUBMITTABLE_STAGES,
  TERMINAL_STAGE_TARGET,
} from '@govwin-ace/shared-core';
import type { ReadsConfig } from './config';

/** One option of a select: the wire value and what the rep reads. */
export interface CardOption {
  value: string;
  label: string;
}

/** The `/config` response body (version 1). */
export interface CardConfig {
  version: 1;
  catalog: Catalog;
  pipelineId: string;
  /** The stage a Submit moves the deal to. */
  triggerStageId: string;
  /** Every stage that counts as "submitting" (the first is `triggerStageId`). */
  triggerStageIds: string[];
  referralStageId: string;
  limits: {
    maxAwsProducts: number;
    maxSolutions: number;
    descriptionMinLength: number;
    descriptionMaxLength: number;
    rejectionReasonMaxLength: number;
  };
  /** Stages a submission may be created in; later stages are reached through updates. */
  submittableStages: string[];
  /** Stages after which the opportunity cannot be edited from the card. */
  terminalStages: string[];
  enums: Record<CardEnumName, CardOption[]>;
}

/** The value sets the card's form uses, each backed by an SDK enum. */
export const CARD_ENUMS = {
  partnerNeed: 'PrimaryNeedFromAws',
  deliveryModel: 'DeliveryModel',
  salesActivity: 'SalesActivity',
  opportunityType: 'OpportunityType',
  competitorName: 'CompetitorName',
  nationalSecurity: 'NationalSecurity',
  industry: 'Industry',
  marketingSource: 'MarketingSource',
  marketingChannel: 'Channel',
  awsFundingUsed: 'AwsFundingUsed',
  lifecycleStage: 'Stage',
  closedLostReason: 'ClosedLostReason',
} as const satisfies Record<string, keyof typeof ACE_ENUM>;

/** A card enum key. */
export type CardEnumName = keyof typeof CARD_ENUMS;

/** Partner needs are long (`Co-Sell - Deal Support`); the card shows the part after the prefix. */
const labelFor = (name: CardEnumName, value: string): string => {
  if (name === 'partnerNeed') return value.replace(/^Co-Sell - /, '');
  if (name === 'competitorName' && value === '*Other') return 'Other (name them)';
  return value;
};

/** Limits that are facts of the AWS API (external-apis §1.6, §1.10). */
export const CARD_LIMITS: CardConfig['limits'] = Object.freeze({
  maxAwsProducts: MAX_AWS_PRODUCTS,
  maxSolutions: 10,
  descriptionMinLength: 20,
  descriptionMaxLength: 2000,
  rejectionReasonMaxLength: 80,
});

/**
 * Builds the `/config` body from the Lambda's configuration.
 * @example buildCardConfig(loadReadsConfig(process.env)).enums.deliveryModel[0] // { value: 'SaaS or PaaS', … }
 */
export const buildCardConfig = (
  config: Pick<ReadsConfig, 'catalog' | 'pipelineId' | 'triggerStageIds' | 'referralStageId'>
): CardConfig => {
  const enums = {} as Record<CardEnumName, CardOption[]>;
  for (const [name, sdkName] of Object.entries(CARD_ENUMS) as [
    CardEnumName,
    keyof typeof ACE_ENUM,
  ][]) {
    enums[name] = (ACE_ENUM[sdkName] as readonly string[]).map((value) => ({
      value,
      label: labelFor(name, value),
    }));
  }
  return {
    version: 1,
    catalog: config.catalog,
    pipelineId: config.pipelineId,
    triggerStageId: config.triggerStageIds[0] ?? '',
    triggerStageIds: [...config.triggerStageIds],
    referralStageId: config.referralStageId,
    limits: { ...CARD_LIMITS },
    submittableStages: [...SUBMITTABLE_STAGES],
    terminalStages: Object.keys(TERMINAL_STAGE_TARGET),
    enums,
  };
};
