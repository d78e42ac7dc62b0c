// One rule per BD-editable deal property: how its value lands in the opportunity body. The create mapping
// runs every rule on an empty body; the update path runs the changed property's rule on the scrubbed echo
// of the live opportunity. Sharing the rules keeps both paths identical (prior-art quirks 2, 3 and 4).
import type { AceUpdateBody } from './client';
import { DEAL_PROP } from './deal-properties';
import { isAceEnumValue } from './enums';
import { SUBMITTABLE_STAGES } from './lifecycle';
import type { FieldProblems } from './mapping-errors';
import { cleanText, monthlySpend, normalisePartnerNeeds, splitMulti, toIsoDate } from './normalise';
import { normaliseMarketing } from './scrub-for-update';

/** Deal (or company/contact) properties as HubSpot returns them. */
export type PropertyBag = Readonly<Record<string, string | null | undefined>>;

/** The opportunity body the rules edit (the part Create and Update share). */
export type OpportunityBody = AceUpdateBody;

/** Context of one rule run. */
export interface RuleContext {
  mode: 'create' | 'update';
  /** Today (UTC) as `YYYY-MM-DD`, from an injected clock. */
  today: string;
}

/** A rule: which deal properties it reads and how it edits the body. */
export interface FieldRule {
  readonly triggers: readonly string[];
  readonly reads: readonly string[];
  apply(body: OpportunityBody, props: PropertyBag, problems: FieldProblems, ctx: RuleContext): void;
}

/** The one place the customer's AWS account id goes (prior-art quirk 4). */
export const AWS_ACCOUNT_ID_FIELD = 'Customer.Account.AwsAccountId' as const;

const P = DEAL_PROP;
const project = (b: OpportunityBody) => {
  b.Project ??= {};
  return b.Project;
};
const lifeCycle = (b: OpportunityBody) => {
  b.LifeCycle ??= {};
  return b.LifeCycle;
};
const account = (b: OpportunityBody) => {
  b.Customer ??= {};
  b.Customer.Account ??= { CompanyName: undefined };
  return b.Customer.Account;
};
const setOrDelete = <T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined) => {
  if (v === undefined) delete o[k];
  else o[k] = v;
};

const readEnumList = (
  name: 'DeliveryModel' | 'SalesActivity' | 'Channel' | 'PrimaryNeedFromAws',
  values: string[],
  field: string,
  problems: FieldProblems
) => {
  const bad = values.filter((v) => !isAceEnumValue(name, v));
  if (bad.length > 0) problems.addEnum(field, name, bad.length);
  return values.filter((v) => isAceEnumValue(name, v));
};

const title: FieldRule = {
  triggers: [P.dealName],
  reads: [P.dealName],
  apply: (b, props, problems) => {
    const t = cleanText(props[P.dealName], 255);
    if (!t) problems.add(P.dealName, 'is required (the opportunity title)');
    else project(b).Title = t;
  },
};

const businessProblem: FieldRule = {
  triggers: [P.description, P.primaryRequirement],
  reads: [P.description, P.primaryRequirement, P.dealName],
  apply: (b, props, problems) => {
    let text =
      cleanText(props[P.description], 2000) ?? cleanText(props[P.primaryRequirement], 2000);
    const t = cleanText(props[P.dealName], 200);
    // AWS wants 20-2000 characters; a short description is prefixed with the title.
    if (text && text.length < 20 && t) text = `${t}: ${text}`.slice(0, 2000);
    if (!text || text.length < 20)
      problems.add(P.description, 'must describe the customer problem in 20-2000 characters');
    else project(b).CustomerBusinessProblem = text;
  },
};

const spend: FieldRule = {
  triggers: [P.amount],
  reads: [P.amount],
  apply: (b, props, problems) => {
    const monthly = monthlySpend(props[P.amount]);
    // AWS needs an expected spend to accept a submission, so the amount is required on every path.
    if (!monthly) {
      problems.add(P.amount, 'is required (a positive amount: AWS needs an expected spend)');
      return;
    }
    // Deal amount is a contract value; ACE wants a monthly AWS estimate (documented in docs/ace-mapping.md).
    project(b).ExpectedCustomerSpend = [
      { Amount: monthly, CurrencyCode: 'USD', Frequency: 'Monthly', TargetCompany: 'AWS' },
    ];
  },
};

const closeDate: FieldRule = {
  triggers: [P.closeDate],
  reads: [P.closeDate],
  apply: (b, props, problems, ctx) => {
    const d = toIsoDate(props[P.closeDate]);
    if (!d) problems.add(P.closeDate, 'is required (a valid close date)');
    else if (d < ctx.today) problems.add(P.closeDate, 'must not be in the past');
    else lifeCycle(b).TargetCloseDate = d;
  },
};

const textField = (
  prop: string,
  max: number,
  set: (b: OpportunityBody, v: string | undefined) => void
): FieldRule => ({
  triggers: [prop],
  reads: [prop],
  apply: (b, props) => set(b, cleanText(props[prop], max)),
});

