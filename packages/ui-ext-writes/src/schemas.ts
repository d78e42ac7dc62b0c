// Request bodies of the writes routes. Form fields are keyed by their HubSpot property names, so a 422 names
// the same field whether the schema or the ACE mapping rules refused it. Every enum comes from the SDK
// (ACE_ENUM); every object is strict, so an unknown key (`action: 'CreateOpportunity'`) is refused by name.
import {
  ACE_ENUM,
  ACE_INVITATION_ID,
  DEAL_PROP,
  fieldReasons,
  HUBSPOT_ID,
  MAX_AWS_PRODUCTS,
  ValidationError,
} from '@govwin-ace/shared-core';
import { z } from 'zod';

const P = DEAL_PROP;
const text = (max: number) => z.string().trim().max(max);
const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
const list = (values: readonly string[], max: number) => z.array(enumOf(values)).max(max);
const isoDate = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD');
/** AWS product identifiers: printable, no separators (HubSpot stores the list `;`-joined). */
const productId = z.string().regex(/^[A-Za-z0-9][\w.:/+-]{0,254}$/, 'is not an AWS product id');
const solutionId = z.string().regex(/^S-[0-9]{1,19}$/, 'must be a solution id (S-digits)');

export const DealIdSchema = z.string().regex(HUBSPOT_ID, 'must be a HubSpot deal id');

/** Fields the update form may change (ACE field rules exist for each). */
export const EditablePropertiesSchema = z
  .object({
    [P.dealName]: text(255).min(1),
    [P.description]: text(2000),
    [P.amount]: z.number().positive().max(1e12),
    [P.closeDate]: isoDate,
    [P.partnerNeed]: list(ACE_ENUM.PrimaryNeedFromAws, 10).min(1),
    [P.deliveryModel]: list(ACE_ENUM.DeliveryModel, 10).min(1),
    [P.useCase]: text(255),
    [P.opportunityType]: enumOf(ACE_ENUM.OpportunityType),
    [P.salesActivities]: list(ACE_ENUM.SalesActivity, 10),
    [P.competitorName]: z.union([enumOf(ACE_ENUM.CompetitorName), z.literal('')]),
    [P.otherCompetitorNames]: text(255),
    [P.awsAccountId]: z.union([
      z.string().regex(/^[0-9]{12}$/, 'must be 12 digits'),
      z.literal(''),
    ]),
    [P.nationalSecurity]: z.union([enumOf(ACE_ENUM.NationalSecurity), z.literal('')]),
    [P.industry]: text(255),
    [P.additionalComments]: text(255),
    [P.nextSteps]: text(255),
    [P.relatedOpportunityId]: z.union([
      z.string().regex(/^O[0-9]{1,19}$/, 'must be O-digits'),
      z.literal(''),
    ]),
    [P.marketingSource]: enumOf(ACE_ENUM.MarketingSource),
    [P.marketingCampaignName]: text(255),
    [P.marketingChannel]: list(ACE_ENUM.Channel, 10),
    [P.marketingUseCases]: z.array(text(80).min(1)).max(10),
    [P.marketingDevFunded]: z.union([enumOf(ACE_ENUM.AwsFundingUsed), z.literal('')]),
    [P.lifecycleStage]: enumOf(ACE_ENUM.Stage),
    [P.closedLostReason]: z.union([enumOf(ACE_ENUM.ClosedLostReason), z.literal('')]),
  })
  .partial()
  .strict();

/** Submit adds the association fields to the editable ones (the submitter associates them). */
export const SubmitPropertiesSchema = EditablePropertiesSchema.extend({
  [P.solutionId]: z.union([solutionId, z.literal('')]).optional(),
  [P.awsProducts]: z.array(productId).max(MAX_AWS_PRODUCTS).optional(),
}).strict();

export const SubmitBodySchema = z
  .object({ dealId: DealIdSchema, properties: SubmitPropertiesSchema })
  .strict();

export const UpdateBodySchema = z
  .object({
    dealId: DealIdSchema,
    properties: EditablePropertiesSchema.refine((p) => Object.keys(p).length > 0, {
      message: 'must change at least one field',
    }),
  })
  .strict();

export const AssociationsBodySchema = z
  .object({
    dealId: DealIdSchema,
    solutionId: z.union([solutionId, z.literal('')]),
    awsProducts: z.array(productId).max(MAX_AWS_PRODUCTS),
  })
  .strict();

const invitationId = z.string().regex(ACE_INVITATION_ID, 'must be an engagement invitation id');

export const AcceptReferralBodySchema = z.object({ dealId: DealIdSchema, invitationId }).strict();

export const RejectReferralBodySchema = z
  .object({
    dealId: DealIdSchema,
    invitationId,
    // AWS: printable, 1-80 characters (external-apis §1.5).
    reason: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/^[\x20-\x7E]+$/, 'must be printable characters'),
  })
  .strict();

/**
 * Parses a writes body, or throws a 422 ValidationError whose `fields` are keyed by HubSpot property name
 * (`govwin_ace_delivery_model`, not `properties.govwin_ace_delivery_model.0`).
 */
export const parseWriteBody = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> => {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const [path, reason] of Object.entries(fieldReasons(result.error.issues))) {
    const name = path.replace(/^properties\./, '').replace(/\.\d+$/, '');
    fields[name] ??= reason;
  }
  throw new ValidationError(`card write has ${Object.keys(fields).length} invalid field(s)`, {
    publicMessage: 'request has invalid fields',
    fields,
  });
};

export type EditableProperties = z.output<typeof EditablePropertiesSchema>;
export type SubmitProperties = z.output<typeof SubmitPropertiesSchema>;
