// Test-only: the card cannot import server code, but its fixtures use the same SDK-derived enums.
import { ACE_ENUM } from '../../../shared-core/src/ace/enums';
import type { CardApi } from '../../src/app/cards/lib/card-api';
import type { CardConfig } from '../../src/app/cards/lib/card-config';

export const NOW = Date.parse('2026-11-23T12:00:00Z');

const opts = (values: readonly string[], strip = false) =>
  values.map((value) => ({ value, label: strip ? value.replace(/^Co-Sell - /, '') : value }));

/** A config as the reads route builds it (enums from the SDK, like the backend). */
export const CONFIG: CardConfig = {
  version: 1,
  catalog: 'Sandbox',
  pipelineId: 'govwin-pipeline',
  triggerStageId: 's-submit',
  triggerStageIds: ['s-submit'],
  referralStageId: 's-referral',
  limits: {
    maxAwsProducts: 20,
    maxSolutions: 10,
    descriptionMinLength: 20,
    descriptionMaxLength: 2000,
    rejectionReasonMaxLength: 80,
  },
  submittableStages: ['Qualified', 'Technical Validation', 'Business Validation', 'Committed'],
  terminalStages: ['Launched', 'Closed Lost'],
  enums: {
    partnerNeed: opts(ACE_ENUM.PrimaryNeedFromAws, true),
    deliveryModel: opts(ACE_ENUM.DeliveryModel),
    salesActivity: opts(ACE_ENUM.SalesActivity),
    opportunityType: opts(ACE_ENUM.OpportunityType),
    competitorName: opts(ACE_ENUM.CompetitorName),
    nationalSecurity: opts(ACE_ENUM.NationalSecurity),
    industry: opts(ACE_ENUM.Industry),
    marketingSource: opts(ACE_ENUM.MarketingSource),
    marketingChannel: opts(ACE_ENUM.Channel),
    awsFundingUsed: opts(ACE_ENUM.AwsFundingUsed),
    lifecycleStage: opts(ACE_ENUM.Stage),
    closedLostReason: opts(ACE_ENUM.ClosedLostReason),
  },
};

/** Deal properties of a GovWin deal ready to submit. */
export const READY_DEAL = {
  dealname: 'Cloud migration for the Department of Examples',
  description: 'The agency must retire its on-premises data centre by 2027.',
  amount: '120000',
  closedate: '2027-06-30T00:00:00.000Z',
  dealstage: 's-ready',
  pipeline: 'govwin-pipeline',
  govwin_opp_id: 'OPP123456',
  govwin_agency: 'Department of Examples',
  govwin_industry: 'Government',
};

/** Deal properties for each card state (what the integration mirrors onto the deal). */
export const DEALS = {
  notEligible: { ...READY_DEAL, pipeline: 'default' },
  ready: READY_DEAL,
  submitting: { ...READY_DEAL, dealstage: 's-submit' },
  failed: {
    ...READY_DEAL,
    dealstage: 's-submit',
    govwin_ace_status_note: 'ACE submission blocked: company needs a website or domain',
  },
  inReview: {
    ...READY_DEAL,
    govwin_aws_cosell_id: 'O1234567',
    govwin_aws_cosell_status: 'In review',
    govwin_ace_lifecycle_stage: 'Qualified',
  },
  actionRequired: {
    ...READY_DEAL,
    govwin_aws_cosell_id: 'O1234567',
    govwin_aws_cosell_status: 'Action Required',
    govwin_ace_next_steps: 'Add the customer website and a contact.',
  },
  approved: {
    ...READY_DEAL,
    govwin_aws_cosell_id: 'O1234567',
    govwin_aws_cosell_status: 'Approved',
    govwin_ace_lifecycle_stage: 'Technical Validation',
  },
  closedLost: {
    ...READY_DEAL,
    govwin_aws_cosell_id: 'O1234567',
    govwin_aws_cosell_status: 'Approved',
    govwin_ace_lifecycle_stage: 'Closed Lost',
    govwin_ace_closed_lost_reason: 'Lost to Competitor',
  },
  launched: {
    ...READY_DEAL,
    govwin_aws_cosell_id: 'O1234567',
    govwin_aws_cosell_status: 'Approved',
    govwin_ace_lifecycle_stage: 'Launched',
  },
  referralPending: {
    dealname: 'AWS referral: data lake modernisation',
    pipeline: 'govwin-pipeline',
    dealstage: 's-referral',
    govwin_ace_invitation_id: 'engi-0000000000abc',
    govwin_ace_invitation_status: 'PENDING',
    govwin_ace_invitation_expires_at: String(NOW + 3 * 86_400_000 + 4 * 3_600_000),
    govwin_ace_invitation_sender: 'AWS',
    govwin_ace_referral_customer: 'State Water Board',
  },
} as const;

type Calls = { name: string; args: unknown[] }[];

/** A fake backend API: records calls; each method resolves (or rejects) as configured. */
export const fakeApi = (over: Partial<CardApi> = {}): CardApi & { calls: Calls } => {
  const calls: Calls = [];
  const rec =
    <A extends unknown[], R>(name: string, impl: (...args: A) => Promise<R>) =>
    (...args: A) => {
      calls.push({ name, args });
      return impl(...args);
    };
  const base: CardApi = {
    config: async () => CONFIG,
    solutions: async () => ({
      solutions: [
        { id: 'S-1000001', name: 'Secure Cloud Landing Zone', category: 'Consulting Service' },
      ],
      stale: false,
    }),
    awsProducts: async () => [
      { id: 'AmazonEC2', name: 'Amazon EC2', family: 'Compute' },
      { id: 'AmazonS3', name: 'Amazon S3', family: 'Storage' },
      { id: 'Other', name: 'Other AWS Service (specify in description)', family: 'Other' },
    ],
    submit: async (dealId) => ({ status: 'queued', dealId }),
    update: async (dealId) => ({ status: 'updated', dealId }),
    associations: async (dealId) => ({ status: 'updated', dealId }),
    acceptReferral: async (dealId) => ({ status: 'accepted', dealId }),
    rejectReferral: async (dealId) => ({ status: 'rejected', dealId }),
  };
  const merged = { ...base, ...over };
  const out = { calls } as CardApi & { calls: Calls };
  for (const [name, impl] of Object.entries(merged))
    (out as unknown as Record<string, unknown>)[name] = rec(
      name,
      impl as (...a: unknown[]) => Promise<unknown>
    );
  return out;
};
