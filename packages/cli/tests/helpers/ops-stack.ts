// The local runtime for the operator-command tests: one startLocalStack() per test file, a real HubSpot
// client against the simulator to seed deals, and captured stdout/stderr for running commands.
import { randomUUID } from 'node:crypto';
import { makeHubSpotDealStore } from '@govwin-ace/ace-submitter';
import {
  ASSOCIATION_TYPE,
  COMPANY_PROPS,
  CONTACT_PROPS,
  CREATE_DEAL_PROPS,
  DEAL_PROP,
  type HubSpotClient,
  MAX_CONTACTS,
  makeHttpClient,
  makeHubSpotClient,
  makeTokenBucket,
  mapDealToCreate,
} from '@govwin-ace/shared-core';
import { type LocalStack, startLocalStack } from '../../../local/src/runtime/stack';
import type { CommandIo } from '../../src/command';
import { setupHubSpotCommand } from '../../src/commands/setup-hubspot';
import { makeOpsRuntime } from '../../src/ops/ops-runtime';

/** A started stack plus what the tests need around it. */
export interface OpsStack {
  stack: LocalStack;
  /** The Lambda environment plus HUBSPOT_PORTAL_ID (the CLI's one extra variable). */
  env: Record<string, string>;
  /** The integration's HubSpot client, pointed at the simulator (writes carry changeSource INTEGRATION). */
  hubspot: HubSpotClient;
}

/** Starts the stack (several seconds: DynamoDB Local, simulators, handlers). */
export const startOpsStack = async (): Promise<OpsStack> => {
  // timeScale 10: the simulators' rate windows (HubSpot 100 calls / 10 s) pass ten times faster, so
  // seeding plus several commands per file stay inside them.
  const stack = await startLocalStack({
    opportunityCount: 3,
    visibilityTimeoutMs: 200,
    timeScale: 10,
  });
  const env = { ...stack.env, HUBSPOT_PORTAL_ID: String(stack.hubspot.portalId) };
  const hubspot = makeHubSpotClient({
    http: makeHttpClient({ allowedHosts: ['127.0.0.1'], maxRetries: 5 }),
    baseUrl: stack.hubspot.url,
    accessToken: async () => stack.hubspot.accessToken,
    limiter: makeTokenBucket({ name: 'test-hubspot', capacity: 1000, refillPerSecond: 1000 }),
  });
  return { stack, env, hubspot };
};

/**
 * Prepares the HubSpot schema through the real `setup-hubspot` command, then adds the ACE deal
 * properties it does not create yet (as plain text properties).
 */
export const prepareHubSpot = async (ctx: OpsStack): Promise<void> => {
  const setup = captureIo(ctx.env);
  const code = await setupHubSpotCommand.run([], setup.io);
  if (code !== 0) throw new Error(`setup-hubspot failed: ${setup.stderr()}`);
  const existing = new Set((await ctx.hubspot.listProperties('deals')).map((p) => p.name));
  for (const name of Object.values(DEAL_PROP)) {
    if (existing.has(name)) continue;
    await ctx.hubspot.createProperty('deals', {
      name,
      label: name,
      type: 'string',
      fieldType: 'text',
      groupName: 'govwin',
    });
  }
};

/** Captured output of one command run. */
export interface Captured {
  io: CommandIo;
  stdout: () => string;
  stderr: () => string;
}

/** An io whose streams write into strings (not TTYs: no colour, no progress bars). */
export const captureIo = (env: Readonly<Record<string, string | undefined>>): Captured => {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      env,
    },
    stdout: () => out,
    stderr: () => err,
  };
};

/** Fictional ACE-ready deal properties (GovWin-style, in the local pipeline). */
export const ACE_READY_DEAL = {
  dealname: 'Fictional Records Modernisation',
  amount: '250000',
  closedate: '2027-09-30',
  description: 'A fictional agency wants to digitise and search its archive.',
  govwin_industry: 'Government',
  govwin_ace_partner_need: 'Co-Sell - Architectural Validation',
  govwin_ace_delivery_model: 'Professional Services',
  govwin_ace_use_case: 'Migration / Database Migration',
  govwin_ace_aws_products: 'AmazonS3',
} as const;

let seeded = 0;

/**
 * Creates a company (with a website), a contact and a deal associated with both; returns the deal id.
 * @example const dealId = await seedDeal(ctx.hubspot, { govwin_opp_id: 'OPP200001' });
 */
export const seedDeal = async (
  ctx: OpsStack,
  overrides: Record<string, string> = {}
): Promise<string> => {
  const hubspot = ctx.hubspot;
  const company = await hubspot.createObject('companies', {
    name: 'Fictional Agency of Records',
    website: 'https://records.example.gov',
    country: 'US',
    state: 'VA',
  });
  const contact = await hubspot.createObject('contacts', {
    firstname: 'Pat',
    lastname: 'Example',
    email: `pat.example.${++seeded}@records.example.gov`,
    lifecyclestage: 'opportunity',
  });
  const deal = await hubspot.createDeal(
    {
      ...ACE_READY_DEAL,
      pipeline: ctx.env.PIPELINE_ID ?? '',
      dealstage: await stageId(ctx, 'Opportunity Identified'),
      ...overrides,
    },
    [
      { toId: company.id, associationTypeId: ASSOCIATION_TYPE.dealToCompany },
      { toId: contact.id, associationTypeId: ASSOCIATION_TYPE.dealToContact },
    ]
  );
  return deal.id;
};

