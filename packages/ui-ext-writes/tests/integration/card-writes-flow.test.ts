// The card's writes against the real Partner Central simulator (AWS SDK over loopback), real DynamoDB Local
// state (ACE rows, audit log with hash chains, WHK# replay rows, rate buckets through the submitter's
// harness) and an in-memory HubSpot: submit through the card route, let ace-submitter create the
// opportunity, finish the AWS review, then update and re-associate it from the card; and accept an AWS
// referral through the card, the submit queue and ace-submitter until the deal carries its opportunity.
import type { SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseAnyQueueMessage } from '@govwin-ace/hubspot-webhook-receiver';
import {
  makeAceClient,
  makeAwsClients,
  makeCardHandler,
  makeCardReplayGuard,
  makeCardRequestGate,
  signCardRequest,
  verifyChain,
} from '@govwin-ace/shared-core';
import { createTestTables, type TestDynamo } from '@govwin-ace/shared-core/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeAcceptReferral } from '../../../ace-submitter/src/accept-referral';
import { seedDeal } from '../../../ace-submitter/tests/helpers/deals';
import {
  type Harness,
  PARTNER_ACCOUNT,
  REFERRAL_STAGE,
  startHarness,
} from '../../../ace-submitter/tests/helpers/harness';
import { aSubmitMessage, SUBMIT_STAGE } from '../../../ace-submitter/tests/helpers/messages';
import type { CardWriteDeps } from '../../src/card-deps';
import { guardPartnerCentral } from '../../src/guarded-partner-central';
import { makeInvitationClient } from '../../src/invitation-client';
import { makeReferralAcceptQueue } from '../../src/referral-queue';
import { WRITE_ROUTES } from '../../src/routes';
import { makeWriteRoutes } from '../../src/writes';

const SECRET = 'integration-card-secret';
const BASE = 'https://api.example.com/ui-extension';
const READY = 's-ready';
const PIPELINE = 'govwin-pipeline';

let h: Harness;
let replayDb: TestDynamo;
let handler: ReturnType<typeof makeCardHandler>;
let pcClient: { destroy: () => void };
/** Bodies the card put on the submit queue (the SQS client is a recorder; the consumer is real). */
const submitQueue: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  replayDb = await createTestTables();
  const pc = makeAwsClients({
    region: 'us-east-1',
    endpoints: { partnercentral: h.sim.endpoint },
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
    maxAttempts: 1,
  }).partnerCentral();
  pcClient = pc;
  const client = guardPartnerCentral(pc);
  const gates = { read: async () => undefined, write: async () => undefined };
  const deps: CardWriteDeps = {
    // The submitter's real repository, audit log and simulator, but an ACE client behind the card's guard.
    submitter: { ...h.deps, ace: makeAceClient({ client, catalog: 'Sandbox', gates }) },
    invitations: makeInvitationClient({ client, catalog: 'Sandbox', gates }),
    acceptQueue: makeReferralAcceptQueue({
      sqs: {
        send: async (command: SendMessageCommand) => {
          submitQueue.push(command.input.MessageBody ?? '');
          return { $metadata: {} };
        },
      },
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/ace-submit',
    }),
    pipelines: {
      stagesOf: async () => [
        { id: READY, displayOrder: 1 },
        { id: SUBMIT_STAGE, displayOrder: 2 },
      ],
    },
    config: {
      catalog: 'Sandbox',
      pipelineId: PIPELINE,
      triggerStageIds: [SUBMIT_STAGE],
      referralStageId: REFERRAL_STAGE,
      awsAccountId: PARTNER_ACCOUNT,
    },
  };
  const replay = makeCardReplayGuard({
    doc: replayDb.doc,
    tableName: replayDb.tables.entityMappings,
  });
  handler = makeCardHandler({
    gate: makeCardRequestGate({
      routes: WRITE_ROUTES,
      publicBaseUrl: BASE,
      appId: '1234',
      loadSigningSecrets: async () => [SECRET],
      replay,
    }),
    handlers: makeWriteRoutes(deps),
    replay,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
});

afterAll(async () => {
  pcClient.destroy();
  await replayDb.cleanup();
  await h.cleanup();
});

let tick = 0;
const post = (path: string, body: unknown) =>
  signCardRequest({
    method: 'POST',
    path,
    body,
    caller: { userId: '7001', portalId: '99', appId: '1234' },
    publicBaseUrl: BASE,
    secret: SECRET,
    timestamp: Date.now() - tick++,
  });
type Opp = {
  Id: string;
  LifeCycle: { ReviewStatus: string; NextSteps?: string };
  RelatedEntityIdentifiers?: { AwsProducts?: string[] };
};
const opp = (id: string) => h.opportunities().find((o) => (o as Opp).Id === id) as Opp | undefined;