const useCase = textField(P.useCase, 255, (b, v) => {
  if (v) project(b).CustomerUseCase = v;
  else if (b.Project) delete b.Project.CustomerUseCase;
});
const additionalComments = textField(P.additionalComments, 255, (b, v) => {
  if (v) project(b).AdditionalComments = v;
  else if (b.Project) delete b.Project.AdditionalComments;
});
const nextSteps = textField(P.nextSteps, 255, (b, v) => {
  if (v) lifeCycle(b).NextSteps = v;
  else if (b.LifeCycle) delete b.LifeCycle.NextSteps;
});

const competitor: FieldRule = {
  triggers: [P.competitorName, P.otherCompetitorNames],
  reads: [P.competitorName, P.otherCompetitorNames],
  apply: (b, props, problems) => {
    const name = cleanText(props[P.competitorName], 255);
    if (!name) {
      if (b.Project) {
        delete b.Project.CompetitorName;
        delete b.Project.OtherCompetitorNames;
      }
      return;
    }
    if (!isAceEnumValue('CompetitorName', name)) {
      problems.addEnum(P.competitorName, 'CompetitorName');
      return;
    }
    const p = project(b);
    p.CompetitorName = name;
    // `*Other` unlocks the free-text names; any other value must not carry them.
    setOrDelete(
      p,
      'OtherCompetitorNames',
      name === '*Other' ? cleanText(props[P.otherCompetitorNames], 255) : undefined
    );
  },
};

const relatedOpportunity: FieldRule = {
  triggers: [P.relatedOpportunityId],
  reads: [P.relatedOpportunityId],
  apply: (b, props, problems) => {
    const v = cleanText(props[P.relatedOpportunityId], 40);
    if (!v) {
      if (b.Project) delete b.Project.RelatedOpportunityIdentifier;
    } else if (!/^O[0-9]{1,19}$/.test(v)) {
      problems.add(P.relatedOpportunityId, 'must be an ACE opportunity id (O followed by digits)');
    } else project(b).RelatedOpportunityIdentifier = v;
  },
};

const awsAccountId: FieldRule = {
  triggers: [P.awsAccountId],
  reads: [P.awsAccountId],
  apply: (b, props, problems) => {
    const v = (props[P.awsAccountId] ?? '').replace(/[\s-]/g, '');
    if (!v) {
      if (b.Customer?.Account) delete b.Customer.Account.AwsAccountId;
    } else if (!/^[0-9]{12}$/.test(v)) {
      problems.add(P.awsAccountId, 'must be a 12-digit AWS account id');
    } else account(b).AwsAccountId = v;
  },
};

const lifecycleStage: FieldRule = {
  triggers: [P.lifecycleStage, P.closedLostReason],
  reads: [P.lifecycleStage, P.closedLostReason],
  apply: (b, props, problems, ctx) => {
    const stage = cleanText(props[P.lifecycleStage], 80);
    const reason = cleanText(props[P.closedLostReason], 80);
    if (!stage) {
      if (ctx.mode === 'create') lifeCycle(b).Stage = 'Qualified';
      // An update with no stage leaves the live stage alone; an orphan reason is dropped below.
    } else if (!isAceEnumValue('Stage', stage)) {
      problems.addEnum(P.lifecycleStage, 'Stage');
      return;
    } else if (ctx.mode === 'create' && !SUBMITTABLE_STAGES.includes(stage)) {
      problems.add(
        P.lifecycleStage,
        `must be one of ${SUBMITTABLE_STAGES.join(' | ')} to submit to AWS`
      );
      return;
    } else lifeCycle(b).Stage = stage;
    const lc = b.LifeCycle;
    if (lc?.Stage === 'Closed Lost') {
      if (!reason) problems.add(P.closedLostReason, 'is required when the stage is Closed Lost');
      else if (!isAceEnumValue('ClosedLostReason', reason))
        problems.addEnum(P.closedLostReason, 'ClosedLostReason');
      else lc.ClosedLostReason = reason;
    } else if (lc) delete lc.ClosedLostReason;
  },
};

const partnerNeed: FieldRule = {
  triggers: [P.partnerNeed],
  reads: [P.partnerNeed],
  apply: (b, props, problems) => {
    const needs = normalisePartnerNeeds(props[P.partnerNeed]);
    if (needs.length === 0) {
      problems.add(P.partnerNeed, 'is required (at least one co-sell need)');
      return;
    }
    const valid = readEnumList('PrimaryNeedFromAws', needs, P.partnerNeed, problems);
    if (valid.length === needs.length)
      b.PrimaryNeedsFromAws = valid as OpportunityBody['PrimaryNeedsFromAws'];
  },
};

const deliveryModels: FieldRule = {
  triggers: [P.deliveryModel],
  reads: [P.deliveryModel],
  apply: (b, props, problems) => {
    const values = splitMulti(props[P.deliveryModel]);
    if (values.length === 0) {
      problems.add(P.deliveryModel, 'is required (at least one delivery model)');
      return;
    }
    const valid = readEnumList('DeliveryModel', values, P.deliveryModel, problems);
    if (valid.length === values.length)
      project(b).DeliveryModels = valid as NonNullable<
        OpportunityBody['Project']
      >['DeliveryModels'];
  },
};