/** The id of a stage of the local deal pipeline, by label. */
export const stageId = async (ctx: OpsStack, label: string): Promise<string> => {
  const pipeline = (await ctx.hubspot.listPipelines()).find((p) => p.id === ctx.env.PIPELINE_ID);
  const stage = pipeline?.stages.find((s) => s.label === label);
  if (!stage) throw new Error(`no stage labelled ${label}`);
  return stage.id;
};

/** A rep moves the deal to the submit stage; the webhook and the submitter then run to completion. */
export const submitThroughPipeline = async (ctx: OpsStack, dealId: string): Promise<void> => {
  ctx.stack.hubspot.userEdit({
    objectId: dealId,
    properties: { dealstage: ctx.env.TRIGGER_STAGE_ID },
  });
  // The webhook can land after the queues were polled: settle until the submit queue is drained.
  for (let round = 0; round < 5; round++) {
    await ctx.stack.settle();
    if (ctx.stack.aws.queue('ace-submit').depth().total === 0) break;
  }
};

/**
 * Records a completed submission the way the submitter does, without its queue: the deal is mapped by
 * the shared mapping, the ACE opportunity created in the Partner Central simulator with a reserved
 * ClientToken, the steps, audit rows and the mirrored deal properties written through the repositories
 * and the HubSpot API. Returns the ACE opportunity id.
 */
export const seedSubmission = async (ctx: OpsStack, dealId: string): Promise<string> => {
  const rt = makeOpsRuntime(ctx.env);
  try {
    const deals = makeHubSpotDealStore(rt.hubspot());
    const deal = await deals.getDeal(dealId, CREATE_DEAL_PROPS);
    if (!deal) throw new Error(`deal ${dealId} not found`);
    const company = await deals.getAssociatedCompany(dealId, COMPANY_PROPS);
    const contacts = await deals.getAssociatedContacts(dealId, CONTACT_PROPS, MAX_CONTACTS);
    const mapping = mapDealToCreate({
      deal,
      company: company?.properties,
      contacts: contacts.map((c) => c.properties),
      today: new Date().toISOString().slice(0, 10),
    });
    const repo = rt.submissions();
    const token = await repo.reserveClientToken(dealId, 'create', randomUUID());
    const created = await rt.ace().createOpportunity(mapping.body, token);
    const audit = (operation: string, fieldNames: string[]) =>
      rt.audit().append({
        dealId,
        actor: 'system:ace-submitter',
        operation,
        ids: { hubspotDealId: dealId, aceOpportunityId: created.id },
        fieldNames,
        outcome: 'success',
        correlationId: 'seed',
      });
    await audit('partnercentral:CreateOpportunity', [
      'Project.Title',
      'Customer.Account.CompanyName',
    ]);
    await repo.markStep(dealId, 'created', {
      aceOpportunityId: created.id,
      ...(created.lastModifiedDate
        ? { lastModifiedDate: created.lastModifiedDate.toISOString() }
        : {}),
    });
    await repo.markStep(dealId, 'associated');
    await repo.markStep(dealId, 'engagementStarted');
    const opp = await rt.ace().getOpportunity(created.id);
    const review = opp.LifeCycle?.ReviewStatus ?? 'Pending Submission';
    await ctx.hubspot.updateDeal(dealId, {
      [DEAL_PROP.cosellId]: created.id,
      [DEAL_PROP.cosellStatus]: review,
      [DEAL_PROP.lifecycleStage]: opp.LifeCycle?.Stage ?? '',
      [DEAL_PROP.cosellProducts]: (opp.RelatedEntityIdentifiers?.AwsProducts ?? [])
        .sort()
        .join(';'),
    });
    await audit('hubspot:UpdateDeal', [DEAL_PROP.cosellId, DEAL_PROP.cosellStatus]);
    await repo.update(dealId, {
      reviewStatus: review,
      ...(opp.LifeCycle?.Stage ? { lifecycleStage: opp.LifeCycle.Stage } : {}),
    });
    await repo.markStep(dealId, 'writtenBack');
    return created.id;
  } finally {
    rt.close();
  }
};

/**
 * Runs `work` with no AWS credentials anywhere the SDK looks (environment, shared files, instance
 * metadata), then restores the environment the local stack set.
 */
export const withoutAwsCredentials = async <T>(work: () => Promise<T>): Promise<T> => {
  const names = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_EC2_METADATA_DISABLED',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
  ];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  for (const n of names) delete process.env[n];
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  try {
    return await work();
  } finally {
    for (const n of names) {
      const v = saved[n];
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  }
};

/** An environment without the AWS keys the local stack puts into it. */
export const envWithoutKeys = (env: Record<string, string>): Record<string, string> => {
  const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...rest } = env;
  return rest;
};