describe('card writes, end to end on the simulators', () => {
  it('submits through the card, then updates and re-associates the opportunity AWS approved', async () => {
    // Arrange: a GovWin deal in the co-sell pipeline, not yet submitted.
    const dealId = seedDeal(h.deals, '8801', { dealstage: READY, pipeline: PIPELINE });

    // Act 1: the rep submits from the card.
    const submitted = await handler(
      post('/submit', {
        dealId,
        properties: {
          govwin_ace_partner_need: ['Co-Sell - Deal Support'],
          govwin_ace_delivery_model: ['Professional Services'],
          govwin_ace_aws_products: ['AmazonS3'],
        },
      })
    );
    // Assert 1: the deal moved to the trigger stage; AWS has not been called by the card.
    expect(submitted.statusCode).toBe(202);
    expect(h.deals.deals.get(dealId)?.dealstage).toBe(SUBMIT_STAGE);
    expect(h.opportunities()).toHaveLength(0);

    // Act 2: HubSpot's dealstage webhook reaches the submitter; AWS reviews and approves.
    const outcome = await h.submit(aSubmitMessage(dealId), { receiveCount: 1 });
    if (outcome.status !== 'submitted') throw new Error(`submit: ${outcome.status}`);
    const oppId = outcome.aceOpportunityId;
    while (h.sim.advanceReview({ catalog: 'Sandbox', id: oppId }) > 0);
    await h.drainEvents();
    expect(opp(oppId)?.LifeCycle.ReviewStatus).toBe('Approved');

    // Act 3: the rep updates next steps and the AWS products from the card.
    const updated = await handler(
      post('/update', { dealId, properties: { govwin_ace_next_steps: 'Technical workshop' } })
    );
    const associated = await handler(
      post('/associations', { dealId, solutionId: '', awsProducts: ['AmazonS3', 'AWSLambda'] })
    );

    // Assert 3: AWS has both changes, HubSpot records them, the audit chain names the rep.
    expect([updated.statusCode, associated.statusCode]).toEqual([200, 200]);
    expect(JSON.parse(updated.body)).toMatchObject({ status: 'updated', aceOpportunityId: oppId });
    expect(opp(oppId)?.LifeCycle.NextSteps).toBe('Technical workshop');
    expect([...(opp(oppId)?.RelatedEntityIdentifiers?.AwsProducts ?? [])].sort()).toEqual([
      'AWSLambda',
      'AmazonS3',
    ]);
    expect(h.deals.deals.get(dealId)?.govwin_ace_aws_products).toBe('AmazonS3;AWSLambda');
    const rows = await h.deps.audit.listByDeal(dealId);
    const byRep = rows.filter((r) => r.actor === 'hubspot-user:7001').map((r) => r.operation);
    expect(byRep).toEqual([
      'hubspot:UpdateDeal',
      'hubspot:UpdateDeal',
      'partnercentral:UpdateOpportunity',
      'hubspot:UpdateDeal',
      'partnercentral:AssociateOpportunity',
      'hubspot:UpdateDeal',
    ]);
    expect(rows.some((r) => r.actor === 'system:ace-submitter')).toBe(true);
    expect(verifyChain(rows)).toEqual({ ok: true });
    expect(h.sim.counters().calls.CreateOpportunity).toBe(1);
  });

  it('accepts an AWS referral from the card: queued, accepted by ace-submitter, one opportunity on the deal', async () => {
    // Arrange: AWS refers a customer; the events handler creates the referral deal.
    const invitationId = h.sim.createInvitation({
      title: 'Fictional referred archive',
      companyName: 'Fictional Referral Agency',
      industry: 'Government',
      websiteUrl: 'https://referral.example.gov',
      countryCode: 'US',
      businessProblem: 'The fictional agency wants to move its case archive to the cloud.',
      targetCompletionDate: '2027-05-31',
    });
    await h.drainEvents();
    const dealId = (await h.deps.repo.findDealByInvitation(invitationId)) ?? '';
    const oppsBefore = h.opportunities().length;

    // Act: the rep accepts on the card; the submit Lambda consumes what the card queued.
    const res = await handler(post('/referral/accept', { dealId, invitationId }));
    const accepting = h.deals.deals.get(dealId)?.govwin_ace_invitation_status;
    const message = parseAnyQueueMessage(submitQueue.at(-1) ?? '');
    if (message.kind !== 'acceptReferral') throw new Error(`queued ${message.kind}`);
    const outcome = await makeAcceptReferral(h.deps)(message, { receiveCount: 1 });
    await h.drainEvents();

    // Assert
    expect(res.statusCode).toBe(202);
    expect(accepting).toBe('ACCEPTING');
    expect(h.opportunities().length - oppsBefore).toBe(1);
    const row = await h.deps.repo.get(dealId);
    expect(outcome).toEqual({ status: 'accepted', aceOpportunityId: row?.aceOpportunityId });
    expect(h.deals.deals.get(dealId)).toMatchObject({
      govwin_ace_invitation_status: 'ACCEPTED',
      govwin_aws_cosell_id: row?.aceOpportunityId,
    });
    expect(h.sim.counters().calls.AcceptEngagementInvitation ?? 0).toBe(0);
    const audit = await h.deps.audit.listByDeal(dealId);
    expect(audit.map((r) => [r.actor, r.operation])).toEqual(
      expect.arrayContaining([
        ['hubspot-user:7001', 'ui-ext-writes:QueueReferralAccept'],
        ['system:ace-submitter', 'partnercentral:StartEngagementByAcceptingInvitationTask'],
      ])
    );
    expect(verifyChain(audit)).toEqual({ ok: true });
  });

  it('refuses a replay of a signed card request through the WHK# row in DynamoDB Local', async () => {
    const dealId = seedDeal(h.deals, '8802', { dealstage: READY, pipeline: PIPELINE });
    const event = post('/submit', {
      dealId,
      properties: { govwin_ace_delivery_model: ['Professional Services'] },
    });
    expect((await handler(event)).statusCode).toBe(202);
    const writes = () => h.deals.writes.filter((w) => w.dealId === dealId);
    expect(writes().map((w) => w.properties)).toEqual([{ dealstage: SUBMIT_STAGE }]);
    const replayed = await handler(event);
    expect(replayed.statusCode).toBe(409);
    expect(writes()).toHaveLength(1);
  });
});
