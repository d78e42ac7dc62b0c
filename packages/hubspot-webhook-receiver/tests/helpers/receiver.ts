import { makeReceiveWebhook, type ReceiveWebhookDeps } from '../../src/receive-webhook';
import { makeInMemoryReplayGuard, type ReplayGuard } from '../../src/replay-guard';
import { fakeSns, fakeSqs, noSleep, recordingLogger } from './fakes';
import { CURRENT_SECRET, NOW, PREVIOUS_SECRET, TEST_CONFIG } from './webhook-request';

/** A receiver core wired to fakes: in-memory replay guard, recording SQS/SNS/logger/metrics, fixed clock. */
export const aReceiver = (
  o: {
    sqs?: ReturnType<typeof fakeSqs>;
    sns?: ReturnType<typeof fakeSns>;
    replay?: ReplayGuard;
    loadSigningSecrets?: ReceiveWebhookDeps['loadSigningSecrets'];
    now?: () => number;
  } = {}
) => {
  const sqs = o.sqs ?? fakeSqs();
  const sns = o.sns ?? fakeSns();
  const log = recordingLogger();
  const metrics: { name: string; value: number }[] = [];
  const replay = o.replay ?? makeInMemoryReplayGuard({ now: o.now ?? (() => NOW) });
  let n = 0;
  const receive = makeReceiveWebhook({
    config: TEST_CONFIG,
    loadSigningSecrets: o.loadSigningSecrets ?? (async () => [CURRENT_SECRET, PREVIOUS_SECRET]),
    replay,
    sqs,
    sns,
    logger: log.logger,
    metrics: { addMetric: (name, _unit, value) => void metrics.push({ name, value }) },
    now: o.now ?? (() => NOW),
    newCorrelationId: () => `corr-${++n}`,
    enqueueRetry: { sleep: noSleep },
  });
  const metric = (name: string) =>
    metrics.filter((m) => m.name === name).reduce((sum, m) => sum + m.value, 0);
  return { receive, sqs, sns, log, replay, metric };
};

/** Parses a response body. */
export const bodyOf = (res: { body: string }): Record<string, unknown> =>
  JSON.parse(res.body) as Record<string, unknown>;
