// The writes routes wired as the handler wires them, over in-memory HubSpot, Partner Central, state and
// audit doubles (no sockets), plus a signer for card requests.
import { randomUUID } from 'node:crypto';
import type { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SubmitterDeps } from '@govwin-ace/ace-submitter';
import {
  type AceSubmission,
  type AceSubmissionRepo,
  type AuditEntry,
  type AuditLog,
  DEAL_PROP,
  makeAceClient,
  makeCardHandler,
  makeCardRequestGate,
  makeInMemoryReplayStore,
  signCardRequest,
} from '@govwin-ace/shared-core';
import { jest } from '@jest/globals';
import {
  type FakeDealStore,
  makeFakeDealStore,
} from '../../../ace-submitter/tests/helpers/fake-deal-store';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
} from '../../../ace-submitter/tests/helpers/recorders';
import type { CardWriteDeps } from '../../src/card-deps';
import { guardPartnerCentral } from '../../src/guarded-partner-central';
import { makeInvitationClient } from '../../src/invitation-client';
import { makeReferralAcceptQueue } from '../../src/referral-queue';
import { WRITE_ROUTES } from '../../src/routes';
import { makeWriteRoutes } from '../../src/writes';
import { anOpportunity, makeFakePartnerCentral } from './fake-partner-central';

export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const SECRET = 'writes-signing-secret';
export const BASE = 'https://api.example.com/ui-extension';
export const APP_ID = '1234';
export const USER_ID = '7001';
export const PIPELINE = 'govwin-pipeline';
export const TRIGGER = 's-submit';
export const REFERRAL = 's-referral';
export const READY = 's-ready';
export const ACCOUNT = '111122223333';

/** A fake repository holding rows in a map (only what the routes and the shared cores call). */
const makeFakeRepo = () => {
  const rows = new Map<string, AceSubmission>();
  const row = (dealId: string) => {
    const existing = rows.get(dealId);
    if (existing) return existing;
    const fresh: AceSubmission = {
      dealId,
      clientTokens: {},
      steps: {},
      parkedEdits: [],
      updatedAt: '',
    };
    rows.set(dealId, fresh);
    return fresh;
  };
  const repo = {
    get: async (dealId: string | number) => rows.get(String(dealId)),
    update: async (dealId: string | number, fields: Partial<AceSubmission>) => {
      Object.assign(row(String(dealId)), fields);
    },
    findDealByAceId: async (aceId: string) =>
      [...rows.values()].find((r) => r.aceOpportunityId === aceId)?.dealId,
    findDealByInvitation: async (invitationId: string) =>
      [...rows.values()].find((r) => r.invitationId === invitationId)?.dealId,
    addParkedEdits: async (dealId: string | number, props: readonly string[]) => {
      const r = row(String(dealId));
      r.parkedEdits = [...new Set([...r.parkedEdits, ...props])].sort();
    },
  };
  return { rows, repo: repo as unknown as AceSubmissionRepo };
};

const makeFakeAudit = () => {
  const entries: AuditEntry[] = [];
  const audit = {
    append: async (entry: AuditEntry) => {
      entries.push(structuredClone(entry));
      return { ...entry, seq: entries.length } as never;
    },
  } as unknown as AuditLog;
  return { entries, audit };
};

export interface WritesApp {
  handler: ReturnType<typeof makeCardHandler>;
  pc: ReturnType<typeof makeFakePartnerCentral>;
  deals: FakeDealStore;
  rows: Map<string, AceSubmission>;
  audit: AuditEntry[];
  alerts: ReturnType<typeof makeRecordingAlerts>;
  logger: { info: jest.Mock; warn: jest.Mock; error: jest.Mock };
  stages: { id: string; displayOrder: number }[];
  /** SendMessage inputs that reached the (fake) submit queue. */
  queued: SendMessageCommand['input'][];
  /** Makes the next `n` SendMessage calls fail as SQS would after the SDK's retries. */
  failQueue(n: number): void;
}

export const SUBMIT_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/ace-submit';

/** The real accept queue over a fake SQS client that records what it was sent. */
const makeFakeQueue = () => {
  const queued: SendMessageCommand['input'][] = [];
  let failing = 0;
  const sqs = {
    send: async (command: SendMessageCommand) => {
      if (failing > 0) {
        failing -= 1;
        throw Object.assign(new Error('Service Unavailable for Canary Agency'), {
          name: 'ServiceUnavailable',
        });
      }
      queued.push(structuredClone(command.input));
      return { MessageId: `m-${queued.length}`, $metadata: {} };
    },
  };
  return {
    queued,
    failQueue: (n: number) => {
      failing = n;
    },
    queue: makeReferralAcceptQueue({ sqs, queueUrl: SUBMIT_QUEUE_URL }),
  };
};

