// The orchestrator's use case: make sure a GovWin token is at hand, discover, drop the opportunities
// whose watermark shows no change, and fan the rest out to SQS in messages of `batchSize`. Watermarks
// never expire (prior-art §22 Q8), so an unchanged opportunity is never synced again.
import type { GovWinAuth, GovWinClient, WatermarkRepo } from '@govwin-ace/shared-core';
import { AppError } from '@govwin-ace/shared-core';
import { type DiscoveryMode, discover } from './discover';
import { type LogPort, type MetricsPort, SYNC_METRIC } from './ports';
import {
  encodeSyncMessage,
  MAX_OPPORTUNITIES_PER_MESSAGE,
  type OpportunityRef,
} from './sync-message';

/** Sends message bodies; resolves how many could not be sent after its own retries. */
export type Enqueue = (bodies: readonly string[]) => Promise<{ failed: number }>;

/** Dependencies of {@link makeOrchestrate}. */
export interface OrchestrateDeps {
  auth: Pick<GovWinAuth, 'beginRun' | 'getAccessToken'>;
  govwin: GovWinClient;
  watermarks: WatermarkRepo;
  enqueue: Enqueue;
  mode: DiscoveryMode;
  oppType?: string;
  /** Opportunities per SQS message (1..100). */
  batchSize: number;
  log: LogPort;
  metrics: MetricsPort;
  now?: () => number;
}

/** What one orchestrator run did (returned by the handler; ids are not included). */
export interface OrchestrateResult {
  mode: DiscoveryMode['kind'];
  discovered: number;
  invalid: number;
  changed: number;
  messages: number;
  failedMessages: number;
  truncated: boolean;
  govwinListCalls: number;
}

/** Splits refs into messages of at most `size`. */
export const toMessages = (refs: readonly OpportunityRef[], size: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < refs.length; i += size) out.push(encodeSyncMessage(refs.slice(i, i + size)));
  return out;
};

/**
 * Creates the orchestrator use case. Throws (so the schedule records a failure and the alarm fires)
 * when messages could not be enqueued; they are rediscovered on the next run.
 * @example const result = await makeOrchestrate(deps)();
 */
export const makeOrchestrate = (deps: OrchestrateDeps) => async (): Promise<OrchestrateResult> => {
  if (
    !Number.isInteger(deps.batchSize) ||
    deps.batchSize < 1 ||
    deps.batchSize > MAX_OPPORTUNITIES_PER_MESSAGE
  ) {
    throw new AppError(`batch size must be 1..${MAX_OPPORTUNITIES_PER_MESSAGE}`, {
      code: 'CONFIG_INVALID',
    });
  }
  const now = deps.now ?? Date.now;
  const started = now();
  deps.auth.beginRun();
  // Fail fast on credentials before listing: the token is cached for the workers too.
  await deps.auth.getAccessToken();
  const cursor = deps.mode.kind === 'search' ? await deps.watermarks.getCursor() : undefined;
  const found = await discover(deps.govwin, deps.mode, {
    now: started,
    ...(deps.oppType ? { oppType: deps.oppType } : {}),
    ...(cursor ? { cursor } : {}),
  });
  for (const bad of found.invalid) deps.log.warn('GovWin listing item rejected', bad);
  if (found.truncated) {
    deps.log.warn('GovWin listing stopped at the 10,000-offset ceiling; narrow the discovery', {
      totalCount: found.totalCount,
    });
  }
  if (found.refs.length === 0 && deps.mode.kind === 'marked') {
    deps.log.warn('no opportunities are marked for Web Services download in GovWin IQ');
  }
  const changed = await deps.watermarks.filterChanged(found.refs);
  const messages = toMessages(changed, deps.batchSize);
  const { failed } = messages.length > 0 ? await deps.enqueue(messages) : { failed: 0 };
  deps.metrics.count(SYNC_METRIC.discovered, found.refs.length);
  deps.metrics.count(SYNC_METRIC.changed, changed.length);
  deps.metrics.count(SYNC_METRIC.enqueued, messages.length - failed);
  deps.metrics.count(SYNC_METRIC.rejected, found.invalid.length);
  const result: OrchestrateResult = {
    mode: deps.mode.kind,
    discovered: found.refs.length,
    invalid: found.invalid.length,
    changed: changed.length,
    messages: messages.length,
    failedMessages: failed,
    truncated: found.truncated,
    govwinListCalls: found.calls,
  };
  deps.log.info('GovWin discovery done', { ...result });
  if (failed > 0) {
    throw new AppError(`${failed} of ${messages.length} sync messages could not be enqueued`, {
      code: 'ENQUEUE_FAILED',
      retryable: true,
    });
  }
  if (deps.mode.kind === 'search') await deps.watermarks.setCursor(new Date(started).toISOString());
  return result;
};
