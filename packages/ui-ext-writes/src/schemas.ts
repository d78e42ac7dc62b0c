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
  useEnglishZodMessages,
  ValidationError,
} from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

const P = DEAL_PROP;
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
const list = (values: readonly string[], max: number) =>
  z.array(enumOf(values)).check(z.maxLength(max));
const isoDate = z
  .string()
  .check(
    z.regex(/^[1-9]\d{3}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD')
  );
/** AWS product identifiers: printable, no separators (HubSpot stores the list `;`-joined). */
const productId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][\w.:/+-]{0,254}$/, 'is not an AWS product id'));
const solutionId = z.string().check(z.regex(/^S-[0-9]{1,19}$/, 'must be a solution id (S-digits)'));

export const DealIdSchema = z.string().check(z.regex(HUBSPOT_ID, 'must be a HubSpot deal id'));

/** Fields the update form may change (ACE field rules exist for each). */
export const EditablePropertiesSchema = z.partial(
  z.strictObject({
    [P.dealName]: text(255).check(z.minLength(1)),
    [P.description]: text(2000),
    [P.amount]: z.number().check(z.positive(), z.lte(1e12)),
    [P.closeDate]: isoDate,
    [P.partnerNeed]: list(ACE_ENUM.PrimaryNeedFromAws, 10).check(z.minLength(1)),
    [P.deliveryModel]: list(ACE_ENUM.DeliveryModel, 10).check(z.minLength(1)),
    [P.useCase]: text(255),
    [P.opportunityType]: enumOf(ACE_ENUM.OpportunityType),
    [P.salesActivities]: list(ACE_ENUM.SalesActivity, 10),
    [P.competitorName]: z.union([enumOf(ACE_ENUM.CompetitorName), z.literal('')]),
    [P.otherCompetitorNames]: text(255),
    [P.awsAccountId]: z.union([
      z.string().check(z.regex(/^[0-9]{12}$/, 'must be 12 digits')),
      z.literal(''),
    ]),
    [P.nationalSecurity]: z.union([enumOf(ACE_ENUM.NationalSecurity), z.literal('')]),
    [P.industry]: text(255),
    [P.additionalComments]: text(255),
    [P.nextSteps]: text(255),
    [P.relatedOpportunityId]: z.union([
      z.string().check(z.regex(/^O[0-9]{1,19}$/, 'must be O-digits')),
      z.literal(''),
    ]),
    [P.marketingSource]: enumOf(ACE_ENUM.MarketingSource),
    [P.marketingCampaignName]: text(255),
    [P.marketingChannel]: list(ACE_ENUM.Channel, 10),
    [P.marketingUseCases]: z.array(text(80).check(z.minLength(1))).check(z.maxLength(10)),
    [P.marketingDevFunded]: z.union([enumOf(ACE_ENUM.AwsFundingUsed), z.literal('')]),
    [P.lifecycleStage]: enumOf(ACE_ENUM.Stage),
    [P.closedLostReason]: z.union([enumOf(ACE_ENUM.ClosedLostReason), z.literal('')]),
  })
);

/** Submit adds the association fields to the editable ones (the submitter associates them). */
export const SubmitPropertiesSchema = z.strictObject({
  ...EditablePropertiesSchema.shape,
  [P.solutionId]: z.optional(z.union([solutionId, z.literal('')])),
  [P.awsProducts]: z.optional(z.array(productId).check(z.maxLength(MAX_AWS_PRODUCTS))),
});

export const SubmitBodySchema = z.strictObject({
  dealId: DealIdSchema,
  properties: SubmitPropertiesSchema,
});

export const UpdateBodySchema = z.strictObject({
  dealId: DealIdSchema,
  properties: EditablePropertiesSchema.check(
    z.refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' })
  ),
});

export const AssociationsBodySchema = z.strictObject({
  dealId: DealIdSchema,
  solutionId: z.union([solutionId, z.literal('')]),
  awsProducts: z.array(productId).check(z.maxLength(MAX_AWS_PRODUCTS)),
});

const invitationId = z
  .string()
  .check(z.regex(ACE_INVITATION_ID, 'must be an engagement invitation id'));

export const AcceptReferralBodySchema = z.strictObject({ dealId: DealIdSchema, invitationId });

export const RejectReferralBodySchema = z.strictObject({
  dealId: DealIdSchema,
  invitationId,
  // AWS: printable, 1-80 characters (external-apis §1.5).
  reason: z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(80),
      z.regex(/^[\x20-\x7E]+$/, 'must be printable characters')
    ),
});

/**
 * Parses a writes body, or throws a 422 ValidationError whose `fields` are keyed by HubSpot property name
 * (`govwin_ace_delivery_model`, not `properties.govwin_ace_delivery_model.0`).
 */
export const parseWriteBody = <S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> => {
  useEnglishZodMessages();
  const result = z.safeParse(schema, body);
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
