// `pnpm start -- --live`: the deployed handlers against real GovWin, HubSpot and Partner Central, with the
// state that must survive runs in DynamoDB Local on disk. Order: validate -> say what will be touched ->
// read-only discovery -> plan -> confirmation -> sync -> submit -> reconcile -> summary.
// Exit codes: 0 every step worked; 1 a step failed or the operator declined; 2 configuration or refusal.
import { hasJava as defaultHasJava } from '@govwin-ace/shared-core/testing';
import type { MainArgs } from '../cli-args';
import { captureLambdaLogs } from '../log-capture';
import { makeProgress, type Progress } from '../progress';
import { checkAwsCredentials } from './aws-credentials';
import { countHttpCalls } from './http-call-counter';
import { type LiveConfig, LiveConfigError, readLiveConfig } from './live-config';
import { askOnTerminal, confirmLive } from './live-confirm';
import { discoverLiveWork, LiveSetupError, type PlannedSubmission } from './live-discovery';
import { describePlan, describeTargets } from './live-plan';
import { type LiveRuntime, startLiveRuntime } from './live-runtime';
import { type LiveState, openLiveState } from './live-state';
import { auditedWritesSince, runReconcileStep, runSubmitStep, runSyncStep } from './live-steps';
import { emptySummary, exitCodeOf, type LiveSummary, summaryLines } from './live-summary';
import { lockStateDir, statePaths } from './state-dir';

/** Where a live run reads and writes (injected by tests). */
export interface LiveIo {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** True when a person can answer the confirmation prompt. */
  interactive: boolean;
  hasJava: () => boolean;
}

const defaultIo = (): LiveIo => ({
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  hasJava: defaultHasJava,
});

/** A refusal or setup problem: one line on stderr and exit 2, nothing written. */
class Refusal extends Error {}

const firstLine = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 300) ?? 'failed';

/** Discovery, with any failure turned into a refusal (nothing has been written yet). */
const discover = async (config: LiveConfig, state: LiveState) => {
  try {
    return await discoverLiveWork(config, state.submissions);
  } catch (err) {
    const prefix = err instanceof LiveSetupError ? '' : 'reading HubSpot failed: ';
    throw new Refusal(`${prefix}${firstLine(err)}; nothing was written`);
  }
};

/** Runs one step with a progress line; a thrown step is a failed step, the next ones still run. */
const step = async <F>(
  progress: Progress,
  summary: LiveSummary,
  name: string,
  run: () => Promise<{ ok: boolean; detail: string; facts: F }>,
  keep: (facts: F) => void
): Promise<void> => {
  progress.start(name);
  try {
    const r = await run();
    keep(r.facts);
    summary.steps.push({ name, status: r.ok ? 'ok' : 'failed', detail: r.detail });
  } catch (err) {
    summary.steps.push({ name, status: 'failed', detail: firstLine(err) });
  }
  const last = summary.steps.at(-1);
  progress.done(last?.status ?? 'failed', last?.detail ?? '');
};

