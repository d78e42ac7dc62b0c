// The backend configuration the card renders from (GET /ui-extension/config). Catalog, stage ids and every
// option list come from here; the card hard-codes none of them (prior-art quirk 16).

export interface CardOption {
  value: string;
  label: string;
}

export type CardEnumName =
  | 'partnerNeed'
  | 'deliveryModel'
  | 'salesActivity'
  | 'opportunityType'
  | 'competitorName'
  | 'nationalSecurity'
  | 'industry'
  | 'marketingSource'
  | 'marketingChannel'
  | 'awsFundingUsed'
  | 'lifecycleStage'
  | 'closedLostReason';

export interface CardConfig {
  version: 1;
  catalog: 'Sandbox' | 'AWS';
  pipelineId: string;
  triggerStageId: string;
  triggerStageIds: string[];
  referralStageId: string;
  limits: {
    maxAwsProducts: number;
    maxSolutions: number;
    descriptionMinLength: number;
    descriptionMaxLength: number;
    rejectionReasonMaxLength: number;
  };
  submittableStages: string[];
  terminalStages: string[];
  enums: Record<CardEnumName, CardOption[]>;
}

const ENUM_NAMES: readonly CardEnumName[] = [
  'partnerNeed',
  'deliveryModel',
  'salesActivity',
  'opportunityType',
  'competitorName',
  'nationalSecurity',
  'industry',
  'marketingSource',
  'marketingChannel',
  'awsFundingUsed',
  'lifecycleStage',
  'closedLostReason',
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');
const isOptions = (v: unknown): v is CardOption[] =>
  Array.isArray(v) &&
  v.every((o) => isObject(o) && typeof o.value === 'string' && typeof o.label === 'string');

/**
 * Checks a `/config` body before the card relies on it; undefined when it is not a version-1 config
 * (a backend newer or older than the card: the card shows an error instead of guessing).
 */
export const parseCardConfig = (body: unknown): CardConfig | undefined => {
  if (!isObject(body) || body.version !== 1) return undefined;
  const { catalog, pipelineId, triggerStageId, referralStageId, limits, enums } = body;
  if (catalog !== 'Sandbox' && catalog !== 'AWS') return undefined;
  if (typeof pipelineId !== 'string' || typeof triggerStageId !== 'string') return undefined;
  if (typeof referralStageId !== 'string' || !isObject(limits) || !isObject(enums))
    return undefined;
  if (!isStringList(body.triggerStageIds) || !isStringList(body.terminalStages)) return undefined;
  if (!isStringList(body.submittableStages)) return undefined;
  if (!ENUM_NAMES.every((name) => isOptions(enums[name]))) return undefined;
  if (typeof limits.maxAwsProducts !== 'number') return undefined;
  return body as unknown as CardConfig;
};
