import { randomUUID } from 'node:crypto';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
// Integration harness: the real AWS SDK against the local Partner Central simulator, real DynamoDB Local
// tables (repository, audit log, event dedup, token buckets), the local runtime's SQS (the update queue the
// events handler hands review-exit replays to) and an in-memory HubSpot. The events handler gets the same
// read-only ACE client as in production, so any Partner Central write from it fails the test.
import {
  type AceRateGates,
  type InvitationClaims,
  makeAceClient,
  makeAceSubmissionRepo,
  makeAuditLog,
  makeAwsClients,
  makeEventDedup,
  makeInvitationClaims,
  makeQuotaLimiter,
} from '@govwin-ace/shared-core';
import { createTestTables } from '@govwin-ace/shared-core/testing';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { LocalAws } from '../../../local/src/runtime/local-aws-server';
import {
  makeSimClock,
  type PartnerCentralEvent,
  type PartnerCentralSimulator,
  type PartnerCentralSimulatorOptions,
  startPartnerCentralSimulator,
} from '../../../local/src/simulators/index';
import { ACE_PACING, type SubmitterDeps, type SubmitterSettings } from '../../src/context';
import { makeAceEventHandler } from '../../src/handle-ace-event';
import { makeReconcile } from '../../src/reconcile';
import { makeSqsReplayRequester } from '../../src/replay-request';
import { makeReplayParked } from '../../src/replay-requested';
import { EVENTS_ACE_CALLS, restrictAceClient } from '../../src/restrict-ace';
import { runSqsBatch } from '../../src/sqs-batch';
import { makeSubmitOpportunity } from '../../src/submit-opportunity';
import { makeUpdateOpportunity } from '../../src/update-opportunity';
import { type FakeDealStore, makeFakeDealStore } from './fake-deal-store';
import { SUBMIT_STAGE } from './messages';
import {
  makeRecordingAlerts,
  makeRecordingLogger,
  makeRecordingMetrics,
  type RecordingLogger,
} from './recorders';

/** The simulated "today" every integration test runs on. */
export const SIM_START = Date.parse('2026-11-23T12:00:00Z');
export const PARTNER_ACCOUNT = '111122223333';

export const STAGES = {
  submitted: 's-submitted',
  inReview: 's-in-review',
  approved: 's-approved',
  actionRequired: 's-action-required',
  closedLost: 'closedlost',
  closedWon: 'closedwon',
} as const;
export const REFERRAL_STAGE = 's-referral';

export interface HarnessOptions {
  /** Real time (quotas bite) instead of a clock that only moves when told. */
  realClock?: boolean;
  /** Pace ACE calls through the shared DynamoDB token buckets (1 write/s, 10 reads/s). */
  pacing?: boolean;
  sim?: PartnerCentralSimulatorOptions;
  retryBaseDelayMs?: number;
}

export interface Harness {
  sim: PartnerCentralSimulator;
  deps: SubmitterDeps & {
    dedup: ReturnType<typeof makeEventDedup>;
    invitationClaims: InvitationClaims;
  };
  deals: FakeDealStore;
  logger: RecordingLogger;
  alerts: ReturnType<typeof makeRecordingAlerts>;
  metrics: ReturnType<typeof makeRecordingMetrics>;
  events: PartnerCentralEvent[];
  solutionId: string;
  settings: SubmitterSettings;
  submit: ReturnType<typeof makeSubmitOpportunity>;
  update: ReturnType<typeof makeUpdateOpportunity>;
  handleEvent: ReturnType<typeof makeAceEventHandler>;
  replayParked: ReturnType<typeof makeReplayParked>;
  /** The local SQS the update queue lives on (its call counters show what the handlers sent). */
  localAws: LocalAws;
  updateQueueUrl: string;
  /**
   * Receives what is visible on the update queue through the SDK and runs it through the update Lambda's
   * batch edge (update + replayParked). Processed records are deleted unless `keep` (a lost
   * acknowledgement: with `visibilityTimeoutSeconds: 0` they are redelivered at once).
   */
  deliverUpdateQueue: (options?: {
    keep?: boolean;
    visibilityTimeoutSeconds?: number;
  }) => Promise<{ records: SQSRecord[]; response: SQSBatchResponse }>;
  reconcile: ReturnType<typeof makeReconcile>;
  /** Feeds every event collected so far to the events handler (in order) and returns their outcomes. */
  drainEvents: () => Promise<{ type: string; status: string }[]>;
  /** Opportunities in the Sandbox catalog, as the simulator holds them. */
  opportunities: () => Record<string, unknown>[];
  cleanup: () => Promise<void>;
}