export const writesApp = (): WritesApp => {
  const pc = makeFakePartnerCentral();
  const deals = makeFakeDealStore();
  const { rows, repo } = makeFakeRepo();
  const { entries, audit } = makeFakeAudit();
  const alerts = makeRecordingAlerts();
  const fakeQueue = makeFakeQueue();
  const client = guardPartnerCentral({ send: pc.send } as never);
  const gates = { read: async () => undefined, write: async () => undefined };
  const stages = [
    { id: 's-new', displayOrder: 0 },
    { id: READY, displayOrder: 1 },
    { id: TRIGGER, displayOrder: 2 },
    { id: REFERRAL, displayOrder: 3 },
  ];
  const submitter: SubmitterDeps = {
    ace: makeAceClient({ client, catalog: 'Sandbox', gates, retry: { maxAttempts: 1 } }),
    repo,
    deals,
    audit,
    alerts,
    logger: makeRecordingLogger(),
    metrics: { count: () => undefined },
    settings: {
      catalog: 'Sandbox',
      pipelineId: PIPELINE,
      referralStageId: REFERRAL,
      submitStageIds: [TRIGGER],
      stageIds: {
        submitted: '',
        inReview: '',
        approved: '',
        actionRequired: '',
        closedLost: '',
        closedWon: '',
      },
      awsAccountId: ACCOUNT,
      defaultSolutionId: undefined,
      involvementType: 'Co-Sell',
      visibility: 'Full',
    },
    now: () => NOW,
    newToken: randomUUID,
  };
  const deps: CardWriteDeps = {
    submitter,
    invitations: makeInvitationClient({ client, catalog: 'Sandbox', gates, maxAttempts: 1 }),
    acceptQueue: fakeQueue.queue,
    pipelines: { stagesOf: async () => stages },
    config: {
      catalog: 'Sandbox',
      pipelineId: PIPELINE,
      triggerStageIds: [TRIGGER],
      referralStageId: REFERRAL,
      awsAccountId: ACCOUNT,
    },
  };
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const handler = makeCardHandler({
    gate: makeCardRequestGate({
      routes: WRITE_ROUTES,
      publicBaseUrl: BASE,
      appId: APP_ID,
      loadSigningSecrets: async () => [SECRET],
      replay: makeInMemoryReplayStore({ now: () => NOW }),
      now: () => NOW,
    }),
    handlers: makeWriteRoutes(deps),
    logger,
  });
  return {
    handler,
    pc,
    deals,
    rows,
    audit: entries,
    alerts,
    logger,
    stages,
    queued: fakeQueue.queued,
    failQueue: fakeQueue.failQueue,
  };
};

let tick = 0;
/** A POST signed as hubspot.fetch signs it (a fresh timestamp each call, so no accidental replay). */
export const signedPost = (path: string, body: unknown, timestamp?: number) =>
  signCardRequest({
    method: 'POST',
    path,
    body,
    caller: { userId: USER_ID, portalId: '99', appId: APP_ID },
    publicBaseUrl: BASE,
    secret: SECRET,
    timestamp: timestamp ?? NOW - 1000 + (tick++ % 500),
  });

/** A POST to any path (allowed or not), signed for that path. */
export const signCard = (path: string, body: unknown) =>
  signCardRequest({
    method: 'POST',
    path,
    body,
    caller: { userId: USER_ID, portalId: '99', appId: APP_ID },
    publicBaseUrl: BASE,
    secret: SECRET,
    timestamp: NOW - 2000 + (tick++ % 500),
  });

/** A deal ready to submit: in the pipeline, valid ACE fields, a customer company with a website. */
export const seedReadyDeal = (
  app: WritesApp,
  dealId = '42',
  over: Record<string, string | null> = {}
) => {
  app.deals.deals.set(dealId, {
    [DEAL_PROP.dealName]: 'Cloud migration for the agency',
    [DEAL_PROP.description]: 'The agency must retire its on-premises data centre by 2027.',
    [DEAL_PROP.amount]: '120000',
    [DEAL_PROP.closeDate]: '2027-06-30T00:00:00.000Z',
    [DEAL_PROP.pipeline]: PIPELINE,
    [DEAL_PROP.dealStage]: READY,
    [DEAL_PROP.govwinOppId]: 'OPP123456',
    [DEAL_PROP.agency]: 'Department of Examples',
    [DEAL_PROP.industry]: 'Government',
    ...over,
  });
  app.deals.companies.set(dealId, {
    name: 'Department of Examples',
    website: 'https://dept.example.gov',
    country: 'US',
    state: 'VA',
  });
};

/** A complete submit form. */
export const aSubmitForm = (over: Record<string, unknown> = {}) => ({
  [DEAL_PROP.partnerNeed]: ['Co-Sell - Deal Support'],
  [DEAL_PROP.deliveryModel]: ['Professional Services'],
  [DEAL_PROP.opportunityType]: 'Net New Business',
  [DEAL_PROP.salesActivities]: ['Initialized discussions with customer'],
  [DEAL_PROP.useCase]: 'Migration',
  [DEAL_PROP.awsProducts]: ['AmazonEC2', 'AmazonS3'],
  [DEAL_PROP.closeDate]: '2027-06-30',
  ...over,
});

/** A deal already bound to an ACE opportunity (row + mirrored properties + the opportunity itself). */
export const seedSubmittedDeal = (
  app: WritesApp,
  dealId = '42',
  aceId = 'O1000001',
  oppOver: Record<string, unknown> = {}
) => {
  seedReadyDeal(app, dealId, {
    [DEAL_PROP.dealStage]: 's-approved',
    [DEAL_PROP.cosellId]: aceId,
    [DEAL_PROP.cosellStatus]: 'Approved',
    [DEAL_PROP.partnerNeed]: 'Co-Sell - Deal Support',
    [DEAL_PROP.deliveryModel]: 'Professional Services',
    [DEAL_PROP.awsProducts]: 'AmazonEC2',
    [DEAL_PROP.solutionId]: 'S-100',
  });
  app.rows.set(dealId, {
    dealId,
    aceOpportunityId: aceId,
    clientTokens: {},
    steps: {},
    parkedEdits: [],
    updatedAt: '',
    reviewStatus: 'Approved',
    lifecycleStage: 'Qualified',
  });
  app.pc.opportunities.set(aceId, anOpportunity(aceId, dealId, oppOver));
};

/** Parses a handler response body. */
export const bodyOf = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;
