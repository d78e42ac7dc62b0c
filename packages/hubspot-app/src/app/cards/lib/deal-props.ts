// The HubSpot deal properties the card reads through HubSpot itself (useCrmProperties): the rep's own view
// of the deal, and the AWS state the integration mirrors onto it. Names match shared-core's DEAL_PROP; the
// card cannot import server code, so a unit test checks the two lists agree.

export const CARD_PROP = {
  dealName: 'dealname',
  amount: 'amount',
  closeDate: 'closedate',
  description: 'description',
  dealStage: 'dealstage',
  pipeline: 'pipeline',
  govwinOppId: 'govwin_opp_id',
  agency: 'govwin_agency',
  industry: 'govwin_industry',
  partnerNeed: 'govwin_ace_partner_need',
  deliveryModel: 'govwin_ace_delivery_model',
  solutionId: 'govwin_ace_solution_id',
  useCase: 'govwin_ace_use_case',
  opportunityType: 'govwin_ace_opportunity_type',
  salesActivities: 'govwin_ace_sales_activities',
  competitorName: 'govwin_ace_competitor_name',
  otherCompetitorNames: 'govwin_ace_other_competitor_names',
  awsAccountId: 'govwin_ace_aws_account_id',
  nationalSecurity: 'govwin_ace_national_security',
  awsProducts: 'govwin_ace_aws_products',
  additionalComments: 'govwin_ace_additional_comments',
  nextSteps: 'govwin_ace_next_steps',
  lifecycleStage: 'govwin_ace_lifecycle_stage',
  closedLostReason: 'govwin_ace_closed_lost_reason',
  cosellId: 'govwin_aws_cosell_id',
  cosellStatus: 'govwin_aws_cosell_status',
  statusNote: 'govwin_ace_status_note',
  invitationId: 'govwin_ace_invitation_id',
  invitationStatus: 'govwin_ace_invitation_status',
  invitationExpiresAt: 'govwin_ace_invitation_expires_at',
  invitationSender: 'govwin_ace_invitation_sender',
  invitationCustomer: 'govwin_ace_referral_customer',
} as const;

/** Every property the card asks HubSpot for. */
export const CARD_PROPERTIES: string[] = Object.values(CARD_PROP);

/** Deal properties as HubSpot hands them to the card. */
export type DealProps = Readonly<Record<string, string | null | undefined>>;

/** A property as trimmed text ('' when unset). */
export const prop = (props: DealProps, name: string): string => (props[name] ?? '').trim();

/** A `;`-joined multi-value property as a list. */
export const propList = (props: DealProps, name: string): string[] =>
  prop(props, name)
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