/** Starts the simulator and fresh tables and wires the cores exactly as the handlers do. */
export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  // Without a real clock, simulated time only moves through sim.advance() (deterministic tests).
  const clock = options.realClock
    ? makeSimClock({ start: SIM_START })
    : makeSimClock({ now: () => SIM_START, start: SIM_START });
  const sim = await startPartnerCentralSimulator({
    clock,
    accountId: PARTNER_ACCOUNT,
    taskDurationMs: 0,
    autoTickMs: 0,
    ...(options.realClock ? {} : { quotas: { writesPerSecond: 10_000, readsPerSecond: 10_000 } }),
    ...options.sim,
  });
  const dyn = await createTestTables();
  const localAws = new LocalAws({ accountId: PARTNER_ACCOUNT });
  await localAws.start();
  const updateQueueUrl = localAws.createQueue('ace-update');
  const aws = makeAwsClients({
    region: 'us-east-1',
    endpoints: { partnercentral: sim.endpoint, sqs: localAws.url },
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'localTestSecret' },
    maxAttempts: 1,
  });
  const pc = aws.partnerCentral();
  const logger = makeRecordingLogger();
  const alerts = makeRecordingAlerts();
  const metrics = makeRecordingMetrics();
  let gates: AceRateGates = { read: async () => undefined, write: async () => undefined };
  if (options.pacing) {
    const pacing = { doc: dyn.doc, tableName: dyn.tables.syncState };
    const write = makeQuotaLimiter('aceWrite', { ...pacing, spec: ACE_PACING.write });
    const read = makeQuotaLimiter('aceRead', { ...pacing, spec: ACE_PACING.read });
    gates = { read: () => read.acquire(), write: () => write.acquire() };
  }
  const ace = makeAceClient({
    client: pc,
    catalog: 'Sandbox',
    gates,
    retry: { baseDelayMs: options.retryBaseDelayMs ?? 20, maxDelayMs: 2_000, maxAttempts: 6 },
    onRetry: (info) => {
      if (info.kind === 'throttling') metrics.count('Throttles');
    },
  });
  const solution = sim
    .inspect()
    .catalogs.Sandbox.solutions.find((s) => (s as { Status?: string }).Status === 'Active') as
    | { Id: string }
    | undefined;
  if (!solution) throw new Error('simulator has no active Sandbox solution');
  const settings: SubmitterSettings = {
    catalog: 'Sandbox',
    pipelineId: 'govwin-pipeline',
    referralStageId: REFERRAL_STAGE,
    submitStageIds: [SUBMIT_STAGE],
    stageIds: STAGES,
    awsAccountId: PARTNER_ACCOUNT,
    defaultSolutionId: solution.Id,
    involvementType: 'Co-Sell',
    visibility: 'Full',
  };
  const deals = makeFakeDealStore();
  const deps = {
    ace,
    repo: makeAceSubmissionRepo({ doc: dyn.doc, tableName: dyn.tables.entityMappings }),
    dedup: makeEventDedup({ doc: dyn.doc, tableName: dyn.tables.entityMappings }),
    invitationClaims: makeInvitationClaims({
      doc: dyn.doc,
      tableName: dyn.tables.entityMappings,
      now: () => clock.now(),
    }),
    deals,
    audit: makeAuditLog({ doc: dyn.doc, tableName: dyn.tables.audit }),
    alerts,
    logger,
    metrics,
    settings,
    now: () => clock.now(),
    newToken: randomUUID,
  };
  const events: PartnerCentralEvent[] = [];
  sim.onEvent((e) => {
    events.push(e);
  });
  const sqs = aws.sqs();
  const handleEvent = makeAceEventHandler({
    ...deps,
    ace: restrictAceClient(ace, Object.keys(EVENTS_ACE_CALLS), 'ace-submitter-events'),
    replays: makeSqsReplayRequester({ sqs, queueUrl: updateQueueUrl }),
  });
  const update = makeUpdateOpportunity(deps);
  const replayParked = makeReplayParked(deps);
  const deliverUpdateQueue: Harness['deliverUpdateQueue'] = async (options = {}) => {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: updateQueueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 30,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      })
    );
    const records = (out.Messages ?? []).map(
      (m) =>
        ({
          messageId: m.MessageId ?? '',
          receiptHandle: m.ReceiptHandle ?? '',
          body: m.Body ?? '',
          attributes: m.Attributes ?? {},
          messageAttributes: {},
          md5OfBody: m.MD5OfBody ?? '',
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:us-east-1:${PARTNER_ACCOUNT}:ace-update`,
          awsRegion: 'us-east-1',
        }) as SQSRecord
    );
    const response = await runSqsBatch({ Records: records }, update, {
      ...deps,
      queue: 'update',
      maxReceiveCount: 5,
      replayParked,
    });
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    if (!options.keep)
      for (const r of records)
        if (!failed.has(r.messageId))
          await sqs.send(
            new DeleteMessageCommand({ QueueUrl: updateQueueUrl, ReceiptHandle: r.receiptHandle })
          );
    return { records, response };
  };
  return {
    sim,
    deps,
    deals,
    logger,
    alerts,
    metrics,
    events,
    solutionId: solution.Id,
    settings,
    submit: makeSubmitOpportunity(deps),
    update,
    handleEvent,
    replayParked,
    localAws,
    updateQueueUrl,
    deliverUpdateQueue,
    reconcile: makeReconcile(deps),
    drainEvents: async () => {
      const out: { type: string; status: string }[] = [];
      while (events.length > 0) {
        const e = events.shift() as PartnerCentralEvent;
        const r = await handleEvent(e);
        out.push({ type: e['detail-type'], status: r.status });
      }
      return out;
    },
    opportunities: () => sim.inspect().catalogs.Sandbox.opportunities,
    cleanup: async () => {
      pc.destroy();
      sqs.destroy();
      await localAws.stop();
      await sim.stop();
      await dyn.cleanup();
    },
  };
};

/** Advances the manual clock used by a harness without a real clock. */
export const advance = (h: Harness, ms: number): number => h.sim.advance(ms);