const salesActivities: FieldRule = {
  triggers: [P.salesActivities],
  reads: [P.salesActivities],
  apply: (b, props, problems) => {
    const values = splitMulti(props[P.salesActivities]);
    if (values.length === 0) {
      if (b.Project) delete b.Project.SalesActivities;
      return;
    }
    const valid = readEnumList('SalesActivity', values, P.salesActivities, problems);
    if (valid.length === values.length)
      project(b).SalesActivities = valid as NonNullable<
        OpportunityBody['Project']
      >['SalesActivities'];
  },
};

const nationalSecurity: FieldRule = {
  triggers: [P.nationalSecurity],
  reads: [P.nationalSecurity],
  apply: (b, props, problems) => {
    const v = cleanText(props[P.nationalSecurity], 10);
    if (!v) delete b.NationalSecurity;
    else if (!isAceEnumValue('NationalSecurity', v))
      problems.addEnum(P.nationalSecurity, 'NationalSecurity');
    else b.NationalSecurity = v;
  },
};

const opportunityType: FieldRule = {
  triggers: [P.opportunityType],
  reads: [P.opportunityType],
  apply: (b, props, problems, ctx) => {
    const v = cleanText(props[P.opportunityType], 40);
    // Default only on create; a blank value on update keeps what AWS has.
    if (!v) {
      if (ctx.mode === 'create') b.OpportunityType = 'Net New Business';
    } else if (!isAceEnumValue('OpportunityType', v))
      problems.addEnum(P.opportunityType, 'OpportunityType');
    else b.OpportunityType = v;
  },
};

const industry: FieldRule = {
  triggers: [P.industry],
  reads: [P.industry],
  apply: (b, props, _problems, ctx) => {
    const v = cleanText(props[P.industry], 255);
    const a = account(b);
    if (!v) {
      // GovWin deals are public-sector customers: Government is the documented default on create.
      if (ctx.mode === 'create') a.Industry = 'Government';
      return;
    }
    if (isAceEnumValue('Industry', v)) {
      a.Industry = v;
      delete a.OtherIndustry;
    } else {
      a.Industry = 'Other';
      a.OtherIndustry = v;
    }
  },
};

const marketing: FieldRule = {
  triggers: [
    P.marketingSource,
    P.marketingCampaignName,
    P.marketingUseCases,
    P.marketingChannel,
    P.marketingDevFunded,
  ],
  reads: [
    P.marketingSource,
    P.marketingCampaignName,
    P.marketingUseCases,
    P.marketingChannel,
    P.marketingDevFunded,
  ],
  apply: (b, props, problems) => {
    const source = cleanText(props[P.marketingSource], 40) ?? 'None';
    if (!isAceEnumValue('MarketingSource', source)) {
      problems.addEnum(P.marketingSource, 'MarketingSource');
      return;
    }
    if (source !== 'Marketing Activity') {
      b.Marketing = { Source: source };
      return;
    }
    const channels = readEnumList(
      'Channel',
      splitMulti(props[P.marketingChannel]),
      P.marketingChannel,
      problems
    );
    const funded = cleanText(props[P.marketingDevFunded], 5);
    if (funded && !isAceEnumValue('AwsFundingUsed', funded))
      problems.addEnum(P.marketingDevFunded, 'AwsFundingUsed');
    const useCases = splitMulti(props[P.marketingUseCases]).map((u) => u.slice(0, 80));
    if (funded === 'No' && useCases.length > 0)
      problems.add(P.marketingUseCases, 'must be empty when AWS funding was not used');
    b.Marketing = normaliseMarketing({
      Source: source,
      CampaignName: cleanText(props[P.marketingCampaignName], 255),
      UseCases: useCases,
      Channels: channels as NonNullable<OpportunityBody['Marketing']>['Channels'],
      AwsFundingUsed: funded && isAceEnumValue('AwsFundingUsed', funded) ? funded : undefined,
    });
  },
};

/** Every rule, in the order the create mapping applies them. */
export const FIELD_RULES: readonly FieldRule[] = [
  title,
  businessProblem,
  spend,
  closeDate,
  useCase,
  additionalComments,
  nextSteps,
  competitor,
  relatedOpportunity,
  awsAccountId,
  lifecycleStage,
  partnerNeed,
  deliveryModels,
  salesActivities,
  nationalSecurity,
  opportunityType,
  industry,
  marketing,
];

/** Cross-field check: NationalSecurity `Yes` is only allowed for Government customers. */
export const checkNationalSecurity = (b: OpportunityBody, problems: FieldProblems): void => {
  if (b.NationalSecurity === 'Yes' && b.Customer?.Account?.Industry !== 'Government')
    problems.add(P.nationalSecurity, 'can be Yes only when the industry is Government');
};

/** The rule that handles a changed deal property, if the property feeds ACE at all. */
export const ruleFor = (property: string): FieldRule | undefined =>
  FIELD_RULES.find((r) => r.triggers.includes(property));