/** The confirmed part: start the handlers, sync, submit, reconcile. */
const execute = async (
  config: LiveConfig,
  state: LiveState,
  found: {
    pipeline: Awaited<ReturnType<typeof discover>>['pipeline'];
    planned: PlannedSubmission[];
  },
  progress: Progress,
  logFile: string
): Promise<LiveSummary> => {
  const summary = emptySummary(config.catalog, logFile);
  const startedAt = Date.now();
  const logs = captureLambdaLogs(logFile);
  const counter = countHttpCalls({
    [new URL(config.govwin.baseUrl).host]: 'govwin',
    [new URL(config.hubspot.baseUrl).host]: 'hubspot',
  });
  let runtime: LiveRuntime | undefined;
  try {
    progress.start('starting local SQS/SNS/Secrets Manager and loading the handlers');
    try {
      runtime = await startLiveRuntime(config, state, found.pipeline);
    } catch (err) {
      // Handlers read their configuration at import: a bad GOVWIN_DISCOVERY, for example, lands here.
      progress.done('failed', firstLine(err));
      throw new Refusal(`the handlers could not start: ${firstLine(err)}; nothing was written`);
    }
    progress.done('ok', '4 handlers loaded');
    const rt = runtime;
    await step(
      progress,
      summary,
      'GovWin -> HubSpot sync (orchestrator once, then the worker)',
      () => runSyncStep(rt),
      (f) => {
        summary.sync = f;
      }
    );
    await step(
      progress,
      summary,
      'submit the trigger-stage deals (submit consumer)',
      () =>
        runSubmitStep({
          config,
          state,
          runtime: rt,
          planned: found.planned,
          triggerStageId: found.pipeline.stageIds.trigger,
          startedAt,
        }),
      (f) => {
        summary.submit = f;
      }
    );
    await step(
      progress,
      summary,
      'reconcile (AWS status -> HubSpot, parked edits)',
      () => runReconcileStep(rt),
      (f) => {
        summary.reconcile = f;
      }
    );
    const writes = await auditedWritesSince(state, startedAt);
    const calls = counter.counts();
    summary.auditedWrites = {
      partnerCentral: writes.partnercentral ?? 0,
      hubspot: writes.hubspot ?? 0,
    };
    summary.httpRequests = { govwin: calls.govwin ?? 0, hubspot: calls.hubspot ?? 0 };
    summary.alerts = rt.aws.published.map((m) => m.subject ?? '(no subject)');
    summary.dlqDepth = rt.dlqDepth();
    summary.logLines = logs.count();
    return summary;
  } finally {
    await runtime?.stop();
    counter.restore();
    logs.restore();
  }
};

/** Everything after validation, with the state directory locked. */
const runLocked = async (args: MainArgs, io: LiveIo, config: LiveConfig): Promise<number> => {
  // With --json the summary is the only thing on stdout.
  const out = args.json ? io.stderr : io.stdout;
  const say = (line: string) => void out.write(`${line}\n`);
  const paths = statePaths(config.stateDir);
  for (const line of describeTargets(config, paths)) say(line);
  let state: LiveState;
  try {
    state = await openLiveState(paths.dynamodb);
  } catch (err) {
    throw new Refusal(`DynamoDB Local did not start on ${paths.dynamodb}: ${firstLine(err)}`);
  }
  try {
    const found = await discover(config, state);
    for (const line of describePlan(config, found.pipeline, found.planned)) say(line);
    const verdict = await confirmLive({
      yes: args.yes,
      interactive: io.interactive,
      ask: askOnTerminal(io.stdin, out),
    });
    if (verdict === 'no-terminal')
      throw new Refusal(
        '--live writes to real systems and needs confirmation: pass --yes (no terminal to ask on); nothing was written'
      );
    if (verdict === 'declined') {
      say('not confirmed: nothing was written');
      return 1;
    }
    const progress = makeProgress(out as NodeJS.WriteStream);
    const summary = await execute(config, state, found, progress, paths.log);
    if (args.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else for (const line of summaryLines(summary)) say(line);
    return exitCodeOf(summary);
  } finally {
    await state.stop();
  }
};

/**
 * Runs `--live`. Says what it will touch first, writes nothing to GovWin, HubSpot or AWS before the operator
 * confirmed (or passed `--yes`), and never prints a credential.
 * @example process.exit(await runLive(parseMainArgs(argv)));
 */
export const runLive = async (args: MainArgs, io: LiveIo = defaultIo()): Promise<number> => {
  try {
    const config = readLiveConfig(args, io.env, io.cwd);
    if (!io.hasJava())
      throw new Refusal(
        'java not found: --live keeps its state in DynamoDB Local, which needs Java 17 (apt-get install openjdk-17-jre-headless)'
      );
    await checkAwsCredentials(io.env);
    const lock = lockStateDir(config.stateDir);
    try {
      return await runLocked(args, io, config);
    } finally {
      lock.release();
    }
  } catch (err) {
    if (!(err instanceof Refusal || err instanceof LiveConfigError)) throw err;
    io.stderr.write(`govwin-ace local: ${err.message}\n`);
    return 2;
  }
};
